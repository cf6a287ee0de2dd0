// handout.js: the handout builder.
//
// A clinician picks exercises, sets each dose, adds notes and the patient's
// details, and prints. The programme (exercises and doses) lives in the
// address, #p= (see generator/render/handout.go for the form), so a link,
// a bookmark or the QR code on the sheet opens it again anywhere. The
// patient's details and the notes are never in the address: they print,
// and stay in this browser only when asked. In shared-computer mode the
// builder keeps nothing in the browser at all. Templates (saved
// programmes, with notes) are kept in the browser, and go to and come
// from a file. Works from disk: the data is a classic script. Everything
// from data is inserted as text, never as HTML.
(function () {
  "use strict";

  var KEY = "handbook-handout";                 // the programme being built
  var PATIENT = "handbook-handout-patient";     // only when asked to remember
  var TEMPLATES = "handbook-handout-templates"; // saved programmes
  var VERSION = 2;
  // a handout item: [id, sets, reps, hold, rest, duration, frequency, each-side, note]
  var FIELDS = [
    { i: 1, name: "sets", label: "Sets", size: 3 },
    { i: 2, name: "reps", label: "Reps", size: 5 },
    { i: 3, name: "hold", label: "Hold (s)", size: 5 },
    { i: 4, name: "rest", label: "Rest (s)", size: 4 },
    { i: 5, name: "duration", label: "Minutes", size: 5 },
    { i: 6, name: "frequency", label: "How often", size: 16 }
  ];
  // a step's placeholders ("{hold}"): the dose parts, by name
  var PLACEHOLDER = Object.create(null);
  FIELDS.forEach(function (f) { PLACEHOLDER[f.name] = f.i; });

  // a picture wider than WIDE times its height goes across the sheet, as
  // generator/render WideAbove
  var WIDE = 2.2;

  var root = document.getElementById("handout");
  var byID = Object.create(null), all = [], programs = [];
  var items = [];                                // the programme
  var patient = { n: "", d: "", r: "", c: "" }; // name, date, review date, clinician
  var shared = false, remember = false;

  window.HandbookHandout = { exercises: start, programs: function (list) { programs = list || []; } };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function button(text, label, onclick) {
    var b = el("button", "", text);
    b.type = "button";
    if (label) b.setAttribute("aria-label", label);
    b.addEventListener("click", onclick);
    return b;
  }

  // ---- the programme in the address --------------------------------------

  // fieldText encodes one dose part: "" for the exercise's own, "_" for a
  // part cleared, else the text with the separators escaped.
  // "*" is the same part as the exercise before ("twice a day" once for
  // a whole programme).
  function fieldText(v, own, before) {
    if (v === own) return "";
    if (v === "") return "_";
    if (v === before) return "*";
    return encodeURIComponent(v).replace(/\./g, "%2E").replace(/~/g, "%7E").replace(/_/g, "%5F").replace(/\*/g, "%2A");
  }

  function encodeProgramme(list) {
    return [String(VERSION)].concat(list.map(function (it, n) {
      var own = byID[it[0]].d, parts = [encodeURIComponent(it[0]).replace(/\./g, "%2E")];
      for (var k = 1; k <= 7; k++) parts.push(fieldText(it[k], own[k - 1], n > 0 ? list[n - 1][k] : null));
      while (parts.length > 1 && parts[parts.length - 1] === "") parts.pop();
      return parts.join(".");
    })).join("~");
  }

  // decodeProgramme reads #p=; null if it cannot be read. Exercises the
  // handbook no longer has are left out.
  function decodeProgramme(text) {
    try {
      var parts = text.split("~");
      if (parts[0] !== String(VERSION)) return null;
      var out = [];
      parts.slice(1).forEach(function (p) {
        var f = p.split("."), id = decodeURIComponent(f[0]), e = byID[id];
        if (!e) return;
        var it = [id];
        for (var k = 1; k <= 7; k++) {
          var v = f[k];
          it.push(v === undefined || v === "" ? e.d[k - 1] : v === "_" ? "" : v === "*" && out.length ? out[out.length - 1][k] : decodeURIComponent(v));
        }
        it.push("");
        out.push(it);
      });
      return out;
    } catch (err) {
      return null;
    }
  }

  // decodeOld reads #h=, the first form (base64url JSON): its exercises,
  // doses and notes; the patient's details it held are not used.
  function decodeOld(text) {
    try {
      var bin = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
      var bytes = new Uint8Array(bin.length);
      for (var i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
      var s = JSON.parse(new TextDecoder().decode(bytes));
      return s && Array.isArray(s.x) ? clean(s.x) : null;
    } catch (e) {
      return null;
    }
  }

  // clean keeps the items that name an exercise of the handbook, as nine
  // strings each: from storage, an old link or a file, nothing is trusted.
  function clean(list) {
    if (!Array.isArray(list)) return null;
    return list.filter(function (it) { return Array.isArray(it) && typeof it[0] === "string" && byID[it[0]]; })
      .map(function (it) {
        return it.slice(0, 9).concat(["", "", "", "", "", "", "", "", ""]).slice(0, 9).map(function (v) {
          return typeof v === "string" || typeof v === "number" ? String(v).slice(0, 500) : "";
        });
      });
  }

  function param(name) {
    var m = new RegExp("(?:^#|&)" + name + "=([^&]*)").exec(location.hash);
    return m ? m[1] : null;
  }

  function hash() {
    return "#p=" + encodeProgramme(items) + (shared ? "&shared=1" : "");
  }

  // programmeLink is the link to send: online when the site has a base
  // URL, else this page's; the programme only.
  function programmeLink() {
    var base = root.getAttribute("data-base"), h = "#p=" + encodeProgramme(items);
    if (base) return base + "handout.html" + h;
    return location.href.replace(/#.*$/, "") + h;
  }

  // ---- the browser's storage -----------------------------------------------

  function store(key, value) {
    if (shared) return;
    try {
      if (value === null) localStorage.removeItem(key);
      else localStorage.setItem(key, JSON.stringify(value));
    } catch (e) { /* no storage, or full */ }
  }

  function stored(key) {
    try {
      var s = localStorage.getItem(key);
      return s === null ? null : JSON.parse(s);
    } catch (e) {
      return undefined; // unreadable
    }
  }

  function forget() {
    try {
      localStorage.removeItem(KEY);
      localStorage.removeItem(PATIENT);
    } catch (e) { /* no storage */ }
  }

  function save() {
    try { history.replaceState(null, "", hash()); } catch (e) { location.hash = hash(); }
    store(KEY, { v: VERSION, x: items });
    store(PATIENT, remember ? patient : null);
    var link = document.getElementById("handout-link");
    link.href = programmeLink();
    link.textContent = items.length ? "this handout (" + items.length + (items.length === 1 ? " exercise)" : " exercises)") : "an empty handout";
    drawQR();
    privacy();
  }

  function privacy() {
    var text = shared ? "Shared-computer mode: nothing is kept in this browser. Close the page and the handout is gone, except in its link." :
      remember ? "The programme, its notes and the patient's details are kept in this browser until you clear them." :
        "The programme and its notes are kept in this browser; the patient's details are not.";
    document.getElementById("handout-privacy").textContent = text;
  }

  // drawQR puts the programme's online link on the printed sheet as a QR
  // code, when the site has a base URL.
  function drawQR() {
    var box = document.getElementById("handout-qr"), base = root.getAttribute("data-base");
    while (box.firstChild) box.removeChild(box.firstChild);
    box.hidden = !base || !items.length || !window.HandbookQR;
    if (box.hidden) return;
    var code = HandbookQR.svg(programmeLink(), "QR code: this programme online");
    if (code) {
      box.appendChild(code);
      box.appendChild(el("span", "", "Scan to open"));
    } else {
      box.appendChild(el("span", "qr-too-long", "Too many changes for a QR code; use the link"));
    }
  }

  // load takes the programme from the link (#p=, #program=, or the old
  // #h=), else from this browser's storage. What cannot be read is never
  // used: a broken link is said so, and broken stored state is cleared
  // with a notice, so it cannot break every later visit.
  function load() {
    shared = param("shared") === "1";
    var p = param("p"), prog = param("program"), h = param("h");
    if (p !== null) {
      var fromLink = decodeProgramme(p);
      if (fromLink) return withStoredNotes(fromLink);
      notice("This handout link could not be read. It may have been cut short; ask for the link again.");
    } else if (prog !== null) {
      var name = prog;
      try { name = decodeURIComponent(prog); } catch (e) { /* shown as written */ }
      var found = programs.filter(function (x) { return x.i === name; })[0];
      if (found) return clean(found.x);
      notice("There is no programme called " + name + " in this handbook.");
    } else if (h !== null) {
      var old = decodeOld(h);
      if (old) return old;
      notice("This handout link could not be read. It may have been cut short; ask for the link again.");
    }
    if (shared) return [];
    var raw = null, s = null;
    try { raw = localStorage.getItem(KEY); } catch (e) { return []; /* no storage */ }
    if (raw === null) return [];
    try { s = JSON.parse(raw); } catch (e) { s = null; }
    var list = s ? clean(s.x) : null; // the first version kept x too
    if (list) return list;
    store(KEY, null);
    notice("A handout saved in this browser could not be read, so it was cleared.");
    return [];
  }

  // withStoredNotes gives a programme from the link the notes this browser
  // keeps for the same programme (a reload, a bookmark on this computer).
  function withStoredNotes(list) {
    if (shared) return list;
    var s = stored(KEY), mine = s && clean(s.x);
    var same = function (a, b) { return a.slice(0, 8).join("\u0000") === b.slice(0, 8).join("\u0000"); };
    if (mine && mine.length === list.length && mine.every(function (it, k) { return same(it, list[k]); })) return mine;
    return list;
  }

  function loadPatient() {
    if (shared) return;
    var s = stored(PATIENT);
    if (!s || typeof s !== "object") return;
    remember = true;
    ["n", "d", "r", "c"].forEach(function (k) { patient[k] = typeof s[k] === "string" ? s[k].slice(0, 200) : ""; });
  }

  function notice(text) {
    var p = el("p", "handout-notice", text);
    p.setAttribute("role", "alert");
    root.insertBefore(p, root.firstChild);
  }

  function itemFor(id) {
    return [id].concat(byID[id].d, [""]);
  }

  // ---- the page ---------------------------------------------------------

  function start(list) {
    all = list;
    list.forEach(function (e) { byID[e.i] = e; });
    if (!root) return;
    root.hidden = false;
    items = load();
    loadPatient();
    var add = param("add");
    if (add && byID[add] && !items.some(function (it) { return it[0] === add; })) {
      items.push(itemFor(add));
      announce(byID[add].t + " added.");
    }
    fields();
    render();
    picker();
    templates();
    document.getElementById("handout-print").addEventListener("click", function () { window.print(); });
    document.getElementById("handout-copy").addEventListener("click", copyLink);
    document.getElementById("handout-clear").addEventListener("click", function () {
      if (items.length && !window.confirm("Start a new, empty handout? The current one is kept only in its link and in any template you saved.")) return;
      items = [];
      render();
      picker();
      announce("A new, empty handout.");
    });
    var sharedBox = document.getElementById("handout-shared");
    sharedBox.checked = shared;
    sharedBox.addEventListener("change", function () {
      shared = sharedBox.checked;
      if (shared) {
        forget();
        remember = false;
        document.getElementById("handout-remember").checked = false;
        announce("Shared-computer mode: the handout and the patient's details were removed from this browser, and nothing more will be kept.");
      } else {
        announce("This browser keeps the programme again.");
      }
      document.getElementById("handout-remember").disabled = shared;
      save();
      templates();
    });
    document.getElementById("handout-remember").disabled = shared;
  }

  function announce(text) {
    document.getElementById("handout-status").textContent = text;
  }

  function copyLink() {
    var link = programmeLink(), box = document.getElementById("handout-link-text");
    function shown() {
      box.hidden = false;
      box.value = link;
      box.focus();
      box.select();
      announce("The link is selected: press Ctrl+C (or Cmd+C) to copy it.");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(link).then(function () {
        announce("Link copied. It holds the exercises and doses only.");
        box.hidden = true;
      }, shown);
    } else {
      shown();
    }
  }

  function fields() {
    [["handout-patient", "n"], ["handout-date", "d"], ["handout-review", "r"], ["handout-clinician", "c"]].forEach(function (f) {
      var input = document.getElementById(f[0]);
      input.value = patient[f[1]];
      input.oninput = function () { patient[f[1]] = input.value; printFields(); save(); };
    });
    var keep = document.getElementById("handout-remember");
    keep.checked = remember;
    keep.onchange = function () {
      remember = keep.checked;
      save();
      announce(remember ? "The patient's details will be kept in this browser." : "The patient's details are no longer kept in this browser.");
    };
    document.getElementById("handout-clear-patient").onclick = function () {
      patient = { n: "", d: "", r: "", c: "" };
      fields();
      save();
      announce("The patient's details were cleared.");
    };
    printFields();
  }

  function printFields() {
    var parts = [];
    if (patient.n) parts.push("For: " + patient.n);
    if (patient.d) parts.push("Date: " + patient.d);
    if (patient.c) parts.push("From: " + patient.c);
    if (patient.r) parts.push("Review: " + patient.r);
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
    return parts.join(" · ");
  }

  // fillDose puts the item's dose in place of a step's placeholders
  // ("{hold}"), the exercise's own where the item has none; as
  // generator/render fillDose.
  function fillDose(text, it) {
    var own = byID[it[0]].d;
    return text.replace(/\{([a-z]+)\}/g, function (m, name) {
      var k = PLACEHOLDER[name];
      if (!k) return m;
      var v = it[k] || own[k - 1];
      if (!v) return m;
      var r = /^\s*([0-9.]+)\s*-\s*([0-9.]+)\s*$/.exec(v);
      return r ? r[1] + " to " + r[2] : v;
    });
  }

  function render() {
    var list = document.getElementById("handout-list");
    while (list.firstChild) list.removeChild(list.firstChild);
    document.getElementById("handout-empty").hidden = items.length > 0;
    items.forEach(function (it, k) { list.appendChild(card(it, k)); });
    save();
  }

  function card(it, k) {
    var e = byID[it[0]], li = el("li", "handout-item");
    if (e.f) {
      var fig = el("div", "ho-figure");
      var pic = el("img", "fig-img");
      pic.src = root.getAttribute("data-root") + (e.g || e.f);
      pic.alt = e.t + ": start and end positions";
      // a wide picture (lying down) goes across the sheet, so that its
      // figures are as tall as a standing one's; one too wide even for
      // that comes with its frames one above the other
      if (e.g) li.classList.add("stacked-figure");
      else {
        pic.addEventListener("load", function () {
          if (pic.naturalWidth > WIDE * pic.naturalHeight) li.classList.add("wide-figure");
        });
      }
      fig.appendChild(pic);
      li.appendChild(fig);
    }
    var head = el("div", "ho-head");
    li.insertBefore(head, li.firstChild);
    var body = el("div", "ho-body");
    li.appendChild(body);
    var h = el("h2", "", "");
    var a = el("a", "", e.t);
    a.href = root.getAttribute("data-root") + "exercises/" + e.i + ".html";
    h.appendChild(a);
    head.appendChild(h);
    var dose = el("p", "dose-box", doseText(it));
    dose.hidden = !doseText(it);
    head.appendChild(dose);

    var steps = el("ol", "key-steps");
    function showSteps() {
      while (steps.firstChild) steps.removeChild(steps.firstChild);
      (e.p || []).forEach(function (s) { steps.appendChild(el("li", "", fillDose(s, it))); });
    }
    showSteps();
    var noteText = el("p", "note", "");
    function showNote() {
      noteText.textContent = it[8] ? "Note: " + it[8] : "";
      noteText.hidden = !it[8];
    }
    showNote();
    var stop = el("p", "stop-line");
    stop.appendChild(el("strong", "", "Stop if: "));
    stop.appendChild(document.createTextNode(e.x.join(" ")));

    var editor = el("fieldset", "dose-editor print-hide");
    editor.appendChild(el("legend", "visually-hidden", "Dose for " + e.t));
    function changed() {
      dose.textContent = doseText(it);
      dose.hidden = !dose.textContent;
      showSteps();
      save();
    }
    FIELDS.forEach(function (f) {
      var label = el("label", "", f.label + " ");
      var input = el("input");
      input.name = f.name;
      input.size = f.size;
      input.value = it[f.i];
      input.addEventListener("input", function () { it[f.i] = input.value.trim(); changed(); });
      label.appendChild(input);
      editor.appendChild(label);
    });
    var sideLabel = el("label", "", " Each side ");
    var side = el("input");
    side.type = "checkbox";
    side.checked = it[7] === "1";
    side.addEventListener("change", function () { it[7] = side.checked ? "1" : ""; changed(); });
    sideLabel.appendChild(side);
    editor.appendChild(sideLabel);
    body.appendChild(editor);
    body.appendChild(steps);

    var noteLabel = el("label", "note-editor print-hide", "Note (printed; not in the link) ");
    var note = el("textarea");
    note.rows = 2;
    note.value = it[8];
    note.addEventListener("input", function () { it[8] = note.value; showNote(); save(); });
    noteLabel.appendChild(note);
    body.appendChild(noteLabel);
    body.appendChild(noteText);
    body.appendChild(stop);

    var tools = el("p", "item-tools print-hide");
    [["Move up", -1], ["Move down", 1]].forEach(function (m) {
      var b = button(m[0], m[0] + ": " + e.t, function () {
        var j = k + m[1];
        items.splice(j, 0, items.splice(k, 1)[0]);
        render();
        announce(e.t + " moved to place " + (j + 1) + ".");
        var again = document.querySelectorAll(".handout-item")[j].querySelector("button[aria-label^='" + m[0] + "']");
        if (again && !again.disabled) again.focus();
      });
      b.disabled = (m[1] < 0 && k === 0) || (m[1] > 0 && k === items.length - 1);
      tools.appendChild(b);
    });
    tools.appendChild(button("Remove", "Remove " + e.t, function () {
      items.splice(k, 1);
      render();
      picker();
      announce(e.t + " removed.");
      document.getElementById("picker-search").focus();
    }));
    body.appendChild(tools);
    return li;
  }

  // ---- templates ------------------------------------------------------------

  // savedTemplates are the templates kept in this browser: [{name, x}].
  function savedTemplates() {
    var s = stored(TEMPLATES);
    if (!s || !Array.isArray(s.t)) return [];
    return s.t.filter(function (t) { return t && typeof t.name === "string"; })
      .map(function (t) { return { name: t.name.slice(0, 100), x: clean(t.x) || [] }; });
  }

  function keepTemplates(list) {
    store(TEMPLATES, { v: 1, t: list });
  }

  function open(x, name) {
    if (items.length && !window.confirm("Replace the exercises of this handout with " + name + "?")) return;
    items = clean(x) || [];
    render();
    picker();
    announce(name + " opened: " + items.length + " exercises.");
    var first = document.querySelector(".handout-item h2 a");
    if (first) first.focus();
  }

  function templates() {
    var list = document.getElementById("template-list"), name = document.getElementById("template-name");
    var saveButton = document.getElementById("template-save");
    while (list.firstChild) list.removeChild(list.firstChild);
    var saved = savedTemplates();
    saved.forEach(function (t, k) {
      var li = el("li");
      li.appendChild(el("span", "template-name", t.name));
      li.appendChild(el("span", "label", " " + t.x.length + (t.x.length === 1 ? " exercise " : " exercises ")));
      li.appendChild(button("Open", "Open template " + t.name, function () { open(t.x, t.name); }));
      li.appendChild(button("Delete", "Delete template " + t.name, function () {
        if (!window.confirm("Delete the template " + t.name + "?")) return;
        var now = savedTemplates();
        now.splice(k, 1);
        keepTemplates(now);
        templates();
        announce("Template " + t.name + " deleted.");
      }));
      list.appendChild(li);
    });
    if (!saved.length) list.appendChild(el("li", "", shared ? "Templates are not kept in shared-computer mode." : "No templates saved in this browser yet."));
    saveButton.disabled = shared;
    name.disabled = shared;
    saveButton.onclick = function () {
      var n = name.value.trim();
      if (!n) { announce("Give the template a name first."); name.focus(); return; }
      if (!items.length) { announce("Add exercises before saving a template."); return; }
      var now = savedTemplates();
      if (now.some(function (t) { return t.name === n; }) && !window.confirm("Replace the template " + n + "?")) return;
      now = now.filter(function (t) { return t.name !== n; });
      now.push({ name: n, x: items.map(function (it) { return it.slice(); }) });
      now.sort(function (a, b) { return a.name.localeCompare(b.name); });
      keepTemplates(now);
      name.value = "";
      templates();
      announce("Saved as the template " + n + ".");
    };
    document.getElementById("template-export").onclick = exportTemplates;
    document.getElementById("template-import").onchange = importTemplates;
    var progList = document.getElementById("program-list");
    if (progList && !progList.firstChild) {
      programs.forEach(function (p) {
        var li = el("li");
        li.appendChild(el("span", "template-name", p.t));
        li.appendChild(el("span", "label", " " + p.x.length + " exercises "));
        li.appendChild(button("Open", "Open the programme " + p.t, function () { open(p.x, p.t); }));
        progList.appendChild(li);
      });
    }
  }

  // exportTemplates downloads the saved templates as a JSON file; with none
  // saved, the handout being built.
  function exportTemplates() {
    var list = savedTemplates();
    if (!list.length && items.length) list.push({ name: "Handout of " + new Date().toISOString().slice(0, 10), x: items });
    if (!list.length) { announce("There is nothing to export yet."); return; }
    var data = JSON.stringify({ handbook: "handout-templates", v: 1, t: list }, null, 1);
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([data], { type: "application/json" }));
    a.download = "handout-templates.json";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    announce(list.length + (list.length === 1 ? " template exported." : " templates exported."));
  }

  // importTemplates adds the templates of a file; one of the same name is
  // replaced. A file that is not an export of templates changes nothing.
  function importTemplates(ev) {
    var file = ev.target.files && ev.target.files[0];
    ev.target.value = "";
    if (!file) return;
    var reader = new FileReader();
    reader.onload = function () {
      var data = null;
      try { data = JSON.parse(String(reader.result)); } catch (e) { data = null; }
      if (!data || data.handbook !== "handout-templates" || !Array.isArray(data.t)) {
        notice("That file is not an export of handout templates, so nothing was imported.");
        return;
      }
      var got = data.t.filter(function (t) { return t && typeof t.name === "string" && t.name.trim(); })
        .map(function (t) { return { name: t.name.trim().slice(0, 100), x: clean(t.x) || [] }; })
        .filter(function (t) { return t.x.length; });
      if (shared) {
        if (got.length) open(got[0].x, got[0].name);
        announce("Shared-computer mode keeps no templates: the first one of the file was opened.");
        return;
      }
      var now = savedTemplates().filter(function (t) { return !got.some(function (g) { return g.name === t.name; }); });
      now = now.concat(got);
      now.sort(function (a, b) { return a.name.localeCompare(b.name); });
      keepTemplates(now);
      templates();
      announce(got.length + (got.length === 1 ? " template imported." : " templates imported."));
    };
    reader.readAsText(file);
  }

  // ---- the picker -----------------------------------------------------------

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
      items.forEach(function (it) { have[it[0]] = true; });
      while (list.firstChild) list.removeChild(list.firstChild);
      var shown = 0;
      found.forEach(function (e) {
        if (have[e.i] || (category && category.value && e.c !== category.value)) return;
        var li = el("li");
        li.appendChild(button("Add", "Add " + e.t, function () {
          items.push(itemFor(e.i));
          render();
          fill();
          announce(e.t + " added. " + items.length + " in the handout.");
          search.focus();
        }));
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
