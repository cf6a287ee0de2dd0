package render

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
	"strconv"
	"strings"
	"sync"
)

// chrome caches the parts of the layout that every page of a folder shares:
// the head's links, the header with its navigation and search box, the
// help panel and the footer. They differ only by the folder (relative
// links) and by which navigation entry is the current page, so a handbook
// of thousands of pages makes them a few dozen times.
type chrome struct {
	mu    sync.Mutex
	parts map[string]template.HTML
}

// navKeys are the pages the navigation marks as current.
func (s *site) isNav(key string) bool {
	switch key {
	case "decide", "handout", "journal", "flags":
		return true
	}
	for _, n := range s.Nav {
		if n.Key == key {
			return true
		}
	}
	return false
}

// Chrome returns the shared part named name ("head", "header", "help",
// "footer") for this page.
func (p *pageData) Chrome(name string) (template.HTML, error) {
	current := ""
	if p.Site.isNav(p.Key) {
		current = p.Key
	}
	return p.part(name+"|"+path.Dir(p.Path)+"|"+current, name, func() any { return p })
}

// Item returns the entry of a page list (the layout's "list-item") for
// it. An entry differs from page to page only by the folder its links
// start from, so each is made once per folder: a condition page lists
// dozens of exercises, each listed on many pages. An entry with filter
// attributes (the exercise index's) is made each time.
func (p *pageData) Item(it item) (template.HTML, error) {
	data := func() any { return listEntry{it, p} }
	if it.Data != nil {
		return p.execute("list-item", data())
	}
	// every field the layout may show, each ended by a byte no text holds
	key := strings.Join([]string{"list-item", path.Dir(p.Path), it.Key, it.Title, it.Summary, it.Note,
		it.Label, strconv.Itoa(it.Level), it.Category, it.Thumb, it.Lang}, "\x00")
	return p.part(key, "list-item", data)
}

// listEntry is what the layout's "list-item" reads.
type listEntry struct {
	Item item
	Page *pageData
}

// part returns the layout's template name executed with data(), made the
// first time a page asks for key and kept for the rest of the build.
func (p *pageData) part(key, name string, data func() any) (template.HTML, error) {
	r := p.builder
	r.chrome.mu.Lock()
	part, ok := r.chrome.parts[key]
	r.chrome.mu.Unlock()
	if ok {
		return part, nil
	}
	part, err := p.execute(name, data())
	if err != nil {
		return "", err
	}
	r.chrome.mu.Lock()
	r.chrome.parts[key] = part
	r.chrome.mu.Unlock()
	return part, nil
}

// execute runs the layout's template name with data.
func (p *pageData) execute(name string, data any) (template.HTML, error) {
	var b bytes.Buffer
	if err := p.builder.t["page"].ExecuteTemplate(&b, name, data); err != nil {
		return "", fmt.Errorf("layout part %s: %w", name, err)
	}
	return template.HTML(b.String()), nil // the output of our own template: escaped there
}
