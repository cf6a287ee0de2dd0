package graph

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"sort"
	"testing"
)

// TestTextLinksFollowEdits gives one TextLinks a run of random link
// maps, each an edit of the last (a page's links changed, added, taken
// away; a page added or removed), and checks after each that its
// backlinks are those worked out afresh, and that no list it gave out
// before changed.
func TestTextLinksFollowEdits(t *testing.T) {
	for seed := uint64(0); seed < 30; seed++ {
		r := rand.New(rand.NewPCG(seed, 7))
		g := &Graph{links: map[string]map[string]bool{
			"p1": {"p2": true, "p3": true},
			"p4": {"p9": true},
		}}
		page := func() string { return fmt.Sprintf("p%d", r.IntN(12)) }
		links := func() []string {
			var l []string
			for range r.IntN(5) {
				l = append(l, page()) // repeats and links to itself too
			}
			return l
		}
		text := map[string][]string{}
		var tl TextLinks
		var given []Backlinks
		var copies []Backlinks
		for step := 0; step < 40; step++ {
			next := make(map[string][]string, len(text))
			for k, v := range text {
				next[k] = v // kept pages keep their slice
			}
			for range 1 + r.IntN(3) {
				switch p := page(); r.IntN(4) {
				case 0:
					delete(next, p)
				case 1:
					next[p] = slices.Clone(next[p]) // the same links, a new slice
				default:
					next[p] = links()
				}
			}
			text = next
			tl.Update(text)
			if step == 20 { // another graph, the text's links the same: joined again
				g = &Graph{links: map[string]map[string]bool{"p5": {"p1": true}, "p1": {"p7": true}}}
			}
			got := g.BacklinksWith(&tl)
			if want := wantBacklinks(g, text); !reflect.DeepEqual(map[string][]string(got), want) {
				t.Fatalf("seed %d step %d: backlinks\n%v\nwant\n%v", seed, step, got, want)
			}
			if !reflect.DeepEqual(got, g.Backlinks(text)) {
				t.Fatalf("seed %d step %d: Backlinks differs from BacklinksWith", seed, step)
			}
			for i, b := range given {
				if !reflect.DeepEqual(b, copies[i]) {
					t.Fatalf("seed %d step %d: the backlinks of step %d changed", seed, step, i)
				}
			}
			given = append(given, got)
			c := Backlinks{}
			for k, v := range got {
				c[k] = slices.Clone(v)
			}
			copies = append(copies, c)
		}
	}
}

// wantBacklinks works backlinks out plainly, with a set per target.
func wantBacklinks(g *Graph, text map[string][]string) map[string][]string {
	sets := map[string]map[string]bool{}
	add := func(src, dst string) {
		if src == dst {
			return
		}
		if sets[dst] == nil {
			sets[dst] = map[string]bool{}
		}
		sets[dst][src] = true
	}
	for dst, srcs := range g.links {
		for src := range srcs {
			add(src, dst)
		}
	}
	for src, dsts := range text {
		for _, dst := range dsts {
			add(src, dst)
		}
	}
	out := map[string][]string{}
	for dst, set := range sets {
		for src := range set {
			out[dst] = append(out[dst], src)
		}
		sort.Strings(out[dst])
	}
	return out
}
