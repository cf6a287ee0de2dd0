// handout.js: the handout builder.
//
// A clinician picks exercises, sets each dose, adds notes and the patient's
// name, and prints. The handout lives in the address (#h=: base64url of a
// small JSON, the same form generator/render writes for programmes), so a
// link or bookmark brings it back anywhere, and in localStorage, so a
// reload keeps it. Works from disk: the exercise data is a classic script.
// Everything from data is inserted as text, never as HTML.
(function () {
  "use strict";

  var KEY = "handbook-handout";
  var FIELDS = [ // a handout item: [id, sets, reps, hold, rest, duration, frequency, each-side, note]
    { i: 1, name: "sets", label: "Sets", size: 3 },
    { i: 2, name: "reps", label: "Reps", size: 5 },
    { i: 3, name: "hold", label: "Hold (s)", size: 5 },
    { i: 4, name: "rest", label: "Rest (s)", size: 4 },
    { i: 5, name: "duration", label: "Minutes", size: 5 },
    { i: 6, name: "frequency", label: "How often", size: 16 }
  ];

  var root = document.getElementById("handout");
  var byID = Object.create(null), all = [];
  var state = { v: 1, n: "", d: "", c: "", x: [] };

  window.HandbookHandout = { exercises: start };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  // ---- state in the address and in localStorage -------------------------

  function encode(s) {
    var bytes = new TextEncoder().encode(JSON.stringify(s)), bin = "";
    bytes.forEach(function (b) { bin += String.fromCharCode(b); });
    return btoa(bin).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
  }

  function decode(text) {
    try {
      var bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      var s = JSON.parse(new TextDecoder().decode(bytes));
      if (!s || !Array.isArray(s.x)) return null;
      s.x = s.x.filter(function (it) { return Array.isArray(it) && byID[it[0]]; })
        .map(function (it) { return it.slice(0, 9).concat(["", "", "", "", "", "", "", "", ""]).slice(0, 9).map(String); });
      return { v: 1, n: String(s.n || ""), d: String(s.d || ""), c: String(s.c || ""), x: s.x };
    } catch (e) {
      return null;
    }
  }

  function param(name) {
    var m = new RegExp("(?:^#|&)" + name + "=([^&]*)").exec(location.hash);
    return m ? m[1] : null;
  }

  function save() {
    var h = "#h=" + encode(state);
    try { history.replaceState(null, "", h); } catch (e) { location.hash = h; }
    try { localStorage.setItem(KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
    var link = document.getElementById("handout-link");
    link.href = location.href;
    link.textContent = state.x.length ? "open this handout" : "an empty handout";
    drawQR(h);
  }

  // drawQR puts the handout's online link on the printed sheet as a QR
  // code, when the site has a base URL and the link is short enough.
  function drawQR(hash) {
    var box = document.getElementById("handout-qr"), base = root.getAttribute("data-base");
    while (box.firstChild) box.removeChild(box.firstChild);
    box.hidden = !base || !state.x.length || !window.HandbookQR;
    if (box.hidden) return;
    var code = HandbookQR.svg(base + "handout.html" + hash, "QR code: this handout online");
    if (code) {
      box.appendChild(code);
      box.appendChild(el("span", "", "Online"));
    } else {
      box.appendChild(el("span", "qr-too-long", "Link too long for a QR code"));
    }
  }

  // load takes the handout from the link, else from this browser's
  // storage. What cannot be read is never used: a broken link is said so,
  // and broken stored state is cleared with a notice, so it cannot break
  // every later visit.
  function load() {
    var h = param("h");
    if (h) {
      var fromHash = decode(h);
      if (fromHash) return fromHash;
      notice("This handout link could not be read. It may have been cut short; ask for the link again.");
    }
    var stored = null;
    try { stored = localStorage.getItem(KEY); } catch (e) { return state; /* no storage */ }
    if (!stored) return state;
    var s = null;
    try { s = decode(encode(JSON.parse(stored))); } catch (e) { s = null; }
    if (s) return s;
    try { localStorage.removeItem(KEY); } catch (e) { /* private mode */ }
    notice("A handout saved in this browser could not be read, so it was cleared.");
    return state;
  }

  function notice(text) {
    var p = el("p", "handout-notice", text);
    p.setAttribute("role", "alert");
    root.insertBefore(p, root.firstChild);
  }

  function itemFor(id) {
    var e = byID[id];
    return [id].concat(e.d, [""]);
  }

  // ---- the page ---------------------------------------------------------

  function start(list) {
    all = list;
    list.forEach(function (e) { byID[e.i] = e; });
    if (!root) return;
    root.hidden = false;
    state = load();
    var add = param("add");
    if (add && byID[add] && !state.x.some(function (it) { return it[0] === add; })) {
      state.x.push(itemFor(add));
      announce(byID[add].t + " added.");
    }
    fields();
    render();
    picker();
    document.getElementById("handout-print").addEventListener("click", function () { window.print(); });
    document.getElementById("handout-clear").addEventListener("click", function () {
      if (state.x.length && !window.confirm("Start a new, empty handout? The current one is kept only in its link.")) return;
      state = { v: 1, n: "", d: "", c: "", x: [] };
      fields();
      render();
    });
  }

  function announce(text) {
    document.getElementById("handout-status").textContent = text;
  }

  function fields() {
    [["handout-patient", "n"], ["handout-date", "d"], ["handout-clinician", "c"]].forEach(function (f) {
      var input = document.getElementById(f[0]);
      input.value = state[f[1]];
      input.oninput = function () { state[f[1]] = input.value; printFields(); save(); };
    });
    printFields();
  }

  function printFields() {
    var parts = [];
    if (state.n) parts.push("For: " + state.n);
    if (state.d) parts.push("Date: " + state.d);
    if (state.c) parts.push("From: " + state.c);
    root.querySelector(".handout-fields-print").textContent = parts.join("   ·   ");
  }

  // doseText says the dose in words, for print.
  function doseText(it) {
    var side = it[7] === "1" ? " each side" : "", parts = [];
    if (it[1]) parts.push(it[1] + (it[1] === "1" ? " set" : " sets"));
    if (it[2]) parts.push(it[2] + " reps" + side);
    if (it[3]) parts.push("hold " + it[3] + " s" + (it[2] ? "" : side));
    if (it[5]) parts.push(it[5] + " min");
    if (it[4]) parts.push("rest " + it[4] + " s");
    if (it[6]) parts.push(it[6]);
    return parts.join(", ");
  }

  function render() {
    var list = document.getElementById("handout-list");
    while (list.firstChild) list.removeChild(list.firstChild);
    document.getElementById("handout-empty").hidden = state.x.length > 0;
    state.x.forEach(function (it, k) { list.appendChild(card(it, k)); });
    save();
  }

  function card(it, k) {
    var e = byID[it[0]], li = el("li", "handout-item");
    var h = el("h2", "", "");
    var a = el("a", "", e.t);
    a.href = root.getAttribute("data-root") + "exercises/" + e.i + ".html";
    h.appendChild(a);
    if (e.f) {
      var pic = el("img", "fig-img");
      pic.src = root.getAttribute("data-root") + e.f;
      pic.alt = "";
      pic.width = 120;
      pic.height = 70;
      li.appendChild(pic);
    }
    li.appendChild(h);
    var dose = el("p", "dose-line print-only", doseText(it));
    li.appendChild(dose);

    var editor = el("fieldset", "dose-editor print-hide");
    editor.appendChild(el("legend", "visually-hidden", "Dose for " + e.t));
    FIELDS.forEach(function (f) {
      var label = el("label", "", f.label + " ");
      var input = el("input");
      input.name = f.name;
      input.size = f.size;
      input.value = it[f.i];
      input.addEventListener("input", function () {
        it[f.i] = input.value.trim();
        dose.textContent = doseText(it);
        save();
      });
      label.appendChild(input);
      editor.appendChild(label);
    });
    var sideLabel = el("label", "", " Each side ");
    var side = el("input");
    side.type = "checkbox";
    side.checked = it[7] === "1";
    side.addEventListener("change", function () { it[7] = side.checked ? "1" : ""; dose.textContent = doseText(it); save(); });
    sideLabel.appendChild(side);
    editor.appendChild(sideLabel);
    li.appendChild(editor);

    if (e.p && e.p.length) {
      var steps = el("ol", "key-steps");
      e.p.slice(0, 6).forEach(function (s) { steps.appendChild(el("li", "", s)); });
      li.appendChild(steps);
    }
    var stop = el("p", "stop-line");
    stop.appendChild(el("strong", "", "Stop if: "));
    stop.appendChild(document.createTextNode(e.x.join(" ")));
    li.appendChild(stop);

    var noteLabel = el("label", "note-editor print-hide", "Note ");
    var note = el("textarea");
    note.rows = 2;
    note.value = it[8];
    var noteText = el("p", "note print-only", "");
    function showNote() {
      noteText.textContent = it[8] ? "Note: " + it[8] : "";
      noteText.hidden = !it[8];
    }
    note.addEventListener("input", function () { it[8] = note.value; showNote(); save(); });
    noteLabel.appendChild(note);
    li.appendChild(noteLabel);
    showNote();
    li.appendChild(noteText);

    var tools = el("p", "item-tools print-hide");
    [["Move up", -1], ["Move down", 1]].forEach(function (m) {
      var b = el("button", "", m[0]);
      b.type = "button";
      b.setAttribute("aria-label", m[0] + ": " + e.t);
      b.disabled = (m[1] < 0 && k === 0) || (m[1] > 0 && k === state.x.length - 1);
      b.addEventListener("click", function () {
        var j = k + m[1];
        state.x.splice(j, 0, state.x.splice(k, 1)[0]);
        render();
        announce(e.t + " moved to place " + (j + 1) + ".");
        var again = document.querySelectorAll(".handout-item")[j].querySelector("button[aria-label^='" + m[0] + "']");
        if (again && !again.disabled) again.focus();
      });
      tools.appendChild(b);
    });
    var rm = el("button", "", "Remove");
    rm.type = "button";
    rm.setAttribute("aria-label", "Remove " + e.t);
    rm.addEventListener("click", function () {
      state.x.splice(k, 1);
      render();
      picker();
      announce(e.t + " removed.");
      document.getElementById("picker-search").focus();
    });
    tools.appendChild(rm);
    li.appendChild(tools);
    return li;
  }

  // picker lists the exercises not in the handout: all of them, by name,
  // or, for search words, ranked by the handbook's search engine (the
  // exact name first, synonyms, typos); the type narrows either. Without
  // the search index it falls back to matching the words in the names.
  function picker() {
    var search = document.getElementById("picker-search");
    var category = document.getElementById("picker-category");
    var list = document.getElementById("picker-list");
    var seq = 0;
    function show(found) {
      var have = Object.create(null);
      state.x.forEach(function (it) { have[it[0]] = true; });
      while (list.firstChild) list.removeChild(list.firstChild);
      var shown = 0;
      found.forEach(function (e) {
        if (have[e.i] || (category && category.value && e.c !== category.value)) return;
        var li = el("li");
        var b = el("button", "", "Add");
        b.type = "button";
        b.setAttribute("aria-label", "Add " + e.t);
        b.addEventListener("click", function () {
          state.x.push(itemFor(e.i));
          render();
          fill();
          announce(e.t + " added. " + state.x.length + " in the handout.");
          search.focus();
        });
        li.appendChild(b);
        li.appendChild(el("span", "", " " + e.t + " "));
        li.appendChild(el("span", "label", "Level " + e.l + " · " + e.c));
        list.appendChild(li);
        shown++;
      });
      if (!shown) list.appendChild(el("li", "", "No exercise matches."));
    }
    function byWords(q) {
      var words = q.toLowerCase().split(/\s+/).filter(Boolean);
      return all.filter(function (e) {
        var text = (e.t + " " + (e.a || []).join(" ") + " " + e.s).toLowerCase();
        return words.every(function (w) { return text.indexOf(w) >= 0; });
      });
    }
    function fill() {
      var q = search.value, mine = ++seq, answered = false;
      if (!q.trim() || !window.HandbookSearch) { show(q.trim() ? byWords(q) : all); return; }
      window.HandbookSearch.find(q, { section: "exercises" }, function (err, keys) {
        if (mine !== seq) return;
        answered = true;
        if (err || !keys) { show(byWords(q)); return; }
        show(keys.map(function (k) { return byID[k.slice(k.indexOf("/") + 1)]; }).filter(Boolean));
      });
      // until the index has loaded, the words in the names
      if (!answered) show(byWords(q));
    }
    // search.js loads after this script: load the index when the box is
    // first used
    search.addEventListener("focus", function () { if (window.HandbookSearch) window.HandbookSearch.prepare(); });
    search.oninput = fill;
    if (category) category.onchange = fill;
    fill();
  }
})();
