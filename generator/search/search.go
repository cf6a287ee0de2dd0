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
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"fmt"
	"hash/fnv"
	"math"
	"runtime"
	"slices"
	"sort"
	"strings"
	"sync"

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
	passageMax = 260  // characters kept of a section's text
)

type doc struct {
	key     string
	title   string
	summary string
	aliases string
	extra   map[string]any
	texts   []handbook.Section
	phrases []string // a red flag's lay phrasings
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

// Build makes the index files for the handbook and hands each to emit as
// soon as it is made, so a large index is never held whole. cache, if not
// nil, keeps each page's counted words for the next index.
func Build(g *graph.Graph, texts map[string][]handbook.Section, emit func(output.File) error, cache *Cache) error {
	docs := collect(g, texts)
	syn := synonyms(g)
	vocab, post, surface := index(docs, newPhrases(syn), cache)
	condLoads := [][]any{} // each condition's aggravating loads, for the filter
	for _, c := range g.Conditions {
		if m := graph.LoadMask(c.AggravatedBy); m != 0 {
			condLoads = append(condLoads, []any{c.ID, m})
		}
	}
	if err := write(docs, vocab, post, surface, syn, condLoads, emit); err != nil {
		return fmt.Errorf("search: %w", err)
	}
	return nil
}

// collect makes one document per page, in a fixed order.
func collect(g *graph.Graph, texts map[string][]handbook.Section) []*doc {
	var docs []*doc
	add := func(p *handbook.Page, aliases []string, extra map[string]any) *doc {
		d := &doc{key: p.Key(), title: p.Title, summary: p.Summary, aliases: strings.Join(aliases, " . "),
			extra: extra, texts: texts[p.Key()]}
		if p.Key() == graph.FlagsKey {
			d.texts = flagTexts(g.Flags)
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
		add(&q.Page, nil, nil)
	}
	for _, gd := range g.Guides {
		add(&gd.Page, nil, nil)
	}
	for _, p := range g.Programs {
		add(&p.Page, nil, nil)
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
				if k := flagKey(p); k != "" && !slices.Contains(keys, k) {
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

// rawPosting is a page's term frequency in each field.
type rawPosting struct {
	doc int32
	tf  [nFields]uint16
}

// counted is one page's stems with their frequency in each field, the
// number of words in each field, and its words whose stem differs.
type counted struct {
	stems   []string
	tf      [][nFields]uint16
	lens    [nFields]int32
	surface [][2]string // word, stem
}

// phrases are the synonyms and names of more than one word. Where a page
// has the words of one together (stop words aside, in any order: "pain
// down the leg", "leg pain"), the index holds a term for the phrase, its
// stems in the order of the alphabet joined by "_", so that a query
// matches the phrase, not its words scattered over the page.
//
// Finding them costs a sum per word, not a sort: each stem of a phrase has
// a hash, and a run of stems whose hashes add up to a phrase's sum is
// checked against the phrase's words.
type phrases struct {
	keys    map[string]bool   // stems in the order of the alphabet, joined by " "
	member  map[string]uint64 // every stem of some phrase, with its hash
	bySum   map[uint64][]phrase
	longest int
	digest  [32]byte // of the keys, for the count cache
}

// phrase is one phrase: its stems in the order of the alphabet, and its
// index term.
type phrase struct {
	stems []string
	term  string
}

// lengthMix keeps phrases of different lengths apart in sums.
const lengthMix = 0x9e3779b97f4a7c15

func newPhrases(syn [][]string) *phrases {
	ps := &phrases{keys: map[string]bool{}, member: map[string]uint64{}, bySum: map[uint64][]phrase{}}
	add := func(text string) {
		stems := strings.Fields(phraseKey(text))
		if len(stems) < 2 {
			return
		}
		sort.Strings(stems)
		key := strings.Join(stems, " ")
		if ps.keys[key] {
			return
		}
		ps.keys[key] = true
		sum := uint64(len(stems)) * lengthMix
		for _, s := range stems {
			h := fnv.New64a()
			h.Write([]byte(s))
			ps.member[s] = h.Sum64()
			sum += ps.member[s]
		}
		ps.bySum[sum] = append(ps.bySum[sum], phrase{stems, strings.Join(stems, "_")})
		ps.longest = max(ps.longest, len(stems))
	}
	for _, g := range syn {
		for _, p := range g {
			add(p)
		}
	}
	keys := make([]string, 0, len(ps.keys))
	for k := range ps.keys {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	ps.digest = sha256.Sum256([]byte(strings.Join(keys, "\n")))
	return ps
}

// term is the index term of a phrase whose stems' hashes add up to sum,
// if window's last n stems are its stems; "" if they are not a phrase.
func (ps *phrases) term(sum uint64, window []string, n int) string {
	last := window[len(window)-n:]
	for _, p := range ps.bySum[sum] {
		if sameStems(p.stems, last) {
			return p.term
		}
	}
	return ""
}

// sameStems says whether a and b hold the same stems, as many times each,
// in any order. Phrases are a few words long.
func sameStems(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for _, s := range a {
		n := 0
		for _, t := range a {
			if t == s {
				n++
			}
		}
		for _, t := range b {
			if t == s {
				n--
			}
		}
		if n != 0 {
			return false
		}
	}
	return true
}

// analyzer counts the stems of pages; each worker has its own.
type analyzer struct {
	st      stems
	phrases *phrases
	counts  map[string]*[nFields]uint16
	seen    map[string]bool // words of this page whose stem differs
	window  []string        // the last stems that belong to phrases
	hashes  []uint64        // their hashes
}

func (a *analyzer) count(d *doc) *counted {
	clear(a.counts)
	clear(a.seen)
	out := &counted{}
	add := func(s string, f int) {
		c := a.counts[s]
		if c == nil {
			c = new([nFields]uint16)
			a.counts[s] = c
		}
		if c[f] < 65535 {
			c[f]++
		}
	}
	for f := 0; f < nFields; f++ {
		d.fieldTexts(f, func(text string) {
			a.window, a.hashes = a.window[:0], a.hashes[:0]
			for _, w := range words(text) {
				if stopWords[w] {
					continue
				}
				w, s := a.st.of(w)
				if s != w && !a.seen[w] {
					a.seen[w] = true
					out.surface = append(out.surface, [2]string{w, s})
				}
				add(s, f)
				out.lens[f]++
				hash, ok := a.phrases.member[s]
				if !ok {
					a.window, a.hashes = a.window[:0], a.hashes[:0]
					continue
				}
				if len(a.window) == a.phrases.longest {
					a.window = append(a.window[:0], a.window[1:]...)
					a.hashes = append(a.hashes[:0], a.hashes[1:]...)
				}
				a.window, a.hashes = append(a.window, s), append(a.hashes, hash)
				sum := hash
				for n := 2; n <= len(a.window); n++ {
					sum += a.hashes[len(a.hashes)-n]
					if t := a.phrases.term(sum+uint64(n)*lengthMix, a.window, n); t != "" {
						add(t, f)
					}
				}
			}
		})
	}
	out.stems = make([]string, 0, len(a.counts))
	out.tf = make([][nFields]uint16, 0, len(a.counts))
	for s, c := range a.counts {
		out.stems = append(out.stems, s)
		out.tf = append(out.tf, *c)
	}
	return out
}

// Cache keeps each page's counted words from one index to the next in one
// process (serve): a page whose text is the same is not counted again. A
// nil *Cache keeps nothing.
type Cache = memo.Map[*counted]

// NewCache returns an empty cache.
func NewCache() *Cache { return memo.New[*counted]() }

// countCached counts d's words, or takes them from the cache.
func countCached(c *Cache, a *analyzer, d *doc) *counted {
	if c == nil {
		return a.count(d)
	}
	h := sha256.New()
	h.Write(a.phrases.digest[:])
	for f := 0; f < nFields; f++ {
		d.fieldTexts(f, func(text string) {
			binary.Write(h, binary.LittleEndian, int64(len(text)))
			h.Write([]byte(text))
		})
		h.Write([]byte{0xff})
	}
	var k [32]byte
	h.Sum(k[:0])
	if v, ok := c.Get(k); ok {
		return v
	}
	v := a.count(d)
	c.Put(k, v)
	return v
}

// batch is how many pages the workers count before their counts are
// merged, so memory holds the postings and one batch, not every page's
// words at once.
const batch = 512

// index computes the vocabulary, each stem's postings, and the words of
// the handbook whose stem differs from the word. Pages are counted on every
// core, a batch at a time, and merged in page order.
func index(docs []*doc, ps *phrases, cache *Cache) (vocab []string, post map[string][]posting, surface map[string]string) {
	raw := map[string][]rawPosting{}
	lens := make([][nFields]int32, len(docs))
	surface = map[string]string{}
	workers := runtime.GOMAXPROCS(0)
	analyzers := make([]*analyzer, workers)
	for i := range analyzers {
		analyzers[i] = &analyzer{st: stems{}, phrases: ps, counts: map[string]*[nFields]uint16{}, seen: map[string]bool{}}
	}
	counts := make([]*counted, batch)
	for start := 0; start < len(docs); start += batch {
		end := min(start+batch, len(docs))
		var wg sync.WaitGroup
		for w := 0; w < workers; w++ {
			wg.Add(1)
			go func(a *analyzer) {
				defer wg.Done()
				for i := start + w; i < end; i += workers {
					counts[i-start] = countCached(cache, a, docs[i])
				}
			}(analyzers[w])
		}
		wg.Wait()
		for i := start; i < end; i++ {
			c := counts[i-start]
			for k, s := range c.stems {
				raw[s] = append(raw[s], rawPosting{int32(i), c.tf[k]})
			}
			lens[i] = c.lens
			for _, ws := range c.surface {
				surface[ws[0]] = ws[1]
			}
		}
	}
	cache.Prune()
	// average length of each field over the pages that have it
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
		avg[f] = math.Max(avg[f]/math.Max(have[f], 1), 1)
	}
	const k1 = 1.2
	n := float64(len(docs))
	score := func(p rawPosting, df int) float64 {
		idf := math.Log(1 + (n-float64(df)+0.5)/(float64(df)+0.5))
		w := 0.0
		for f, c := range p.tf {
			if c > 0 {
				b := lengthB[f]
				w += weights[f] * float64(c) / (1 - b + b*float64(lens[p.doc][f])/avg[f])
			}
		}
		return idf * w * (k1 + 1) / (w + k1)
	}
	maxScore := 0.0
	for _, ps := range raw {
		for _, p := range ps {
			maxScore = math.Max(maxScore, score(p, len(ps)))
		}
	}
	post = make(map[string][]posting, len(raw))
	for s, ps := range raw {
		vocab = append(vocab, s)
		sort.Slice(ps, func(a, b int) bool { return ps[a].doc < ps[b].doc })
		out := make([]posting, len(ps))
		for k, p := range ps {
			// the square root gives common words' small scores more levels;
			// search.js squares the impact back
			imp := int(math.Round(math.Sqrt(score(p, len(ps))/maxScore) * maxImpact))
			out[k] = posting{doc: int(p.doc), impact: max(1, min(imp, maxImpact)), title: p.tf[fTitle]+p.tf[fAliases] > 0}
		}
		post[s] = out
	}
	sort.Strings(vocab)
	return vocab, post, surface
}

// synonyms are the groups of synonyms.yaml plus, for each page with
// aliases, its title with its aliases.
func synonyms(g *graph.Graph) [][]string {
	groups := append([][]string{}, g.Synonyms...)
	addPage := func(title string, aliases []string) {
		if len(aliases) == 0 {
			return
		}
		group := []string{strings.ToLower(title)}
		for _, a := range aliases {
			group = append(group, strings.ToLower(a))
		}
		groups = append(groups, group)
	}
	for _, e := range g.Exercises {
		addPage(e.Title, e.Aliases)
	}
	for _, c := range g.Conditions {
		addPage(c.Title, c.Aliases)
	}
	return groups
}

// write encodes the index as script files.
func write(docs []*doc, vocab []string, post map[string][]posting, surface map[string]string, syn [][]string, condLoads [][]any, emit func(output.File) error) error {
	type shard struct {
		Key   string `json:"k"`
		Start int    `json:"s"`
		Count int    `json:"n"`
	}
	var shards []shard
	if len(vocab) <= shardTerms {
		shards = []shard{{"all", 0, len(vocab)}}
	} else {
		for i, s := range vocab {
			k := shardKey(s)
			if len(shards) == 0 || shards[len(shards)-1].Key != k {
				shards = append(shards, shard{k, i, 0})
			}
			shards[len(shards)-1].Count++
		}
	}
	meta := make([][]any, len(docs))
	for i, d := range docs {
		names := []string{phraseKey(d.title)}
		for _, a := range strings.Split(d.aliases, " . ") {
			if k := phraseKey(a); k != "" {
				names = append(names, k)
			}
		}
		var extra any
		if d.extra != nil {
			extra = d.extra
		}
		meta[i] = []any{d.key, d.title, d.summary, extra, names}
	}
	groups := make([][][2]string, len(syn))
	for i, g := range syn {
		for _, phrase := range g {
			groups[i] = append(groups[i], [2]string{phrase, phraseKey(phrase)})
			for _, w := range split(phrase, false) {
				if _, known := post[w]; !known && !stopWords[w] {
					surface[w] = stem(w) // so the browser can stem it
				}
			}
		}
	}
	// the browser stems a word of the Latin alphabet itself (the same
	// stemmer, see TestStemMatchesJS); others come with their stems
	var plain []string
	others := map[string]string{}
	for w, s := range surface {
		if isPlain(w) {
			plain = append(plain, w)
		} else {
			others[w] = s
		}
	}
	sort.Strings(plain)
	header := map[string]any{
		"v":         2,
		"docs":      meta,
		"terms":     strings.Join(vocab, " "),
		"words":     strings.Join(plain, " "),
		"wordStems": others,
		"syn":       groups,
		"cm":        condLoads,
		"shards":    shards,
		"chunk":     textChunk,
		"texts":     (len(docs) + textChunk - 1) / textChunk,
	}
	put := func(name string, data any) error {
		f, err := script(name, data)
		if err != nil {
			return err
		}
		return emit(f)
	}
	if err := put("docs", header); err != nil {
		return err
	}
	for _, sh := range shards {
		lists := make([]string, sh.Count)
		for i := range lists {
			lists[i] = encode(post[vocab[sh.Start+i]])
		}
		if err := put("terms-"+sh.Key, lists); err != nil {
			return err
		}
	}
	for c := 0; c*textChunk < len(docs); c++ {
		var chunk [][][]string
		for _, d := range docs[c*textChunk : min(len(docs), (c+1)*textChunk)] {
			var secs [][]string
			for _, s := range d.texts {
				secs = append(secs, []string{s.Anchor, s.Heading, clip(s.Text, passageMax)})
			}
			chunk = append(chunk, secs)
		}
		if err := put(fmt.Sprintf("text-%d", c), chunk); err != nil {
			return err
		}
	}
	return nil
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
	b, err := json.Marshal(data)
	if err != nil {
		return output.File{}, err
	}
	js := "HandbookSearch.add(" + mustJSON(name) + "," + string(b) + ");\n"
	return output.File{Path: "search/" + name + ".js", Data: []byte(js), Minimal: true}, nil
}

func mustJSON(s string) string {
	b, _ := json.Marshal(s)
	return string(b)
}

// clip shortens text to at most n bytes, at a word boundary.
func clip(text string, n int) string {
	if len(text) <= n {
		return text
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
