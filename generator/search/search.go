// Package search builds the handbook's search index at build time and
// writes it as classic script files, which the engine in assets/search.js
// loads with <script> tags: that works from disk (file://), where fetch,
// modules and workers do not.
//
// The index is made of:
//
//	search/docs.js       every page's title, summary and filter data; the
//	                     vocabulary (stems), the words that stem to them,
//	                     the synonym groups, and a manifest of the shards
//	search/terms-K.js    postings for the stems that start with K (one
//	                     file, terms-all.js, for a small handbook)
//	search/text-N.js     the text of pages N*chunk... by section, for
//	                     snippets and deep links, loaded for results only
//
// Text is folded (case, accents, apostrophes), split into words (hyphenated
// words also joined: "sit-ups" gives "sit", "ups" and "situps"), stop words
// dropped and the rest stemmed with the Snowball English stemmer. Each
// (stem, page) pair gets a BM25F impact from its fields: title 10, aliases
// 7, summary 4, headings 2, body 1, quantised to 1-31 so that query time is
// a sum. The browser needs no stemmer: the words table maps every word of
// the handbook to its stem; unknown query words are matched by prefix and
// by edit distance against the vocabulary.
package search

import (
	"cmp"
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash"
	"hash/fnv"
	"io"
	"maps"
	"math"
	"math/bits"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/memo"
	"handbook/generator/output"
)

// Field weights and length normalisation, in the order of a document's
// fields. Names are short and say what a page is, whatever their length.
var (
	weights = [...]float64{10, 7, 4, 2, 1}
	lengthB = [...]float64{0.3, 0.3, 0.5, 0.5, 0.75}
)

const (
	fTitle = iota
	fAliases
	fSummary
	fHeadings
	fBody
	nFields
)

// Limits on the size of one file, so that a large handbook loads only what
// a query needs.
const (
	shardTerms = 4000 // vocabulary above which postings are split by first letter
	textChunk  = 100  // pages per text file
	passageMax = 160  // characters kept of a section's text: about two lines on a phone
)

type doc struct {
	key     string
	title   string
	summary string
	aliases string
	extra   map[string]any
	texts   []handbook.Section // while it is counted
	// load reads texts back from the cache folder, when the page was
	// given without them (see handbook.Text): only if its words must be
	// counted or its passages written; anchors are its sections' anchors
	load    func() ([]handbook.Section, error)
	anchors []string
	// textKey, if not zero, stands for texts in the count cache's key: a
	// hash of their headings and text, made when the page was converted
	textKey output.Key
	phrases []string // a red flag's lay phrasings
	// passages of its sections (anchor, heading, text cut short), for
	// snippets, once counted
	passages    [][]string
	passagesKey output.Key // see passagesOf
	counted     bool
	// own: the text is not a page's but the index's own (the red flags
	// page, from flags.yaml), in ownTexts
	own      bool
	ownTexts []handbook.Section
}

// fieldTexts is the text of each field of d.
func (d *doc) fieldTexts(f int, each func(string)) {
	switch f {
	case fTitle:
		each(d.title)
	case fAliases:
		each(d.aliases)
	case fSummary:
		each(d.summary)
	case fHeadings:
		for _, s := range d.texts {
			each(s.Heading)
		}
		for _, p := range d.phrases {
			each(p)
		}
	case fBody:
		for _, s := range d.texts {
			each(s.Text)
		}
	}
}

// Build makes the index files for the handbook from each page's text and
// hands each to emit. cache, if not nil, keeps each page's counted words
// for the next index. The build itself uses an Indexer, which counts each
// page as soon as it is converted, on every core.
func Build(g *graph.Graph, texts map[string][]handbook.Section, emit func(output.File) error, cache Cache) error {
	ix := NewIndexer(g, cache)
	for n, k := range g.Order() {
		ix.Add(n, k, handbook.Text{Sections: texts[k]}, output.Key{})
	}
	return ix.Write(emit, nil)
}

// Indexer makes the search index. Add counts a page's words as soon as its
// text is made, so that the text need not be kept: only its passages for
// snippets and its counts, merged into the postings in page order. Write
// writes the index once every page is in.
type Indexer struct {
	lang *language
	g    *graph.Graph
	docs []*doc
	// copies holds what docs point at, given back to spare once written
	copies  *[]doc
	spare   *atomic.Pointer[[]doc]
	at      map[string]int // page key -> its document
	nth     []int32        // by page number in the graph's Order, its document or -1
	syn     [][]string     // see groups
	synOnce sync.Once
	phrases *phrases // see phraseTable
	// phrasesOnce makes phrases, if KeepPostings did not find them
	phrasesOnce sync.Once
	cache       Cache
	// analyzers not in use; each keeps its memo of stems for the whole
	// build (a sync.Pool would drop them at each collection)
	analyzers chan *analyzer

	mu      sync.Mutex
	next    int              // the first document not merged yet
	waiting map[int]*counted // counted, waiting for the documents before them
	raw     map[string]*rawList
	lens    [][nFields]int32
	surface map[string]string
	// kept, if set, holds the last build's merged postings (see
	// Postings), and this build's go there too. countKeys are each
	// document's counts' keys in the count cache. When patching (the same
	// pages in the same order), counts holds the counts of the documents
	// whose keys changed, nil for the others, and Write patches them in;
	// otherwise documents are merged as they come, as without kept, and
	// words holds each one's words whose stems differ.
	kept      *Postings
	countKeys []output.Key
	patching  bool
	counts    []*counted
	book      *wordBook
	patched   bool // the kept postings were patched, not merged whole
	// saving writes the kept postings to their file as Write scores them
	saving *saver
	failed error // a page's text that could not be read back; under mu
}

// Postings keeps an index's merged postings from one build to the next:
// in memory (serve), or in a file of the cache folder (see LoadPostings).
// With them the next build, when its pages are the same pages in the same
// order, takes the documents whose counts changed out of the postings of
// their terms and puts their new counts in, rather than merging every
// document again. The postings are the same as a whole merge's. The zero
// value is ready.
type Postings struct {
	keys      []string         // each document's key, in order
	countKeys []output.Key     // the key of each document's counts in the count cache
	lens      [][nFields]int32 // each document's fields' lengths
	words     *wordBook        // each document's words whose stems differ
	raw       map[string]*rawList
	// scored is each term's highest score and its postings encoded, as
	// scored with params; dirty is the terms whose lists the last patch
	// changed, which are scored again, each with the postings of changed
	// documents it now holds; changed is those documents
	params  scoreParams
	scored  map[string]*scoredTerm
	dirty   map[string][]docCounts
	changed changes
	// file, if set, is where Write saves the postings for the next build
	file string
	// phrases are the last build's, made from the synonyms that hash to
	// synKey, those of the graph phrasesOf: in memory only
	phrases   *phrases
	synKey    output.Key
	phrasesOf *graph.Graph
	// passages are, in memory only, each document's passages with what
	// they were cut from (see passagesOf), by number
	passages []keptPassages
	// names is the pages' part of the last header: in memory (serve), or
	// read from its file (see loadNames), whose key namesKept is
	names     encodedNames
	namesKept output.Key
	// of is, in memory only, the graph of the last build, with what the
	// index makes from it alone: its synonym groups and the key of the
	// pages' names (see headerKey). serve keeps the graph while saves
	// edit only text (see site.Cache).
	of struct {
		g        *graph.Graph
		syn      [][]string
		namesKey output.Key
		own      string // the names of the index's own documents, which are not the graph's (see SetWords)
		keys     *synKeys
	}
}

// keptPassages are a document's passages, cut from the text that hashed
// to textKey, for the next build, with the key of its counts. texts is the
// text's first section: in memory the converted page is the same value
// from build to build while its page is, so the same first section is the
// same text, anchors too.
type keptPassages struct {
	doc      string // the document's key
	textKey  output.Key
	texts    *handbook.Section
	passages [][]string
	// passagesKey hashes the passages (see passagesOf)
	passagesKey output.Key
	// countKey is the document's key in the count cache, made with the
	// graph g and the phrases ps (see countKey)
	countKey output.Key
	g        *graph.Graph
	ps       *phrases
}

// scoreParams are what scores depend on beyond a term's own list: the
// number of documents and the fields' average lengths.
type scoreParams struct {
	n   float64
	avg [nFields]float64
}

// scoredTerm is a term's highest score, and its postings encoded for the
// highest score of the whole index, encMax, with their hash (see encSum).
// In memory it also knows the document that scores highest, top, and
// how many documents held the term, df, when max was worked out (top is
// -1 when it is not known).
type scoredTerm struct {
	max, encMax float64
	enc         string
	sum         output.Key
	top         int32
	df          int
	// from and fromMax, for a term scored in part, are its postings as
	// encoded before the documents that changed, adds, changed, and the
	// highest score they were encoded for: if it is the same, they are
	// spliced rather than encoded again (see splice)
	from    string
	fromMax float64
	adds    []docCounts
	// skips mark postings all along enc, and fromSkips along from, in
	// memory (see splice); nil if not
	skips, fromSkips []encSkip
}

// encSum hashes a term's encoded postings, for the key of the file that
// holds them: a file's key hashes its terms' sums, not their postings.
func encSum(enc string) output.Key {
	// read in place: a copy of every dirty term's postings on every save
	// was most of what scoring allocated
	return sha256.Sum256(readOnly(enc))
}

// phraseTable returns the index's phrases, made once: the kept postings'
// if made from the same synonyms (see KeepPostings).
func (ix *Indexer) phraseTable() *phrases {
	ix.phrasesOnce.Do(func() {
		if ix.phrases == nil {
			ix.phrases = newPhrases(ix.lang, ix.groups())
		}
		if ix.kept != nil && ix.kept.phrasesOf != ix.g { // else they are the graph's already
			ix.kept.phrases, ix.kept.synKey, ix.kept.phrasesOf = ix.phrases, synKey(ix.lang, ix.groups()), ix.g
		}
	})
	return ix.phrases
}

