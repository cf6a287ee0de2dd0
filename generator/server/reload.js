// reload.js: added by `handbook serve` to every page it serves, never to
// built pages. It reloads the page after each good build, keeping the
// scroll position, and shows build problems over the page until fixed.
(function () {
  "use strict";
  var key = "handbook-scroll:" + location.pathname;
  var saved = sessionStorage.getItem(key);
  if (saved !== null) {
    sessionStorage.removeItem(key);
    window.addEventListener("load", function () { window.scrollTo(0, +saved); });
  }
  var seen = null;
  var source = new EventSource("/__handbook/events");

  function overlay(problems) {
    // the page of problems served before any good build: its list is
    // brought up to date, as there is nothing underneath to cover
    var page = document.getElementById("handbook-no-site");
    if (page) {
      var list = page.querySelector("ul"), title = page.querySelector("h1");
      while (list.firstChild) list.removeChild(list.firstChild);
      problems.forEach(function (p) {
        var li = document.createElement("li");
        li.textContent = p;
        list.appendChild(li);
      });
      title.textContent = problems.length + (problems.length === 1 ? " problem" : " problems") + " in the content";
      return;
    }
    var box = document.getElementById("handbook-problems");
    if (!box) {
      box = document.createElement("div");
      box.id = "handbook-problems";
      box.setAttribute("role", "alert");
      box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;padding:1.5rem;" +
        "background:rgba(20,20,20,.94);color:#fff;font:14px/1.5 ui-monospace,monospace";
      document.body.appendChild(box);
    }
    while (box.firstChild) box.removeChild(box.firstChild);
    var h = document.createElement("h2");
    h.textContent = problems.length + (problems.length === 1 ? " problem" : " problems") +
      " in the content. Fix and save; this page shows the last good build underneath.";
    h.style.cssText = "margin:0 0 1rem;font:bold 16px/1.4 system-ui,sans-serif;color:#ffb4a8";
    box.appendChild(h);
    var ul = document.createElement("ul");
    ul.style.cssText = "margin:0;padding-left:1.2rem";
    problems.forEach(function (p) {
      var li = document.createElement("li");
      li.textContent = p;
      ul.appendChild(li);
    });
    box.appendChild(ul);
  }

  function reload() {
    sessionStorage.setItem(key, String(window.scrollY));
    location.reload();
  }

  source.addEventListener("hello", function (e) {
    if (seen !== null && seen !== e.data) reload(); // the server rebuilt while we were away
    seen = e.data;
  });
  source.addEventListener("reload", function (e) { seen = e.data; reload(); });
  source.addEventListener("problems", function (e) { overlay(JSON.parse(e.data)); });
})();
