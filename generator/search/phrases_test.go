package search

import (
	"maps"
	"math/rand"
	"slices"
	"strings"
	"testing"

	hb "handbook/generator/handbook"
)

// naivePhrases counts the phrases in text the plain way: the stems of
// the phrases' words in a row (stop words aside), sorted and joined, looked
// up among the phrases' keys.
func naivePhrases(l *language, ps *phrases, text string) map[string]uint16 {
	out := map[string]uint16{}
	var window []string
	for _, w := range words(text) {
		if l.stop[w] {
			continue
		}
		s := l.stem(w)
		if _, ok := ps.member[s]; !ok {
			window = window[:0]
			continue
		}
		if len(window) == ps.longest {
			window = window[1:]
		}
		window = append(window, s)
		for n := 2; n <= len(window); n++ {
			run := slices.Sorted(slices.Values(window[len(window)-n:]))
			if ps.keys[strings.Join(run, " ")] {
				out[strings.Join(run, "_")]++
			}
		}
	}
	return out
}

// countedPhrases is what the analyzer counted in the body of the phrases'
// terms (the terms with "_").
func countedPhrases(a *analyzer, text string) map[string]uint16 {
	c := a.count(&doc{texts: []hb.Section{{Text: text}}})
	out := map[string]uint16{}
	for i, s := range c.stems {
		if strings.Contains(s, "_") {
			out[s] = c.tf[i][fBody]
		}
	}
	return out
}

// The analyzer finds every phrase of two to five words however its words
// are ordered or repeated, short ones by their packed numbers and long
// ones by their sums, and finds the same when no number can be packed, or
// when every sum of as many stems is the same.
func TestPhrasesFoundAsWritten(t *testing.T) {
	members := strings.Fields("back pain leg knee stiff lower sharp numb hip neck walking sitting shoulder burning tingling")
	others := strings.Fields("garden table slowly morning kettle")
	stops := strings.Fields("the of and in my")
	rng := rand.New(rand.NewSource(1))
	var syn [][]string
	for g := 0; g < 40; g++ {
		var group []string
		for p := 0; p < 1+rng.Intn(3); p++ {
			n := 2 + rng.Intn(4) // two to five words
			var ws []string
			for range n {
				ws = append(ws, members[rng.Intn(len(members))])
			}
			group = append(group, strings.Join(ws, " "))
		}
		syn = append(syn, group)
	}
	for _, c := range []struct {
		limit    int32
		sameHash bool
	}{{1 << packBits, false}, {4, false}, {0, false}, {0, true}} {
		limit := c.limit
		ps := newPhrases(enLang, syn)
		ps.packMax = limit
		if c.sameHash {
			for s, m := range ps.member {
				ps.member[s], ps.hashes[m.num] = member{1, m.num}, 1
			}
		}
		ps.index()
		a := newAnalyzer(enLang, ps)
		found := 0
		for seed := range 300 {
			rng := rand.New(rand.NewSource(int64(seed)))
			var ws []string
			for range 5 + rng.Intn(60) {
				switch r := rng.Intn(10); {
				case r < 7:
					ws = append(ws, members[rng.Intn(len(members))])
				case r < 9:
					ws = append(ws, stops[rng.Intn(len(stops))])
				default:
					ws = append(ws, others[rng.Intn(len(others))])
				}
			}
			text := strings.Join(ws, " ")
			want, got := naivePhrases(enLang, ps, text), countedPhrases(a, text)
			if !maps.Equal(got, want) {
				t.Fatalf("packing stems numbered under %d, %q:\ncounted %v\nwant    %v", limit, text, got, want)
			}
			found += len(want)
		}
		if found < 300 {
			t.Fatalf("only %d phrases in the texts: the test says little", found)
		}
	}
}

// The open-addressed table of short phrases finds every key put in it,
// colliding or not, and nothing else.
func TestShortTable(t *testing.T) {
	for _, n := range []int{0, 1, 2, 7, 100, 5000} {
		tab := newShortTable(n)
		want := map[uint64]int32{}
		for i := range n {
			k := uint64(2)<<40 | uint64(i*7+1) // packed keys start with their length
			if i%3 == 0 {
				k = uint64(3)<<60 | uint64(i)<<20 | uint64(i%5)
			}
			tab.put(k, int32(i))
			want[k] = int32(i)
		}
		for k, v := range want {
			if got := tab.get(k); got != v {
				t.Fatalf("n=%d: get(%#x) = %d, want %d", n, k, got, v)
			}
		}
		for i := range 1000 {
			k := uint64(5)<<50 | uint64(i)
			if got := tab.get(k); got != -1 {
				t.Fatalf("n=%d: get(%#x), never put, = %d", n, k, got)
			}
		}
	}
}
