// Package site runs the pipeline that turns a content folder into a site:
//
//	content -> schema -> graph -> decision, convert -> render, search -> publish
//
// Each stage takes the previous stage's value. The search index counts
// each page's words as convert converts the page, so no page's text is kept;
// it writes its files beside the layouts. Content errors from every
// stage are collected into one sorted list; if there are any, nothing is
// written and the previous output stays as it was.
package site

import (
	"cmp"
	"crypto/sha256"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"slices"
	"strings"
	"sync"
	"time"

	"handbook/generator/content"
	"handbook/generator/decision"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/memo"
	"handbook/generator/publish"
	"handbook/generator/render"
	"handbook/generator/schema"
	"handbook/generator/search"
	"handbook/generator/sysfile"
)

// Config says what to build and where.
type Config struct {
	Content string // the content folder
	Out     string // the output folder; "" checks only
	BaseURL string // overrides handbook.yaml's base-url
	Layouts fs.FS
	Assets  fs.FS
	// LayoutsName and AssetsName name the two folders in messages
	// ("layouts" and "assets" when empty: the built-in ones)
	LayoutsName, AssetsName string
	// Worker is the service worker's script (assets' sw.js): with it, and
	// unless Fast, the build writes sw.js and a web app manifest so the
	// site can be kept for reading offline.
	Worker []byte
	// Cache, if set, keeps converted pages and the compiled decision tree
	// for the next build in this process (serve): what did not change is
	// not made again. Without it, a build into an output folder keeps its
	// converted pages in a folder beside it, for the next build (see
	// diskcache.go).
	Cache *Cache
	// Fast skips minifying and updates the output in place, rather than
	// swapping in a new folder: for serve, where pages are read on this
	// computer and the next save is seconds away. Content errors still
	// stop the build before anything is written.
	Fast bool
	// ContactSheet also writes figures.html, every exercise's figure on one
	// page with its description, for authors to check by eye.
	ContactSheet bool
	// Untranslated lists, among the warnings, every page that a
	// translation lacks (check); without it they are counted.
	Untranslated bool
	// Changed, with Cache, names the files that changed since the last
	// build with that cache (serve: what the watcher saw), by path. Pages
	// not named, whose size and modification time are as that build read
	// them, are not read again (see content.Again). Nil reads every file.
	Changed []string
	// Watched says that Changed names every file changed since the last
	// build began, as a watcher that ran before then saw them: a build
	// where only pages were edited then reads those alone, without
	// walking the content folder (see content.Again.Edited).
	Watched bool
	// VerifyKeys, for tests, checks that every page kept without its view
	// being made would have had the same key (see render.Config).
	VerifyKeys bool
}

// Result says what a build did.
type Result struct {
	Pages   int // HTML pages
	Files   int // files in the site
	Written int // files written anew
	Reused  int // files kept from the previous output
	Kept    int // of those, pages not laid out again: nothing they show changed
	// Unviewed is how many of the pages kept were kept without their views
	// being made: nothing they could show had changed
	Unviewed int
	// Read is how many page files the build read: the others were as the
	// last build read them (see content.Record and Config.Changed).
	Read int
	// Converted is how many pages' markdown was converted; the others'
	// came from the cache, unchanged since the last build.
	Converted int
	Took      time.Duration
	Stages    []Stage // how long each stage took, in order
	// Warnings are parts a health handbook should have and this one does
	// not; the site is whole without them.
	Warnings diag.List
}

// Stage is the time one stage of the pipeline took.
type Stage struct {
	Name string
	Took time.Duration
}

// Build runs every stage. It returns a diag.List when the content has
// mistakes, and another error when something else failed.
func Build(cfg Config) (*Result, error) {
	if cfg.Cache != nil || cfg.Out == "" || cfg.Fast {
		return build(cfg)
	}
	// with the cache folder beside the output: if it turns out damaged
	// past the point where a page could be converted again, the build is
	// made again without it (the output is untouched until the end)
	cfg.Cache = diskCache(cfg.Out)
	res, err := build(cfg)
	if errors.Is(err, render.ErrCacheLost) || errors.Is(err, errPageChanged) {
		if err := os.RemoveAll(publish.Beside(cfg.Out, "cache")); err != nil {
			return nil, fmt.Errorf("removing the cache folder, to build without it: %w", err)
		}
		cfg.Cache = diskCache(cfg.Out)
		res, err = build(cfg)
	}
	return res, err
}

