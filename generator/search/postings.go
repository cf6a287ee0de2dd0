package search

import (
	"bufio"
	"encoding/binary"
	"errors"
	"hash"
	"hash/crc32"
	"maps"
	"math"
	"os"
	"slices"
	"strings"
	"unsafe"

	"handbook/generator/memo"
	"handbook/generator/output"
)

// A build into an output folder keeps its index's postings in a file of
// the cache folder, as serve keeps them in memory: the next build patches
// them where pages changed (see Postings) instead of merging, scoring and
// encoding every page's words again. The file holds the documents' keys
// with their counts' keys, fields' lengths and words whose stems differ,
// and each term's list, score and encoded postings; each document's counts
// stay in the count cache, which gives a changed document's old ones back
// by their key (to find the lists that held it). A file that is missing, broken or from another index is a
// file not kept: the build merges whole, as without one.

// LoadPostings returns the postings saved in file by the last build, or
// empty postings if there are none it can read; Write saves them there
// again.
func LoadPostings(file string) *Postings {
	p := &Postings{file: file}
	b, err := readShared(file)
	if err != nil {
		return p
	}
	if q, err := decodePostings(b); err == nil {
		q.file = file
		return q
	}
	return p
}

const postingsHeader = "handbook postings 3\n"

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// saver writes a postings file through a temporary file, a document or a
// term at a time, so that a large index is never held twice: the header,
// the checksum of the rest (written last), the documents, the scores'
// parameters, then each term as Write encodes it. A build that stops half
// way, or cannot write, leaves the last whole file.
type saver struct {
	f         *os.File
	w         *bufio.Writer
	sum       hash.Hash32
	b         memo.Buffer
	tmp, file string
	err       error
}

// save starts writing the postings' documents to their file, or returns
// nil if they have none.
func (p *Postings) save() *saver {
	if p.file == "" {
		return nil
	}
	return p.saveTo(p.file)
}

func (p *Postings) saveTo(file string) *saver {
	s := &saver{tmp: file + ".tmp", file: file, sum: crc32.New(castagnoli)}
	s.f, s.err = os.Create(s.tmp)
	if s.err != nil {
		return s
	}
	s.w = bufio.NewWriterSize(s.f, 1<<16)
	s.w.WriteString(postingsHeader + "\x00\x00\x00\x00")
	// the words documents hold, numbered afresh
	live, held := make([]uint32, len(p.words.word)), 0
	for n := range p.words.word {
		if p.words.holders[n] > 0 {
			live[n] = uint32(held)
			held++
		}
	}
	s.b.Int(held)
	for n, w := range p.words.word {
		if p.words.holders[n] > 0 {
			s.b.Str(w)
			s.b.Str(p.words.stem[n])
			s.flush()
		}
	}
	s.b.Int(len(p.keys))
	for i, k := range p.keys {
		s.b.Str(k)
		s.b = append(s.b, p.countKeys[i][:]...)
		for _, n := range p.lens[i] {
			s.b.Int(int(n))
		}
		s.b.Int(len(p.words.docs[i]))
		for _, n := range p.words.docs[i] {
			s.b.Int(int(live[n]))
		}
		s.flush()
	}
	return s
}

func (s *saver) flush() {
	if s.err == nil {
		s.sum.Write(s.b)
		_, s.err = s.w.Write(s.b)
	}
	s.b = s.b[:0]
}

func (s *saver) float(f float64) { s.b.Float(f) }

// params writes the scores' parameters and how many terms follow.
func (s *saver) params(p scoreParams, terms int) {
	s.float(p.n)
	for _, a := range p.avg {
		s.float(a)
	}
	s.b.Int(terms)
	s.flush()
}