// synKey hashes a language's synonym groups, which its phrases are made from.
func synKey(l *language, syn [][]string) output.Key {
	k := newKeyHash()
	k.str(l.code)
	k.int(len(syn))
	for _, g := range syn {
		k.strings(g)
	}
	return k.sum()
}

// NewIndexer returns an indexer for the pages of g.
func NewIndexer(g *graph.Graph, cache Cache) *Indexer {
	l := languageOf(g.Config.Language)
	// the documents as the graph alone makes them, made once for it (see
	// graph.Derived), and copied: the index fills them in
	made := g.Derived("search.docs", func() any {
		docs := collect(l, g)
		at := make(map[string]int, len(docs))
		for i, d := range docs {
			if !d.own { // a red flag's text comes from flags.yaml, not a page
				at[d.key] = i
			}
		}
		nth := make([]int32, len(g.Order()))
		for n, k := range g.Order() {
			if i, ok := at[k]; ok {
				nth[n] = int32(i)
			} else {
				nth[n] = -1
			}
		}
		return graphDocs{docs, at, nth, new(atomic.Pointer[[]doc])}
	}).(graphDocs)
	ix := &Indexer{lang: l, g: g, docs: make([]*doc, len(made.docs)), at: made.at, nth: made.nth, cache: cache,
		waiting: map[int]*counted{}, raw: map[string]*rawList{}, surface: map[string]string{}}
	copies := made.spare.Swap(nil)
	if copies == nil {
		copies = new(make([]doc, len(made.docs)))
	}
	for i, d := range made.docs {
		(*copies)[i] = *d
		ix.docs[i] = &(*copies)[i]
	}
	ix.copies, ix.spare = copies, made.spare
	ix.lens = make([][nFields]int32, len(ix.docs))
	ix.analyzers = make(chan *analyzer, 2*runtime.GOMAXPROCS(0))
	return ix
}

// KeepPostings makes the indexer keep its merged postings in p for the
// next build, and merge only what changed since p's last build. Call it
// before Add.
func (ix *Indexer) KeepPostings(p *Postings) {
	if p.of.g == ix.g && p.of.syn != nil {
		ix.synOnce.Do(func() { ix.syn = p.of.syn })
	} else {
		p.of.g, p.of.syn, p.of.namesKey, p.of.own, p.of.keys = ix.g, ix.groups(), output.Key{}, "", nil
	}
	if p.phrases != nil && (p.phrasesOf == ix.g || p.synKey == synKey(ix.lang, ix.groups())) {
		ix.phrases = p.phrases
	}
	n := len(ix.docs)
	ix.kept, ix.countKeys = p, make([]output.Key, n)
	ix.patching = p.raw != nil && len(p.countKeys) == n && len(p.lens) == n && p.words != nil && len(p.words.docs) == n &&
		slices.EqualFunc(p.keys, ix.docs, func(k string, d *doc) bool { return k == d.key })
	if ix.patching {
		ix.counts = make([]*counted, n)
	} else {
		ix.book = newWordBook(n)
	}
	if p.file == "" && len(p.passages) != n { // serve's, in memory
		p.passages = make([]keptPassages, n)
	}
}

// Add counts the words of the page with key, whose sections are secs,
// the page numbered n in the graph's Order (which finds its document
// without a lookup by key). It may be called from several goroutines,
// once per page; pages not in the index are left out. textKey, if not
// zero, is a hash of the sections' headings and text (convert.TextSum,
// kept with the converted page): the count cache then need not hash the
// text again.
func (ix *Indexer) Add(n int, key string, t handbook.Text, textKey output.Key) {
	i := -1
	if n >= 0 && n < len(ix.nth) && ix.nth[n] >= 0 && ix.docs[ix.nth[n]].key == key {
		i = int(ix.nth[n])
	} else if at, ok := ix.at[key]; ok {
		i = at
	}
	if i < 0 {
		return
	}
	d := ix.docs[i]
	d.texts, d.textKey, d.load, d.anchors = t.Sections, textKey, t.Load, t.Anchors
	if d.load != nil && textKey == (output.Key{}) { // its counts' key needs the text
		ix.read(d)
	}
	ix.count(i)
}

// read reads d's texts back, if it was given without them; a build whose
// text cannot be read fails (see Write).
func (ix *Indexer) read(d *doc) {
	if d.load == nil {
		return
	}
	texts, err := d.load()
	d.texts, d.load, d.anchors = texts, nil, nil
	if err != nil {
		ix.mu.Lock()
		ix.failed = cmp.Or(ix.failed, fmt.Errorf("search: %s: %w", d.key, err))
		ix.mu.Unlock()
	}
}

// count counts document i, keeps its passages and lets go of its text,
// then merges every document counted so far whose turn has come.
func (ix *Indexer) count(i int) {
	d := ix.docs[i]
	var a *analyzer
	select {
	case a = <-ix.analyzers:
	default:
		a = newAnalyzer(ix.lang, ix.phraseTable())
	}
	var c *counted
	last := ix.lastText(i, d)
	var ck output.Key
	if last != nil && last.g == ix.g && last.ps == a.phrases {
		ck = last.countKey // the same text, title, names and phrases
	} else {
		ck = countKey(ix.cache, a, d)
	}
	// patching, a document whose counts are those the postings hold is
	// not counted, nor its counts read back
	same := ix.patching && ck != (output.Key{}) && ck == ix.kept.countKeys[i]
	if !same { // the others are kept by Write, all at once
		c = ix.countOrGet(ck, a, d)
	}
	select {
	case ix.analyzers <- a:
	default:
	}
	d.passages, d.passagesKey = ix.passagesOf(i, d, last, ck, a.phrases)
	d.texts, d.anchors, d.counted = nil, nil, true
	ix.mu.Lock()
	defer ix.mu.Unlock()
	if ix.kept != nil {
		ix.countKeys[i] = ck
	}
	if ix.patching {
		ix.counts[i] = c // nil if the same; patched in by Write
		return
	}
	ix.waiting[i] = c
	for {
		c, ok := ix.waiting[ix.next]
		if !ok {
			break
		}
		delete(ix.waiting, ix.next)
		ix.merge(ix.next, c)
		ix.next++
	}
}

// lastText returns, in memory (serve), what the last build kept of
// document i if its text is the same value it was then, or nil.
func (ix *Indexer) lastText(i int, d *doc) *keptPassages {
	if ix.kept == nil || i >= len(ix.kept.passages) || d.textKey == (output.Key{}) || len(d.texts) == 0 {
		return nil
	}
	last := &ix.kept.passages[i]
	if last.doc != d.key || last.textKey != d.textKey || last.texts != &d.texts[0] {
		return nil
	}
	return last
}

// passagesOf cuts document i's passages from its sections: for each, its
// anchor, heading and the start of its text; or takes last's, if set, cut
// from the same text. With them it returns their key, if the document's
// text has one (see emitTexts). In memory it keeps both, and the key of
// the document's counts, ck, made with the phrases ps, for the next build.
func (ix *Indexer) passagesOf(i int, d *doc, last *keptPassages, ck output.Key, ps *phrases) (passages [][]string, key output.Key) {
	if last != nil {
		return last.passages, last.passagesKey
	}
	n, anchor := len(d.anchors), func(i int) string { return d.anchors[i] }
	if d.load == nil { // the text is here
		passages = cut(d.texts)
		n, anchor = len(passages), func(i int) string { return passages[i][0] }
	}
	if d.textKey != (output.Key{}) {
		// the text's key stands for the headings and text
		k := newKeyHash()
		k.int(n)
		for i := range n {
			k.str(anchor(i))
		}
		k.write(d.textKey[:])
		key = k.sum()
	}
	if ix.kept != nil && i < len(ix.kept.passages) && d.textKey != (output.Key{}) && len(d.texts) > 0 {
		ix.kept.passages[i] = keptPassages{d.key, d.textKey, &d.texts[0], passages, key, ck, ix.g, ps}
	}
	return passages, key
}

// cut cuts the passages of a page's sections: for each, its anchor, heading
// and the start of its text.
func cut(secs []handbook.Section) [][]string {
	var passages [][]string
	for _, s := range secs {
		// copies: the text may share the bytes of a whole converted page
		passages = append(passages, []string{strings.Clone(s.Anchor), strings.Clone(s.Heading), clip(s.Text, passageMax)})
	}
	return passages
}

// merge adds document i's counts to the postings; documents come in order.
func (ix *Indexer) merge(i int, c *counted) {
	for k, s := range c.stems {
		var l *rawList
		if c.from != nil {
			l = c.from[k].list
		}
		if l == nil {
			if l = ix.raw[s]; l == nil {
				l = &rawList{}
				ix.raw[strings.Clone(s)] = l // s may hold a cache file's bytes
			}
			if c.from != nil {
				c.from[k].list = l
			}
		}
		l.add(int32(i), c.tf[k])
	}
	c.from = nil
	ix.lens[i] = c.lens
	for _, ws := range c.surface {
		if _, ok := ix.surface[ws[0]]; !ok { // a word's stem is always the same
			ix.surface[strings.Clone(ws[0])] = strings.Clone(ws[1])
		}
	}
	if ix.kept != nil {
		ix.book.set(i, c.surface)
	}
}

// wordBook keeps the words whose stems differ that each document holds,
// by number, and how many documents hold each: a changed document's old
// words are taken out without its old counts.
type wordBook struct {
	word, stem []string // by number
	num        map[string]uint32
	holders    []int32    // by number
	docs       [][]uint32 // by document
}

func newWordBook(docs int) *wordBook {
	return &wordBook{num: map[string]uint32{}, docs: make([][]uint32, docs)}
}

