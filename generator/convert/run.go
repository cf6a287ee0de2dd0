package convert

import (
	"fmt"
	"html/template"
	"sync/atomic"

	"github.com/yuin/goldmark"

	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/output"
	"handbook/generator/parallel"
)

// Run converts every page of g, two workers per core, then checks the
// anchors that links point at, since those need every page's headings.
// Problems in the pages are added to errs; the error returned is one that
// stops the build (goldmark failing to write).
func Run(g *graph.Graph, cfg Config, errs *diag.List) (*Pages, error) {
	r := newConverter(g, cfg)
	parallel.For(len(r.keys), r.page)
	r.keepInCache()
	return r.pages(errs)
}

// converter is one Run: what each page gave, by its number in graph.Order.
type converter struct {
	g           *graph.Graph
	cfg         Config
	cache       *Cache
	res         *resolver
	md          goldmark.Markdown
	keys        []string
	around      output.Key // see surroundings; zero without a cache
	reservedKey output.Key // hashes the ids the layouts reserve
	doses       map[string]*handbook.Dose
	markdown    []Markdown // each page's, let go of once converted

	states   []*parsing
	bodies   []template.HTML
	texts    [][]handbook.Section
	steps    [][]string
	printed  []template.HTML
	ends     []string
	failures []error
	// kept is the key in the cache of a page's conversion, kept there: its
	// HTML is read back when the page is laid out, so a large handbook
	// does not hold every page's HTML at once
	kept   []output.Key
	reused []bool // taken again from the last run in memory, without a lookup

	// in memory, the last build's conversions: by number if its graph is
	// this one, or else by page; read only while the pages are converted
	last     *lastRun
	lastKeys map[*handbook.Page]*pageKeyed
	// this is this build's, for the next. Its texts are apart, kept only
	// in memory (serve, whose cache holds them anyway): each goes to the
	// index as soon as it is made, and a build lets go of it (see gotText)
	this  *lastRun
	fresh atomic.Int64 // pages converted, not taken from the cache
}

func newConverter(g *graph.Graph, cfg Config) *converter {
	res := &resolver{g: g, static: cfg.Static, headings: make(map[string]map[string]bool, len(g.Pages)),
		allowHTML: g.Config.AllowHTML, reserved: cfg.Reserved, print: cfg.Print, words: cfg.Words, sourceWords: cfg.SourceWords}
	if res.static == nil {
		res.static = map[string]bool{}
	}
	if res.reserved == nil {
		res.reserved = map[string]bool{}
	}
	keys := g.Order()
	n := len(keys)
	r := &converter{g: g, cfg: cfg, cache: cfg.Cache, res: res, md: newMarkdown(res), keys: keys,
		doses: make(map[string]*handbook.Dose, len(g.Exercises)), markdown: make([]Markdown, n),
		states: make([]*parsing, n), bodies: make([]template.HTML, n), texts: make([][]handbook.Section, n),
		steps: make([][]string, n), printed: make([]template.HTML, n), ends: make([]string, n), failures: make([]error, n),
		kept: make([]output.Key, n), reused: make([]bool, n)}
	for _, e := range g.Exercises {
		r.doses[e.Key()] = &e.Dose
	}
	for i, k := range keys {
		r.markdown[i] = cfg.Text[k]
	}
	r.cfg.Text = nil
	r.this = &lastRun{g: g, pk: make([]*pageKeyed, n), kept: make([]bool, n), states: r.states, printed: r.printed,
		steps: r.steps, ends: r.ends, sums: make([]output.Key, n), headings: make([]map[string]bool, n)}
	if r.cache != nil {
		r.around = res.surroundings()
		r.reservedKey = keyOfSet(res.reserved)
	}
	if r.cache != nil && r.cache.inMemory {
		r.this.texts = make([][]handbook.Section, n)
		if r.last = r.cache.last; r.last != nil && r.last.g != g {
			r.last, r.lastKeys = nil, r.last.byPage()
		}
	}
	return r
}

