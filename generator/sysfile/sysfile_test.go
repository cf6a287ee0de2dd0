package sysfile

import (
	"bytes"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"testing/fstest"
)

// DirFS behaves as a file system should (fstest.TestFS reads every file
// through ReadFile and through Open, and compares them), and reads what
// os.ReadFile reads.
func TestDirFS(t *testing.T) {
	dir := t.TempDir()
	files := map[string][]byte{
		"empty.md":         nil,
		"page.md":          []byte("---\ntitle: A\n---\nText.\n"),
		"guides/long.md":   bytes.Repeat([]byte("a line of text\n"), 20000),
		"guides/deep/x.md": []byte("x"),
	}
	for name, b := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, b, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, root := range []string{dir, dir + "/"} {
		fsys := DirFS(root)
		if err := fstest.TestFS(fsys, "empty.md", "page.md", "guides/long.md", "guides/deep/x.md"); err != nil {
			t.Fatal(err)
		}
		for name, want := range files {
			got, err := fs.ReadFile(fsys, name)
			if err != nil || !bytes.Equal(got, want) {
				t.Errorf("%s: %d bytes, %v; want %d bytes", name, len(got), err, len(want))
			}
		}
	}
	fsys := DirFS(dir)
	for _, c := range []struct {
		name string
		is   error // what the error must be, or nil for any
	}{
		{"missing.md", fs.ErrNotExist},
		{"guides/missing/x.md", fs.ErrNotExist},
		{"../page.md", fs.ErrInvalid},
		{"/page.md", fs.ErrInvalid},
		{"guides", nil}, // a folder
	} {
		_, err := fs.ReadFile(fsys, c.name)
		if err == nil || c.is != nil && !errors.Is(err, c.is) {
			t.Errorf("%s: %v, want %v", c.name, err, c.is)
		}
	}
}

// WriteFile makes a file, or empties and rewrites one, with perm for a
// new file, and fails as os.WriteFile does where the folder is missing.
func TestWriteFile(t *testing.T) {
	dir := t.TempDir()
	p := filepath.Join(dir, "a.html")
	for _, data := range [][]byte{[]byte(strings.Repeat("long text ", 1000)), []byte("short"), nil} {
		if err := WriteFile(p, data, 0o640); err != nil {
			t.Fatal(err)
		}
		got, err := ReadFile(p)
		if err != nil || !bytes.Equal(got, data) {
			t.Fatalf("read back %q, %v; want %d bytes", got, err, len(data))
		}
	}
	if info, err := os.Stat(p); err != nil || info.Mode().Perm()&^0o640 != 0 {
		t.Errorf("mode %v, %v; want at most 0640", info.Mode(), err)
	}
	if err := WriteFile(filepath.Join(dir, "no", "a.html"), []byte("x"), 0o644); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("in a missing folder: %v", err)
	}
	if _, err := ReadFile(filepath.Join(dir, "missing")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("a missing file: %v", err)
	}
}

// Stamps are trusted only in a folder opened with DirFS on a file system
// this computer keeps: not through another fs.FS, nor in /proc.
func TestLocal(t *testing.T) {
	if Local(os.DirFS(t.TempDir())) {
		t.Error("os.DirFS is taken as local: its ReadFile is not ours")
	}
	if _, err := os.Stat("/proc/self"); err == nil && Local(DirFS("/proc")) {
		t.Error("/proc is taken as local")
	}
	if Local(DirFS(filepath.Join(t.TempDir(), "none"))) {
		t.Error("a missing folder is taken as local")
	}
	if runtime.GOOS == "linux" {
		if _, err := os.Stat("/dev/shm"); err == nil && !Local(DirFS("/dev/shm")) {
			t.Error("tmpfs (/dev/shm) is not taken as local")
		}
	}
}
