package memo

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"sync"
	"unsafe"
)

// Store keeps values from one build to the next by a hash of what each was
// made from: Map in memory (serve), Disk in files (build).
type Store[V any] interface {
	// Get returns the value kept for key, marking it used by this build.
	Get(key [32]byte) (V, bool)
	// Put keeps v for key, used by this build, and says whether it could:
	// a value kept can be read back with Get until the next Prune.
	Put(key [32]byte, v V) bool
	// Keep marks the values kept for keys, if any, used by this build
	// without reading them: the build relies on what they were made from.
	Keep(keys ...[32]byte)
	// Prune forgets every value the build did not use.
	Prune()
}

// Disk keeps values in a folder, for the builds of later processes. Each
// build that makes new values appends them to a new segment file; an index
// file says where each value kept is. Prune writes the index of the values
// the build used, removes segments that hold none of them, and when less
// than half of what the segments hold is still used (or they are many),
// copies the values used into one new segment. Each value starts with a
// checksum. A value that cannot be read, checked or decoded is a value not
// kept, and one that cannot be written is not kept: the build makes it
// again.
type Disk[V any] struct {
	dir    string
	encode func(V) []byte
	decode func([]byte) (V, error)

	mu    sync.Mutex
	index map[[32]byte]place // the last build's
	used  map[[32]byte]place // this build's: values read or written
	open  map[int]*os.File   // segments open for reading
	whole map[int][]byte     // small segments, read whole (see wholeMax)
	out   *os.File           // this build's new segment, once a value is put
	outW  *bufio.Writer
	outAt int64 // where the next value goes in out
	outID int
}

// place is where a value is: segment, offset, length (checksum included).
type place struct {
	seg    int
	off, n int64
}

const (
	indexName   = "index"
	indexHeader = "handbook memo 1\n"
	maxSegments = 32
)

// wholeMax is the size up to which a segment is read whole, in one system
// call, the first time a value is read from it: most builds read most of
// a small store (pages' keys and records, decoded front matter), and a
// read per value costs a system call each. A variable for tests.
var wholeMax int64 = 16 << 20

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// NewDisk keeps values in the folder dir, made if need be, with encode
// and decode turning them into bytes and back; decode is given bytes read
// for it alone, which it may keep (see Take).
func NewDisk[V any](dir string, encode func(V) []byte, decode func([]byte) (V, error)) *Disk[V] {
	d := &Disk[V]{dir: dir, encode: encode, decode: decode, open: map[int]*os.File{}, whole: map[int][]byte{}}
	d.index = readIndex(filepath.Join(dir, indexName))
	d.used = make(map[[32]byte]place, len(d.index)) // most builds use about what the last one did
	return d
}

func segName(dir string, id int) string { return filepath.Join(dir, segBase(id)) }

func segBase(id int) string { return fmt.Sprintf("seg-%06d", id) }

// readIndex reads an index file: nothing if it is missing or broken.
func readIndex(name string) map[[32]byte]place {
	m := map[[32]byte]place{}
	b, err := os.ReadFile(name)
	if err != nil || len(b) < len(indexHeader)+4 || string(b[:len(indexHeader)]) != indexHeader {
		return m
	}
	body := b[len(indexHeader) : len(b)-4]
	if binary.LittleEndian.Uint32(b[len(b)-4:]) != crc32.Checksum(body, castagnoli) {
		return m
	}
	r := NewReader(body)
	n := r.Count()
	m = make(map[[32]byte]place, n) // a large index is not grown step by step
	for ; n > 0 && r.OK(); n-- {
		var k [32]byte
		copy(k[:], r.Str())
		m[k] = place{seg: r.Int(), off: int64(r.Int()), n: int64(r.Int())}
	}
	if r.Err() != nil {
		return map[[32]byte]place{}
	}
	return m
}

func (d *Disk[V]) Get(key [32]byte) (v V, ok bool) {
	b, at, ok := d.read(key)
	if !ok {
		return v, false
	}
	v, err := d.decode(b)
	if err != nil {
		return v, false
	}
	d.mu.Lock()
	d.used[key] = at
	d.mu.Unlock()
	return v, true
}

