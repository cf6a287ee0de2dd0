package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"github.com/dop251/goja"

	"handbook/generator/diag"
)

func stringsOf(t *testing.T, files fstest.MapFS, code string) (*Strings, string) {
	t.Helper()
	var errs diag.List
	s := LoadStrings(files, code, &errs)
	errs.Sort()
	return s, errs.Error()
}

// String files are read with their positions; a language's words fill
// in arguments and plurals, and a key asked for that they lack is kept
// for the build to report.
func TestStrings(t *testing.T) {
	fs := fstest.MapFS{
		"strings/en/a.yaml": {Data: []byte("x.hello: \"Hello\"\nx.count.one: \"%d page\"\nx.count.other: \"%d pages\"\nx.who: \"Hello, %s\"\n")},
		"strings/en/b.yaml": {Data: []byte("x.hello: again\nBad Key: no\nx.empty:\n")},
		"strings/es/a.yaml": {Data: []byte("x.hello: Hola\nx.extra: sobra\n")},
	}
	en, errs := stringsOf(t, fs, "en-GB")
	want := "layouts/strings/en/b.yaml:1:1: string \"x.hello\" is also at layouts/strings/en/a.yaml:1:1 (keep one)\n" +
		"layouts/strings/en/b.yaml:2:1: string key \"Bad Key\" is not valid (use lower-case words joined by dots and hyphens)\n" +
		"layouts/strings/en/b.yaml:3:1: string \"x.empty\" has no words (write the words after the colon, quoted if they hold a colon)"
	if errs != want {
		t.Errorf("errors:\n%s\nwant:\n%s", errs, want)
	}
	if en.Code != "en" || en.T("x.hello") != "Hello" || en.N("x.count", 1) != "1 page" || en.N("x.count", 3) != "3 pages" || en.T("x.who", "Ana") != "Hello, Ana" {
		t.Errorf("words: %q %q %q", en.T("x.hello"), en.N("x.count", 1), en.T("x.who", "Ana"))
	}
	if got := en.T("x.nowhere"); got != "x.nowhere" || strings.Join(en.Missing(), ",") != "x.nowhere" {
		t.Errorf("a missing key reads %q and is listed as %v", got, en.Missing())
	}
	es, _ := stringsOf(t, fs, "es")
	var check diag.List
	uses := []Use{{Key: "x.hello", Pos: diag.Pos{File: "layouts/a.html", Line: 3, Col: 9}}, {Key: "x.count", N: true, Pos: diag.Pos{File: "assets/a.js", Line: 1, Col: 7}}}
	CheckStrings(es, en, uses, "Español", &check)
	check.Sort()
	want = "assets/a.js:1:7: no Español string \"x.count.one\" (add x.count.one: to a file of layouts/strings/es/ (in English, layouts/strings/en/a.yaml:2:1: \"%d page\"))\n" +
		"assets/a.js:1:7: no Español string \"x.count.other\" (add x.count.other: to a file of layouts/strings/es/ (in English, layouts/strings/en/a.yaml:3:1: \"%d pages\"))\n" +
		"layouts/strings/en/a.yaml:4:1: no Español string \"x.who\" (in English: \"Hello, %s\") (add x.who: to a file of layouts/strings/es/)\n" +
		"layouts/strings/es/a.yaml:2:1: string \"x.extra\" is not one of the English strings (remove it, or add it to layouts/strings/en/ first)"
	if check.Error() != want {
		t.Errorf("check:\n%s\nwant:\n%s", check.Error(), want)
	}
	if s, _ := stringsOf(t, fs, "fr"); s != nil {
		t.Error("strings for a language without a folder")
	}
}

// Uses finds every use of a string in layouts and scripts, where it is.
func TestUses(t *testing.T) {
	fs := fstest.MapFS{
		"a.html": {Data: []byte("<p>{{t \"a.one\"}}</p>\n<p>{{tn \"a.n\" .N}} {{.X | printf \"%s\"}} {{- t \"a.two\" .Y}}</p>")},
		"a.js":   {Data: []byte("var x = HB_T(\"js.a\");\nHB_TN( \"js.b\", n); T(\"no\");")},
	}
	var got []string
	for _, glob := range []string{"*.html", "*.js"} {
		uses, err := Uses(fs, glob, "p")
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range uses {
			got = append(got, u.Pos.String()+" "+u.Key+map[bool]string{true: " (plural)"}[u.N])
		}
	}
	want := "p/a.html:1:9 a.one|p/a.html:2:10 a.n (plural)|p/a.html:2:48 a.two|p/a.js:1:15 js.a|p/a.js:2:9 js.b (plural)"
	if strings.Join(got, "|") != want {
		t.Errorf("uses:\n%s\nwant:\n%s", strings.Join(got, "|"), want)
	}
}

// The scripts' strings are a script whose words are data: quotes,
// angle brackets and line separators cannot end the string or the script.
func TestStringsScript(t *testing.T) {
	fs := fstest.MapFS{"strings/en/a.yaml": {Data: []byte("js.a: \"say \\\"%s\\\" </script> \\u2028 & %d\"\njs.n.one: \"%d day\"\njs.n.other: \"%d days\"\nnot.js: hidden\n")}}
	s, errs := stringsOf(t, fs, "en")
	if errs != "" {
		t.Fatal(errs)
	}
	script := string(s.Script())
	if strings.Contains(script, "</script>") || strings.Contains(script, "hidden") {
		t.Fatalf("script:\n%s", script)
	}
	vm := goja.New()
	if _, err := vm.RunString(script); err != nil {
		t.Fatal(err)
	}
	v, err := vm.RunString(`HB_T("js.a", "hi", 3) + "|" + HB_TN("js.n", 1) + "|" + HB_TN("js.n", 2) + "|" + HB_T("js.none")`)
	if err != nil {
		t.Fatal(err)
	}
	if want := "say \"hi\" </script> \u2028 & 3|1 day|2 days|js.none"; v.String() != want {
		t.Errorf("%q, want %q", v.String(), want)
	}
}

// Any text may be scanned for uses of strings: positions stay in the text.
func FuzzUses(f *testing.F) {
	f.Add([]byte("{{t \"a\"}}\nHB_T(\"js.b\")"))
	f.Add([]byte("{{- tn \"x\" .N -}}{{t \""))
	f.Fuzz(func(t *testing.T, b []byte) {
		uses, err := Uses(fstest.MapFS{"f.html": {Data: b}}, "*.html", "")
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Count(string(b), "\n") + 1
		for _, u := range uses {
			if u.Pos.Line < 1 || u.Pos.Line > lines || u.Pos.Col < 1 || u.Key == "" {
				t.Fatalf("use %+v in %q", u, b)
			}
		}
	})
}
