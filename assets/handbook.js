// handbook.js: small enhancements on top of plain pages. Every feature here
// is optional: with JavaScript off, the pages and their links still work.
// No network calls: the site must work when opened from disk.
(function () {
  "use strict";

  // Exercise list filters: show the filter form and hide list items that do
  // not match every chosen value. Without JS the per-value pages do this.
  function setUpFilters() {
    var form = document.getElementById("filters");
    if (!form) return;
    var items = Array.prototype.slice.call(document.querySelectorAll(".page-list > li"));
    var status = form.querySelector(".filter-status");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    form.hidden = false;

    function apply() {
      var shown = 0;
      items.forEach(function (li) {
        var ok = selects.every(function (s) {
          if (!s.value) return true;
          var have = (li.getAttribute("data-" + s.name) || "").split(" ");
          return have.indexOf(s.value) >= 0;
        });
        li.hidden = !ok;
        if (ok) shown++;
      });
      status.textContent = HB_T("js.handbook.shown", shown, items.length);
    }
    selects.forEach(function (s) { s.addEventListener("change", apply); });
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    apply();
  }

  // Reading comfort: a theme toggle and a text size, remembered. Without a
  // choice the page follows the system's light or dark setting. The head's
  // small script applies a saved choice before the page is drawn.
  function setUpComfort() {
    var box = document.getElementById("comfort");
    if (!box) return;
    var root = document.documentElement, toggle = document.getElementById("theme-toggle");
    var sizes = [87.5, 100, 112.5, 125, 150, 175, 200];
    function store(k, v) { try { localStorage.setItem(k, v); } catch (e) { /* private mode */ } }
    function dark() {
      var t = root.getAttribute("data-theme");
      return t ? t === "dark" : window.matchMedia("(prefers-color-scheme: dark)").matches;
    }
    // the button says its state to the eye too: "Dark mode on"; a screen
    // reader hears "Dark mode, pressed" (aria-pressed), without the word
    var state = toggle.querySelector(".toggle-state");
    function show() {
      toggle.setAttribute("aria-pressed", dark() ? "true" : "false");
      if (state) state.textContent = dark() ? HB_T("js.handbook.theme.on") : HB_T("js.handbook.theme.off");
    }
    toggle.addEventListener("click", function () {
      var t = dark() ? "light" : "dark";
      root.setAttribute("data-theme", t);
      store("handbook-theme", t);
      show();
    });
    function size(step) {
      var now = parseFloat(root.style.fontSize) || 100, i = sizes.indexOf(now);
      if (i < 0) i = 1;
      i = Math.max(0, Math.min(sizes.length - 1, i + step));
      root.style.fontSize = sizes[i] + "%";
      store("handbook-size", String(sizes[i]));
    }
    document.getElementById("text-smaller").addEventListener("click", function () { size(-1); });
    document.getElementById("text-larger").addEventListener("click", function () { size(1); });
    box.hidden = false;
    show();
  }

  // Offline: over http(s), register the service worker the build wrote
  // (never from disk, where the page adds no manifest link, as a browser
  // refuses to load it there; never under serve, which writes none), and
  // offer a reload when a newer handbook has been kept.
  function setUpOffline() {
    var link = document.querySelector('link[rel="manifest"]');
    if (!link || !("serviceWorker" in navigator) || !/^https?:$/.test(location.protocol)) return;
    var chosen = false;
    navigator.serviceWorker.register(new URL("sw.js", link.href).href).then(function (reg) {
      reg.addEventListener("updatefound", function () {
        var w = reg.installing;
        w.addEventListener("statechange", function () {
          if (w.state === "installed" && navigator.serviceWorker.controller) notice(w);
        });
      });
    }).catch(function () { /* offline reading is a bonus; the site works without it */ });
    navigator.serviceWorker.addEventListener("controllerchange", function () {
      if (chosen) location.reload();
    });
    function notice(w) {
      var box = document.createElement("div");
      box.className = "update-notice";
      box.setAttribute("role", "status");
      var text = document.createElement("span");
      text.textContent = HB_T("js.handbook.updated");
      var button = document.createElement("button");
      button.type = "button";
      button.textContent = HB_T("js.handbook.reload");
      button.addEventListener("click", function () { chosen = true; w.postMessage("skipWaiting"); });
      box.appendChild(text);
      box.appendChild(button);
      document.body.appendChild(box);
    }
  }

  // The header's menu: a details element, so it opens without JavaScript.
  // On a wide screen it is a row of links, kept open (for browsers whose
  // CSS cannot show a closed details element's content); on a phone,
  // Escape or a tap outside closes it.
  function setUpMenu() {
    var menu = document.getElementById("site-menu");
    if (!menu || !window.matchMedia) return;
    var wide = window.matchMedia("(min-width: 60rem)");
    function fit() { menu.open = wide.matches; }
    if (wide.addEventListener) wide.addEventListener("change", fit);
    fit();
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" || !menu.open || wide.matches) return;
      var inside = menu.contains(document.activeElement);
      menu.open = false;
      if (inside) menu.querySelector("summary").focus();
    });
    document.addEventListener("click", function (e) {
      if (menu.open && !wide.matches && !menu.contains(e.target)) menu.open = false;
    });
  }

  setUpFilters();
  setUpMenu();
  setUpComfort();
  setUpOffline();
})();
