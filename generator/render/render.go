// Package render turns the resolved handbook into the files of the site:
// every page as HTML through html/template layouts, the section indexes and
// their filter pages, the red-flags page, 404.html, the assets, and (with a
// base URL) sitemap.xml and robots.txt.
//
// Markdown is converted by goldmark. Links to .md files become relative
// links to the .html pages built from them, so the site works from disk and
// at any sub-path. Every page carries the medical disclaimer and a panel on
// when to stop and get help.
package render

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"handbook/generator/content"
	"handbook/generator/decision"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/output"
	"handbook/generator/parallel"
)

// Config is what rendering needs besides the handbook.
type Config struct {
	Offline bool   // write the web app manifest and link it (the build adds sw.js)
	Layouts fs.FS  // the html/template files
	Assets  fs.FS  // copied to assets/
	BaseURL string // overrides handbook.yaml's base-url when set
	// ContactSheet adds figures.html: every exercise's figure, for checking.
	ContactSheet bool
	// Keep, if set, is asked before each page is laid out whether the
	// previous build's copy can stay; pages it keeps are not emitted.
	Keep Keeper
	// Cache, if set, keeps converted pages for the next build (serve).
	Cache *Cache
	// ModelKey hashes what the edition's model was decoded from: its data
	// files and every page's front matter, by name. With it, and Keep and
	// Cache, a page whose view can read nothing new since a build that
	// kept or made it is kept without its view being made (see viewsKey).
	ModelKey output.Key
	// VerifyKeys, for tests, makes and hashes every page's view anyway and
	// fails the build if a page kept by its memoized key would have had
	// another: a dependency missing from viewsKey.
	VerifyKeys bool
	// Text is each page's markdown by page key, front matter blanked so
	// that lines match the file (see Text). The graph holds none: after
	// conversion a large handbook need not hold its markdown. The renderer
	// lets go of each page's markdown as it converts it, and so should the
	// caller.
	Text map[string]Markdown
	// Sections, if set, is given each page's text as soon as the page is
	// converted, from several goroutines, pages in about the order of
	// graph.Order; the renderer keeps none of it (for the search index,
	// which counts its words then and there). Without it, Sections has it.
	// With a Cache, textKey is TextSum of the sections, kept with the
	// converted page so that it is not hashed again; otherwise it is zero.
	// n is the page's number in graph.Order.
	// A page converted by an earlier build and kept in a cache on disk
	// is given without its sections, which are read back only if the
	// callee asks (see handbook.Text).
	Sections func(n int, key string, t handbook.Text, textKey output.Key)
	// Words are the words of the layouts, scripts and figures in the
	// handbook's language (see LoadStrings); nil reads as the keys.
	Words *Strings
	// Editions are the site's languages, the source's first, each a full
	// site in its own folder; Edition is this one's folder ("" for the
	// source's). Every page links to itself in the others.
	Editions []Edition
	Edition  string
	// SourceWords are the source language's words, in a translation:
	// headings named in them keep their ids there (see Sources).
	SourceWords *Strings
	// Sources are, in a translation, the source language's markdown of
	// each translated page: its headings give the translation's headings
	// their ids, one for one, so that links to a heading (#the-hip-hinge)
	// hold in every language.
	Sources map[string]Markdown
}

// Edition is the site in one language.
type Edition struct {
	Folder string // "" for the source language, which is the site's root
	Lang   string // its tag, for hreflang and lang: "en-GB", "es"
	Name   string // its name in itself: "Español"
}

// Markdown is a page's markdown, front matter blanked so that line numbers
// hold, and its SHA-256 (content.File.BodySum), which keys what is made
// from it.
type Markdown struct {
	Body []byte
	Sum  output.Key
}

// sum is m.Sum, or, for markdown given without it, the hash of its body.
func (m Markdown) sum() output.Key {
	if m.Sum == (output.Key{}) {
		return sha256.Sum256(m.Body)
	}
	return m.Sum
}

// Text maps each page of a content tree to its markdown, for Config.Text.
func Text(tree *content.Tree) map[string]Markdown {
	m := make(map[string]Markdown, len(tree.Pages))
	for _, f := range tree.Pages {
		key := f.ID
		if f.Section != "" {
			key = f.Section + "/" + f.ID
		}
		m[key] = Markdown{f.Body, f.BodySum()}
	}
	return m
}