// add numbers word, with its stem, if it has no number yet.
func (b *wordBook) add(word, stem string) uint32 {
	n, ok := b.num[word]
	if !ok {
		n = uint32(len(b.word))
		word = strings.Clone(word) // it may hold a cache file's bytes
		b.word, b.stem, b.holders = append(b.word, word), append(b.stem, strings.Clone(stem)), append(b.holders, 0)
		b.num[word] = n
	}
	return n
}

// set makes the words of document doc those of surface (word, stem).
func (b *wordBook) set(doc int, surface [][2]string) {
	for _, n := range b.docs[doc] {
		b.holders[n]--
	}
	nums := make([]uint32, len(surface))
	for i, ws := range surface {
		nums[i] = b.add(ws[0], ws[1])
		b.holders[nums[i]]++
	}
	b.docs[doc] = nums
}

// surface returns each word some document holds, with its stem.
func (b *wordBook) surface() map[string]string {
	m := make(map[string]string, len(b.word))
	for n, h := range b.holders {
		if h > 0 {
			m[b.word[n]] = b.stem[n]
		}
	}
	return m
}

// adopt makes the postings merged whole, as documents came, the kept
// postings; all are scored again.
func (ix *Indexer) adopt() {
	p := ix.kept
	p.keys = make([]string, len(ix.docs))
	for i, d := range ix.docs {
		p.keys[i] = d.key
	}
	p.countKeys, p.lens, p.words, p.raw = ix.countKeys, ix.lens, ix.book, ix.raw
	p.scored, p.dirty, p.changed = nil, map[string][]docCounts{}, changes{}
}

// oldCounts returns the counts kept in the cache for key, if there are.
func (ix *Indexer) oldCounts(key output.Key) (*counted, bool) {
	if ix.cache == nil || key == (output.Key{}) {
		return nil, false
	}
	return ix.cache.Get(key)
}

// docCounts is a document's counts of a term in its fields.
type docCounts struct {
	doc int32
	tf  [nFields]uint16
}

// patch brings the kept postings to this build's counts: each term's list
// that held or holds a document whose counts changed is made again in one
// pass, the old postings of those documents out, their new ones in. The
// terms a changed document held come from its old counts in the count
// cache; if any are no longer there, every list is looked through.
func (ix *Indexer) patch() {
	p := ix.kept
	ch := changes{make([]bool, len(ix.docs)), math.MaxInt32, -1}
	ix.patched, p.dirty = true, map[string][]docCounts{}
	adds := map[string][]docCounts{} // by term, documents in order
	touched := map[string]bool{}
	everyList := false
	for i, c := range ix.counts {
		if c == nil {
			continue
		}
		ch.changed[i], ch.from, ch.upTo = true, min(ch.from, int32(i)), int32(i)
		for k, s := range c.stems {
			adds[s] = append(adds[s], docCounts{int32(i), c.tf[k]})
		}
		if old, ok := ix.oldCounts(p.countKeys[i]); ok {
			for _, s := range old.stems {
				touched[s] = true
			}
		} else {
			everyList = true
		}
		p.words.set(i, c.surface)
		p.lens[i], p.countKeys[i] = c.lens, ix.countKeys[i]
	}
	if everyList {
		for s := range p.raw {
			touched[s] = true
		}
	}
	for s := range adds {
		touched[s] = true
	}
	for s := range touched {
		l, had := p.raw[s]
		if !had {
			l = &rawList{}
		}
		out, hit := l.patched(ch, adds[s], p.file == "")
		if !hit && len(adds[s]) == 0 {
			continue // a list looked through that held no changed document
		}
		switch {
		case out.n == 0:
			delete(p.raw, s)
		case !had:
			s = strings.Clone(s) // it may hold a cache file's bytes
			p.raw[s] = &out
		default:
			*l = out
		}
		p.dirty[s] = adds[s]
	}
	ix.raw, ix.lens, p.changed = p.raw, p.lens, ch
}

// changes are the documents a patch changed: changed marks them, from and
// upTo are the first and the last, upTo -1 if none.
type changes struct {
	changed    []bool
	from, upTo int32
}

// Write counts the documents no page gave (the red flags), scores the
// postings and hands every file of the index to emit, but those that
// keep, if set, keeps: the last build's copy of a file made from the same
// data (a page's text, a share of the postings), which it is asked for by
// path and a hash of that data.
func (ix *Indexer) Write(emit func(output.File) error, keep func(path string, key output.Key) bool) error {
	out := files{emit, keep}
	for i, d := range ix.docs {
		if !d.counted {
			if d.own {
				d.texts = d.ownTexts
			}
			ix.count(i)
		}
	}
	// the pages' texts are written while the postings are patched (they
	// need only the passages), and done before scoring, which lets go of
	// the passages first
	texts := make(chan error, 1)
	go func() {
		for c := 0; c*textChunk < len(ix.docs); c++ {
			if err := ix.emitTexts(c, out); err != nil {
				texts <- fmt.Errorf("search: %w", err)
				return
			}
		}
		texts <- nil
	}()
	surface := ix.surface
	if ix.kept != nil {
		if ix.patching {
			ix.patch()
		} else {
			ix.adopt()
		}
		// write adds to it the words of names the pages lack
		surface = ix.kept.words.surface()
	}
	if ix.cache != nil {
		if ix.patching { // the counts of the documents that did not change
			same := make([][32]byte, 0, len(ix.counts))
			for i, c := range ix.counts {
				if c == nil && ix.countKeys[i] != (output.Key{}) {
					same = append(same, ix.countKeys[i])
				}
			}
			ix.cache.Keep(same...)
		}
		ix.cache.Prune() // after patch, which may read the last build's counts
	}
	if err := <-texts; err != nil {
		return err
	}
	if ix.failed != nil { // every text is read by now
		return ix.failed
	}
	if ix.kept != nil {
		ix.saving = ix.kept.save()
		defer ix.saving.abort() // unless finished
	}
	vocab, post := ix.score()
	condLoads := [][]any{} // each condition's aggravating loads, for the filter
	for _, c := range ix.g.Conditions {
		if m := graph.LoadMask(c.AggravatedBy); m != 0 {
			condLoads = append(condLoads, []any{c.ID, m})
		}
	}
	syn := ix.groups()
	h := header{l: ix.lang, docs: ix.docs, vocab: vocab, surface: surface, syn: syn, pageGroups: len(syn) - len(ix.g.Synonyms), condLoads: condLoads}
	h.keys = func() *synKeys { return ix.synKeys(syn, h.pageGroups) }
	h.namesKey, h.key = ix.headerKey(vocab, condLoads)
	if ix.kept != nil { // serve's, in memory, or a build's, in its file
		h.names = &ix.kept.names
		if ix.kept.file != "" {
			h.loadNames = ix.kept.loadNames
		}
	}
	if err := write(h, post, out); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	if ix.kept != nil && ix.kept.file != "" {
		ix.kept.saveNames() // a file not written is a header made again next time
	}
	ix.saving.finish() // the next build merges whole if this cannot
	ix.docs = nil
	ix.spare.Store(ix.copies) // see graphDocs
	return nil
}

// graphDocs are the documents collect makes from a graph, with the
// number of each page's.
type graphDocs struct {
	docs []*doc
	at   map[string]int
	nth  []int32 // by page number in the graph's Order, -1 for none
	// spare is the copies of docs that the last index of the graph filled
	// in, given back once it wrote its files, for the next to copy into
	// again: serve keeps the graph while saves edit only text, and a
	// fresh array of 10,000 documents cost more than filling one in
	spare *atomic.Pointer[[]doc]
}

// collect makes one document per page, in a fixed order.
func collect(l *language, g *graph.Graph) []*doc {
	var docs []*doc
	add := func(p *handbook.Page, aliases []string, extra map[string]any) *doc {
		d := &doc{key: p.Key(), title: p.Title, summary: p.Summary, aliases: strings.Join(aliases, " . "), extra: extra}
		if p.Key() == graph.FlagsKey {
			d.own, d.ownTexts = true, flagTexts(g.Flags)
		}
		docs = append(docs, d)
		return d
	}
	for _, e := range g.Exercises {
		// the filter "safe with a condition" drops the exercises to
		// avoid and marks those to take care with: named in caution-if
		// ("k"), or sharing a load with the condition ("d", see
		// graph.LoadMask, and the header's "cm")
		avoid := append([]string{}, g.AvoidFor[e.ID]...)
		care := append([]string{}, g.Cautioned(e.ID)...)
		add(&e.Page, e.Aliases, map[string]any{"c": e.Category, "l": e.Level, "a": avoid, "k": care, "d": graph.LoadMask(e.Loads)})
	}
	for _, c := range g.Conditions {
		add(&c.Page, c.Aliases, nil)
	}
	for _, q := range g.Questions {
		add(&q.Page, q.Aliases, nil)
	}
	for _, gd := range g.Guides {
		add(&gd.Page, gd.Aliases, nil)
	}
	for _, p := range g.Programs {
		add(&p.Page, p.Aliases, nil)
	}
	for _, p := range g.Handbook.Pages {
		add(p, nil, nil)
	}
	if len(g.Flags) > 0 {
		p := &handbook.Page{ID: graph.FlagsKey, Title: "Red flags: when to get help now",
			Summary: "Signs that need a doctor, and how soon to get help."}
		add(p, []string{"warning signs", "emergency", "when to see a doctor"}, nil)
		// each red flag is a result of its own, linking to its place on the page
		for _, f := range g.Flags {
			keys := []string{}
			for _, p := range f.Phrases {
				if k := l.flagKey(p); k != "" && !slices.Contains(keys, k) {
					keys = append(keys, k)
				}
			}
			// the phrasings weigh as headings, not as names: a flag comes
			// first by its phrasings (search.js), and is otherwise an
			// ordinary result
			d := add(&handbook.Page{ID: graph.FlagsKey + "#" + f.ID, Title: f.Title, Summary: f.Action},
				nil, map[string]any{"u": f.Urgency, "p": keys})
			d.phrases = f.Phrases
		}
	}
	return docs
}