// Keep marks the values kept for keys, if any, used, unread.
func (d *Disk[V]) Keep(keys ...[32]byte) {
	d.mu.Lock()
	defer d.mu.Unlock()
	for _, key := range keys {
		if _, ok := d.used[key]; ok {
			continue
		}
		if at, ok := d.index[key]; ok {
			d.used[key] = at
		}
	}
}

// Has says whether a value is kept for key, without reading it or
// marking it used.
func (d *Disk[V]) Has(key [32]byte) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	_, used := d.used[key]
	_, kept := d.index[key]
	return used || kept
}

// Raw returns the bytes encode made of the value kept for key, checked but
// not decoded, for a caller that needs only part of it. It does not mark
// the value used.
func (d *Disk[V]) Raw(key [32]byte) ([]byte, bool) {
	b, _, ok := d.read(key)
	return b, ok
}

// read reads and checks the value kept for key.
func (d *Disk[V]) read(key [32]byte) ([]byte, place, bool) {
	d.mu.Lock()
	at, ok := d.used[key]
	if !ok {
		at, ok = d.index[key]
	}
	var f *os.File
	var whole []byte
	if ok {
		whole = d.wholeSegment(at.seg)
		if whole == nil {
			f = d.segment(at.seg)
		}
	}
	d.mu.Unlock()
	if f == nil && whole == nil || at.n < 4 || at.n > 1<<30 {
		return nil, at, false
	}
	var b []byte
	if whole != nil {
		if at.off < 0 || at.off > int64(len(whole))-at.n {
			return nil, at, false
		}
		// not a copy: nothing writes to the segment's bytes, and a value
		// decoded from them may keep them
		b = whole[at.off : at.off+at.n : at.off+at.n]
	} else {
		b = make([]byte, at.n)
		if _, err := f.ReadAt(b, at.off); err != nil {
			return nil, at, false
		}
	}
	if binary.LittleEndian.Uint32(b) != crc32.Checksum(b[4:], castagnoli) {
		return nil, at, false
	}
	return b[4:], at, true
}

// wholeSegment returns segment id's bytes if it is small enough to be read
// whole, reading it the first time, or nil. The segment this build
// appends to is not. The caller holds mu.
func (d *Disk[V]) wholeSegment(id int) []byte {
	if b, ok := d.whole[id]; ok {
		return b
	}
	var b []byte
	if id != d.outID || d.out == nil {
		if f := d.segment(id); f != nil {
			if info, err := f.Stat(); err == nil && info.Size() <= wholeMax {
				b = make([]byte, info.Size())
				if _, err := f.ReadAt(b, 0); err != nil {
					b = nil
				}
			}
		}
	}
	d.whole[id] = b // nil: read value by value
	return b
}

// segment opens segment id for reading, or gives nil. The caller holds mu.
func (d *Disk[V]) segment(id int) *os.File {
	if id == d.outID && d.out != nil {
		if d.outW.Flush() != nil {
			return nil
		}
		return d.out
	}
	if f, ok := d.open[id]; ok {
		return f
	}
	f, err := os.Open(segName(d.dir, id))
	if err != nil {
		return nil
	}
	d.open[id] = f
	return f
}

func (d *Disk[V]) Put(key [32]byte, v V) bool {
	data := d.encode(v)
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.out == nil && !d.create() {
		return false
	}
	if _, err := d.outW.Write(binary.LittleEndian.AppendUint32(nil, crc32.Checksum(data, castagnoli))); err != nil {
		return false
	}
	if _, err := d.outW.Write(data); err != nil {
		return false
	}
	d.used[key] = place{d.outID, d.outAt, int64(4 + len(data))}
	d.outAt += int64(4 + len(data))
	return true
}

