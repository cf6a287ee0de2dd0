// Package decision compiles the decision tree of content/decide.yaml and
// checks that it is safe by construction.
//
// The tree is authored as a graph of questions and outcomes. Answers may
// tell what is known on the path: conditions, loads (movements) that hurt,
// a cap on exercise level, or red flags. The compiler expands the graph
// into steps, one per question or outcome and the state of the path that
// reached it, so that every step can be a static page with plain links and
// the browser's wizard is only a player of the same steps: what the wizard
// shows is what Go computed.
//
// The checks, each an error at its position in decide.yaml: a reference to
// a missing node, page, red flag or condition; a node that cannot be
// reached; a cycle; a question with fewer than two answers; two answers
// with the same label; an answer reporting a red flag that can lead
// anywhere but to care of at least the flag's urgency; a plan that names an
// exercise to avoid, one that loads a movement that hurts, or one above the
// level cap, on some path to it; and an outcome other than care that can
// be reached without passing the emergency and urgent red-flag questions.
package decision

import (
	"fmt"
	"hash/fnv"
	"sort"
	"strconv"
	"strings"

	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
)

// PlanSize is how many exercises a plan shows at most.
const PlanSize = 6

// State is what the answers on a path have told so far.
type State struct {
	Conditions []string // sorted
	Hurts      []string // sorted loads and positions
	MaxLevel   int      // 0: no cap
	Screened   []string // red-flag screens passed: "emergency", "urgent"
	Flags      []string // red flags the answers reported, sorted
}

func (s State) key() string {
	return strings.Join(s.Conditions, "+") + "/" + strings.Join(s.Hurts, "+") + "/" + strconv.Itoa(s.MaxLevel)
}

// Step is a node of the tree as reached with one state. Its ID names its
// page, decide/ID.html. Steps that behave the same are merged, so State is
// what the first path found to it told; Tree.Replay gives any path's own.
type Step struct {
	ID      string
	Node    *handbook.Node
	State   State
	Answers []Choice
	Plan    []PlanItem // plan outcomes
}

// Choice is an answer of a step and the step it leads to.
type Choice struct {
	Label string
	Next  string
}

// PlanItem is one exercise of a plan, with its easier version.
type PlanItem struct {
	Exercise *handbook.Exercise
	Easier   []*handbook.Exercise
	Care     []string // conditions on the path it needs care with
}

// Tree is the compiled tree.
type Tree struct {
	Source *handbook.Tree
	Start  string
	Steps  map[string]*Step
	Order  []string // step ids, start first, then in the order found
}

// Compile checks the tree of g and expands it. It returns nil if there is
// no tree, or if the tree has errors that stop the expansion.
func Compile(g *graph.Graph, errs *diag.List) *Tree {
	t := g.Tree
	if t == nil {
		return nil
	}
	c := &compiler{g: g, t: t, errs: errs, nodes: map[string]*handbook.Node{}}
	for _, n := range t.Nodes {
		c.nodes[n.ID] = n
	}
	c.labels()
	before := errs.Len()
	c.checkNodes()
	if errs.Len() > before || c.dangling || c.nodes[t.Start.ID] == nil {
		return nil
	}
	if !c.checkShape() {
		return nil
	}
	c.checkFlags()
	out := c.expand()
	if out == nil || errs.Len() > before {
		return nil
	}
	return out
}

// labels gives an answer that reports one red flag and has no label of its
// own the flag's title.
func (c *compiler) labels() {
	for _, n := range c.t.Nodes {
		for _, a := range n.Answers {
			if a.Label == "" && len(a.Flags) == 1 {
				if f := c.g.Flag[a.Flags[0].ID]; f != nil {
					a.Label = f.Title
				}
			}
		}
	}
}

type compiler struct {
	g     *graph.Graph
	t     *handbook.Tree
	errs  *diag.List
	nodes map[string]*handbook.Node

	// dangling is set when an answer has no next node. The schema has
	// already said so; the tree cannot be walked.
	dangling bool

	// postorder holds the nodes reachable from the start, each after every
	// node its answers lead to (checkShape fills it)
	postorder []*handbook.Node
}

