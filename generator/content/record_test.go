package content

import (
	"bytes"
	"maps"
	"os"
	"path/filepath"
	"slices"
	"testing"

	"handbook/generator/diag"
	"handbook/generator/sysfile"
)

// TestRecordTakesUnchangedPages loads a folder, keeps the load's record in
// a file, changes a page and loads again with the record read back: the
// changed page is read, the others are taken unread and give the same
// text when asked. A page changed after the load took it gives nothing,
// and the load says so. A record made too soon after its files were
// written takes nothing, and a damaged one is not read.
func TestRecordTakesUnchangedPages(t *testing.T) {
	dir, write := testFolder(t)
	write("handbook.yaml", "title: T\n")
	write("guides/a.md", page("A", "Alpha."))
	write("guides/b.md", page("B", "Beta."))
	write("faq/d.md", page("D", "Delta.\r\nCRLF line."))
	write("es/handbook.yaml", "title: T\n")
	write("es/guides/a.md", page("A", "Alfa."))
	load := func(r *Record) (*Tree, map[string]*File) {
		t.Helper()
		var errs diag.List
		tree, err := LoadAgain(sysfile.DirFS(dir), "content", Again{Record: r}, &errs)
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		byRel := map[string]*File{}
		for _, tr := range tree.trees() {
			for _, f := range tr.Pages {
				byRel[f.Path] = f
			}
		}
		return tree, byRel
	}
	first, was := load(nil)
	if first.Read() != 4 {
		t.Fatalf("first load read %d pages, want 4", first.Read())
	}
	if _, ok := sysfile.StampOf(mustStat(t, filepath.Join(dir, "guides/a.md"))); !ok || !sysfile.Local(sysfile.DirFS(dir)) {
		t.Skip("no file stamps here, or not on a local file system: nothing is taken unread")
	}
	// kept and read back; the files' times settled long before it was made
	kept := filepath.Join(t.TempDir(), "cache", "sources")
	first.load.made += 10 * settle
	if err := first.WriteRecord(kept); err != nil {
		t.Fatal(err)
	}
	back := ReadRecord(kept)
	if back == nil || len(back.pages) != 4 || back.made != first.load.made {
		t.Fatalf("record read back: %+v, want 4 pages made at %d", back, first.load.made)
	}
	for p, f := range was {
		e := recorded{f.stamp, f.frontLen, f.frontSum, f.bodySum}
		if back.pages[p] != e {
			t.Errorf("%s read back as %+v, want %+v", p, back.pages[p], e)
		}
	}

	write("guides/b.md", page("B", "Beta, changed."))
	second, now := load(back)
	if second.Read() != 1 {
		t.Errorf("second load read %d pages, want 1 (guides/b.md)", second.Read())
	}
	for p, f := range now {
		unread := p != "content/guides/b.md"
		if f.Unread() != unread {
			t.Errorf("%s: unread %t, want %t", p, f.Unread(), unread)
		}
		if p == "content/guides/b.md" {
			continue
		}
		w := was[p]
		if !bytes.Equal(f.Front(), w.Front()) || !bytes.Equal(f.Body(), w.Body()) || f.FrontLen() != w.FrontLen() ||
			f.FrontSum() != w.FrontSum() || f.BodySum() != w.BodySum() || f.Version() != w.Version() || !f.HasBody() {
			t.Errorf("%s taken unread gives front %q body %q, read it gave %q %q", p, f.Front(), f.Body(), w.Front(), w.Body())
		}
	}
	if second.Changed() {
		t.Error("the second load says a page changed")
	}
	if second.Read() != 4 { // guides/b.md, and the three unread pages asked for above
		t.Errorf("after three unread pages were asked for, the load says %d were read, want 4", second.Read())
	}
	// a page taken unread, changed since: nothing, and the load knows
	write("es/guides/a.md", page("A", "Alfa, cambiada."))
	if b := now["content/es/guides/a.md"].Body(); b != nil {
		t.Errorf("a page changed after the load gave %q", b)
	}
	if !second.Changed() || !now["content/es/guides/a.md"].ReadFailed() || now["content/guides/a.md"].ReadFailed() {
		t.Error("a page changed after the load took it, and the load or the page does not say so (or another page does)")
	}

	// a record made less than settle after its files' last change takes
	// nothing: a write in the same clock tick could have kept the stamp
	for _, p := range []string{"guides/a.md", "guides/b.md", "faq/d.md", "es/guides/a.md"} {
		write(p, page("Again", "Written again."))
	}
	third, _ := load(nil)
	if err := third.WriteRecord(kept); err != nil {
		t.Fatal(err)
	}
	if n := func() int { t, _ := load(ReadRecord(kept)); return t.Read() }(); n != 4 {
		t.Errorf("with a record made as the files were written, %d of 4 pages read", n)
	}

	// damaged: cut short, a byte changed, another program's
	if err := first.WriteRecord(kept); err != nil {
		t.Fatal(err)
	}
	good, err := os.ReadFile(kept)
	if err != nil {
		t.Fatal(err)
	}
	for name, b := range map[string][]byte{
		"cut short":    good[:len(good)-3],
		"byte changed": append(append([]byte{}, good[:len(good)-1]...), good[len(good)-1]^1),
		"empty":        nil,
		"other header": append([]byte("handbook pages 0\n"), good[len(recordHeader):]...),
		"more pages":   countOf(good, 1<<40),
	} {
		if err := os.WriteFile(kept, b, 0o644); err != nil {
			t.Fatal(err)
		}
		if r := ReadRecord(kept); r != nil {
			t.Errorf("%s: the record was read", name)
		}
	}
	if ReadRecord(filepath.Join(dir, "none")) != nil {
		t.Error("a missing record was read")
	}
}

func mustStat(t *testing.T, name string) os.FileInfo {
	t.Helper()
	info, err := os.Lstat(name)
	if err != nil {
		t.Fatal(err)
	}
	return info
}

// FuzzReadRecord parses any bytes as a record's count, time and pages
// (past its header and checksum) without panicking or asking for more
// memory than the bytes could hold; what it reads, written again, reads
// back the same.
func FuzzReadRecord(f *testing.F) {
	r := &Record{made: 1 << 40, pages: map[string]recorded{
		"content/guides/a.md": {frontLen: 12, frontSum: [32]byte{1}, bodySum: [32]byte{2}},
		"content/faq/b.md":    {stamp: sysfile.Stamp{Dev: 1 << 63, Ino: 9, Size: -1, Mtime: -5, Ctime: 7}},
	}}
	good := r.encode()
	f.Add(good[len(recordHeader)+4:])
	f.Add([]byte{})
	f.Add(make([]byte, 16))
	f.Fuzz(func(t *testing.T, b []byte) {
		r := parseRecord(b)
		if r == nil {
			return
		}
		back := decodeRecord(r.encode())
		if back == nil || back.made != r.made || len(back.pages) != len(r.pages) {
			t.Fatalf("written again, read back as %+v, want %+v", back, r)
		}
		for p, e := range r.pages {
			if back.pages[p] != e {
				t.Fatalf("%q read back as %+v, want %+v", p, back.pages[p], e)
			}
		}
	})
}

// countOf is the record b with its count of pages set to n, its checksum
// made again.
func countOf(b []byte, n uint64) []byte { return finish(slices.Clone(b), int(n)) }

// encode is r as a file holds it.
func (r *Record) encode() []byte {
	b := r.start(len(r.pages))
	for _, p := range slices.Sorted(maps.Keys(r.pages)) {
		b = appendRecorded(b, p, r.pages[p])
	}
	return finish(b, len(r.pages))
}