// create makes this build's segment, numbered after every segment there
// is. The caller holds mu.
func (d *Disk[V]) create() bool {
	if os.MkdirAll(d.dir, 0o755) != nil {
		return false
	}
	id := 0
	for _, s := range d.segments() {
		id = max(id, s+1)
	}
	for tries := 0; tries < 100; tries, id = tries+1, id+1 {
		f, err := os.OpenFile(segName(d.dir, id), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o644)
		if err == nil {
			d.out, d.outW, d.outAt, d.outID = f, bufio.NewWriterSize(f, 1<<16), 0, id
			return true
		}
	}
	return false
}

// segments lists the numbers of the segment files in the folder.
func (d *Disk[V]) segments() []int {
	var ids []int
	entries, _ := os.ReadDir(d.dir)
	for _, e := range entries {
		num, ok := strings.CutPrefix(e.Name(), "seg-")
		if id, err := strconv.Atoi(num); ok && err == nil && e.Name() == segBase(id) {
			ids = append(ids, id)
		}
	}
	return ids
}

// Prune keeps only the values this build used: see Disk.
func (d *Disk[V]) Prune() {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.out != nil {
		d.outW.Flush()
	}
	live := map[int]int64{}
	for _, at := range d.used {
		live[at.seg] += at.n
	}
	var total, kept int64
	segs := d.segments()
	for _, id := range segs {
		if info, err := os.Stat(segName(d.dir, id)); err == nil {
			total += info.Size()
		}
		kept += live[id]
	}
	if len(d.used) > 0 && (kept < total/2 || len(live) > maxSegments) {
		d.compact()
		clear(live)
		for _, at := range d.used {
			live[at.seg] += at.n
		}
		segs = d.segments()
	}
	for _, f := range d.open {
		f.Close()
	}
	clear(d.open)
	clear(d.whole)
	if d.out != nil {
		d.out.Close()
		d.out = nil
	}
	for _, id := range segs {
		if _, ok := live[id]; !ok || len(d.used) == 0 {
			os.Remove(segName(d.dir, id))
		}
	}
	if len(d.used) == 0 {
		os.Remove(filepath.Join(d.dir, indexName))
	} else if err := d.writeIndex(); err != nil {
		os.Remove(filepath.Join(d.dir, indexName)) // better none than a wrong one
	}
	d.index, d.used = d.used, map[[32]byte]place{}
}

// compact copies every value used into one new segment. The caller holds
// mu; on failure the values stay where they are.
func (d *Disk[V]) compact() {
	old := d.used
	if d.out != nil {
		d.out.Close()
		d.out = nil
	}
	if !d.create() {
		return
	}
	moved := make(map[[32]byte]place, len(old))
	for _, k := range sortedKeys(old) {
		at := old[k]
		f := d.segment(at.seg)
		if f == nil {
			continue // unreadable: dropped
		}
		b := make([]byte, at.n)
		if _, err := f.ReadAt(b, at.off); err != nil {
			continue
		}
		if _, err := d.outW.Write(b); err != nil {
			d.used = old
			return
		}
		moved[k] = place{d.outID, d.outAt, at.n}
		d.outAt += at.n
	}
	if d.outW.Flush() != nil {
		d.used = old
		return
	}
	d.used = moved
}

