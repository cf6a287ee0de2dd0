package memo

import (
	"bytes"
	"fmt"
	"math"
	"os"
	"testing"
)

// A value is kept while builds use it and forgotten after one that does not.
func TestMap(t *testing.T) {
	m := New[string]()
	a, b := [32]byte{1}, [32]byte{2}
	m.Put(a, "a")
	m.Put(b, "b")
	m.Prune() // both used by this build
	if _, ok := m.Get(a); !ok {
		t.Fatal("a forgotten while used")
	}
	m.Prune() // b not used by the last build
	if _, ok := m.Get(b); ok {
		t.Fatal("b kept though unused")
	}
	if v, ok := m.Get(a); !ok || v != "a" {
		t.Fatalf("a = %q, %v", v, ok)
	}
	var none *Map[string]
	none.Put(a, "x")
	if _, ok := none.Get(a); ok {
		t.Fatal("a nil map kept a value")
	}
	none.Prune()
}

// A value kept on disk is read back by another Disk on the same folder (the
// next build), forgotten after a build that does not use it, and a byte
// changed by hand in its file, or its file cut short, is a value not kept:
// whether its segment is read whole or value by value.
func TestDisk(t *testing.T) {
	defer func(n int64) { wholeMax = n }(wholeMax)
	for _, n := range []int64{wholeMax, 0} {
		wholeMax = n
		t.Run(fmt.Sprint("whole up to ", n), testDisk)
	}
}

func testDisk(t *testing.T) {
	dir := t.TempDir()
	enc := func(s string) []byte { var b Buffer; b.Str(s); return b }
	dec := func(b []byte) (string, error) { r := NewReader(b); s := r.Str(); return s, r.Err() }
	a, b := [32]byte{1}, [32]byte{2}
	first := NewDisk(dir, enc, dec)
	first.Put(a, "the value a")
	first.Put(b, "the value b")
	if v, ok := first.Get(b); !ok || v != "the value b" {
		t.Fatalf("b = %q, %v in the build that made it", v, ok)
	}
	first.Prune()
	next := NewDisk(dir, enc, dec)
	if v, ok := next.Get(a); !ok || v != "the value a" {
		t.Fatalf("a = %q, %v after a new start", v, ok)
	}
	next.Prune() // b not used
	if _, ok := NewDisk(dir, enc, dec).Get(b); ok {
		t.Fatal("b kept though unused")
	}
	at := NewDisk(dir, enc, dec).index[a]
	name := segName(dir, at.seg)
	data, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	for i := at.off; i < at.off+at.n; i++ {
		broken := bytes.Clone(data)
		broken[i] ^= 0x20
		os.WriteFile(name, broken, 0o644)
		if v, ok := NewDisk(dir, enc, dec).Get(a); ok {
			t.Fatalf("byte %d changed: read %q", i, v)
		}
	}
	os.WriteFile(name, data[:at.off+at.n-1], 0o644)
	if _, ok := NewDisk(dir, enc, dec).Get(a); ok {
		t.Fatal("a file cut short was read")
	}
	os.WriteFile(name, data, 0o644)
	if _, ok := NewDisk(dir, enc, dec).Get(a); !ok {
		t.Fatal("a not read back once its file was whole again")
	}
}

// Keep marks a value used without reading it: it survives the build's
// Prune, in memory and on disk; a key with no value stays without one.
func TestKeep(t *testing.T) {
	enc := func(s string) []byte { var b Buffer; b.Str(s); return b }
	dec := func(b []byte) (string, error) { r := NewReader(b); s := r.Str(); return s, r.Err() }
	a, none := [32]byte{1}, [32]byte{9}
	dir := t.TempDir()
	first := NewDisk(dir, enc, dec)
	first.Put(a, "the value a")
	first.Prune()
	m := New[string]()
	m.Put(a, "the value a")
	m.Prune()
	for name, s := range map[string]Store[string]{"memory": m, "disk": NewDisk(dir, enc, dec)} {
		s.Keep(a)
		s.Keep(none)
		s.Prune()
		if v, ok := s.Get(a); !ok || v != "the value a" {
			t.Errorf("%s: a = %q, %v after a build that kept it", name, v, ok)
		}
		if _, ok := s.Get(none); ok {
			t.Errorf("%s: a key never put has a value", name)
		}
	}
	if _, ok := NewDisk(dir, enc, dec).Get(a); !ok {
		t.Error("disk: a forgotten by the next build, though the last kept it")
	}
}

// Builds that each change one value add a segment each; the segments are
// merged before they are many, and what is kept reads back the same.
func TestDiskCompacts(t *testing.T) {
	dir := t.TempDir()
	enc := func(s string) []byte { var b Buffer; b.Str(s); return b }
	dec := func(b []byte) (string, error) { r := NewReader(b); s := r.Str(); return s, r.Err() }
	keys := make([][32]byte, 50)
	for i := range keys {
		keys[i] = [32]byte{byte(i), 7}
	}
	value := func(build, i int) string {
		if i == build%len(keys) {
			return fmt.Sprintf("value %d, changed in build %d", i, build)
		}
		return fmt.Sprintf("value %d", i)
	}
	var last []string
	for build := 0; build < 3*maxSegments; build++ {
		d := NewDisk(dir, enc, dec)
		var now []string
		hits := 0
		for i, k := range keys {
			want := value(build, i)
			v, ok := d.Get(k)
			if ok && v != last[i] {
				t.Fatalf("build %d: key %d read %q, the last build kept %q", build, i, v, last[i])
			}
			if ok && v == want {
				hits++
			} else {
				d.Put(k, want)
			}
			now = append(now, want)
		}
		d.Prune()
		last = now
		if build > 1 && hits < len(keys)-2 {
			t.Fatalf("build %d: %d of %d values read back", build, hits, len(keys))
		}
		if n := len(NewDisk(dir, enc, dec).segments()); n > maxSegments+1 {
			t.Fatalf("build %d: %d segments", build, n)
		}
	}
}

// Whatever bytes a cache file holds, reading them fails or succeeds without
// a panic, and what a Buffer wrote reads back the same.
func FuzzReader(f *testing.F) {
	f.Add([]byte{}, "x", 3)
	f.Add([]byte{0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01}, "", 0)
	f.Fuzz(func(t *testing.T, junk []byte, s string, n int) {
		r := NewReader(junk)
		r.Strings()
		r.Int()
		r.Str()
		_ = r.Err()
		n = max(n, 0)
		if n%2 == 1 {
			n = math.MaxInt - n
		}
		var b Buffer
		b.Int(n)
		b.Strings([]string{s, "", s})
		r = NewReader(b)
		if got := r.Int(); got != n {
			t.Fatalf("Int: %d, want %d", got, n)
		}
		if got := r.Strings(); len(got) != 3 || got[0] != s || got[1] != "" || got[2] != s {
			t.Fatalf("Strings: %q", got)
		}
		if err := r.Err(); err != nil {
			t.Fatal(err)
		}
	})
}

func TestIntSize(t *testing.T) {
	for _, n := range []int{0, 1, 127, 128, 300, 16383, 16384, 1 << 21, 1<<28 - 1, 1 << 35, 1<<62 + 5} {
		var b Buffer
		b.Int(n)
		if IntSize(n) != len(b) {
			t.Errorf("IntSize(%d) = %d, Int writes %d bytes", n, IntSize(n), len(b))
		}
		if StrSize(n) != n+len(b) {
			t.Errorf("StrSize(%d) = %d, want %d", n, StrSize(n), n+len(b))
		}
	}
}
