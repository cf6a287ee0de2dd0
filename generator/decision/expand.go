package decision

import (
	"fmt"
	"sort"
	"strings"

	"handbook/generator/handbook"
)

// Path is one way through the tree: the answer chosen at each question,
// by index, and the outcome step it ends at.
type Path struct {
	Answers []int
	End     string
}

// MaxPaths bounds the paths a tree may have: every path is walked and
// checked, and a tree of chained choices can have more paths than there
// are atoms. The shipped tree has about a thousand.
const MaxPaths = 100000

// expand walks every path from the start, making a step for each node and
// state met, checking the plans and screens on the way. It returns nil,
// having said why, for a tree with more than MaxPaths paths.
func (c *compiler) expand() *Tree {
	out := &Tree{Source: c.t, Steps: map[string]*Step{}}
	stateful := c.reachesPlan()
	reported := map[string]bool{}
	visits := 0
	var walk func(n *handbook.Node, s State, labels []string) string
	walk = func(n *handbook.Node, s State, labels []string) string {
		if visits++; visits > MaxPaths*4 {
			return n.ID // over the budget: Compile reports it
		}
		id := stepID(n, s, stateful[n.ID])
		if n.Outcome == "care" && len(s.Flags) > 0 {
			// a care page shows the signs the path reported, not every
			// sign of its node
			id = n.ID + "." + hashOf(strings.Join(s.Flags, "+"))
		}
		step, seen := out.Steps[id]
		if !seen {
			step = &Step{ID: id, Node: n, State: s}
			out.Steps[id] = step
			out.Order = append(out.Order, id)
		}
		if n.Outcome != "" {
			c.checkOutcome(n, s, labels, reported)
			if n.Outcome == "plan" && !seen {
				step.Plan = c.plan(n, s)
			}
			return id
		}
		next := s
		if n.Screen != "" {
			next.Screened = unionStrings(s.Screened, []string{n.Screen})
		}
		choices := make([]Choice, len(n.Answers))
		for i, a := range n.Answers {
			choices[i] = Choice{Label: a.Label, Next: walk(c.nodes[a.Next.ID], next.after(a), append(labels, n.ID+": "+a.Label))}
		}
		if !seen {
			step.Answers = choices
		}
		return id
	}
	out.Start = walk(c.nodes[c.t.Start.ID], State{}, nil)
	if visits > MaxPaths*4 {
		c.errs.AddHint(c.t.Start.Pos, "join branches less often, or split it into several trees",
			"the tree has too many paths to check (more than %d)", MaxPaths)
		return nil
	}
	return merge(out)
}

// merge joins steps that behave the same: the same node, with answers that
// lead to the same steps, or the same outcome showing the same plan. Paths
// that told different things often end the same way; merging keeps one page
// for them. A step is named after its node alone when the node has one step.
func merge(t *Tree) *Tree {
	sig := map[string]string{} // old id -> signature
	var sign func(id string) string
	sign = func(id string) string {
		if s, ok := sig[id]; ok {
			return s
		}
		st := t.Steps[id]
		parts := []string{st.Node.ID}
		for _, ch := range st.Answers {
			parts = append(parts, sign(ch.Next))
		}
		if st.Node.Outcome == "care" {
			parts = append(parts, strings.Join(st.State.Flags, ","))
		}
		for _, it := range st.Plan {
			parts = append(parts, it.Exercise.ID+"<"+strings.Join(ids(it.Easier), ",")+">"+strings.Join(it.Care, ","))
		}
		s := strings.Join(parts, "|")
		sig[id] = s
		return s
	}
	perNode := map[string]map[string]bool{}
	for _, id := range t.Order {
		s := sign(id)
		n := t.Steps[id].Node.ID
		if perNode[n] == nil {
			perNode[n] = map[string]bool{}
		}
		perNode[n][s] = true
	}
	name := func(id string) string {
		n := t.Steps[id].Node.ID
		if len(perNode[n]) == 1 {
			return n
		}
		return n + "." + hashOf(sig[id])
	}
	out := &Tree{Source: t.Source, Steps: map[string]*Step{}, Start: name(t.Start)}
	for _, id := range t.Order {
		nid := name(id)
		if out.Steps[nid] != nil {
			continue
		}
		st := *t.Steps[id]
		st.ID = nid
		st.Answers = make([]Choice, len(t.Steps[id].Answers))
		for i, ch := range t.Steps[id].Answers {
			st.Answers[i] = Choice{Label: ch.Label, Next: name(ch.Next)}
		}
		out.Steps[nid] = &st
		out.Order = append(out.Order, nid)
	}
	return out
}