// page converts page i, or takes its conversion again: from the last run
// in memory, or from the cache.
func (r *converter) page(i int) {
	p := r.g.Pages[r.keys[i]]
	text, dose := r.markdown[i], r.doses[r.keys[i]]
	r.markdown[i] = Markdown{}
	var ids []string // the source's heading ids, for a translated page
	if src := r.cfg.Sources[r.keys[i]]; src.given() {
		ids = r.cache.sourceIDsOf(src, r.res.reserved, r.reservedKey)
	}
	var key output.Key
	if r.cache != nil {
		in := inputsOf(r.around, p, text.sum(), dose, ids)
		if r.again(i, &in) {
			return
		}
		was := r.lastKeys[p]
		if r.last != nil {
			was = r.last.pk[i]
		}
		r.this.pk[i] = in.keyed(p, was, dose)
		key = r.this.pk[i].key
		if r.fromCache(i, key) {
			return
		}
	}
	body := text.text()
	if text.failed() {
		key = output.Key{} // not kept: see convert
	}
	r.convert(i, p, body, dose, ids, key)
}

// again takes page i's conversion from the last run in memory, if its
// inputs are the same: all as it was, without a lookup.
func (r *converter) again(i int, in *pageKeyed) bool {
	last := r.last
	if last == nil || !last.kept[i] || !in.same(last.pk[i]) {
		return false
	}
	r.this.pk[i], r.this.kept[i], r.reused[i], r.kept[i] = last.pk[i], true, true, last.pk[i].key
	r.states[i], r.printed[i], r.texts[i], r.steps[i], r.ends[i] = last.states[i], last.printed[i], last.texts[i], last.steps[i], last.ends[i]
	r.this.sums[i], r.this.headings[i] = last.sums[i], last.headings[i]
	r.this.keepText(i, r.texts[i])
	r.gotText(i, r.this.sums[i])
	return true
}

// fromCache takes page i's conversion from the cache, by its key.
func (r *converter) fromCache(i int, key output.Key) bool {
	cache := r.cache
	c, ok := cache.pages.Get(key)
	if !ok || cache.bodies != nil && !cache.bodies.Has(key) {
		return false
	}
	r.states[i], r.printed[i], r.texts[i], r.steps[i] = c.st, c.printed, c.texts, c.steps
	r.kept[i], r.this.kept[i] = key, true
	r.this.sums[i], r.this.headings[i] = c.textSum, c.headings
	r.this.keepText(i, c.texts)
	r.ends[i] = c.lastAnchor()
	if cache.bodies == nil {
		r.gotText(i, c.textSum)
		return true
	}
	// the text stays in the cache folder until, if ever, it is needed:
	// for the search index, or without one, now
	if r.cfg.Sections != nil {
		r.cfg.Sections(i, r.keys[i], handbook.Text{Anchors: c.anchors, Load: func() ([]handbook.Section, error) { return cache.texts(key) }}, c.textSum)
	} else if r.texts[i], r.failures[i] = cache.texts(key); r.failures[i] != nil {
		r.kept[i], r.this.kept[i] = output.Key{}, false
	}
	return true
}

