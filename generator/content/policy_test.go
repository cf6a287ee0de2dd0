package content

import (
	"bytes"
	"encoding/xml"
	"strings"
	"testing"
	"testing/fstest"

	"handbook/generator/diag"
)

// Each hostile or unusual SVG, and whether it is refused (with the words
// of the reason).
func TestSVGSafe(t *testing.T) {
	const ns = `xmlns="http://www.w3.org/2000/svg"`
	cases := []struct {
		name, svg, refused string // refused: part of the reason, "" if accepted
	}{
		{"plain drawing", `<?xml version="1.0"?><svg ` + ns + ` viewBox="0 0 10 10"><title>A</title><path d="M0 0L10 10" stroke="#000"/></svg>`, ""},
		{"no namespace", `<svg/>`, ""},
		{"gradient by url(#id)", `<svg ` + ns + `><defs><linearGradient id="g"><stop offset="0" stop-color="red"/></linearGradient></defs><rect fill="url(#g)" width="1" height="1"/></svg>`, ""},
		{"use of a local symbol", `<svg ` + ns + ` xmlns:xlink="http://www.w3.org/1999/xlink"><symbol id="s"/><use xlink:href="#s"/></svg>`, ""},
		{"script element", `<svg ` + ns + `><script>alert(1)</script></svg>`, "<script> element"},
		{"upper-case script", `<svg ` + ns + `><SCRIPT>alert(1)</SCRIPT></svg>`, "<SCRIPT> element"},
		{"script in another namespace", `<svg ` + ns + `><h:script xmlns:h="http://www.w3.org/1999/xhtml">alert(1)</h:script></svg>`, "<script> element"},
		{"event attribute", `<svg ` + ns + ` onload="alert(1)"/>`, "event attribute"},
		{"event attribute, odd case", `<svg ` + ns + `><rect OnClick="alert(1)"/></svg>`, "event attribute"},
		{"internal entity expanding to a script", `<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x "&#60;script&#62;alert(1)&#60;/script&#62;">]><svg ` + ns + `>&x;</svg>`, "DOCTYPE"},
		{"undefined entity", `<svg ` + ns + `>&x;</svg>`, "not well-formed"},
		{"foreign object", `<svg ` + ns + `><foreignObject><div xmlns="http://www.w3.org/1999/xhtml">x</div></foreignObject></svg>`, "<foreignObject> element"},
		{"javascript link", `<svg ` + ns + ` xmlns:xlink="http://www.w3.org/1999/xlink"><a xlink:href="javascript:alert(1)"><text>x</text></a></svg>`, "<a> element"},
		{"use of another file", `<svg ` + ns + `><use href="other.svg#x"/></svg>`, "only links within the picture"},
		{"animate that sets an href", `<svg ` + ns + `><animate attributeName="href" to="javascript:alert(1)"/></svg>`, "<animate> element"},
		{"set element", `<svg ` + ns + `><set attributeName="onmouseover" to="alert(1)"/></svg>`, "<set> element"},
		{"style element with an import", `<svg ` + ns + `><style>@import url(http://x/y.css);</style></svg>`, "<style> element"},
		{"style attribute with a remote url", `<svg ` + ns + `><rect style="fill:url(http://x/a.svg#g)"/></svg>`, "url() may point only within"},
		{"style attribute with javascript", `<svg ` + ns + `><rect style="background:javascript:alert(1)"/></svg>`, "holds code"},
		{"external image", `<svg ` + ns + `><image href="http://x/a.png"/></svg>`, "<image> element"},
		{"stylesheet instruction", `<?xml-stylesheet href="x.css"?><svg ` + ns + `/>`, "processing instruction"},
		{"html root", `<html><script>alert(1)</script></html>`, "root element is <html>"},
		{"not XML", `<svg ` + ns + `><rect></svg>`, "not well-formed"},
		{"empty", ``, "no <svg> element"},
		{"inkscape attributes", `<svg ` + ns + ` xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" inkscape:version="1.0"/>`, "other namespaces"},
	}
	for _, c := range cases {
		e := svgSafe([]byte(c.svg))
		switch {
		case c.refused == "" && e != nil:
			t.Errorf("%s: refused: %v", c.name, e)
		case c.refused != "" && e == nil:
			t.Errorf("%s: accepted, want refused (%s)", c.name, c.refused)
		case c.refused != "" && !strings.Contains(e.Why, c.refused):
			t.Errorf("%s: refused because %q, want %q", c.name, e.Why, c.refused)
		}
	}
}

