package graph

import (
	"cmp"
	"flag"
	"fmt"
	"math/rand/v2"
	"reflect"
	"slices"
	"testing"

	"handbook/generator/diag"
	"handbook/generator/handbook"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

func ex(id string, level int, loads []string, prog, avoid, caution []string) *handbook.Exercise {
	refs := func(ids []string) []handbook.Ref {
		var out []handbook.Ref
		for _, ref := range ids {
			out = append(out, handbook.Ref{ID: ref, Pos: diag.Pos{File: id + ".md", Line: 1, Col: 1}})
		}
		return out
	}
	return &handbook.Exercise{
		Page:  handbook.Page{Section: handbook.Exercises, ID: id, Title: id},
		Level: level, Loads: loads, Progression: refs(prog), AvoidIf: refs(avoid), CautionIf: refs(caution),
	}
}

func TestDerivedRelationships(t *testing.T) {
	h := &handbook.Handbook{
		Config: handbook.Config{LoadsOn: "the spine"},
		Exercises: []*handbook.Exercise{
			ex("tilt", 1, nil, []string{"bridge"}, nil, nil),
			ex("bridge", 2, []string{"extension"}, nil, nil, nil),
			ex("superman", 3, []string{"extension"}, nil, []string{"stenosis"}, nil),
			ex("walk", 1, nil, nil, nil, []string{"stenosis"}),
			ex("curl", 2, []string{"flexion"}, nil, nil, nil),
		},
		Conditions: []*handbook.Condition{
			{Page: handbook.Page{Section: handbook.Conditions, ID: "stenosis", Title: "Stenosis"}, AggravatedBy: []string{"extension"},
				Helpful: []handbook.Ref{{ID: "walk"}}},
		},
	}
	h.Exercises[2].Regression = []handbook.Ref{{ID: "bridge"}}
	var errs diag.List
	g := Resolve(h, &errs)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	checks := []struct {
		name      string
		got, want any
	}{
		{"bridge easier", g.Easier["bridge"], []string{"tilt"}},
		{"bridge harder (from superman's regression)", g.Harder["bridge"], []string{"superman"}},
		{"avoid", g.Avoid["stenosis"], []string{"superman"}},
		{"care: caution-if first by level, then derived from loads", listOf(g.CareExercises("stenosis", 10)),
			[]Care{{ID: "walk"}, {ID: "bridge", Loads: []string{"extension"}}}},
		{"care for bridge", listOf(g.CareConditions("bridge", 10)), []Care{{ID: "stenosis", Loads: []string{"extension"}}}},
		{"helps", g.Helps["walk"], []string{"stenosis"}},
		{"no care for flexion", listOf(g.CareConditions("curl", 10)), []Care(nil)},
		{"linked from", g.LinkedFrom("exercises/bridge"), []string{"exercises/superman", "exercises/tilt"}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
		}
	}
}

// listOf drops the count from a care list.
func listOf(list []Care, total int) []Care { return list }

// The care lists are merged from groups of loads when a page asks; on
// random handbooks they must be what checking every pair gives, cut to the
// length asked for, with the full count.
func TestCareListsMatchEveryPair(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	some := func(of []string, n int) []string {
		var out []string
		for _, x := range of {
			if rng.IntN(n) == 0 {
				out = append(out, x)
			}
		}
		return out
	}
	for round := 0; round < 50; round++ {
		var conds []string
		h := &handbook.Handbook{Config: handbook.Config{LoadsOn: "the back"}}
		for i := range 1 + rng.IntN(30) {
			id := fmt.Sprintf("c%02d", i)
			conds = append(conds, id)
			h.Conditions = append(h.Conditions, &handbook.Condition{Page: handbook.Page{Section: handbook.Conditions, ID: id, Title: id},
				AggravatedBy: some(handbook.Loads, 4)})
		}
		for i := range 1 + rng.IntN(60) {
			id := fmt.Sprintf("e%02d", i)
			h.Exercises = append(h.Exercises, ex(id, 1+rng.IntN(3), some(handbook.Loads, 5), nil, some(conds, 8), some(conds, 6)))
		}
		var errs diag.List
		g := Resolve(h, &errs)
		max := 1 + rng.IntN(12)
		avoid := func(e *handbook.Exercise, c string) bool {
			return slices.ContainsFunc(e.AvoidIf, func(r handbook.Ref) bool { return r.ID == c })
		}
		brute := func(e *handbook.Exercise, c *handbook.Condition) (Care, bool) {
			if avoid(e, c.ID) {
				return Care{}, false
			}
			if slices.ContainsFunc(e.CautionIf, func(r handbook.Ref) bool { return r.ID == c.ID }) {
				return Care{}, true
			}
			var shared []string
			for _, l := range handbook.Loads {
				if slices.Contains(e.Loads, l) && slices.Contains(c.AggravatedBy, l) {
					shared = append(shared, l)
				}
			}
			if len(shared) == 0 {
				return Care{}, false
			}
			return Care{Loads: shared}, true
		}
		order := slices.Clone(h.Exercises)
		slices.SortFunc(order, func(a, b *handbook.Exercise) int {
			return cmp.Or(cmp.Compare(a.Level, b.Level), cmp.Compare(a.Title, b.Title), cmp.Compare(a.ID, b.ID))
		})
		for _, c := range h.Conditions {
			var want []Care
			for _, e := range order {
				if k, ok := brute(e, c); ok {
					k.ID = e.ID
					want = append(want, k)
				}
			}
			got, total := g.CareExercises(c.ID, max)
			if total != len(want) || !reflect.DeepEqual(got, want[:min(max, len(want))]) {
				t.Fatalf("round %d: care for %s: got %v (%d in all), want %v", round, c.ID, got, total, want)
			}
		}
		for _, e := range h.Exercises {
			var want []Care
			for _, c := range h.Conditions {
				if k, ok := brute(e, c); ok {
					k.ID = c.ID
					want = append(want, k)
				}
				loads, ok := g.NeedsCare(e.ID, c.ID)
				if k, bok := brute(e, c); ok != bok || !slices.Equal(loads, k.Loads) {
					t.Fatalf("round %d: NeedsCare(%s, %s) = %q %v, want %q %v", round, e.ID, c.ID, loads, ok, k.Loads, bok)
				}
			}
			got, total := g.CareConditions(e.ID, max)
			if total != len(want) || !reflect.DeepEqual(got, want[:min(max, len(want))]) {
				t.Fatalf("round %d: care for %s: got %v (%d in all), want %v", round, e.ID, got, total, want)
			}
		}
	}
}

func TestCycleOfThree(t *testing.T) {
	h := &handbook.Handbook{Exercises: []*handbook.Exercise{
		ex("a", 1, nil, []string{"b"}, nil, nil),
		ex("b", 2, nil, []string{"c"}, nil, nil),
		ex("c", 3, nil, []string{"a"}, nil, nil),
	}}
	var errs diag.List
	Resolve(h, &errs)
	want := "c.md:1:1: progression cycle: a -> b -> c -> a (an exercise cannot be harder than itself; remove one link of the loop)"
	if errs.Error() != want {
		t.Errorf("got %q, want %q", errs.Error(), want)
	}
}

// A long ladder resolves without trouble and in order.
func TestLongLadder(t *testing.T) {
	h := &handbook.Handbook{}
	const n = 2000
	for i := 0; i < n; i++ {
		var prog []string
		if i+1 < n {
			prog = []string{id(i + 1)}
		}
		h.Exercises = append(h.Exercises, ex(id(i), 1, nil, prog, nil, nil))
	}
	var errs diag.List
	g := Resolve(h, &errs)
	if len(errs) > 0 || len(g.Harder[id(0)]) != 1 || g.Easier[id(n-1)][0] != id(n-2) {
		t.Fatalf("long ladder: %v", errs)
	}
}

func id(i int) string {
	return "e" + string(rune('a'+i%26)) + string(rune('a'+i/26%26)) + string(rune('a'+i/676))
}