// sortedKeys lists m's keys in order, so that what is written from m is
// the same for the same values.
func sortedKeys(m map[[32]byte]place) [][32]byte {
	keys := make([][32]byte, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	slices.SortFunc(keys, func(a, b [32]byte) int { return bytes.Compare(a[:], b[:]) })
	return keys
}

// writeIndex writes the index of the values used, whole or not at all.
func (d *Disk[V]) writeIndex() error {
	keys := sortedKeys(d.used)
	var b Buffer
	b.Int(len(keys))
	for _, k := range keys {
		at := d.used[k]
		b.Str(string(k[:]))
		b.Int(at.seg)
		b.Int(int(at.off))
		b.Int(int(at.n))
	}
	data := append([]byte(indexHeader), b...)
	data = binary.LittleEndian.AppendUint32(data, crc32.Checksum(b, castagnoli))
	f, err := os.CreateTemp(d.dir, ".index-*")
	if err != nil {
		return err
	}
	_, err = f.Write(data)
	if err = errors.Join(err, f.Close()); err == nil {
		err = os.Rename(f.Name(), filepath.Join(d.dir, indexName))
	}
	if err != nil {
		os.Remove(f.Name())
	}
	return err
}

// Buffer writes values for a Disk's encode: numbers and strings, each
// string with its length.
type Buffer []byte

func (b *Buffer) Int(n int) { *b = binary.AppendUvarint(*b, uint64(n)) }

// IntSize is how many bytes Int writes for n.
func IntSize(n int) int {
	k := 1
	for u := uint64(n); u >= 0x80; u >>= 7 {
		k++
	}
	return k
}

// StrSize is how many bytes Str writes for a string of n bytes.
func StrSize(n int) int { return IntSize(n) + n }

func (b *Buffer) Str(s string) {
	b.Int(len(s))
	*b = append(*b, s...)
}

// Float writes f's bits whole, in eight bytes.
func (b *Buffer) Float(f float64) { *b = binary.LittleEndian.AppendUint64(*b, math.Float64bits(f)) }

func (b *Buffer) Strings(ss []string) {
	b.Int(len(ss))
	for _, s := range ss {
		b.Str(s)
	}
}

// FirstString returns the first string a Buffer wrote in b, without reading
// the rest.
func FirstString(b []byte) (string, bool) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)-k) {
		return "", false
	}
	return string(b[k : k+int(n)]), true
}

// Reader reads what a Buffer wrote, for a Disk's decode. Its strings share
// one copy of the bytes. After a read past the end or a malformed number it
// reads zeros and empty strings, and Err says so.
type Reader struct {
	s   string
	err error
}

// NewReader reads b, copied once.
func NewReader(b []byte) *Reader { return &Reader{s: string(b)} }

// Take reads b, not copied: its strings are b's bytes, which nothing may
// change after. A Disk's decode may take the bytes it is given, which are
// read for it alone.
func Take(b []byte) *Reader { return &Reader{s: unsafe.String(unsafe.SliceData(b), len(b))} }

// NewStringReader reads s, not copied: its strings share s's bytes.
func NewStringReader(s string) *Reader { return &Reader{s: s} }

var errShort = errors.New("cache file cut short or malformed")

func (r *Reader) Int() int {
	n, k := binary.Uvarint([]byte(r.s[:min(len(r.s), binary.MaxVarintLen64)]))
	if k <= 0 || n > math.MaxInt {
		r.fail()
		return 0
	}
	r.s = r.s[k:]
	return int(n)
}

func (r *Reader) Str() string {
	n := r.Int()
	if n > len(r.s) {
		r.fail()
		return ""
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

// Fixed reads n bytes, written with no length before them.
func (r *Reader) Fixed(n int) string {
	if n < 0 || n > len(r.s) {
		r.fail()
		return string(make([]byte, max(n, 0)))
	}
	s := r.s[:n]
	r.s = r.s[n:]
	return s
}

// Count reads the length of a list whose items take at least a byte
// each: a length larger than the bytes left fails the reader, and reads 0.
func (r *Reader) Count() int {
	n := r.Int()
	if n > len(r.s) {
		r.fail()
		return 0
	}
	return n
}

// Float reads what Buffer.Float wrote.
func (r *Reader) Float() float64 {
	return math.Float64frombits(binary.LittleEndian.Uint64([]byte(r.Fixed(8))))
}

// Strings reads a list of strings; nil for an empty one.
func (r *Reader) Strings() []string {
	n := r.Count()
	var out []string
	for ; n > 0 && r.OK(); n-- {
		out = append(out, r.Str())
	}
	return out
}

func (r *Reader) fail() {
	r.err, r.s = errShort, ""
}

// OK says whether everything read so far was there.
func (r *Reader) OK() bool { return r.err == nil }

// Err is the reader's error: nil if everything read was there and the
// whole value was read.
func (r *Reader) Err() error {
	if r.err == nil && r.s != "" {
		return errors.New("cache file has bytes left over")
	}
	return r.err
}