// convert converts page i, p, whose markdown is body, and keeps the
// conversion in the cache, if there is one, by key, if the page has no
// problems and the key is not zero.
func (r *converter) convert(i int, p *handbook.Page, body []byte, dose *handbook.Dose, ids []string, key output.Key) {
	r.states[i], r.bodies[i], r.printed[i], r.texts[i], r.steps[i], r.failures[i] = convert(r.md, r.res, p, body, dose, ids)
	r.fresh.Add(1)
	r.ends[i] = lastAnchor(r.texts[i])
	if r.failures[i] != nil {
		return
	}
	var sum output.Key
	if r.cache != nil {
		sum = TextSum(r.texts[i])
	}
	if r.cache != nil && len(r.states[i].errs) == 0 && key != (output.Key{}) {
		st := r.states[i]
		st.forPrint, st.lines = nil, nil // the tree need not be kept
		r.res.mu.Lock()
		headings := r.res.headings[p.Key()]
		r.res.mu.Unlock()
		c := &converted{st: st, web: r.bodies[i], printed: r.printed[i], texts: r.texts[i], steps: r.steps[i], headings: headings, textSum: sum}
		if (r.cache.bodies == nil || r.cache.bodies.Put(key, c)) && r.cache.pages.Put(key, c) {
			r.kept[i], r.bodies[i] = key, ""
			r.this.kept[i], r.this.sums[i], r.this.headings[i] = true, sum, headings
			r.this.keepText(i, r.texts[i])
		}
	}
	r.gotText(i, sum) // after the cache has it
}

// gotText hands page i's text, with its TextSum (zero without a cache), to
// Config.Sections, if set, and lets it go.
func (r *converter) gotText(i int, sum output.Key) {
	if r.cfg.Sections != nil {
		r.cfg.Sections(i, r.keys[i], handbook.Text{Sections: r.texts[i]}, sum)
		r.texts[i] = nil
	}
}

// keepInCache tells the cache which conversions this build used, so that
// it lets go of the rest, and keeps this run in memory for the next.
func (r *converter) keepInCache() {
	cache := r.cache
	if cache == nil {
		return
	}
	var same [][32]byte // the conversions taken again without a lookup
	for i := range r.keys {
		if r.reused[i] {
			same = append(same, r.kept[i])
		}
	}
	cache.pages.Keep(same...)
	cache.pages.Prune()
	if cache.bodies != nil { // those of the pages kept, unread
		var used [][32]byte
		for i := range r.keys {
			if r.kept[i] != (output.Key{}) {
				used = append(used, r.kept[i])
			}
		}
		cache.bodies.Keep(used...)
		cache.bodies.Prune()
	}
	cache.sourceIDs.Prune()
	if cache.inMemory {
		cache.last = r.this
	}
}

// pages checks every page's anchors, now that every page's headings are
// known, adds the problems found to errs and gathers what the pages gave.
func (r *converter) pages(errs *diag.List) (*Pages, error) {
	n := len(r.keys)
	out := &Pages{Bodies: map[string]template.HTML{}, BodyKeys: make(map[string]output.Key, n), Sections: map[string][]handbook.Section{},
		Steps: make(map[string][]string, n), Ends: make(map[string]string, n), Printed: make(map[string]template.HTML, n),
		Around: r.around, Converted: int(r.fresh.Load())}
	// the headings of the pages not converted, which a conversion records
	// itself, for the anchors' checks
	for i, k := range r.keys {
		if r.this.kept[i] && r.this.headings[i] != nil {
			r.res.headings[k] = r.this.headings[i]
		}
	}
	text := make(map[string][]string, n)
	for i, k := range r.keys {
		if r.failures[i] != nil {
			return nil, fmt.Errorf("%s: %w", r.g.Pages[k].Source, r.failures[i])
		}
		if !r.reused[i] { // a page taken again had no problems
			*errs = append(*errs, r.states[i].errs...)
		}
		r.res.checkAnchors(r.states[i], errs)
		text[k] = r.states[i].links
		if r.kept[i] != (output.Key{}) {
			out.BodyKeys[k] = r.kept[i]
		} else {
			out.Bodies[k] = r.bodies[i]
		}
		if r.cfg.Sections == nil {
			out.Sections[k] = r.texts[i]
		}
		out.Steps[k] = r.steps[i]
		if r.ends[i] != "" {
			out.Ends[k] = r.ends[i]
		}
		out.Printed[k] = r.printed[i]
	}
	if r.cache != nil && r.cache.inMemory {
		out.Backlinks = r.g.BacklinksWith(r.cache.textLinks(text))
	} else {
		out.Backlinks = r.g.Backlinks(text)
	}
	return out, nil
}