// flagTexts is the red-flags page's text: one section per flag, so a result
// links straight to the flag.
func flagTexts(flags []*handbook.Flag) []handbook.Section {
	var secs []handbook.Section
	for _, f := range flags {
		secs = append(secs, handbook.Section{Anchor: f.ID, Heading: f.Title, Text: f.Action})
	}
	return secs
}

// rawList is a term's postings while the pages are counted, in page
// order, packed: a large handbook has millions. For each page, as varints:
// its distance from the previous page, a byte with a bit for each field
// that holds the term, and the term's count in each of those fields.
type rawList struct {
	buf  []byte
	last int32
	n    int
	// skips mark records all along the list, no more than skipEvery
	// apart, so that a patch starts near its first change: add makes
	// them, and a patch of the lists serve keeps in memory; a list read
	// from the cache folder is unindexed, until a patch in memory reads
	// it whole
	skips     []listSkip
	unindexed bool
}

// listSkip marks a record of a packed list: where it starts, how many
// records come before it, and the document of the record before it, which
// its gap is from (0 for the first).
type listSkip struct{ at, seen, prev int32 }

const skipEvery = 64

func (l *rawList) add(doc int32, tf [nFields]uint16) {
	if !l.unindexed && l.n%skipEvery == 0 {
		l.skips = append(l.skips, listSkip{int32(len(l.buf)), int32(l.n), l.last})
	}
	l.buf = binary.AppendUvarint(l.buf, uint64(doc-l.last))
	l.last = doc
	var fields byte
	for f, c := range tf {
		if c > 0 {
			fields |= 1 << f
		}
	}
	l.buf = append(l.buf, fields)
	for _, c := range tf {
		if c > 0 {
			l.buf = binary.AppendUvarint(l.buf, uint64(c))
		}
	}
	l.n++
}

// patched returns l without the documents that changed and with add, a
// list of documents in order, put in; hit says whether l held a changed
// document. No document before c.from nor after c.upTo changed. The records
// of the documents kept are copied as they are, a run of them at once;
// only a record whose neighbour before it changed has its gap written
// anew. An indexed list is read from its last skip before the first
// change, and once past the last change the rest is copied whole, unread.
// With index, out has skips: an unindexed l is read whole to make them.
func (l *rawList) patched(c changes, add []docCounts, index bool) (out rawList, hit bool) {
	out.buf = make([]byte, 0, len(l.buf)+len(add)*(2+nFields))
	first := c.from
	if len(add) > 0 {
		first = min(first, add[0].doc)
	}
	var start listSkip
	if index && !l.unindexed {
		// the skips whose record's document, after prev, may come at or
		// after first are read again
		k := sort.Search(len(l.skips), func(j int) bool { return l.skips[j].prev >= first })
		if k > 0 {
			start = l.skips[k-1]
			out.skips = append(out.skips, l.skips[:k-1]...)
		}
	}
	out.buf = append(out.buf, l.buf[:start.at]...)
	// out's skips are made here, not by add
	out.n, out.last, out.unindexed = int(start.seen), start.prev, true
	run := int(start.at) // where the records kept but not yet copied start
	verbatim := true     // the next record's gap is from the last document out holds
	flush := func(to int) {
		out.buf = append(out.buf, l.buf[run:to]...)
		run = to
	}
	due := out.n // the record out takes next has a skip from here on
	skip := func(at int) {
		if index && out.n >= due {
			out.skips = append(out.skips, listSkip{int32(at), int32(out.n), out.last})
			due = out.n + skipEvery
		}
	}
	put := func(a docCounts) {
		skip(len(out.buf))
		out.add(a.doc, a.tf)
	}
	doc := start.prev
	seen := int(start.seen) // records read
	for i := run; i < len(l.buf); seen++ {
		begin := i
		gap, k, end := record(l.buf, i)
		doc += int32(gap)
		if doc > c.upTo && len(add) == 0 && verbatim && (!index || !l.unindexed) {
			// the rest, and its skips, move by as many bytes and records
			at, n := len(out.buf)+begin-run, out.n+l.n-seen
			k, found := slices.BinarySearchFunc(l.skips, int32(begin), func(s listSkip, at int32) int { return cmp.Compare(s.at, at) })
			if index && !found { // one where the copy starts: the next may be far
				out.skips = append(out.skips, listSkip{int32(at), int32(out.n), out.last})
			}
			for _, s := range l.skips[k:] {
				out.skips = append(out.skips, listSkip{s.at + int32(at-begin), s.seen + int32(n-l.n), s.prev})
			}
			out.n, out.last = n, l.last
			break
		}
		i = end
		if len(add) > 0 && add[0].doc < doc {
			flush(begin)
			for len(add) > 0 && add[0].doc < doc {
				put(add[0])
				add = add[1:]
			}
			verbatim = false
		}
		switch {
		case c.changed[doc]:
			flush(begin)
			hit, run, verbatim = true, i, false
			continue
		case !verbatim:
			flush(begin)
			skip(len(out.buf))
			out.buf = binary.AppendUvarint(out.buf, uint64(doc-out.last))
			out.buf = append(out.buf, l.buf[k:i]...)
			run = i
		default:
			skip(len(out.buf) + begin - run)
		}
		out.last, out.n, verbatim = doc, out.n+1, true
	}
	flush(len(l.buf))
	for _, a := range add {
		put(a)
	}
	if out.unindexed = !index; out.unindexed {
		out.skips = nil
	}
	return out, hit
}

// record reads the record of a list's buffer that starts at i: its gap
// from the document before, where its fields start and where it ends. A
// gap or count under 128, the most common, takes one byte.
func record(buf []byte, i int) (gap uint64, fieldsAt, end int) {
	if c := buf[i]; c < 0x80 {
		gap, i = uint64(c), i+1
	} else {
		g, k := binary.Uvarint(buf[i:])
		gap, i = g, i+k
	}
	fieldsAt = i
	// as many counts as fields set, each a varint: the bytes under 128
	// end them
	n := bits.OnesCount8(buf[i] & (1<<nFields - 1))
	for i++; n > 0; i++ {
		if buf[i] < 0x80 {
			n--
		}
	}
	return gap, fieldsAt, i
}

// put sets the counts of doc in the list to tf, or takes doc out of the
// list if tf is nil, keeping the pages in order.
func (l *rawList) put(doc int32, tf *[nFields]uint16) {
	var out rawList
	done := false
	l.each(func(d int32, old *[nFields]uint16) {
		if !done && d >= doc {
			if tf != nil {
				out.add(doc, *tf)
			}
			done = true
		}
		if d != doc {
			out.add(d, *old)
		}
	})
	if !done && tf != nil {
		out.add(doc, *tf)
	}
	*l = out
}

// each calls f with each page of the list and the term's count in each of
// its fields, in page order.
func (l *rawList) each(f func(doc int32, tf *[nFields]uint16)) {
	var doc int32
	var tf [nFields]uint16
	for i := 0; i < len(l.buf); {
		d, k := binary.Uvarint(l.buf[i:])
		i += k
		doc += int32(d)
		fields := l.buf[i]
		i++
		for fi := range tf {
			tf[fi] = 0
			if fields&(1<<fi) != 0 {
				c, k := binary.Uvarint(l.buf[i:])
				i += k
				tf[fi] = uint16(c)
			}
		}
		f(doc, &tf)
	}
}

// counted is one page's stems with their frequency in each field, the
// number of words in each field, and its words whose stem differs.
type counted struct {
	stems   []string
	tf      [][nFields]uint16
	lens    [nFields]int32
	surface [][2]string // word, stem
	// from are the analyzer's counts of stems, counted just now and not
	// merged yet: each knows its postings once one page merged it.
	from []*stemCount
}

// phrases are the synonyms and names of more than one word. Where a page
// has the words of one together (stop words aside, in any order: "pain
// down the leg", "leg pain"), the index holds a term for the phrase, its
// stems in the order of the alphabet joined by "_", so that a query
// matches the phrase, not its words scattered over the page.
//
// Each stem of a phrase has a number. A phrase of two or three stems (most
// of them) is found by its stems' numbers, sorted and packed in one key. A
// longer one costs a sum per word, not a sort: each stem has a hash, and a
// run of stems whose hashes add up to a phrase's sum is checked against
// its stems. Most runs of words are no phrase: a bit set of the keys' and
// sums' low bits turns them away before a map is asked.
type phrases struct {
	keys    map[string]bool // stems in the order of the alphabet, joined by " "
	member  map[string]member
	list    []phrase
	short   shortTable         // packed key -> phrase, if two or three stems
	bySum   map[uint64][]int32 // sum -> phrases, if longer
	hashes  []uint64           // each member's hash, by its number
	bits    []uint64           // bit set of the keys and sums, hashed
	sums    []uint64           // bit set of every phrase's sum, hashed: most runs are no phrase
	shift   uint               // to hash a key to a place in bits
	packMax int32              // stems numbered from it are not packed
	longest int
	digest  [32]byte // of the keys, for the count cache
}

// member is a stem of some phrase: its hash, and its number among the
// members.
type member struct {
	hash uint64
	num  int32
}

// phrase is one phrase: its stems' numbers in increasing order and its
// index term.
type phrase struct {
	nums []int32
	term string
}

// lengthMix keeps phrases of different lengths apart in sums.
const lengthMix = 0x9e3779b97f4a7c15

// packBits is the room for one stem's number in a packed key; phrases of
// members numbered beyond it are found by their sums.
const packBits = 20

