package publish

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

func TestPublishReusesUnchangedFiles(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	files := []File{{Path: "index.html", Data: []byte("<p>home</p>")}, {Path: "a/b.html", Data: []byte("b")}}
	st, err := Publish(out, files)
	if err != nil || st.Written != 2 || st.Reused != 0 {
		t.Fatalf("first publish: %+v, %v", st, err)
	}
	before, _ := os.Stat(filepath.Join(out, "a", "b.html"))
	files[0].Data = []byte("<p>new home</p>")
	st, err = Publish(out, files)
	if err != nil || st.Written != 1 || st.Reused != 1 {
		t.Fatalf("second publish: %+v, %v", st, err)
	}
	after, _ := os.Stat(filepath.Join(out, "a", "b.html"))
	if !os.SameFile(before, after) {
		t.Error("an unchanged file was written again instead of linked")
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "<p>new home</p>" {
		t.Errorf("index.html = %q", b)
	}
	// Files dropped from the site disappear.
	if _, err := Publish(out, files[:1]); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "a", "b.html")); !os.IsNotExist(err) {
		t.Error("a removed page is still in the output")
	}
}

func TestPublishRejectsBadPaths(t *testing.T) {
	for _, p := range []string{"../escape.html", "/abs.html", "a/../../b", "", "a//b", `a\b`} {
		out := filepath.Join(t.TempDir(), "site")
		if _, err := Publish(out, []File{{Path: p, Data: []byte("x")}}); err == nil {
			t.Errorf("path %q accepted", p)
		}
		if _, err := os.Stat(out); !os.IsNotExist(err) {
			t.Errorf("path %q: output created though the publish failed", p)
		}
	}
}

// The writer the build uses minifies each file by its type and leaves
// other files byte for byte.
func TestMinify(t *testing.T) {
	files := []File{
		{Path: "a.html", Data: []byte("<!DOCTYPE html>\n<html>\n  <body>\n    <p>  Hello   there </p>\n  </body>\n</html>\n")},
		{Path: "a.css", Data: []byte("body {\n  color : red ;\n}\n")},
		{Path: "a.js", Data: []byte("function f ( a ) {\n  return a + 1 ;\n}\n")},
		{Path: "a.bin", Data: []byte("  keep  me  ")},
	}
	out := filepath.Join(t.TempDir(), "site")
	w, err := Begin(out, NewMinifier())
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if err := w.Write(f); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := w.Commit(); err != nil {
		t.Fatal(err)
	}
	want := []string{"<!doctype html><html><body><p>Hello there</p></body></html>", "body{color:red}", "function f(e){return e+1}", "  keep  me  "}
	for i, f := range files {
		got, err := os.ReadFile(filepath.Join(out, f.Path))
		if err != nil {
			t.Fatal(err)
		}
		if strings.TrimSpace(string(got)) != strings.TrimSpace(want[i]) {
			t.Errorf("%s: got %q, want %q", f.Path, got, want[i])
		}
	}
}

// In place: unchanged files are left as they are, changed ones replaced,
// and files the build no longer makes removed; the same with a session,
// which carries the record between builds instead of reading it back.
func TestInPlace(t *testing.T) {
	for _, session := range []*Session{nil, {}} {
		out := filepath.Join(t.TempDir(), "site")
		publish := func(files ...File) Stats {
			w, err := InPlace(out, nil, session)
			if err != nil {
				t.Fatal(err)
			}
			for _, f := range files {
				if err := w.Write(f); err != nil {
					t.Fatal(err)
				}
			}
			st, err := w.Commit()
			if err != nil {
				t.Fatal(err)
			}
			return st
		}
		exists := func(p string) bool {
			_, err := os.Stat(filepath.Join(out, filepath.FromSlash(p)))
			return err == nil
		}
		key := Key{1}
		publish(File{Path: "a.html", Data: []byte("a")}, File{Path: "x/b.html", Data: []byte("b")}, File{Path: "k.html", Data: []byte("k"), Key: key})
		before, _ := os.Stat(filepath.Join(out, "a.html"))
		w, err := InPlace(out, nil, session)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := w.Keep("k.html", key); !ok {
			t.Errorf("session %v: a file made from the same inputs is not kept", session != nil)
		}
		for _, f := range []File{{Path: "a.html", Data: []byte("a")}, {Path: "c.html", Data: []byte("c")}} {
			if err := w.Write(f); err != nil {
				t.Fatal(err)
			}
		}
		st, err := w.Commit()
		if err != nil {
			t.Fatal(err)
		}
		after, _ := os.Stat(filepath.Join(out, "a.html"))
		if st.Reused != 2 || st.Written != 1 || st.Kept != 1 || !os.SameFile(before, after) {
			t.Errorf("session %v: unchanged a.html: %+v, same file %v", session != nil, st, os.SameFile(before, after))
		}
		if exists("x/b.html") || !exists("k.html") {
			t.Errorf("session %v: a file the build no longer makes is still there, or a kept one is gone", session != nil)
		}
		if b, _ := os.ReadFile(filepath.Join(out, "c.html")); string(b) != "c" {
			t.Errorf("c.html = %q", b)
		}
		// a build that stops half way: the next reads the record from disk
		// and walks the folder, so what the stopped one wrote goes too
		w, err = InPlace(out, nil, session)
		if err != nil {
			t.Fatal(err)
		}
		if err := w.Write(File{Path: "half.html", Data: []byte("h")}); err != nil {
			t.Fatal(err)
		}
		w.Abort()
		publish(File{Path: "a.html", Data: []byte("a")})
		for _, p := range []string{"half.html", "c.html", "k.html"} {
			if exists(p) {
				t.Errorf("session %v: after a stopped build, %s is still there", session != nil, p)
			}
		}
		if !exists("a.html") || !exists(Marker) {
			t.Errorf("session %v: a.html or the marker is gone", session != nil)
		}
	}
	if _, err := InPlace(t.TempDir(), nil, nil); err != nil {
		t.Errorf("an empty folder is refused: %v", err)
	}
}

