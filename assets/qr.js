// qr.js: a small QR code encoder, for links made in the browser (a
// handout's address holds its state, so it cannot be drawn at build time).
//
// Byte mode, error correction level M, mask pattern 0: every QR reader
// reads these. Versions 1 to 20 (up to 97 modules), beyond which a printed
// code gets too dense to scan; longer text returns null. The Go tests check
// that it draws exactly what rsc.io/qr draws for the same text.
(function (global) {
  "use strict";

  var MAX_VERSION = 20;
  // level M, per version: error correction codewords per block, blocks
  var ECC = [0, 10, 16, 26, 18, 24, 16, 18, 22, 22, 26, 30, 22, 22, 24, 24, 28, 28, 26, 26, 26];
  var BLOCKS = [0, 1, 1, 1, 2, 2, 4, 4, 4, 5, 5, 5, 8, 9, 9, 10, 10, 11, 13, 14, 16];

  // ---- GF(256) arithmetic, polynomial x^8 + x^4 + x^3 + x^2 + 1 ----------
  var EXP = [], LOG = [];
  (function () {
    var x = 1;
    for (var i = 0; i < 255; i++) {
      EXP[i] = x;
      LOG[x] = i;
      x <<= 1;
      if (x & 0x100) x ^= 0x11d;
    }
    for (i = 255; i < 512; i++) EXP[i] = EXP[i - 255];
  })();

  function mul(a, b) { return a && b ? EXP[LOG[a] + LOG[b]] : 0; }

  // generator polynomial of the given degree, highest term first (implicit 1)
  function generator(degree) {
    var g = [1];
    for (var i = 0; i < degree; i++) {
      var next = [];
      for (var j = 0; j <= g.length; j++) {
        next[j] = (j < g.length ? g[j] : 0) ^ (j > 0 ? mul(g[j - 1], EXP[i]) : 0);
      }
      g = next;
    }
    return g.slice(1);
  }

  function remainder(data, degree) {
    var gen = generator(degree), rem = [];
    for (var i = 0; i < degree; i++) rem[i] = 0;
    data.forEach(function (b) {
      var factor = b ^ rem.shift();
      rem.push(0);
      for (var k = 0; k < degree; k++) rem[k] ^= mul(gen[k], factor);
    });
    return rem;
  }

  // ---- sizes -------------------------------------------------------------

  function size(v) { return v * 4 + 17; }

  function alignments(v) {
    if (v === 1) return [];
    var n = Math.floor(v / 7) + 2;
    var step = Math.ceil((v * 4 + 4) / (n * 2 - 2)) * 2;
    var out = [6];
    for (var pos = size(v) - 7; out.length < n; pos -= step) out.splice(1, 0, pos);
    return out;
  }

  // codewords is how many 8-bit codewords a version holds in all.
  function codewords(v) {
    var bits = (16 * v + 128) * v + 64;
    if (v >= 2) {
      var n = Math.floor(v / 7) + 2;
      bits -= (25 * n - 10) * n - 55;
      if (v >= 7) bits -= 36;
    }
    return Math.floor(bits / 8);
  }

  function dataCodewords(v) { return codewords(v) - ECC[v] * BLOCKS[v]; }

  // ---- encoding ----------------------------------------------------------

  function utf8(text) {
    var out = [];
    for (var i = 0; i < text.length; i++) {
      var c = text.codePointAt(i);
      if (c > 0xffff) i++;
      if (c < 0x80) out.push(c);
      else if (c < 0x800) out.push(0xc0 | c >> 6, 0x80 | c & 63);
      else if (c < 0x10000) out.push(0xe0 | c >> 12, 0x80 | c >> 6 & 63, 0x80 | c & 63);
      else out.push(0xf0 | c >> 18, 0x80 | c >> 12 & 63, 0x80 | c >> 6 & 63, 0x80 | c & 63);
    }
    return out;
  }

  function dataBits(bytes, v) {
    var bits = [];
    function put(value, n) { for (var i = n - 1; i >= 0; i--) bits.push((value >>> i) & 1); }
    put(4, 4); // byte mode
    put(bytes.length, v < 10 ? 8 : 16);
    bytes.forEach(function (b) { put(b, 8); });
    var capacity = dataCodewords(v) * 8;
    put(0, Math.min(4, capacity - bits.length));
    while (bits.length % 8) bits.push(0);
    var out = [];
    for (var i = 0; i < bits.length; i += 8) {
      var b = 0;
      for (var j = 0; j < 8; j++) b = (b << 1) | bits[i + j];
      out.push(b);
    }
    for (var pad = 0xec; out.length < dataCodewords(v); pad ^= 0xec ^ 0x11) out.push(pad);
    return out;
  }

  // interleave splits the data into blocks, adds each block's error
  // correction, and interleaves them as the standard orders them.
  function interleave(data, v) {
    var nblocks = BLOCKS[v], ecc = ECC[v], total = codewords(v);
    var short = nblocks - total % nblocks, shortLen = Math.floor(total / nblocks) - ecc;
    var blocks = [], at = 0;
    for (var i = 0; i < nblocks; i++) {
      var len = shortLen + (i < short ? 0 : 1);
      var d = data.slice(at, at + len);
      at += len;
      blocks.push({ data: d, ecc: remainder(d, ecc) });
    }
    var out = [];
    for (i = 0; i <= shortLen; i++) {
      blocks.forEach(function (b) { if (i < b.data.length) out.push(b.data[i]); });
    }
    for (i = 0; i < ecc; i++) blocks.forEach(function (b) { out.push(b.ecc[i]); });
    return out;
  }

  // ---- the matrix --------------------------------------------------------

  function bch(value, poly, bits) {
    var polyBits = 0;
    for (var p = poly; p; p >>= 1) polyBits++;
    var r = value << (polyBits - 1);
    for (var i = bits + polyBits - 2; i >= polyBits - 1; i--) {
      if ((r >>> i) & 1) r ^= poly << (i - polyBits + 1);
    }
    return (value << (polyBits - 1)) | r;
  }

  function matrix(v, codes) {
    var n = size(v), m = [], fixed = [];
    for (var y = 0; y < n; y++) { m.push([]); fixed.push([]); for (var x = 0; x < n; x++) { m[y].push(false); fixed[y].push(false); } }
    function set(x, y, dark) { m[y][x] = dark; fixed[y][x] = true; }

    function finder(cx, cy) {
      for (var dy = -4; dy <= 4; dy++) {
        for (var dx = -4; dx <= 4; dx++) {
          var x = cx + dx, y = cy + dy, d = Math.max(Math.abs(dx), Math.abs(dy));
          if (x >= 0 && y >= 0 && x < n && y < n) set(x, y, d !== 2 && d !== 4);
        }
      }
    }
    finder(3, 3); finder(n - 4, 3); finder(3, n - 4);
    for (var i = 8; i < n - 8; i++) { set(i, 6, i % 2 === 0); set(6, i, i % 2 === 0); }
    var al = alignments(v);
    al.forEach(function (ay) {
      al.forEach(function (ax) {
        if ((ax === 6 && ay === 6) || (ax === 6 && ay === n - 7) || (ax === n - 7 && ay === 6)) return;
        for (var dy = -2; dy <= 2; dy++) {
          for (var dx = -2; dx <= 2; dx++) set(ax + dx, ay + dy, Math.max(Math.abs(dx), Math.abs(dy)) !== 1);
        }
      });
    });

    // format information: level M (00), mask 0
    var format = bch(0, 0x537, 5) ^ 0x5412;
    for (i = 0; i <= 5; i++) set(8, i, (format >>> i) & 1);
    set(8, 7, (format >>> 6) & 1);
    set(8, 8, (format >>> 7) & 1);
    set(7, 8, (format >>> 8) & 1);
    for (i = 9; i < 15; i++) set(14 - i, 8, (format >>> i) & 1);
    for (i = 0; i < 8; i++) set(n - 1 - i, 8, (format >>> i) & 1);
    for (i = 8; i < 15; i++) set(8, n - 15 + i, (format >>> i) & 1);
    set(8, n - 8, true); // the dark module

    if (v >= 7) {
      var info = bch(v, 0x1f25, 6);
      for (i = 0; i < 18; i++) {
        var bit = (info >>> i) & 1, a = n - 11 + i % 3, b = Math.floor(i / 3);
        set(a, b, bit);
        set(b, a, bit);
      }
    }

    // data, in two-module columns from the bottom right, up then down
    var bitIndex = 0, total = codes.length * 8;
    for (var right = n - 1; right >= 1; right -= 2) {
      if (right === 6) right = 5;
      for (var vert = 0; vert < n; vert++) {
        for (var j = 0; j < 2; j++) {
          var x = right - j, upward = ((right + 1) & 2) === 0, yy = upward ? n - 1 - vert : vert;
          if (fixed[yy][x]) continue;
          var dark = false;
          if (bitIndex < total) dark = ((codes[bitIndex >>> 3] >>> (7 - (bitIndex & 7))) & 1) === 1;
          bitIndex++;
          m[yy][x] = dark !== ((x + yy) % 2 === 0); // mask 0
        }
      }
    }
    for (y = 0; y < n; y++) for (x = 0; x < n; x++) m[y][x] = !!m[y][x];
    return m;
  }

  // encode returns the modules of text's QR code (true is dark), or null
  // if the text is too long for a code that prints well.
  function encode(text) {
    var bytes = utf8(text);
    for (var v = 1; v <= MAX_VERSION; v++) {
      var headerBits = 4 + (v < 10 ? 8 : 16);
      if (headerBits + bytes.length * 8 <= dataCodewords(v) * 8) {
        return matrix(v, interleave(dataBits(bytes, v), v));
      }
    }
    return null;
  }

  // svg draws the code as an SVG element with a quiet zone, using DOM
  // methods only.
  function svg(text, label) {
    var m = encode(text);
    if (!m || typeof document === "undefined") return null;
    var ns = "http://www.w3.org/2000/svg", n = m.length, d = "";
    for (var y = 0; y < n; y++) for (var x = 0; x < n; x++) if (m[y][x]) d += "M" + (x + 4) + " " + (y + 4) + "h1v1h-1z";
    var s = document.createElementNS(ns, "svg");
    s.setAttribute("viewBox", "0 0 " + (n + 8) + " " + (n + 8));
    s.setAttribute("class", "qr");
    s.setAttribute("role", "img");
    s.setAttribute("aria-label", label);
    var bg = document.createElementNS(ns, "rect");
    bg.setAttribute("width", n + 8);
    bg.setAttribute("height", n + 8);
    bg.setAttribute("fill", "#fff");
    var p = document.createElementNS(ns, "path");
    p.setAttribute("d", d);
    p.setAttribute("fill", "#000");
    s.appendChild(bg);
    s.appendChild(p);
    return s;
  }

  global.HandbookQR = { encode: encode, svg: svg, maxVersion: MAX_VERSION };
})(typeof window !== "undefined" ? window : this);