// term writes one term's list, and its score and encoded postings if st
// is set.
func (s *saver) term(stem string, l *rawList, st *scoredTerm) {
	s.b.Str(stem)
	s.b.Int(l.n)
	s.b.Int(len(l.buf))
	s.b = append(s.b, l.buf...)
	if st != nil {
		s.b = append(s.b, 1)
		s.float(st.max)
		s.float(st.encMax)
		s.b.Str(st.enc)
		s.b = append(s.b, st.sum[:]...)
		s.b.Int(int(st.top + 1))
		s.b.Int(st.df)
	} else {
		s.b = append(s.b, 0)
	}
	s.flush()
}

// finish writes the checksum and puts the file in place; a nil saver does
// nothing.
func (s *saver) finish() {
	if s == nil || s.f == nil {
		return
	}
	if s.err == nil {
		s.err = s.w.Flush()
	}
	if s.err == nil {
		_, s.err = s.f.WriteAt(binary.LittleEndian.AppendUint32(nil, s.sum.Sum32()), int64(len(postingsHeader)))
	}
	if err := s.f.Close(); s.err == nil {
		s.err = err
	}
	s.f = nil
	if s.err == nil {
		s.err = os.Rename(s.tmp, s.file)
	}
	if s.err != nil {
		os.Remove(s.tmp)
	}
}

// abort stops writing, if the saver has not finished. The last build's
// file stays: it still says what it held, by the keys of the counts.
func (s *saver) abort() {
	if s == nil || s.f == nil {
		return
	}
	s.f.Close()
	s.f = nil
	os.Remove(s.tmp)
}

// writeTo writes the postings whole to file (the tests' way to save).
func (p *Postings) writeTo(file string) error {
	s := p.saveTo(file)
	stems := slices.Sorted(maps.Keys(p.raw))
	s.params(p.params, len(stems))
	for _, st := range stems {
		s.term(st, p.raw[st], p.scored[st])
	}
	s.finish()
	return s.err
}

var errPostings = errors.New("postings file: broken")

// The pages' part of the index header (see header.pages), megabytes at
// 10k pages, is kept beside the postings as serve keeps it in memory: a
// build whose pages kept their titles, summaries and names (most edits
// change only text) takes it as it was. The file is a line naming it, the
// checksum of the rest, the key of what it was made from, then the JSON.
const namesHeader = "handbook names 1\n"

// namesFile is where the pages' part of the header is kept, beside the
// postings' file.
func (p *Postings) namesFile() string { return p.file + ".names" }

// loadNames reads the last build's pages' part of the header into p.names,
// if its file is whole, for Write to use or replace.
func (p *Postings) loadNames() {
	b, err := os.ReadFile(p.namesFile())
	at := len(namesHeader) + 4
	if err == nil && len(b) > at+len(p.names.key) && string(b[:len(namesHeader)]) == namesHeader &&
		crc32.Checksum(b[at:], castagnoli) == binary.LittleEndian.Uint32(b[len(namesHeader):at]) {
		copy(p.names.key[:], b[at:])
		p.names.json = b[at+len(p.names.key):]
	}
	p.namesKept = p.names.key
}

// saveNames writes p.names to its file if Write made them afresh.
func (p *Postings) saveNames() error {
	if p.names.key == p.namesKept || p.names.json == nil {
		return nil
	}
	at := len(namesHeader) + 4
	b := make([]byte, at, at+len(p.names.key)+len(p.names.json))
	copy(b, namesHeader)
	b = append(append(b, p.names.key[:]...), p.names.json...)
	binary.LittleEndian.PutUint32(b[len(namesHeader):], crc32.Checksum(b[at:], castagnoli))
	tmp := p.namesFile() + ".tmp"
	err := os.WriteFile(tmp, b, 0o644)
	if err == nil {
		err = os.Rename(tmp, p.namesFile())
	}
	if err != nil {
		os.Remove(tmp)
	}
	return err
}