// Site is what rendering produces, all at once (see Render).
type Site struct {
	Files    []output.File
	Sections map[string][]handbook.Section // page key -> its text, for the search index
}

// Emitter receives the files of the site as they are made, from several
// goroutines at once.
type Emitter func(output.File) error

// Renderer is a handbook whose markdown is converted: every content error
// is known, and Emit can make the pages.
type Renderer struct {
	b      *builder
	static []*content.Data
	assets fs.FS
}

// Prepare parses the layouts and converts every page's markdown. Problems
// in content (links to missing pages or headings) are added to errs; the
// error returned is for layouts that fail to parse.
func Prepare(g *graph.Graph, static []*content.Data, cfg Config, errs *diag.List) (*Renderer, error) {
	if cfg.Words == nil {
		cfg.Words = &Strings{}
	}
	ls, err := cfg.Cache.parsed(cfg.Layouts, cfg.Words)
	if err != nil {
		return nil, err
	}
	base := cfg.BaseURL
	if base == "" {
		base = g.Config.BaseURL
	}
	if base != "" && !strings.HasSuffix(base, "/") {
		base += "/"
	}
	if base != "" && cfg.Edition != "" {
		base += cfg.Edition + "/"
	}
	text := cfg.Text
	cfg.Text = nil // cfg lives on past markdown, which lets go of each page's
	// the maps by page are made as large at once
	n := len(g.Pages)
	r := &builder{g: g, t: ls.t, base: base, words: cfg.Words, sourceWords: cfg.SourceWords, editions: cfg.Editions, edition: cfg.Edition, offline: cfg.Offline, sheet: cfg.ContactSheet, keep: cfg.Keep, modelKey: cfg.ModelKey, verifyKeys: cfg.VerifyKeys, layoutsKey: ls.key, cache: cfg.Cache, text: text, sources: cfg.Sources, onText: cfg.Sections,
		bodies: map[string]template.HTML{}, bodyKeys: make(map[string]output.Key, n), sections: map[string][]handbook.Section{},
		steps: make(map[string][]string, n), ends: make(map[string]string, n), printed: make(map[string]template.HTML, n), chrome: chrome{parts: map[string]template.HTML{}}}
	if err := r.markdown(static, ls.ids, errs); err != nil {
		return nil, err
	}
	if err := r.checkPictures(static, errs); err != nil {
		return nil, err
	}
	return &Renderer{b: r, static: static, assets: cfg.Assets}, nil
}

// SetTree gives the compiled decision tree, if there is one, for Emit.
func (rr *Renderer) SetTree(t *decision.Tree) { rr.b.tree = t }

// Converted is how many pages were converted, not taken from the cache.
func (rr *Renderer) Converted() int { return int(rr.b.converted.Load()) }

// Unviewed is how many pages Emit kept by their memoized keys, without
// making their views (see memoKey).
func (rr *Renderer) Unviewed() int { return int(rr.b.unviewed.Load()) }

// Sections hands over each page's text, where Config.Sections was not set.
func (rr *Renderer) Sections() map[string][]handbook.Section {
	s := rr.b.sections
	rr.b.sections = nil
	return s
}

