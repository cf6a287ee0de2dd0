package content

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbook/generator/diag"
)

// testFolder returns a new folder and a function that writes a file into
// it, making the folders on the way.
func testFolder(t *testing.T) (dir string, write func(rel, text string)) {
	dir = t.TempDir()
	return dir, func(rel, text string) {
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// page is the text of a page file with title and body.
func page(title, body string) string { return "---\ntitle: " + title + "\n---\n\n" + body + "\n" }

// TestLoadAgain loads a folder, changes it, and loads it again taking what
// it can from the first load: a page named as changed, or whose size or
// time changed, is read again; the others are the first load's, unread.
func TestLoadAgain(t *testing.T) {
	dir, write := testFolder(t)
	write("handbook.yaml", "title: T\n")
	write("guides/a.md", page("A", "Alpha."))
	write("guides/b.md", page("B", "Beta."))
	write("guides/c.md", page("C", "Gamma."))
	write("faq/d.md", page("D", "Delta."))
	write("faq/f.md", page("F", "Phi."))
	write("es/handbook.yaml", "title: T\n")
	write("es/guides/a.md", page("A", "Alfa."))
	load := func(again Again) (*Tree, map[string]*File) {
		t.Helper()
		var errs diag.List
		tree, err := LoadAgain(os.DirFS(dir), "content", again, &errs)
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		byRel := map[string]*File{}
		for _, f := range tree.Pages {
			byRel[f.Rel] = f
		}
		for _, tr := range tree.Translations {
			for _, f := range tr.Tree.Pages {
				byRel[tr.Code+"/"+f.Rel] = f
			}
		}
		return tree, byRel
	}
	first, was := load(Again{})

	// the same size, and perhaps the same tick of the clock: only the
	// watcher's name tells
	write("guides/a.md", page("A", "Alpha!"))
	// another size, not named: the size tells
	write("guides/b.md", page("B", "Beta, longer."))
	// another time, the same size, not named: the time tells
	later := time.Now().Add(time.Hour)
	os.Chtimes(filepath.Join(dir, "faq", "d.md"), later, later)
	write("guides/e.md", page("E", "Epsilon."))
	os.Remove(filepath.Join(dir, "guides", "c.md"))
	// a page in a translation, named by its folder
	write("es/guides/a.md", page("A", "Alfa!"))
	named := map[string]bool{"guides/a.md": true, "guides/e.md": true, "guides/c.md": true, "es": true}
	nowTree, now := load(Again{Last: first, Changed: func(rel string) bool { return named[rel] }})

	for rel, want := range map[string]string{"guides/a.md": "Alpha!", "guides/b.md": "Beta, longer.", "faq/d.md": "Delta.", "guides/e.md": "Epsilon.", "es/guides/a.md": "Alfa!"} {
		f := now[rel]
		if f == nil {
			t.Errorf("%s: missing", rel)
			continue
		}
		if got := string(f.Body()); !strings.Contains(got, want) {
			t.Errorf("%s: body %q, want it to hold %q", rel, got, want)
		}
	}
	if now["guides/c.md"] != nil {
		t.Error("guides/c.md was removed but is still loaded")
	}
	for rel, reused := range map[string]bool{"guides/a.md": false, "guides/b.md": false, "faq/d.md": false, "es/guides/a.md": false, "faq/f.md": true} {
		if (now[rel] == was[rel]) != reused {
			t.Errorf("%s: taken from the last load: %v, want %v", rel, !reused, reused)
		}
	}

	// nothing changed: every page is the last load's
	_, again := load(Again{Last: nowTree, Changed: func(string) bool { return false }})
	for rel, f := range again {
		if f != now[rel] {
			t.Errorf("%s: read again though nothing changed", rel)
		}
	}
	// a folder named: all its pages are read again, and only those
	_, afresh := load(Again{Last: nowTree, Changed: func(rel string) bool { return rel == "guides" }})
	for rel, f := range afresh {
		if inGuides := strings.HasPrefix(rel, "guides/"); (f == now[rel]) == inGuides {
			t.Errorf("%s: taken from the last load: %v, but its folder changed: %v", rel, f == now[rel], inGuides)
		}
	}
}