func ids(es []*handbook.Exercise) []string {
	out := make([]string, len(es))
	for i, e := range es {
		out[i] = e.ID
	}
	return out
}

// Replay follows answers from the start of the authored tree and returns
// the node reached and what the answers told on the way. Tests use it to
// check each path on its own, whatever steps it shares with others.
func (t *Tree) Replay(answers []int) (*handbook.Node, State) {
	nodes := map[string]*handbook.Node{}
	for _, n := range t.Source.Nodes {
		nodes[n.ID] = n
	}
	n, s := nodes[t.Source.Start.ID], State{}
	for _, i := range answers {
		if n == nil || i >= len(n.Answers) {
			return nil, s
		}
		a := n.Answers[i]
		s = s.after(a)
		n = nodes[a.Next.ID]
	}
	return n, s
}

// after is what the path has told once answer a is given: the one rule
// for the compiler's walk and for Replay.
func (s State) after(a *handbook.Answer) State {
	s.Flags = union(s.Flags, a.Flags)
	s.Conditions = union(s.Conditions, a.Conditions)
	s.Hurts = unionStrings(s.Hurts, a.Hurts)
	if a.MaxLevel > 0 && (s.MaxLevel == 0 || a.MaxLevel < s.MaxLevel) {
		s.MaxLevel = a.MaxLevel
	}
	return s
}

// reachesPlan marks the nodes from which a plan can be reached: only their
// pages depend on the state of the path.
func (c *compiler) reachesPlan() map[string]bool {
	memo := map[string]bool{}
	for _, n := range c.postorder { // every answer's node comes first
		v := n.Outcome == "plan"
		for _, a := range n.Answers {
			v = v || memo[a.Next.ID]
		}
		memo[n.ID] = v
	}
	return memo
}