func (c *compiler) nodeIDs() []string {
	ids := make([]string, 0, len(c.nodes))
	for id := range c.nodes {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

func (c *compiler) suggest(id string, among []string) string {
	if s := diag.Suggest(id, among); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return "check the spelling"
}

// checkNodes checks each node on its own and every reference.
func (c *compiler) checkNodes() {
	if c.t.Start.ID == "" {
		return
	}
	if c.nodes[c.t.Start.ID] == nil {
		c.errs.AddHint(c.t.Start.Pos, c.suggest(c.t.Start.ID, c.nodeIDs()), "start: no node %q", c.t.Start.ID)
	}
	for _, n := range c.t.Nodes {
		c.checkNode(n)
	}
}

func (c *compiler) checkNode(n *handbook.Node) {
	if n.Outcome == "" {
		if n.Question == "" {
			c.errs.AddHint(n.Pos, "give it a question and answers, or an outcome", "node %q has neither a question nor an outcome", n.ID)
			return
		}
		if len(n.Answers) < 2 {
			c.errs.AddHint(n.Pos, "a question needs at least two answers", "question %q has %d answer(s)", n.ID, len(n.Answers))
		}
		labels := map[string]bool{}
		for _, a := range n.Answers {
			if labels[strings.ToLower(a.Label)] {
				c.errs.AddHint(a.Pos, "give each answer its own words", "duplicate answer %q in %q", a.Label, n.ID)
			}
			labels[strings.ToLower(a.Label)] = true
			if c.nodes[a.Next.ID] == nil {
				c.dangling = true
				if a.Next.ID != "" {
					c.errs.AddHint(a.Next.Pos, c.suggest(a.Next.ID, c.nodeIDs()), "next: no node %q", a.Next.ID)
				}
			}
			c.flagRefs(a.Flags)
			for _, r := range a.Conditions {
				if c.g.Condition[r.ID] == nil {
					c.errs.AddHint(r.Pos, c.suggest(r.ID, keys(c.g.Condition)), "conditions: no condition %q", r.ID)
				}
			}
		}
		return
	}
	if len(n.Answers) > 0 || n.Question != "" {
		c.errs.AddHint(n.Pos, "an outcome ends the path: remove its question and answers", "outcome %q also has a question", n.ID)
	}
	switch n.Outcome {
	case "care":
		if n.Urgency == "" {
			c.errs.AddHint(n.Pos, "add urgency: emergency, urgent or soon", "care outcome %q has no urgency", n.ID)
		}
		c.flagRefs(n.Flags)
	case "page":
		if n.Page.ID == "" {
			c.errs.AddHint(n.Pos, "add page: section/id", "page outcome %q names no page", n.ID)
		}
	}
	// care may name a page to read while waiting for the visit
	if n.Page.ID != "" && c.g.Pages[n.Page.ID] == nil {
		c.errs.AddHint(n.Page.Pos, c.suggest(n.Page.ID, keys(c.g.Pages)), "page: no page %q", n.Page.ID)
	}
	if n.Text == "" {
		c.errs.AddHint(n.Pos, "say in a sentence or two what to do", "outcome %q has no text", n.ID)
	}
}

func (c *compiler) flagRefs(refs []handbook.Ref) {
	for _, r := range refs {
		if c.g.Flag[r.ID] == nil {
			c.errs.AddHint(r.Pos, c.suggest(r.ID, keys(c.g.Flag)), "flags: no red flag %q", r.ID)
		}
	}
}

func keys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// checkShape reports cycles and unreachable nodes. The expansion needs a
// tree without cycles, so it stops there if there is one.
func (c *compiler) checkShape() bool {
	const (
		white = iota
		grey
		black
	)
	color := map[string]int{}
	ok := true
	// depth first with a stack of its own, so that no chain of nodes, however
	// long, can exhaust the goroutine's stack
	type frame struct {
		n    *handbook.Node
		next int // the answer to follow next
	}
	start := c.nodes[c.t.Start.ID]
	stack := []frame{{n: start}}
	path := []string{start.ID}
	color[start.ID] = grey
	for len(stack) > 0 {
		top := &stack[len(stack)-1]
		if top.next == len(top.n.Answers) {
			color[top.n.ID] = black
			c.postorder = append(c.postorder, top.n)
			stack = stack[:len(stack)-1]
			path = path[:len(path)-1]
			continue
		}
		a := top.n.Answers[top.next]
		top.next++
		next := c.nodes[a.Next.ID]
		if next == nil {
			continue
		}
		switch color[next.ID] {
		case grey:
			i := indexOf(path, next.ID)
			c.errs.AddHint(a.Next.Pos, "a path must always move on to an outcome",
				"cycle: %s -> %s", strings.Join(path[i:], " -> "), next.ID)
			ok = false
		case white:
			color[next.ID] = grey
			stack = append(stack, frame{n: next})
			path = append(path, next.ID)
		}
	}
	for _, n := range c.t.Nodes {
		if color[n.ID] == white {
			// it may hold a cycle of its own; nothing after this walks it
			c.errs.AddHint(n.Pos, "link to it from an answer, or remove it", "node %q cannot be reached from the start", n.ID)
		}
	}
	return ok
}

func indexOf(xs []string, x string) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return 0
}

// checkFlags: an answer that reports a red flag leads only to care of at
// least the flag's urgency.
func (c *compiler) checkFlags() {
	for _, n := range c.t.Nodes {
		for _, a := range n.Answers {
			need := ""
			for _, r := range a.Flags {
				if f := c.g.Flag[r.ID]; f != nil && (need == "" || handbook.Urgent(f.Urgency, need)) {
					need = f.Urgency
				}
			}
			if need == "" || c.nodes[a.Next.ID] == nil {
				continue
			}
			for _, r := range c.outcomesFrom(c.nodes[a.Next.ID]) {
				o := r.node
				if o.Outcome != "care" || !handbook.Urgent(o.Urgency, need) {
					what := o.Outcome
					if o.Outcome == "care" {
						what = o.Urgency + " care"
					}
					via := ""
					if len(r.path) > 0 {
						via = " (then: " + strings.Join(r.path, " / ") + ")"
					}
					c.errs.AddHint(a.Pos, "a red flag must lead only to care at least as urgent as the flag",
						"answer %q reports a red flag (%s) but can lead to %q (%s)%s", a.Label, need, o.ID, what, via)
				}
			}
		}
	}
}

// reached is an outcome reachable from a node, with the shortest path of
// answers to it ("node: label" each).
type reached struct {
	node *handbook.Node
	path []string
}

// outcomesFrom lists the outcomes reachable from n, each once, nearest
// first, breadth first: no recursion, so no tree can exhaust the stack.
func (c *compiler) outcomesFrom(n *handbook.Node) []reached {
	if n == nil {
		return nil
	}
	type item struct {
		n    *handbook.Node
		path []string
	}
	var out []reached
	seen := map[string]bool{n.ID: true}
	queue := []item{{n, nil}}
	for len(queue) > 0 {
		it := queue[0]
		queue = queue[1:]
		if it.n.Outcome != "" {
			out = append(out, reached{it.n, it.path})
		}
		for _, a := range it.n.Answers {
			next := c.nodes[a.Next.ID]
			if next == nil || seen[next.ID] {
				continue
			}
			seen[next.ID] = true
			path := append(append([]string{}, it.path...), it.n.ID+": "+a.Label)
			queue = append(queue, item{next, path})
		}
	}
	return out
}

// stepID names the page of node n reached with state s. Outcomes of care
// and pages, and questions from which no plan can be reached, do not
// depend on the state.
func stepID(n *handbook.Node, s State, stateful bool) string {
	if !stateful || s.key() == (State{}).key() {
		return n.ID
	}
	// "." cannot appear in a node id, so no id can look like this one
	return n.ID + "." + hashOf(s.key())
}

func hashOf(s string) string {
	h := fnv.New32a()
	h.Write([]byte(s))
	return strconv.FormatUint(uint64(h.Sum32()), 36)
}

// ShownFlags are the red flags a care step speaks of: those the path to it
// reported, or else the flags its node names.
func (s *Step) ShownFlags() []string {
	if len(s.State.Flags) > 0 {
		return s.State.Flags
	}
	out := make([]string, len(s.Node.Flags))
	for i, r := range s.Node.Flags {
		out[i] = r.ID
	}
	return out
}

func union(a []string, b []handbook.Ref) []string {
	m := map[string]bool{}
	for _, x := range a {
		m[x] = true
	}
	for _, r := range b {
		m[r.ID] = true
	}
	return sortedKeys(m)
}

func unionStrings(a, b []string) []string {
	m := map[string]bool{}
	for _, x := range append(append([]string{}, a...), b...) {
		m[x] = true
	}
	return sortedKeys(m)
}

func sortedKeys(m map[string]bool) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