// Emit executes the layouts and hands every file of the site to emit: each
// page as soon as it is made, so a large handbook is never held whole.
func (rr *Renderer) Emit(emit Emitter) error {
	r := rr.b
	// every path the build makes, so that no file from content/ can
	// replace one (content.Load refuses those it knows of; this is the
	// last word)
	var mu sync.Mutex
	made := map[string]bool{}
	own := emit
	emit = func(f output.File) error {
		mu.Lock()
		made[strings.ToLower(f.Path)] = true
		mu.Unlock()
		return own(f)
	}
	paths, err := r.pages(emit)
	if err != nil {
		return err
	}
	for _, p := range paths { // those kept as well as those made
		made[strings.ToLower(p)] = true
	}
	assets, err := r.assets(rr.assets)
	if err != nil {
		return err
	}
	hs, err := r.handoutScript()
	if err != nil {
		return err
	}
	files := append(assets, hs, output.File{Path: "assets/strings.js", Data: r.words.Script()})
	figures, kept := r.figureFiles()
	files = append(files, figures...)
	for _, p := range kept {
		made[strings.ToLower(p)] = true
	}
	if r.offline {
		app, err := r.webApp()
		if err != nil {
			return err
		}
		files = append(files, app...)
	}
	if r.tree != nil {
		f, err := r.cache.script(r.tree, r.treeScript)
		if err != nil {
			return err
		}
		files = append(files, f)
	}
	for _, f := range files {
		made[strings.ToLower(f.Path)] = true
	}
	for _, s := range rr.static {
		if made[strings.ToLower(s.Rel)] {
			return fmt.Errorf("%s would replace %s, which the build makes", s.Path, s.Rel)
		}
		files = append(files, output.File{Path: s.Rel, Data: s.Text})
	}
	if r.base != "" {
		files = append(files, r.sitemap(paths), output.File{Path: "robots.txt",
			Data: []byte("User-agent: *\nAllow: /\nSitemap: " + r.base + "sitemap.xml\n")})
	}
	for _, f := range files {
		if err := emit(f); err != nil {
			return err
		}
	}
	return nil
}