func build(cfg Config) (*Result, error) {
	t := newTimer()
	var errs diag.List
	files, err := loadContent(cfg, &errs)
	if err != nil {
		return nil, err
	}
	t.lap("load")
	h := cfg.Cache.decoder().Decode(files, &errs)
	t.lap("decode")
	eds := editions(h, files, cfg, &errs)
	for _, ed := range eds {
		ed.graph = cfg.Cache.resolve(ed.Folder, ed.h, &errs)
	}
	t.lap("graph")
	out := &sink{res: &Result{Warnings: missingParts(h, filepath.ToSlash(cfg.Content))}}
	out.res.Warnings = append(out.res.Warnings, translationStatus(files, h.Config.Languages, cfg.Untranslated)...)
	if !cfg.Cache.keepsFiles() {
		files.LetGoOfBodies() // the editions have them, to convert
	}
	err = perEdition(eds, &errs, func(ed *edition, errs *diag.List) error { return prepare(cfg, ed, eds, out, errs) })
	if files.Changed() {
		return nil, errPageChanged // before any mistake, which may be the change's
	}
	if err != nil {
		return nil, err
	}
	for _, ed := range eds {
		out.res.Converted += ed.rr.Converted()
	}
	t.lap("decision+markdown")
	if err := errs.Err(); err != nil {
		return nil, err // before the output is touched
	}
	if err := out.open(cfg); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	defer out.abort()
	err = perEdition(eds, nil, func(ed *edition, _ *diag.List) error { return out.make(cfg, ed) })
	if files.Changed() {
		return nil, errPageChanged
	}
	if err != nil {
		return nil, err
	}
	t.lap("search+layouts+write")
	if err := out.commit(t); err != nil {
		return nil, fmt.Errorf("publish: %w", err)
	}
	for _, ed := range eds {
		out.res.Unviewed += ed.rr.Unviewed()
	}
	out.res.Read = files.Read() // a page taken unread counts once a stage read it
	out.res.Took, out.res.Stages = time.Since(t.start), t.stages
	return out.res, nil
}

// errPageChanged is a build that found a page's file changed since the
// load took it from the last build's record without reading it (see
// content.Record): what it made of that page may not match the page's
// hashes, which key the cache folder, so both are thrown away.
var errPageChanged = errors.New("a page changed while the build read it")

// perEdition runs f for every edition at once: the editions share
// nothing they change, and each has stretches on one core (its search
// index, its decision tree) that the others fill. Each has its own list
// of content errors, added to errs, if set, in the editions' order; the
// first edition's other error, in that order, is returned.
func perEdition(eds []*edition, errs *diag.List, f func(ed *edition, errs *diag.List) error) error {
	lists := make([]diag.List, len(eds))
	fails := make([]error, len(eds))
	var wg sync.WaitGroup
	for i, ed := range eds {
		wg.Go(func() { fails[i] = f(ed, &lists[i]) })
	}
	wg.Wait()
	for i := range eds {
		if errs != nil {
			*errs = append(*errs, lists[i]...)
		}
	}
	for _, err := range fails {
		if err != nil {
			return err
		}
	}
	return nil
}

// timer records how long each stage takes.
type timer struct {
	start, last time.Time
	stages      []Stage
}

func newTimer() *timer {
	now := time.Now()
	return &timer{start: now, last: now}
}

func (t *timer) lap(name string) {
	now := time.Now()
	t.stages = append(t.stages, Stage{name, now.Sub(t.last)})
	t.last = now
}

// loadContent loads cfg.Content, reading again only what changed since the
// last build (with a cache in memory), and tells the cache what it read.
func loadContent(cfg Config, errs *diag.List) (*content.Tree, error) {
	files, err := load(cfg.Content, cfg.Cache.again(cfg.Content, cfg.Changed, cfg.Watched), errs)
	if err != nil {
		// the next build is given what changed since this one: it reads
		// every file, as this one's changes were not taken
		cfg.Cache.loaded(cfg.Content, &content.Tree{})
		return nil, err
	}
	cfg.Cache.loaded(cfg.Content, files)
	return files, nil
}

// load reads the content folder, taking what it can from the last load.
func load(dir string, again content.Again, errs *diag.List) (*content.Tree, error) {
	info, err := os.Stat(dir)
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("content: %s is not a folder", dir)
	}
	files, err := content.LoadAgain(sysfile.DirFS(dir), filepath.ToSlash(dir), again, errs)
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	return files, nil
}

