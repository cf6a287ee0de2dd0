package search

import "strings"

// alphabet holds the 64 characters postings are written with. Each posting
// is a number, then one character: the term's impact in the document,
// 1-63. The number is the document's distance from the previous one, times
// two, plus one if the term is in the page's title or aliases; it is
// written in little-endian groups of five bits, characters 32-63 saying
// "more follows".
const alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_"

const maxImpact = 63

type posting struct {
	doc    int
	impact int // 1..maxImpact
	title  bool
}

func encode(ps []posting) string {
	var e encoder
	for _, p := range ps {
		e.add(p)
	}
	return e.String()
}

// encoder encodes postings one at a time, in the order of their pages.
type encoder struct {
	b    strings.Builder
	prev int
}

func (e *encoder) add(p posting) {
	d := (p.doc - e.prev) * 2
	if p.title {
		d++
	}
	e.prev = p.doc
	for d >= 32 {
		e.b.WriteByte(alphabet[32+d&31])
		d >>= 5
	}
	e.b.WriteByte(alphabet[d])
	e.b.WriteByte(alphabet[p.impact])
}

func (e *encoder) String() string { return e.b.String() }

// decode reverses encode; the tests use it, as search.js does.
func decode(s string) []posting {
	var out []posting
	doc := 0
	for i := 0; i < len(s); {
		d, shift := 0, 0
		for {
			c := strings.IndexByte(alphabet, s[i])
			i++
			if c < 32 {
				d |= c << shift
				break
			}
			d |= (c - 32) << shift
			shift += 5
		}
		doc += d >> 1
		v := strings.IndexByte(alphabet, s[i])
		i++
		out = append(out, posting{doc: doc, impact: v, title: d&1 == 1})
	}
	return out
}
