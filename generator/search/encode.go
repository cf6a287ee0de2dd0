package search

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

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
		var p posting
		var ok bool
		if p, i, ok = next(s, i); !ok {
			return out
		}
		doc += p.doc
		p.doc = doc
		out = append(out, p)
	}
	return out
}

// next reads the posting of enc at i, its doc the distance from the one
// before, and gives the index after it; it reports false if there is none.
func next(enc string, i int) (p posting, after int, ok bool) {
	d, shift := 0, 0
	for {
		if i >= len(enc) || shift > 30 || digit[enc[i]] < 0 {
			return p, i, false
		}
		c := int(digit[enc[i]])
		i++
		if c < 32 {
			d |= c << shift
			break
		}
		d |= (c - 32) << shift
		shift += 5
	}
	if i >= len(enc) || digit[enc[i]] < 1 || digit[enc[i]] > maxImpact {
		return p, i, false
	}
	return posting{doc: d >> 1, impact: int(digit[enc[i]]), title: d&1 == 1}, i + 1, true
}

// digit is the value of each character of alphabet, -1 for others.
var digit = func() (d [256]int8) {
	for i := range d {
		d[i] = -1
	}
	for i := range len(alphabet) {
		d[alphabet[i]] = int8(i)
	}
	return d
}()

// encodeList encodes l's postings, each made by posting, with a skip every
// skipEvery postings (see splice).
func encodeList(l *rawList, posting func(doc int32, tf *[nFields]uint16) posting) (string, []encSkip) {
	var e encoder
	var skips []encSkip
	n := 0
	l.each(func(doc int32, tf *[nFields]uint16) {
		if n%skipEvery == 0 {
			skips = append(skips, encSkip{int32(e.b.Len()), int32(e.prev)})
		}
		n++
		e.add(posting(doc, tf))
	})
	return e.String(), skips
}

// encSkip marks a posting of an encoded list: where it starts and the
// document before it, which its distance is from (0 for the first).
type encSkip struct{ at, prev int32 }

// splice re-encodes enc, a term's postings encoded with the same idf and
// the same highest score of the index, where documents changed (c), and
// adds is the postings they now have, in order, which post encodes. Every
// other posting keeps its impact, and its bytes where the document before
// it is the same. It returns skips for the list it makes, and reports
// false if enc is not a list of postings. With skips, which mark enc's
// postings as splice made them, enc is read from its last skip before
// the first change only up to the last: the rest is copied whole.
// Without, enc, which may come from the cache folder, is read whole.
func splice(enc string, skips []encSkip, c changes, adds []docCounts, post func(docCounts) posting) (string, []encSkip, bool) {
	var e encoder
	e.b.Grow(len(enc) + 8*len(adds))
	var out []encSkip
	var start encSkip
	if skips != nil {
		first := c.from
		if len(adds) > 0 {
			first = min(first, adds[0].doc)
		}
		k := sort.Search(len(skips), func(j int) bool { return skips[j].prev >= first })
		if k > 0 {
			start = skips[k-1]
			out = append(out, skips[:k-1]...)
		}
	}
	e.b.WriteString(enc[:start.at])
	e.prev = int(start.prev)
	since := skipEvery // postings put since the last skip
	mark := func() {
		if since >= skipEvery {
			out, since = append(out, encSkip{int32(e.b.Len()), int32(e.prev)}), 0
		}
		since++
	}
	doc := int(start.prev)
	for i := int(start.at); i < len(enc); {
		begin := i
		p, after, ok := next(enc, i)
		if !ok {
			return "", nil, false
		}
		i = after
		before := doc
		doc += p.doc
		if doc >= len(c.changed) || (begin > 0 && doc == before) { // in order, each once
			return "", nil, false
		}
		if skips != nil && doc > int(c.upTo) && len(adds) == 0 && e.prev == before {
			// the rest as it is, its skips moved with it
			shift := int32(e.b.Len() - begin)
			k, found := slices.BinarySearchFunc(skips, int32(begin), func(s encSkip, at int32) int { return cmp.Compare(s.at, at) })
			if !found { // one where the copy starts: the next may be far
				out = append(out, encSkip{int32(e.b.Len()), int32(e.prev)})
			}
			for _, s := range skips[k:] {
				out = append(out, encSkip{s.at + shift, s.prev})
			}
			e.b.WriteString(enc[begin:])
			return e.String(), out, true
		}
		for len(adds) > 0 && int(adds[0].doc) < doc {
			mark()
			e.add(post(adds[0]))
			adds = adds[1:]
		}
		switch {
		case c.changed[doc]: // its posting now, if any, is in adds
		case e.prev == before:
			mark()
			e.b.WriteString(enc[begin:i])
			e.prev = doc
		default:
			p.doc = doc
			mark()
			e.add(p)
		}
	}
	for _, a := range adds {
		mark()
		e.add(post(a))
	}
	if out == nil {
		out = []encSkip{} // an empty list, marked all along
	}
	return e.String(), out, true
}