// prepare compiles an edition's decision tree while it converts every
// page's markdown (neither needs the other), and gives each page's text to
// the edition's search index, which it starts, as soon as it is made.
func prepare(cfg Config, ed *edition, eds []*edition, out *sink, errs *diag.List) error {
	var treeErrs diag.List
	c := cfg.Cache.of(ed.Folder)
	ed.ix = search.NewIndexer(ed.graph, c.words())
	if p := c.postings(); p != nil {
		ed.ix.KeepPostings(p)
	}
	if ed.words != nil { // the red flags as the index names them
		ed.ix.SetWords(ed.words)
	}
	model := modelKey(ed.files)
	compiled := make(chan *decision.Tree, 1)
	go func() { compiled <- c.compile(model, ed.graph, &treeErrs) }()
	all := make([]render.Edition, len(eds))
	for i, e := range eds {
		all[i] = e.Edition
	}
	rc := render.Config{Layouts: cfg.Layouts, Assets: cfg.Assets, BaseURL: cfg.BaseURL,
		Offline: !cfg.Fast && cfg.Worker != nil, ContactSheet: cfg.ContactSheet, Cache: c.pages(), Text: ed.text,
		Sections: ed.ix.Add, Words: ed.words, Editions: all, Edition: ed.Folder, Sources: ed.sources,
		ModelKey: model, VerifyKeys: cfg.VerifyKeys}
	ed.text = nil // convert lets go of each page's as it converts it
	if ed != eds[0] {
		rc.SourceWords = eds[0].words
	}
	if cfg.Out != "" { // check writes nothing, so keeps nothing and needs no keys
		rc.Keep = func(path string, key publish.Key) bool { return out.keep(ed, path, key) }
	}
	rr, err := render.Prepare(ed.graph, ed.files.Static, rc, errs)
	tree := <-compiled
	*errs = append(*errs, treeErrs...)
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	rr.SetTree(tree)
	ed.rr = rr
	return nil
}

// sink takes the files of the site as they are made, from several
// goroutines: it counts them, collects each edition's for its offline
// copy's service worker, and hands them to the writer of the output
// folder, if any.
type sink struct {
	res *Result
	mu  sync.Mutex
	w   *publish.Writer // nil when only checking
}

// open starts writing the output folder cfg.Out, if one is set.
func (s *sink) open(cfg Config) error {
	if cfg.Out == "" {
		return nil
	}
	var err error
	if cfg.Fast {
		s.w, err = publish.InPlace(cfg.Out, nil, cfg.Cache.session())
	} else {
		s.w, err = publish.Begin(cfg.Out, publish.NewMinifier())
	}
	return err
}

func (s *sink) count(f publish.File) {
	s.mu.Lock()
	s.res.Files++
	if strings.HasSuffix(f.Path, ".html") {
		s.res.Pages++
	}
	s.mu.Unlock()
}

// emit takes a file of the edition ed, its path in the edition's folder.
func (s *sink) emit(ed *edition, f publish.File) error {
	if ed.offline != nil {
		ed.offline.Add(&f)
	}
	f.Path = ed.path(f.Path)
	s.count(f)
	if s.w == nil {
		return nil
	}
	return s.w.Write(f)
}

// keep keeps the last build's copy of a page made from the same inputs.
// It is asked while the layouts run, once the output is open.
func (s *sink) keep(ed *edition, path string, key publish.Key) bool {
	if s.w == nil {
		return false
	}
	made, ok := s.w.Keep(ed.path(path), key)
	if !ok {
		return false
	}
	s.count(publish.File{Path: path})
	if ed.offline != nil {
		ed.offline.AddSum(path, made)
	}
	return true
}

// make makes every file of an edition: the search index and the pages at
// once, then the service worker, which lists them.
func (s *sink) make(cfg Config, ed *edition) error {
	if !cfg.Fast && cfg.Worker != nil {
		ed.offline = publish.NewOffline()
	}
	emit := func(f publish.File) error { return s.emit(ed, f) }
	indexed := make(chan error, 1)
	var keep func(string, publish.Key) bool
	if cfg.Out != "" {
		keep = func(path string, key publish.Key) bool { return s.keep(ed, path, key) }
	}
	go func() { indexed <- ed.ix.Write(emit, keep) }()
	err := ed.rr.Emit(emit)
	if ierr := <-indexed; ierr != nil {
		return ierr
	}
	if err != nil {
		return fmt.Errorf("render: %w", err)
	}
	if missing := ed.words.Missing(); len(missing) > 0 {
		var errs diag.List
		for _, k := range missing {
			errs.AddHint(diag.Pos{File: path.Join(cmp.Or(cfg.LayoutsName, "layouts"), render.StringsDir, ed.words.Code)}, "add "+k+": to a file there",
				"the generator shows the string %q, which %s lacks", k, ed.Name)
		}
		return errs
	}
	if ed.offline != nil {
		worker := ed.offline.Worker(string(cfg.Worker))
		ed.offline = nil
		if err := emit(worker); err != nil {
			return fmt.Errorf("publish: %w", err)
		}
	}
	return nil
}