func newPhrases(l *language, syn [][]string) *phrases {
	ps := &phrases{keys: map[string]bool{}, member: map[string]member{}, packMax: 1 << packBits}
	add := func(text string) {
		stems := strings.Fields(l.phraseKey(text))
		if len(stems) < 2 {
			return
		}
		sort.Strings(stems)
		key := strings.Join(stems, " ")
		if ps.keys[key] {
			return
		}
		ps.keys[key] = true
		nums := make([]int32, len(stems))
		for i, s := range stems {
			m, ok := ps.member[s]
			if !ok {
				h := fnv.New64a()
				h.Write([]byte(s))
				m = member{h.Sum64(), int32(len(ps.member))}
				ps.member[s] = m
				ps.hashes = append(ps.hashes, m.hash)
			}
			nums[i] = m.num
		}
		slices.Sort(nums)
		ps.list = append(ps.list, phrase{nums, strings.Join(stems, "_")})
		ps.longest = max(ps.longest, len(stems))
	}
	for _, g := range syn {
		for _, p := range g {
			add(p)
		}
	}
	ps.index()
	keys := make([]string, 0, len(ps.keys))
	for k := range ps.keys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ps.digest = sha256.Sum256([]byte(strings.Join(keys, "\n")))
	return ps
}

// index makes the ways to find the phrases from their stems' numbers.
func (ps *phrases) index() {
	ps.short, ps.bySum = newShortTable(len(ps.list)), map[uint64][]int32{}
	words := max(64, 1<<bits.Len(uint(len(ps.list)))) // 64 bits a phrase, or more
	ps.bits, ps.shift = make([]uint64, words), uint(64-bits.Len(uint(words*64-1)))
	ps.sums = make([]uint64, words)
	for i, p := range ps.list {
		sum := uint64(len(p.nums)) * lengthMix
		for _, n := range p.nums {
			sum += ps.hashes[n]
		}
		b := ps.bit(sum)
		ps.sums[b/64] |= 1 << (b % 64)
		k, short := ps.pack(p.nums)
		if short {
			ps.short.put(k, int32(i))
		} else {
			k = sum
			ps.bySum[k] = append(ps.bySum[k], int32(i))
		}
		b = ps.bit(k)
		ps.bits[b/64] |= 1 << (b % 64)
	}
}

// shortTable maps packed keys to phrases by open addressing: most runs
// that get this far are phrases, and a slot costs less to find than a
// map's. A packed key is never 0 (it starts with its length), so 0 marks
// an empty slot. At most half the slots are used.
type shortTable struct {
	keys  []uint64
	vals  []int32
	shift uint
}

func newShortTable(n int) shortTable {
	size := 1 << bits.Len(uint(2*n+1))
	return shortTable{keys: make([]uint64, size), vals: make([]int32, size), shift: uint(64 - bits.Len(uint(size-1)))}
}

func (t *shortTable) slot(k uint64) int { return int((k * lengthMix) >> t.shift) }

func (t *shortTable) put(k uint64, v int32) {
	mask := len(t.keys) - 1
	for i := t.slot(k); ; i = (i + 1) & mask {
		if t.keys[i] == 0 || t.keys[i] == k {
			t.keys[i], t.vals[i] = k, v
			return
		}
	}
}

// get returns the phrase with key k, or -1.
func (t *shortTable) get(k uint64) int32 {
	mask := len(t.keys) - 1
	for i := t.slot(k); ; i = (i + 1) & mask {
		switch t.keys[i] {
		case k:
			return t.vals[i]
		case 0:
			return -1
		}
	}
}

// pack is the key of a phrase of two or three stems numbered nums, in
// increasing order; false if it has more, or a number too large to pack.
func (ps *phrases) pack(nums []int32) (uint64, bool) {
	if len(nums) > 3 {
		return 0, false
	}
	k := uint64(len(nums))
	for _, n := range nums {
		if n >= ps.packMax {
			return 0, false
		}
		k = k<<packBits | uint64(n)
	}
	return k, true
}

// bit is the place of a key or sum in the bit set: its high bits once
// multiplied, as a packed key's low bits are only its last number.
func (ps *phrases) bit(k uint64) uint64 { return (k * lengthMix) >> ps.shift }

// find returns the number of the phrase whose stems are those of run, if
// any, or -1. sum is their hashes' sum, with lengthMix once per stem.
func (ps *phrases) find(run []*stemCount, sum uint64) int32 {
	if b := ps.bit(sum); ps.sums[b/64]&(1<<(b%64)) == 0 {
		return -1
	}
	var buf [8]int32
	nums := buf[:0]
	for _, s := range run {
		nums = append(nums, s.member.num)
	}
	if len(nums) <= 3 {
		slices.Sort(nums)
	}
	k, short := ps.pack(nums)
	if !short {
		k = sum
	}
	if b := ps.bit(k); ps.bits[b/64]&(1<<(b%64)) == 0 {
		return -1
	}
	if short {
		return ps.short.get(k)
	}
	slices.Sort(nums)
	for _, i := range ps.bySum[sum] {
		if slices.Equal(ps.list[i].nums, nums) {
			return i
		}
	}
	return -1
}

// analyzer counts the stems of pages; each worker has its own, kept for
// the whole build. A word costs one map lookup: its entry, made the first
// time the analyzer meets it, says whether it is a stop word and points
// at its stem's count, which knows whether the stem is part of a phrase.
type analyzer struct {
	lang    *language
	phrases *phrases
	words   map[string]*wordEntry
	stems   map[string]*stemCount // every stem met, for words met later
	terms   []*stemCount          // each phrase's count, by its number, once met
	page    uint32                // the page being counted, numbered from 1
	touched []*stemCount          // counted on this page, in the order met
	window  []*stemCount          // the last stems that belong to phrases
	out     *counted              // of the page being counted
}

// wordEntry is what an analyzer knows of a word it has met.
type wordEntry struct {
	word string // apart from the text it was read in
	stop bool
	stem *stemCount
	page uint32 // the last page whose words whose stems differ hold it
}

// stemCount is a stem, or a phrase's term, and how many times each field of
// the page being counted holds it.
type stemCount struct {
	stem   string
	phrase bool   // a stem of some phrase: member says which
	member member // if phrase
	page   uint32 // whose counts tf holds
	tf     [nFields]uint16
	// list is the stem's postings in the index being made, once a page
	// that holds it was merged; merge alone uses it, holding the lock.
	// An analyzer serves one Indexer.
	list *rawList
}

func newAnalyzer(l *language, ps *phrases) *analyzer {
	return &analyzer{lang: l, phrases: ps, words: map[string]*wordEntry{}, stems: map[string]*stemCount{},
		terms: make([]*stemCount, len(ps.list))}
}

// entry returns what the analyzer knows of the folded word w, learning it
// the first time.
func (a *analyzer) entry(w string) *wordEntry {
	if e := a.words[w]; e != nil {
		return e
	}
	w = strings.Clone(w) // w may share a page's text
	e := &wordEntry{word: w, stop: a.lang.stop[w]}
	if !e.stop {
		s := a.lang.stem(w)
		e.stem = a.stems[s]
		if e.stem == nil {
			e.stem = &stemCount{stem: strings.Clone(s)}
			e.stem.member, e.stem.phrase = a.phrases.member[s]
			a.stems[e.stem.stem] = e.stem
		}
	}
	a.words[w] = e
	return e
}

// add counts s once more in field f of the page being counted.
func (a *analyzer) add(s *stemCount, f int) {
	if s.page != a.page {
		s.page, s.tf = a.page, [nFields]uint16{}
		a.touched = append(a.touched, s)
	}
	if s.tf[f] < 65535 {
		s.tf[f]++
	}
}

// word counts one word of field f, and the phrases it ends.
func (a *analyzer) word(w string, f int) {
	e := a.entry(w)
	if e.stop {
		return
	}
	s := e.stem
	if s.stem != e.word && e.page != a.page {
		e.page = a.page
		a.out.surface = append(a.out.surface, [2]string{e.word, s.stem})
	}
	a.add(s, f)
	a.out.lens[f]++
	if !s.phrase {
		a.window = a.window[:0]
		return
	}
	ps := a.phrases
	if len(a.window) == ps.longest {
		a.window = append(a.window[:0], a.window[1:]...)
	}
	a.window = append(a.window, s)
	sum := s.member.hash
	for n := 2; n <= len(a.window); n++ {
		sum += a.window[len(a.window)-n].member.hash
		if i := ps.find(a.window[len(a.window)-n:], sum+uint64(n)*lengthMix); i >= 0 {
			t := a.terms[i]
			if t == nil {
				t = &stemCount{stem: ps.list[i].term}
				a.terms[i] = t
			}
			a.add(t, f)
		}
	}
}

func (a *analyzer) count(d *doc) *counted {
	a.page++
	a.touched = a.touched[:0]
	a.out = &counted{}
	for f := 0; f < nFields; f++ {
		d.fieldTexts(f, func(text string) {
			a.window = a.window[:0]
			eachCompound(text, func(parts []string) {
				for _, w := range parts {
					a.word(w, f)
				}
				if len(parts) > 1 {
					a.word(strings.Join(parts, ""), f)
				}
			})
		})
	}
	out := a.out
	a.out = nil
	out.stems = make([]string, len(a.touched))
	out.tf = make([][nFields]uint16, len(a.touched))
	out.from = slices.Clone(a.touched)
	for i, s := range a.touched {
		out.stems[i], out.tf[i] = s.stem, s.tf
	}
	return out
}

// Cache keeps each page's counted words from one index to the next, in
// memory (serve) or in files (build): a page whose text is the same is not
// counted again. A nil Cache keeps nothing.
type Cache = memo.Store[*counted]

