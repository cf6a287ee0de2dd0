// journal-chart.js: the pain journal's views, drawn from its entries: a
// chart of pain over the last days (an inline SVG whose colours come from
// the stylesheet, so it reads in dark mode and prints in black), the same
// days as a table, how often each exercise was done, and the one-sheet
// summary for the clinician. Everything is built with createElement and
// textContent, never from HTML text.
(function () {
  "use strict";

  var S = window.HandbookJournalStore;
  var SVG = "http://www.w3.org/2000/svg";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = text;
    return e;
  }

  function svg(tag, attrs, text) {
    var e = document.createElementNS(SVG, tag);
    Object.keys(attrs || {}).forEach(function (k) { e.setAttribute(k, String(attrs[k])); });
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function lang() { return document.documentElement.lang || "en"; }

  function utc(iso) { return new Date(S.dayNumber(iso) * 86400000); }

  // formatDate says a date as words: "Tue 4 Mar" (short) or "Tuesday 4 March 2025"
  function formatDate(iso, long) {
    var o = long ? { weekday: "long", day: "numeric", month: "long", year: "numeric", timeZone: "UTC" } :
      { weekday: "short", day: "numeric", month: "short", timeZone: "UTC" };
    try {
      return utc(iso).toLocaleDateString(lang(), o);
    } catch (e) {
      return iso;
    }
  }

  // decimal says a number with one decimal, in the page's language: "4.5"
  function decimal(v) { return v.toFixed(1).replace(".", HB_T("js.journal.decimal-point")); }

  // number says a number as it is, in the page's language: "6.5", "7"
  function number(v) { return String(v).replace(".", HB_T("js.journal.decimal-point")); }

  function monthName(iso) {
    try {
      return utc(iso).toLocaleDateString(lang(), { month: "short", timeZone: "UTC" });
    } catch (e) {
      return iso.slice(5, 7);
    }
  }

  // inRange is the entries of the days days ending on end, by date
  function inRange(entries, end, days) {
    var from = S.addDays(end, -(days - 1)), out = Object.create(null);
    entries.forEach(function (e) { if (e.date >= from && e.date <= end) out[e.date] = e; });
    return out;
  }

  // ---- the chart -------------------------------------------------------

  // chart draws pain over the days days ending on end. o.width is its width
  // in CSS pixels (text stays readable on a phone), o.bands the pain scale
  // ({from, to, cls}), o.high the score from which a day is a flare-up,
  // o.id a prefix for the ids of its title and description.
  function chart(entries, end, days, o) {
    var W = Math.max(300, Math.round(o.width)), H = o.height || 250;
    var L = 30, R = 8, T = 20, B = 58;
    var pw = W - L - R, ph = H - T - B, col = pw / days;
    var by = inRange(entries, end, days), start = S.addDays(end, -(days - 1));
    var x = function (i) { return L + (i + 0.5) * col; };
    var y = function (v) { return T + (10 - v) / 10 * ph; };
    var root = svg("svg", { viewBox: "0 0 " + W + " " + H, width: W, height: H, role: "img", class: "pain-chart pain-marks",
      "aria-labelledby": o.id + "-title " + o.id + "-desc" });
    root.appendChild(svg("title", { id: o.id + "-title" }, HB_T("js.journal.chart.title", days)));
    root.appendChild(svg("desc", { id: o.id + "-desc" }, describe(entries, end, days, o.high)));

    o.bands.forEach(function (b) {
      var top = y(Math.min(10, b.to + 0.5)), bottom = y(Math.max(0, b.from - 0.5));
      if (b.from === 0) bottom = y(0);
      root.appendChild(svg("rect", { x: L, y: top, width: pw, height: bottom - top, class: "band band-" + b.cls }));
    });
    for (var v = 0; v <= 10; v += 2) {
      root.appendChild(svg("line", { x1: L, x2: L + pw, y1: y(v), y2: y(v), class: "grid" }));
      root.appendChild(svg("text", { x: L - 6, y: y(v) + 4, "text-anchor": "end", class: "axis" }, String(v)));
    }
    var days_ = [];
    for (var i = 0; i < days; i++) days_.push({ i: i, date: S.addDays(start, i), e: by[S.addDays(start, i)] });

    // flare-ups: the day's column, behind the lines
    days_.forEach(function (d) {
      if (d.e && d.e.worst !== null && d.e.worst >= o.high) {
        root.appendChild(svg("rect", { x: L + d.i * col + 1, y: T, width: Math.max(1, col - 2), height: ph, class: "flare" }));
      }
    });
    line(root, days_, "worst", x, y, "line-worst");
    line(root, days_, "now", x, y, "line-now");
    days_.forEach(function (d) {
      if (!d.e) return;
      var e = d.e, label = HB_T("js.journal.chart.day", formatDate(d.date)) + " ";
      if (e.worst !== null) {
        if (e.worst >= o.high) root.appendChild(svg("circle", { cx: x(d.i), cy: y(e.worst), r: 8.5, class: "flare-ring" }));
        var p = svg("circle", { cx: x(d.i), cy: y(e.worst), r: 4.5, class: "pt-worst" });
        p.appendChild(svg("title", {}, label + HB_T("js.journal.chart.worst", e.worst)));
        root.appendChild(p);
      }
      if (e.now !== null) {
        var q = svg("rect", { x: x(d.i) - 3.5, y: y(e.now) - 3.5, width: 7, height: 7, class: "pt-now" });
        q.appendChild(svg("title", {}, label + HB_T("js.journal.chart.now", e.now)));
        root.appendChild(q);
      }
      if (e.exercises.length) {
        var m = svg("rect", { x: x(d.i) - Math.min(7, col / 2 - 1), y: T + ph + 6, width: Math.min(14, col - 2), height: 8, class: "ex-mark" });
        m.appendChild(svg("title", {}, label + HB_TN("js.journal.exercises", e.exercises.length)));
        root.appendChild(m);
      }
      if (e.signs.length) {
        var g = svg("g", { class: "sign-mark" });
        g.appendChild(svg("circle", { cx: x(d.i), cy: T - 10, r: 7 }));
        g.appendChild(svg("text", { x: x(d.i), y: T - 6, "text-anchor": "middle" }, "!"));
        g.appendChild(svg("title", {}, label + HB_T("js.journal.chart.sign")));
        root.appendChild(g);
      }
    });
    root.appendChild(svg("line", { x1: L, x2: L + pw, y1: y(0), y2: y(0), class: "axis-line" }));
    // dates: every day when there is room, else every other day
    var every = col >= 22 ? 1 : col >= 11 ? 2 : 4, lastMonth = "";
    days_.forEach(function (d) {
      if ((days - 1 - d.i) % every !== 0) return;
      var t = svg("text", { x: x(d.i), y: T + ph + 30, "text-anchor": "middle", class: "axis" }, String(+d.date.slice(8)));
      root.appendChild(t);
      var mo = d.date.slice(0, 7);
      if (mo !== lastMonth) {
        root.appendChild(svg("text", { x: x(d.i), y: T + ph + 46, "text-anchor": "middle", class: "axis month" }, monthName(d.date)));
        lastMonth = mo;
      }
    });
    return root;
  }

  // line joins the days' scores of one kind; a day not logged breaks it
  function line(root, days, field, x, y, cls) {
    var pts = [];
    function flush() {
      if (pts.length > 1) root.appendChild(svg("polyline", { points: pts.join(" "), class: cls }));
      pts = [];
    }
    days.forEach(function (d) {
      if (d.e && d.e[field] !== null) pts.push(x(d.i).toFixed(1) + "," + y(d.e[field]).toFixed(1));
      else flush();
    });
    flush();
  }

  // describe says in words what the chart shows
  function describe(entries, end, days, high) {
    var by = inRange(entries, end, days), dates = Object.keys(by).sort();
    if (!dates.length) return HB_T("js.journal.chart.none", days);
    var worst = dates.map(function (d) { return by[d].worst; }).filter(function (v) { return v !== null; });
    var ex = dates.filter(function (d) { return by[d].exercises.length; }).length;
    var flares = dates.filter(function (d) { return by[d].worst !== null && by[d].worst >= high; });
    var s = HB_T("js.journal.chart.logged", dates.length, days);
    if (worst.length) {
      s += " " + HB_T("js.journal.chart.worst-range", Math.min.apply(null, worst), Math.max.apply(null, worst),
        decimal(worst.reduce(function (a, b) { return a + b; }, 0) / worst.length));
    }
    s += " " + HB_TN("js.journal.chart.exercise-days", ex);
    s += " " + (flares.length ? HB_T("js.journal.chart.flares", high, flares.map(function (d) { return formatDate(d); }).join(", ")) :
      HB_T("js.journal.chart.no-flares"));
    return s + " " + HB_T("js.journal.chart.table-below");
  }

  // key is the chart's legend: a small drawing and words for each mark
  function key(high) {
    var ul = el("ul", "chart-key");
    [
      [HB_T("js.journal.key.worst"), function (s) { s.appendChild(svg("line", { x1: 1, x2: 27, y1: 8, y2: 8, class: "line-worst" })); s.appendChild(svg("circle", { cx: 14, cy: 8, r: 4.5, class: "pt-worst" })); }],
      [HB_T("js.journal.key.now"), function (s) { s.appendChild(svg("line", { x1: 1, x2: 27, y1: 8, y2: 8, class: "line-now" })); s.appendChild(svg("rect", { x: 10.5, y: 4.5, width: 7, height: 7, class: "pt-now" })); }],
      [HB_T("js.journal.key.exercises"), function (s) { s.appendChild(svg("rect", { x: 7, y: 4, width: 14, height: 8, class: "ex-mark" })); }],
      [HB_T("js.journal.key.flare", high), function (s) { s.appendChild(svg("circle", { cx: 14, cy: 8, r: 6.5, class: "flare-ring" })); }],
      [HB_T("js.journal.key.sign"), function (s) { var g = svg("g", { class: "sign-mark" }); g.appendChild(svg("circle", { cx: 14, cy: 8, r: 7 })); g.appendChild(svg("text", { x: 14, y: 12, "text-anchor": "middle" }, "!")); s.appendChild(g); }]
    ].forEach(function (k) {
      var li = el("li"), s = svg("svg", { viewBox: "0 0 28 16", width: 28, height: 16, "aria-hidden": "true", focusable: "false", class: "pain-marks key-mark" });
      k[1](s);
      li.appendChild(s);
      li.appendChild(document.createTextNode(" " + k[0]));
      ul.appendChild(li);
    });
    return ul;
  }

  // ---- the table -------------------------------------------------------

  // words is what the table says of one entry's parts; n holds the names
  // of ids (n.exercise, n.sign, n.felt, n.helped, n.when, and n.choice for
  // what made it worse or better and other symptoms, if it has it)
  function words(e, n) {
    var choice = n.choice || function (v) { return v; };
    var ex = e.exercises.map(function (x) { return n.exercise(x.id) + (x.felt ? " (" + n.felt(x.felt) + ")" : ""); });
    var other = [];
    var worse = e.worse.map(choice).concat(e.worseOther ? [e.worseOther] : []), better = e.better.map(choice).concat(e.betterOther ? [e.betterOther] : []);
    if (worse.length) other.push(HB_T("js.journal.table.worse", worse.join(", ")));
    if (better.length) other.push(HB_T("js.journal.table.helped", better.join(", ")));
    if (e.treatments.length) {
      other.push(HB_T("js.journal.table.tried", e.treatments.map(function (t) { return t.name + (t.helped ? " (" + n.helped(t.helped) + ")" : ""); }).join(", ")));
    }
    if (e.symptoms.length) other.push(HB_T("js.journal.table.also", e.symptoms.map(choice).join(", ")));
    var sleep = e.sleep === null ? "" : HB_T("js.journal.table.hours", number(e.sleep));
    if (e.woke) sleep += (sleep ? ", " : "") + HB_T("js.journal.table.woken");
    return {
      now: e.now === null ? "" : String(e.now), worst: e.worst === null ? "" : String(e.worst) + (e.when ? ", " + n.when(e.when) : ""),
      where: e.where.join(", "), exercises: ex.join(", "), signs: e.signs.map(n.sign), other: other.join(" "),
      sleep: sleep, notes: e.notes
    };
  }

  // table lists the entries of the days days ending on end, newest first.
  // o.caption, o.names, o.bands; o.actions(td, entry), if set, adds buttons
  // to a last column; o.compact (print) folds the warning signs and when it
  // was worst into the notes. The notes put the reader's own words first,
  // then what made it worse or better.
  function table(entries, end, days, o) {
    var by = inRange(entries, end, days), dates = Object.keys(by).sort().reverse();
    var t = el("table", "journal-entries" + (o.compact ? " compact" : ""));
    t.appendChild(el("caption", "", o.caption));
    // a column of warning signs only on screen and only when a day has one:
    // print names them in the notes, and in bold among the facts
    var signCol = !o.compact && dates.some(function (d) { return by[d].signs.length; });
    var cols = [HB_T("js.journal.col.date"), o.compact ? HB_T("js.journal.col.now-short") : HB_T("js.journal.col.now"), HB_T("js.journal.col.worst"),
      HB_T("js.journal.col.where"), HB_T("js.journal.col.exercises")]
      .concat(signCol ? [HB_T("js.journal.col.signs")] : [], [HB_T("js.journal.col.sleep"), HB_T("js.journal.col.notes")]);
    if (o.actions) cols.push(HB_T("js.journal.col.change"));
    var head = el("tr");
    cols.forEach(function (c, i) {
      var th = el("th", "col-" + i, c);
      th.scope = "col";
      head.appendChild(th);
    });
    t.appendChild(el("thead")).appendChild(head);
    var body = t.appendChild(el("tbody"));
    dates.forEach(function (d) {
      var e = by[d], w = words(e, o.names), tr = el("tr");
      if (e.signs.length) tr.className = "has-sign";
      var th = el("th", "", formatDate(d));
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(score(e.now, o.bands));
      var worst = score(e.worst, o.bands);
      if (e.when && !o.compact) worst.appendChild(el("span", "when", " " + o.names.when(e.when)));
      tr.appendChild(worst);
      tr.appendChild(el("td", "", w.where));
      tr.appendChild(el("td", "", w.exercises));
      if (signCol) {
        var signs = el("td", "signs");
        w.signs.forEach(function (s, i) {
          if (i) signs.appendChild(document.createTextNode("; "));
          signs.appendChild(el("strong", "", s));
        });
        tr.appendChild(signs);
      }
      tr.appendChild(el("td", "", w.sleep));
      var notes = el("td", "notes"), box = notes.appendChild(el("div", "clamp"));
      if (o.compact && w.signs.length) box.appendChild(el("strong", "", HB_T("js.journal.table.sign", w.signs.join("; ")) + " "));
      var text = [w.notes, o.compact && e.when ? HB_T("js.journal.table.worst-when", o.names.when(e.when)) : "", w.other];
      box.appendChild(document.createTextNode(text.filter(Boolean).join(" ")));
      tr.appendChild(notes);
      if (o.actions) {
        var td = el("td", "actions");
        o.actions(td, e);
        tr.appendChild(td);
      }
      body.appendChild(tr);
    });
    if (!dates.length) {
      var tr = el("tr"), td = el("td", "", HB_T("js.journal.table.none"));
      td.colSpan = cols.length;
      tr.appendChild(td);
      body.appendChild(tr);
    }
    return t;
  }

  // score is a table cell with a pain score and its band, in words for a
  // screen reader and in colour for the eye
  function score(v, bands) {
    var td = el("td", "score-cell");
    if (v === null) return td;
    var b = bands.filter(function (b) { return v >= b.from && v <= b.to; })[0];
    var span = el("span", "score-badge" + (b ? " band-" + b.cls : ""), String(v));
    td.appendChild(span);
    return td;
  }

  // ---- how often each exercise was done --------------------------------

  // adherence counts, for each exercise done in the days or planned, the
  // days it was done of the days logged, and how it felt; caption may be
  // empty when a heading names the table. With limit, only the limit most
  // done are listed, and a last row says how many more there are.
  function adherence(entries, end, days, planned, n, caption, limit) {
    var by = inRange(entries, end, days), dates = Object.keys(by).sort(), logged = dates.length;
    var rows = Object.create(null), order = [];
    function row(id) {
      if (!rows[id]) {
        rows[id] = { id: id, done: 0, felt: Object.create(null) };
        order.push(id);
      }
      return rows[id];
    }
    planned.forEach(row);
    dates.forEach(function (d) {
      by[d].exercises.forEach(function (x) {
        var r = row(x.id);
        r.done++;
        if (x.felt) r.felt[x.felt] = (r.felt[x.felt] || 0) + 1;
      });
    });
    if (!order.length) return el("p", "journal-hint", HB_T("js.journal.adherence.none"));
    order.sort(function (a, b) { return rows[b].done - rows[a].done || n.exercise(a).localeCompare(n.exercise(b)); });
    var t = el("table", "journal-adherence");
    if (caption) t.appendChild(el("caption", "", caption));
    var head = el("tr");
    [HB_T("js.journal.adherence.exercise"), HB_T("js.journal.adherence.days"), HB_T("js.journal.adherence.felt")].forEach(function (c) {
      var th = el("th", "", c);
      th.scope = "col";
      head.appendChild(th);
    });
    t.appendChild(el("thead")).appendChild(head);
    var body = t.appendChild(el("tbody"));
    var more = limit && order.length > limit ? order.length - limit : 0;
    order.slice(0, order.length - more).forEach(function (id) {
      var r = rows[id], tr = el("tr"), th = el("th", "", n.exercise(id));
      th.scope = "row";
      tr.appendChild(th);
      tr.appendChild(el("td", "", logged === 1 ? HB_T("js.journal.adherence.done.one", r.done, logged) : HB_T("js.journal.adherence.done.other", r.done, logged)));
      var felt = S.FELT.filter(function (f) { return f && r.felt[f]; }).map(function (f) { return n.felt(f) + ": " + r.felt[f]; });
      tr.appendChild(el("td", "", felt.join(", ")));
      body.appendChild(tr);
    });
    if (more) {
      var tr = el("tr"), td = el("td", "", HB_T("js.journal.adherence.more", more));
      td.colSpan = 3;
      tr.appendChild(td);
      body.appendChild(tr);
    }
    return t;
  }

  // ---- print: the summary for the clinician --------------------------

  // summary is the clinician's printout of the 14 days ending on end: what
  // stands out, the chart, the table, the exercises. o.names, o.bands and
  // o.high as for the chart and the table; o.planned, the exercises of the
  // reader's plan, listed even if not done.
  function summary(entries, end, o) {
    var box = document.createDocumentFragment(), from = S.addDays(end, -13), high = o.high, names = o.names;
    var t = S.trend(entries, end, high), by = inRange(entries, end, 14), dates = Object.keys(by);
    box.appendChild(el("h2", "", HB_T("js.journal.summary.title")));
    box.appendChild(el("p", "summary-meta", HB_T("js.journal.summary.meta", formatDate(from, true), formatDate(end, true), dates.length)));
    var facts = el("ul", "summary-facts");
    var avg = function (v) { return isNaN(v) ? HB_T("js.journal.summary.not-logged") : decimal(v); };
    facts.appendChild(el("li", "", HB_T("js.journal.summary.average", avg(t.before), avg(t.last))));
    var flares = dates.filter(function (d) { return by[d].worst !== null && by[d].worst >= high; }).sort();
    facts.appendChild(el("li", "", flares.length ?
      HB_T("js.journal.summary.flares", high, flares.length, flares.map(function (d) { return formatDate(d); }).join(", ")) :
      HB_T("js.journal.summary.no-flares", high)));
    var ex = dates.filter(function (d) { return by[d].exercises.length; }).length;
    facts.appendChild(el("li", "", dates.length === 1 ? HB_T("js.journal.summary.exercise-days.one", ex, dates.length) :
      HB_T("js.journal.summary.exercise-days.other", ex, dates.length)));
    var signed = dates.filter(function (d) { return by[d].signs.length; }).sort();
    var li = el("li", signed.length ? "summary-signs" : "");
    li.appendChild(el("strong", "", HB_T("js.journal.summary.signs") + " "));
    li.appendChild(document.createTextNode(signed.length ? signed.map(function (d) {
      return HB_T("js.journal.summary.sign-day", formatDate(d), by[d].signs.map(names.sign).join("; "));
    }).join(". ") + "." : HB_T("js.journal.summary.no-signs")));
    facts.appendChild(li);
    tally(dates.map(function (d) { return by[d]; }), facts, names);
    box.appendChild(facts);
    var fig = el("div", "summary-chart");
    fig.appendChild(chart(entries, end, 14, { width: 700, height: 215, bands: o.bands, high: high, id: "journal-summary-svg" }));
    fig.appendChild(key(high));
    box.appendChild(fig);
    box.appendChild(table(entries, end, 14, { caption: HB_T("js.journal.summary.table"), names: names, bands: o.bands, compact: true }));
    box.appendChild(adherence(entries, end, 14, o.planned, names, HB_T("js.journal.summary.adherence"), 10));
    box.appendChild(el("p", "summary-scale", HB_T("js.journal.summary.scale") + " " +
      o.bands.map(function (b) { return b.text.trim(); }).join(" ")));
    return box;
  }

  // tally adds to the summary's facts how often each treatment was tried
  // and how it helped, and what most often made it worse or better
  function tally(entries, facts, names) {
    var tried = Object.create(null), order = [];
    entries.forEach(function (e) {
      e.treatments.forEach(function (t) {
        var k = t.name.toLowerCase();
        if (!tried[k]) {
          tried[k] = { name: t.name, days: 0, helped: Object.create(null) };
          order.push(k);
        }
        tried[k].days++;
        if (t.helped) tried[k].helped[t.helped] = (tried[k].helped[t.helped] || 0) + 1;
      });
    });
    if (order.length) {
      facts.appendChild(el("li", "", HB_T("js.journal.summary.treatments", order.map(function (k) {
        var t = tried[k], how = S.HELPED.filter(function (h) { return h && t.helped[h]; })
          .map(function (h) { return HB_T("js.journal.summary.helped-days", names.helped(h), HB_TN("js.journal.days", t.helped[h])); });
        return HB_T("js.journal.summary.tried-days", t.name, HB_TN("js.journal.days", t.days)) + (how.length ? " (" + how.join(", ") + ")" : "");
      }).join("; "))));
    }
    var choice = names.choice || function (v) { return v; };
    [["worse", "worseOther", HB_T("js.journal.summary.worse")], ["better", "betterOther", HB_T("js.journal.summary.helped")]].forEach(function (f) {
      var n = Object.create(null), keys = [];
      entries.forEach(function (e) {
        e[f[0]].map(choice).concat(e[f[1]] ? [e[f[1]]] : []).forEach(function (v) {
          if (!n[v]) keys.push(v);
          n[v] = (n[v] || 0) + 1;
        });
      });
      keys.sort(function (a, b) { return n[b] - n[a] || (a < b ? -1 : 1); });
      if (keys.length) {
        facts.appendChild(el("li", "", HB_T("js.journal.summary.list", f[2], keys.slice(0, 6).map(function (k) { return k + " (" + HB_TN("js.journal.days", n[k]) + ")"; }).join(", "))));
      }
    });
  }

  window.HandbookJournalChart = {
    chart: chart, key: key, table: table, adherence: adherence, summary: summary, describe: describe, formatDate: formatDate, decimal: decimal, inRange: inRange, el: el
  };
})();
