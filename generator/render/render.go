// Package render lays out the converted handbook (package convert) as the
// files of the site: every page through html/template layouts, the section
// indexes and their filter pages, the red-flags page, print.html, 404.html,
// the assets, the figures, and (with a base URL) sitemap.xml and
// robots.txt. Every page carries the medical disclaimer and a panel on
// when to stop and get help.
package render

import (
	"fmt"
	"html/template"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"sync"
	"sync/atomic"

	"handbook/generator/content"
	"handbook/generator/convert"
	"handbook/generator/decision"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/output"
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
	// Text is each page's markdown by page key (see convert.Config.Text).
	// Prepare lets go of it once the pages are converted; so should the
	// caller.
	Text map[string]convert.Markdown
	// Sections, if set, is given each page's text as soon as the page is
	// converted (see convert.Config.Sections). Without it, Sections has it.
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
	// each translated page (see convert.Config.Sources).
	Sources map[string]convert.Markdown
}

// Edition is the site in one language.
type Edition struct {
	Folder string // "" for the source language, which is the site's root
	Lang   string // its tag, for hreflang and lang: "en-GB", "es"
	Name   string // its name in itself: "Español"
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
	cfg.Text = nil // cfg lives on; the pages' markdown need not
	r := &builder{g: g, t: ls.t, base: base, words: cfg.Words, sourceWords: cfg.SourceWords, editions: cfg.Editions, edition: cfg.Edition, offline: cfg.Offline, sheet: cfg.ContactSheet,
		keep: cfg.Keep, modelKey: cfg.ModelKey, verifyKeys: cfg.VerifyKeys, layoutsKey: ls.key, cache: cfg.Cache, chrome: chrome{parts: map[string]template.HTML{}}}
	ccfg := convert.Config{Static: make(map[string]bool, len(static)), Reserved: ls.ids, Print: r.printable(), Words: cfg.Words,
		Text: text, Sources: cfg.Sources, Cache: cfg.Cache.converting(), Sections: cfg.Sections}
	if cfg.SourceWords != nil { // a nil *Strings is not a nil Words
		ccfg.SourceWords = cfg.SourceWords
	}
	for _, s := range static {
		ccfg.Static[s.Rel] = true
	}
	conv, err := convert.Run(g, ccfg, errs)
	if err != nil {
		return nil, err
	}
	r.conv = conv
	if err := r.checkPictures(static, errs); err != nil {
		return nil, err
	}
	return &Renderer{b: r, static: static, assets: cfg.Assets}, nil
}

// SetTree gives the compiled decision tree, if there is one, for Emit.
func (rr *Renderer) SetTree(t *decision.Tree) { rr.b.tree = t }

// Converted is how many pages were converted, not taken from the cache.
func (rr *Renderer) Converted() int { return rr.b.conv.Converted }

// Unviewed is how many pages Emit kept by their memoized keys, without
// making their views (see memoKey).
func (rr *Renderer) Unviewed() int { return int(rr.b.unviewed.Load()) }

// Sections hands over each page's text, where Config.Sections was not set.
func (rr *Renderer) Sections() map[string][]handbook.Section {
	s := rr.b.conv.Sections
	rr.b.conv.Sections = nil
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
	conv           *convert.Pages        // the pages converted
	unviewed       atomic.Int64          // pages kept by their memoized keys
	pictures       map[string]string     // exercise id -> output path of its figure or image
	logo           string                // the clinic's logo, its output path, or ""
	figures        map[string][]byte     // exercise id -> its drawn figure, SVG
	figureFileList []figureFile          // see figureFiles
	figureKeys     map[string]output.Key // exercise id -> its figure's key, where it has one
	stacked        map[string][]byte     // exercise id -> its figure with the frames stacked, if too wide
	wide           map[string]bool       // exercise id -> its figure is wider than WideAbove
	keep           Keeper
	layoutsKey     output.Key // hashes the files of layouts
	modelKey       output.Key // see Config.ModelKey
	verifyKeys     bool
	views          output.Key // what a page's view reads besides its own converted text; see viewsKey
	cache          *Cache
	shared         output.Key // hashes what every page's layout reads; see sharedKey
	models         sync.Map   // the model's values hashed for pages' keys; see viewHash
	doses          sync.Map   // handbook.Dose -> its rows, as dose gives them
	plans          sync.Map   // a plan's exercise, easier versions and care -> its *planView
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

// printable reports whether the handbook is small enough for print.html.
func (r *builder) printable() bool { return len(r.g.Pages) <= PrintMax }
