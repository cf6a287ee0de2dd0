// search.js: the handbook's search engine and search boxes.
//
// The index is built at build time (generator/search) and arrives as
// classic scripts that call HandbookSearch.add(name, data), so search works
// from disk (file://). The engine part below uses no DOM: Go tests run it
// on the real index. The UI part runs only in a browser and inserts text
// with DOM text nodes, never as HTML.
(function (global) {
  "use strict";

  var LABELS = { exercises: "Exercise", conditions: "Condition", faq: "Question",
    guides: "Guide", programs: "Programme" };
  var STOP = Object.create(null);
  ("a about above after again against all am an and any are as at be because been before being below " +
    "between both but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most my " +
    "myself no nor not now of off on once only or other our ours ourselves out over own same she should so " +
    "some such than that the their theirs them themselves then there these they this those through to too " +
    "under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself yourselves ok okay").split(" ").forEach(function (w) { STOP[w] = true; });

  var ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
  var CODE = Object.create(null);
  for (var ai = 0; ai < ALPHABET.length; ai++) CODE[ALPHABET.charAt(ai)] = ai;

  // ---- the index ------------------------------------------------------

  var ix = null;          // docs.js: docs, terms, words, syn, shards
  var postings = Object.create(null);      // shard key -> array of encoded posting lists
  var texts = Object.create(null);         // chunk number -> array of sections per doc
  var decoded = Object.create(null);       // term index -> decoded postings
  var waiting = Object.create(null);       // file name -> callbacks
  var loading = Object.create(null);       // file name -> true while its script loads
  var base = "";          // URL of the search folder, with a trailing slash

  function add(name, data) {
    if (name === "docs") init(data);
    else if (name.indexOf("terms-") === 0) postings[name.slice(6)] = data;
    else if (name.indexOf("text-") === 0) texts[+name.slice(5)] = data;
    loading[name] = false;
    var cbs = waiting[name] || [];
    delete waiting[name];
    cbs.forEach(function (cb) { cb(null); });
  }

  function init(data) {
    ix = data;
    ix.termList = data.terms ? data.terms.split(" ") : [];
    ix.termIndex = Object.create(null);
    ix.termList.forEach(function (t, i) { ix.termIndex[t] = i; });
    // every word form the index knows, sorted, for prefixes and typos
    var all = Object.create(null);
    ix.termList.forEach(function (t) { all[t] = true; });
    Object.keys(data.words).forEach(function (w) { all[w] = true; });
    ix.vocab = Object.keys(all).sort();
    // typo candidates by first letter: a typo is looked for among words
    // that start the same way, which keeps a large vocabulary quick
    ix.byFirst = Object.create(null);
    ix.vocab.forEach(function (w) { (ix.byFirst[w.charAt(0)] = ix.byFirst[w.charAt(0)] || []).push(w); });
    // synonym phrases and page names by their stems, in any order:
    // "pain down my leg" meets the name "leg pain"
    ix.phrases = Object.create(null);
    ix.longestPhrase = 1;
    data.syn.forEach(function (group, gi) {
      group.forEach(function (p) {
        var key = sorted(p[1]);
        (ix.phrases[key] = ix.phrases[key] || []).push(gi);
        ix.longestPhrase = Math.max(ix.longestPhrase, key.split(" ").length);
      });
    });
    ix.names = data.docs.map(function (d) {
      var m = Object.create(null);
      d[4].forEach(function (k) { m[sorted(k)] = true; });
      return m;
    });
  }

  function sorted(key) { return key.split(" ").sort().join(" "); }

  function loaded(name) {
    if (name === "docs") return ix !== null;
    if (name.indexOf("terms-") === 0) return postings[name.slice(6)] !== undefined;
    return texts[+name.slice(5)] !== undefined;
  }

  // need loads the named index files (in a browser) and then calls cb.
  function need(names, cb) {
    var missing = names.filter(function (n) { return !loaded(n); });
    if (missing.length === 0) { cb(null); return; }
    var left = missing.length, failed = null;
    missing.forEach(function (n) {
      (waiting[n] = waiting[n] || []).push(function (err) {
        failed = failed || err;
        if (--left === 0) cb(failed);
      });
      if (loading[n] || typeof document === "undefined") return;
      loading[n] = true;
      var s = document.createElement("script");
      s.src = base + n + ".js";
      s.onerror = function () {
        loading[n] = false;
        var cbs = waiting[n] || [];
        delete waiting[n];
        cbs.forEach(function (f) { f(new Error("could not load " + n)); });
      };
      document.head.appendChild(s);
    });
  }

  // ---- text analysis: the same rules as generator/search/analyze.go ----

  function fold(s) {
    return s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/['\u2018\u2019]/g, "").toLowerCase();
  }

  function isWordChar(c) {
    return (c >= "a" && c <= "z") || (c >= "0" && c <= "9") || (c > "\u007f" && /\p{L}/u.test(c));
  }

  // tokens splits text into folded words, at every other character,
  // hyphens included; each token keeps its place in the folded text.
  function tokens(text) {
    var s = fold(text), out = [], start = -1;
    for (var i = 0; i <= s.length; i++) {
      var c = s.charAt(i);
      if (i < s.length && isWordChar(c)) {
        if (start < 0) start = i;
      } else if (start >= 0) {
        out.push({ w: s.slice(start, i), at: start, end: i });
        start = -1;
      }
    }
    return out;
  }

  // stemOf finds the stem of a word of the handbook, or "" if unknown.
  function stemOf(w) {
    if (Object.prototype.hasOwnProperty.call(ix.words, w)) return ix.words[w];
    if (Object.prototype.hasOwnProperty.call(ix.termIndex, w)) return w;
    var suffixes = ["ing", "ed", "es", "s", "ly", "ness", "er"];
    for (var i = 0; i < suffixes.length; i++) {
      var sf = suffixes[i];
      if (w.length > sf.length + 2 && w.slice(-sf.length) === sf) {
        var root = w.slice(0, -sf.length);
        if (Object.prototype.hasOwnProperty.call(ix.termIndex, root)) return root;
        if (Object.prototype.hasOwnProperty.call(ix.words, root)) return ix.words[root];
      }
    }
    return "";
  }

  // editDistance counts the typos between a and b (a swap of two letters is
  // one), giving up with limit+1 once it is past limit.
  function editDistance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var before = null, prev = [], cur, i, j;
    for (j = 0; j <= b.length; j++) prev[j] = j;
    for (i = 1; i <= a.length; i++) {
      cur = [i];
      var best = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var v = Math.min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + cost);
        if (before && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) && a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) {
          v = Math.min(v, before[j - 2] + 1);
        }
        cur[j] = v;
        if (v < best) best = v;
      }
      if (best > limit) return limit + 1;
      before = prev;
      prev = cur;
    }
    return prev[b.length];
  }

  // lowerBound is the first index in the sorted list xs not before s.
  function lowerBound(xs, s) {
    var lo = 0, hi = xs.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (xs[mid] < s) lo = mid + 1; else hi = mid;
    }
    return lo;
  }

  // alternatives for one typed word: its own stem first; then, for the
  // word being typed, longer words it starts; then, for a word the
  // handbook does not know, words one or two typos away.
  function wordAlternatives(w, typing) {
    var alts = [], seen = Object.create(null);
    function push(stem, weight, kind) {
      if (stem && !seen[stem]) { seen[stem] = true; alts.push({ stems: [stem], w: weight, kind: kind }); }
    }
    var exact = stemOf(w);
    push(exact, 1, "exact");
    if (typing && w.length >= 2) {
      var n = 0;
      for (var i = lowerBound(ix.vocab, w); i < ix.vocab.length && n < 40; i++) {
        var v = ix.vocab[i];
        if (v.indexOf(w) !== 0) break;
        push(stemOf(v), 0.75, "prefix");
        n++;
      }
    }
    if (!exact && w.length >= 4) {
      var limit = w.length >= 8 ? 2 : 1;
      (ix.byFirst[w.charAt(0)] || []).forEach(function (v) {
        if (editDistance(w, v, limit) <= limit) push(stemOf(v), 0.55, "typo");
      });
    }
    return alts;
  }

  // concepts groups the query's words: a run of words that is a synonym
  // phrase becomes one concept matched by any phrase of its group; two words
  // that the handbook writes as one ("sit ups", "situps") meet; every other
  // word is a concept of its own.
  function concepts(q) {
    var toks = tokens(q).map(function (t) { return t.w; });
    var content = toks.filter(function (w) { return !STOP[w]; });
    if (content.length > 0) toks = content;
    var typing = !/\s$/.test(q);
    var out = [], expanded = [];
    for (var i = 0; i < toks.length;) {
      var matched = false;
      for (var len = Math.min(ix.longestPhrase, toks.length - i); len >= 1 && !matched; len--) {
        var stems = toks.slice(i, i + len).map(stemOf);
        if (stems.indexOf("") >= 0) continue;
        var typed = sorted(stems.join(" "));
        var groups = ix.phrases[typed];
        if (!groups) continue;
        var c = { words: toks.slice(i, i + len), alts: [] }, seen = Object.create(null);
        groups.forEach(function (gi) {
          ix.syn[gi].forEach(function (p) {
            if (seen[p[1]]) return;
            seen[p[1]] = true;
            var own = sorted(p[1]) === typed;
            c.alts.push({ stems: p[1].split(" "), w: own ? 1 : 0.8, kind: own ? "exact" : "synonym" });
            if (!own) expanded.push(p[0]);
          });
        });
        out.push(c);
        i += len;
        matched = true;
      }
      if (matched) continue;
      var w = toks[i], last = i === toks.length - 1;
      var alts = wordAlternatives(w, last && typing);
      // "sit ups" may be written "situps": try the two words joined
      if (i + 1 < toks.length) {
        var joined = stemOf(w + toks[i + 1]);
        if (joined && stemOf(w) && !stemOf(toks[i + 1])) {
          out.push({ words: [w, toks[i + 1]], alts: [{ stems: [joined], w: 1, kind: "exact" }] });
          i += 2;
          continue;
        }
        if (joined) alts.push({ stems: [joined], w: 0.95, kind: "joined" });
      }
      // "situps" may be written "sit ups": try splitting an unknown word
      if (!stemOf(w)) {
        for (var k = 2; k <= w.length - 2; k++) {
          var a = stemOf(w.slice(0, k)), b = stemOf(w.slice(k));
          if (a && b && !STOP[w.slice(0, k)] && !STOP[w.slice(k)]) {
            alts.unshift({ stems: [a, b], w: 0.95, kind: "split" });
            break;
          }
        }
      }
      out.push({ words: [w], alts: alts });
      i++;
    }
    return { concepts: out, expanded: expanded };
  }

  // ---- postings --------------------------------------------------------

  function shardOf(term) {
    var sh = ix.shards;
    if (sh.length === 1) return sh[0];
    var k = term.charAt(0) >= "a" && term.charAt(0) <= "z" ? term.charAt(0) : "0";
    for (var i = 0; i < sh.length; i++) if (sh[i].k === k) return sh[i];
    return null;
  }

  function shardsFor(cs) {
    var names = Object.create(null);
    cs.forEach(function (c) {
      c.alts.forEach(function (a) {
        a.stems.forEach(function (s) {
          var sh = shardOf(s);
          if (sh) names["terms-" + sh.k] = true;
        });
      });
    });
    return Object.keys(names);
  }

  // postingsOf returns a stem's postings as parallel typed arrays, by
  // document: d (document), s (score), t (1 if in the title or aliases).
  // Impacts are stored as square roots (see generator/search); squaring
  // them back gives scores that add up.
  var NONE = { d: new Int32Array(0), s: new Float32Array(0), t: new Uint8Array(0) };
  function postingsOf(term) {
    var ti = ix.termIndex[term];
    if (ti === undefined) return NONE;
    if (decoded[ti]) return decoded[ti];
    var sh = shardOf(term), str = postings[sh.k][ti - sh.s];
    var n = str.length >> 1; // a posting takes at least two characters
    var out = { d: new Int32Array(n), s: new Float32Array(n), t: new Uint8Array(n) }, doc = 0, j = 0;
    for (var i = 0; i < str.length;) {
      var d = 0, shift = 0;
      for (;;) {
        var c = CODE[str.charAt(i++)];
        if (c < 32) { d |= c << shift; break; }
        d |= (c - 32) << shift;
        shift += 5;
      }
      doc += d >> 1;
      var imp = CODE[str.charAt(i++)];
      out.d[j] = doc;
      out.s[j] = imp * imp / 40;
      out.t[j] = d & 1;
      j++;
    }
    out = { d: out.d.subarray(0, j), s: out.s.subarray(0, j), t: out.t.subarray(0, j) };
    decoded[ti] = out;
    return out;
  }

  // ---- ranking ---------------------------------------------------------

  // run ranks every page for the query. The index files the query needs
  // must be loaded (see search). It returns the ranked results, whether
  // every word matched, and the synonyms searched too. Scores add up in
  // arrays with one slot per page, so common words in a large handbook
  // cost a pass over their postings and nothing more.
  function run(q) {
    var parsed = concepts(q), cs = parsed.concepts, n = ix.docs.length;
    if (cs.length === 0) return { results: [], all: true, expanded: [], concepts: cs };
    var score = new Float32Array(n), hits = new Uint8Array(n), titles = new Uint8Array(n), names = new Uint8Array(n);
    var best = new Float32Array(n), bestT = new Uint8Array(n), bestN = new Uint8Array(n), seen = new Uint8Array(n);
    var touched = [];
    cs.forEach(function (c) {
      var docs = [];
      c.alts.forEach(function (a) {
        var m = intersect(a.stems), factor = c.words.length * a.w / a.stems.length;
        var key = sorted(a.stems.join(" "));
        for (var i = 0; i < m.d.length; i++) {
          var d = m.d[i], sc = m.s[i] * factor;
          if (!seen[d]) { seen[d] = 1; docs.push(d); best[d] = 0; bestT[d] = 0; bestN[d] = 0; }
          if (sc > best[d]) best[d] = sc;
          bestT[d] |= m.t[i];
          if (!bestN[d] && ix.names[d][key] === true) bestN[d] = 1; // the page's own name
        }
      });
      docs.forEach(function (d) {
        seen[d] = 0;
        if (!hits[d]) touched.push(d);
        score[d] += best[d];
        hits[d]++;
        titles[d] += bestT[d];
        names[d] += bestN[d];
      });
    });
    var list = touched.map(function (d) {
      var sc = score[d];
      if (titles[d] === cs.length) sc *= 1.5;  // every word in the title or aliases
      if (names[d] === cs.length) sc *= 2;     // the query is the page's own name
      return { doc: d, score: sc, hits: hits[d] };
    });
    var all = list.some(function (r) { return r.hits === cs.length; });
    if (all) list = list.filter(function (r) { return r.hits === cs.length; });
    list.sort(function (a, b) {
      return b.hits - a.hits || b.score - a.score || a.doc - b.doc;
    });
    return { results: list, all: all, expanded: parsed.expanded, concepts: cs };
  }

  // intersect is the pages holding every one of the stems, with the sum of
  // their scores; t is set only where every stem is in the title.
  function intersect(stems) {
    var m = postingsOf(stems[0]);
    for (var k = 1; k < stems.length; k++) {
      var p = postingsOf(stems[k]), i = 0, j = 0, out = { d: [], s: [], t: [] };
      while (i < m.d.length && j < p.d.length) {
        if (m.d[i] < p.d[j]) i++;
        else if (m.d[i] > p.d[j]) j++;
        else { out.d.push(m.d[i]); out.s.push(m.s[i] + p.s[j]); out.t.push(m.t[i] & p.t[j]); i++; j++; }
      }
      m = out;
    }
    return m;
  }

  // ---- results ---------------------------------------------------------

  // describe turns a ranked result into what a result list shows.
  function describe(r, stems) {
    var d = ix.docs[r.doc], key = d[0], hash = key.indexOf("#");
    var url = hash < 0 ? key + ".html" : key.slice(0, hash) + ".html" + key.slice(hash);
    var res = { doc: r.doc, key: key, url: url, title: d[1], summary: d[2], section: r.section,
      label: LABELS[r.section] || (key.indexOf("flags") === 0 ? "Red flags" : "Page"), score: r.score,
      care: r.care || false, snippet: highlight(d[2], stems), anchor: "", heading: "" };
    var chunk = texts[Math.floor(r.doc / ix.chunk)];
    if (chunk) {
      var secs = chunk[r.doc % ix.chunk] || [], best = null, bestHits = countHits(d[2], stems);
      secs.forEach(function (s) {
        var h = countHits(s[1] + " " + s[2], stems);
        if (h > bestHits) { best = s; bestHits = h; }
      });
      if (best && hash < 0) {
        res.snippet = highlight(best[2] || best[1], stems);
        if (best[0]) { res.anchor = best[0]; res.url += "#" + best[0]; }
        res.heading = best[1];
      }
    }
    return res;
  }

  function countHits(text, stems) {
    var n = 0;
    tokens(text).forEach(function (t) { if (stems[stemOf(t.w)]) n++; });
    return n;
  }

  // highlight cuts a window of text around the first match and returns it
  // as parts: {text, mark}. The UI turns parts into text nodes.
  function highlight(text, stems) {
    var toks = tokens(text), marks = [];
    toks.forEach(function (t) { if (stems[stemOf(t.w)]) marks.push(t); });
    // folding keeps lengths for the text handbooks hold, except for
    // removed apostrophes and accents: map positions through a table
    var map = foldMap(text);
    var from = 0, to = text.length;
    if (marks.length > 0) {
      from = Math.max(0, map[marks[0].at] - 60);
      to = Math.min(text.length, from + 200);
    } else {
      to = Math.min(text.length, 200);
    }
    if (from > 0) { var sp = text.indexOf(" ", from); if (sp > 0 && sp < from + 20) from = sp + 1; }
    if (to < text.length) { var sp2 = text.lastIndexOf(" ", to); if (sp2 > from) to = sp2; }
    var parts = [], at = from;
    if (from > 0) parts.push({ text: "…", mark: false });
    marks.forEach(function (t) {
      var a = map[t.at], b = map[t.end];
      if (a < at || b > to) return;
      if (a > at) parts.push({ text: text.slice(at, a), mark: false });
      parts.push({ text: text.slice(a, b), mark: true });
      at = b;
    });
    if (at < to) parts.push({ text: text.slice(at, to), mark: false });
    if (to < text.length) parts.push({ text: "…", mark: false });
    return parts;
  }

  // foldMap maps each position in fold(text) to the position in text.
  function foldMap(text) {
    var map = [], pos = 0;
    for (var i = 0; i < text.length; i++) {
      var f = fold(text.charAt(i));
      for (var k = 0; k < f.length; k++) map[pos++] = i;
    }
    map[pos] = text.length;
    return map;
  }

  // filter keeps results that pass the search page's filters. With a
  // condition chosen, exercises to avoid are dropped and those to take care
  // with are marked.
  function filter(results, f) {
    return results.filter(function (r) {
      var d = ix.docs[r.doc], m = d[3];
      r.section = d[0].indexOf("/") > 0 ? d[0].split("/")[0] : "";
      if (f.section && r.section !== f.section) return false;
      if ((f.category || f.level) && !m) return false;
      if (f.category && m.c !== f.category) return false;
      if (f.level && m.l > +f.level) return false;
      if (f.condition && m) {
        if (m.a.indexOf(f.condition) >= 0) return false;
        r.care = m.k.indexOf(f.condition) >= 0;
      }
      return true;
    });
  }

  // query ranks, filters and describes the results of q, the first limit
  // of them (all with limit 0). The index files it needs must be loaded
  // (search does that); it returns null before the index is there.
  function query(q, f, limit) {
    if (!ix) return null;
    var out = run(q), stems = Object.create(null);
    out.concepts.forEach(function (c) { c.alts.forEach(function (a) { a.stems.forEach(function (s) { stems[s] = true; }); }); });
    var kept = filter(out.results, f || {});
    var shown = limit ? kept.slice(0, limit) : kept;
    return { results: shown.map(function (r) { return describe(r, stems); }), total: kept.length,
      all: out.all, expanded: out.expanded };
  }

  // search loads what the query needs (in a browser), then calls cb with
  // the result of query.
  function search(q, f, limit, cb) {
    need(["docs"], function (err) {
      if (err) { cb(err, null); return; }
      need(shardsFor(concepts(q).concepts), function (err2) {
        if (err2) { cb(err2, null); return; }
        var first = query(q, f, limit), chunks = Object.create(null);
        first.results.forEach(function (r) { chunks["text-" + Math.floor(r.doc / ix.chunk)] = true; });
        var names = Object.keys(chunks);
        if (names.every(loaded)) { cb(null, first); return; }
        need(names, function () { cb(null, query(q, f, limit)); });
      });
    });
  }

  global.HandbookSearch = {
    add: add, search: search, query: query, tokens: tokens, fold: fold, rank: run, index: function () { return ix; },
    setBase: function (b) { base = b; }, ready: function () { return ix !== null; },
    conditions: function () {
      return ix ? ix.docs.filter(function (d) { return d[0].indexOf("conditions/") === 0; })
        .map(function (d) { return { id: d[0].slice(11), title: d[1] }; }) : [];
    }
  };

  // ---- the user interface ---------------------------------------------

  if (typeof document === "undefined") return;

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }

  function snippetNode(parts) {
    var p = el("span", "snippet");
    parts.forEach(function (part) {
      p.appendChild(part.mark ? el("mark", "", part.text) : document.createTextNode(part.text));
    });
    return p;
  }

  var root = "";
  function setUp() {
    var form = document.querySelector("form.site-search");
    if (!form) return;
    root = form.getAttribute("data-root") || "";
    base = root + "search/";
    var input = form.querySelector("#site-search-input");
    var list = form.querySelector("[role=listbox]");
    var status = form.querySelector("[role=status]");
    var active = -1, items = [], seq = 0;

    function close() {
      list.hidden = true;
      input.setAttribute("aria-expanded", "false");
      input.removeAttribute("aria-activedescendant");
      active = -1;
    }
    function select(i) {
      items.forEach(function (it, k) { it.setAttribute("aria-selected", k === i ? "true" : "false"); });
      active = i;
      if (i >= 0) input.setAttribute("aria-activedescendant", items[i].id);
      else input.removeAttribute("aria-activedescendant");
    }
    function update() {
      var q = input.value, mine = ++seq;
      if (!q.trim()) { close(); status.textContent = ""; return; }
      search(q, null, 8, function (err, out) {
        if (mine !== seq) return;
        while (list.firstChild) list.removeChild(list.firstChild);
        items = [];
        if (err) { status.textContent = "Search could not load."; return; }
        // options hold text, not links: a listbox option must not contain
        // another control; choosing one navigates to data-href
        function option(id, href, title, label) {
          var li = el("li");
          li.id = id;
          li.setAttribute("role", "option");
          li.setAttribute("aria-selected", "false");
          li.setAttribute("data-href", href);
          li.appendChild(el("span", "option-title", title));
          if (label) li.appendChild(el("span", "label", " " + label));
          li.addEventListener("mousedown", function (e) { e.preventDefault(); location.href = href; });
          list.appendChild(li);
          items.push(li);
        }
        out.results.forEach(function (r, i) {
          option("site-search-option-" + i, root + r.url, r.title, r.label);
        });
        option("site-search-option-all", root + "search.html?q=" + encodeURIComponent(q.trim()),
          "See all results for “" + q.trim() + "”", "");
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
        status.textContent = out.total === 0 ? "No results" : out.total + (out.total === 1 ? " result" : " results") +
          (out.all ? "" : ", closest matches");
      });
    }
    // Enter on a chosen suggestion opens it, however the browser delivers
    // the key: some submit the form as well as sending keydown
    form.addEventListener("submit", function (e) {
      if (active >= 0 && !list.hidden) {
        e.preventDefault();
        location.href = items[active].getAttribute("data-href");
      }
    });
    input.addEventListener("focus", function () { need(["docs"], function () {}); });
    input.addEventListener("input", update);
    input.addEventListener("keydown", function (e) {
      if (e.key === "ArrowDown" && items.length) { e.preventDefault(); if (list.hidden) update(); select((active + 1) % items.length); }
      else if (e.key === "ArrowUp" && items.length) { e.preventDefault(); select(active <= 0 ? items.length - 1 : active - 1); }
      else if (e.key === "Enter" && active >= 0 && !list.hidden) {
        e.preventDefault();
        location.href = items[active].getAttribute("data-href");
      } else if (e.key === "Escape") {
        if (!list.hidden) { e.preventDefault(); close(); } else if (input.value) { input.value = ""; status.textContent = ""; }
      }
    });
    input.addEventListener("blur", function () { setTimeout(close, 150); });
    // "/" focuses the box from anywhere but a text field; the "/" itself
    // must not land in the box, whichever way the browser sends it
    var slash = false;
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      var t = document.activeElement, tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
      e.preventDefault();
      slash = true;
      input.focus();
    });
    input.addEventListener("beforeinput", function (e) {
      if (slash && e.data === "/") e.preventDefault();
      slash = false;
    });
    input.addEventListener("keyup", function () { slash = false; });
    setUpPage();
  }

  // The search page: every result, with filters, state in the address.
  function setUpPage() {
    var form = document.getElementById("search-form");
    if (!form) return;
    var input = form.querySelector("input[name=q]");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var note = document.getElementById("search-note");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var condition = form.querySelector("select[name=condition]");
    var params = new URLSearchParams(location.search);
    input.value = params.get("q") || "";
    selects.forEach(function (s) { s.value = params.get(s.name) || ""; });
    form.hidden = false;
    var seq = 0;

    function filters() {
      var f = Object.create(null);
      selects.forEach(function (s) { if (s.value) f[s.name] = s.value; });
      return f;
    }
    function show() {
      var q = input.value, f = filters(), mine = ++seq;
      try {
        var p = new URLSearchParams();
        if (q) p.set("q", q);
        Object.keys(f).forEach(function (k) { p.set(k, f[k]); });
        history.replaceState(null, "", "?" + p.toString());
      } catch (e) { /* some browsers refuse this on file:// */ }
      if (!q.trim()) {
        while (results.firstChild) results.removeChild(results.firstChild);
        status.textContent = "Type a word or question to search the handbook.";
        note.textContent = "";
        return;
      }
      status.textContent = "Searching…";
      search(q, f, 0, function (err, out) {
        if (mine !== seq) return;
        while (results.firstChild) results.removeChild(results.firstChild);
        if (err) { status.textContent = "The search index could not be loaded."; return; }
        fillConditions();
        var notes = [];
        if (out.expanded.length) notes.push("Also searching: " + out.expanded.join(", ") + ".");
        if (!out.all && out.total) notes.push("No page has every word; showing the closest matches.");
        note.textContent = notes.join(" ");
        out.results.forEach(function (r) {
          var li = el("li", "result");
          var a = el("a", "result-title", r.title);
          a.href = root + r.url;
          li.appendChild(a);
          li.appendChild(el("span", "label", " " + r.label + (r.heading ? " › " + r.heading : "")));
          if (r.care) li.appendChild(el("strong", "care", " Take care with your condition"));
          li.appendChild(el("br"));
          li.appendChild(snippetNode(r.snippet));
          results.appendChild(li);
        });
        status.textContent = out.total === 0 ? "No results for “" + q.trim() + "”." :
          out.total + (out.total === 1 ? " result" : " results") + " for “" + q.trim() + "”.";
      });
    }
    function fillConditions() {
      if (!condition || condition.options.length > 1) return;
      var want = params.get("condition") || "";
      HandbookSearch.conditions().forEach(function (c) {
        var o = el("option", "", c.title);
        o.value = c.id;
        condition.appendChild(o);
      });
      condition.value = want;
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); show(); });
    input.addEventListener("input", show);
    selects.forEach(function (s) { s.addEventListener("change", show); });
    need(["docs"], function () { fillConditions(); show(); });
  }

  setUp();
})(typeof window !== "undefined" ? window : this);