// NewCache returns an empty cache, in memory.
func NewCache() Cache { return memo.New[*counted]() }

// NewDiskCache returns a cache that keeps counted words in files in the
// folder dir, for the next build (of another process).
func NewDiskCache(dir string) Cache { return memo.NewDisk(dir, encodeCounted, decodeCounted) }

func encodeCounted(c *counted) []byte {
	n := 8 + (nFields+2)*len(c.stems) + 5*nFields // most numbers take a byte
	for _, s := range c.stems {
		n += len(s)
	}
	for _, ws := range c.surface {
		n += 2 + len(ws[0]) + len(ws[1])
	}
	b := make(memo.Buffer, 0, n)
	b.Strings(c.stems)
	for _, tf := range c.tf {
		for _, n := range tf {
			b.Int(int(n))
		}
	}
	for _, n := range c.lens {
		b.Int(int(n))
	}
	b.Int(len(c.surface))
	for _, ws := range c.surface {
		b.Str(ws[0])
		b.Str(ws[1])
	}
	return b
}

func decodeCounted(data []byte) (*counted, error) {
	r := memo.Take(data)
	c := &counted{stems: r.Strings()}
	c.tf = make([][nFields]uint16, len(c.stems))
	for i := range c.tf {
		for f := range c.tf[i] {
			c.tf[i][f] = uint16(min(r.Int(), 65535))
		}
	}
	for f := range c.lens {
		c.lens[f] = int32(min(r.Int(), math.MaxInt32))
	}
	for n := r.Int(); n > 0 && r.OK(); n-- {
		c.surface = append(c.surface, [2]string{r.Str(), r.Str()})
	}
	return c, r.Err()
}

// countKey is the key of d's counts in the cache c: zero without one.
func countKey(c Cache, a *analyzer, d *doc) output.Key {
	if c == nil {
		return output.Key{}
	}
	k := newKeyHash()
	k.str(a.lang.code)
	k.write(a.phrases.digest[:])
	keyed := d.textKey != (output.Key{})
	if keyed {
		k.int(1)
	} else {
		k.int(0)
	}
	for f := 0; f < nFields; f++ {
		switch {
		case keyed && f == fHeadings:
			// textKey stands for the sections' headings and text
			k.write(d.textKey[:])
			for _, p := range d.phrases {
				k.str(p)
			}
		case keyed && f == fBody: // in textKey
		default:
			d.fieldTexts(f, k.str)
		}
		k.write([]byte{0xff})
	}
	return k.sum()
}

// countOrGet counts d's words, or takes them from the cache, if any, by
// their key k.
func (ix *Indexer) countOrGet(k output.Key, a *analyzer, d *doc) *counted {
	c := ix.cache
	if c != nil {
		if v, ok := c.Get(k); ok {
			return v
		}
	}
	ix.read(d)
	v := a.count(d)
	if c != nil {
		kept := *v
		kept.from = nil // the cache outlives this index
		c.Put(k, &kept)
	}
	return v
}

// score computes the vocabulary, sorted, and returns with it a function
// that gives a stem's postings, scored and encoded for search.js, and lets
// go of its packed list: each once, as the index files are written.
func (ix *Indexer) score() (vocab []string, post func(stem string) (string, output.Key)) {
	raw, lens, docs := ix.raw, ix.lens, ix.docs
	ix.raw = nil
	// every page is counted: let the analyzers go, whose stems know their
	// lists, so that each list goes once written
	for len(ix.analyzers) > 0 {
		<-ix.analyzers
	}
	// average length of each field over the pages that have it, to three
	// significant digits: an edit to a page or two seldom moves it, so
	// serve scores again only the terms whose lists changed (see Postings)
	var avg, have [nFields]float64
	for _, l := range lens {
		for f := range l {
			if l[f] > 0 {
				avg[f] += float64(l[f])
				have[f]++
			}
		}
	}
	for f := range avg {
		avg[f] = significant(math.Max(avg[f]/math.Max(have[f], 1), 1), 3)
	}
	const k1 = 1.2
	n := float64(len(docs))
	idfOf := func(df int) float64 { return math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5)) }
	score := func(doc int32, tf *[nFields]uint16, idf float64) float64 {
		w := 0.0
		for f, c := range tf {
			if c > 0 {
				b := lengthB[f]
				w += weights[f] * float64(c) / (1 - b + b*float64(lens[doc][f])/avg[f])
			}
		}
		return idf * w * (k1 + 1) / (w + k1)
	}
	var scored map[string]*scoredTerm // kept from the last build, if any
	var changed changes               // the documents the last patch changed
	if p := ix.kept; p != nil {
		if params := (scoreParams{n, avg}); p.scored == nil || p.params != params {
			p.scored, p.params = map[string]*scoredTerm{}, params
		}
		// a dirty term whose documents are as many as before, and whose
		// highest-scoring document did not change, scores highest with
		// that document or one of those that changed: the others' scores
		// are the same numbers as before
		for s, adds := range p.dirty {
			old, l := p.scored[s], raw[s]
			delete(p.scored, s)
			if old == nil || old.top < 0 || l == nil || l.n != old.df || p.changed.changed[old.top] {
				continue
			}
			st := &scoredTerm{max: old.max, top: old.top, df: old.df, from: old.enc, fromMax: old.encMax, fromSkips: old.skips, adds: adds}
			idf := idfOf(l.n)
			for _, a := range adds {
				if sc := score(a.doc, &a.tf, idf); sc > st.max {
					st.max, st.top = sc, a.doc
				}
			}
			p.scored[s] = st
		}
		changed = p.changed
		p.dirty, p.changed, scored = nil, changes{}, p.scored
	}
	maxScore := 0.0
	for s, l := range raw {
		st := scored[s]
		if st == nil {
			st = &scoredTerm{top: -1, df: l.n}
			idf := idfOf(l.n)
			l.each(func(doc int32, tf *[nFields]uint16) {
				if sc := score(doc, tf, idf); sc > st.max || st.top < 0 {
					st.max, st.top = sc, doc
				}
			})
			if scored != nil {
				scored[s] = st
			}
		}
		maxScore = math.Max(maxScore, st.max)
	}
	maxScore = coarse(maxScore)
	for s := range raw {
		vocab = append(vocab, s)
	}
	sort.Strings(vocab)
	if ix.saving != nil {
		ix.saving.params(ix.kept.params, len(vocab))
	}
	return vocab, func(s string) (string, output.Key) {
		l := raw[s]
		st := scored[s]
		if ix.saving != nil {
			// saved to the cache folder as it goes, then let go of
			defer func() {
				ix.saving.term(s, l, st)
				delete(raw, s)
				delete(scored, s)
			}()
		}
		if st != nil && st.enc != "" && st.encMax == maxScore {
			return st.enc, st.sum
		}
		if ix.kept == nil {
			delete(raw, s) // let go of it, unless kept for the next build
		}
		idf := idfOf(l.n)
		postingOf := func(doc int32, tf *[nFields]uint16) posting {
			// the square root gives common words' small scores more levels;
			// search.js squares the impact back
			imp := int(math.Round(math.Sqrt(score(doc, tf, idf)/maxScore) * maxImpact))
			return posting{doc: int(doc), impact: max(1, min(imp, maxImpact)), title: tf[fTitle]+tf[fAliases] > 0}
		}
		var enc string
		var skips []encSkip
		spliced := false
		if st != nil && st.from != "" && st.fromMax == maxScore {
			enc, skips, spliced = splice(st.from, st.fromSkips, changed, st.adds, func(a docCounts) posting { return postingOf(a.doc, &a.tf) })
		}
		if st != nil {
			st.from, st.fromSkips, st.adds = "", nil, nil // of this build's changes only
		}
		if !spliced {
			enc, skips = encodeList(l, postingOf)
		}
		sum := encSum(enc)
		if st != nil {
			st.enc, st.encMax, st.sum, st.skips = enc, maxScore, sum, skips
		}
		return enc, sum
	}
}

// coarse rounds x > 0 up to the next of 32 steps between powers of two.
// Impacts are scores divided by the highest: an edit that raises the
// highest score a little (a page that says "sentence" once more) then
// seldom changes every list's impacts, which would make serve and a
// rebuild encode and write the whole index again; the highest impact is
// still 62 or 63 of 63.
func coarse(x float64) float64 {
	if x <= 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	_, exp := math.Frexp(x) // x = frac × 2^exp, frac in [0.5, 1)
	step := math.Ldexp(1, exp-6)
	return math.Ceil(x/step) * step
}

// significant rounds x to n significant digits.
func significant(x float64, n int) float64 {
	if x == 0 || math.IsInf(x, 0) || math.IsNaN(x) {
		return x
	}
	unit := math.Pow(10, math.Floor(math.Log10(math.Abs(x)))-float64(n-1))
	return math.Round(x/unit) * unit
}

// synonyms are the groups of synonyms.yaml plus, for each page with
// aliases, its title with its aliases.
func synonyms(l *language, g *graph.Graph) [][]string {
	groups := append([][]string{}, g.Synonyms...)
	// a page's names are a group, but for those that stop words leave one
	// word of several ("Warming up" would be "warm", and every search for
	// "warm" would look for the whole group)
	addPage := func(title string, aliases []string) {
		var group []string
		for _, name := range append([]string{title}, aliases...) {
			if name = strings.ToLower(name); l.keepsItsWords(name) {
				group = append(group, name)
			}
		}
		if len(group) > 1 {
			groups = append(groups, group)
		}
	}
	for _, e := range g.Exercises {
		addPage(e.Title, e.Aliases)
	}
	for _, c := range g.Conditions {
		addPage(c.Title, c.Aliases)
	}
	for _, q := range g.Questions {
		addPage(q.Title, q.Aliases)
	}
	for _, gd := range g.Guides {
		addPage(gd.Title, gd.Aliases)
	}
	for _, p := range g.Programs {
		addPage(p.Title, p.Aliases)
	}
	return groups
}

