// journal-store.js: the pain journal's data, kept in this browser only.
//
// One localStorage key, "handbook-journal", holds the whole journal as
// JSON, and an exported file is the same object:
//
//   {"kind": "handbook-journal", "version": 1, "source": "program:starter",
//    "entries": [{"date": "2025-03-14", "now": 3, "worst": 5, ...}, ...]}
//
// An entry is one day (dates are unique): pain now and worst (whole numbers
// 0 to 10, or null), when it was worst, where, warning signs ticked (red
// flag ids), other symptoms, what made it worse or better, exercises done
// with how each felt, hours slept, whether pain woke them, treatments with
// how each helped, and notes. "source" is the exercise list the entries
// were last logged from ("handout", "program:ID" or "").
//
// Text that is not such a journal (not JSON, another shape, a value out of
// range, a newer version) is refused with a reason and never written over:
// the page keeps the raw text, offers it as a file, and waits for the
// reader to choose. An older version is brought up to date by migrations,
// one version at a time. Nothing here touches the page or the network.
// The reasons are said in the page's language (HB_T, assets/strings.js);
// the spreadsheet's column names stay in English, as a data format.
(function () {
  "use strict";

  var KEY = "handbook-journal", KIND = "handbook-journal", VERSION = 1;
  var MAX_ENTRIES = 5000, MAX_LIST = 60, MAX_TEXT = 200, MAX_NOTE = 1000;

  // migrations[v] turns a journal of version v into one of version v + 1.
  // Version 1 is the first, so there are none yet; when an entry changes
  // shape, VERSION goes up and a function goes here.
  var migrations = Object.create(null);

  var WHEN = ["", "morning", "afternoon", "evening", "night"];
  var FELT = ["", "easy", "ok", "hard", "hurt"];
  var HELPED = ["", "a lot", "a little", "no", "worse"];

  // each field of an entry, with its check; a field left out takes its
  // empty value
  var FIELDS = {
    date: date, now: score, worst: score, when: oneOf(WHEN),
    where: texts, signs: texts, symptoms: texts,
    worse: texts, worseOther: text(MAX_TEXT), better: texts, betterOther: text(MAX_TEXT),
    exercises: exercises, sleep: hours, woke: bool,
    treatments: treatments, notes: text(MAX_NOTE)
  };

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }
  function isObject(v) { return v !== null && typeof v === "object" && !Array.isArray(v); }

  // Problem is a reason a journal cannot be read, in plain words.
  function Problem(message) { this.message = message; }

  function fail(message) { throw new Problem(message); }

  // ---- dates: "YYYY-MM-DD", counted in whole days ------------------------

  function pad(n) { return (n < 10 ? "0" : "") + n; }

  function isoOf(d) { return d.getFullYear() + "-" + pad(d.getMonth() + 1) + "-" + pad(d.getDate()); }

  // today is the reader's local date
  function today() { return isoOf(new Date()); }

  // dayNumber counts days since 1970 for a date, or NaN for no real date
  function dayNumber(iso) {
    var m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
    if (!m) return NaN;
    var y = +m[1], mo = +m[2], d = +m[3], t = Date.UTC(y, mo - 1, d);
    var back = new Date(t);
    if (back.getUTCFullYear() !== y || back.getUTCMonth() !== mo - 1 || back.getUTCDate() !== d) return NaN;
    return Math.round(t / 86400000);
  }

  function fromDayNumber(n) {
    var d = new Date(n * 86400000);
    return d.getUTCFullYear() + "-" + pad(d.getUTCMonth() + 1) + "-" + pad(d.getUTCDate());
  }

  function addDays(iso, n) { return fromDayNumber(dayNumber(iso) + n); }

  // ---- checks, one per kind of field ---------------------------------------

  function date(v) {
    if (typeof v !== "string" || isNaN(dayNumber(v)) || v < "1900" || v > "2200") fail(HB_T("js.journal.store.date"));
    return v;
  }

  function score(v) {
    if (v === null || v === undefined) return null;
    if (typeof v !== "number" || v % 1 !== 0 || v < 0 || v > 10) fail(HB_T("js.journal.store.score"));
    return v;
  }

  function text(max) {
    return function (v) {
      if (v === undefined || v === null) return "";
      if (typeof v !== "string") fail(HB_T("js.journal.store.not-text"));
      if (v.length > max) fail(HB_T("js.journal.store.text-long", max));
      return v;
    };
  }

  function oneOf(values) {
    return function (v) {
      if (v === undefined || v === null) return "";
      if (values.indexOf(v) < 0) fail(HB_T("js.journal.store.not-choice", String(v).slice(0, 30)));
      return v;
    };
  }

  function list(v, item) {
    if (v === undefined || v === null) return [];
    if (!Array.isArray(v)) fail(HB_T("js.journal.store.not-list"));
    if (v.length > MAX_LIST) fail(HB_T("js.journal.store.list-long", MAX_LIST));
    return v.map(item);
  }

  function texts(v) {
    var seen = Object.create(null);
    return list(v, text(MAX_TEXT)).filter(function (s) {
      if (seen[s] || !s) return false;
      seen[s] = true;
      return true;
    });
  }

  function hours(v) {
    if (v === null || v === undefined) return null;
    if (typeof v !== "number" || !isFinite(v) || v < 0 || v > 24) fail(HB_T("js.journal.store.hours"));
    return Math.round(v * 2) / 2;
  }

  function bool(v) {
    if (v === undefined || v === null) return false;
    if (typeof v !== "boolean") fail(HB_T("js.journal.store.not-bool"));
    return v;
  }

  // what is what v is, in words: "an entry"
  function record(v, fields, what) {
    if (!isObject(v)) fail(HB_T("js.journal.store.not-record", what));
    Object.keys(v).forEach(function (k) {
      if (!has(fields, k)) fail(HB_T("js.journal.store.unknown-field", what, k.slice(0, 30)));
    });
    var out = {};
    Object.keys(fields).forEach(function (k) { out[k] = fields[k](has(v, k) ? v[k] : undefined); });
    return out;
  }

  function exercises(v) {
    var seen = Object.create(null);
    return list(v, function (x) {
      var e = record(x, { id: text(MAX_TEXT), felt: oneOf(FELT) }, HB_T("js.journal.store.an-exercise"));
      if (!e.id) fail(HB_T("js.journal.store.no-id"));
      if (seen[e.id]) fail(HB_T("js.journal.store.twice"));
      seen[e.id] = true;
      return e;
    });
  }

  function treatments(v) {
    return list(v, function (x) {
      var t = record(x, { name: text(MAX_TEXT), helped: oneOf(HELPED) }, HB_T("js.journal.store.a-treatment"));
      if (!t.name) fail(HB_T("js.journal.store.no-name"));
      return t;
    });
  }

  // entry checks one entry and returns it with every field
  function entry(v) { return record(v, FIELDS, HB_T("js.journal.store.an-entry")); }

  function blank(day) { return entry({ date: day }); }

  // ---- whole journals --------------------------------------------------------

  function empty() { return { kind: KIND, version: VERSION, source: "", entries: [] }; }

  // check takes a parsed value and returns the journal it holds, brought up
  // to this version, or throws a Problem saying what is wrong
  function check(v) {
    if (!isObject(v) || v.kind !== KIND) fail(HB_T("js.journal.store.not-journal"));
    if (typeof v.version !== "number" || v.version % 1 !== 0 || v.version < 1) fail(HB_T("js.journal.store.bad-version"));
    if (v.version > VERSION) fail(HB_T("js.journal.store.newer", v.version, VERSION));
    while (v.version < VERSION) {
      if (!migrations[v.version]) fail(HB_T("js.journal.store.no-migration", v.version));
      v = migrations[v.version](v);
    }
    var keys = { kind: 1, version: 1, source: 1, entries: 1, exported: 1 };
    Object.keys(v).forEach(function (k) {
      if (!has(keys, k)) fail(HB_T("js.journal.store.unknown-key", k.slice(0, 30)));
    });
    if (!Array.isArray(v.entries)) fail(HB_T("js.journal.store.no-entries"));
    if (v.entries.length > MAX_ENTRIES) fail(HB_T("js.journal.store.too-many", MAX_ENTRIES));
    var seen = Object.create(null);
    var entries = v.entries.map(function (x, i) {
      try {
        var e = entry(x);
      } catch (p) {
        if (p instanceof Problem) fail(HB_T("js.journal.store.entry", i + 1, p.message));
        throw p;
      }
      if (seen[e.date]) fail(HB_T("js.journal.store.same-day", e.date));
      seen[e.date] = true;
      return e;
    });
    var source = text(MAX_TEXT)(v.source);
    return { kind: KIND, version: VERSION, source: source, entries: sortEntries(entries) };
  }

  // parse reads a journal from text: {journal} or {problem}
  function parse(raw) {
    var v;
    try {
      v = JSON.parse(raw);
    } catch (e) {
      return { problem: HB_T("js.journal.store.not-json") };
    }
    try {
      return { journal: check(v) };
    } catch (p) {
      if (p instanceof Problem) return { problem: p.message };
      throw p;
    }
  }

  function sortEntries(list) {
    return list.slice().sort(function (a, b) { return a.date < b.date ? -1 : a.date > b.date ? 1 : 0; });
  }

  function serialize(j, exported) {
    var out = { kind: KIND, version: VERSION, source: j.source || "", entries: sortEntries(j.entries) };
    if (exported) out.exported = exported;
    return JSON.stringify(out, null, exported ? 1 : 0);
  }

  // read looks at what this browser keeps: {state, journal, raw, problem}.
  // state is "empty" (nothing kept yet), "ok", "refused" (something is
  // kept that is not a journal this page can read: raw holds it) or
  // "unavailable" (the browser lets the page keep nothing).
  function read(storage) {
    var raw;
    try {
      raw = storage.getItem(KEY);
    } catch (e) {
      return { state: "unavailable", journal: empty(), raw: null };
    }
    if (raw === null) return { state: "empty", journal: empty(), raw: null };
    var r = parse(raw);
    if (r.problem) return { state: "refused", journal: empty(), raw: raw, problem: r.problem };
    return { state: "ok", journal: r.journal, raw: raw };
  }

  // write keeps the journal and returns the text written; it throws when
  // the browser refuses (storage full or blocked)
  function write(storage, j) {
    var text = serialize(j);
    storage.setItem(KEY, text);
    return text;
  }

  // ---- bringing two journals together ------------------------------------

  function same(a, b) { return JSON.stringify(entry(a)) === JSON.stringify(entry(b)); }

  // compare says how the entries of a file meet those here: how many days
  // only the file has, how many both have alike, how many differ
  function compare(mine, theirs) {
    var byDate = Object.create(null), out = { added: 0, same: 0, differ: 0 };
    mine.forEach(function (e) { byDate[e.date] = e; });
    theirs.forEach(function (e) {
      var m = byDate[e.date];
      if (!m) out.added++;
      else if (same(m, e)) out.same++;
      else out.differ++;
    });
    return out;
  }

  // merge adds the file's entries to those here; where both have a day and
  // they differ, prefer ("mine" or "file") says which to keep
  function merge(mine, theirs, prefer) {
    var byDate = Object.create(null);
    mine.forEach(function (e) { byDate[e.date] = e; });
    theirs.forEach(function (e) {
      if (!byDate[e.date] || prefer === "file") byDate[e.date] = e;
    });
    return sortEntries(Object.keys(byDate).map(function (d) { return byDate[d]; }));
  }

  // ---- the trend over two weeks -------------------------------------------

  function mean(xs) {
    return xs.length ? xs.reduce(function (a, b) { return a + b; }, 0) / xs.length : NaN;
  }

  // trend compares the last 7 days, ending on day end, with the 7 before,
  // by the worst pain of each day logged. It is "worse" when both weeks
  // have at least 3 days logged and this week's average is at least 2
  // points higher, or when on 3 or more of the last 7 days the worst pain
  // was high or more (the scale's "too much": 6).
  function trend(entries, end, high) {
    var last = [], before = [], highDays = [], signDays = [];
    var e0 = dayNumber(end);
    entries.forEach(function (e) {
      var age = e0 - dayNumber(e.date);
      if (age < 0 || age > 13) return;
      if (e.signs.length) signDays.push(e.date);
      if (e.worst === null) return;
      (age < 7 ? last : before).push(e.worst);
      if (age < 7 && e.worst >= high) highDays.push(e.date);
    });
    var t = { last: mean(last), before: mean(before), lastDays: last.length, beforeDays: before.length,
      highDays: highDays, signDays: signDays, rising: false, oftenHigh: highDays.length >= 3 };
    t.rising = last.length >= 3 && before.length >= 3 && t.last - t.before >= 2;
    t.worse = t.rising || t.oftenHigh;
    return t;
  }

  // ---- a file for spreadsheets -----------------------------------------------

  // cell quotes a value for CSV, and keeps a spreadsheet from reading text
  // as a formula: a cell that starts with = + - @ (or a tab or carriage
  // return) starts with an apostrophe instead
  function cell(v) {
    var s = v === null || v === undefined ? "" : String(v);
    if (/^[=+\-@\t\r]/.test(s)) s = "'" + s;
    if (/[",\r\n]/.test(s) || s !== s.trim()) s = "\"" + s.replace(/"/g, "\"\"") + "\"";
    return s;
  }

  // csv writes the entries, one row a day; names turns ids into words:
  // names.exercise(id), names.sign(id), names.felt(v), names.helped(v),
  // and, if it has it, names.choice(v) for what made it worse or better
  // and other symptoms. The column names, the time of day and "yes" stay
  // as they are in every language: they are the file's format.
  function csv(entries, names) {
    var choice = names.choice || function (v) { return v; };
    var head = ["Date", "Pain now (0-10)", "Worst pain (0-10)", "Worst time", "Where", "Warning signs", "Other symptoms",
      "Made it worse", "Helped", "Exercises (how they felt)", "Sleep (hours)", "Woken by pain", "Treatments (how they helped)", "Notes"];
    var rows = [head];
    sortEntries(entries).forEach(function (e) {
      rows.push([
        e.date, e.now, e.worst, e.when, e.where.join("; "), e.signs.map(names.sign).join("; "), e.symptoms.map(choice).join("; "),
        e.worse.map(choice).concat(e.worseOther ? [e.worseOther] : []).join("; "),
        e.better.map(choice).concat(e.betterOther ? [e.betterOther] : []).join("; "),
        e.exercises.map(function (x) { return names.exercise(x.id) + (x.felt ? " (" + names.felt(x.felt) + ")" : ""); }).join("; "),
        e.sleep, e.woke ? "yes" : "",
        e.treatments.map(function (t) { return t.name + (t.helped ? " (" + names.helped(t.helped) + ")" : ""); }).join("; "),
        e.notes
      ]);
    });
    return "\ufeff" + rows.map(function (r) { return r.map(cell).join(","); }).join("\r\n") + "\r\n";
  }

  window.HandbookJournalStore = {
    KEY: KEY, VERSION: VERSION, WHEN: WHEN, FELT: FELT, HELPED: HELPED,
    today: today, dayNumber: dayNumber, addDays: addDays,
    empty: empty, blank: blank, entry: entry, check: check, parse: parse, serialize: serialize,
    read: read, write: write, compare: compare, merge: merge, trend: trend, csv: csv, cell: cell,
    sortEntries: sortEntries, Problem: Problem
  };
})();
