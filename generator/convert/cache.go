package convert

import (
	"crypto/sha256"
	"encoding/binary"
	"errors"
	"html/template"
	"maps"
	"path/filepath"
	"slices"
	"sort"
	"strconv"
	"strings"

	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/memo"
	"handbook/generator/output"
)

// Cache keeps converted pages from one build to the next: a page whose
// markdown, place and surroundings are the same is not parsed again. In
// memory (serve) it keeps the last build's run as well; on disk, in a
// folder, for the next build of another process. The zero value is not
// ready; use NewCache or NewDiskCache.
type Cache struct {
	pages memo.Store[*converted]
	// bodies, on disk only, keep converted pages' HTML and text apart
	// from pages, by the same keys: a page kept is read from pages alone
	bodies *memo.Disk[*converted]
	// sourceIDs are the heading ids of translated pages' sources, by a
	// hash of the source's markdown and the ids the layouts reserve (see
	// sourceIDs): a translated page's key needs them on every build
	sourceIDs *memo.Map[[]string]
	// links are the backlinks found in the pages' text, changed for the
	// pages whose links changed; kept only by a cache in memory (serve's),
	// the next build being in this process
	links    graph.TextLinks
	inMemory bool
	// last is, in memory only, what the last build's Run made (see lastRun)
	last *lastRun
}

// NewCache returns an empty cache in memory.
func NewCache() *Cache {
	return &Cache{pages: memo.New[*converted](), sourceIDs: memo.New[[]string](), inMemory: true}
}

// NewDiskCache returns a cache that keeps converted pages in files in the
// folder dir (in pages/ and bodies/), for the next build.
func NewDiskCache(dir string) *Cache {
	return &Cache{pages: memo.NewDisk(filepath.Join(dir, "pages"), encodeConverted, decodeConverted),
		bodies:    memo.NewDisk(filepath.Join(dir, "bodies"), encodeBody, decodeBody),
		sourceIDs: memo.New[[]string]()}
}

// sourceIDsOf is sourceIDs(body, reserved), kept from the last build if
// body is the same and reserved, whose hash is reservedKey, too. A nil
// cache keeps nothing.
func (c *Cache) sourceIDsOf(src Markdown, reserved map[string]bool, reservedKey output.Key) []string {
	if c == nil {
		return sourceIDs(src.text(), reserved)
	}
	sum := src.sum()
	k := sha256.Sum256(append(reservedKey[:], sum[:]...))
	if ids, ok := c.sourceIDs.Get(k); ok {
		return ids
	}
	ids := sourceIDs(src.text(), reserved)
	c.sourceIDs.Put(k, ids)
	return ids
}

// textLinks gives the cache's backlinks of the pages' text the links of
// this build, text, and returns them (one build at a time).
func (c *Cache) textLinks(text map[string][]string) *graph.TextLinks {
	c.links.Update(text)
	return &c.links
}

// keyOfSet hashes set, in the order of its keys: its length, then each key
// and 1 if its value is true.
func keyOfSet(set map[string]bool) output.Key {
	var b memo.Buffer
	b.Int(len(set))
	for _, k := range slices.Sorted(maps.Keys(set)) {
		b.Str(k)
		if set[k] {
			b = append(b, 1)
		} else {
			b = append(b, 0)
		}
	}
	return sha256.Sum256(b)
}

// Web reads back the HTML of the page converted with key (Pages.BodyKeys),
// kept by this build: from a cache on disk only that part is decoded.
func (c *Cache) Web(key output.Key) (template.HTML, bool) {
	if c.bodies != nil {
		b, ok := c.bodies.Raw(key)
		if !ok {
			return "", false
		}
		s, ok := memo.FirstString(b)
		return template.HTML(s), ok
	}
	v, ok := c.pages.Get(key)
	if !ok {
		return "", false
	}
	return v.web, true
}

// texts reads back from a cache on disk the sections of the page
// converted with key, kept by this build (see converted).
func (c *Cache) texts(key output.Key) ([]handbook.Section, error) {
	if b, ok := c.bodies.Raw(key); ok {
		if v, err := decodeBody(b); err == nil {
			return v.texts, nil
		}
	}
	return nil, ErrCacheLost
}

// ErrCacheLost is the error of a build that found, late, a page's HTML or
// text no longer readable in the cache folder, which said it had them: the
// folder was damaged, or changed by another build. Only the cache is at
// fault; a build without it (site.Build makes one) succeeds.
var ErrCacheLost = errors.New("its converted text is no longer readable in the cache folder")

// convertedSize is the length of encodeConverted(c), so that the buffer
// is made once.
func convertedSize(c *converted) int { return recordSize(c, c.sectionAnchors()) }

// recordSize is convertedSize, with c's sections' anchors.
func recordSize(c *converted, anchors []string) int {
	str, num := memo.StrSize, memo.IntSize
	n := str(len(c.printed)) + num(len(anchors)) + num(len(c.steps)) + num(len(c.headings)) +
		num(len(c.st.links)) + num(len(c.st.anchors)) + str(len(c.textSum))
	for _, a := range anchors {
		n += str(len(a))
	}
	for _, s := range c.steps {
		n += str(len(s))
	}
	for id := range c.headings {
		n += str(len(id))
	}
	for _, l := range c.st.links {
		n += str(len(l))
	}
	for _, a := range c.st.anchors {
		n += str(len(a.target)) + str(len(a.anchor)) + str(len(a.pos.File)) + num(a.pos.Line) + num(a.pos.Col)
	}
	return n
}

