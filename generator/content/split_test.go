package content

import (
	"bytes"
	"flag"
	"strings"
	"testing"
	"testing/fstest"

	"handbook/generator/diag"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

func TestSplit(t *testing.T) {
	cases := []struct {
		name, in         string
		front, body, err string
	}{
		{"simple", "---\na: 1\n---\nbody\n", "a: 1\n", "\n\n\nbody\n", ""},
		{"dots close", "---\na: 1\n...\nbody", "a: 1\n", "\n\n\nbody", ""},
		{"empty front", "---\n---\n", "", "\n\n", ""},
		{"trailing spaces on fence", "---  \na: 1\n--- \n", "a: 1\n", "\n\n\n", ""},
		{"no newline at end", "---\na: 1\n---", "a: 1\n", "\n\n", ""},
		{"missing", "# Title\n", "", "", "p.md:1:1: missing front matter (start the file with a line ---, then the front matter, then another ---)"},
		{"unclosed", "---\na: 1\n", "", "", "p.md:1:1: front matter is not closed (end the front matter with a line --- before the text of the page)"},
		{"empty file", "  \n\n", "", "", "p.md:1:1: empty file (a page starts with front matter between two lines of ---)"},
		{"four dashes do not open", "----\na: 1\n---\n", "", "", "p.md:1:1: missing front matter (start the file with a line ---, then the front matter, then another ---)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var errs diag.List
			front, body, ok := split("p.md", []byte(c.in), &errs)
			if c.err != "" {
				if ok || errs.Error() != c.err {
					t.Fatalf("got ok=%v errors %q, want %q", ok, errs.Error(), c.err)
				}
				return
			}
			if !ok || string(front) != c.front || string(body) != c.body {
				t.Fatalf("got ok=%v front %q body %q; want front %q body %q (%v)", ok, front, body, c.front, c.body, errs)
			}
		})
	}
}

func TestNormalize(t *testing.T) {
	cases := map[string]string{
		"a\r\nb\r\n":    "a\nb\n",
		"a\rb\r":        "a\nb\n",
		"\ufeffa\n":     "a\n",
		"a\r\r\nb":      "a\n\nb",
		"plain\ntext\n": "plain\ntext\n",
	}
	for in, want := range cases {
		if got := string(normalize([]byte(in))); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestCheckText(t *testing.T) {
	cases := []struct{ in, want string }{
		{"ok\ntext", ""},
		{"line one\nbad \xff byte", "p.md:2:5: invalid UTF-8 byte 0xff (save the file as UTF-8)"},
		{"nul\x00", "p.md:1:4: NUL byte in text (remove it; it is often left by a copy from a binary file)"},
	}
	for _, c := range cases {
		var errs diag.List
		checkText("p.md", []byte(c.in), &errs)
		if errs.Error() != c.want {
			t.Errorf("checkText(%q) = %q, want %q", c.in, errs.Error(), c.want)
		}
	}
}

func TestLoadLayout(t *testing.T) {
	fsys := fstest.MapFS{
		"handbook.yaml":            {Data: []byte("title: T\n")},
		"exercises/plank.md":       {Data: []byte("---\ntitle: P\n---\n")},
		"exercises/img/plank.svg":  {Data: []byte("<svg/>")},
		"exercises/deep/nested.md": {Data: []byte("---\n---\n")},
		"exercise/typo.md":         {Data: []byte("---\n---\n")},
		"notes.yaml":               {Data: []byte("a: 1\n")},
		".git/config":              {Data: []byte("x")},
		"exercises/plank.md~":      {Data: []byte("backup")},
		"about.md":                 {Data: []byte("\ufeff---\r\ntitle: A\r\n---\r\nText\r\n")},
	}
	var errs diag.List
	tree, err := Load(fsys, "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	errs.Sort()
	want := strings.Join([]string{
		`content/exercise: unknown section "exercise" (did you mean "exercises"?)`,
		`content/exercises/deep/nested.md:1:1: pages must sit directly in their section folder (move it up into exercises/)`,
		`content/notes.yaml:1:1: unknown data file "notes.yaml" (the data files are handbook.yaml, flags.yaml, synonyms.yaml and decide.yaml)`,
	}, "\n")
	if errs.Error() != want {
		t.Errorf("errors:\n%s\nwant:\n%s", errs.Error(), want)
	}
	if len(tree.Pages) != 2 || tree.Pages[0].Rel != "about.md" || tree.Pages[1].Rel != "exercises/plank.md" {
		t.Fatalf("pages: %+v", tree.Pages)
	}
	if !bytes.Equal(tree.Pages[0].Front(), []byte("title: A\n")) || string(tree.Pages[0].Body()) != "\n\n\nText\n" {
		t.Errorf("BOM and CRLF not normalised: front %q body %q", tree.Pages[0].Front(), tree.Pages[0].Body())
	}
	if len(tree.Static) != 1 || tree.Static[0].Rel != "exercises/img/plank.svg" {
		t.Errorf("static: %+v", tree.Static)
	}
}

// FuzzSplit: splitting never panics, and a successful split keeps the
// body's line count equal to the file's, so positions stay true.
func FuzzSplit(f *testing.F) {
	for _, s := range []string{"---\na: 1\n---\nbody", "---\n", "", "---\r\n---\r\n", "\ufeff---\n...\n", "---\n---", "x\n---\n---\n"} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		var errs diag.List
		n := normalize(b)
		if !checkText("f.md", n, &errs) {
			return
		}
		file := bytes.Clone(n) // split writes over n
		front, body, ok := split("f.md", n, &errs)
		n = file
		if !ok {
			if len(errs) == 0 {
				t.Fatal("split failed without an error")
			}
			return
		}
		if bytes.Count(body, []byte("\n")) != bytes.Count(n, []byte("\n")) {
			t.Fatalf("body has %d lines, file %d", bytes.Count(body, []byte("\n")), bytes.Count(n, []byte("\n")))
		}
		// the front matter follows the first line; the body is the file
		// after the closing line, the lines before blanked
		start := bytes.IndexByte(n, '\n') + 1
		if !bytes.Equal(front, n[start:start+len(front)]) {
			t.Fatalf("front matter %q is not what follows the first line of %q", front, n)
		}
		end := len(n)
		if j := bytes.IndexByte(n[start+len(front):], '\n'); j >= 0 {
			end = start + len(front) + j + 1
		}
		if want := append(bytes.Repeat([]byte("\n"), bytes.Count(n[:end], []byte("\n"))), n[end:]...); !bytes.Equal(body, want) {
			t.Fatalf("body %q, want %q", body, want)
		}
	})
}
