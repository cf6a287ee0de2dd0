package content

import (
	"crypto/sha256"
	"encoding/binary"
	"hash/crc32"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"

	"handbook/generator/diag"
	"handbook/generator/memo"
	"handbook/generator/sysfile"
)

// Record is what a build knew of the pages it read, for the next: each
// page file's stamp (which file, its size, its mtime and ctime) with the
// length of its front matter and the hashes of its front matter and body.
// A build from disk keeps it in its cache folder. The next load takes a
// page whose file has the same stamp without reading it: the hashes key
// everything later stages keep of a page (its decoded front matter, its
// conversion, its counted words), so at 10,000 pages a build after one
// edit reads one file, not 10,000. A stage that misses its cache reads
// the file then (see File.Front), and checks it against the hashes.
//
// A file written within the clock tick in which the load looked at it may
// keep its stamp. So a page is taken only if its ctime and mtime are more
// than settle older than the start of the load that recorded it; later
// loads record it again, and then it is taken.
type Record struct {
	made  int64 // when the load that made it began, in nanoseconds
	pages map[string]recorded
}

// settle is how long a file's times must lie behind a load's start for a
// later write to show in its ctime: more than any file system's tick.
const settle = int64(2e9)

type recorded struct {
	stamp             sysfile.Stamp
	frontLen          int
	frontSum, bodySum [32]byte
}

// keeper is one load of a content folder with its translations, for the
// pages it takes from a record: where to read them if asked, and whether
// one turned out changed.
type keeper struct {
	fsys    fs.FS
	made    int64        // when the load began, in nanoseconds
	changed *atomic.Bool // shared by the load and its translations
	reads   atomic.Int64 // pages taken unread, read since because a stage asked
	// trusted says that the folder is on a file system whose stamps say
	// when a file changed (see sysfile.Local): elsewhere no page is taken
	trusted bool
}

// take fills f, just found by a load, from r, if its file stands as
// recorded and its times had settled.
func (r *Record) take(f *File, k *keeper) bool {
	if r == nil || !f.stamped || !k.trusted {
		return false
	}
	e, ok := r.pages[f.Path]
	if !ok || e.stamp != f.stamp || e.stamp.Ctime > r.made-settle || e.stamp.Mtime > r.made-settle {
		return false
	}
	f.Broken, f.frontLen, f.frontSum, f.bodySum = false, e.frontLen, e.frontSum, e.bodySum
	f.from = k
	return true
}

// read reads f, which the load took from its record, as the load would
// have. If the file no longer holds what the record says (it changed
// since the load looked at it), it gives nothing, f says so (see
// File.ReadFailed) and the load is marked changed (see Tree.Changed): the
// build must not be kept.
func (k *keeper) read(f *File) (front, body []byte) {
	if f.lazy.Or(readOnce)&readOnce == 0 {
		k.reads.Add(1)
	}
	b, err := fs.ReadFile(k.fsys, f.Rel)
	if err == nil {
		b = normalize(b)
		var errs diag.List
		if checkText(f.Path, b, &errs) {
			front, body, ok := split(f.Path, b, &errs)
			if ok && len(errs) == 0 && sha256.Sum256(front) == f.frontSum && sha256.Sum256(body) == f.bodySum {
				return front, body
			}
		}
	}
	f.lazy.Or(readFailed)
	k.changed.Store(true)
	return nil, nil
}

// Changed reports whether a page the load took from the record, without
// reading it, turned out changed when a later stage read it: what was
// made from it may not match its hashes, so the build, and what it kept,
// must be thrown away.
func (t *Tree) Changed() bool {
	return t.load != nil && t.load.changed != nil && t.load.changed.Load()
}

// WriteRecord keeps the record of t's pages, its translations' too, in
// the file name for the next load (see ReadRecord), whole or not at all,
// making its folder.
func (t *Tree) WriteRecord(name string) error {
	r := &Record{}
	if t.load != nil {
		r.made = t.load.made
	}
	n := 0
	for _, t := range t.trees() {
		n += len(t.Pages)
	}
	b := r.start(n)
	n = 0
	for _, t := range t.trees() {
		for _, f := range t.Pages {
			if f.stamped && !f.Broken {
				b = appendRecorded(b, f.Path, recorded{f.stamp, f.frontLen, f.frontSum, f.bodySum})
				n++
			}
		}
	}
	return writeRecord(name, finish(b, n))
}

