package render

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"hash"
	"io/fs"
	"maps"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"sync"

	"handbook/generator/memo"
	"handbook/generator/output"
)

// Keeper says whether the file at path, made from inputs whose hash is
// key, may stay as the previous build wrote it instead of being made again.
// It is called from several goroutines at once.
type Keeper func(path string, key output.Key) bool

// A page's key hashes everything its layout reads: the page's data (its
// view, converted body and links, see viewHash) and what every page shares (the
// layouts, the site's data, the generator itself). Layouts read nothing
// else, so two builds with one key write the same bytes.

// sharedKey hashes what every page's layout reads besides its own data.
func sharedKey(layouts output.Key, s *site) (output.Key, error) {
	h := sha256.New()
	h.Write([]byte(GeneratorID()))
	h.Write(layouts[:])
	sections := make([]string, 0, len(s.sections))
	for k := range s.sections {
		sections = append(sections, k)
	}
	sort.Strings(sections)
	v := viewHash{}
	if !v.add(reflect.ValueOf(s)) || !v.add(reflect.ValueOf(sections)) {
		return output.Key{}, errors.New("the site's data cannot be hashed")
	}
	h.Write(v.buf)
	var k output.Key
	h.Sum(k[:0])
	return k, nil
}

// layoutsKey hashes the files of the layouts folder.
func layoutsKey(fsys fs.FS) (output.Key, error) {
	h := sha256.New()
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		h.Write([]byte(p + "\x00" + strconv.Itoa(len(b)) + "\x00"))
		h.Write(b)
		return nil
	})
	var k output.Key
	h.Sum(k[:0])
	return k, err
}

// inputsKey hashes a page's own data with the shared key, the model's
// values once per build in models; ok is false when the data cannot be
// hashed (then the page is always made).
func inputsKey(shared output.Key, models *sync.Map, d *pageData) (k output.Key, ok bool) {
	own := *d
	own.Site = nil // in the shared key
	own.Body = ""  // hashed as it is
	h := sha256.New()
	h.Write(shared[:])
	if d.partsKey != (output.Key{}) {
		// print.html: the keys of its articles stand for their HTML
		own.PrintGroups = withoutHTML(d.PrintGroups)
		h.Write(d.partsKey[:])
	}
	if d.bodyKey != (output.Key{}) {
		// the key of the page's conversion stands for the HTML it made,
		// which stays in the cache unless the page is laid out
		h.Write([]byte{1})
		h.Write(d.bodyKey[:])
	} else {
		h.Write([]byte{0})
		binary.Write(h, binary.LittleEndian, int64(len(d.Body)))
		h.Write([]byte(d.Body))
	}
	buf := viewBufs.Get().(*memo.Buffer)
	defer viewBufs.Put(buf)
	v := viewHash{buf: (*buf)[:0], shared: models, w: h}
	ok = v.add(reflect.ValueOf(&own))
	*buf = v.buf[:0]
	if !ok {
		return k, false
	}
	h.Write(v.buf)
	h.Sum(k[:0])
	return k, true
}

// GeneratorID names this build of the generator (see output.GeneratorID).
var GeneratorID = output.GeneratorID

// A page's view is made from the model, what every page shares, what the
// conversion of other pages gives it (links, for backlinks; exercises'
// steps and last headings) and its own converted text: nothing else. So
// the hash of those stands for the view, and for its key: viewsKey hashes
// all but the page's own text, memoKey adds that, and the cache keeps each
// page's key by its memoKey. A page whose memoKey the last build saw is
// kept (if its file is) without its view being made or hashed: after one
// save in serve, only the pages that could show what changed. A dependency
// this misses would keep a stale page; Config.VerifyKeys makes the views
// anyway and checks.