// Render prepares and emits the whole site into memory, sorted by path.
// Builds stream instead; tests and small tools use this.
func Render(g *graph.Graph, tree *decision.Tree, static []*content.Data, cfg Config, errs *diag.List) (*Site, error) {
	rr, err := Prepare(g, static, cfg, errs)
	if err != nil {
		return nil, err
	}
	rr.SetTree(tree)
	var mu sync.Mutex
	var files []output.File
	err = rr.Emit(func(f output.File) error {
		mu.Lock()
		files = append(files, f)
		mu.Unlock()
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return &Site{Files: files, Sections: rr.Sections()}, nil
}

type builder struct {
	words          *Strings
	sourceWords    *Strings // nil in the source language
	editions       []Edition
	edition        string
	g              *graph.Graph
	tree           *decision.Tree // nil without decide.yaml
	offline        bool
	sheet          bool // make figures.html
	chrome         chrome
	t              map[string]*template.Template
	base           string
	bodies         map[string]template.HTML // page key -> rendered markdown
	printed        map[string]template.HTML // page key -> rendered for print.html
	sections       map[string][]handbook.Section
	onText         func(n int, key string, t handbook.Text, textKey output.Key) // instead of sections, if set
	bodyKeys       map[string]output.Key                                        // page key -> its HTML's key in the cache, instead of bodies
	converted      atomic.Int64                                                 // pages converted, not taken from the cache
	unviewed       atomic.Int64                                                 // pages kept by their memoized keys
	steps          map[string][]string                                          // exercise page key -> numbered steps
	ends           map[string]string                                            // page key -> the id of its body's last heading
	pictures       map[string]string                                            // exercise id -> output path of its figure or image
	logo           string                                                       // the clinic's logo, its output path, or ""
	figures        map[string][]byte                                            // exercise id -> its drawn figure, SVG
	figureFileList []figureFile                                                 // see figureFiles
	figureKeys     map[string]output.Key                                        // exercise id -> its figure's key, where it has one
	stacked        map[string][]byte                                            // exercise id -> its figure with the frames stacked, if too wide
	wide           map[string]bool                                              // exercise id -> its figure is wider than WideAbove
	keep           Keeper
	layoutsKey     output.Key // hashes the files of layouts
	modelKey       output.Key // see Config.ModelKey
	verifyKeys     bool
	around         output.Key // what converting a page reads besides its own text; see surroundings
	views          output.Key // what a page's view reads besides its own converted text; see viewsKey
	cache          *Cache
	shared         output.Key          // hashes what every page's layout reads; see sharedKey
	models         sync.Map            // the model's values hashed for pages' keys; see viewHash
	text           map[string]Markdown // each page's markdown, until it is converted
	sources        map[string]Markdown // a translated page's source markdown, for its heading ids
	backlinks      graph.Backlinks     // from the front matter and the text
	doses          sync.Map            // handbook.Dose -> its rows, as dose gives them
	plans          sync.Map            // a plan's exercise, easier versions and care -> its *planView
}

// dose is formatDose in the builder's language, once per build for each
// dose: the decision tree's plans show the same exercises many times.
// Views share the rows; no layout changes them.
func (r *builder) dose(d handbook.Dose) []doseRow {
	if rows, ok := r.doses.Load(d); ok {
		return rows.([]doseRow)
	}
	rows := slices.Clip(formatDose(r.words, d))
	r.doses.Store(d, rows)
	return rows
}

// markdown converts every page body, two workers per core, then checks the
// anchors that links point at, since those need every page's headings.
func (r *builder) markdown(static []*content.Data, reserved map[string]bool, errs *diag.List) error {
	res := &resolver{g: r.g, static: map[string]bool{}, headings: make(map[string]map[string]bool, len(r.g.Pages)),
		allowHTML: r.g.Config.AllowHTML, reserved: reserved, print: r.printable(), words: r.words, sourceWords: r.sourceWords}
	for _, s := range static {
		res.static[s.Rel] = true
	}
	md := newMarkdown(res)
	keys := r.g.Order()
	states := make([]*parsing, len(keys))
	bodies := make([]template.HTML, len(keys))
	texts := make([][]handbook.Section, len(keys))
	stepLists := make([][]string, len(keys))
	printed := make([]template.HTML, len(keys))
	ends := make([]string, len(keys))
	failures := make([]error, len(keys))
	var reservedKey output.Key
	if r.cache != nil {
		r.around = res.surroundings()
		reservedKey = keyOfSet(reserved)
	}
	around := r.around
	// a page's HTML kept in the cache is read back from it when the page
	// is laid out: a large handbook does not hold every page's HTML at once
	kept := make([]output.Key, len(keys))
	doses := make(map[string]*handbook.Dose, len(r.g.Exercises))
	for _, e := range r.g.Exercises {
		doses[e.Key()] = &e.Dose
	}
	// each page's markdown, let go of once converted
	markdown := make([]Markdown, len(keys))
	for i, k := range keys {
		markdown[i] = r.text[k]
	}
	r.text = nil
	// in memory, the last build's conversions: by number if its graph
	// is this one, or else by page; read only in the loop
	var last *lastRun
	var lastKeys map[*handbook.Page]*pageKeyed
	// run is this build's. Its texts are apart, kept only in memory (serve,
	// whose cache holds them anyway): each goes to the index as soon as it
	// is made, and a build lets go of it (see gotText)
	run := &lastRun{g: r.g, pk: make([]*pageKeyed, len(keys)), kept: make([]bool, len(keys)), states: states, printed: printed,
		steps: stepLists, ends: ends, sums: make([]output.Key, len(keys)), headings: make([]map[string]bool, len(keys))}
	if r.cache != nil && r.cache.inMemory {
		run.texts = make([][]handbook.Section, len(keys))
		if last = r.cache.last; last != nil && last.g != r.g {
			last, lastKeys = nil, last.byPage()
		}
	}
	reused := make([]bool, len(keys))
	parallel.For(len(keys), func(i int) {
		p := r.g.Pages[keys[i]]
		text, dose := markdown[i], doses[keys[i]]
		body := text.Body
		markdown[i] = Markdown{}
		var ids []string // the source's heading ids, for a translated page
		if src := r.sources[keys[i]]; src.Body != nil {
			ids = r.cache.sourceIDsOf(src, res.reserved, reservedKey)
		}
		var ck output.Key
		if r.cache != nil {
			in := inputsOf(around, p, text.sum(), dose, ids)
			if last != nil && last.kept[i] && in.same(last.pk[i]) {
				// the same page, converted the same: all as it was
				run.pk[i], run.kept[i], reused[i], kept[i] = last.pk[i], true, true, last.pk[i].key
				states[i], printed[i], texts[i], stepLists[i], ends[i] = last.states[i], last.printed[i], last.texts[i], last.steps[i], last.ends[i]
				run.sums[i], run.headings[i] = last.sums[i], last.headings[i]
				run.keepText(i, texts[i])
				r.gotText(keys[i], texts, i, run.sums[i])
				return
			}
			var was *pageKeyed
			if last != nil {
				was = last.pk[i]
			} else {
				was = lastKeys[p]
			}
			run.pk[i] = in.keyed(p, was, dose)
			ck = run.pk[i].key
			if c, ok := r.cache.pages.Get(ck); ok && (r.cache.bodies == nil || r.cache.bodies.Has(ck)) {
				states[i], printed[i], texts[i], stepLists[i] = c.st, c.printed, c.texts, c.steps
				kept[i], run.kept[i] = ck, true
				run.sums[i], run.headings[i] = c.textSum, c.headings
				run.keepText(i, c.texts)
				ends[i] = c.lastAnchor()
				if r.cache.bodies == nil {
					r.gotText(keys[i], texts, i, c.textSum)
					return
				}
				// the text stays in the cache folder until, if ever, it is
				// needed: for the search index, or without one, now
				if r.onText != nil {
					r.onText(i, keys[i], handbook.Text{Anchors: c.anchors, Load: func() ([]handbook.Section, error) { return r.cache.texts(ck) }}, c.textSum)
				} else if texts[i], failures[i] = r.cache.texts(ck); failures[i] != nil {
					kept[i], run.kept[i] = output.Key{}, false
				}
				return
			}
		}
		states[i], bodies[i], printed[i], texts[i], stepLists[i], failures[i] = convert(md, res, p, body, dose, ids)
		r.converted.Add(1)
		ends[i] = lastAnchor(texts[i])
		var sum output.Key
		if r.cache != nil {
			sum = TextSum(texts[i])
		}
		if failures[i] == nil {
			defer r.gotText(keys[i], texts, i, sum) // after the cache has it
		}
		if r.cache != nil && failures[i] == nil && len(states[i].errs) == 0 {
			st := states[i]
			st.forPrint, st.lines = nil, nil // the tree need not be kept
			res.mu.Lock()
			ids := res.headings[p.Key()]
			res.mu.Unlock()
			c := &converted{st: st, web: bodies[i], printed: printed[i], texts: texts[i], steps: stepLists[i], headings: ids, textSum: sum}
			if (r.cache.bodies == nil || r.cache.bodies.Put(ck, c)) && r.cache.pages.Put(ck, c) {
				kept[i], bodies[i] = ck, ""
				run.kept[i], run.sums[i], run.headings[i] = true, sum, ids
				run.keepText(i, texts[i])
			}
		}
	})
	if r.cache != nil {
		var same [][32]byte // the conversions taken again without a lookup
		for i := range keys {
			if reused[i] {
				same = append(same, kept[i])
			}
		}
		r.cache.pages.Keep(same...)
		r.cache.pages.Prune()
		if r.cache.bodies != nil { // those of the pages kept, unread
			var used [][32]byte
			for i := range keys {
				if kept[i] != (output.Key{}) {
					used = append(used, kept[i])
				}
			}
			r.cache.bodies.Keep(used...)
			r.cache.bodies.Prune()
		}
		r.cache.sourceIDs.Prune()
		if r.cache.inMemory {
			r.cache.last = run
		}
	}
	// the headings of the pages not converted, which a conversion records
	// itself, for the anchors' checks
	for i, k := range keys {
		if run.kept[i] && run.headings[i] != nil {
			res.headings[k] = run.headings[i]
		}
	}
	text := make(map[string][]string, len(keys))
	for i, k := range keys {
		if failures[i] != nil {
			return fmt.Errorf("%s: %w", r.g.Pages[k].Source, failures[i])
		}
		if !reused[i] { // a page taken again had no problems
			*errs = append(*errs, states[i].errs...)
		}
		res.checkAnchors(states[i], errs)
		text[k] = states[i].links
		if kept[i] != (output.Key{}) {
			r.bodyKeys[k] = kept[i]
		} else {
			r.bodies[k] = bodies[i]
		}
		if r.onText == nil {
			r.sections[k] = texts[i]
		}
		r.steps[k] = stepLists[i]
		if ends[i] != "" {
			r.ends[k] = ends[i]
		}
		r.printed[k] = printed[i]
	}
	if r.cache != nil && r.cache.inMemory {
		r.backlinks = r.g.BacklinksWith(r.cache.textLinks(text))
	} else {
		r.backlinks = r.g.Backlinks(text)
	}
	return nil
}

// lastAnchor is the id of the last heading of a page's sections, or "".
// It is a copy: the sections may share the bytes of a whole page read back
// from the cache folder, which the build keeps to the end.
func lastAnchor(secs []handbook.Section) string {
	if len(secs) == 0 {
		return ""
	}
	return strings.Clone(secs[len(secs)-1].Anchor)
}

// gotText hands page key's text, texts[i], page i of graph.Order, with
// its TextSum (zero without a cache), to Config.Sections, if set, and lets
// it go.
func (r *builder) gotText(key string, texts [][]handbook.Section, i int, sum output.Key) {
	if r.onText != nil {
		r.onText(i, key, handbook.Text{Sections: texts[i]}, sum)
		texts[i] = nil
	}
}

// MaxQuoteDepth bounds how deep block quotes may nest. goldmark's time
// grows with the square of the depth (200,000 levels took minutes), and no
// page needs more than a few.
const MaxQuoteDepth = 100

// quoteDepth finds the line (0-based) with the deepest block quote markers
// at its start, and their number, in one pass over the body.
func quoteDepth(body []byte) (line, depth int) {
	n, cur, at := 0, 0, true
	for _, c := range body {
		switch {
		case c == '\n':
			n++
			cur, at = 0, true
		case at && c == '>':
			cur++
			if cur > depth {
				line, depth = n, cur
			}
		case at && (c == ' ' || c == '\t'):
		default:
			at = false
		}
	}
	return line, depth
}

// convert parses one page body and renders it for its page and, when
// the handbook is printed whole, for print.html; and extracts its text.
//
// dose is the exercise's dose, nil for a page that is not an exercise: the
// HTML and the text show its values for the placeholders of the body
// ("{hold}"), which the steps keep, for programmes and handouts to fill.
//
// ids, if set, are the ids of the headings of the page's source, for a
// translation: its headings take them one for one, if it has as many.
func convert(md goldmark.Markdown, res *resolver, p *handbook.Page, body []byte, dose *handbook.Dose, ids []string) (st *parsing, web, printed template.HTML, texts []handbook.Section, stepList []string, err error) {
	st = &parsing{page: p, rel: sourceRel(p), lines: lineStarts(body)}
	if line, depth := quoteDepth(body); depth > MaxQuoteDepth {
		st.errs.AddHint(st.position(st.lines[line]), fmt.Sprintf("nest them at most %d deep", MaxQuoteDepth),
			"block quotes nested %d deep", depth)
		return st, "", "", nil, nil, nil
	}
	if ids != nil && headingCount(body) != len(ids) {
		ids = nil // not the source's headings: the translation's own ids
	}
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs(res.reserved).taking(ids)))
	pc.Set(pageKey, st)
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	// the text first: the print version changes the tree
	texts, stepList = sections(doc, body), steps(doc, body, res.stepsIDs())
	var b bytes.Buffer
	b.Grow(len(body) + len(body)/2) // the HTML of a page is about its markdown's size and a third
	if err := md.Renderer().Render(&b, body, doc); err != nil {
		return st, "", "", nil, nil, err
	}
	web = template.HTML(b.String())
	checkPlaceholders(st, body, dose)
	if dose != nil {
		web = fillDoseHTML(res.words, web, *dose)
		for i := range texts {
			texts[i].Heading, texts[i].Text = fillDose(res.words, texts[i].Heading, *dose), fillDose(res.words, texts[i].Text, *dose)
		}
	}
	if res.print {
		for _, f := range st.forPrint {
			f()
		}
		b.Reset()
		if err := md.Renderer().Render(&b, body, doc); err != nil {
			return st, "", "", nil, nil, err
		}
		printed = template.HTML(b.String())
		if dose != nil {
			printed = fillDoseHTML(res.words, printed, *dose)
		}
	}
	return st, web, printed, texts, stepList, nil
}

// printable reports whether the handbook is small enough for print.html.
func (r *builder) printable() bool { return len(r.g.Pages) <= PrintMax }

func sourceRel(p *handbook.Page) string {
	if p.Section == "" {
		return p.ID + ".md"
	}
	return p.Section + "/" + p.ID + ".md"
}

// lineStarts returns the byte offset at which each line of b starts.
func lineStarts(b []byte) []int {
	starts := []int{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