// What content/ may put in the site: each file, and the message it gets
// ("" if it is copied).
func TestStaticPolicy(t *testing.T) {
	cases := []struct{ file, want string }{
		{"guides/back.png", ""},
		{"guides/leaflet.PDF", ""},
		{"images/figure.svg", ""},
		{"guides/page.html", `files of type ".html" are not copied`},
		{"guides/page.XHTML", `files of type ".xhtml" are not copied`},
		{"evil.js", `files of type ".js" are not copied`},
		{"theme.css", `files of type ".css" are not copied`},
		{"guides/README", `files of type (no extension)`},
		{"assets/handbook.png", `is in assets/, which holds the site's own files`},
		{"Assets/x.png", `is in assets/, which holds the site's own files`},
		{"figures/plank.svg", `is in figures/`},
		{"search/docs.txt", `is in search/`},
		{"decide/x.png", `is in decide/`},
		{"robots.txt", `would replace a file the build writes`},
		{"ROBOTS.TXT", `would replace a file the build writes`},
	}
	for _, c := range cases {
		msg, _ := staticRefusal(c.file)
		if (c.want == "") != (msg == "") || !strings.Contains(msg, c.want) {
			t.Errorf("%s: %q, want %q", c.file, msg, c.want)
		}
	}
}

// Pages the build would replace, and static files that would be one file
// on a computer that ignores case or accents, are errors naming the file.
func TestReservedAndFolded(t *testing.T) {
	page := []byte("---\ntitle: T\nsummary: S.\n---\n\nText.\n")
	fsys := fstest.MapFS{
		"index.md":              {Data: page},
		"flags.md":              {Data: page},
		"print.md":              {Data: page},
		"about.md":              {Data: page},
		"guides/index.md":       {Data: page},
		"guides/fine.md":        {Data: page},
		"images/Back.png":       {Data: []byte("x")},
		"images/back.png":       {Data: []byte("x")},
		"images/caf\u00e9.png":  {Data: []byte("x")},
		"images/cafe\u0301.png": {Data: []byte("x")},
	}
	var errs diag.List
	tree, err := Load(fsys, "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	errs.Sort()
	got := errs.Error()
	for _, want := range []string{
		`content/index.md:1:1: "content/index.md" would be replaced by the site's index.html`,
		`content/flags.md:1:1: "content/flags.md" would be replaced by the site's flags.html`,
		`content/print.md:1:1: "content/print.md" would be replaced by the site's print.html`,
		`content/guides/index.md:1:1: "content/guides/index.md" would be replaced by the list of guides`,
		`content/images/back.png:1:1: "content/images/Back.png" and "content/images/back.png" differ only in case or accents`,
		"\"content/images/cafe\u0301.png\" and \"content/images/caf\u00e9.png\" differ only in case or accents",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("missing %q in:\n%s", want, got)
		}
	}
	if strings.Contains(got, "about.md") || strings.Contains(got, "fine.md") {
		t.Errorf("an ordinary page refused:\n%s", got)
	}
	if len(tree.Static) != 2 {
		t.Errorf("%d static files kept, want one of each pair", len(tree.Static))
	}
}

// FuzzSVG: the SVG check never panics, reports a position inside the file,
// and never accepts a file with a DOCTYPE or entity declaration, or a
// script, foreign object or event attribute in any case.
func FuzzSVG(f *testing.F) {
	for _, s := range []string{`<svg xmlns="http://www.w3.org/2000/svg"><path d="M0 0"/></svg>`,
		`<!DOCTYPE svg [<!ENTITY x "y">]><svg>&x;</svg>`, `<svg><script>1</script></svg>`,
		`<svg onload="1"/>`, `<svg><foreignObject/></svg>`, `<svg><![CDATA[<script>]]></svg>`} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		e := svgSafe(b)
		if e != nil {
			if e.Line < 1 || e.Line > bytes.Count(b, []byte("\n"))+1 {
				t.Fatalf("position line %d outside the file: %v", e.Line, e)
			}
			return
		}
		d := xml.NewDecoder(bytes.NewReader(b))
		for {
			tok, err := d.RawToken()
			if err != nil {
				break
			}
			switch t2 := tok.(type) {
			case xml.Directive:
				t.Fatalf("accepted a declaration: %q", b)
			case xml.StartElement:
				n := strings.ToLower(t2.Name.Local)
				if n == "script" || n == "foreignobject" || n == "iframe" || n == "a" || n == "image" || n == "style" {
					t.Fatalf("accepted <%s>: %q", t2.Name.Local, b)
				}
				for _, a := range t2.Attr {
					if strings.HasPrefix(strings.ToLower(a.Name.Local), "on") {
						t.Fatalf("accepted an event attribute: %q", b)
					}
				}
			}
		}
	})
}