// encodeConverted writes what every build reads of a page converted by an
// earlier one: all but its HTML and text, which encodeBody writes apart.
func encodeConverted(c *converted) []byte {
	anchors := c.sectionAnchors() // made once, for the size and the record
	b := make(memo.Buffer, 0, recordSize(c, anchors))
	b.Str(string(c.printed))
	b.Strings(anchors)
	b.Strings(c.steps)
	ids := make([]string, 0, len(c.headings))
	for id := range c.headings {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	b.Strings(ids)
	b.Strings(c.st.links)
	b.Int(len(c.st.anchors))
	for _, a := range c.st.anchors {
		b.Str(a.target)
		b.Str(a.anchor)
		b.Str(a.pos.File)
		b.Int(a.pos.Line)
		b.Int(a.pos.Col)
	}
	b.Str(string(c.textSum[:]))
	return b
}

// decodeConverted reads what encodeConverted wrote: a page with no HTML
// and no text, only its sections' anchors. Its strings share the bytes,
// which are few and kept to the end.
func decodeConverted(data []byte) (*converted, error) {
	r := memo.Take(data)
	c := &converted{st: &parsing{}, printed: template.HTML(r.Str()), anchors: r.Strings(), steps: r.Strings()}
	c.headings = map[string]bool{}
	for n := r.Count(); n > 0 && r.OK(); n-- {
		c.headings[r.Str()] = true
	}
	c.st.links = r.Strings()
	for n := r.Count(); n > 0 && r.OK(); n-- {
		a := anchorRef{target: r.Str(), anchor: r.Str()}
		a.pos = diag.Pos{File: r.Str(), Line: r.Int(), Col: r.Int()}
		c.st.anchors = append(c.st.anchors, a)
	}
	if sum := r.Str(); len(sum) == len(c.textSum) {
		copy(c.textSum[:], sum)
	} else if r.OK() {
		return nil, errors.New("converted page: the text's hash is missing")
	}
	return c, r.Err()
}

// bodySize is the length of encodeBody(c).
func bodySize(c *converted) int {
	str := memo.StrSize
	n := str(len(c.web)) + memo.IntSize(len(c.texts))
	for _, s := range c.texts {
		n += str(len(s.Anchor)) + str(len(s.Heading)) + str(len(s.Text))
	}
	return n
}

// encodeBody writes the large part of a converted page: its HTML, which a
// build reads only for a page it lays out again, and its sections, which
// it reads only if the search index must count the page's words again or
// write its passages again. The HTML comes first, so that it is read
// without the rest (see Cache.web).
func encodeBody(c *converted) []byte {
	b := make(memo.Buffer, 0, bodySize(c))
	b.Str(string(c.web))
	b.Int(len(c.texts))
	for _, s := range c.texts {
		b.Str(s.Anchor)
		b.Str(s.Heading)
		b.Str(s.Text)
	}
	return b
}

// decodeBody reads what encodeBody wrote. The strings share the bytes,
// read for this alone.
func decodeBody(data []byte) (*converted, error) {
	r := memo.Take(data)
	c := &converted{web: template.HTML(r.Str())}
	for n := r.Count(); n > 0 && r.OK(); n-- {
		c.texts = append(c.texts, handbook.Section{Anchor: r.Str(), Heading: r.Str(), Text: r.Str()})
	}
	return c, r.Err()
}

// converted is what converting one page gives, without problems: it is only
// kept for pages that had none. Read back from a cache on disk it has
// neither web nor texts but anchors: the rest is read when needed (see
// encodeBody).
type converted struct {
	st           *parsing // errs empty; links and anchors, to check again
	web, printed template.HTML
	texts        []handbook.Section
	anchors      []string // the sections' anchors, in order, when texts is not read
	steps        []string
	headings     map[string]bool
	textSum      output.Key // of the texts' headings and text, see TextSum
}

// lastAnchor is lastAnchor of c's sections, read back or not.
func (c *converted) lastAnchor() string {
	if c.texts == nil && len(c.anchors) > 0 {
		return strings.Clone(c.anchors[len(c.anchors)-1])
	}
	return lastAnchor(c.texts)
}

// sectionAnchors is the anchor of each of c's sections, in order.
func (c *converted) sectionAnchors() []string {
	if c.texts == nil {
		return c.anchors
	}
	anchors := make([]string, len(c.texts))
	for i, s := range c.texts {
		anchors[i] = s.Anchor
	}
	return anchors
}

// TextSum hashes what the search index counts of a page's sections: their
// headings and text.
func TextSum(secs []handbook.Section) output.Key {
	h := sha256.New()
	for _, s := range secs {
		binary.Write(h, binary.LittleEndian, [2]int64{int64(len(s.Heading)), int64(len(s.Text))})
		h.Write([]byte(s.Heading))
		h.Write([]byte(s.Text))
	}
	var k output.Key
	h.Sum(k[:0])
	return k
}

// surroundings hashes what converting any page reads besides the page
// itself: which pages and files exist (links are checked and resolved
// against them), whether there are red flags, raw HTML allowed, print.html
// made, and the ids the layouts take.
func (r *resolver) surroundings() output.Key {
	h := sha256.New()
	write := func(s string) {
		binary.Write(h, binary.LittleEndian, int64(len(s)))
		h.Write([]byte(s))
	}
	sorted := func(m map[string]bool) {
		keys := make([]string, 0, len(m))
		for k := range m {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		write(strconv.Itoa(len(keys)))
		for _, k := range keys {
			write(k)
		}
	}
	// the pages' keys, sorted and hashed once for the graph (serve keeps
	// it from save to save while only text changes)
	pages := r.g.Derived("render.pageKeys", func() any {
		keys := slices.Sorted(maps.Keys(r.g.Pages))
		h := sha256.New()
		for _, k := range keys {
			binary.Write(h, binary.LittleEndian, int64(len(k)))
			h.Write([]byte(k))
		}
		var sum output.Key
		h.Sum(sum[:0])
		return sum
	}).(output.Key)
	write(strconv.Itoa(len(r.g.Pages)))
	write(string(pages[:]))
	sorted(r.static)
	sorted(r.reserved)
	write(r.says())
	for _, b := range []bool{r.allowHTML, r.print, len(r.g.Flags) > 0} {
		if b {
			write("1")
		} else {
			write("0")
		}
	}
	var k output.Key
	h.Sum(k[:0])
	return k
}

// pageKeyed is a page's conversion's key with what cacheKey hashed.
type pageKeyed struct {
	of  pageInputs
	ids []string
	key output.Key
}

// pageInputs are what a page's conversion's key hashes, but the ids.
type pageInputs struct {
	around, body    output.Key
	source, sec, id string
	dose            handbook.Dose
	hasDose         bool
}

// inputsOf is what the key of page p's conversion hashes: its markdown,
// which hashes to body, in surroundings s, with its dose and the heading
// ids of its source; the key itself is not made yet (see keyed).
func inputsOf(s output.Key, p *handbook.Page, body output.Key, dose *handbook.Dose, ids []string) pageKeyed {
	k := pageKeyed{of: pageInputs{around: s, body: body, source: p.Source, sec: p.Section, id: p.ID, hasDose: dose != nil}, ids: ids}
	if dose != nil {
		k.of.dose = *dose
	}
	return k
}

// same reports whether k and l hash the same inputs.
func (k *pageKeyed) same(l *pageKeyed) bool { return k.of == l.of && slices.Equal(k.ids, l.ids) }

// keyed returns k with its key: last, if it hashed the same inputs, or
// else k, hashed (see cacheKey).
func (k pageKeyed) keyed(p *handbook.Page, last *pageKeyed, dose *handbook.Dose) *pageKeyed {
	if last != nil && last.key != (output.Key{}) && k.same(last) {
		return last
	}
	k.key = cacheKey(k.of.around, p, k.of.body, doseKey(dose)+"\x00"+strings.Join(k.ids, " "))
	return &k
}

// lastRun is what a build's Run made of each page, by number
// in the graph's order, kept in memory for the next build (serve's): a
// page of the same graph whose inputs hash the same (see pageKeyed.same)
// takes it all again, without the cache's lookups. A graph made again (a
// save that edits front matter) still finds each page's last key by the
// page (see byPage).
type lastRun struct {
	g        *graph.Graph
	pk       []*pageKeyed // shared with the build before, where the same
	kept     []bool       // its conversion is in the cache, without problems
	states   []*parsing
	printed  []template.HTML
	texts    [][]handbook.Section
	steps    [][]string
	ends     []string
	sums     []output.Key // each page's TextSum
	headings []map[string]bool
}

// keepText keeps page i's text, in memory only (see markdown).
func (l *lastRun) keepText(i int, text []handbook.Section) {
	if l.texts != nil {
		l.texts[i] = text
	}
}

// byPage returns the last keys by page, for a graph made again: a page
// whose front matter did not change is the same value in it.
func (l *lastRun) byPage() map[*handbook.Page]*pageKeyed {
	if l == nil {
		return nil
	}
	m := make(map[*handbook.Page]*pageKeyed, len(l.pk))
	for i, k := range l.g.Order() {
		m[l.g.Pages[k]] = l.pk[i]
	}
	return m
}

// cacheKey is the key of page p's conversion, from the markdown that hashes
// to body, in surroundings s.
func cacheKey(s output.Key, p *handbook.Page, body output.Key, dose string) output.Key {
	h := sha256.New()
	h.Write(s[:])
	for _, x := range []string{p.Key(), p.Source, sourceRel(p), dose} {
		binary.Write(h, binary.LittleEndian, int64(len(x)))
		h.Write([]byte(x))
	}
	h.Write(body[:])
	var k output.Key
	h.Sum(k[:0])
	return k
}