// viewsKey hashes what any page's view reads besides its own converted
// text; zero (no memo) without a model key.
func (r *builder) viewsKey() output.Key {
	if r.modelKey == (output.Key{}) {
		return output.Key{}
	}
	var b memo.Buffer
	b = append(b, r.shared[:]...)
	b = append(b, r.modelKey[:]...)
	b = append(b, r.conv.Around[:]...)
	b.Str(r.base)
	b.Str(r.edition)
	for _, on := range []bool{r.offline, r.sheet, r.tree != nil} {
		if on {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	order := r.g.Order()
	c := r.cache
	if c == nil || !c.inMemory {
		c = nil
	}
	for _, sum := range []output.Key{
		pageMap(c, "backlinks", order, r.conv.Backlinks, slices.Equal, (*memo.Buffer).Strings),
		pageMap(c, "steps", order, r.conv.Steps, slices.Equal, (*memo.Buffer).Strings),
		pageMap(c, "ends", order, r.conv.Ends, func(a, b string) bool { return a == b }, (*memo.Buffer).Str),
	} {
		b = append(b, sum[:]...)
	}
	return sha256.Sum256(b)
}

// bySortedKey writes m's length, then each key and its value (with
// value), by key. With h, what b holds goes to h whenever it grows past
// spillAt.
func bySortedKey[V any](b *memo.Buffer, h hash.Hash, m map[string]V, value func(V)) {
	inKeys(b, h, slices.Sorted(maps.Keys(m)), m, value)
}

// pageMap hashes m, a map by page, as inOrder writes it with value. A
// cache in memory (serve) keeps the last build's map and hash by name, and
// gives the hash again while the map holds equal values (by eq): after a
// save, most pages' lists are the very ones of the last build, and
// comparing them costs far less than hashing megabytes at 10k pages.
func pageMap[V any](c *Cache, name string, order []string, m map[string]V, eq func(a, b V) bool, value func(*memo.Buffer, V)) output.Key {
	if c != nil {
		c.mu.Lock()
		last, ok := c.maps[name].(keptMap[V])
		c.mu.Unlock()
		if ok && maps.EqualFunc(last.m, m, eq) {
			return last.sum
		}
	}
	// written through to the hash as the buffer fills: the lists of every
	// page come to megabytes at 10k pages
	h := sha256.New()
	b := make(memo.Buffer, 0, spillAt+spillAt/8)
	inOrder(&b, h, order, m, func(v V) { value(&b, v) })
	h.Write(b)
	var k output.Key
	h.Sum(k[:0])
	if c != nil {
		c.mu.Lock()
		if c.maps == nil {
			c.maps = map[string]any{}
		}
		c.maps[name] = keptMap[V]{m, k}
		c.mu.Unlock()
	}
	return k
}

// keptMap is a map by page and its hash (see pageMap).
type keptMap[V any] struct {
	m   map[string]V
	sum output.Key
}

// inOrder writes m as bySortedKey does, but in the order of keys, when
// they hold every key of m (the pages' keys in the graph's order, for maps
// by page): sorting the keys of maps of every page, on every save, cost
// more than hashing them. Otherwise it writes m sorted. A first byte says
// which.
func inOrder[V any](b *memo.Buffer, h hash.Hash, keys []string, m map[string]V, value func(V)) {
	n := 0
	for _, k := range keys {
		if _, ok := m[k]; ok {
			n++
		}
	}
	if n != len(m) {
		*b = append(*b, 1)
		bySortedKey(b, h, m, value)
		return
	}
	*b = append(*b, 0)
	inKeys(b, h, keys, m, value)
}

// inKeys writes m's length, then each of keys (no two the same) that m
// holds and its value, in that order, spilling to h as bySortedKey does.
func inKeys[V any](b *memo.Buffer, h hash.Hash, keys []string, m map[string]V, value func(V)) {
	b.Int(len(m))
	for _, k := range keys {
		v, ok := m[k]
		if !ok {
			continue
		}
		b.Str(k)
		value(v)
		if h != nil && len(*b) > spillAt {
			h.Write(*b)
			*b = (*b)[:0]
		}
	}
}

// memoKey hashes what page d's view is made from (see viewsKey); ok is
// false for a page whose view reads other pages' text (print.html) or
// whose text is not in the cache.
func (r *builder) memoKey(d *pageData) (k output.Key, ok bool) {
	if r.views == (output.Key{}) || d.Kind == "print" || d.Body != "" {
		return k, false
	}
	var b memo.Buffer
	b = append(b, r.views[:]...)
	b.Str(d.Kind)
	b.Str(d.Path)
	b.Str(d.Key)
	b = append(b, d.bodyKey[:]...)
	return sha256.Sum256(b), true
}
