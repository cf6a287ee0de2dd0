// journal.js: the pain and exercise journal page (journal.html).
//
// A reader logs a day in under a minute: pain now and worst today on the
// handbook's 0 to 10 scale, where, warning signs, the exercises done and
// how each felt, and, if they like, more. Ticking a warning sign (a red
// flag from the content) shows what to do at once, before anything is
// saved. The last 14 or 28 days show as a chart and a table; a worsening
// trend points to when to get help; a summary prints on one sheet for the
// clinician. Entries stay in this browser (journal-store.js) and go to and
// come from a file. No request leaves the page; confirmations are buttons
// on the page, never a dialog. Text from data is set as text, never HTML.
(function () {
  "use strict";

  var S = window.HandbookJournalStore, C = window.HandbookJournalChart;
  var root = document.getElementById("journal");
  if (!root || !S || !C) return;

  // the handout builder (assets/handout.js) keeps the handout being built
  // here as {v, x: [[exercise id, dose...], ...]}; the journal only reads it
  var HANDOUT = "handbook-handout";
  // the words of the values an entry keeps (the values stay the same in
  // every language: they are the journal's data)
  var FELT = { easy: HB_T("js.journal.felt.easy"), ok: HB_T("js.journal.felt.ok"), hard: HB_T("js.journal.felt.hard"), hurt: HB_T("js.journal.felt.hurt") };
  var HELPED = { "a lot": HB_T("js.journal.helped.a-lot"), "a little": HB_T("js.journal.helped.a-little"), no: HB_T("js.journal.helped.no"), worse: HB_T("js.journal.helped.worse") };
  var WHEN = { morning: HB_T("js.journal.when.morning"), afternoon: HB_T("js.journal.when.afternoon"), evening: HB_T("js.journal.when.evening"), night: HB_T("js.journal.when.night") };
  // what made it worse or better, and other symptoms, as the table and the
  // summary say them (the form's boxes name them in journal.html)
  var CHOICE = {
    sitting: HB_T("js.journal.choice.sitting"), standing: HB_T("js.journal.choice.standing"), walking: HB_T("js.journal.choice.walking"),
    bending: HB_T("js.journal.choice.bending"), lifting: HB_T("js.journal.choice.lifting"), driving: HB_T("js.journal.choice.driving"),
    "a bad night": HB_T("js.journal.choice.bad-night"), "stress or worry": HB_T("js.journal.choice.stress"),
    "moving or walking": HB_T("js.journal.choice.moving"), rest: HB_T("js.journal.choice.rest"), heat: HB_T("js.journal.choice.heat"),
    cold: HB_T("js.journal.choice.cold"), stretching: HB_T("js.journal.choice.stretching"), "my exercises": HB_T("js.journal.choice.my-exercises"),
    medicine: HB_T("js.journal.choice.medicine"),
    stiffness: HB_T("js.journal.choice.stiffness"), "pins and needles or tingling": HB_T("js.journal.choice.tingling"),
    numbness: HB_T("js.journal.choice.numbness"), "muscle spasm": HB_T("js.journal.choice.spasm")
  };
  var URGENCY = { emergency: 0, urgent: 1, soon: 2 };

  var form = document.getElementById("journal-form");
  var dateInput = document.getElementById("journal-date");
  var storage = null;
  try { storage = window.localStorage; } catch (e) { storage = null; }

  // state: "ok" (kept in this browser), "refused" (what is kept could not
  // be read; raw holds it) or "unavailable" (the browser keeps nothing)
  var state = "ok", raw = null, lastText = null;
  var journal = S.empty();
  var editing = null;  // the date of the entry shown in the form, if saved
  var done = [];       // the form's exercises: {id, on, felt, planned}
  var treatments = []; // the form's treatments: {name, helped}
  var range = 14;
  var alertShown = "";

  // ---- what the page says of ids ---------------------------------------

  var exerciseTitle = Object.create(null), signs = Object.create(null), bands = [], high = 6;

  function readPage() {
    Array.prototype.forEach.call(document.querySelectorAll("#journal-add-list option"), function (o) {
      if (o.value) exerciseTitle[o.value] = o.textContent;
    });
    Array.prototype.forEach.call(document.querySelectorAll("#journal-sign-data li"), function (li) {
      signs[li.getAttribute("data-sign")] = {
        id: li.getAttribute("data-sign"), urgency: li.getAttribute("data-urgency"), heading: li.getAttribute("data-heading"),
        title: li.getAttribute("data-title"), label: li.getAttribute("data-label"), action: li.textContent
      };
    });
    Array.prototype.forEach.call(document.querySelectorAll("#journal-scale li"), function (li) {
      var cls = (/band-(\w+)/.exec(li.className) || [])[1] || "";
      bands.push({ from: +li.getAttribute("data-from"), to: +li.getAttribute("data-to"), cls: cls, text: li.textContent });
    });
    var stop = bands.filter(function (b) { return b.cls === "stop"; })[0];
    if (stop) high = stop.from;
  }

  var names = {
    exercise: function (id) { return exerciseTitle[id] || id; },
    sign: function (id) { var s = signs[id]; return s ? s.label || s.title : id; },
    felt: function (f) { return FELT[f] || f; },
    helped: function (h) { return HELPED[h] || h; },
    when: function (w) { return WHEN[w] || w; },
    choice: function (c) { return Object.prototype.hasOwnProperty.call(CHOICE, c) ? CHOICE[c] : c; }
  };

  // ---- small helpers ---------------------------------------------------

  var el = C.el;

  function button(text, onclick, cls) {
    var b = el("button", cls, text);
    b.type = "button";
    b.addEventListener("click", onclick);
    return b;
  }

  function link(text, href) {
    var a = el("a", "", text);
    a.href = href;
    return a;
  }

  function byId(id) { return document.getElementById(id); }

  function clear(node) { while (node.firstChild) node.removeChild(node.firstChild); }

  function say(id, text) { byId(id).textContent = text; }

  function param(name) {
    var m = new RegExp("(?:^#|&)" + name + "=([^&]*)").exec(location.hash);
    if (!m) return null;
    try { return decodeURIComponent(m[1]); } catch (e) { return null; }
  }

  function known(id) { return Object.prototype.hasOwnProperty.call(exerciseTitle, id); }

  function find(date) { return journal.entries.filter(function (e) { return e.date === date; })[0] || null; }

  function entries(n) { return HB_TN("js.journal.entries", n); }

  // fileName is the name of a file the page saves: "pain-journal-DATE.json"
  function fileName(ext) { return HB_T("js.journal.file.name") + "-" + stamp() + "." + ext; }

  function download(name, type, text) {
    var a = el("a");
    a.href = URL.createObjectURL(new Blob([text], { type: type }));
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    setTimeout(function () { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  // ---- the browser's storage ---------------------------------------------

  function load() {
    var r = storage ? S.read(storage) : { state: "unavailable", journal: S.empty(), raw: null };
    journal = r.journal;
    if (r.state === "refused") refuse(r.raw, r.problem);
    else if (r.state === "unavailable") unavailable();
    else lastText = r.raw;
  }

  // refuse shows why what is kept cannot be read, and keeps it: the
  // journal goes on in this page only until the reader chooses
  function refuse(text, problem) {
    state = "refused";
    raw = text;
    say("journal-problem-title", HB_T("js.journal.problem.title"));
    say("journal-problem-text", HB_T("js.journal.problem.text", problem));
    byId("journal-problem-download").hidden = false;
    byId("journal-problem-replace").hidden = false;
    byId("journal-problem").hidden = false;
  }

  function unavailable() {
    state = "unavailable";
    say("journal-problem-title", HB_T("js.journal.unavailable.title"));
    say("journal-problem-text", HB_T("js.journal.unavailable.text"));
    byId("journal-problem-download").hidden = true;
    byId("journal-problem-replace").hidden = true;
    byId("journal-problem").hidden = false;
  }

  // persist keeps the journal in the browser; it says whether it could
  function persist() {
    if (state !== "ok") return false;
    try {
      var now = storage.getItem(S.KEY);
      if (now !== null && now !== lastText) {
        // changed since it was read (another tab, another page): never
        // write over what cannot be read
        var r = S.parse(now);
        if (r.problem) {
          refuse(now, r.problem);
          return false;
        }
      }
      lastText = S.write(storage, journal);
      return true;
    } catch (e) {
      say("journal-save-status", HB_T("js.journal.not-kept"));
      return false;
    }
  }

  function kept(saved) {
    if (saved) return "";
    return state === "refused" ? " " + HB_T("js.journal.kept.refused") :
      state === "unavailable" ? " " + HB_T("js.journal.kept.unavailable") : "";
  }

  // another tab or window changed the journal: show what it holds now
  window.addEventListener("storage", function (e) {
    if (e.key !== S.KEY || state !== "ok") return;
    if (e.newValue === null) {
      journal = S.empty();
      lastText = null;
    } else {
      var r = S.parse(e.newValue);
      if (r.problem) return refuse(e.newValue, r.problem);
      journal = r.journal;
      lastText = e.newValue;
    }
    render();
  });

  // ---- the form: exercises -----------------------------------------------

  function handoutIDs() {
    var s = null;
    try { s = JSON.parse(storage ? storage.getItem(HANDOUT) : "null"); } catch (e) { return []; }
    if (!s || typeof s !== "object" || !Array.isArray(s.x)) return [];
    var out = [];
    s.x.forEach(function (it) {
      var id = Array.isArray(it) ? it[0] : null;
      if (typeof id === "string" && known(id) && out.indexOf(id) < 0) out.push(id);
    });
    return out;
  }

  function sourceSelect() { return byId("journal-source"); }

  function setUpSources() {
    var sel = sourceSelect();
    if (!sel) return;
    var fromHandout = handoutIDs();
    if (fromHandout.length) {
      var o = el("option", "", HB_T("js.journal.source.handout", HB_TN("js.journal.exercises", fromHandout.length)));
      o.value = "handout";
      o.setAttribute("data-exercises", fromHandout.join(" "));
      sel.insertBefore(o, sel.options[1] || null);
    }
    var want = param("program") !== null ? "program:" + param("program") : param("from") === "handout" ? "handout" : journal.source;
    if (!hasOption(sel, want)) want = fromHandout.length ? "handout" : "";
    sel.value = want;
    sel.addEventListener("change", function () { plan(); renderDone(); });
  }

  function hasOption(sel, v) {
    return Array.prototype.some.call(sel.options, function (o) { return o.value === v; });
  }

  function plannedIDs() {
    var sel = sourceSelect();
    if (!sel || !sel.value) return [];
    var o = sel.options[sel.selectedIndex];
    return (o.getAttribute("data-exercises") || "").split(" ").filter(known);
  }

  // plan lists the chosen source's exercises in the form, keeping what was
  // ticked; an exercise added by hand stays while it is ticked
  function plan() {
    var ids = plannedIDs(), keep = [];
    done.forEach(function (d) {
      d.planned = ids.indexOf(d.id) >= 0;
      if (d.planned || d.on) keep.push(d);
    });
    ids.forEach(function (id) {
      if (!keep.some(function (d) { return d.id === id; })) keep.push({ id: id, on: false, felt: "", planned: true });
    });
    done = keep;
  }

  function addDone(id, focus) {
    if (!known(id)) return;
    var d = done.filter(function (x) { return x.id === id; })[0];
    if (d) d.on = true;
    else done.push({ id: id, on: true, felt: "", planned: false });
    renderDone(focus ? id : null);
  }

  function renderDone(focusID) {
    var ul = byId("journal-done");
    if (!ul) return;
    clear(ul);
    done.forEach(function (d, i) {
      var li = el("li");
      var box = el("input");
      box.type = "checkbox";
      box.checked = d.on;
      var label = el("label", "check");
      label.appendChild(box);
      label.appendChild(document.createTextNode(" " + names.exercise(d.id)));
      li.appendChild(label);
      var felt = el("fieldset", "journal-felt");
      felt.appendChild(el("legend", "", HB_T("js.journal.felt.legend", names.exercise(d.id))));
      Object.keys(FELT).forEach(function (f) {
        var r = el("input");
        r.type = "radio";
        r.name = "journal-felt-" + i;
        r.value = f;
        r.checked = d.felt === f;
        r.addEventListener("change", function () { d.felt = f; hint(); });
        var l = el("label", "check");
        l.appendChild(r);
        l.appendChild(document.createTextNode(" " + FELT[f].charAt(0).toUpperCase() + FELT[f].slice(1)));
        felt.appendChild(l);
      });
      felt.hidden = !d.on;
      li.appendChild(felt);
      var hurt = el("p", "journal-hint");
      var feel = root.getAttribute("data-feel");
      function hint() {
        clear(hurt);
        hurt.hidden = !(d.on && d.felt === "hurt");
        hurt.appendChild(document.createTextNode(HB_T("js.journal.felt.hurt-hint") + " "));
        if (feel) hurt.appendChild(link(HB_T("js.journal.felt.hurt-link", names.exercise(d.id)), feel + encodeURIComponent(d.id) + ".html"));
      }
      hint();
      li.appendChild(hurt);
      box.addEventListener("change", function () {
        d.on = box.checked;
        felt.hidden = !d.on;
        hint();
        if (!d.on && !d.planned) {
          done.splice(done.indexOf(d), 1);
          renderDone();
          byId("journal-add-find").focus();
        }
      });
      ul.appendChild(li);
      if (focusID === d.id) box.focus();
    });
    byId("journal-done-empty").hidden = done.length > 0;
  }

  function setUpAdd() {
    var find = byId("journal-add-find"), list = byId("journal-add-list"), add = byId("journal-add");
    if (!find) return;
    var all = Array.prototype.slice.call(list.options, 1);
    find.addEventListener("input", function () {
      var q = find.value.trim().toLowerCase(), first = null;
      all.forEach(function (o) {
        var show = !q || o.textContent.toLowerCase().indexOf(q) >= 0;
        o.hidden = !show;
        o.disabled = !show;
        if (show && !first) first = o;
      });
      list.value = first && q ? first.value : "";
    });
    find.addEventListener("keydown", function (e) {
      if (e.key === "Enter") {
        e.preventDefault();
        add.click();
      }
    });
    add.addEventListener("click", function () {
      if (!list.value) {
        say("journal-save-status", HB_T("js.journal.add.choose-first"));
        list.focus();
        return;
      }
      addDone(list.value, true);
      find.value = "";
      find.dispatchEvent(new Event("input"));
    });
  }

  // ---- the form: treatments ------------------------------------------------

  function renderTreatments(focusLast) {
    var ol = byId("journal-treatments");
    clear(ol);
    treatments.forEach(function (t, i) {
      var li = el("li");
      var name = el("input");
      name.maxLength = 200;
      name.autocomplete = "off";
      name.value = t.name;
      name.addEventListener("input", function () { t.name = name.value; });
      var l1 = el("label", "", HB_T("js.journal.treatment.name") + " ");
      l1.appendChild(name);
      var helped = el("select");
      [["", HB_T("js.journal.treatment.not-sure")]].concat(Object.keys(HELPED).map(function (k) { return [k, HELPED[k].charAt(0).toUpperCase() + HELPED[k].slice(1)]; }))
        .forEach(function (o) {
          var opt = el("option", "", o[1]);
          opt.value = o[0];
          helped.appendChild(opt);
        });
      helped.value = t.helped;
      helped.addEventListener("change", function () { t.helped = helped.value; });
      var l2 = el("label", "", HB_T("js.journal.treatment.helped") + " ");
      l2.appendChild(helped);
      li.appendChild(l1);
      li.appendChild(l2);
      li.appendChild(button(HB_T("js.journal.treatment.remove"), function () {
        treatments.splice(i, 1);
        renderTreatments();
        byId("journal-treatment-add").focus();
      }));
      li.lastChild.setAttribute("aria-label", HB_T("js.journal.treatment.remove-label", i + 1));
      ol.appendChild(li);
      if (focusLast && i === treatments.length - 1) name.focus();
    });
  }

  // ---- the form as an entry, and back ------------------------------------

  function radio(name) {
    var r = form.querySelector("input[name=\"" + name + "\"]:checked");
    return r ? r.value : "";
  }

  function checked(name) {
    return Array.prototype.map.call(form.querySelectorAll("input[name=\"" + name + "\"]:checked"), function (b) { return b.value; });
  }

  function field(name) { return form.elements[name]; }

  function formEntry() {
    var sleep = field("sleep").value.trim();
    return S.entry({
      date: dateInput.value,
      now: radio("now") === "" ? null : +radio("now"),
      worst: radio("worst") === "" ? null : +radio("worst"),
      when: radio("when"),
      where: checked("where"), signs: checked("sign"), symptoms: checked("symptom"),
      worse: checked("worse"), worseOther: field("worseOther").value.trim(),
      better: checked("better"), betterOther: field("betterOther").value.trim(),
      exercises: done.filter(function (d) { return d.on; }).map(function (d) { return { id: d.id, felt: d.felt }; }),
      sleep: sleep === "" ? null : +sleep, woke: field("woke").checked,
      treatments: treatments.filter(function (t) { return t.name.trim(); }).map(function (t) { return { name: t.name.trim(), helped: t.helped }; }),
      notes: field("notes").value.trim()
    });
  }

  function setRadio(name, v) {
    Array.prototype.forEach.call(form.querySelectorAll("input[name=\"" + name + "\"]"), function (r) { r.checked = r.value === v; });
  }

  function setChecked(name, values) {
    Array.prototype.forEach.call(form.querySelectorAll("input[name=\"" + name + "\"]"), function (b) { b.checked = values.indexOf(b.value) >= 0; });
  }

  function fillForm(e) {
    setRadio("now", e.now === null ? "" : String(e.now));
    setRadio("worst", e.worst === null ? "" : String(e.worst));
    setRadio("when", e.when);
    setChecked("where", e.where);
    setChecked("sign", e.signs);
    setChecked("symptom", e.symptoms);
    setChecked("worse", e.worse);
    setChecked("better", e.better);
    field("worseOther").value = e.worseOther;
    field("betterOther").value = e.betterOther;
    field("sleep").value = e.sleep === null ? "" : String(e.sleep);
    field("woke").checked = e.woke;
    field("notes").value = e.notes;
    treatments = e.treatments.map(function (t) { return { name: t.name, helped: t.helped }; });
    if (!treatments.length) treatments.push({ name: "", helped: "" });
    renderTreatments();
    done = e.exercises.map(function (x) { return { id: x.id, on: true, felt: x.felt, planned: false }; });
    plan();
    renderDone();
    byId("journal-more").open = !!(e.when || e.worse.length || e.better.length || e.worseOther || e.betterOther ||
      e.symptoms.length || e.sleep !== null || e.woke || e.treatments.length);
    byId("journal-worst-error").hidden = true;
    var box = byId("journal-signs-box");
    if (box && e.signs.length) box.open = true;
    renderAlert();
  }

  // showDate shows the entry for the form's date: the saved one, or a fresh
  // form when the form was showing another saved day
  function showDate() {
    var d = dateInput.value, e = find(d);
    if (e) {
      fillForm(e);
      editing = d;
    } else if (editing !== null) {
      fillForm(S.blank(d));
      editing = null;
    }
    say("journal-date-note", e ? HB_T("js.journal.date.has-entry") : "");
    say("journal-entry-title", d === S.today() ? HB_T("js.journal.entry.today") : isNaN(S.dayNumber(d)) ? HB_T("js.journal.entry.a-day") : HB_T("js.journal.entry.for", C.formatDate(d, true)));
  }

  // ---- warning signs -----------------------------------------------------

  // renderAlert shows, at once, what each ticked warning sign asks
  function renderAlert() {
    var ids = checked("sign");
    Array.prototype.forEach.call(form.querySelectorAll("input[name=where][data-sign]:checked"), function (b) {
      var id = b.getAttribute("data-sign");
      if (ids.indexOf(id) < 0) ids.push(id);
    });
    ids = ids.filter(function (id) { return signs[id]; });
    ids.sort(function (a, b) { return URGENCY[signs[a].urgency] - URGENCY[signs[b].urgency]; });
    var key = ids.join(" ");
    if (key === alertShown) return;
    alertShown = key;
    var box = byId("journal-alert"), flags = root.getAttribute("data-flags");
    clear(box);
    ids.forEach(function (id) {
      var s = signs[id], p = el("p", "journal-alert-item urgency-" + s.urgency);
      p.appendChild(el("strong", "", HB_T("js.journal.alert.heading", s.heading) + " "));
      p.appendChild(document.createTextNode(HB_T("js.journal.alert.sign", s.label || s.title) + " " + s.action + " "));
      if (flags) p.appendChild(link(HB_T("js.journal.alert.more"), flags + "#" + encodeURIComponent(id)));
      box.appendChild(p);
    });
  }

  // ---- saving and deleting -----------------------------------------------

  function save() {
    var e;
    try {
      e = formEntry();
    } catch (p) {
      if (!(p instanceof S.Problem)) throw p;
      say("journal-save-status", HB_T("js.journal.save.not-saved", dateInput.value ? p.message : HB_T("js.journal.save.choose-date")));
      if (dateInput.value) byId("journal-more").open = true; // the one number a reader types is the hours slept
      (dateInput.value ? field("sleep") : dateInput).focus();
      return;
    }
    if (e.worst === null) {
      var err = byId("journal-worst-error");
      err.textContent = HB_T("js.journal.save.worst-error");
      err.hidden = false;
      var first = form.querySelector("input[name=worst]");
      first.focus();
      say("journal-save-status", HB_T("js.journal.save.worst-status"));
      return;
    }
    byId("journal-worst-error").hidden = true;
    var had = !!find(e.date);
    journal.entries = S.sortEntries(journal.entries.filter(function (x) { return x.date !== e.date; }).concat([e]));
    var sel = sourceSelect();
    if (sel) journal.source = sel.value;
    var saved = persist();
    editing = e.date;
    render();
    showDate();
    var msg = (had ? HB_T("js.journal.save.changed", C.formatDate(e.date, true)) : HB_T("js.journal.save.saved", C.formatDate(e.date, true))) + kept(saved);
    if (e.signs.length || byId("journal-alert").firstChild) msg += " " + HB_T("js.journal.save.sign");
    say("journal-save-status", msg);
  }

  function deleteEntry(date) {
    journal.entries = journal.entries.filter(function (e) { return e.date !== date; });
    var saved = persist();
    if (editing === date) {
      editing = null;
      fillForm(S.blank(dateInput.value));
    }
    render();
    showDate();
    say("journal-data-status", HB_T("js.journal.deleted", C.formatDate(date, true)) + kept(saved));
    byId("journal-views-title").setAttribute("tabindex", "-1");
    byId("journal-views-title").focus();
  }

  // ---- the views ---------------------------------------------------------

  function render() {
    renderTrend();
    var end = S.today(), box = byId("journal-chart");
    clear(box);
    box.appendChild(C.chart(journal.entries, end, range, { width: box.clientWidth || 600, bands: bands, high: high, id: "journal-chart-svg" }));
    var legend = byId("journal-legend");
    clear(legend);
    legend.appendChild(C.key(high));
    var table = byId("journal-table");
    clear(table);
    table.appendChild(C.table(journal.entries, end, range, {
      caption: HB_T("js.journal.table.caption", range), names: names, bands: bands, actions: actions
    }));
    var adh = byId("journal-adherence");
    clear(adh);
    var at = adh.appendChild(C.adherence(journal.entries, end, range, plannedIDs(), names, ""));
    if (at.tagName === "TABLE") at.setAttribute("aria-labelledby", "journal-adherence-title");
    byId("journal-print").disabled = !journal.entries.length;
    byId("journal-clear").disabled = !journal.entries.length;
  }

  function actions(td, e) {
    var when = C.formatDate(e.date);
    var edit = button(HB_T("js.journal.edit"), function () {
      dateInput.value = e.date;
      showDate();
      form.scrollIntoView();
      byId("journal-entry-title").setAttribute("tabindex", "-1");
      byId("journal-entry-title").focus();
    });
    edit.setAttribute("aria-label", HB_T("js.journal.edit-label", when));
    var del = button(HB_T("js.journal.delete"), function () {
      clear(td);
      var yes = button(HB_T("js.journal.delete.yes"), function () { deleteEntry(e.date); });
      yes.setAttribute("aria-label", HB_T("js.journal.delete.yes-label", when));
      var no = button(HB_T("js.journal.delete.keep"), function () {
        clear(td);
        actions(td, e);
        td.querySelector("button:last-child").focus();
      });
      no.setAttribute("aria-label", HB_T("js.journal.delete.keep-label", when));
      td.appendChild(el("span", "journal-hint", HB_T("js.journal.delete.ask") + " "));
      td.appendChild(yes);
      td.appendChild(no);
      yes.focus();
    });
    del.setAttribute("aria-label", HB_T("js.journal.delete-label", when));
    td.appendChild(edit);
    td.appendChild(del);
  }

  function renderTrend() {
    var box = byId("journal-trend"), help = root.getAttribute("data-help"), flags = root.getAttribute("data-flags");
    clear(box);
    if (!journal.entries.length) {
      box.appendChild(el("p", "", HB_T("js.journal.trend.none")));
      return;
    }
    var t = S.trend(journal.entries, S.today(), high);
    var avg = function (v) { return C.decimal(v); };
    if (t.worse) {
      var p = el("div", "journal-warn");
      p.appendChild(el("strong", "", HB_T("js.journal.trend.worse") + " "));
      var why = [];
      if (t.rising) why.push(HB_T("js.journal.trend.rising", avg(t.last), avg(t.before)));
      if (t.oftenHigh) why.push(HB_T("js.journal.trend.often-high", t.highDays.length, high));
      p.appendChild(document.createTextNode(why.join(" ") + " " + HB_T("js.journal.trend.check") + " "));
      if (help) p.appendChild(link(HB_T("js.journal.trend.help"), help));
      box.appendChild(p);
    } else if (t.lastDays) {
      box.appendChild(el("p", "", t.beforeDays ? HB_T("js.journal.trend.average-both", avg(t.last), avg(t.before)) : HB_T("js.journal.trend.average", avg(t.last))));
    }
    if (t.signDays.length) {
      var q = el("p", "journal-warn");
      q.appendChild(el("strong", "", HB_T("js.journal.trend.sign-days", t.signDays.map(function (d) { return C.formatDate(d); }).join(", ")) + " "));
      q.appendChild(document.createTextNode(HB_T("js.journal.trend.sign-check") + " "));
      if (flags) q.appendChild(link(HB_T("js.journal.trend.flags"), flags));
      box.appendChild(q);
    }
  }

  // ---- print: a summary for the clinician (journal-chart.js) -----------

  function buildSummary() {
    var box = byId("journal-summary");
    clear(box);
    box.appendChild(C.summary(journal.entries, S.today(), { names: names, bands: bands, high: high, planned: plannedIDs() }));
  }

  function setUpPrint() {
    var body = document.body;
    byId("journal-print").addEventListener("click", function () {
      buildSummary();
      body.classList.add("journal-print-summary");
      window.print();
    });
    window.addEventListener("beforeprint", function () {
      if (journal.entries.length && !body.classList.contains("journal-print-summary")) {
        buildSummary();
        body.classList.add("journal-print-summary");
      }
    });
    window.addEventListener("afterprint", function () { body.classList.remove("journal-print-summary"); });
  }

  // ---- files -------------------------------------------------------------

  function stamp() { return S.today(); }

  function setUpFiles() {
    byId("journal-export").addEventListener("click", function () {
      download(fileName("json"), "application/json", S.serialize(journal, stamp()));
      say("journal-data-status", HB_T("js.journal.file.saved-copy", entries(journal.entries.length), fileName("json")));
    });
    byId("journal-csv").addEventListener("click", function () {
      download(fileName("csv"), "text/csv", S.csv(journal.entries, names));
      say("journal-data-status", HB_T("js.journal.file.saved-csv", entries(journal.entries.length), fileName("csv")));
    });
    var input = byId("journal-import"), incoming = null;
    input.addEventListener("change", function () {
      var file = input.files && input.files[0];
      if (!file) return;
      var reader = new FileReader();
      reader.onload = function () {
        input.value = "";
        var r = S.parse(String(reader.result));
        if (r.problem) {
          byId("journal-import-choice").hidden = true;
          say("journal-data-status", HB_T("js.journal.file.not-opened", r.problem));
          return;
        }
        incoming = r.journal;
        offerImport(incoming);
      };
      reader.onerror = function () { say("journal-data-status", HB_T("js.journal.file.unreadable")); };
      reader.readAsText(file);
    });
    byId("journal-import-cancel").addEventListener("click", function () {
      incoming = null;
      byId("journal-import-choice").hidden = true;
      say("journal-data-status", HB_T("js.journal.file.nothing-changed"));
      input.focus();
    });
    byId("journal-import-merge").addEventListener("click", function () {
      var prefer = (document.querySelector("input[name=journal-clash]:checked") || {}).value || "mine";
      var c = S.compare(journal.entries, incoming.entries);
      journal.entries = S.merge(journal.entries, incoming.entries, prefer);
      finishImport(HB_T("js.journal.import.added", entries(c.added)) +
        (c.differ ? " " + (prefer === "file" ? HB_T("js.journal.import.differ-file", HB_TN("js.journal.days", c.differ)) : HB_T("js.journal.import.differ-mine", HB_TN("js.journal.days", c.differ))) : ""));
    });
    byId("journal-import-replace").addEventListener("click", function () {
      if (!journal.entries.length) return replace();
      say("journal-import-confirm-text", HB_T("js.journal.import.replace-ask", entries(journal.entries.length), entries(incoming.entries.length)) + " ");
      byId("journal-import-confirm").hidden = false;
      byId("journal-import-yes").focus();
    });
    byId("journal-import-yes").addEventListener("click", replace);
    function replace() {
      var n = incoming.entries.length;
      journal.entries = incoming.entries.slice();
      finishImport(HB_T("js.journal.import.replaced", entries(n)));
    }
    function finishImport(msg) {
      if (incoming.source && !journal.source) journal.source = incoming.source;
      incoming = null;
      byId("journal-import-choice").hidden = true;
      var saved = persist();
      render();
      showDate();
      say("journal-data-status", msg + kept(saved));
      byId("journal-import").focus();
    }
  }

  function offerImport(j) {
    var c = S.compare(journal.entries, j.entries), dates = j.entries.map(function (e) { return e.date; });
    var text = dates.length ? HB_T("js.journal.import.holds-from", entries(j.entries.length), C.formatDate(dates[0], true), C.formatDate(dates[dates.length - 1], true)) :
      HB_T("js.journal.import.holds", entries(j.entries.length));
    text += " " + HB_T("js.journal.import.here", entries(journal.entries.length));
    if (c.same + c.differ) {
      text += HB_T("js.journal.import.both", HB_TN("js.journal.import.days-in-both", c.same + c.differ));
      if (c.differ) text += " " + HB_T("js.journal.import.different", c.differ);
    }
    say("journal-import-text", text + HB_T("js.journal.import.ask"));
    byId("journal-import-clash").hidden = !c.differ;
    byId("journal-import-confirm").hidden = true;
    byId("journal-import-choice").hidden = false;
    byId("journal-import-merge").focus();
  }

  // twoStep makes a button that asks first: ask shows the question box
  // with its "yes" button; "no" hides it again. Never a browser dialog.
  function twoStep(ask, box, yes, no, question) {
    byId(ask).addEventListener("click", function () {
      if (question) question();
      byId(box).hidden = false;
      byId(yes).focus();
    });
    byId(no).addEventListener("click", function () {
      byId(box).hidden = true;
      byId(ask).focus();
    });
  }

  function setUpClear() {
    twoStep("journal-clear", "journal-clear-confirm", "journal-clear-yes", "journal-clear-no", function () {
      say("journal-clear-text", HB_T("js.journal.clear.ask", entries(journal.entries.length)) + " ");
    });
    byId("journal-clear-yes").addEventListener("click", function () {
      var n = journal.entries.length;
      journal.entries = [];
      var saved = persist();
      editing = null;
      fillForm(S.blank(dateInput.value));
      byId("journal-clear-confirm").hidden = true;
      render();
      showDate();
      say("journal-data-status", HB_T("js.journal.clear.done", entries(n)) + kept(saved));
      byId("journal-export").focus();
    });
  }

  function setUpProblem() {
    byId("journal-problem-download").addEventListener("click", function () {
      download(HB_T("js.journal.file.saved-data") + "-" + stamp() + ".txt", "text/plain", raw === null ? "" : raw);
    });
    twoStep("journal-problem-replace", "journal-problem-confirm", "journal-problem-yes", "journal-problem-no");
    byId("journal-problem-yes").addEventListener("click", function () {
      state = "ok";
      lastText = raw; // the reader chose to write over it
      raw = null;
      var saved = persist();
      byId("journal-problem").hidden = true;
      byId("journal-problem-confirm").hidden = true;
      say("journal-save-status", saved ? (journal.entries.length ? HB_T("js.journal.problem.started-with", entries(journal.entries.length)) : HB_T("js.journal.problem.started")) :
        HB_T("js.journal.problem.not-started"));
      dateInput.focus();
    });
  }

  // ---- start -----------------------------------------------------------

  function start() {
    readPage();
    load();
    setUpSources();
    setUpAdd();
    setUpPrint();
    setUpFiles();
    setUpClear();
    setUpProblem();
    // the warning signs show from the start where there is room; on a
    // phone they fold away so that a day fits on a screen or so
    var signsBox = byId("journal-signs-box");
    if (signsBox && window.matchMedia && window.matchMedia("(min-width: 50rem)").matches) signsBox.open = true;
    dateInput.value = S.today();
    dateInput.max = S.today();
    var e = find(dateInput.value);
    if (e) {
      fillForm(e);
      editing = e.date;
    } else {
      fillForm(S.blank(dateInput.value));
    }
    var log = param("log");
    if (log !== null && known(log)) addDone(log, false);
    showDate();
    dateInput.addEventListener("change", showDate);
    form.addEventListener("change", function (ev) {
      var n = ev.target.name;
      if (n === "sign" || n === "where") renderAlert();
      if (n === "worst") byId("journal-worst-error").hidden = true;
    });
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      save();
    });
    byId("journal-new").addEventListener("click", function () {
      editing = null;
      fillForm(S.blank(dateInput.value));
      showDate();
      say("journal-save-status", HB_T("js.journal.form-cleared"));
    });
    byId("journal-treatment-add").addEventListener("click", function () {
      treatments.push({ name: "", helped: "" });
      renderTreatments(true);
    });
    Array.prototype.forEach.call(document.querySelectorAll("input[name=journal-range]"), function (r) {
      r.addEventListener("change", function () {
        range = +r.value;
        render();
      });
    });
    var width = 0, timer = null;
    window.addEventListener("resize", function () {
      clearTimeout(timer);
      timer = setTimeout(function () {
        var w = byId("journal-chart").clientWidth;
        if (w && w !== width) {
          width = w;
          render();
        }
      }, 150);
    });
    root.hidden = false;
    render();
  }

  start();
})();
