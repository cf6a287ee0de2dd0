package graph

import (
	"flag"
	"reflect"
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
		{"care: caution-if first by level, then derived from loads", g.Care["stenosis"],
			[]Care{{ID: "walk"}, {ID: "bridge", Reason: "puts extension on the spine"}}},
		{"care for bridge", g.CareFor["bridge"], []Care{{ID: "stenosis", Reason: "puts extension on the spine"}}},
		{"helps", g.Helps["walk"], []string{"stenosis"}},
		{"no care for flexion", g.CareFor["curl"], []Care(nil)},
		{"linked from", g.LinkedFrom("exercises/bridge"), []string{"exercises/superman", "exercises/tilt"}},
	}
	for _, c := range checks {
		if !reflect.DeepEqual(c.got, c.want) {
			t.Errorf("%s: got %v, want %v", c.name, c.got, c.want)
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