// namesOf is how a page's names (keys) are sent: as the number of its
// group in syn followed by the names the group does not hold, when it has
// a group (named by its lower-case title) that holds only its names; else
// as they are.
func namesOf(l *language, names []string, syn [][]string, groupOf map[string]int, title string) []any {
	out := make([]any, 0, len(names))
	gi, ok := groupOf[title]
	inGroup := map[string]bool{}
	if ok {
		for _, p := range syn[gi] {
			inGroup[l.phraseKey(p)] = true
		}
		for k := range inGroup {
			if !slices.Contains(names, k) {
				ok = false // another page's group of the same title
			}
		}
	}
	if ok {
		out = append(out, gi)
	}
	for _, k := range names {
		if !ok || !inGroup[k] {
			out = append(out, k)
		}
	}
	return out
}

// keepsItsWords says whether a phrase of several words is still several
// once stop words are left out, or is one word.
func (l *language) keepsItsWords(p string) bool {
	n, typed := len(strings.Fields(l.phraseKey(p))), 0
	eachCompound(p, func([]string) { typed++ })
	return n > 1 || (n == 1 && typed == 1)
}

// namesKey hashes what the pages' part of the header is made from: the
// documents' names and the synonym groups, all from the graph.
func (ix *Indexer) namesKey() output.Key {
	k := newFileKey()
	k.str("docs")
	k.str(ix.lang.code)
	k.int(len(ix.docs))
	for _, d := range ix.docs {
		k.str(d.key)
		k.str(d.title)
		k.str(d.summary)
		k.str(d.aliases)
		k.int(len(d.extra))
		for _, name := range slices.Sorted(maps.Keys(d.extra)) {
			k.str(name)
			k.value(d.extra[name])
		}
	}
	syn := ix.groups()
	k.int(len(syn))
	for _, g := range syn {
		k.strings(g)
	}
	k.int(len(ix.g.Synonyms))
	return k.sum()
}

// ownNames are the names of the index's own documents (the red flags),
// which the layouts' words give (see SetWords): with the graph, they are
// all namesKey hashes.
func (ix *Indexer) ownNames() string {
	var b strings.Builder
	for _, d := range ix.docs {
		if d.own {
			for _, s := range []string{d.key, d.title, d.summary, d.aliases} {
				fmt.Fprintf(&b, "%d:%s", len(s), s)
			}
		}
	}
	return b.String()
}

// groups returns the index's synonym groups, made once (see synonyms).
func (ix *Indexer) groups() [][]string {
	ix.synOnce.Do(func() { ix.syn = synonyms(ix.lang, ix.g) })
	return ix.syn
}

// synKeys are the synonym groups' phrases with their keys, as the header
// gives them, and the words of the phrases but stop words with their
// stems. They are made from the graph alone: serve keeps them while it
// keeps the graph.
type synKeys struct {
	groups [][][2]string
	words  [][2]string // word and stem, each word once
}

// synKeys returns the keys of syn, the groups, the pages' names last:
// pageGroups of them.
func (ix *Indexer) synKeys(syn [][]string, pageGroups int) *synKeys {
	if ix.kept != nil && ix.kept.of.g == ix.g && ix.kept.of.keys != nil {
		return ix.kept.of.keys
	}
	l := ix.lang
	k := &synKeys{groups: make([][][2]string, len(syn))}
	seen := map[string]bool{}
	for i, g := range syn {
		for j, phrase := range g {
			// a page's other names go without the phrase, which only
			// "also searching" shows: its title says enough
			shown := phrase
			if i >= len(syn)-pageGroups && j > 0 {
				shown = ""
			}
			k.groups[i] = append(k.groups[i], [2]string{shown, l.phraseKey(phrase)})
			for _, w := range split(phrase, false) {
				if !l.stop[w] && !seen[w] {
					seen[w] = true
					k.words = append(k.words, [2]string{w, l.stem(w)})
				}
			}
		}
	}
	if ix.kept != nil && ix.kept.of.g == ix.g {
		ix.kept.of.keys = k
	}
	return k
}

// headerKey hashes everything the index's header (docs.js) is made from,
// so that a build whose pages kept their names, whose terms are the same
// terms and whose words the same words keeps the last build's header
// without making it: all. names hashes what the pages' part of it is made
// from (see header.names). Without kept postings both are zero: the words
// then come in no fixed order.
func (ix *Indexer) headerKey(vocab []string, condLoads [][]any) (names, all output.Key) {
	if ix.kept == nil || ix.kept.words == nil {
		return output.Key{}, output.Key{}
	}
	own := ix.ownNames()
	if of := &ix.kept.of; of.g == ix.g && of.own == own && of.namesKey != (output.Key{}) {
		names = of.namesKey
	} else {
		names = ix.namesKey()
		if of.g == ix.g {
			of.namesKey, of.own = names, own
		}
	}
	k := newFileKey()
	k.write(names[:])
	k.strings(vocab)
	b := ix.kept.words // in the book's order, which a build may change: then the key does too
	for n, h := range b.holders {
		if h > 0 {
			k.str(b.word[n])
			k.str(b.stem[n])
		}
	}
	k.int(len(condLoads))
	for _, c := range condLoads {
		k.int(len(c))
		for _, v := range c {
			k.value(v)
		}
	}
	return names, k.sum()
}

// header is what the index's header, docs.js, is made from.
type header struct {
	l       *language
	docs    []*doc
	vocab   []string
	surface map[string]string
	// syn is the synonym groups, the pages' names last: pageGroups of them
	syn        [][]string
	pageGroups int
	condLoads  [][]any
	keys       func() *synKeys // syn's keys and words, made only when the header is
	// key is what the whole header hashes to, namesKey what its pages'
	// part does (see headerKey): zero, made
	key, namesKey output.Key
	// names, if set, is the pages' part as the last build encoded it, and
	// is given this build's (kept in memory, or in the cache folder)
	names *encodedNames
	// loadNames, if set, reads names from the cache folder first: only
	// for a header made again, not one kept whole
	loadNames func()
}

// encodedNames is the pages' part of the header (their titles, summaries,
// names and filter data) encoded, with what it hashed to: a save that
// adds a term to the index makes the header again, but not this part.
type encodedNames struct {
	key  output.Key
	json json.RawMessage
}

// write encodes the index as script files: the header, unless out keeps
// the last build's, made from what hashed to h.key, and the postings'
// shares.
func write(h header, post func(string) (string, output.Key), out files) error {
	if !out.kept("docs", h.key) {
		if err := writeHeader(h, out); err != nil {
			return err
		}
	}
	vocab := h.vocab
	for _, sh := range shardsOf(vocab) {
		lists := make([]string, sh.Count)
		k := newFileKey()
		k.int(sh.Count)
		for i := range lists {
			var sum output.Key
			lists[i], sum = post(vocab[sh.Start+i])
			k.write(sum[:])
		}
		if err := out.put("terms-"+sh.Key, lists, k.sum()); err != nil {
			return err
		}
	}
	return nil
}

// shard is one file of the postings: the terms from Start, Count of them,
// in the order of the vocabulary.
type shard struct {
	Key   string `json:"k"`
	Start int    `json:"s"`
	Count int    `json:"n"`
}

// shardsOf splits the vocabulary into its shards: one, or one per first
// letter (see shardKey) past shardTerms terms.
func shardsOf(vocab []string) []shard {
	if len(vocab) <= shardTerms {
		return []shard{{"all", 0, len(vocab)}}
	}
	var shards []shard
	for i, s := range vocab {
		k := shardKey(s)
		if len(shards) == 0 || shards[len(shards)-1].Key != k {
			shards = append(shards, shard{k, i, 0})
		}
		shards[len(shards)-1].Count++
	}
	return shards
}

// writeHeader encodes the index's header, docs.js: the pages' titles,
// summaries and names, the terms, the words the browser stems, the
// synonyms and the shards.
func writeHeader(h header, out files) error {
	l, vocab, surface, syn, pageGroups := h.l, h.vocab, h.surface, h.syn, h.pageGroups
	meta, err := h.pages()
	if err != nil {
		return err
	}
	keys := h.keys()
	for _, w := range keys.words {
		if _, known := slices.BinarySearch(vocab, w[0]); !known {
			surface[w[0]] = w[1] // so the browser can stem it
		}
	}
	// the browser stems a word of the Latin alphabet itself (the same
	// stemmer, see TestStemMatchesJS); others come with their stems
	var plain []string
	others := map[string]string{}
	for w, s := range surface {
		if l.browser && isPlain(w) {
			plain = append(plain, w)
		} else {
			others[w] = s
		}
	}
	sort.Strings(plain)
	// the fields in the order json.Marshal gives a map's keys; the docs,
	// megabytes at 10k pages, go in as they were made, not read again
	type field struct {
		name string
		v    any
	}
	fields := []field{
		{"chunk", textChunk},
		{"cm", h.condLoads},
		{"docs", meta},
		{"lang", nil},                      // set below: search.js reads English without being told
		{"pageSyn", len(syn) - pageGroups}, // the groups from here on are pages' names
		{"shards", shardsOf(vocab)},
		{"syn", keys.groups},
		{"terms", strings.Join(vocab, " ")},
		{"texts", (len(h.docs) + textChunk - 1) / textChunk},
		{"v", 2},
		{"wordStems", others},
		{"words", strings.Join(plain, " ")},
	}
	if l != enLang {
		fields[3].v = l.tables()
	}
	// encoded apart, then put together once: appending the fields after
	// the docs copied them again each time the buffer grew
	parts := [][]byte{{'{'}}
	for _, f := range fields {
		if f.v == nil {
			continue
		}
		name := mustJSON(f.name) + ":"
		if len(parts) > 1 {
			name = "," + name
		}
		v, ok := f.v.(json.RawMessage)
		if !ok {
			var err error
			if v, err = json.Marshal(f.v); err != nil {
				return err
			}
		}
		parts = append(parts, []byte(name), v)
	}
	f := scriptOf("docs", append(parts, []byte{'}'})...)
	f.Key = h.key
	return out.emit(f)
}