// The service worker's cache version changes exactly when the output does.
func TestOfflineVersion(t *testing.T) {
	version := func(files ...File) string {
		o := NewOffline()
		for _, f := range files {
			o.Add(&f)
		}
		b := o.Worker("")
		return strings.SplitN(string(b.Data), "\n", 2)[0]
	}
	a := version(File{Path: "a.html", Data: []byte("a")}, File{Path: "b.html", Data: []byte("b")})
	if b := version(File{Path: "b.html", Data: []byte("b")}, File{Path: "a.html", Data: []byte("a")}); a != b {
		t.Errorf("the same files in another order give another version: %s, %s", a, b)
	}
	if c := version(File{Path: "a.html", Data: []byte("A")}, File{Path: "b.html", Data: []byte("b")}); a == c {
		t.Error("a changed file keeps the version")
	}
	if d := version(File{Path: "a.html", Data: []byte("a")}); a == d {
		t.Error("a removed file keeps the version")
	}
}

// Two builds of one output folder: the second fails at once while the first
// holds the folder, and leaves its staging folder alone; once the first is
// done, the next build runs, and clears any staging folder of a build that
// died.
func TestOneBuildAtATime(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	first, err := Begin(out, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := first.Write(File{Path: "index.html", Data: []byte("first")}); err != nil {
		t.Fatal(err)
	}
	if _, err := Begin(out, nil); !errors.Is(err, ErrBusy) {
		t.Fatalf("a second build while the first runs: %v, want ErrBusy", err)
	}
	if _, err := os.Stat(first.stage); err != nil {
		t.Fatalf("the second build touched the first one's staging folder: %v", err)
	}
	if _, err := first.Commit(); err != nil {
		t.Fatal(err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "index.html")); string(b) != "first" {
		t.Errorf("the first build's output is %q", b)
	}
	dead := filepath.Join(filepath.Dir(out), ".site.tmp-dead")
	if err := os.Mkdir(dead, 0o755); err != nil {
		t.Fatal(err)
	}
	second, err := Begin(out, nil)
	if err != nil {
		t.Fatalf("a build after the first: %v", err)
	}
	defer second.Abort()
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("a dead build's staging folder is still there: %v", err)
	}
}

// A file made from the same inputs as last time is kept without being made
// again; not if its inputs changed, if it was changed by hand since, or if
// the last build left no whole record.
func TestKeep(t *testing.T) {
	out := filepath.Join(t.TempDir(), "site")
	key := Key{1}
	build := func(keep func(w *Writer) bool, data string) (kept bool, st Stats) {
		t.Helper()
		w, err := Begin(out, nil)
		if err != nil {
			t.Fatal(err)
		}
		defer w.Abort()
		if kept = keep(w); !kept {
			if err := w.Write(File{Path: "p/page.html", Data: []byte(data), Key: key}); err != nil {
				t.Fatal(err)
			}
		}
		st, err = w.Commit()
		if err != nil {
			t.Fatal(err)
		}
		return kept, st
	}
	same := func(w *Writer) bool { _, ok := w.Keep("p/page.html", key); return ok }
	if kept, _ := build(same, "one"); kept {
		t.Fatal("kept with no previous build")
	}
	if kept, st := build(same, "two"); !kept || st.Kept != 1 {
		t.Fatalf("not kept with the same key: %+v", st)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "p", "page.html")); string(b) != "one" {
		t.Fatalf("the kept page holds %q", b)
	}
	if kept, _ := build(func(w *Writer) bool { _, ok := w.Keep("p/page.html", Key{2}); return ok }, "three"); kept {
		t.Fatal("kept with another key")
	}
	key = Key{2}
	os.WriteFile(filepath.Join(out, "p", "page.html"), []byte("edited by hand"), 0o644)
	if kept, _ := build(same, "four"); kept {
		t.Fatal("kept a file changed by hand")
	}
	if kept, _ := build(same, "five"); !kept {
		t.Fatal("not kept after a whole build")
	}
	os.WriteFile(filepath.Join(out, "p", "page.html"), []byte("FOUR"), 0o644) // same size, new time
	if kept, _ := build(same, "six"); kept {
		t.Fatal("kept a file changed by hand to the same size")
	}
	os.Remove(keysName(out))
	if kept, _ := build(same, "seven"); kept {
		t.Fatal("kept with no record")
	}
}
