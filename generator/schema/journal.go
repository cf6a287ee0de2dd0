package schema

import (
	"fmt"
	"strings"
	"unicode/utf8"

	"go.yaml.in/yaml/v3"
)

// The pain journal (journal.html) shows words from two data files: each red
// flag's `journal` label, a sign to tick, and `journal-where`, a place where
// it hurts that is itself the sign ("both legs"); and handbook.yaml's
// `journal-places`, the ordinary places. They are short lay words in a list
// of checkboxes, so each is one line, short, and different from the others
// of its kind: two boxes with the same words could not be told apart.

// Longest journal words, in characters.
const (
	maxJournalLabel = 70
	maxJournalPlace = 30
	maxPlaces       = 8
)

// journalWords keeps the labels of one kind seen so far, for duplicates.
type journalWords struct {
	kind  string         // "journal label", "journal place"
	max   int            // longest, in characters
	first map[string]int // lower-cased label -> line of first use
}

func newJournalWords(kind string, max int) *journalWords {
	return &journalWords{kind: kind, max: max, first: map[string]int{}}
}

// label decodes one label at n, reporting where it is too long, spans
// lines or repeats one before it; it returns "" for a label in error.
func (w *journalWords) label(d *decoder, n *yaml.Node, key string) string {
	v := d.text(n, key)
	if v == "" {
		return ""
	}
	if strings.ContainsAny(v, "\r\n") {
		d.errs.AddHint(d.pos(n), "write it on one line: it is a box to tick", "%s %q spans lines", w.kind, firstLine(v))
		return ""
	}
	if chars := utf8.RuneCountInString(v); chars > w.max {
		d.errs.AddHint(d.pos(n), fmt.Sprintf("keep it to %d characters or fewer, a few lay words to tick in a list", w.max),
			"%s %q is %d characters long", w.kind, v, chars)
		return ""
	}
	k := strings.ToLower(v)
	if line, dup := w.first[k]; dup {
		d.errs.AddHint(d.pos(n), fmt.Sprintf("first used on line %d; give each its own words", line), "%s %q is used twice", w.kind, v)
		return ""
	}
	w.first[k] = d.pos(n).Line
	return v
}

// journalPlaces decodes handbook.yaml's journal-places: a list of short,
// different places.
func (d *decoder) journalPlaces(n *yaml.Node) []string {
	w := newJournalWords("journal place", maxJournalPlace)
	var out []string
	d.list(n, "journal-places", func(c *yaml.Node) {
		if v := w.label(d, c, "journal place"); v != "" {
			out = append(out, v)
		}
	})
	if len(out) > maxPlaces {
		d.errs.AddHint(d.pos(n), "a day's entry must stay quick: keep the places a reader tells apart", "journal-places lists %d places; at most %d", len(out), maxPlaces)
		out = out[:maxPlaces]
	}
	return out
}

func firstLine(s string) string {
	line, _, _ := strings.Cut(s, "\n")
	return strings.TrimSpace(line) + "..."
}
