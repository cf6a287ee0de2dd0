package content

import (
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"handbook/generator/diag"
)

// TestLoadEdited follows a folder through edits, each loaded again with
// the watcher's list (Again.Edited), and compares every load with a fresh
// one: the same pages, data, static files, translations and mistakes,
// whether or not the walk was skipped. An edit of pages only, after a
// load without mistakes, skips it: a file changed but not named keeps
// its old text, which shows that nothing else was read.
func TestLoadEdited(t *testing.T) {
	dir, write := testFolder(t)
	for rel, text := range map[string]string{
		"handbook.yaml": "title: T\n", "photo.png": "png", "about.md": page("About", "Us."),
		"guides/a.md": page("A", "Alpha."), "guides/b.md": page("B", "Beta."), "faq/d.md": page("D", "Delta."),
		"es/handbook.yaml": "title: T\n", "es/guides/a.md": page("A", "Alfa."),
	} {
		write(rel, text)
	}
	fresh := func() (*Tree, diag.List) {
		var errs diag.List
		tree, err := Load(os.DirFS(dir), "content", &errs)
		if err != nil {
			t.Fatal(err)
		}
		return tree, errs
	}
	edits := []struct {
		name   string
		do     func()
		edited []string
		walked bool // the edit needs the walk
	}{
		{"a page", func() { write("guides/a.md", page("A", "Alpha, again.")) }, []string{"guides/a.md"}, false},
		{"two pages and a page of the translation", func() {
			write("guides/b.md", page("B", "Beta, again."))
			write("about.md", page("About", "Us, again."))
			write("es/guides/a.md", page("A", "Alfa, otra vez."))
		}, []string{"about.md", "es/guides/a.md", "guides/b.md"}, false},
		{"a page broken", func() { write("faq/d.md", "---\ntitle: [D\n") }, []string{"faq/d.md"}, false},
		{"a page mended after a load with a mistake", func() { write("faq/d.md", page("D", "Delta.")) }, []string{"faq/d.md"}, true},
		{"a page added", func() { write("guides/c.md", page("C", "Gamma.")) }, []string{"guides/c.md"}, true},
		{"a page removed", func() { os.Remove(filepath.Join(dir, "guides", "c.md")) }, []string{"guides/c.md"}, true},
		{"a data file", func() { write("handbook.yaml", "title: T2\n") }, []string{"handbook.yaml"}, true},
		{"a picture", func() { write("photo.png", "png2") }, []string{"photo.png"}, true},
		{"a page made a folder", func() {
			os.Remove(filepath.Join(dir, "about.md"))
			write("about.md/x.md", page("X", "X."))
		}, []string{"about.md", "about.md/x.md"}, true},
		{"the folder itself", func() {
			os.RemoveAll(filepath.Join(dir, "about.md"))
			write("about.md", page("About", "Us."))
		}, []string{"."}, true},
		{"a file refused", func() { write("notes.yaml", "x: 1\n") }, []string{"notes.yaml"}, true},
		{"a page, while a refused file stands", func() { write("guides/a.md", page("A", "Alpha, once more.")) }, []string{"guides/a.md"}, true},
		{"the refused file removed", func() { os.Remove(filepath.Join(dir, "notes.yaml")) }, []string{"notes.yaml"}, true},
		{"a page after", func() { write("guides/a.md", page("A", "Alpha, at last.")) }, []string{"guides/a.md"}, false},
		{"a page too large", func() { write("guides/b.md", page("B", string(make([]byte, MaxFileSize)))) }, []string{"guides/b.md"}, true},
		{"the large page mended", func() { write("guides/b.md", page("B", "Beta.")) }, []string{"guides/b.md"}, true},
	}
	// z is never named: a walk reads it again, an edit alone does not
	zKnown := page("Z", "Zeta.")
	write("guides/z.md", zKnown)
	last, _ := fresh()
	for _, e := range edits {
		e.do()
		zNew := page("Z", "Zeta: "+e.name+".")
		write("guides/z.md", zNew)
		var errs diag.List
		got, err := LoadAgain(os.DirFS(dir), "content", Again{Last: last, Changed: func(string) bool { return false }, Edited: e.edited}, &errs)
		if err != nil {
			t.Fatalf("%s: %v", e.name, err)
		}
		walked := strings.Contains(describe(got)["guides/z.md"], "Zeta: "+e.name+".")
		if walked != e.walked {
			t.Errorf("%s: walked %t, want %t", e.name, walked, e.walked)
		}
		if walked {
			zKnown = zNew
		} else {
			write("guides/z.md", zKnown) // as the load took it
		}
		want, wantErrs := fresh()
		if g, w := describe(got), describe(want); !reflect.DeepEqual(g, w) {
			t.Errorf("%s: loaded\n%v\nwant\n%v", e.name, g, w)
		}
		if !reflect.DeepEqual(errs.Error(), wantErrs.Error()) {
			t.Errorf("%s: mistakes\n%v\nwant\n%v", e.name, errs, wantErrs)
		}
		last = got
	}
}

// describe lists what a load read, by path.
func describe(t *Tree) map[string]string {
	out := map[string]string{}
	var add func(prefix string, t *Tree)
	add = func(prefix string, t *Tree) {
		for _, f := range t.Pages {
			out[prefix+f.Rel] = fmt.Sprintf("%s %s %s %t %q %q %x", f.Path, f.Section, f.ID, f.Broken, f.Front(), f.Body(), f.BodySum())
		}
		for _, d := range append([]*Data{t.Config, t.Flags, t.Synonyms, t.Tree}, t.Static...) {
			if d != nil {
				out[prefix+d.Rel] = d.Path + " " + string(d.Text)
			}
		}
		for _, tr := range t.Translations {
			add(prefix+tr.Code+"/", tr.Tree)
		}
	}
	add("", t)
	return out
}
