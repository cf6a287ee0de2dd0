package search

import (
	"strings"
	"unicode"

	"github.com/kljensen/snowball/english"
	"golang.org/x/text/unicode/norm"
)

// fold lower-cases s, strips accents and drops apostrophes, so that
// "Don’t", "dont" and "don't" are one word. assets/search.js folds queries
// the same way; TestTokenizeMatchesJS keeps the two in step.
func fold(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == '\'' || r == '’' || r == '‘':
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// words splits text into folded words: runs of letters and digits. A word
// written with hyphens ("sit-ups") also yields the joined form ("situps"),
// so "sit-ups", "sit ups" and "situps" meet.
func words(text string) []string { return split(text, true) }

// phraseKey is how a name or synonym is matched: its words' stems, hyphens
// splitting words, stop words left out. search.js makes the same key from
// the words of a query.
func phraseKey(text string) string {
	var out []string
	for _, w := range split(text, false) {
		if !stopWords[w] {
			out = append(out, stem(w))
		}
	}
	return strings.Join(out, " ")
}

func split(text string, join bool) []string {
	var out []string
	var part strings.Builder
	var joined []string
	flushPart := func() {
		if part.Len() > 0 {
			out = append(out, part.String())
			joined = append(joined, part.String())
			part.Reset()
		}
	}
	flushWord := func() {
		flushPart()
		if join && len(joined) > 1 {
			out = append(out, strings.Join(joined, ""))
		}
		joined = joined[:0]
	}
	rs := []rune(fold(text))
	for i, r := range rs {
		switch {
		case isWordRune(r):
			part.WriteRune(r)
		case r == '-' && part.Len() > 0 && i+1 < len(rs) && isWordRune(rs[i+1]):
			flushPart()
		default:
			flushWord()
		}
	}
	flushWord()
	return out
}

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && unicode.IsLetter(r)
}

// stem reduces a folded word to its English Snowball stem.
func stem(w string) string {
	if len(w) < 3 {
		return w
	}
	return english.Stem(w, true)
}

// stems memoises stem for one build: a handbook says the same words again
// and again, and the stemmer is the costliest step of indexing.
type stems map[string]string

func (c stems) of(w string) string {
	s, ok := c[w]
	if !ok {
		s = stem(w)
		c[w] = s
	}
	return s
}

// stopWords are left out of the index and of queries: they say nothing
// about which page is meant.
var stopWords = set(`a about above after again against all am an and any are as at be because been before
being below between both but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more most my
myself no nor not now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours yourself
yourselves ok okay`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
