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
	before := errs.Len()
	g.cycles(next, errs)
	if errs.Len() == before {
		g.checkSteps(next, errs)
	}
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

// checkSteps: a harder version is never of a lower level, and one of the
// same level brings no condition to avoid that the easier one does not
// have; a plan offers the harder version as the next step.
func (g *Graph) checkSteps(next map[string][]edge, errs *diag.List) {
	for _, e := range g.Exercises {
		for _, ed := range next[e.ID] {
			to := g.Exercise[ed.To]
			if e.Level == 0 || to.Level == 0 {
				continue // a level that did not decode has been reported
			}
			switch {
			case to.Level < e.Level:
				errs.AddHint(ed.Pos, "swap them, or change a level",
					"%q (level %d) is listed as harder than %q (level %d)", to.ID, to.Level, e.ID, e.Level)
			case to.Level == e.Level:
				if extra := newAvoid(e, to); len(extra) > 0 {
					errs.AddHint(ed.Pos, "a step up at the same level must suit everyone the easier one suits: raise its level, or pick another",
						"%q is the next step up from %q at the same level (%d), but is to be avoided with %s", to.ID, e.ID, e.Level, strings.Join(extra, ", "))
				}
			}
		}
	}
}

// newAvoid lists the conditions harder is to be avoided with and easier is
// not.
func newAvoid(easier, harder *handbook.Exercise) []string {
	have := map[string]bool{}
	for _, r := range easier.AvoidIf {
		have[r.ID] = true
	}
	var out []string
	for _, r := range harder.AvoidIf {
		if !have[r.ID] {
			out = append(out, r.ID)
		}
	}
	return out
}