// pages encodes the pages' part of the header: each page's key, title,
// summary, filter data and names. A page's names are its title's and
// aliases' keys; where its names are a group of syn, they are that
// group's number and the keys the group leaves out, so as not to send
// them twice. It is the last build's if what it is made from hashes the
// same (h.names).
func (h header) pages() (json.RawMessage, error) {
	if h.loadNames != nil {
		h.loadNames()
	}
	if h.names != nil && h.namesKey != (output.Key{}) && h.names.key == h.namesKey {
		return h.names.json, nil
	}
	l, syn := h.l, h.syn
	groupOf := map[string]int{}
	for i := len(syn) - h.pageGroups; i < len(syn); i++ {
		groupOf[syn[i][0]] = i
	}
	meta := make([][]any, len(h.docs))
	for i, d := range h.docs {
		names := []string{l.phraseKey(d.title)}
		for _, a := range strings.Split(d.aliases, " . ") {
			if k := l.phraseKey(a); k != "" {
				names = append(names, k)
			}
		}
		var extra any
		if d.extra != nil {
			extra = d.extra
		}
		meta[i] = []any{d.key, d.title, d.summary, extra, namesOf(l, names, syn, groupOf, strings.ToLower(d.title))}
	}
	b, err := json.Marshal(meta)
	if err != nil {
		return nil, err
	}
	if h.names != nil {
		*h.names = encodedNames{h.namesKey, b}
	}
	return b, nil
}

// emitTexts writes text file c: the passages of its pages' sections, for
// the snippets of results, and lets them go. Its key hashes each page's
// passages' key, which hashes its anchors and the key of its text, when it
// has one, or else the passages (a passage is its section's anchor, its
// heading and the start of its text). The text of a page given without it
// is read back only if the file is not kept.
func (ix *Indexer) emitTexts(c int, out files) error {
	docs := ix.docs[c*textChunk : min(len(ix.docs), (c+1)*textChunk)]
	k := newFileKey()
	for _, d := range docs {
		if d.passagesKey != (output.Key{}) {
			k.int(1)
			k.write(d.passagesKey[:])
		} else {
			k.int(0)
			k.int(len(d.passages))
			for _, p := range d.passages {
				k.strings(p)
			}
		}
	}
	key, name := k.sum(), fmt.Sprintf("text-%d", c)
	kept := out.kept(name, key)
	var chunk [][][]string
	for _, d := range docs {
		if !kept {
			if d.load != nil { // its text, read back only now
				ix.read(d)
				d.passages = cut(d.texts)
				d.texts = nil
			}
			chunk = append(chunk, d.passages)
		}
		d.passages, d.load = nil, nil
	}
	if kept {
		return nil
	}
	return out.emitScript(name, chunk, key)
}

// files hands the index's script files to emit, or, where keep keeps the
// last build's copy of a file made from the same data, nothing.
type files struct {
	emit func(output.File) error
	keep func(path string, key output.Key) bool // nil keeps nothing
}

// put emits the script name holding data, unless keep keeps the copy the
// last build made from data that hashed the same: key, zero if none.
func (out files) put(name string, data any, key output.Key) error {
	if out.kept(name, key) {
		return nil
	}
	return out.emitScript(name, data, key)
}

// kept reports whether keep keeps the last build's script name, made from
// what hashed to key; never for a zero key.
func (out files) kept(name string, key output.Key) bool {
	return key != (output.Key{}) && out.keep != nil && out.keep("search/"+name+".js", key)
}

// emitScript emits the script name holding data, made from what hashed to
// key.
func (out files) emitScript(name string, data any, key output.Key) error {
	f, err := script(name, data)
	if err != nil {
		return err
	}
	f.Key = key
	return out.emit(f)
}

// keyHash hashes what a value is made from, for a key: numbers, and
// strings each with its length. It gathers small writes before hashing
// them. Once summed it is done with: sum hands it back for reuse (a
// save at 10k makes one for every page).
type keyHash struct {
	h   hash.Hash
	buf []byte
}

var keyHashes = sync.Pool{New: func() any { return &keyHash{h: sha256.New(), buf: make([]byte, 0, 4096)} }}

func newKeyHash() *keyHash {
	k := keyHashes.Get().(*keyHash)
	k.h.Reset()
	k.buf = k.buf[:0]
	return k
}

// newFileKey hashes the data of one script file, for files.put, after the
// generator's name (another binary may encode the same data otherwise).
func newFileKey() *keyHash {
	k := newKeyHash()
	k.str(output.GeneratorID())
	return k
}

// write adds b as it is.
func (k *keyHash) write(b []byte) {
	if len(k.buf)+len(b) > cap(k.buf) {
		k.h.Write(k.buf)
		k.buf = k.buf[:0]
		if len(b) > cap(k.buf) {
			k.h.Write(b)
			return
		}
	}
	k.buf = append(k.buf, b...)
}

func (k *keyHash) int(n int) {
	if len(k.buf)+binary.MaxVarintLen64 > cap(k.buf) {
		k.h.Write(k.buf)
		k.buf = k.buf[:0]
	}
	k.buf = binary.AppendUvarint(k.buf, uint64(n))
}

func (k *keyHash) str(s string) {
	k.int(len(s))
	if len(k.buf)+len(s) > cap(k.buf) {
		k.h.Write(k.buf)
		k.buf = k.buf[:0]
		if len(s) > cap(k.buf) {
			io.WriteString(k.h, s)
			return
		}
	}
	k.buf = append(k.buf, s...)
}

func (k *keyHash) strings(ss []string) {
	k.int(len(ss))
	for _, s := range ss {
		k.str(s)
	}
}

// value hashes a number, a string or a list of strings, with its type;
// anything else as fmt prints it.
func (k *keyHash) value(v any) {
	switch v := v.(type) {
	case string:
		k.str("s")
		k.str(v)
	case []string:
		k.str("l")
		k.strings(v)
	default:
		k.str(fmt.Sprintf("%T %v", v, v))
	}
}

// sum returns the key; k is not used after.
func (k *keyHash) sum() (key output.Key) {
	k.h.Write(k.buf)
	k.h.Sum(key[:0])
	keyHashes.Put(k)
	return key
}

// isPlain: w is made of a to z and digits only, which the browser's
// stemmer takes.
func isPlain(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			return false
		}
	}
	return true
}

// shardKey is the postings file a stem belongs to: its first letter, or
// "0" for stems that start with a digit or another character.
func shardKey(s string) string {
	if c := s[0]; c >= 'a' && c <= 'z' {
		return string(c)
	}
	return "0"
}

// script wraps data in a call the engine receives. json.Marshal escapes <,
// > and &, so no text from content can end the script element early.
func script(name string, data any) (output.File, error) {
	if list, ok := data.([]string); ok && list != nil { // the postings' shares, megabytes at 10k pages
		return scriptStrings(name, list), nil
	}
	b, err := json.Marshal(data)
	if err != nil {
		return output.File{}, err
	}
	return scriptOf(name, b), nil
}

// scriptOf is script with its data in JSON: the parts of b, one after the
// other, put together once (a file of the index is megabytes at 10k pages).
func scriptOf(name string, b ...[]byte) output.File {
	n := 0
	for _, p := range b {
		n += len(p)
	}
	js := scriptHead(name, n)
	for _, p := range b {
		js = append(js, p...)
	}
	return scriptEnd(name, js)
}

// scriptStrings is script of a list of strings, written as json.Marshal
// writes it, without its copy of the list.
func scriptStrings(name string, list []string) output.File {
	escaped := map[int]string{} // the strings not plainJSON, encoded
	n := 2
	for i, s := range list {
		if plainJSON(s) {
			n += len(s) + 3
		} else {
			escaped[i] = mustJSON(s)
			n += len(escaped[i]) + 1
		}
	}
	js := append(scriptHead(name, n), '[')
	for i, s := range list {
		if i > 0 {
			js = append(js, ',')
		}
		if e, ok := escaped[i]; ok {
			js = append(js, e...)
		} else {
			js = append(append(append(js, '"'), s...), '"')
		}
	}
	return scriptEnd(name, append(js, ']'))
}

// scriptHead begins a script with data of n bytes; scriptEnd ends it.
func scriptHead(name string, n int) []byte {
	js := make([]byte, 0, n+len(name)+32)
	return append(append(append(js, "HandbookSearch.add("...), mustJSON(name)...), ',')
}

func scriptEnd(name string, js []byte) output.File {
	return output.File{Path: "search/" + name + ".js", Data: append(js, ");\n"...), Minimal: true}
}

// plainJSON reports whether json.Marshal writes s as it is, between quotes:
// printable ASCII but the quote, the backslash and the HTML characters it
// escapes.
func plainJSON(s string) bool {
	for i := range len(s) {
		switch c := s[i]; {
		case c < 0x20 || c >= 0x7f, c == '"', c == '\\', c == '<', c == '>', c == '&':
			return false
		}
	}
	return true
}

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// clip shortens text to at most n bytes, at a word boundary.
// The result never shares text's bytes.
func clip(text string, n int) string {
	if len(text) <= n {
		return strings.Clone(text)
	}
	cut := strings.LastIndexByte(text[:n], ' ')
	if cut < n/2 {
		cut = n
	}
	for cut > 0 && cut < len(text) && text[cut]&0xC0 == 0x80 {
		cut--
	}
	return text[:cut] + "…"
}
