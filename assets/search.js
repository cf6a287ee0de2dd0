// search.js: the handbook's search engine and search boxes.
//
// The index is built at build time (generator/search) and arrives as
// classic scripts that call HandbookSearch.add(name, data), so search works
// from disk (file://). The engine part below uses no DOM: Go tests run it
// on the real index. The UI part runs only in a browser and inserts text
// with DOM text nodes, never as HTML.
(function (global) {
  "use strict";

  // The words it shows come from strings.js, which every page loads first;
  // the engine alone (as Go's tests run it) has none and shows the keys.
  var HB_T = global.HB_T || function (key) { return key; };
  var HB_TN = global.HB_TN || function (key) { return key; };

  var LABELS = { exercises: HB_T("js.search.label.exercise"), conditions: HB_T("js.search.label.condition"),
    faq: HB_T("js.search.label.question"), guides: HB_T("js.search.label.guide"), programs: HB_T("js.search.label.program") };
  var STOP = Object.create(null);
  ("a about above after again against all am an and any are as at be because been before being below " +
    "but by can could did do does doing down during each few for from further had has have " +
    "having he her here hers herself him himself his how i if in into is it its itself just me more most my " +
    "no nor not now of off on once only or other our ours ourselves out over own same she should so " +
    "some such than that the their theirs them themselves then there these they this those through to too " +
    "under until up very was we were what when where which while who whom why will with would you your " +
    "yours yourself yourselves ok okay" +
    " im ive id youre dont doesnt didnt isnt arent wasnt werent shouldnt wouldnt couldnt cant wont hasnt havent hadnt thats whats hows theres lets also really still get gets got getting need needs want wants know think try tried trying").split(" ").forEach(function (w) { STOP[w] = true; });

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

  // readsAs reads queries in the index's language: English unless the
  // index says otherwise (generator/search language.tables), with that
  // language's stop words, negations, question and intent words, and
  // either this file's English stemmer or, for another language, only the
  // stems the index lists for its words.
  var STEM = porter2;
  function readsAs(lang) {
    if (!lang) return;
    var table = function (words) {
      var t = Object.create(null);
      (words ? words.split(" ") : []).forEach(function (w) { if (w) t[w] = true; });
      return t;
    };
    STOP = table(lang.stop); NEGATIONS = table(lang.neg); QUESTION = table(lang.question);
    INTENT = table(lang.intent); WHEN = table(lang.when); TIMES = table(lang.times); SINCE = table(lang.since);
    LEMMA_ENDS = lang.lemmaEnds || []; COMPARATIVE = !!lang.comparative;
    SPELLINGS = (lang.spellings || []).map(function (sp) { return [new RegExp(sp[0]), sp[1]]; });
    STRIP = lang.strip ? lang.strip.split(" ") : []; ADD = [""];
    // the index lists its own words' stems; a word it lacks is stemmed
    // by the language's stemmer where the page loaded it (stem-es.js)
    var stemmer = lang.code === "es" && typeof global.HandbookStemES === "function" ? global.HandbookStemES : null;
    if (!lang.stems) STEM = stemmer || function (w) { return w; };
  }

  function init(data) {
    ix = data;
    readsAs(data.lang);
    stemMemo = Object.create(null);
    nearMemo = Object.create(null);
    ix.termList = data.terms ? data.terms.split(" ") : [];
    // each condition's aggravating loads, as bits (see filter)
    ix.condLoads = Object.create(null);
    (data.cm || []).forEach(function (c) { ix.condLoads[c[0]] = c[1]; });
    ix.termIndex = Object.create(null);
    ix.termList.forEach(function (t, i) { ix.termIndex[t] = i; });
    // every word form the index knows, sorted, for prefixes and typos
    var all = Object.create(null);
    ix.termList.forEach(function (t) { if (t.indexOf("_") < 0) all[t] = true; }); // not phrases
    // the handbook's words whose stem differs from the word: the stemmer
    // gives their stems, but for words of other scripts, which come with
    // theirs
    var plain = data.words || "", others = data.wordStems || {};
    ix.words = Object.create(null);
    (plain ? plain.split(" ") : []).forEach(function (w) { ix.words[w] = porter2(w); });
    Object.keys(others).forEach(function (w) { ix.words[w] = others[w]; });
    Object.keys(ix.words).forEach(function (w) { all[w] = true; });
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
    ix.flagPhrases = [];
    data.docs.forEach(function (d, di) {
      if (d[3] && d[3].p) d[3].p.forEach(function (k) {
        // each word of a phrasing, with its alternatives ("cancer|chemo");
        // words joined by "+" stand together in the query ("chest+pain")
        var words = k.split(" ").map(function (u) { return u.split("+").map(function (w) { return w.split("|"); }); });
        var size = words.reduce(function (a, u) { return a + u.length; }, 0);
        ix.flagPhrases.push({ doc: di, words: words, size: size, urgency: d[3].u });
      });
    });
    // a page's names: the keys of its group of syn, when they start with
    // its number, and keys of its own
    var keysOf = data.docs.map(function (d) {
      var out = [];
      d[4].forEach(function (k) {
        if (typeof k === "number") (data.syn[k] || []).forEach(function (p) { out.push(p[1]); });
        else out.push(k);
      });
      return out;
    });
    ix.names = keysOf.map(function (keys) {
      var m = Object.create(null);
      keys.forEach(function (k) { m[sorted(k)] = true; });
      return m;
    });
    // each page's section ("exercises"), or "flag" for a red flag
    ix.kinds = data.docs.map(function (d) {
      return d[0].indexOf("flags#") === 0 ? "flag" : d[0].indexOf("/") > 0 ? d[0].split("/")[0] : "";
    });
    ix.nameWords = keysOf.map(function (keys) {
      return keys.filter(Boolean).map(function (k) { return k.split(" "); });
    });
    // the pages by the words of their names, so that a query looks at the
    // names of only the pages it may name
    ix.namedBy = Object.create(null);
    ix.nameWords.forEach(function (names, d) {
      names.forEach(function (ws) {
        ws.forEach(function (w) {
          var list = has(ix.namedBy, w) ? ix.namedBy[w] : (ix.namedBy[w] = []);
          if (list[list.length - 1] !== d) list.push(d);
        });
      });
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

  // ---- the Snowball English (Porter2) stemmer --------------------------
  // The same algorithm as github.com/kljensen/snowball/english, which
  // stems the index, so a query word the handbook never uses ("heavy")
  // still meets its forms in the handbook ("heaviness").
  // TestStemMatchesJS compares the two on every word of the handbook.

  var SPECIAL = { skis: "ski", skies: "sky", dying: "die", lying: "lie", tying: "tie", idly: "idl",
    gently: "gentl", ugly: "ugli", early: "earli", only: "onli", singly: "singl", sky: "sky", news: "news",
    howe: "howe", atlas: "atlas", cosmos: "cosmos", bias: "bias", andes: "andes", inning: "inning",
    innings: "inning", outing: "outing", outings: "outing", canning: "canning", cannings: "canning",
    herring: "herring", herrings: "herring", earring: "earring", earrings: "earring", proceed: "proceed",
    proceeds: "proceed", proceeded: "proceed", proceeding: "proceed", exceed: "exceed", exceeds: "exceed",
    exceeded: "exceed", exceeding: "exceed", succeed: "succeed", succeeds: "succeed", succeeded: "succeed",
    succeeding: "succeed" };
  var STEP2 = [["ational", "ate"], ["fulness", "ful"], ["iveness", "ive"], ["ization", "ize"], ["ousness", "ous"],
    ["biliti", "ble"], ["lessli", "less"], ["tional", "tion"], ["alism", "al"], ["aliti", "al"], ["ation", "ate"],
    ["entli", "ent"], ["fulli", "ful"], ["iviti", "ive"], ["ousli", "ous"], ["anci", "ance"], ["abli", "able"],
    ["alli", "al"], ["ator", "ate"], ["enci", "ence"], ["izer", "ize"], ["bli", "ble"], ["ogi", "og"], ["li", ""]];
  var STEP3 = [["ational", "ate"], ["tional", "tion"], ["alize", "al"], ["icate", "ic"], ["ative", ""],
    ["iciti", "ic"], ["ical", "ic"], ["ful", ""], ["ness", ""]];
  var STEP4 = ["ement", "ance", "ence", "able", "ible", "ment", "ent", "ant", "ism", "ate", "iti", "ous", "ive",
    "ize", "ion", "al", "er", "ic"];

  function isVowel(c) { return c === "a" || c === "e" || c === "i" || c === "o" || c === "u" || c === "y"; }

  function porter2(word) {
    if (word.length <= 2) return word;
    if (has(SPECIAL, word)) return SPECIAL[word];
    var w = word.split("");
    for (var i = 0; i < w.length; i++) if (w[i] === "y" && (i === 0 || isVowel(w[i - 1]))) w[i] = "Y";
    function vnv(start) {
      for (var j = start + 1; j < w.length; j++) if (isVowel(w[j - 1]) && !isVowel(w[j])) return j + 1;
      return w.length;
    }
    var s = w.join(""), r1, r2;
    var pre = /^(gener|commun|arsen)/.exec(s);
    r1 = pre ? pre[1].length : vnv(0);
    r2 = vnv(r1);
    function clamp() { r1 = Math.min(r1, s.length); r2 = Math.min(r2, s.length); }
    function ends(x) { return s.length >= x.length && s.slice(-x.length) === x; }
    function first(list) { for (var k = 0; k < list.length; k++) if (ends(list[k])) return list[k]; return ""; }
    function replace(suf, rep) { s = s.slice(0, s.length - suf.length) + rep; clamp(); }
    function shortSyllableAt(n) {
      if (n === 2) return isVowel(s.charAt(0)) && !isVowel(s.charAt(1));
      if (n >= 3) {
        var a = s.charAt(n - 1), b = s.charAt(n - 2), c = s.charAt(n - 3);
        return !isVowel(a) && a !== "w" && a !== "x" && a !== "Y" && isVowel(b) && !isVowel(c);
      }
      return false;
    }
    // step 1a
    var suf = first(["sses", "ied", "ies", "us", "ss", "s"]);
    if (suf === "sses") replace(suf, "ss");
    else if (suf === "ied" || suf === "ies") replace(suf, s.length > 4 ? "i" : "ie");
    else if (suf === "s") {
      for (var v = 0; v < s.length - 2; v++) if (isVowel(s.charAt(v))) { replace("s", ""); break; }
    }
    // step 1b
    suf = first(["eedly", "ingly", "edly", "ing", "eed", "ed"]);
    if (suf === "eed" || suf === "eedly") {
      if (suf.length <= s.length - r1) replace(suf, "ee");
    } else if (suf) {
      var hasVowel = false;
      for (var h = 0; h < s.length - suf.length; h++) if (isVowel(s.charAt(h))) { hasVowel = true; break; }
      if (hasVowel) {
        var o1 = r1, o2 = r2;
        replace(suf, "");
        var ns = first(["at", "bl", "iz", "bb", "dd", "ff", "gg", "mm", "nn", "pp", "rr", "tt"]);
        if (ns === "") {
          if (r1 >= s.length && shortSyllableAt(s.length)) { s += "e"; r1 = r2 = s.length; o1 = o2 = s.length; }
        } else if (ns === "at" || ns === "bl" || ns === "iz") s += "e";
        else replace(ns, ns.charAt(0));
        r1 = Math.min(o1, s.length);
        r2 = Math.min(o2, s.length);
      }
    }
    // step 1c
    var last = s.charAt(s.length - 1);
    if (s.length > 2 && (last === "y" || last === "Y") && !isVowel(s.charAt(s.length - 2))) s = s.slice(0, -1) + "i";
    // step 2
    var k;
    for (k = 0; k < STEP2.length; k++) if (ends(STEP2[k][0])) break;
    if (k < STEP2.length && STEP2[k][0].length <= s.length - r1) {
      var p2 = STEP2[k];
      if (p2[0] === "li") { if (s.length >= 3 && "cdeghkmnrt".indexOf(s.charAt(s.length - 3)) >= 0) replace("li", ""); }
      else if (p2[0] === "ogi") { if (s.length >= 4 && s.charAt(s.length - 4) === "l") replace("ogi", "og"); }
      else replace(p2[0], p2[1]);
    }
    // step 3
    for (k = 0; k < STEP3.length; k++) if (ends(STEP3[k][0])) break;
    if (k < STEP3.length && STEP3[k][0].length <= s.length - r1) {
      if (STEP3[k][0] === "ative") { if (s.length - r2 >= 5) replace("ative", ""); }
      else replace(STEP3[k][0], STEP3[k][1]);
    }
    // step 4
    suf = first(STEP4);
    if (suf && suf.length <= s.length - r2) {
      if (suf === "ion") { if (s.length >= 4 && "st".indexOf(s.charAt(s.length - 4)) >= 0) replace(suf, ""); }
      else replace(suf, "");
    }
    // step 5
    var li = s.length - 1;
    if (r1 <= li) {
      if (s.charAt(li) === "e") {
        if (r2 <= li || !shortSyllableAt(li)) replace("e", "");
      } else if (r2 <= li && s.charAt(li) === "l" && li >= 1 && s.charAt(li - 1) === "l") replace("l", "");
    }
    return s.replace(/Y/g, "y");
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

  function has(o, k) { return Object.prototype.hasOwnProperty.call(o, k); }

  // stemOf finds the stem of a word as the index knows it, or "" if no page
  // has any form of it: first the handbook's own words, then the stemmer,
  // then other forms of the word (see forms). Answers are remembered.
  var stemMemo = Object.create(null);
  function stemOf(w) {
    if (has(stemMemo, w)) return stemMemo[w];
    var s = knownStem(w);
    if (!s) {
      var fs = forms(w);
      for (var i = 0; i < fs.length && !s; i++) s = knownStem(fs[i]);
    }
    stemMemo[w] = s;
    return s;
  }

  function knownStem(w) {
    if (has(ix.words, w)) return ix.words[w];
    if (has(ix.termIndex, w)) return w;
    if (/^[a-z0-9]+$/.test(w)) {
      var s = w.length < 3 ? w : STEM(w);
      if (has(ix.termIndex, s)) return s;
    }
    return "";
  }

  // forms are other ways to write a word that the stemmer does not join:
  // British and American spellings (colour, color; centre, center; oedema,
  // edema) and words made from one another (tingly, tingling; achy, ache;
  // arthritic, arthritis). A form counts only if the index holds it.
  var SPELLINGS = [[/our/, "or"], [/or$/, "our"], [/or([^u])/, "our$1"], [/is(e|ed|es|ing|ation)$/, "iz$1"],
    [/iz(e|ed|es|ing|ation)$/, "is$1"], [/yse$/, "yze"], [/yze$/, "yse"], [/tre$/, "ter"], [/ter$/, "tre"],
    [/ae/, "e"], [/oe/, "e"], [/^e/, "oe"], [/ll(ed|ing|er)$/, "l$1"], [/([^l])l(ed|ing|er)$/, "$1ll$2"],
    [/ogue$/, "og"], [/og$/, "ogue"]];
  var STRIP = ["ingly", "edly", "ening", "ened", "ness", "ment", "iest", "ier", "ies", "ied", "ily", "ful",
    "ity", "ous", "ing", "est", "en", "ed", "ly", "er", "ic", "al", "y", "s", "e"];
  var ADD = ["", "e", "y", "le", "is", "a", "ing", "ion", "ation"];
  function forms(w) {
    var out = [];
    if (w.length < 4 || !/^[a-z]+$/.test(w)) return out;
    SPELLINGS.forEach(function (sp) { var f = w.replace(sp[0], sp[1]); if (f !== w) out.push(f); });
    STRIP.forEach(function (suf) {
      if (w.length - suf.length < 2 || w.slice(-suf.length) !== suf) return;
      var root = w.slice(0, -suf.length);
      ADD.forEach(function (a) { if (root + a !== w && (root + a).length >= 3) out.push(root + a); });
      // doubled last letters: "swollen" and "swelling" aside, "inflammed" / "inflamed"
      if (root.length > 3 && root.charAt(root.length - 1) === root.charAt(root.length - 2)) out.push(root.slice(0, -1));
    });
    return out;
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
    if (!exact && w.length >= 3) {
      var near = nearWords(w);
      near.forEach(function (v) { push(stemOf(v), 0.55, "typo"); });
    }
    return alts;
  }

  // Words that ask whether something is all right ("is running bad for my
  // back", "safe to lift"): they show what the reader wants, an answer, not
  // which page; a page need not hold them to match.
  var INTENT = Object.create(null);
  "safe safely safer unsafe bad good fine alright allowed harmful harm recommended advisable best".split(" ")
    .forEach(function (w) { INTENT[w] = true; });
  // WHEN are words that say when ("yesterday", "this morning", "last
  // week"), and "myself", which says who only in a red flag's phrasing
  // ("wet myself"): a page need not hold them to match. A word of TIMES
  // says when only after one of SINCE ("morning stiffness" is a sign,
  // "this morning" a time).
  var WHEN = Object.create(null), TIMES = Object.create(null), SINCE = Object.create(null);
  "yesterday today tonight recently lately ago myself".split(" ").forEach(function (w) { WHEN[w] = true; });
  "morning mornings night nights evening afternoon day days week weeks weekend month months year years"
    .split(" ").forEach(function (w) { TIMES[w] = true; });
  "this last every each all past few couple several two three four five six a".split(" ").forEach(function (w) { SINCE[w] = true; });
  // NEGATIONS turn a sign around ("cannot pee"): a red flag's phrasing
  // holds them as the word "not" (generator/search flagKey).
  var NEGATIONS = Object.create(null);
  ("not no never cant cannot unable dont doesnt didnt isnt arent wasnt werent wont couldnt wouldnt " +
    "shouldnt hasnt havent hadnt nothing without").split(" ").forEach(function (w) { NEGATIONS[w] = true; });
  var QUESTION = Object.create(null);
  "can could should is are am do does did will would may how what why when which".split(" ")
    .forEach(function (w) { QUESTION[w] = true; });

  // concepts groups the query's words: a run of words that is a synonym
  // phrase becomes one concept matched by any phrase of its group, as a
  // phrase; two words that the handbook writes as one ("sit ups",
  // "situps") meet; every other word is a concept of its own. It also says
  // whether the query asks a question ("can I", "is X bad for").
  function concepts(q) {
    var raw = compounds(q);
    var intent = raw.length > 1 && QUESTION[raw[0]] === true;
    // an intent word followed by "for", "to"... or last ("bad for my
    // back", "is running safe") asks; before a noun ("bad back") it names
    var toks = raw.map(function (w, i) {
      var asks = INTENT[w] === true && (i === raw.length - 1 || STOP[raw[i + 1]] === true);
      if (asks) intent = true;
      var when = WHEN[w] === true || (i > 0 && TIMES[w] === true && (SINCE[raw[i - 1]] === true || /^[0-9]+$/.test(raw[i - 1]))) ||
        (w === "last" && TIMES[raw[i + 1]] === true);
      return { w: w, asks: asks, when: when };
    });
    toks = idioms(toks);
    var content = toks.filter(function (t) { return !STOP[t.w]; });
    if (content.length > 0) toks = content;
    var typing = !/\s$/.test(q);
    var out = [], expanded = [];
    for (var i = 0; i < toks.length;) {
      var matched = false;
      for (var len = Math.min(ix.longestPhrase, toks.length - i); len >= 1 && !matched; len--) {
        var run = toks.slice(i, i + len);
        if (len > 1 && run.some(function (t) { return t.asks; })) continue;
        var stems = run.map(function (t) { return stemOf(t.w); });
        var typed = phraseTyped(stems, run);
        var groups = typed && ix.phrases[typed];
        if (!groups) continue;
        var c = { words: run.map(function (t) { return t.w; }), alts: [] }, seen = Object.create(null);
        groups.forEach(function (gi) {
          ix.syn[gi].forEach(function (p) {
            if (seen[p[1]]) return;
            seen[p[1]] = true;
            var own = sorted(p[1]) === typed, words = p[1].split(" ");
            // a page's other name leads to the page, but does not mean
            // the same words ("walk far" is not "walking helps my back")
            var kind = own ? "exact" : gi >= ix.pageSyn ? "name" : "synonym";
            c.alts.push({ stems: words, w: own ? 1 : 0.8, kind: kind, phrase: words.length > 1 });
            // the words typed, apart, match too, less
            if (own && words.length > 1) c.alts.push({ stems: words, w: 0.5, kind: "exact" });
            if (!own && p[0]) expanded.push(p[0]); // a page's other names come without
          });
        });
        out.push(c);
        i += len;
        matched = true;
      }
      if (matched) continue;
      var w = toks[i].w, last = i === toks.length - 1;
      var alts = wordAlternatives(w, last && typing);
      // "sit ups" may be written "situps": try the two words joined
      if (i + 1 < toks.length) {
        var joined = stemOf(w + toks[i + 1].w);
        if (joined && w.length > 1 && toks[i + 1].w.length > 1 && stemOf(w) && !stemOf(toks[i + 1].w)) {
          out.push({ words: [w, toks[i + 1].w], alts: [{ stems: [joined], w: 1, kind: "exact" }] });
          i += 2;
          continue;
        }
        if (joined && w.length > 1 && toks[i + 1].w.length > 1) alts.push({ stems: [joined], w: 0.95, kind: "joined" });
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
      out.push({ words: [w], alts: alts, optional: INTENT[w] === true || toks[i].when });
      i++;
    }
    // a query of intent words only ("best", "safe") is about them
    if (out.every(function (c) { return c.optional; })) out.forEach(function (c) { c.optional = false; });
    return { concepts: out, expanded: expanded, intent: intent,
      negated: raw.some(function (w) { return NEGATIONS[w] === true; }) };
  }

  // phraseTyped is the key of a run of the query's words with stems
  // stems, or "" when a word is unknown. One unknown word of two or more
  // may be a typo of a phrase's word ("ded bug", "dead bug"): the nearest
  // word that makes a phrase of the run stands for it.
  function phraseTyped(stems, run) {
    var unknown = stems.indexOf("");
    if (unknown < 0) return sorted(stems.join(" "));
    if (run.length < 2 || stems.indexOf("", unknown + 1) >= 0) return "";
    var near = nearWords(run[unknown].w);
    for (var i = 0; i < near.length && i < 8; i++) {
      var s = stemOf(near[i]);
      if (!s) continue;
      var key = sorted(stems.slice(0, unknown).concat([s], stems.slice(unknown + 1)).join(" "));
      if (ix.phrases[key]) { stems[unknown] = s; return key; }
    }
    return "";
  }

  // idioms joins a run of stop words that a synonym writes as one
  // hyphenated word ("get it up", "get-it-up"), which would otherwise be
  // dropped whole: it becomes the one word the synonym's key holds.
  function idioms(toks) {
    var out = [];
    for (var i = 0; i < toks.length;) {
      var len = Math.min(4, toks.length - i), joined = "";
      for (; len >= 2; len--) {
        var run = toks.slice(i, i + len);
        if (!run.every(function (t) { return STOP[t.w] === true; })) continue;
        joined = run.map(function (t) { return t.w; }).join("");
        if (ix.phrases[STEM(joined)]) { stemMemo[joined] = STEM(joined); break; }
        joined = "";
      }
      if (joined) { out.push({ w: joined, asks: false }); i += len; } else { out.push(toks[i]); i++; }
    }
    return out;
  }

  // compounds are the words of q, where a word written with hyphens that
  // has a stop word in it counts as one ("push-up" is "pushup", not
  // "push"), as in generator/search phraseKey.
  function compounds(q) {
    var toks = tokens(q), f = fold(q), out = [];
    for (var i = 0; i < toks.length;) {
      var j = i;
      while (j + 1 < toks.length && toks[j + 1].at === toks[j].end + 1 && f.charAt(toks[j].end) === "-") j++;
      var parts = toks.slice(i, j + 1).map(function (t) { return t.w; });
      if (parts.length > 1 && parts.some(function (w) { return STOP[w]; })) out.push(parts.join(""));
      else out.push.apply(out, parts);
      i = j + 1;
    }
    // a verb and its particle that the handbook writes as one word: "work
    // out", "working out" (workout), "warm up", "cooling down"; but not
    // "sitting up" (in bed), which is no sit-up
    for (var k = 0; k + 1 < out.length; k++) {
      var p = out[k + 1];
      if (p !== "out" && p !== "up" && p !== "down") continue;
      var joined = out[k] + p, root = knownStem(out[k]);
      if (!knownStem(joined) && p !== "up" && root && knownStem(root + p)) joined = root + p;
      if (knownStem(joined)) out.splice(k, 2, joined);
    }
    return out;
  }

  // suggestion is the query with each word the handbook does not know
  // replaced by the closest word it does ("did you mean"), or "".
  function suggestion(q) {
    var changed = false;
    var words = tokens(q).map(function (t) {
      if (STOP[t.w] || stemOf(t.w) || t.w.length < 4) return t.w;
      var near = nearWords(t.w);
      if (!near.length) return t.w;
      changed = true;
      return near[0];
    });
    return changed ? words.join(" ") : "";
  }

  // nearWords are the words of the handbook one typo from w (two for 8+
  // letters) that start with its letter, the closest first, and a word as
  // the handbook writes it before a bare stem ("exercis"). Remembered per
  // word: typing a query asks again and again.
  var nearMemo = Object.create(null);
  function nearWords(w) {
    if (has(nearMemo, w)) return nearMemo[w];
    var limit = w.length >= 8 ? 2 : 1, found = [];
    (ix.byFirst[w.charAt(0)] || []).forEach(function (v) {
      var d = editDistance(w, v, limit);
      if (d <= limit) found.push({ v: v, d: d + (has(ix.words, v) ? 0 : 0.5) });
    });
    found.sort(function (a, b) { return a.d - b.d || (a.v < b.v ? -1 : 1); });
    nearMemo[w] = found.map(function (f) { return f.v; });
    return nearMemo[w];
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
  //
  // Three rules stand above the scores: a red flag whose lay phrasing the
  // query holds comes first, whatever else matches; a page must hold
  // enough of the words the query needs (one of two, two of three, three
  // of four; one fewer when it asks), and its score is multiplied by the
  // square of the share it holds; and a query that asks ("can I", "is X
  // bad for") prefers the pages that answer.
  // With top, only the best top results are sorted and returned, and
  // count says how many there are.
  function run(q, top) {
    var parsed = concepts(q), cs = parsed.concepts, n = ix.docs.length;
    if (cs.length === 0) return { results: [], all: true, expanded: [], concepts: cs };
    // each concept's pages, with the best score of its alternatives
    var best = new Float32Array(n), bestT = new Uint8Array(n), bestN = new Uint8Array(n), seen = new Uint8Array(n);
    // the pages holding all of some words, once a query ("back pain" and
    // "pain back" are the same pages)
    var held = Object.create(null);
    var both = function (stems) {
      var k = stems.length === 1 ? stems[0] : stems.slice().sort().join(" ");
      return held[k] || (held[k] = intersect(stems));
    };
    var found = cs.map(function (c) {
      var docs = [];
      // a word being typed ("jour") more likely ends as a word the
      // handbook often uses ("journal") than as a rare one ("journey")
      var most = 0, lists = c.alts.map(function (a) {
        var m = a.phrase ? postingsOf(phraseTerm(a.stems)) : both(a.stems);
        if (a.kind === "prefix") most = Math.max(most, m.d.length);
        return m;
      });
      c.alts.forEach(function (a, ai) {
        var m = lists[ai];
        var factor = c.words.length * a.w / (a.phrase ? 1 : a.stems.length);
        if (a.kind === "prefix") factor *= m.d.length / most;
        var key = sorted(a.stems.join(" "));
        for (var i = 0; i < m.d.length; i++) {
          var d = m.d[i], sc = m.s[i] * factor;
          if (!seen[d]) { seen[d] = 1; docs.push(d); best[d] = 0; bestT[d] = 0; bestN[d] = 0; }
          if (sc > best[d]) best[d] = sc;
          bestT[d] |= m.t[i];
          if (m.t[i] && !bestN[d] && ix.names[d][key] === true) bestN[d] = 1; // the page's own name
        }
      });
      var out = { d: new Int32Array(docs.length), s: new Float32Array(docs.length),
        t: new Uint8Array(docs.length), n: new Uint8Array(docs.length) };
      docs.forEach(function (d, i) { seen[d] = 0; out.d[i] = d; out.s[i] = best[d]; out.t[i] = bestT[d]; out.n[i] = bestN[d]; });
      return out;
    });
    // a concept on most pages of the handbook ("back pain" in a handbook
    // on back pain) tells little: a page need not hold it, unless the
    // query has nothing else
    // a word no page holds in any form ("told") cannot be required either
    var common = found.map(function (f, i) { return !cs[i].optional && (f.d.length > n * COMMON || f.d.length === 0); });
    if (cs.some(function (c, i) { return !c.optional && !common[i]; })) {
      cs.forEach(function (c, i) { if (common[i]) c.optional = true; });
    }
    var need = cs.filter(function (c) { return !c.optional; }).length;
    var score = new Float32Array(n), hits = new Uint8Array(n), titles = new Uint8Array(n), names = new Uint8Array(n);
    var extra = new Float32Array(n); // from the concepts a page need not hold
    var touched = [];
    found.forEach(function (f, i) {
      var c = cs[i], weight = c.optional ? OPTIONAL : 1;
      for (var k = 0; k < f.d.length; k++) {
        var d = f.d[k];
        if (!hits[d] && !score[d] && !extra[d]) touched.push(d);
        if (c.optional) extra[d] += f.s[k] * weight;
        else score[d] += f.s[k];
        if (!c.optional) {
          hits[d]++;
          titles[d] += f.t[k];
          names[d] += f.n[k];
        }
      }
    });
    var have = queryStems(cs, false, true), named = queryStems(cs, true), mayName = new Uint8Array(n);
    for (var st in named) if (has(ix.namedBy, st)) ix.namedBy[st].forEach(function (d) { mayName[d] = 1; });
    if (parsed.negated) have.not = true;
    var matchedFlags = flagsFor(have, wordOrder(cs)), flags = matchedFlags.lead;
    // A short query wants every word; in a longer one, worded as a person
    // would ("shooting pain down the back of my leg"), a page may miss one
    // word in three and still be the answer. A page that holds no word the
    // query needs is no result.
    var most = 0;
    for (var t = 0; t < touched.length; t++) if (hits[touched[t]] > most) most = hits[touched[t]];
    var least = need === 1 ? 1 : Math.max(1, need - Math.floor(need / 3) - (parsed.intent || need === 2 ? 1 : 0));
    least = Math.max(1, Math.min(least, most));
    var list = [];
    touched.forEach(function (d) {
      if (hits[d] < least && !flags[d]) return;
      // what a page need not hold orders pages that hold the rest alike;
      // it never outweighs the words that matter
      score[d] += hits[d] ? Math.min(extra[d], EXTRA * score[d]) : extra[d];
      var sc = score[d] * (hits[d] / need) * (hits[d] / need);
      var kind = ix.kinds[d];
      if (titles[d] === need) sc *= 1.5;        // every word in the title or aliases
      // the query says the page's name; but "can I swim" asks about
      // swimming, so the exercise itself does not gain
      if (!(parsed.intent && kind === "exercises")) {
        var cover = names[d] === need ? 1 : mayName[d] ? nameCover(d, named) : 0;
        sc *= 1 + (cover === 1 ? NAMED : cover);
      }
      if (parsed.intent) sc *= ANSWERS[kind] || 1;
      // a red flag is a short text, which ranking favours: it leads by
      // its phrasings (flagsFor), not by chance
      if (kind === "flag" && !matchedFlags.matched[d]) sc *= FLAG_DAMP;
      list.push({ doc: d, score: sc, hits: hits[d], flag: flags[d] || 0 });
    });
    Object.keys(flags).forEach(function (d) {
      if (!hits[d] && !score[d] && !extra[d]) list.push({ doc: +d, score: 0, hits: 0, flag: flags[d] });
    });
    var count = list.length;
    if (top && list.length > top) list = firstOf(list, top, before);
    else list.sort(before);
    return { results: list, count: count, all: most === need, expanded: parsed.expanded, concepts: cs };
  }

  // before orders results: red flags first, then by score, then by page.
  function before(a, b) { return b.flag - a.flag || b.score - a.score || a.doc - b.doc; }

  // firstOf is the first k of list in the order of cmp, without sorting the
  // rest: the kept few stay sorted, and a result enters only if it goes
  // before the last of them.
  function firstOf(list, k, cmp) {
    var kept = [];
    for (var i = 0; i < list.length; i++) {
      var r = list[i];
      if (kept.length === k && cmp(r, kept[k - 1]) >= 0) continue;
      var j = kept.length < k ? kept.length : k - 1;
      while (j > 0 && cmp(r, kept[j - 1]) < 0) { kept[j] = kept[j - 1]; j--; }
      kept[j] = r;
    }
    return kept;
  }

  // wordOrder is the query's words, stop words aside, in order, each as
  // the lemmas it may be read as (its own, its forms and what means the
  // same), for red flags' words that stand together.
  function wordOrder(cs) {
    var out = [];
    cs.forEach(function (c) {
      if (c.words.length > 1) {
        c.words.forEach(function (w) {
          var m = Object.create(null), st = stemOf(w);
          if (st) m[lemma(st)] = true;
          out.push(m);
        });
        return;
      }
      var one = queryStems([c], false, true), m = Object.create(null);
      for (var st in one) m[lemma(st)] = true;
      out.push(m);
    });
    return out;
  }

  // queryStems is every stem the query matches, with its synonyms and
  // other forms, but not the longer words of a word being typed, unless
  // typing: a page's name may be half typed ("pain jour"); and if meant,
  // only what means the same (for red flags).
  // A typo counts only when it can be read one way or two ("fevr": fever
  // or fear); a word with more readings raises no flag.
  function queryStems(cs, typing, meant) {
    var have = Object.create(null);
    cs.forEach(function (c) {
      // for red flags, the word as typed too, though the handbook knows
      // it in another form only ("weakening", which the index has as weak)
      if (meant && c.words.length === 1 && /^[a-z]{3,}$/.test(c.words[0])) have[STEM(c.words[0])] = true;
      var typos = c.alts.filter(function (a) { return a.kind === "typo"; }).length;
      c.alts.forEach(function (a) {
        if ((a.kind === "prefix" && !typing) || (a.kind === "typo" && typos > 2)) return;
        // for red flags, only what means the same word for word: not a
        // page's other name, nor a phrase's words one by one ("tummy
        // muscles" for "core" does not give "tummy")
        if (meant && (a.kind === "name" || (a.kind === "synonym" && a.stems.length > 1))) return;
        a.stems.forEach(function (st) { have[st] = true; });
      });
    });
    return have;
  }

  // nameCover is how much of one of the page's names (title, aliases) the
  // query says: 1 for all of it, down to 0 below half.
  function nameCover(d, have) {
    var best = 0, names = ix.nameWords[d];
    for (var i = 0; i < names.length; i++) {
      var ws = names[i], n = 0;
      for (var j = 0; j < ws.length; j++) if (have[ws[j]] === true) n++;
      if (n / ws.length > best) best = n / ws.length;
    }
    return best >= 0.5 ? best : 0;
  }

  // COMMON is the share of pages above which a word is too common to be
  // required.
  var COMMON = 0.7;

  // OPTIONAL weighs a concept a page need not hold: a common word, or a
  // word that asks ("safe", "bad for").
  var OPTIONAL = 0.3;

  // EXTRA is the most the concepts a page need not hold add to its score,
  // as a share of what the others give.
  var EXTRA = 0.5;

  // NAMED is what a page gains when the query says one of its names whole
  // (a page gains less for half a name, nothing below).
  var NAMED = 1.5;

  // FLAG_DAMP weighs a red flag that the query names by none of its
  // phrasings.
  var FLAG_DAMP = 0.5;

  // ANSWERS weighs the kinds of page for a query that asks a question.
  var ANSWERS = { faq: 2.5, conditions: 1.5, guides: 2.2 };

  // phraseTerm is the index's term for a phrase: its stems in order of the
  // alphabet, joined by "_"; a page has it where the words stand together.
  function phraseTerm(stems) { return stems.slice().sort().join("_"); }

  // URGENCY orders red flags that match equally.
  var URGENCY = { emergency: 3, urgent: 2, soon: 1 };

  // LEMMA_ENDS and lemma: the same as generator/search lemma, which
  // reduces the words of red flags' phrasings; a verb of change is its
  // comparative ("weaken", "weaker").
  var LEMMA_ENDS = ["ness", "li", "i", "y"], COMPARATIVE = true;
  function lemma(s) {
    for (var again = true; again;) {
      again = false;
      for (var i = 0; i < LEMMA_ENDS.length; i++) {
        var e = LEMMA_ENDS[i];
        if (s.length - e.length >= 4 && s.slice(-e.length) === e) { s = s.slice(0, -e.length); again = true; break; }
      }
    }
    if (COMPARATIVE && s.length >= 6 && s.slice(-2) === "en") {
      s = s.slice(0, -2);
      if (s !== "wors") s += "er";
    }
    return s;
  }

  // flagsFor finds the red flags whose lay phrasing is in the query: every
  // word of one of its phrasings is a word of the query or one of its
  // synonyms. Each gets a rank above every ordinary result: longer
  // phrasings first, then the more urgent.
  function flagsFor(stems, order) {
    var out = Object.create(null), top = 0, have = Object.create(null);
    for (var st in stems) have[lemma(st)] = true;
    var any = function (alts, set) { return alts.some(function (st) { return set[st] === true; }); };
    // words that stand together: slots one after another in the query
    var together = function (slots) {
      for (var i = 0; i + slots.length <= order.length; i++) {
        var k = 0;
        while (k < slots.length && any(slots[k], order[i + k])) k++;
        if (k === slots.length) return true;
      }
      return false;
    };
    ix.flagPhrases.forEach(function (f) {
      if (!f.words.every(function (slots) { return slots.length === 1 ? any(slots[0], have) : together(slots); })) return;
      // the more urgent sign leads: it is the one to act on; among
      // signs as urgent, the one named by more words
      var rank = 100 * (URGENCY[f.urgency] || 0) + f.size;
      if (rank > (out[f.doc] || 0)) out[f.doc] = rank;
      top = Math.max(top, rank);
    });
    // the best match leads, with at most one other as urgent; a flag
    // that matches less well ranks as a page would, so that the answer
    // the reader looked for is not pushed down by a list of warnings
    var kept = Object.create(null), n = 0;
    Object.keys(out).sort(function (a, b) { return out[b] - out[a] || a - b; }).forEach(function (d) {
      if (Math.floor(out[d] / 100) === Math.floor(top / 100) && n < 2) { kept[d] = out[d]; n++; }
    });
    return { lead: kept, matched: out };
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
      label: LABELS[r.section] || (key.indexOf("flags") === 0 ? HB_T("js.search.label.flags") : HB_T("js.search.label.page")), score: r.score,
      care: r.care || false, flag: !!r.flag, urgency: d[3] && d[3].u || "",
      snippet: highlight(d[2], stems), anchor: "", heading: "" };
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

  function countHits(text, stems) { return matches(text, stems).length; }

  // phraseSets describes the phrases of a query once: each with its stems
  // as a set, and every stem of any phrase.
  function phraseSets(stems) {
    if (stems.sets) return stems.sets;
    var any = Object.create(null);
    var list = stems.phrases.map(function (key) {
      var set = Object.create(null), ws = key.split(" ");
      ws.forEach(function (w) { set[w] = true; any[w] = true; });
      return { key: key, n: ws.length, set: set };
    });
    stems.sets = { any: any, list: list };
    return stems.sets;
  }

  // matches are the words of text that the query matched: words of single
  // word alternatives anywhere, and the words of a phrase only where they
  // stand together (stop words between them aside).
  function matches(text, stems) {
    var toks = stemmedTokens(text), m = new Uint8Array(toks.length), marked = [];
    toks.forEach(function (t, k) { if (stems.one[t.s] === true) m[k] = 1; });
    if (stems.phrases.length) {
      var content = toks.content, ps = phraseSets(stems);
      for (var i = 0; i < content.length; i++) {
        if (ps.any[toks[content[i]].s] !== true) continue;
        ps.list.forEach(function (p) {
          if (i + p.n > content.length) return;
          var win = content.slice(i, i + p.n);
          if (!win.every(function (k) { return p.set[toks[k].s] === true; })) return;
          if (sorted(win.map(function (k) { return toks[k].s; }).join(" ")) === p.key) win.forEach(function (k) { m[k] = 1; });
        });
      }
    }
    toks.forEach(function (t, k) { if (m[k]) marked.push(t); });
    return marked;
  }

  // stemmedTokens are the tokens of text with their stems ("" for a stop
  // word) and, as content, the places of those that are not stop words.
  // The texts are the index's, so they are kept once made.
  var tokenMemo = Object.create(null);
  function stemmedTokens(text) {
    if (has(tokenMemo, text)) return tokenMemo[text];
    var toks = tokens(text), content = [];
    toks.forEach(function (t, k) {
      t.s = STOP[t.w] ? "" : stemOf(t.w);
      if (t.s) content.push(k);
    });
    toks.content = content;
    tokenMemo[text] = toks;
    return toks;
  }

  // highlight cuts a window of text around the first match and returns it
  // as parts: {text, mark}. The UI turns parts into text nodes.
  function highlight(text, stems) {
    var marks = matches(text, stems);
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
    if (/^[ -&(-~]*$/.test(text)) { // printable ASCII but the apostrophe: folds to itself
      for (var j = 0; j <= text.length; j++) map[j] = j;
      return map;
    }
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
    if (!f.section && !f.category && !f.level && !f.condition) {
      results.forEach(function (r) { r.section = ix.kinds[r.doc] === "flag" ? "" : ix.kinds[r.doc]; });
      return results;
    }
    return results.filter(function (r) {
      var m = ix.docs[r.doc][3];
      r.section = ix.kinds[r.doc] === "flag" ? "" : ix.kinds[r.doc];
      if (f.section && r.section !== f.section) return false;
      if ((f.category || f.level) && !m) return false;
      if (f.category && m.c !== f.category) return false;
      if (f.level && m.l > +f.level) return false;
      if (f.condition && m && m.a) { // an exercise: others have no loads
        if (m.a.indexOf(f.condition) >= 0) return false;
        // named in caution-if, or sharing a load with the condition
        r.care = m.k.indexOf(f.condition) >= 0 || (m.d & (ix.condLoads[f.condition] || 0)) !== 0;
      }
      return true;
    });
  }

  // query ranks, filters and describes the results of q, the first limit
  // of them (all with limit 0). The index files it needs must be loaded
  // (search does that); it returns null before the index is there.
  function query(q, f, limit) {
    if (!ix) return null;
    f = f || {};
    // without filters, only the results shown need sorting
    var plain = !f.section && !f.category && !f.level && !f.condition;
    var out = run(q, plain ? limit : 0), stems = { one: Object.create(null), phrases: [] };
    out.concepts.forEach(function (c) {
      c.alts.forEach(function (a) {
        if (a.phrase) stems.phrases.push(a.stems.slice().sort().join(" "));
        else a.stems.forEach(function (s) { stems.one[s] = true; });
      });
    });
    var kept = filter(out.results, f);
    var shown = limit ? kept.slice(0, limit) : kept;
    return { results: shown.map(function (r) { return describe(r, stems); }), total: plain ? out.count : kept.length,
      all: out.all, expanded: out.expanded, suggestion: suggestion(q) };
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

  // find ranks and filters like query but describes nothing, so it needs
  // no text files: cb gets the keys of the pages found, at once when the
  // index files are already loaded.
  function find(q, f, cb) {
    need(["docs"], function (err) {
      if (err) { cb(err, null); return; }
      need(shardsFor(concepts(q).concepts), function (err2) {
        if (err2) { cb(err2, null); return; }
        cb(null, filter(run(q).results, f || {}).map(function (r) { return ix.docs[r.doc][0]; }));
      });
    });
  }

  global.HandbookSearch = {
    find: find, prepare: function (cb) { need(["docs"], cb || function () {}); },
    add: add, search: search, query: query, tokens: tokens, fold: fold, rank: run, index: function () { return ix; },
    stem: porter2, lemma: lemma, stopWords: function () { return Object.keys(STOP); },
    setBase: function (b) { base = b; }, ready: function () { return ix !== null; },
    conditions: function () {
      return ix ? ix.docs.filter(function (d) { return d[0].indexOf("conditions/") === 0; })
        .map(function (d) { return { id: d[0].slice(11), title: d[1] }; }) : [];
    }
  };

  // ---- the user interface ---------------------------------------------

  // URGENT says what a red flag in the results asks for, by its urgency.
  var URGENT = { emergency: HB_T("js.search.flag.emergency"), urgent: HB_T("js.search.flag.urgent"),
    soon: HB_T("js.search.flag.soon") };

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
        if (err) { status.textContent = HB_T("js.search.box.error"); return; }
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
          option("site-search-option-" + i, root + r.url, r.title, r.flag ? URGENT[r.urgency] || HB_T("js.search.flag") : r.label);
          if (r.flag) items[items.length - 1].className = "option-flag";
        });
        option("site-search-option-all", root + "search.html?q=" + encodeURIComponent(q.trim()),
          HB_T("js.search.box.all", q.trim()), "");
        list.hidden = false;
        input.setAttribute("aria-expanded", "true");
        active = -1;
        status.textContent = out.total === 0 ? HB_T("js.search.box.none") : HB_TN("js.search.box.count", out.total) +
          (out.all ? "" : HB_T("js.search.box.closest"));
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
    // (the search page's own box, where it takes the header's place)
    var slash = false, box = setUpPage(form) || input;
    document.addEventListener("keydown", function (e) {
      if (e.key !== "/" || e.ctrlKey || e.metaKey || e.altKey) return;
      var t = document.activeElement, tag = t && t.tagName;
      if (tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (t && t.isContentEditable)) return;
      e.preventDefault();
      slash = true;
      box.focus();
    });
    box.addEventListener("beforeinput", function (e) {
      if (slash && e.data === "/") e.preventDefault();
      slash = false;
    });
    box.addEventListener("keyup", function () { slash = false; });
  }

  // The search page: every result, with filters, state in the address.
  // Its own box replaces the header's (one search box on a page); it
  // returns that box.
  function setUpPage(header) {
    var form = document.getElementById("search-form");
    if (!form) return null;
    var input = form.querySelector("input[name=q]");
    var results = document.getElementById("search-results");
    var status = document.getElementById("search-status");
    var note = document.getElementById("search-note");
    var selects = Array.prototype.slice.call(form.querySelectorAll("select"));
    var condition = form.querySelector("select[name=condition]");
    var params = new URLSearchParams(location.search);
    var help = document.getElementById("search-help");
    var details = document.getElementById("search-filters");
    input.value = params.get("q") || "";
    selects.forEach(function (s) { s.value = params.get(s.name) || ""; });
    form.hidden = false;
    if (header) header.hidden = true;
    // the filters stay folded away, so results come first on a phone,
    // unless the address sets one
    function summarize() {
      if (!details) return;
      var set = selects.filter(function (s) { return s.value; }).length;
      details.querySelector("summary").textContent = HB_T("js.search.narrow") + (set ? HB_TN("js.search.narrow.set", set) : "");
    }
    if (details && selects.some(function (s) { return s.value; })) details.open = true;
    summarize();
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
      summarize();
      if (!q.trim()) {
        while (results.firstChild) results.removeChild(results.firstChild);
        status.textContent = HB_T("js.search.type");
        note.textContent = "";
        if (help) help.hidden = true;
        return;
      }
      status.textContent = HB_T("js.search.searching");
      search(q, f, 0, function (err, out) {
        if (mine !== seq) return;
        while (results.firstChild) results.removeChild(results.firstChild);
        if (err) { status.textContent = HB_T("js.search.error"); return; }
        fillConditions();
        while (note.firstChild) note.removeChild(note.firstChild);
        if (out.suggestion) {
          note.appendChild(document.createTextNode(HB_T("js.search.did-you-mean.before")));
          var sug = el("a", "", out.suggestion);
          sug.href = "?q=" + encodeURIComponent(out.suggestion);
          sug.addEventListener("click", function (e) { e.preventDefault(); input.value = out.suggestion; show(); });
          note.appendChild(sug);
          note.appendChild(document.createTextNode(HB_T("js.search.did-you-mean.after")));
        }
        var notes = [];
        if (out.expanded.length) {
          var shownNames = out.expanded.slice(0, 3), more = out.expanded.length - shownNames.length;
          notes.push(HB_T("js.search.also", shownNames.join(", ") + (more ? HB_T("js.search.also.more", more) : "")));
        }
        if (!out.all && out.total) notes.push(HB_T("js.search.closest"));
        note.appendChild(document.createTextNode(notes.join(" ")));
        if (help) help.hidden = out.all && out.total > 0 && !out.suggestion;
        out.results.forEach(function (r) {
          var li = el("li", r.flag ? "result result-flag urgency-" + r.urgency : "result");
          if (r.flag) {
            // what to do first, then the sign, which links to the flag
            li.appendChild(el("strong", "flag-label", (URGENT[r.urgency] || HB_T("js.search.flag")) + ". "));
            li.appendChild(el("strong", "flag-action", r.summary));
            li.appendChild(el("br"));
            var fa = el("a", "result-title", HB_T("js.search.if-you-have", r.title));
            fa.href = root + r.url;
            li.appendChild(fa);
            results.appendChild(li);
            return;
          }
          var a = el("a", "result-title", r.title);
          a.href = root + r.url;
          li.appendChild(a);
          if (!r.flag) li.appendChild(el("span", "label", " " + r.label + (r.heading ? " › " + r.heading : "")));
          if (r.care) li.appendChild(el("strong", "care", HB_T("js.search.care")));
          li.appendChild(el("br"));
          li.appendChild(snippetNode(r.snippet));
          results.appendChild(li);
        });
        status.textContent = out.total === 0 ? HB_T("js.search.none", q.trim()) : HB_TN("js.search.count", out.total, q.trim());
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
    if (details) details.addEventListener("toggle", summarize);
    input.addEventListener("input", show);
    selects.forEach(function (s) { s.addEventListener("change", show); });
    need(["docs"], function () { fillConditions(); show(); });
    return input;
  }

  setUp();
})(typeof window !== "undefined" ? window : this);