// Read is how many page files the load read, its translations' too, and
// of those it took unread, how many a later stage has read since: the
// others it took from the last build's record, or from the last load
// (see Again).
func (t *Tree) Read() int {
	n := 0
	for _, t := range t.trees() {
		n += t.read
		if t.load != nil { // each tree's own: a translation is loaded apart
			n += int(t.load.reads.Load())
		}
	}
	return n
}

// trees is t and its translations' trees.
func (t *Tree) trees() []*Tree {
	trees := []*Tree{t}
	for _, tr := range t.Translations {
		trees = append(trees, tr.Tree)
	}
	return trees
}

const recordHeader = "handbook pages 2\n"

// recordedMin is the fewest bytes a page's record takes.
const recordedMin = 1 + 5*8 + 1 + 2*32

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// ReadRecord reads the record kept in the file name; nil if there is none
// or it is damaged.
func ReadRecord(name string) *Record {
	b, err := os.ReadFile(name)
	if err != nil {
		return nil
	}
	return decodeRecord(b)
}

// decodeRecord is the record a file holds, b, checked against its header
// and checksum; nil if it is not whole.
func decodeRecord(b []byte) *Record {
	at := len(recordHeader) + 4
	if len(b) < at || string(b[:len(recordHeader)]) != recordHeader ||
		crc32.Checksum(b[at:], castagnoli) != binary.LittleEndian.Uint32(b[len(recordHeader):at]) {
		return nil
	}
	return parseRecord(b[at:])
}

// parseRecord reads a record's count, time and pages, b; nil if they do
// not read whole. The record's strings share b.
func parseRecord(b []byte) *Record {
	rd := memo.Take(b)
	n := binary.LittleEndian.Uint64([]byte(rd.Fixed(8)))
	r := &Record{made: int64(binary.LittleEndian.Uint64([]byte(rd.Fixed(8))))}
	if n > uint64(len(b)/recordedMin) {
		return nil
	}
	r.pages = make(map[string]recorded, n)
	for range n {
		p := rd.Str()
		var e recorded
		u := func() uint64 { return binary.LittleEndian.Uint64([]byte(rd.Fixed(8))) }
		e.stamp.Dev, e.stamp.Ino = u(), u()
		e.stamp.Size, e.stamp.Mtime, e.stamp.Ctime = int64(u()), int64(u()), int64(u())
		e.frontLen = rd.Int()
		copy(e.frontSum[:], rd.Fixed(32))
		copy(e.bodySum[:], rd.Fixed(32))
		if !rd.OK() {
			return nil
		}
		r.pages[p] = e // p shares b, which nothing changes
	}
	if !rd.OK() {
		return nil
	}
	return r
}

// start begins the file of a record of about n pages: its header, room
// for the checksum and the count, and the time it was made.
func (r *Record) start(n int) memo.Buffer {
	b := make(memo.Buffer, 0, recordStart+n*recordedSize)
	b = append(b, recordHeader...)
	b = append(b, make([]byte, 4+8)...)
	return binary.LittleEndian.AppendUint64(b, uint64(r.made))
}

// The layout of a record's file: recordHeader, the CRC-32C of the rest,
// the number of pages, the time it was made; then each page's path, the
// five words of its stamp, the length of its front matter and the two
// hashes. recordedSize is about the size of one page's (paths vary).
const (
	recordStart  = len(recordHeader) + 4 + 8 + 8
	recordedSize = 64 + 5*8 + 2 + 2*32
)

func appendRecorded(b memo.Buffer, path string, e recorded) memo.Buffer {
	b.Str(path)
	for _, n := range []uint64{e.stamp.Dev, e.stamp.Ino, uint64(e.stamp.Size), uint64(e.stamp.Mtime), uint64(e.stamp.Ctime)} {
		b = binary.LittleEndian.AppendUint64(b, n)
	}
	b.Int(e.frontLen)
	return append(append(b, e.frontSum[:]...), e.bodySum[:]...)
}

// finish fills in the count, n, and the checksum of the record b.
func finish(b memo.Buffer, n int) []byte {
	at := len(recordHeader) + 4
	binary.LittleEndian.PutUint64(b[at:], uint64(n))
	binary.LittleEndian.PutUint32(b[len(recordHeader):at], crc32.Checksum(b[at:], castagnoli))
	return b
}

// writeRecord writes the record b to the file name by way of a file
// beside it.
func writeRecord(name string, b []byte) error {
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	tmp := name + ".new"
	if err := os.WriteFile(tmp, b, 0o644); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}
