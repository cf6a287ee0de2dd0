package graph

import (
	"sort"
	"strings"

	"handbook/generator/diag"
	"handbook/generator/handbook"
)

// edge says that exercise To is harder than exercise From, as written at Pos.
type edge struct {
	From, To string
	Pos      diag.Pos
}

// ladders derives progressions and regressions from both sides and checks
// that "harder than" has no cycle.
func (g *Graph) ladders(errs *diag.List) {
	next := map[string][]edge{}
	have := map[[2]string]bool{}
	add := func(from, to string, pos diag.Pos) {
		if g.Exercise[from] == nil || g.Exercise[to] == nil || from == to || have[[2]string{from, to}] {
			return
		}
		have[[2]string{from, to}] = true
		next[from] = append(next[from], edge{from, to, pos})
	}
	for _, e := range g.Exercises {
		harder := map[string]bool{}
		for _, r := range e.Progression {
			harder[r.ID] = true
		}
		for _, r := range e.Regression {
			if harder[r.ID] {
				errs.AddHint(r.Pos, "an exercise is either easier or harder, not both",
					"%q is listed as both a progression and a regression of %q", r.ID, e.ID)
			}
		}
		for _, r := range e.Progression {
			add(e.ID, r.ID, r.Pos)
		}
		for _, r := range e.Regression {
			if !harder[r.ID] {
				add(r.ID, e.ID, r.Pos)
			}
		}
	}
	g.cycles(next, errs)
	for from, es := range next {
		for _, e := range es {
			g.Harder[from] = append(g.Harder[from], e.To)
			g.Easier[e.To] = append(g.Easier[e.To], from)
		}
	}
	for _, m := range []map[string][]string{g.Harder, g.Easier} {
		for id := range m {
			g.sortExercises(m[id])
		}
	}
}

// cycles reports each cycle of "harder than" once, at the reference that
// closes it, and removes that edge so the ladders stay usable.
func (g *Graph) cycles(next map[string][]edge, errs *diag.List) {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	var stack []string
	var visit func(id string)
	visit = func(id string) {
		color[id] = grey
		stack = append(stack, id)
		es := next[id]
		kept := es[:0]
		for _, e := range es {
			switch color[e.To] {
			case grey:
				i := indexOf(stack, e.To)
				path := append(append([]string{}, stack[i:]...), e.To)
				errs.AddHint(e.Pos, "an exercise cannot be harder than itself; remove one link of the loop",
					"progression cycle: %s", strings.Join(path, " -> "))
				continue
			case white:
				visit(e.To)
			}
			kept = append(kept, e)
		}
		next[id] = kept
		stack = stack[:len(stack)-1]
		color[id] = black
	}
	ids := make([]string, 0, len(next))
	for id := range next {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		if color[id] == white {
			visit(id)
		}
	}
}

func indexOf(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return 0
}

// SortExercises orders exercise ids by level, then title, then id: the
// order in which lists show them.
func (g *Graph) SortExercises(ids []string) { g.sortExercises(ids) }

// sortExercises orders exercise ids by level, then title, then id.
func (g *Graph) sortExercises(ids []string) {
	sort.Slice(ids, func(i, j int) bool {
		a, b := g.Exercise[ids[i]], g.Exercise[ids[j]]
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		if a.Title != b.Title {
			return a.Title < b.Title
		}
		return a.ID < b.ID
	})
}

// conditions derives, for each condition, the exercises to avoid and to
// take care with, and the inverse for each exercise. Conditions are
// indexed by the loads that aggravate them, so the work grows with the
// matches, not with exercises times conditions.
func (g *Graph) conditions() {
	byLoad := map[string][]*handbook.Condition{}
	for _, c := range g.Conditions {
		for _, l := range c.AggravatedBy {
			byLoad[l] = append(byLoad[l], c)
		}
	}
	order := map[string]int{}
	for i, c := range g.Conditions {
		order[c.ID] = i
	}
	reasonOf := map[string]string{} // one string per set of loads, shared by every pair
	reason := func(loads []string) string {
		k := strings.Join(loads, ",")
		if r, ok := reasonOf[k]; ok {
			return r
		}
		r := "puts " + join(loads) + " on the spine"
		reasonOf[k] = r
		return r
	}
	for _, e := range g.Exercises {
		avoid := ids(e.AvoidIf)
		caution := ids(e.CautionIf)
		reasons := map[string][]string{} // condition -> loads it shares with e
		for _, l := range e.Loads {
			for _, c := range byLoad[l] {
				if !contains(reasons[c.ID], l) {
					reasons[c.ID] = append(reasons[c.ID], l)
				}
			}
		}
		var touched []string
		for id := range avoid {
			touched = append(touched, id)
		}
		for id := range caution {
			touched = append(touched, id)
		}
		for id := range reasons {
			touched = append(touched, id)
		}
		sort.Slice(touched, func(i, j int) bool { return order[touched[i]] < order[touched[j]] })
		seen := map[string]bool{}
		for _, id := range touched {
			if seen[id] || g.Condition[id] == nil {
				continue
			}
			seen[id] = true
			switch {
			case avoid[id]:
				g.Avoid[id] = append(g.Avoid[id], e.ID)
				g.AvoidFor[e.ID] = append(g.AvoidFor[e.ID], id)
			case caution[id]:
				g.Care[id] = append(g.Care[id], Care{ID: e.ID})
				g.CareFor[e.ID] = append(g.CareFor[e.ID], Care{ID: id})
			default:
				why := reason(inOrder(reasons[id], e.Loads))
				g.Care[id] = append(g.Care[id], Care{ID: e.ID, Reason: why})
				g.CareFor[e.ID] = append(g.CareFor[e.ID], Care{ID: id, Reason: why})
			}
		}
	}
	for _, c := range g.Conditions {
		for _, r := range c.Helpful {
			if g.Exercise[r.ID] != nil {
				g.Helps[r.ID] = append(g.Helps[r.ID], c.ID)
			}
		}
	}
	for id := range g.Avoid {
		g.sortExercises(g.Avoid[id])
	}
	for id := range g.Care {
		care := g.Care[id]
		sort.SliceStable(care, func(i, j int) bool {
			a, b := g.Exercise[care[i].ID], g.Exercise[care[j].ID]
			if a.Level != b.Level {
				return a.Level < b.Level
			}
			return a.Title < b.Title
		})
	}
}

// inOrder lists the loads of shared in the order the exercise names them.
func inOrder(shared, loads []string) []string {
	var out []string
	for _, l := range loads {
		if contains(shared, l) {
			out = append(out, l)
		}
	}
	return out
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

func ids(refs []handbook.Ref) map[string]bool {
	m := map[string]bool{}
	for _, r := range refs {
		m[r.ID] = true
	}
	return m
}

// join names loads for readers: "flexion and rotation".
func join(loads []string) string {
	words := make([]string, len(loads))
	for i, l := range loads {
		words[i] = strings.ReplaceAll(l, "-", " ")
	}
	if len(words) == 1 {
		return words[0]
	}
	return strings.Join(words[:len(words)-1], ", ") + " and " + words[len(words)-1]
}