// checkOutcome checks one path to an outcome: every outcome but care is
// reached only after the red-flag screens, and a plan's named exercises
// suit what the path told.
func (c *compiler) checkOutcome(n *handbook.Node, s State, labels []string, reported map[string]bool) {
	path := strings.Join(labels, " / ")
	if n.Outcome != "care" {
		for _, screen := range []string{"emergency", "urgent"} {
			if !contains(s.Screened, screen) {
				key := n.ID + "/screen/" + screen
				if !reported[key] {
					reported[key] = true
					c.errs.AddHint(n.Pos, "ask the "+screen+" red-flag questions (screen: "+screen+") on every path before it",
						"outcome %q can be reached without the %s red-flag questions (after: %s)", n.ID, screen, path)
				}
			}
		}
	}
	if n.Outcome != "plan" {
		return
	}
	for i, r := range n.Exercises {
		e := c.g.Exercise[r.ID]
		if e == nil {
			key := n.ID + "/missing/" + r.ID
			if !reported[key] {
				reported[key] = true
				c.errs.AddHint(r.Pos, c.suggest(r.ID, keys(c.g.Exercise)), "exercises: no exercise %q", r.ID)
			}
			continue
		}
		if d := Direction(e); d != "" {
			for _, other := range n.Exercises[i+1:] {
				if o := c.g.Exercise[other.ID]; o != nil && Direction(o) != "" && Direction(o) != d {
					key := n.ID + "/way/" + r.ID
					if !reported[key] {
						reported[key] = true
						c.errs.AddHint(r.Pos, "keep to one way: which way eases back pain differs from person to person",
							"plan %q names %q (%s) and %q (%s), which bend the spine opposite ways", n.ID, r.ID, d, o.ID, Direction(o))
					}
				}
			}
		}
		if why := c.unsuitable(e, s, n); why != "" {
			key := n.ID + "/" + r.ID + "/" + why
			if !reported[key] {
				reported[key] = true
				c.errs.AddHint(r.Pos, "a plan must never show an exercise the answers rule out",
					"plan %q names %q, which %s (after: %s)", n.ID, r.ID, why, path)
			}
		}
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}

// maxLevel is the level cap for a plan outcome reached with state s.
func maxLevel(n *handbook.Node, s State) int {
	m := 5
	if n.MaxLevel > 0 {
		m = n.MaxLevel
	}
	if s.MaxLevel > 0 && s.MaxLevel < m {
		m = s.MaxLevel
	}
	return m
}

// unsuitable says why exercise e does not suit state s, or "".
func (c *compiler) unsuitable(e *handbook.Exercise, s State, n *handbook.Node) string {
	for _, cond := range c.g.AvoidFor[e.ID] {
		if contains(s.Conditions, cond) {
			return "is to be avoided with " + cond
		}
	}
	for _, l := range e.Loads {
		if contains(s.Hurts, l) {
			if l == "nerve-tension" {
				return "stretches the nerve down the leg (nerve-tension), which hurts"
			}
			return "puts " + l + " on the spine, which hurts"
		}
	}
	if contains(s.Hurts, e.Position) {
		return "is done " + e.Position + ", a position that hurts"
	}
	if e.Level > maxLevel(n, s) {
		return fmt.Sprintf("is level %d, above the cap of %d", e.Level, maxLevel(n, s))
	}
	return ""
}

// Direction is the one way an exercise bends the spine, "flexion" or
// "extension", or "" for an exercise that bends it both ways or neither.
// Which way eases back pain differs from person to person (a directional
// preference), so a plan never offers both ways.
func Direction(e *handbook.Exercise) string {
	f, x := contains(e.Loads, "flexion"), contains(e.Loads, "extension")
	switch {
	case f && !x:
		return "flexion"
	case x && !f:
		return "extension"
	}
	return ""
}

// plan picks the exercises for a plan outcome: the named ones first, then
// those that help the conditions on the path, then the gentlest; never one
// the path rules out, and never exercises that bend the spine one way and
// the other (the first picked sets the way).
func (c *compiler) plan(n *handbook.Node, s State) []PlanItem {
	var picked []*handbook.Exercise
	have := map[string]bool{}
	way := ""
	// keepsWay takes e into the plan's one direction, or refuses it
	keepsWay := func(e *handbook.Exercise) bool {
		switch d := Direction(e); {
		case d == "":
			return true
		case way == "" || way == d:
			way = d
			return true
		}
		return false
	}
	add := func(e *handbook.Exercise) bool {
		if e == nil || have[e.ID] || len(picked) >= PlanSize || c.unsuitable(e, s, n) != "" || !keepsWay(e) {
			return false
		}
		have[e.ID] = true
		picked = append(picked, e)
		return true
	}
	for _, r := range n.Exercises {
		add(c.g.Exercise[r.ID])
	}
	helps := func(e *handbook.Exercise) int {
		k := 0
		for _, cond := range c.g.Helps[e.ID] {
			if contains(s.Conditions, cond) {
				k++
			}
		}
		return k
	}
	rest := append([]*handbook.Exercise{}, c.g.Exercises...)
	sort.SliceStable(rest, func(i, j int) bool {
		a, b := rest[i], rest[j]
		if ha, hb := helps(a), helps(b); ha != hb {
			return ha > hb
		}
		if a.Level != b.Level {
			return a.Level < b.Level
		}
		return a.ID < b.ID
	})
	// one of each category first, so a plan mixes kinds of exercise
	cats := map[string]bool{}
	for _, e := range rest {
		if !cats[e.Category] && add(e) {
			cats[e.Category] = true
		}
	}
	for _, e := range rest {
		add(e)
	}
	items := make([]PlanItem, len(picked))
	for i, e := range picked {
		items[i] = PlanItem{Exercise: e}
		for _, id := range c.g.Easier[e.ID] {
			if easier := c.g.Exercise[id]; c.unsuitable(easier, s, n) == "" && keepsWay(easier) {
				items[i].Easier = append(items[i].Easier, easier)
			}
		}
		items[i].Care = c.g.CareAmong(e.ID, s.Conditions)
	}
	return items
}

// Paths lists every path through the compiled tree, in order.
func (t *Tree) Paths() []Path {
	var out []Path
	var walk func(id string, answers []int)
	walk = func(id string, answers []int) {
		st := t.Steps[id]
		if len(st.Answers) == 0 {
			out = append(out, Path{Answers: append([]int{}, answers...), End: id})
			return
		}
		for i, ch := range st.Answers {
			walk(ch.Next, append(answers, i))
		}
	}
	walk(t.Start, nil)
	return out
}
