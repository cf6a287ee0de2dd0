// Package site runs the pipeline that turns a content folder into a site:
//
//	content -> schema -> graph -> decision -> render -> search -> publish
//
// Each stage takes the previous stage's value. Content errors from every
// stage are collected into one sorted list; if there are any, nothing is
// written and the previous output stays as it was.
package site

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"handbook/generator/content"
	"handbook/generator/decision"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/publish"
	"handbook/generator/render"
	"handbook/generator/schema"
	"handbook/generator/search"
)

// Config says what to build and where.
type Config struct {
	Content string // the content folder
	Out     string // the output folder; "" checks only
	BaseURL string // overrides handbook.yaml's base-url
	Layouts fs.FS
	Assets  fs.FS
	// Worker is the service worker's script (assets' sw.js): with it, and
	// unless Fast, the build writes sw.js and a web app manifest so the
	// site can be kept for reading offline.
	Worker []byte
	// Cache, if set, keeps converted pages and the compiled decision tree
	// for the next build in this process (serve): what did not change is
	// not made again.
	Cache *Cache
	// Fast skips minifying and updates the output in place, rather than
	// swapping in a new folder: for serve, where pages are read on this
	// computer and the next save is seconds away. Content errors still
	// stop the build before anything is written.
	Fast bool
	// ContactSheet also writes figures.html, every exercise's figure on one
	// page with its description, for authors to check by eye.
	ContactSheet bool
}

// Result says what a build did.
type Result struct {
	Pages   int // HTML pages
	Files   int // files in the site
	Written int // files written anew
	Reused  int // files kept from the previous output
	Kept    int // of those, pages not laid out again: nothing they show changed
	Took    time.Duration
	Stages  []Stage // how long each stage took, in order
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
	start := time.Now()
	var stages []Stage
	last := start
	lap := func(name string) {
		now := time.Now()
		stages = append(stages, Stage{name, now.Sub(last)})
		last = now
	}
	var errs diag.List
	info, err := os.Stat(cfg.Content)
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("content: %s is not a folder", cfg.Content)
	}
	files, err := content.Load(os.DirFS(cfg.Content), filepath.ToSlash(cfg.Content), &errs)
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	lap("load")
	h := schema.Decode(files, &errs)
	lap("decode")
	g := graph.Resolve(h, &errs)
	lap("graph")
	// the decision tree compiles while the markdown converts: neither needs the other
	var treeErrs diag.List
	compiled := make(chan *decision.Tree, 1)
	go func() { compiled <- cfg.Cache.compile(files, g, &treeErrs) }()
	var keep func(publish.File) bool // set once the output is open
	rr, err := render.Prepare(g, files.Static, render.Config{Layouts: cfg.Layouts, Assets: cfg.Assets, BaseURL: cfg.BaseURL,
		Offline: !cfg.Fast && cfg.Worker != nil, ContactSheet: cfg.ContactSheet, Cache: cfg.Cache.pages(),
		Keep: func(path string, key publish.Key) bool {
			return keep != nil && keep(publish.File{Path: path, Key: key})
		}}, &errs)
	tree := <-compiled
	errs = append(errs, treeErrs...)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	rr.SetTree(tree)
	lap("decision+markdown")
	if err := errs.Err(); err != nil {
		return nil, err
	}
	res := &Result{Warnings: missingParts(h, filepath.ToSlash(cfg.Content))}
	var mu sync.Mutex
	count := func(f publish.File) {
		mu.Lock()
		res.Files++
		if strings.HasSuffix(f.Path, ".html") {
			res.Pages++
		}
		mu.Unlock()
	}
	var offline *publish.Offline
	if !cfg.Fast && cfg.Worker != nil {
		offline = publish.NewOffline()
	}
	inner := func(f publish.File) error { return nil }
	emit := func(f publish.File) error {
		count(f)
		if offline != nil {
			offline.Add(f)
		}
		return inner(f)
	}
	var w *publish.Writer
	if cfg.Out != "" {
		var mf *publish.Minifier
		if !cfg.Fast {
			mf = publish.NewMinifier()
		}
		begin := publish.Begin
		if cfg.Fast {
			begin = publish.InPlace
		}
		if w, err = begin(cfg.Out, mf); err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		defer w.Abort()
		inner = w.Write
		keep = func(f publish.File) bool {
			made, ok := w.Keep(f.Path, f.Key)
			if !ok {
				return false
			}
			count(f)
			if offline != nil {
				offline.AddSum(f.Path, made)
			}
			return true
		}
	}
	// the index and the pages are made at once: both need only the
	// converted markdown, and the index uses one core
	indexed := make(chan error, 1)
	go func() { indexed <- search.Build(g, rr.Sections(), emit) }()
	err = rr.Emit(emit)
	if ierr := <-indexed; ierr != nil {
		return nil, ierr
	}
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	rr.Release()
	if offline != nil {
		if err := emit(offline.Worker(string(cfg.Worker))); err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
	}
	lap("search+layouts+write")
	if w != nil {
		st, err := w.Commit()
		if err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		lap("swap")
		res.Written, res.Reused, res.Kept = st.Written, st.Reused, st.Kept
		// minifying and writing happen inside "layouts+write", on every
		// core; their summed time, divided by the cores, shows their share
		cores := time.Duration(runtime.GOMAXPROCS(0))
		stages = append(stages, Stage{"(minify)", st.Minify / cores}, Stage{"(write)", st.Write / cores})
	}
	res.Took = time.Since(start)
	res.Stages = stages
	return res, nil
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

// Cache keeps what one build made for the next in the same process: the
// converted pages, and the compiled decision tree with the key of what it
// was compiled from. A nil *Cache keeps nothing.
type Cache struct {
	converted *render.Cache
	mu        sync.Mutex
	treeKey   [32]byte
	tree      *decision.Tree
}

// NewCache returns an empty cache, for serve.
func NewCache() *Cache { return &Cache{converted: render.NewCache()} }

func (c *Cache) pages() *render.Cache {
	if c == nil {
		return nil
	}
	return c.converted
}

// compile compiles the decision tree, or takes last build's when nothing it
// could read has changed: the data files and every page's front matter
// (the tree reads no page's text).
func (c *Cache) compile(files *content.Tree, g *graph.Graph, errs *diag.List) *decision.Tree {
	if c == nil {
		return decision.Compile(g, errs)
	}
	h := sha256.New()
	for _, d := range []*content.Data{files.Config, files.Flags, files.Synonyms, files.Tree} {
		if d == nil {
			h.Write([]byte{0})
			continue
		}
		fmt.Fprintf(h, "%d %s\x00", len(d.Text), d.Rel)
		h.Write(d.Text)
	}
	for _, p := range files.Pages {
		fmt.Fprintf(h, "%d %s\x00", len(p.Front), p.Rel)
		h.Write(p.Front)
	}
	var key [32]byte
	h.Sum(key[:0])
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
