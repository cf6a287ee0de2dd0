package search

import (
	"strings"

	"handbook/generator/graph"
)

// Words are the words of an edition's language (render.Strings): T
// returns the words of a key.
type Words interface {
	T(key string, args ...any) string
}

// SetWords names the index's own page, the red flags (which no page's
// text gives), in the words of the edition's language: its title, its
// summary and the other names it is found by, from the strings
// search.flags.title, search.flags.summary and search.flags.aliases (a
// list separated by commas). Without it they are in English. Call it
// before Write.
func (ix *Indexer) SetWords(w Words) {
	for _, d := range ix.docs {
		if d.key != graph.FlagsKey || !d.own || d.counted {
			continue
		}
		d.title = w.T("search.flags.title")
		d.summary = w.T("search.flags.summary")
		var aliases []string
		for _, a := range strings.Split(w.T("search.flags.aliases"), ",") {
			if a = strings.TrimSpace(a); a != "" {
				aliases = append(aliases, a)
			}
		}
		d.aliases = strings.Join(aliases, " . ")
	}
}
