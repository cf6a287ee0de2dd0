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
//
// The sheet prints in a language chosen for each handout (#handout-lang),
// the page's own unless chosen: the choice is part of the handout (in its
// link as &lang=, in this browser's copy and in its templates). Each
// language's edition writes its exercises, programmes and the sheet's
// words to its handout/exercises.js (see generator/render/handout.go); the
// page's own starts the builder, another's is loaded with a script tag
// when a handout is to print in its language. The builder's own words are
// the page's (HB_T); the sheet's come from the data of its language.
(function () {
  "use strict";

  var KEY = "handbook-handout";                 // the programme being built
  var PATIENT = "handbook-handout-patient";     // only when asked to remember
  var TEMPLATES = "handbook-handout-templates"; // saved programmes
  var VERSION = 2;
  // a handout item: [id, sets, reps, hold, rest, duration, frequency, each-side, note]
  var FIELDS = [
    { i: 1, name: "sets", label: HB_T("js.handout.field.sets"), size: 3 },
    { i: 2, name: "reps", label: HB_T("js.handout.field.reps"), size: 5 },
    { i: 3, name: "hold", label: HB_T("js.handout.field.hold"), size: 5 },
    { i: 4, name: "rest", label: HB_T("js.handout.field.rest"), size: 4 },
    { i: 5, name: "duration", label: HB_T("js.handout.field.duration"), size: 5 },
    { i: 6, name: "frequency", label: HB_T("js.handout.field.frequency"), size: 16 }
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
  // the languages: the page's own (its data's tag), the handout's, and
  // the one its link or this browser asks for, until the builder starts
  var own = null, lang = null, wanted = null;
  var langSelect = document.getElementById("handout-lang");
  var loading = Object.create(null); // languages whose data is on its way

  window.HandbookHandout = { loaded: loaded };

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

  // ---- the handout's language -------------------------------------------

  // loaded is called by each language's data as it runs: the page's own
  // starts the builder, another's redraws the sheet if it is wanted.
  function loaded(tag) {
    var hb = window.HB_HANDOUT;
    var d = hb && Object.prototype.hasOwnProperty.call(hb, tag) ? hb[tag] : null;
    if (!d || !Array.isArray(d.exercises) || !Array.isArray(d.programs)) return;
    d.byID = Object.create(null);
    d.exercises.forEach(function (e) { d.byID[e.i] = e; });
    if (own === null) {
      own = tag;
      start(d);
      return;
    }
    delete loading[tag];
    if (tag === lang && root) render();
  }

  // dataOf is a language's data, once loaded.
  function dataOf(tag) {
    var hb = window.HB_HANDOUT;
    var d = hb && typeof tag === "string" && Object.prototype.hasOwnProperty.call(hb, tag) ? hb[tag] : null;
    return d && d.byID ? d : null;
  }

  // edition is the choice of a language, with where its data is.
  function edition(tag) {
    if (!langSelect) return null;
    for (var i = 0; i < langSelect.options.length; i++) {
      if (langSelect.options[i].value === tag) return langSelect.options[i];
    }
    return null;
  }

  // sheetData is the data the sheet prints from: the handout's language's,
  // or the page's own until that has loaded.
  function sheetData() {
    return (lang !== own && dataOf(lang)) || dataOf(own);
  }

  // chooseLang makes tag the handout's language, any tag but the site's
  // the page's own, and loads its data.
  function chooseLang(tag) {
    lang = typeof tag === "string" && (tag === own || edition(tag)) ? tag : own;
    if (langSelect) langSelect.value = lang;
    if (lang === own || dataOf(lang) || loading[lang]) return;
    var opt = edition(lang), want = lang;
    loading[want] = true;
    var script = document.createElement("script");
    function failed() {
      delete loading[want];
      if (script.parentNode) script.parentNode.removeChild(script);
      if (lang !== want) return;
      notice(HB_T("js.handout.lang-failed", opt.textContent));
      chooseLang(own);
      render();
    }
    script.onerror = failed;
    script.onload = function () { if (!dataOf(want)) failed(); };
    script.src = opt.getAttribute("data-src");
    document.body.appendChild(script);
  }

  // word is a word of the sheet, as written; say fills its %s in order.
  function word(key) {
    var w = sheetData().words, mine = dataOf(own).words;
    return w && typeof w[key] === "string" ? w[key] : mine && typeof mine[key] === "string" ? mine[key] : "";
  }

  function say(key) {
    var args = arguments, i = 1;
    return word(key).replace(/%[sdv]/g, function () { return i < args.length ? String(args[i++]) : ""; });
  }

  // sheetRoot is the folder of the sheet's edition, from this page, for
  // its pictures and pages.
  function sheetRoot() {
    var d = sheetData();
    return d === dataOf(own) ? root.getAttribute("data-root") : edition(lang).getAttribute("data-root");
  }

  // phrases maps the words of the programmes in the page's language to the
  // same programmes' in d's: their notes and the doses they word.
  function phrases(d) {
    if (d.phrases) return d.phrases;
    var m = Object.create(null), there = Object.create(null);
    d.programs.forEach(function (p) { there[p.i] = p; });
    programs.forEach(function (p) {
      var q = there[p.i];
      if (!q) return;
      p.x.forEach(function (it, j) {
        var other = q.x[j];
        if (!other || other[0] !== it[0]) return;
        for (var k = 1; k <= 8; k++) if (it[k] && other[k] && it[k] !== other[k]) m[it[k]] = other[k];
      });
    });
    d.phrases = m;
    return m;
  }

  // printed is an item as the sheet says it: a dose part that is the
  // exercise's own in the page's language is its own in the sheet's
  // ("2-3 times a week" in that language), a programme's dose or note the
  // same programme's there; the clinician's own words stay as written.
  function printed(it) {
    var d = sheetData();
    if (d === dataOf(own)) return it;
    var e = d.byID[it[0]], mine = byID[it[0]], m = phrases(d);
    return it.map(function (v, k) {
      if (k === 0 || v === "") return v;
      if (k <= 7 && e && v === mine.d[k - 1]) return e.d[k - 1];
      return m[v] !== undefined ? m[v] : v;
    });
  }

  // builderPart marks a part of the builder inside the sheet as in the
  // page's language when the sheet is in another.
  function builderPart(e) {
    if (sheetData() !== dataOf(own)) e.setAttribute("lang", own);
    else e.removeAttribute("lang");
    return e;
  }

  // sheetWords puts the sheet's own words in its language: its title, when
  // to stop, the emergency signs and the disclaimer, which prints with the
  // sheet in place of the page's when the languages differ.
  function sheetWords() {
    var d = sheetData(), other = d !== dataOf(own), sheet = document.getElementById("handout-sheet");
    sheet.setAttribute("lang", other ? lang : own);
    builderPart(root.querySelector(".handout-fields"));
    builderPart(document.getElementById("handout-empty"));
    root.querySelector(".handout-title").textContent = say("title");
    document.getElementById("advice-title").textContent = say("stop-title");
    var advice = root.querySelector(".handout-advice"), ps = advice.querySelectorAll("p");
    ps[0].textContent = word("advice");
    var flags = word("flags"), em = ps[1];
    if (flags && !em) em = advice.appendChild(el("p"));
    if (em) {
      while (em.firstChild) em.removeChild(em.firstChild);
      em.appendChild(el("strong", "", say("emergency")));
      em.appendChild(document.createTextNode(" " + flags));
      em.hidden = !flags;
    }
    var foot = document.querySelector("footer.site-footer"), mine = sheet.querySelector(".handout-footer");
    if (other && !mine) mine = sheet.appendChild(el("div", "site-footer handout-footer print-only"));
    if (mine) {
      while (mine.firstChild) mine.removeChild(mine.firstChild);
      var p = mine.appendChild(el("p", "disclaimer"));
      p.appendChild(el("strong", "", say("disclaimer")));
      p.appendChild(document.createTextNode(" " + word("disclaimer-text")));
      mine.hidden = !other;
    }
    if (foot) foot.classList.toggle("print-hide", other);
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

  // langPart is the handout's language in its link, when not the page's.
  function langPart() {
    return lang && lang !== own ? "&lang=" + encodeURIComponent(lang) : "";
  }

  function hash() {
    return "#p=" + encodeProgramme(items) + langPart() + (shared ? "&shared=1" : "");
  }

  // programmeLink is the link to send: online when the site has a base
  // URL, else this page's; the programme only.
  function programmeLink() {
    var base = root.getAttribute("data-base"), h = "#p=" + encodeProgramme(items) + langPart();
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
    var state = { v: VERSION, x: items };
    if (lang !== own) state.l = lang;
    store(KEY, state);
    store(PATIENT, remember ? patient : null);
    var link = document.getElementById("handout-link");
    link.href = programmeLink();
    link.textContent = items.length ? HB_TN("js.handout.link", items.length) : HB_T("js.handout.link.empty");
    drawQR();
    privacy();
  }

  function privacy() {
    var text = shared ? HB_T("js.handout.privacy.shared") :
      remember ? HB_T("js.handout.privacy.remember") :
        HB_T("js.handout.privacy.default");
    document.getElementById("handout-privacy").textContent = text;
  }

  // drawQR puts the programme's online link on the printed sheet as a QR
  // code, when the site has a base URL.
  function drawQR() {
    var box = document.getElementById("handout-qr"), base = root.getAttribute("data-base");
    while (box.firstChild) box.removeChild(box.firstChild);
    box.hidden = !base || !items.length || !window.HandbookQR;
    if (box.hidden) return;
    var code = HandbookQR.svg(programmeLink(), say("qr"));
    if (code) {
      box.appendChild(code);
      box.appendChild(el("span", "", say("qr-scan")));
    } else {
      box.appendChild(el("span", "qr-too-long", say("qr-too-long")));
    }
  }

  // load takes the programme from the link (#p=, #program=, or the old
  // #h=), else from this browser's storage. What cannot be read is never
  // used: a broken link is said so, and broken stored state is cleared
  // with a notice, so it cannot break every later visit. The handout's
  // language comes with it, into wanted.
  function load() {
    shared = param("shared") === "1";
    var p = param("p"), prog = param("program"), h = param("h"), l = param("lang");
    try { wanted = l === null ? null : decodeURIComponent(l); } catch (e) { wanted = null; }
    if (p !== null) {
      var fromLink = decodeProgramme(p);
      if (fromLink) return withStoredNotes(fromLink);
      notice(HB_T("js.handout.bad-link"));
    } else if (prog !== null) {
      var name = prog;
      try { name = decodeURIComponent(prog); } catch (e) { /* shown as written */ }
      var found = programs.filter(function (x) { return x.i === name; })[0];
      if (found) return clean(found.x);
      notice(HB_T("js.handout.no-program", name));
    } else if (h !== null) {
      var old = decodeOld(h);
      if (old) return old;
      notice(HB_T("js.handout.bad-link"));
    }
    wanted = null;
    if (shared) return [];
    var raw = null, s = null;
    try { raw = localStorage.getItem(KEY); } catch (e) { return []; /* no storage */ }
    if (raw === null) return [];
    try { s = JSON.parse(raw); } catch (e) { s = null; }
    var list = s ? clean(s.x) : null; // the first version kept x too
    if (list) {
      wanted = typeof s.l === "string" ? s.l : null;
      return list;
    }
    store(KEY, null);
    notice(HB_T("js.handout.bad-stored"));
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

  function start(d) {
    all = d.exercises;
    byID = d.byID;
    programs = d.programs;
    if (!root) return;
    root.hidden = false;
    items = load();
    chooseLang(wanted);
    loadPatient();
    var add = param("add");
    if (add && byID[add] && !items.some(function (it) { return it[0] === add; })) {
      items.push(itemFor(add));
      announce(HB_T("js.handout.added", byID[add].t));
    }
    fields();
    render();
    picker();
    templates();
    document.getElementById("handout-print").addEventListener("click", function () { window.print(); });
    document.getElementById("handout-copy").addEventListener("click", copyLink);
    document.getElementById("handout-clear").addEventListener("click", function () {
      if (items.length && !window.confirm(HB_T("js.handout.confirm-new"))) return;
      items = [];
      render();
      picker();
      announce(HB_T("js.handout.new"));
    });
    if (langSelect) {
      langSelect.addEventListener("change", function () {
        chooseLang(langSelect.value);
        render();
        announce(HB_T("js.handout.lang-changed", langSelect.options[langSelect.selectedIndex].textContent));
      });
    }
    var sharedBox = document.getElementById("handout-shared");
    sharedBox.checked = shared;
    sharedBox.addEventListener("change", function () {
      shared = sharedBox.checked;
      if (shared) {
        forget();
        remember = false;
        document.getElementById("handout-remember").checked = false;
        announce(HB_T("js.handout.shared-on"));
      } else {
        announce(HB_T("js.handout.shared-off"));
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
      announce(HB_T("js.handout.link-selected"));
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(link).then(function () {
        announce(HB_T("js.handout.link-copied"));
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
      announce(remember ? HB_T("js.handout.remember-on") : HB_T("js.handout.remember-off"));
    };
    document.getElementById("handout-clear-patient").onclick = function () {
      patient = { n: "", d: "", r: "", c: "" };
      fields();
      save();
      announce(HB_T("js.handout.patient-cleared"));
    };
    printFields();
  }

  function printFields() {
    var parts = [];
    if (patient.n) parts.push(say("for", patient.n));
    if (patient.d) parts.push(say("date", patient.d));
    if (patient.c) parts.push(say("from", patient.c));
    if (patient.r) parts.push(say("review", patient.r));
    root.querySelector(".handout-fields-print").textContent = parts.join("   ·   ");
  }

  // doseText says the dose in words, for print, in the sheet's language.
  function doseText(it) {
    var side = it[7] === "1" ? " " + say("each-side") : "", parts = [];
    if (it[1]) parts.push(say(it[1] === "1" ? "sets.one" : "sets.other", it[1]));
    if (it[2]) parts.push(say("reps", it[2]) + side);
    if (it[3]) parts.push(say("hold", it[3]) + (it[2] ? "" : side));
    if (it[5]) parts.push(say("minutes", it[5]));
    if (it[4]) parts.push(say("rest", it[4]));
    if (it[6]) parts.push(it[6]);
    return parts.join(" · ");
  }

  // fillDose puts the item's dose in place of a step's placeholders
  // ("{hold}"), the exercise's own (dose, its dose in the sheet's
  // language) where the item has none; as generator/render fillDose.
  function fillDose(text, it, dose) {
    return text.replace(/\{([a-z]+)\}/g, function (m, name) {
      var k = PLACEHOLDER[name];
      if (!k) return m;
      var v = it[k] || dose[k - 1];
      if (!v) return m;
      var r = /^\s*([0-9.]+)\s*-\s*([0-9.]+)\s*$/.exec(v);
      return r ? say("range", r[1], r[2]) : v;
    });
  }

  function render() {
    var list = document.getElementById("handout-list");
    while (list.firstChild) list.removeChild(list.firstChild);
    document.getElementById("handout-empty").hidden = items.length > 0;
    sheetWords();
    printFields();
    items.forEach(function (it, k) { list.appendChild(card(it, k)); });
    save();
  }

  // card is an item of the sheet: the exercise (s) and its dose (p) in the
  // sheet's language, with the tools to change it in the page's (e).
  function card(it, k) {
    var e = byID[it[0]], li = el("li", "handout-item");
    var s = sheetData().byID[it[0]] || e, p = printed(it), at = sheetRoot();
    if (s === e && sheetData() !== dataOf(own)) li.setAttribute("lang", own);
    if (s.f) {
      var fig = el("div", "ho-figure");
      var pic = el("img", "fig-img");
      pic.src = (s === e ? root.getAttribute("data-root") : at) + (s.g || s.f);
      pic.alt = say("picture", s.t);
      // a wide picture (lying down) goes across the sheet, so that its
      // figures are as tall as a standing one's; one too wide even for
      // that comes with its frames one above the other
      if (s.g) li.classList.add("stacked-figure");
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
    var a = el("a", "", s.t);
    a.href = (s === e ? root.getAttribute("data-root") : at) + "exercises/" + e.i + ".html";
    h.appendChild(a);
    head.appendChild(h);
    var dose = el("p", "dose-box", doseText(p));
    dose.hidden = !doseText(p);
    head.appendChild(dose);

    var steps = el("ol", "key-steps");
    function showSteps() {
      while (steps.firstChild) steps.removeChild(steps.firstChild);
      (s.p || []).forEach(function (step) { steps.appendChild(el("li", "", fillDose(step, p, s.d))); });
    }
    showSteps();
    var noteText = el("p", "note", "");
    function showNote() {
      noteText.textContent = p[8] ? say("note", p[8]) : "";
      noteText.hidden = !p[8];
    }
    showNote();
    var stop = el("p", "stop-line");
    stop.appendChild(el("strong", "", say("stop-if") + " "));
    stop.appendChild(document.createTextNode(s.x.join(" ")));

    var editor = builderPart(el("fieldset", "dose-editor print-hide"));
    editor.appendChild(el("legend", "visually-hidden", HB_T("js.handout.dose-for", e.t)));
    function changed() {
      p = printed(it);
      dose.textContent = doseText(p);
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
    var sideLabel = el("label", "", " " + HB_T("js.handout.each-side") + " ");
    var side = el("input");
    side.type = "checkbox";
    side.checked = it[7] === "1";
    side.addEventListener("change", function () { it[7] = side.checked ? "1" : ""; changed(); });
    sideLabel.appendChild(side);
    editor.appendChild(sideLabel);
    body.appendChild(editor);
    body.appendChild(steps);

    var noteLabel = builderPart(el("label", "note-editor print-hide", HB_T("js.handout.note") + " "));
    var note = el("textarea");
    note.rows = 2;
    note.value = it[8];
    note.addEventListener("input", function () { it[8] = note.value; p = printed(it); showNote(); save(); });
    noteLabel.appendChild(note);
    body.appendChild(noteLabel);
    body.appendChild(noteText);
    body.appendChild(stop);

    var tools = builderPart(el("p", "item-tools print-hide"));
    [[HB_T("js.handout.move-up"), -1, 0], [HB_T("js.handout.move-down"), 1, 1]].forEach(function (m) {
      var b = button(m[0], HB_T("js.handout.move-label", m[0], e.t), function () {
        var j = k + m[1];
        items.splice(j, 0, items.splice(k, 1)[0]);
        render();
        announce(HB_T("js.handout.moved", e.t, j + 1));
        var again = document.querySelectorAll(".handout-item")[j].querySelectorAll(".item-tools button")[m[2]];
        if (again && !again.disabled) again.focus();
      });
      b.disabled = (m[1] < 0 && k === 0) || (m[1] > 0 && k === items.length - 1);
      tools.appendChild(b);
    });
    tools.appendChild(button(HB_T("js.handout.remove"), HB_T("js.handout.remove-label", e.t), function () {
      items.splice(k, 1);
      render();
      picker();
      announce(HB_T("js.handout.removed", e.t));
      document.getElementById("picker-search").focus();
    }));
    body.appendChild(tools);
    return li;
  }

  // ---- templates ------------------------------------------------------------

  // savedTemplates are the templates kept in this browser: [{name, x, l}],
  // l the handout's language when it was not the page's.
  function savedTemplates() {
    var s = stored(TEMPLATES);
    if (!s || !Array.isArray(s.t)) return [];
    return s.t.filter(function (t) { return t && typeof t.name === "string"; }).map(template);
  }

  // template is a template read from storage or a file, its name trimmed
  // as its reader needs.
  function template(t) {
    var out = { name: t.name.slice(0, 100), x: clean(t.x) || [] };
    if (typeof t.l === "string") out.l = t.l.slice(0, 35);
    return out;
  }

  function keepTemplates(list) {
    store(TEMPLATES, { v: 1, t: list });
  }

  // open replaces the handout with a template or programme; a template
  // that was to print in a language (l) prints in it again.
  function open(x, name, l) {
    if (items.length && !window.confirm(HB_T("js.handout.confirm-replace", name))) return;
    items = clean(x) || [];
    if (l) chooseLang(l);
    render();
    picker();
    announce(HB_T("js.handout.opened", name) + " " + HB_TN("js.handout.exercises-end", items.length));
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
      li.appendChild(el("span", "label", " " + HB_TN("js.handout.exercises", t.x.length) + " "));
      li.appendChild(button(HB_T("js.handout.open"), HB_T("js.handout.open-template", t.name), function () { open(t.x, t.name, t.l); }));
      li.appendChild(button(HB_T("js.handout.delete"), HB_T("js.handout.delete-template", t.name), function () {
        if (!window.confirm(HB_T("js.handout.confirm-delete", t.name))) return;
        var now = savedTemplates();
        now.splice(k, 1);
        keepTemplates(now);
        templates();
        announce(HB_T("js.handout.deleted", t.name));
      }));
      list.appendChild(li);
    });
    if (!saved.length) list.appendChild(el("li", "", shared ? HB_T("js.handout.templates.shared") : HB_T("js.handout.templates.none")));
    saveButton.disabled = shared;
    name.disabled = shared;
    saveButton.onclick = function () {
      var n = name.value.trim();
      if (!n) { announce(HB_T("js.handout.templates.no-name")); name.focus(); return; }
      if (!items.length) { announce(HB_T("js.handout.templates.no-items")); return; }
      var now = savedTemplates();
      if (now.some(function (t) { return t.name === n; }) && !window.confirm(HB_T("js.handout.confirm-overwrite", n))) return;
      now = now.filter(function (t) { return t.name !== n; });
      var t = { name: n, x: items.map(function (it) { return it.slice(); }) };
      if (lang !== own) t.l = lang;
      now.push(t);
      now.sort(function (a, b) { return a.name.localeCompare(b.name); });
      keepTemplates(now);
      name.value = "";
      templates();
      announce(HB_T("js.handout.saved", n));
    };
    document.getElementById("template-export").onclick = exportTemplates;
    document.getElementById("template-import").onchange = importTemplates;
    var progList = document.getElementById("program-list");
    if (progList && !progList.firstChild) {
      programs.forEach(function (p) {
        var li = el("li");
        li.appendChild(el("span", "template-name", p.t));
        li.appendChild(el("span", "label", " " + HB_TN("js.handout.exercises", p.x.length) + " "));
        li.appendChild(button(HB_T("js.handout.open"), HB_T("js.handout.open-program", p.t), function () { open(p.x, p.t); }));
        progList.appendChild(li);
      });
    }
  }

  // exportTemplates downloads the saved templates as a JSON file; with none
  // saved, the handout being built.
  function exportTemplates() {
    var list = savedTemplates();
    if (!list.length && items.length) {
      var now = { name: HB_T("js.handout.export-name", new Date().toISOString().slice(0, 10)), x: items };
      if (lang !== own) now.l = lang;
      list.push(now);
    }
    if (!list.length) { announce(HB_T("js.handout.export-none")); return; }
    var data = JSON.stringify({ handbook: "handout-templates", v: 1, t: list }, null, 1);
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([data], { type: "application/json" }));
    a.download = "handout-templates.json";
    document.body.appendChild(a);
    a.click();
    document.body.removeChild(a);
    announce(HB_TN("js.handout.exported", list.length));
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
        notice(HB_T("js.handout.import-bad"));
        return;
      }
      var got = data.t.filter(function (t) { return t && typeof t.name === "string" && t.name.trim(); })
        .map(function (t) { return template({ name: t.name.trim(), x: t.x, l: t.l }); })
        .filter(function (t) { return t.x.length; });
      if (shared) {
        if (got.length) open(got[0].x, got[0].name, got[0].l);
        announce(HB_T("js.handout.import-shared"));
        return;
      }
      var now = savedTemplates().filter(function (t) { return !got.some(function (g) { return g.name === t.name; }); });
      now = now.concat(got);
      now.sort(function (a, b) { return a.name.localeCompare(b.name); });
      keepTemplates(now);
      templates();
      announce(HB_TN("js.handout.imported", got.length));
    };
    reader.readAsText(file);
  }

  // ---- the picker -----------------------------------------------------------

  // typeName is the name of an exercise type in the page's language.
  function typeName(c) {
    var names = dataOf(own).categories;
    return names && typeof names[c] === "string" ? names[c] : c;
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
      items.forEach(function (it) { have[it[0]] = true; });
      while (list.firstChild) list.removeChild(list.firstChild);
      var shown = 0;
      found.forEach(function (e) {
        if (have[e.i] || (category && category.value && e.c !== category.value)) return;
        var li = el("li");
        li.appendChild(button(HB_T("js.handout.add"), HB_T("js.handout.add-label", e.t), function () {
          items.push(itemFor(e.i));
          render();
          fill();
          announce(HB_T("js.handout.added-count", e.t, items.length));
          search.focus();
        }));
        li.appendChild(el("span", "", " " + e.t + " "));
        li.appendChild(el("span", "label", HB_T("js.handout.level", e.l, typeName(e.c))));
        list.appendChild(li);
        shown++;
      });
      if (!shown) list.appendChild(el("li", "", HB_T("js.handout.no-match")));
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
