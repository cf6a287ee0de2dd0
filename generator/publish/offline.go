package publish

import (
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"sync"
)

// Offline collects every file of a build, to make the service worker that
// keeps the site for reading offline, and its cache version: a hash of
// every path and its bytes, so it changes whenever the output does.
type Offline struct {
	mu    sync.Mutex
	files map[string][32]byte
}

// NewOffline returns an empty collection.
func NewOffline() *Offline { return &Offline{files: map[string][32]byte{}} }

// Add records a file, hashing it if no one has (see Made); several
// goroutines may call it.
func (o *Offline) Add(f *File) { o.AddSum(f.Path, Made(f)) }

// Made returns the SHA-256 of f's bytes as made, keeping it in f.Made.
func Made(f *File) Key {
	if f.Made == (Key{}) {
		f.Made = sha256.Sum256(f.Data)
	}
	return f.Made
}

// AddSum records a file by the SHA-256 of its bytes as made (before
// minifying): for a file kept from the last build, whose bytes are not made.
func (o *Offline) AddSum(path string, h [32]byte) {
	o.mu.Lock()
	o.files[path] = h
	o.mu.Unlock()
}

// maxPrecache bounds what is fetched on the first visit; a larger site
// keeps the rest as pages are read.
const maxPrecache = 3000

// Worker returns sw.js for the files recorded.
func (o *Offline) Worker(script string) File {
	paths := make([]string, 0, len(o.files))
	for p := range o.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	h := sha256.New()
	for _, p := range paths {
		x := o.files[p]
		fmt.Fprintf(h, "%s %x\n", p, x)
	}
	version := fmt.Sprintf("%x", h.Sum(nil))[:16]
	var pre []string
	for _, p := range paths {
		if len(pre) < maxPrecache && !strings.HasSuffix(p, ".xml") && p != "robots.txt" {
			pre = append(pre, p)
		}
	}
	b, _ := json.Marshal(pre)
	head := fmt.Sprintf("var VERSION = %q;\nvar FILES = %s;\n", version, b)
	return File{Path: "sw.js", Data: []byte(head + script), Minimal: true}
}