// commit swaps the new output in and records what the writer did.
func (s *sink) commit(t *timer) error {
	if s.w == nil {
		return nil
	}
	st, err := s.w.Commit()
	if err != nil {
		return err
	}
	t.lap("swap")
	s.res.Written, s.res.Reused, s.res.Kept = st.Written, st.Reused, st.Kept
	// minifying and writing happen inside "search+layouts+write", on every
	// core; their summed time, divided by the cores, shows their share
	cores := time.Duration(runtime.GOMAXPROCS(0))
	t.stages = append(t.stages, Stage{"(minify)", st.Minify / cores}, Stage{"(write)", st.Write / cores})
	return nil
}

func (s *sink) abort() {
	if s.w != nil {
		s.w.Abort()
	}
}

// missingParts warns of what keeps a handbook of exercises from being safe
// to use on its own: no red flags to say when to get help, no questions to
// lead a reader to what suits them.
func missingParts(h *handbook.Handbook, root string) diag.List {
	var w diag.List
	if len(h.Exercises) == 0 {
		return nil
	}
	if len(h.Flags) == 0 {
		w.AddHint(diag.Pos{File: root + "/flags.yaml"}, "add flags.yaml with the signs that need a doctor; the README shows how",
			"no red flags: readers are not told which signs need a doctor before they exercise")
	}
	if h.Tree == nil {
		w.AddHint(diag.Pos{File: root + "/decide.yaml"}, "add decide.yaml with questions that check the red flags first; the README shows how",
			"no decision tree: readers have no guided way to find what suits them")
	}
	return w
}

// Cache keeps what one build made for the next: the converted pages and
// counted words, in memory (NewCache, for serve) or in a folder beside the
// output (diskCache, for build); and in memory only, each page's decoded
// front matter and the compiled decision tree with the key of what it was
// compiled from. A nil *Cache keeps nothing.
type Cache struct {
	decoded   *schema.Memo
	converted *render.Cache
	counted   search.Cache
	// merged is the search index's postings, in memory or read back
	// from the cache folder
	merged  *search.Postings
	mu      sync.Mutex
	treeKey [32]byte
	tree    *decision.Tree
	// published carries serve's record of the output folder from one
	// build to the next
	published publish.Session
	// files is the last build's content, pages whole, for the next to
	// take what did not change (in memory only: see again)
	files    *content.Tree
	filesDir string // the folder files was read from
	// record is the file in the cache folder that keeps the last load's
	// record of the pages it read (see content.Record), for a build from
	// disk
	record string
	// translations are each translation's own cache, by folder: the
	// same page converts and counts differently in another language
	translations map[string]*Cache
	folder       func(code string) *Cache // makes a translation's cache
	// graphs are each edition's last graph, by folder, in memory only
	graphs map[string]resolved
}

// resolved is an edition's handbook and the graph it resolved to, with no
// mistake.
type resolved struct {
	h *handbook.Handbook
	g *graph.Graph
}

// resolve returns the graph of h, the handbook of the edition in folder.
// In memory (serve), a handbook made of the same decoded pages and data as
// the last build's resolves to the last graph: a save that edits a page's
// text and not its front matter, the most common, keeps the pages' values
// (see schema.Memo), so the graph need not be made again.
func (c *Cache) resolve(folder string, h *handbook.Handbook, errs *diag.List) *graph.Graph {
	if !c.keepsFiles() {
		return graph.Resolve(h, errs)
	}
	if r, ok := c.graphs[folder]; ok && sameHandbook(r.h, h) {
		return r.g
	}
	n := errs.Len()
	g := graph.Resolve(h, errs)
	if c.graphs == nil {
		c.graphs = map[string]resolved{}
	}
	delete(c.graphs, folder)
	if errs.Len() == n { // a graph with mistakes is never taken again
		c.graphs[folder] = resolved{h, g}
	}
	return g
}

// sameHandbook reports whether a and b hold the same decoded values: the
// same pages (by pointer, as the decoder keeps them) and equal data.
func sameHandbook(a, b *handbook.Handbook) bool {
	return slices.Equal(a.Exercises, b.Exercises) && slices.Equal(a.Conditions, b.Conditions) &&
		slices.Equal(a.Questions, b.Questions) && slices.Equal(a.Guides, b.Guides) &&
		slices.Equal(a.Programs, b.Programs) && slices.Equal(a.Pages, b.Pages) && slices.Equal(a.Broken, b.Broken) &&
		slices.Equal(a.Flags, b.Flags) && a.FlagsIntro == b.FlagsIntro && a.Tree == b.Tree && a.Code == b.Code &&
		reflect.DeepEqual(a.Synonyms, b.Synonyms) && reflect.DeepEqual(a.Config, b.Config)
}

