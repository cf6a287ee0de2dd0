package search

import (
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// fold lower-cases s, strips accents and drops apostrophes, so that
// "Don’t", "dont" and "don't" are one word. assets/search.js folds queries
// the same way; TestTokenizeMatchesJS keeps the two in step. Text in plain
// ASCII, most of a handbook in English, skips the Unicode normalisation,
// and lower-case text without apostrophes is returned as it is.
func fold(s string) string {
	plain, same := true, true
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= 0x80 {
			plain = false
			break
		}
		if c >= 'A' && c <= 'Z' || c == '\'' {
			same = false
		}
	}
	if plain && same {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	if plain {
		for i := 0; i < len(s); i++ {
			switch c := s[i]; {
			case c == '\'':
			case c >= 'A' && c <= 'Z':
				b.WriteByte(c + 'a' - 'A')
			default:
				b.WriteByte(c)
			}
		}
		return b.String()
	}
	return foldUnicode(s)
}

// foldUnicode is fold for any text: decomposed, so that accents are marks
// to drop.
func foldUnicode(s string) string {
	var b strings.Builder
	b.Grow(len(s))
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
// splitting words, stop words left out; but a hyphenated word with a stop
// word in it is one word ("sit-up" is "situp", not "sit"). search.js makes
// the same key from the words of a query.
func phraseKey(text string) string { return enLang.phraseKey(text) }

func (l *language) phraseKey(text string) string {
	return l.keyed.get(text, l.makePhraseKey)
}

func (l *language) makePhraseKey(text string) string {
	var out []string
	eachCompound(text, func(parts []string) {
		if len(parts) > 1 && slices.ContainsFunc(parts, func(w string) bool { return l.stop[w] }) {
			out = append(out, l.stem(strings.Join(parts, "")))
			return
		}
		for _, w := range parts {
			if !l.stop[w] {
				out = append(out, l.stem(w))
			}
		}
	})
	return strings.Join(out, " ")
}

// negations are the words that turn a sign around ("cannot pee", "pee
// won't come"): a red flag's phrasing keeps them, as the one word "not",
// where ranking drops them as stop words. search.js reads queries the same
// way.
var negations = set(`not no never cant cannot unable dont doesnt didnt isnt arent wasnt werent wont couldnt
wouldnt shouldnt hasnt havent hadnt nothing without`)

// flagKey is how a red flag's phrasing is matched: as phraseKey, but with
// negations kept, as "not", and each stem reduced to its lemma. A word may
// give alternatives with "/" ("cancer/chemo/tumour weak/numb"): the key
// holds them joined by "|", and any one of them matches. Words joined by
// "+" must stand together in the query, stop words aside, in that order
// ("chest+pain back" holds for "back pain and chest pain", not for "chest
// stretch for back pain"): the key keeps the "+".
func flagKey(text string) string { return enLang.flagKey(text) }

func (l *language) flagKey(text string) string {
	return l.flagged.get(text, l.makeFlagKey)
}

func (l *language) makeFlagKey(text string) string {
	var out []string
	neg := false
	for _, field := range strings.Fields(text) {
		var slots []string
		for _, slot := range strings.Split(field, "+") {
			var alts []string
			for _, alt := range strings.Split(slot, "/") {
				for _, w := range split(alt, false) {
					switch {
					case l.neg[w]:
						neg = true
					case !l.stop[w]:
						if lm := l.lemma(l.stem(w)); !slices.Contains(alts, lm) {
							alts = append(alts, lm)
						}
					}
				}
			}
			if len(alts) > 0 {
				slots = append(slots, strings.Join(alts, "|"))
			}
		}
		if len(slots) > 0 {
			out = append(out, strings.Join(slots, "+"))
		}
	}
	if len(out) == 0 {
		return ""
	}
	if neg {
		out = append(out, "not")
	}
	return strings.Join(out, " ")
}

// lemmaEnds are endings the stemmer leaves that still make one word from
// another: numb, numbness; heavy (heavi); tingly (tingl).
var lemmaEnds = []string{"ness", "li", "i", "y"}

// lemma reduces a stem further, for matching a red flag's phrasing to a
// query however the reader bends the words ("numbness", "numb"). A verb of
// change is its comparative ("weakening" is "weaker", "stiffen" is
// "stiffer"), so that it keeps saying a change, which is a sign of its own
// ("leg weaker" is not "weak leg"); worse is a comparative already. It keeps
// at least four letters. search.js has the same.
func lemma(s string) string { return enLang.lemma(s) }

func (l *language) lemma(s string) string {
	for again := true; again; {
		again = false
		for _, e := range l.lemmaEnds {
			if len(s)-len(e) >= 4 && strings.HasSuffix(s, e) {
				s = s[:len(s)-len(e)]
				again = true
				break
			}
		}
	}
	if l.comparative && len(s) >= 6 && strings.HasSuffix(s, "en") {
		if s = s[:len(s)-2]; s != "wors" {
			s += "er"
		}
	}
	return s
}

func split(text string, join bool) []string {
	var out []string
	eachCompound(text, func(parts []string) {
		out = append(out, parts...)
		if join && len(parts) > 1 {
			out = append(out, strings.Join(parts, ""))
		}
	})
	return out
}

// eachCompound calls f with the parts of each folded word of text: one
// part, or the parts of a word written with hyphens ("sit-ups": "sit",
// "ups"), in a slice that f must not keep. The parts share the folded
// text's memory: a caller that keeps one beyond the text clones it.
func eachCompound(text string, f func(parts []string)) {
	s := fold(text)
	var parts []string
	start := -1 // of the part being read, or -1 between parts
	for i, r := range s {
		switch {
		case isWordRune(r):
			if start < 0 {
				start = i
			}
		case r == '-' && start >= 0 && i+1 < len(s) && startsWord(s[i+1:]):
			parts = append(parts, s[start:i])
			start = -1
		default:
			if start >= 0 {
				parts = append(parts, s[start:i])
				start = -1
			}
			if len(parts) > 0 {
				f(parts)
				parts = parts[:0]
			}
		}
	}
	if start >= 0 {
		parts = append(parts, s[start:])
	}
	if len(parts) > 0 {
		f(parts)
	}
}

// startsWord says whether s begins with a letter or digit.
func startsWord(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	return isWordRune(r)
}

func isWordRune(r rune) bool {
	return r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r > 127 && unicode.IsLetter(r)
}

// stem reduces a folded word to its English Snowball stem.
func stem(w string) string { return enLang.stem(w) }

// stem reduces a folded word to its Snowball stem in l.
func (l *language) stem(w string) string {
	if len(w) < 3 {
		return w
	}
	return l.stemmed.get(w, l.stemmer)
}

// lasting memoises a function of a string for the whole process. It holds
// at most lastingMax strings (some tens of MB), then starts again, so a
// long serve that meets ever new words stays bounded.
type lasting struct {
	m sync.Map // string -> string
	n atomic.Int64
}

const lastingMax = 1 << 18

func (l *lasting) get(s string, f func(string) string) string {
	if v, ok := l.m.Load(s); ok {
		return v.(string)
	}
	v := f(s)
	if l.n.Add(1) > lastingMax {
		l.m.Clear()
		l.n.Store(0)
	}
	l.m.Store(strings.Clone(s), v)
	return v
}

// stopWords are left out of the index and of queries: they say nothing
// about which page is meant.
var stopWords = set(`a about above after again against all am an and any are as at be because been before
being below but by can could did do does doing down during each few for from further had has
have having he her here hers herself him himself his how i if in into is it its itself just me more most my
no nor not now of off on once only or other our ours ourselves out over own same she should so some
such than that the their theirs them themselves then there these they this those through to too under until
up very was we were what when where which while who whom why will with would you your yours yourself
yourselves ok okay
im ive id youre dont doesnt didnt isnt arent wasnt werent shouldnt wouldnt couldnt cant wont hasnt havent hadnt thats whats hows theres lets also really still get gets got getting need needs want wants know think try tried trying`)

func set(s string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(s) {
		m[w] = true
	}
	return m
}