// decodePostings reads a postings file's bytes b, checking every part.
// The postings' terms, lists and encodings share b's bytes, which must
// not change while the postings are used.
func decodePostings(b string) (*Postings, error) {
	if len(b) < len(postingsHeader)+4 || b[:len(postingsHeader)] != postingsHeader {
		return nil, errPostings
	}
	sum, body := b[len(postingsHeader):len(postingsHeader)+4], b[len(postingsHeader)+4:]
	if crc32.Update(0, castagnoli, readOnly(body)) != binary.LittleEndian.Uint32([]byte(sum)) {
		return nil, errPostings
	}
	r := memo.NewStringReader(body)
	words := newWordBook(0)
	held := r.Int()
	if held > len(body) {
		return nil, errPostings
	}
	for range held {
		w, s := r.Str(), r.Str()
		if _, dup := words.num[w]; dup {
			return nil, errPostings
		}
		words.add(w, s)
	}
	n := r.Int()
	if n < 0 || n > len(body) {
		return nil, errPostings
	}
	words.docs = make([][]uint32, n)
	p := &Postings{keys: make([]string, 0, n), countKeys: make([]output.Key, 0, n), lens: make([][nFields]int32, n), words: words,
		raw: map[string]*rawList{}, scored: map[string]*scoredTerm{}}
	for i := range n {
		p.keys = append(p.keys, strings.Clone(r.Str())) // not the whole file's
		var k output.Key
		copy(k[:], r.Fixed(len(k)))
		p.countKeys = append(p.countKeys, k)
		for f := range p.lens[i] {
			p.lens[i][f] = int32(min(r.Int(), math.MaxInt32))
		}
		nums := r.Int()
		if nums > len(body) {
			return nil, errPostings
		}
		words.docs[i] = make([]uint32, 0, nums)
		for ; nums > 0 && r.OK(); nums-- {
			w := r.Int()
			if w >= held {
				return nil, errPostings
			}
			words.docs[i] = append(words.docs[i], uint32(w))
			words.holders[w]++
		}
	}
	float := r.Float
	p.params.n = float()
	for f := range p.params.avg {
		p.params.avg[f] = float()
	}
	for terms := r.Int(); terms > 0 && r.OK(); terms-- {
		s := r.Str()
		l := &rawList{n: r.Int(), buf: readOnly(r.Str()), unindexed: true} // add appends to a copy
		if !l.check(int32(n)) {
			return nil, errPostings
		}
		p.raw[s] = l
		if r.Fixed(1) == "\x01" {
			st := &scoredTerm{max: float(), encMax: float(), enc: r.Str()}
			copy(st.sum[:], r.Fixed(len(st.sum)))
			if top := r.Int() - 1; top >= -1 && top < n {
				st.top, st.df = int32(top), r.Int()
			} else {
				return nil, errPostings
			}
			p.scored[s] = st
		}
	}
	if r.Err() != nil {
		return nil, errPostings
	}
	return p, nil
}

// check reads the list through, as each does, without trusting it: it
// reports whether it holds n postings of documents in order, each below
// docs, and sets last.
func (l *rawList) check(docs int32) bool {
	count, doc := 0, int64(-1)
	for i := 0; i < len(l.buf); {
		d, k := binary.Uvarint(l.buf[i:])
		if k <= 0 || (count > 0 && d == 0) {
			return false
		}
		i += k
		doc += int64(d)
		if count == 0 {
			doc++ // the first posting's distance is from 0, not -1
		}
		if doc >= int64(docs) || i >= len(l.buf) {
			return false
		}
		fields := l.buf[i]
		i++
		if fields >= 1<<nFields {
			return false
		}
		for f := range nFields {
			if fields&(1<<f) != 0 {
				c, k := binary.Uvarint(l.buf[i:])
				if k <= 0 || c == 0 || c > math.MaxUint16 {
					return false
				}
				i += k
			}
		}
		count++
	}
	l.last = int32(max(doc, 0))
	return count == l.n
}

// readOnly is s's bytes, not copied, with no room to grow: appending to
// them copies them first. Nothing may write to them.
func readOnly(s string) []byte {
	return unsafe.Slice(unsafe.StringData(s), len(s))
}
