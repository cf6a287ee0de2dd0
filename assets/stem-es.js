// stem-es.js: Snowball's Spanish stemmer, as the index is stemmed.
//
// The Spanish edition's index is stemmed in Go by
// github.com/kljensen/snowball/spanish (v0.10.0), spanish.Stem(word, false),
// on words already folded (lower-cased, accents and apostrophes dropped: see
// generator/search/analyze.go fold). This is a port of that package, step by
// step, so that a query word the handbook never uses ("dolieron") reaches
// the stem its other forms were indexed under. It follows the Go code, not
// the published algorithm, where the two part: suffixes are tried in the Go
// lists' order, the first that fits wins, and the region checks are the Go
// package's own (FirstSuffixIn, FirstSuffixIfIn). Words are handled as
// Unicode code points, as Go's runes, so accented and other input is stemmed
// as Go stems it too. generator/search/stem_es_test.go runs this file in
// goja against the Go package on every word of content/es/.
//
// It exposes one global function, HandbookStemES(word). ES5, no
// dependencies.
(function (global) {
  "use strict";

  // Stop words are returned as they are (Stem's stemStopWords is false):
  // the Go package's list, accents and all, which a folded word can only
  // meet where it has none.
  var STOP = Object.create(null);
  ("de la que el en y a los del se las por un para con no una su al lo como m\u00e1s pero sus le ya " +
    "o este s\u00ed porque esta entre cuando muy sin sobre tambi\u00e9n me hasta hay donde quien " +
    "desde todo nos durante todos uno les ni contra otros ese eso ante ellos e esto m\u00ed antes " +
    "algunos qu\u00e9 unos yo otro otras otra \u00e9l tanto esa estos mucho quienes nada muchos cual " +
    "poco ella estar estas algunas algo nosotros mi mis t\u00fa te ti tu tus ellas nosotras vosostros " +
    "vosostras os m\u00edo m\u00eda m\u00edos m\u00edas tuyo tuya tuyos tuyas suyo suya suyos suyas " +
    "nuestro nuestra nuestros nuestras vuestro vuestra vuestros vuestras esos esas estoy est\u00e1s " +
    "est\u00e1 estamos est\u00e1is est\u00e1n est\u00e9 est\u00e9s estemos est\u00e9is est\u00e9n " +
    "estar\u00e9 estar\u00e1s estar\u00e1 estaremos estar\u00e9is estar\u00e1n estar\u00eda " +
    "estar\u00edas estar\u00edamos estar\u00edais estar\u00edan estaba estabas est\u00e1bamos " +
    "estabais estaban estuve estuviste estuvo estuvimos estuvisteis estuvieron estuviera estuvieras " +
    "estuvi\u00e9ramos estuvierais estuvieran estuviese estuvieses estuvi\u00e9semos estuvieseis " +
    "estuviesen estando estado estada estados estadas estad he has ha hemos hab\u00e9is han haya " +
    "hayas hayamos hay\u00e1is hayan habr\u00e9 habr\u00e1s habr\u00e1 habremos habr\u00e9is " +
    "habr\u00e1n habr\u00eda habr\u00edas habr\u00edamos habr\u00edais habr\u00edan hab\u00eda " +
    "hab\u00edas hab\u00edamos hab\u00edais hab\u00edan hube hubiste hubo hubimos hubisteis hubieron " +
    "hubiera hubieras hubi\u00e9ramos hubierais hubieran hubiese hubieses hubi\u00e9semos hubieseis " +
    "hubiesen habiendo habido habida habidos habidas soy eres es somos sois son sea seas seamos " +
    "se\u00e1is sean ser\u00e9 ser\u00e1s ser\u00e1 seremos ser\u00e9is ser\u00e1n ser\u00eda " +
    "ser\u00edas ser\u00edamos ser\u00edais ser\u00edan era eras \u00e9ramos erais eran fui fuiste " +
    "fue fuimos fuisteis fueron fuera fueras fu\u00e9ramos fuerais fueran fuese fueses fu\u00e9semos " +
    "fueseis fuesen sintiendo sentido sentida sentidos sentidas siente sentid tengo tienes tiene " +
    "tenemos ten\u00e9is tienen tenga tengas tengamos teng\u00e1is tengan tendr\u00e9 tendr\u00e1s " +
    "tendr\u00e1 tendremos tendr\u00e9is tendr\u00e1n tendr\u00eda tendr\u00edas tendr\u00edamos " +
    "tendr\u00edais tendr\u00edan ten\u00eda ten\u00edas ten\u00edamos ten\u00edais ten\u00edan tuve " +
    "tuviste tuvo tuvimos tuvisteis tuvieron tuviera tuvieras tuvi\u00e9ramos tuvierais tuvieran " +
    "tuviese tuvieses tuvi\u00e9semos tuvieseis tuviesen teniendo tenido tenida tenidos tenidas tened")
    .split(" ").forEach(function (w) { STOP[w] = true; });

  // list makes a suffix list: each suffix as its string (to name it, as
  // the Go code's switches do) and its code points.
  function list(s) {
    return s.split(" ").map(function (x) { return { s: x, r: runes(x) }; });
  }

  // Step 0: attached pronouns, and what they must follow.
  var PRONOUNS = list("selas selos sela selo las les los nos me se la le lo");
  var BEFORE_PRONOUN = list("i\u00e9ndo iendo yendo ando \u00e1ndo \u00e1r \u00e9r \u00edr ar er ir");
  // Step 1: standard suffixes, in the Go package's order.
  var STANDARD = list("amientos imientos aciones amiento imiento uciones log\u00edas idades encias ancias " +
    "amente adores adoras uci\u00f3n mente log\u00eda istas ismos ibles encia anzas antes ancia adora " +
    "aci\u00f3n ables osos osas ivos ivas ista ismo idad icos icas ible anza ante ador able oso osa ivo " +
    "iva ico ica");
  // Step 2a: verb suffixes beginning y.
  var Y_VERB = list("ya ye yan yen yeron yendo yo y\u00f3 yas yes yais yamos");
  // Step 2b: other verb suffixes.
  var VERB = list("i\u00e9semos i\u00e9ramos ir\u00edamos er\u00edamos ar\u00edamos \u00e1semos " +
    "\u00e1ramos \u00e1bamos isteis ir\u00edais iremos ieseis ierais er\u00edais eremos asteis " +
    "ar\u00edais aremos \u00edamos ir\u00edas ir\u00edan ir\u00e9is ieses iesen ieron ieras ieran " +
    "iendo er\u00edas er\u00edan er\u00e9is aseis ar\u00edas ar\u00edan ar\u00e9is arais abais " +
    "\u00edais iste ir\u00eda ir\u00e1s ir\u00e1n imos iese iera idos idas er\u00eda er\u00e1s " +
    "er\u00e1n aste ases asen ar\u00eda ar\u00e1s ar\u00e1n aron aras aran ando amos ados adas abas " +
    "aban \u00edas \u00edan \u00e9is \u00e1is ir\u00e9 ir\u00e1 ido ida er\u00e9 er\u00e1 emos ase " +
    "ar\u00e9 ar\u00e1 ara ado ada aba \u00eds \u00eda i\u00f3 ir id es er en ed as ar an ad");
  // Step 3: residual suffixes.
  var RESIDUAL = list("os a o \u00e1 \u00ed \u00f3 e \u00e9");
  var GU = list("gu");
  // What step 1 takes off after a suffix it has taken off.
  var AFTER_AMENTE = list("iv os ic ad"), AT = list("at"), IC = list("ic");
  var AFTER_MENTE = list("ante able ible"), AFTER_IDAD = list("abil ic iv");

  // runes returns the code points of s, as Go's []rune(s).
  function runes(s) {
    var out = [];
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) {
          out.push((c - 0xd800) * 0x400 + (d - 0xdc00) + 0x10000);
          i++;
          continue;
        }
      }
      out.push(c);
    }
    return out;
  }

  function text(rs) {
    var s = "";
    for (var i = 0; i < rs.length; i++) {
      var c = rs[i];
      if (c >= 0x10000) {
        c -= 0x10000;
        s += String.fromCharCode(0xd800 + (c >> 10), 0xdc00 + (c & 0x3ff));
      } else {
        s += String.fromCharCode(c);
      }
    }
    return s;
  }

  // utf8Length is Go's len(s) of the word: its length in UTF-8 bytes.
  function utf8Length(rs) {
    var n = 0;
    for (var i = 0; i < rs.length; i++) {
      var c = rs[i];
      n += c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    }
    return n;
  }

  // isSpace is Go's unicode.IsSpace, which strings.TrimSpace trims.
  function isSpace(c) {
    switch (c) {
      case 0x09: case 0x0a: case 0x0b: case 0x0c: case 0x0d: case 0x20: case 0x85: case 0xa0:
      case 0x1680: case 0x2028: case 0x2029: case 0x202f: case 0x205f: case 0x3000:
        return true;
    }
    return c >= 0x2000 && c <= 0x200a;
  }

  // lower is Go's unicode.ToLower of one code point, as near as the
  // browser's own lower-casing gives it (the words it is given are folded,
  // so lower-case already).
  function lower(c) {
    if (c < 0x80) return c >= 0x41 && c <= 0x5a ? c + 0x20 : c;
    if (c === 0x130) return 0x69; // Go gives i; the browser, i and a combining dot
    if (c >= 0x10000) return c;
    var l = String.fromCharCode(c).toLowerCase();
    return l.length === 1 ? l.charCodeAt(0) : c;
  }

  // isVowel is the package's isLowerVowel: aeiou, áéíóú and ü.
  function isVowel(c) {
    switch (c) {
      case 97: case 101: case 105: case 111: case 117: case 225: case 233: case 237: case 243: case 250: case 252:
        return true;
    }
    return false;
  }

  // Word is snowballword.SnowballWord: the code points and where the
  // regions R1, R2 and RV start.
  function Word(rs) {
    this.rs = rs;
    this.r1 = this.r2 = this.rv = rs.length;
  }

  // clamp is resetR1R2: regions beyond the word's end start at its end.
  Word.prototype.clamp = function () {
    var n = this.rs.length;
    if (this.r1 > n) this.r1 = n;
    if (this.r2 > n) this.r2 = n;
    if (this.rv > n) this.rv = n;
  };

  Word.prototype.removeLast = function (n) {
    while (n-- > 0) this.rs.pop();
    this.clamp();
  };

  // replaceSuffix is ReplaceSuffixRunes with force: the last len(suffix)
  // code points become repl, whatever they were.
  Word.prototype.replaceSuffix = function (suffix, repl) {
    for (var i = 0; i < suffix.length; i++) this.rs.pop();
    for (i = 0; i < repl.length; i++) this.rs.push(repl[i]);
    this.clamp();
  };

  // hasSuffixIn is HasSuffixRunesIn: rs[start:end] ends with suffix.
  function hasSuffixIn(rs, start, end, suffix) {
    var n = suffix.length;
    if (n > end - start) return false;
    for (var i = 1; i <= n; i++) {
      if (rs[end - i] !== suffix[n - i]) return false;
    }
    return true;
  }

  // firstSuffixIn is FirstSuffixIn: the first suffix of the list that
  // rs[start:end] ends with, or "" (a longer one not inside the region
  // gives way to a shorter one that is).
  Word.prototype.firstSuffixIn = function (start, end, suffixes) {
    var last = this.rs[end - 1];
    for (var i = 0; i < suffixes.length; i++) {
      var r = suffixes[i].r;
      if (r[r.length - 1] === last && hasSuffixIn(this.rs, start, end, r)) return suffixes[i];
    }
    return null;
  };

  // firstSuffixIfIn is FirstSuffixIfIn: the first suffix of the list that
  // rs[:end] ends with, if it starts at or after start; otherwise none.
  Word.prototype.firstSuffixIfIn = function (start, end, suffixes) {
    var last = this.rs[end - 1];
    for (var i = 0; i < suffixes.length; i++) {
      var r = suffixes[i].r;
      if (r[r.length - 1] === last && hasSuffixIn(this.rs, 0, end, r)) return end - r.length >= start ? suffixes[i] : null;
    }
    return null;
  };

  // firstSuffix is FirstSuffix: the first suffix of the list the word ends
  // with.
  Word.prototype.firstSuffix = function (suffixes) {
    return this.firstSuffixIfIn(0, this.rs.length, suffixes);
  };

  // removeFirstSuffixIfIn is RemoveFirstSuffixIfIn.
  Word.prototype.removeFirstSuffixIfIn = function (start, suffixes) {
    var f = this.firstSuffixIfIn(start, this.rs.length, suffixes);
    if (f) this.removeLast(f.r.length);
    return f ? f.s : "";
  };

  // vnv is romance.VnvSuffix: the region after the first non-vowel that
  // follows a vowel, looking from start on.
  function vnv(rs, start) {
    for (var i = 1; i < rs.length - start; i++) {
      var j = start + i;
      if (isVowel(rs[j - 1]) && !isVowel(rs[j])) return j + 1;
    }
    return rs.length;
  }

  // preprocess is findRegions.
  function preprocess(w) {
    var rs = w.rs, n = rs.length, i;
    w.r1 = vnv(rs, 0);
    w.r2 = vnv(rs, w.r1);
    w.rv = n;
    if (n >= 3) {
      if (!isVowel(rs[1])) {
        for (i = 2; i < n; i++) {
          if (isVowel(rs[i])) { w.rv = i + 1; break; }
        }
      } else if (isVowel(rs[0]) && isVowel(rs[1])) {
        for (i = 2; i < n; i++) {
          if (!isVowel(rs[i])) { w.rv = i + 1; break; }
        }
      } else {
        w.rv = 3;
      }
    }
  }

  function step0(w) {
    var s1 = w.firstSuffixIn(w.rv, w.rs.length, PRONOUNS);
    if (!s1) return false;
    var n1 = s1.r.length;
    var s2 = w.firstSuffixIn(w.rv, w.rs.length - n1, BEFORE_PRONOUN);
    if (!s2) return false;
    switch (s2.s) {
      case "i\u00e9ndo": case "\u00e1ndo": case "\u00e1r": case "\u00e9r": case "\u00edr":
        // the accent goes with the pronoun (haciéndola, haciendo); as in
        // the Go code, "ér" has no replacement set, so it goes too
        var repl = { "i\u00e9ndo": "iendo", "\u00e1ndo": "ando", "\u00e1r": "ar", "\u00edr": "ir" }[s2.s] || "";
        w.removeLast(n1);
        w.replaceSuffix(s2.r, runes(repl));
        return true;
      case "ando": case "iendo": case "ar": case "er": case "ir":
        w.removeLast(n1);
        return true;
      case "yendo":
        // only after a u somewhere before it
        for (var i = 0; i < w.rs.length - (n1 + s2.r.length); i++) {
          if (w.rs[i] === 117) {
            w.removeLast(n1);
            return true;
          }
        }
    }
    return false;
  }

  function step1(w) {
    var f = w.firstSuffix(STANDARD);
    if (!f) return false;
    var suffix = f.s, n = f.r.length, len = w.rs.length;
    var inR1 = w.r1 <= len - n, inR2 = w.r2 <= len - n;
    if (suffix === "amente") {
      if (!inR1) return false;
      w.removeLast(n);
      if (w.removeFirstSuffixIfIn(w.r2, AFTER_AMENTE) === "iv") {
        w.removeFirstSuffixIfIn(w.r2, AT);
      }
      return true;
    }
    if (!inR2) return false;
    function compound(others) {
      w.removeLast(n);
      w.removeFirstSuffixIfIn(w.r2, others);
      return true;
    }
    switch (suffix) {
      case "adora": case "ador": case "aci\u00f3n": case "adoras": case "adores": case "aciones":
      case "ante": case "antes": case "ancia": case "ancias":
        return compound(IC);
      case "mente":
        return compound(AFTER_MENTE);
      case "idad": case "idades":
        return compound(AFTER_IDAD);
      case "iva": case "ivo": case "ivas": case "ivos":
        return compound(AT);
      case "log\u00eda": case "log\u00edas":
        w.replaceSuffix(f.r, runes("log"));
        return true;
      case "uci\u00f3n": case "uciones":
        w.replaceSuffix(f.r, runes("u"));
        return true;
      case "encia": case "encias":
        w.replaceSuffix(f.r, runes("ente"));
        return true;
    }
    // anza, ico, ismo, able, ible, ista, oso, amiento, imiento and their
    // plurals and feminines
    w.removeLast(n);
    return true;
  }

  function step2a(w) {
    var f = w.firstSuffixIn(w.rv, w.rs.length, Y_VERB);
    if (f) {
      var i = w.rs.length - f.r.length - 1;
      if (i >= 0 && w.rs[i] === 117) {
        w.removeLast(f.r.length);
        return true;
      }
    }
    return false;
  }

  function step2b(w) {
    var f = w.firstSuffixIn(w.rv, w.rs.length, VERB);
    if (!f) return false;
    w.removeLast(f.r.length);
    switch (f.s) {
      case "en": case "es": case "\u00e9is": case "emos":
        // and the u of a gu before it, in RV or not
        if (w.firstSuffix(GU)) w.removeLast(1);
    }
    return true;
  }

  function step3(w) {
    var f = w.firstSuffixIfIn(w.rv, w.rs.length, RESIDUAL);
    if (!f) return false;
    w.removeLast(f.r.length);
    if ((f.s === "e" || f.s === "\u00e9") && w.firstSuffix(GU)) w.removeLast(1);
    return true;
  }

  // postprocess drops acute accents (not the diaeresis).
  function postprocess(w) {
    var rs = w.rs;
    for (var i = 0; i < rs.length; i++) {
      switch (rs[i]) {
        case 225: rs[i] = 97; break;
        case 233: rs[i] = 101; break;
        case 237: rs[i] = 105; break;
        case 243: rs[i] = 111; break;
        case 250: rs[i] = 117; break;
      }
    }
  }

  // HandbookStemES is spanish.Stem(word, false).
  function stem(word) {
    var rs = runes(String(word));
    var a = 0, b = rs.length;
    while (a < b && isSpace(rs[a])) a++;
    while (b > a && isSpace(rs[b - 1])) b--;
    rs = rs.slice(a, b);
    for (var i = 0; i < rs.length; i++) rs[i] = lower(rs[i]);
    var s = text(rs);
    if (utf8Length(rs) <= 2 || STOP[s]) return s;
    var w = new Word(rs);
    preprocess(w);
    step0(w);
    if (!step1(w) && !step2a(w)) step2b(w);
    step3(w);
    postprocess(w);
    return text(w.rs);
  }

  global.HandbookStemES = stem;
})(typeof window !== "undefined" ? window : this);
