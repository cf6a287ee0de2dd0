package render

import (
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path/filepath"
	"sync"

	"handbook/generator/convert"
	"handbook/generator/decision"
	"handbook/generator/figure"
	"handbook/generator/handbook"
	"handbook/generator/memo"
	"handbook/generator/output"
	"handbook/generator/parallel"
)

// Cache keeps what a build made for the next one: converted pages (see
// convert.Cache), parsed layouts, print.html's articles, drawn figures and
// pages' keys. In memory (serve) it keeps more of the last build. The zero
// value is not ready; use NewCache or NewDiskCache.
type Cache struct {
	conv *convert.Cache
	mu   sync.Mutex
	// the decision tree's data script, for the tree it was made from: the
	// caller gives the same tree only when nothing it was made from changed
	tree       *decision.Tree
	treeScript output.File
	parts      memo.Store[template.HTML] // print.html's articles, by partKey
	figures    memo.Store[[]byte]        // exercises' figures, by figureKey
	// figureKeys are the last build's figure keys, by the figure, in a
	// cache in memory: a figure is not changed once decoded, and an
	// unchanged page's decoded front matter is the same value from one
	// build to the next (serve)
	figureKeys map[*figure.Figure]figureKeyed
	// views are pages' keys (see inputsKey) by the hash of what their views
	// were made from (see memoKey): a page whose view could read nothing
	// new is kept without its view being made again
	views    memo.Store[output.Key]
	inMemory bool
	// drawn is, in memory only, what the last build's drawFigures made
	drawn *drawnFigures
	// handout is the last build's handout/exercises.js with what it was
	// made from, in memory only (see handoutScript)
	handout *handoutMade
	// maps are the last build's maps by page that every view reads, with
	// their hashes, by name, in memory only (see pageMap)
	maps map[string]any
	// the layouts parsed in each language, and the ids they give
	// elements, for the hash of their files
	layoutsKey output.Key
	layouts    map[string]map[string]*template.Template
	layoutIDs  map[string]bool
}

// layouts is the layouts of one language parsed, the hash of their files
// and the ids their elements take (see layoutIDs).
type layouts struct {
	t   map[string]*template.Template
	key output.Key
	ids map[string]bool
}

// parsed returns the layouts of fsys parsed, with the ids they use, kept
// from the last build if their files are the same.
func (c *Cache) parsed(fsys fs.FS, words *Strings) (layouts, error) {
	key, err := layoutsKey(fsys)
	if err != nil {
		return layouts{key: key}, err
	}
	if c != nil {
		c.mu.Lock()
		defer c.mu.Unlock()
		if c.layoutsKey != key {
			c.layouts, c.layoutsKey, c.layoutIDs = map[string]map[string]*template.Template{}, key, nil
		}
		if t := c.layouts[words.Code]; t != nil {
			return layouts{t, key, c.layoutIDs}, nil
		}
	}
	ids, err := convert.LayoutIDs(fsys)
	if err != nil {
		return layouts{key: key}, err
	}
	t, err := parseLayouts(fsys, words)
	if err == nil && c != nil {
		c.layouts[words.Code], c.layoutIDs = t, ids
	}
	return layouts{t, key, ids}, err
}

// script returns the tree's data script, made by build or kept from the
// last build with the same tree.
func (c *Cache) script(t *decision.Tree, build func() (output.File, error)) (output.File, error) {
	if c == nil {
		return build()
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.tree == t {
		return c.treeScript, nil
	}
	f, err := build()
	if err == nil {
		c.tree, c.treeScript = t, f
	}
	return f, err
}

// figureKeyed is a figure's key, with the rest of what it hashes.
type figureKeyed struct {
	title, id string
	lang      output.Key
	key       output.Key
	ok        bool
}

// figureKeysOf returns the key of each exercise's figure (see figureKey),
// in the words that hash to lang: those of figures the last build keyed
// are not hashed again. Without verify, the cache keeps this build's.
func (c *Cache) figureKeysOf(es []*handbook.Exercise, lang output.Key, verify bool) (keys []output.Key, oks []bool, err error) {
	keys, oks = make([]output.Key, len(es)), make([]bool, len(es))
	var last map[*figure.Figure]figureKeyed
	if c != nil {
		last = c.figureKeys
	}
	kept := func(e *handbook.Exercise) (figureKeyed, bool) {
		k, ok := last[e.Figure]
		return k, ok && k.title == e.Title && k.id == e.ID && k.lang == lang
	}
	parallel.For(len(es), func(i int) {
		if k, ok := kept(es[i]); ok && !verify {
			keys[i], oks[i] = k.key, k.ok
			return
		}
		keys[i], oks[i] = figureKey(es[i], lang)
	})
	if verify {
		for i, e := range es {
			if k, ok := kept(e); ok && (k.key != keys[i] || k.ok != oks[i]) {
				return nil, nil, fmt.Errorf("%s: the figure was kept by its pointer, but its key has changed: a figure changed after it was decoded", e.Source)
			}
		}
	}
	if c != nil && c.inMemory {
		next := make(map[*figure.Figure]figureKeyed, len(es))
		for i, e := range es {
			next[e.Figure] = figureKeyed{e.Title, e.ID, lang, keys[i], oks[i]}
		}
		c.figureKeys = next
	}
	return keys, oks, nil
}

// NewCache returns an empty cache in memory.
func NewCache() *Cache {
	return &Cache{conv: convert.NewCache(), parts: memo.New[template.HTML](), figures: memo.New[[]byte](),
		views: memo.New[output.Key](), inMemory: true}
}

// NewDiskCache returns a cache that keeps converted pages, print.html's
// articles, drawn figures and pages' keys in files in the folder dir (in
// pages/ and bodies/, parts/, figures/ and views/), for the next build
// (of another process).
func NewDiskCache(dir string) *Cache {
	same := func(b []byte) []byte { return b }
	return &Cache{conv: convert.NewDiskCache(dir),
		parts: memo.NewDisk(filepath.Join(dir, "parts"), func(h template.HTML) []byte { return []byte(h) },
			func(b []byte) (template.HTML, error) { return template.HTML(b), nil }),
		figures: memo.NewDisk(filepath.Join(dir, "figures"), same, func(b []byte) ([]byte, error) { return b, nil }),
		views:   memo.NewDisk(filepath.Join(dir, "views"), func(k output.Key) []byte { return k[:] }, decodeKey)}
}

// converting is the cache of converted pages, or nil.
func (c *Cache) converting() *convert.Cache {
	if c == nil {
		return nil
	}
	return c.conv
}

// ErrCacheLost is the error of a build that found, late, a page's HTML or
// text no longer readable in the cache folder (see convert.ErrCacheLost).
var ErrCacheLost = convert.ErrCacheLost

func decodeKey(b []byte) (k output.Key, err error) {
	if len(b) != len(k) {
		return k, errors.New("page key: wrong length")
	}
	copy(k[:], b)
	return k, nil
}