// NewCache returns an empty cache, for serve.
func NewCache() *Cache {
	return &Cache{decoded: schema.NewMemo(), converted: render.NewCache(), counted: search.NewCache(), merged: &search.Postings{},
		files: &content.Tree{}, folder: func(string) *Cache {
			return &Cache{converted: render.NewCache(), counted: search.NewCache(), merged: &search.Postings{}}
		}}
}

// of returns the cache of the edition in folder ("" for the source's).
func (c *Cache) of(folder string) *Cache {
	if c == nil || folder == "" {
		return c
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.translations == nil {
		c.translations = map[string]*Cache{}
	}
	t := c.translations[folder]
	if t == nil {
		t = c.folder(folder)
		c.translations[folder] = t
	}
	return t
}

// keepsFiles reports whether the cache keeps the content for the next
// build: serve's, in memory. Then the pages keep their bodies.
func (c *Cache) keepsFiles() bool { return c != nil && c.files != nil }

// loaded keeps the content just read, if the cache keeps it, or its
// record of the pages read, if the load read any.
func (c *Cache) loaded(dir string, files *content.Tree) {
	if c.keepsFiles() {
		c.files, c.filesDir = files, dir
	}
	if c != nil && c.record != "" {
		if files.Read() > 0 {
			files.WriteRecord(c.record) // if not, the last record holds: each of its pages is what it says
		}
	}
}

// again is what a load of the content folder dir may take from the last,
// given the files changed since, by path: nothing unless both are known.
func (c *Cache) again(dir string, changed []string, watched bool) content.Again {
	if c != nil && c.record != "" {
		return content.Again{Record: content.ReadRecord(c.record)}
	}
	if !c.keepsFiles() || changed == nil || dir != c.filesDir {
		return content.Again{}
	}
	named := make(map[string]bool, len(changed))
	edited := []string{}
	for _, p := range changed {
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			watched = false // not known to be outside
			continue
		}
		rel = filepath.ToSlash(rel)
		named[rel] = true // "." for dir itself, "../x" outside it
		if rel != ".." && !strings.HasPrefix(rel, "../") {
			edited = append(edited, rel)
		}
	}
	again := content.Again{Last: c.files, Changed: func(rel string) bool { return named[rel] || named["."] }}
	if watched {
		again.Edited = edited
	}
	return again
}

func (c *Cache) decoder() *schema.Memo {
	if c == nil {
		return nil
	}
	return c.decoded
}

func (c *Cache) words() search.Cache {
	if c == nil {
		return nil
	}
	return c.counted
}

func (c *Cache) postings() *search.Postings {
	if c == nil {
		return nil
	}
	return c.merged
}

func (c *Cache) session() *publish.Session {
	if c == nil {
		return nil
	}
	return &c.published
}

func (c *Cache) pages() *render.Cache {
	if c == nil {
		return nil
	}
	return c.converted
}

// modelKey hashes what an edition's model is decoded from: its data files
// and every page's front matter (the decision tree and the pages' views
// read no page's text), with their names.
func modelKey(files *content.Tree) [32]byte {
	h := sha256.New()
	for _, d := range []*content.Data{files.Config, files.Flags, files.Synonyms, files.Tree} {
		if d == nil {
			h.Write([]byte{0})
			continue
		}
		fmt.Fprintf(h, "%d %s\x00", len(d.Text), d.Rel)
		h.Write(d.Text)
	}
	// each page's front matter by the hash made as it was read: at 10k
	// pages, megabytes not hashed again on every save
	var b memo.Buffer
	for _, p := range files.Pages {
		sum := p.FrontSum()
		b.Str(p.Rel)
		b.Int(p.FrontLen())
		b = append(b, sum[:]...)
	}
	h.Write(b)
	var key [32]byte
	h.Sum(key[:0])
	return key
}

// compile compiles the decision tree, or takes last build's when what it
// reads has not changed: the edition's model, whose key is given.
func (c *Cache) compile(key [32]byte, g *graph.Graph, errs *diag.List) *decision.Tree {
	if c == nil {
		return decision.Compile(g, errs)
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tree != nil && key == c.treeKey {
		return c.tree
	}
	var mine diag.List
	t := decision.Compile(g, &mine)
	*errs = append(*errs, mine...)
	c.tree, c.treeKey = nil, key
	if len(mine) == 0 {
		c.tree = t
	}
	return t
}
