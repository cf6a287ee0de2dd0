package render

import (
	"bytes"
	"fmt"
	"html/template"
	"path"
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
	r := p.builder
	current := ""
	if p.Site.isNav(p.Key) {
		current = p.Key
	}
	key := name + "|" + path.Dir(p.Path) + "|" + current
	r.chrome.mu.Lock()
	part, ok := r.chrome.parts[key]
	r.chrome.mu.Unlock()
	if ok {
		return part, nil
	}
	var b bytes.Buffer
	if err := r.t["page"].ExecuteTemplate(&b, name, p); err != nil {
		return "", fmt.Errorf("layout part %s: %w", name, err)
	}
	part = template.HTML(b.String()) // the output of our own template: escaped there
	r.chrome.mu.Lock()
	r.chrome.parts[key] = part
	r.chrome.mu.Unlock()
	return part, nil
}
