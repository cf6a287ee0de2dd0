#!/usr/bin/env python3
"""Make assets/print-font.css: the typeface every page prints in.

The print stylesheet is tuned so that each exercise prints on one A4 or
Letter page. That only holds in one typeface, so the site ships it rather
than hoping the reader's computer has it: Liberation Serif 2 (metric-
compatible with Times New Roman, the face the print layout was made with),
cut down to the characters of Western European languages, renamed
"Handbook Serif" as its licence asks of a changed copy (the SIL Open Font
License reserves the name "Liberation"), and put into the stylesheet as
WOFF2 data URLs, so that it loads from file:// as well as over http(s).

This is a maintainer's tool, run by hand; the build only copies its output.
It needs Debian's fonts-liberation2, python3-fonttools and python3-brotli:

    apt-get install fonts-liberation2 python3-fonttools python3-brotli
    /usr/bin/python3 generator/printfont/subset.py > assets/print-font.css
"""
import base64
import io
import os
import sys

from fontTools import subset
from fontTools.ttLib import TTFont

SOURCE = os.environ.get("LIBERATION_DIR", "/usr/share/fonts/truetype/liberation2")
FAMILY = "Handbook Serif"

# Latin-1 and Latin Extended-A (Western and Central European names and
# words, Spanish included), typographic punctuation, the euro, arrows and
# comparison signs. A character outside the set falls back, glyph by glyph,
# to the reader's own fonts.
UNICODES = ("U+0020-007E,U+00A0-017F,U+0192,U+02C6,U+02DC,U+2010-2027,"
            "U+2030-203A,U+2044,U+20AC,U+2122,U+2190-2195,U+2212,U+2264-2265")

FACES = [  # file, CSS weight, CSS style, subfamily name
    ("LiberationSerif-Regular.ttf", 400, "normal", "Regular"),
    ("LiberationSerif-Bold.ttf", 700, "normal", "Bold"),
    ("LiberationSerif-Italic.ttf", 400, "italic", "Italic"),
    ("LiberationSerif-BoldItalic.ttf", 700, "italic", "Bold Italic"),
]


def cut(path, style):
    font = TTFont(path, recalcTimestamp=False)
    opts = subset.Options()
    opts.flavor = "woff2"
    opts.hinting = False  # print is drawn at printer resolution
    opts.desubroutinize = True
    opts.layout_features = ["kern", "liga"]
    opts.name_IDs = [0, 1, 2, 3, 4, 5, 6, 13, 14]  # keep copyright and licence
    s = subset.Subsetter(options=opts)
    s.populate(unicodes=subset.parse_unicodes(UNICODES))
    s.subset(font)
    names = font["name"]
    version = names.getDebugName(5).replace("Version ", "")
    ps = (FAMILY + "-" + style).replace(" ", "")
    for rec in names.names:
        if rec.nameID == 1:
            rec.string = FAMILY
        elif rec.nameID == 3:
            rec.string = ps + "; derived from Liberation Serif " + version
        elif rec.nameID == 4:
            rec.string = FAMILY + " " + style
        elif rec.nameID == 6:
            rec.string = ps
    out = io.BytesIO()
    font.flavor = "woff2"
    font.save(out)
    return out.getvalue()


def main():
    w = sys.stdout.write
    w("/* Handbook Serif: Liberation Serif 2 (SIL Open Font License 1.1;\n"
      "   Copyright (c) 2012 Red Hat, Inc.; digitized data (c) 2010 Google\n"
      "   Corporation), subset and renamed for printing. The licence is in\n"
      "   the font's name table. Made by generator/printfont/subset.py; do not\n"
      "   edit by hand. Linked with media=print: it never holds up a page on screen. */\n")
    for name, weight, style, sub in FACES:
        data = cut(os.path.join(SOURCE, name), sub)
        b64 = base64.b64encode(data).decode("ascii")
        w('@font-face { font-family: "%s"; font-weight: %d; font-style: %s; font-display: block;\n'
          '  src: url(data:font/woff2;base64,%s) format("woff2"); }\n' % (FAMILY, weight, style, b64))


if __name__ == "__main__":
    main()
