// Package publish is the only writer of the output folder.
//
// It minifies each file by media type, writes the whole site into a fresh
// folder beside the output, and then swaps that folder in, so that readers
// and an interrupted build only ever see a complete site. Files whose bytes
// did not change are hard-linked from the previous output instead of being
// written again: creating files is the largest cost of a build.
//
// The output folder holds a marker file. A folder that exists, is not empty
// and has no marker is never replaced, so a mistyped -out cannot wipe a
// folder of someone's files.
package publish

import (
	"bytes"
	"encoding/hex"
	"errors"
	"fmt"
	"hash/maphash"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/tdewolff/minify/v2"
	"github.com/tdewolff/minify/v2/css"
	"github.com/tdewolff/minify/v2/html"
	"github.com/tdewolff/minify/v2/js"
	"github.com/tdewolff/minify/v2/json"
	"github.com/tdewolff/minify/v2/svg"
	"github.com/tdewolff/minify/v2/xml"

	"handbook/generator/sysfile"
)

// Marker is the file that marks a folder as handbook's output.
const Marker = ".handbook-output"

// Minifier minifies files by their extension. Build one and reuse it.
type Minifier struct {
	m *minify.M
}

// NewMinifier returns a minifier for HTML, CSS, JS, SVG, JSON and XML.
func NewMinifier() *Minifier {
	m := minify.New()
	m.Add("text/html", &html.Minifier{KeepDocumentTags: true, KeepEndTags: true, KeepQuotes: true, KeepDefaultAttrVals: true})
	m.AddFunc("text/css", css.Minify)
	m.AddFunc("application/javascript", js.Minify)
	m.AddFunc("image/svg+xml", svg.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]json$`), json.Minify)
	m.AddFuncRegexp(regexp.MustCompile(`[/+]xml$`), xml.Minify)
	return &Minifier{m: m}
}

var mediaTypes = map[string]string{
	".html": "text/html", ".css": "text/css", ".js": "application/javascript",
	".svg": "image/svg+xml", ".json": "application/json", ".webmanifest": "application/manifest+json",
	".xml": "text/xml",
}

// minify minifies one file in place, if its type is known.
func (mf *Minifier) minify(f *File) error {
	mt, ok := mediaTypes[filepath.Ext(f.Path)]
	if !ok {
		return nil
	}
	var b bytes.Buffer
	b.Grow(len(f.Data))
	if err := mf.m.Minify(mt, &b, bytes.NewReader(f.Data)); err != nil {
		return fmt.Errorf("minify %s: %w", f.Path, err)
	}
	f.Data = b.Bytes()
	return nil
}

// Stats says what a publish did.
type Stats struct {
	Written int           // files written anew
	Reused  int           // files linked unchanged from the previous output
	Kept    int           // of those, files not made again: their inputs had not changed
	Minify  time.Duration // time spent minifying, summed over the writers
	Write   time.Duration // time spent comparing, linking and writing, summed
}

// Writer fills a staging folder beside the output, file by file, from any
// number of goroutines, then swaps it in with Commit. Until then the
// output is untouched; Abort removes the staging folder.
type Writer struct {
	out, stage string
	mf         *Minifier
	inPlace    bool // update out itself (see InPlace)

	mu      sync.Mutex
	dirs    map[string]bool
	written map[string]bool // in place: the files of this build
	// lastMade, in place, is the files the last build made, when the
	// session knows them: the output holds no others
	lastMade map[string]bool
	// sums and nextSums are the last build's and this one's hashes of the
	// files written, with a session (see Session.sums)
	sums, nextSums map[string]fileSum
	stats          Stats
	done           bool
	unlock         func() // releases the output folder's lock; nil in place

	// keys is the record of what each file was made from, kept beside the
	// output: prev is the last build's, next this one's
	keys       string
	prev, next map[string]record
	// session, in place, carries the record to the next build in this
	// process (see Session)
	session *Session
	// trusted is set when prev came from the session: this process wrote
	// every file it names, in a folder of its own, so a kept file's stamp
	// is not read again to see whether someone changed it by hand
	trusted bool
}

// Session carries an in-place writer's record from one build to the next
// in one process (serve), so that the next build neither reads the keys
// file back nor walks the whole output to find the files it no longer
// makes: it removes those the last build made and it did not. The zero
// value is ready; the first build reads and walks as without one.
//
// A session is for a folder this process alone writes (serve's): a file
// its record names is taken to be as the last build left it, and is kept
// without its size and time being read again.
type Session struct {
	mu   sync.Mutex
	out  string
	last map[string]record // the last build's record, if it committed
	made map[string]bool   // the files the last build made
	// sums are the files the last build wrote or left alone, by a hash
	// of their bytes: a file whose bytes hash the same, and which is
	// still as written, is not read back to compare
	sums map[string]fileSum
}

// fileSum is a file's bytes hashed in this process, and its size and
// modification time as written.
type fileSum struct {
	sum uint64
	stamp
}

// seed hashes files' bytes for sessions; it changes with the process, so
// no content can be made to collide with another.
var seed = maphash.MakeSeed()

// take hands the session's record of out to a new writer, leaving none
// behind until that writer commits: a build that stops half way leaves
// the output partly updated, and the next then reads and walks.
func (s *Session) take(out string) (last map[string]record, made map[string]bool, sums map[string]fileSum) {
	if s == nil {
		return nil, nil, nil
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.out == out {
		last, made, sums = s.last, s.made, s.sums
	}
	s.out, s.last, s.made, s.sums = out, nil, nil, nil
	return last, made, sums
}

// record is what the keys file holds of one output file: the hash of its
// inputs; the hash of its bytes as made, before minifying, for the offline
// copy's version (see Offline); and its stamp as written.
type record struct {
	key, made Key
	stamp
}

// still reports whether the file at name is as it was written.
func (s fileSum) still(name string) bool {
	now := s
	return now.read(name) && now == s
}

// stamp is a file's size and modification time as written: a file
// changed since (by hand) is made again, as make and ninja tell, without
// reading it.
type stamp struct{ size, mtime int64 }

// read fills in s from the regular file at name, reporting whether there
// is one.
func (s *stamp) read(name string) bool {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() {
		return false
	}
	s.size, s.mtime = info.Size(), info.ModTime().UnixNano()
	return true
}

// InPlace starts updating the folder out where it is: unchanged files are
// left alone, changed ones replaced one by one (each by a rename, so no
// reader sees half a file), and Commit removes the files the build no
// longer makes. For serve, which checks the content before writing and
// rebuilds on every save; a build uses Begin, which swaps a whole folder.
//
// A session, if given, carries what the writer knows from one build to the
// next (see Session).
func InPlace(out string, mf *Minifier, session *Session) (*Writer, error) {
	out = filepath.Clean(out)
	if err := checkOut(out); err != nil {
		return nil, err
	}
	if err := os.MkdirAll(out, 0o755); err != nil {
		return nil, err
	}
	last, made, sums := session.take(out)
	// the maps of this build are made as large as the last build's
	w := &Writer{out: out, stage: out, mf: mf, inPlace: true, dirs: map[string]bool{}, written: make(map[string]bool, len(made)), session: session}
	if last == nil {
		w.readKeys()
	} else {
		w.keys, w.prev, w.next, w.lastMade, w.sums = keysName(out), last, make(map[string]record, len(last)), made, sums
		w.trusted = true
	}
	if session != nil {
		w.nextSums = make(map[string]fileSum, len(sums))
	}
	return w, nil
}

// Begin starts replacing the folder out.
func Begin(out string, mf *Minifier) (*Writer, error) {
	out = filepath.Clean(out)
	if err := checkOut(out); err != nil {
		return nil, err
	}
	parent, name := filepath.Split(out)
	if parent == "" {
		parent = "."
	}
	if err := os.MkdirAll(parent, 0o755); err != nil {
		return nil, err
	}
	unlock, err := lockOut(filepath.Join(parent, "."+name+".lock"), out)
	if err != nil {
		return nil, err
	}
	// under the lock no other build of out runs, so any staging folder
	// beside it is a dead build's
	removeStale(parent, name)
	stage, err := os.MkdirTemp(parent, "."+name+".tmp-")
	if err != nil {
		unlock()
		return nil, err
	}
	if err := os.Chmod(stage, 0o755); err != nil {
		os.RemoveAll(stage)
		unlock()
		return nil, err
	}
	w := &Writer{out: out, stage: stage, mf: mf, dirs: map[string]bool{}, unlock: unlock}
	w.readKeys()
	return w, nil
}

// ErrBusy is returned by Begin when another build holds the output folder.
var ErrBusy = errors.New("output folder busy")

// busy is the error of a build that finds out locked by another.
func busy(out string) error {
	return fmt.Errorf("%w: another handbook build is writing %s; run this one when it has finished", ErrBusy, out)
}

// Write minifies f by its type and puts it in the staging folder: a hard
// link to the previous output's copy when the bytes are the same.
func (w *Writer) Write(f File) error {
	if err := validPath(f.Path); err != nil {
		return err
	}
	t0 := time.Now()
	var made Key
	if f.Key != (Key{}) {
		made = Made(&f)
	}
	if w.mf != nil && !f.Minimal {
		if err := w.mf.minify(&f); err != nil {
			return err
		}
	}
	t1 := time.Now()
	dst := filepath.Join(w.stage, filepath.FromSlash(f.Path))
	dir := filepath.Dir(dst)
	w.mu.Lock()
	if !w.dirs[dir] { // made under the lock, so no writer races ahead of it
		if err := os.MkdirAll(dir, 0o755); err != nil {
			w.mu.Unlock()
			return err
		}
		w.dirs[dir] = true
	}
	w.mu.Unlock()
	old := filepath.Join(w.out, filepath.FromSlash(f.Path))
	var reused bool
	if w.inPlace {
		w.mu.Lock()
		w.written[f.Path] = true
		w.mu.Unlock()
		var sum fileSum // with a session
		known := false  // the bytes are those the last build left
		if w.nextSums != nil {
			sum.sum = maphash.Bytes(seed, f.Data)
			last, ok := w.sums[f.Path]
			known = ok && last.sum == sum.sum && last.size == int64(len(f.Data)) && last.still(dst)
			if known {
				sum, reused = last, true
			}
		}
		if !reused {
			reused = same(dst, f.Data)
		}
		if !reused {
			tmp := dst + ".tmp-write"
			if err := sysfile.WriteFile(tmp, f.Data, 0o644); err != nil {
				return err
			}
			if err := os.Rename(tmp, dst); err != nil {
				return err
			}
		}
		if w.nextSums != nil && (known || sum.read(dst)) {
			w.mu.Lock()
			w.nextSums[f.Path] = sum
			w.mu.Unlock()
		}
	} else {
		reused = same(old, f.Data) && os.Link(old, dst) == nil
		if !reused {
			if err := sysfile.WriteFile(dst, f.Data, 0o644); err != nil {
				return err
			}
		}
	}
	t2 := time.Now()
	w.mu.Lock()
	if rec := (record{key: f.Key, made: made}); f.Key != (Key{}) && rec.read(dst) {
		w.next[f.Path] = rec
	}
	if reused {
		w.stats.Reused++
	} else {
		w.stats.Written++
	}
	w.stats.Minify += t1.Sub(t0)
	w.stats.Write += t2.Sub(t1)
	w.mu.Unlock()
	return nil
}

// Commit marks the staging folder as handbook's output and swaps it in.
func (w *Writer) Commit() (Stats, error) {
	if w.inPlace {
		w.done = true
		if err := w.removeStaleFiles(); err != nil {
			return w.stats, err
		}
		// a session carries the record to the next build; a build after
		// one that failed half way finds no record, and makes every file
		save := w.writeKeys
		if w.session != nil {
			save = func() error { return removeIfThere(w.keys) }
		}
		if err := save(); err != nil {
			return w.stats, err
		}
		if w.session != nil {
			w.session.mu.Lock()
			if w.session.out == w.out {
				w.session.last, w.session.made, w.session.sums = w.next, w.written, w.nextSums
			}
			w.session.mu.Unlock()
		}
		return w.stats, nil
	}
	marker := filepath.Join(w.stage, Marker)
	if err := os.WriteFile(marker, []byte("This folder is written by handbook build and replaced by each build.\n"), 0o644); err != nil {
		return w.stats, err
	}
	// no record while the output changes: a build killed in between
	// leaves none, and the next makes every file
	if err := removeIfThere(w.keys); err != nil {
		return w.stats, err
	}
	if err := swap(w.stage, w.out); err != nil {
		return w.stats, err
	}
	w.done = true
	os.RemoveAll(w.stage) // now the previous output
	err := w.writeKeys()
	w.release()
	return w.stats, err
}

func (w *Writer) release() {
	if w.unlock != nil {
		w.unlock()
		w.unlock = nil
	}
}

// removeStaleFiles removes, in place, the files this build did not make:
// those the last build made, when the session knows them, or else every
// other file in the folder.
func (w *Writer) removeStaleFiles() error {
	if err := os.WriteFile(filepath.Join(w.out, Marker), []byte("This folder is written by handbook serve.\n"), 0o644); err != nil {
		return err
	}
	if w.lastMade != nil {
		for rel := range w.lastMade {
			if !w.written[rel] {
				if err := removeIfThere(filepath.Join(w.out, filepath.FromSlash(rel))); err != nil {
					return err
				}
			}
		}
		return nil
	}
	return filepath.WalkDir(w.out, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(w.out, p)
		if rel := filepath.ToSlash(rel); rel != Marker && !w.written[rel] {
			return os.Remove(p)
		}
		return nil
	})
}

// Abort removes the staging folder; the output stays as it was. It does
// nothing after Commit, nor for a writer in place.
func (w *Writer) Abort() {
	if !w.done && !w.inPlace {
		os.RemoveAll(w.stage)
		w.done = true
	}
	w.release()
}

// Publish replaces the folder out with files.
func Publish(out string, files []File) (Stats, error) {
	w, err := Begin(out, nil)
	if err != nil {
		return Stats{}, err
	}
	defer w.Abort()
	for _, f := range files {
		if err := w.Write(f); err != nil {
			return w.stats, err
		}
	}
	return w.Commit()
}

// checkOut refuses to replace a folder that handbook did not write.
func checkOut(out string) error {
	info, err := os.Stat(out)
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	if !info.IsDir() {
		return fmt.Errorf("output %s is a file, not a folder", out)
	}
	entries, err := os.ReadDir(out)
	if err != nil {
		return err
	}
	if len(entries) == 0 {
		return nil
	}
	if _, err := os.Stat(filepath.Join(out, Marker)); err != nil {
		return fmt.Errorf("refusing to replace %s: it holds files that handbook did not write (choose an empty or new folder, or remove it first)", out)
	}
	return nil
}

// removeStale removes staging folders left by builds that were killed.
func removeStale(parent, name string) {
	matches, _ := filepath.Glob(filepath.Join(parent, "."+name+".tmp-*"))
	for _, m := range matches {
		os.RemoveAll(m)
	}
}

func validPath(p string) error {
	if p == "" || strings.HasPrefix(p, "/") || strings.Contains(p, "\\") || filepath.IsAbs(p) {
		return fmt.Errorf("publish: bad path %q", p)
	}
	for _, part := range strings.Split(p, "/") {
		if part == "" || part == "." || part == ".." {
			return fmt.Errorf("publish: bad path %q", p)
		}
	}
	return nil
}

// same reports whether the file at name holds exactly data.
func same(name string, data []byte) bool {
	info, err := os.Lstat(name)
	if err != nil || !info.Mode().IsRegular() || info.Size() != int64(len(data)) {
		return false
	}
	b, err := sysfile.ReadFile(name)
	return err == nil && bytes.Equal(b, data)
}

// Keep puts the previous output's copy of the file at path in this build,
// unmade, if it was made from the same inputs (key) and its bytes are still
// those written then. It reports whether it did, and the SHA-256 of the
// file as it was made; if not, the caller makes the file and writes it.
func (w *Writer) Keep(path string, key Key) (made [32]byte, ok bool) {
	t0 := time.Now()
	w.mu.Lock()
	rec, ok := w.prev[path]
	w.mu.Unlock()
	if !ok || rec.key != key {
		return made, false
	}
	// a trusted record is this process's last build's, whose paths were
	// checked as it wrote them and whose files no other build touched
	if !w.trusted {
		if validPath(path) != nil {
			return made, false
		}
		if now := rec; !now.read(filepath.Join(w.out, filepath.FromSlash(path))) || now != rec {
			return made, false
		}
	}
	if !w.inPlace {
		old := filepath.Join(w.out, filepath.FromSlash(path))
		dst := filepath.Join(w.stage, filepath.FromSlash(path))
		dir := filepath.Dir(dst)
		w.mu.Lock()
		if !w.dirs[dir] {
			if err := os.MkdirAll(dir, 0o755); err != nil {
				w.mu.Unlock()
				return made, false
			}
			w.dirs[dir] = true
		}
		w.mu.Unlock()
		if os.Link(old, dst) != nil {
			return made, false
		}
	}
	w.mu.Lock()
	if w.inPlace {
		w.written[path] = true
	}
	w.next[path] = rec
	w.stats.Kept++
	w.stats.Reused++
	w.stats.Write += time.Since(t0)
	w.mu.Unlock()
	return rec.made, true
}

// keysName is the keys file of the output folder out.
func keysName(out string) string { return Beside(out, "keys") }

// Beside names a file kept for the output folder out, with the given
// ending: beside the folder and hidden (".public.keys"), so it is never
// published with the site.
func Beside(out, ending string) string {
	parent, name := filepath.Split(filepath.Clean(out))
	return filepath.Join(parent, "."+name+"."+ending)
}

// readKeys loads the previous build's record, if there is a whole one.
func (w *Writer) readKeys() {
	w.keys = keysName(w.out)
	w.prev, w.next = map[string]record{}, map[string]record{}
	b, err := os.ReadFile(w.keys)
	if err != nil || !bytes.HasPrefix(b, []byte(keysHeader)) {
		return
	}
	for _, line := range strings.Split(string(b[len(keysHeader):]), "\n") {
		fields := strings.SplitN(line, " ", 5)
		var rec record
		if len(fields) != 5 || !unhex(rec.key[:], fields[0]) || !unhex(rec.made[:], fields[1]) {
			continue
		}
		var err1, err2 error
		rec.size, err1 = strconv.ParseInt(fields[2], 10, 64)
		rec.mtime, err2 = strconv.ParseInt(fields[3], 10, 64)
		if err1 != nil || err2 != nil {
			continue
		}
		w.prev[fields[4]] = rec
	}
}

// removeIfThere removes the file name, if there is one.
func removeIfThere(name string) error {
	if err := os.Remove(name); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	return nil
}

// unhex decodes a hash written in hex into dst, reporting whether it could.
func unhex(dst []byte, s string) bool {
	n, err := hex.Decode(dst, []byte(s))
	return err == nil && n == len(dst)
}

const keysHeader = "handbook keys 3\n"

// writeKeys saves this build's record: one line per file, sorted.
func (w *Writer) writeKeys() error {
	paths := make([]string, 0, len(w.next))
	for p := range w.next {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	b := make([]byte, 0, len(paths)*200)
	b = append(b, keysHeader...)
	for _, p := range paths {
		rec := w.next[p]
		b = hex.AppendEncode(b, rec.key[:])
		b = append(b, ' ')
		b = hex.AppendEncode(b, rec.made[:])
		b = append(b, ' ')
		b = strconv.AppendInt(b, rec.size, 10)
		b = append(b, ' ')
		b = strconv.AppendInt(b, rec.mtime, 10)
		b = append(b, ' ')
		b = append(b, p...)
		b = append(b, '\n')
	}
	tmp := w.keys + ".tmp"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, w.keys)
}
