package graph

import (
	"slices"

	"handbook/generator/handbook"
)

// care is what "take care" is derived from. An exercise needs care with a
// condition when it names it in caution-if, or when its loads meet what the
// condition is aggravated by; avoid-if overrides both. Loads pair almost
// every exercise with many conditions, so the pairs grow with exercises
// times conditions: they are never listed whole. Exercises and conditions
// are grouped by their set of loads (a bit mask, and there are few
// different sets), and a list is merged from the groups when a page asks
// for it, up to the length the page shows.
type care struct {
	order       []string         // exercise ids in the order lists show them
	exAt        map[string]int   // exercise id -> its place in order
	condAt      map[string]int   // condition id -> its place in g.Conditions
	exMask      []uint16         // by exercise place: its loads
	condMask    []uint16         // by condition place: the loads that aggravate it
	exBy        map[uint16][]int // loads -> places of the exercises with just them, in order
	condBy      map[uint16][]int // loads -> places of the conditions with just them, in order
	avoid       map[[2]int]bool  // exercise place, condition place: avoid-if
	caution     map[[2]int]bool  // the same: caution-if, where not avoid-if
	cautionEx   map[int][]int    // exercise place -> the conditions it names in caution-if, in order
	cautionCond map[int][]int    // condition place -> the exercises naming it in caution-if, in order
	avoidEx     map[int][]int    // exercise place -> the conditions it names in avoid-if
	avoidCond   map[int][]int    // condition place -> the exercises naming it in avoid-if
	loads       [][]string       // by a set of loads (a mask): its loads, in handbook.Loads' order
}

// conditions derives what is declared on one side and shown on both:
// avoid-if and helpful; and makes ready the care lists.
func (g *Graph) conditions() {
	c := &care{exAt: map[string]int{}, condAt: map[string]int{}, exBy: map[uint16][]int{}, condBy: map[uint16][]int{},
		avoid: map[[2]int]bool{}, caution: map[[2]int]bool{}, cautionEx: map[int][]int{}, cautionCond: map[int][]int{},
		avoidEx: map[int][]int{}, avoidCond: map[int][]int{}, loads: make([][]string, 1<<len(handbook.Loads))}
	g.care = c
	for m := range c.loads {
		c.loads[m] = Loads(uint16(m))
	}
	for _, e := range g.Exercises {
		c.order = append(c.order, e.ID)
	}
	g.sortExercises(c.order)
	for ei, id := range c.order {
		c.exAt[id] = ei
		m := LoadMask(g.Exercise[id].Loads)
		c.exMask = append(c.exMask, m)
		c.exBy[m] = append(c.exBy[m], ei)
	}
	for ci, cond := range g.Conditions {
		c.condAt[cond.ID] = ci
		m := LoadMask(cond.AggravatedBy)
		c.condMask = append(c.condMask, m)
		c.condBy[m] = append(c.condBy[m], ci)
	}
	for ei, id := range c.order { // exercises in order: so are the lists of each condition
		e := g.Exercise[id]
		var avoided []int
		for _, r := range e.AvoidIf {
			if ci, ok := c.condAt[r.ID]; ok && !c.avoid[[2]int{ei, ci}] {
				c.avoid[[2]int{ei, ci}] = true
				avoided = append(avoided, ci)
			}
		}
		slices.Sort(avoided)
		c.avoidEx[ei] = avoided
		for _, ci := range avoided {
			c.avoidCond[ci] = append(c.avoidCond[ci], ei)
			cid := g.Conditions[ci].ID
			g.Avoid[cid] = append(g.Avoid[cid], id)
			g.AvoidFor[id] = append(g.AvoidFor[id], cid)
		}
		for _, r := range e.CautionIf {
			if ci, ok := c.condAt[r.ID]; ok && !c.avoid[[2]int{ei, ci}] && !c.caution[[2]int{ei, ci}] {
				c.caution[[2]int{ei, ci}] = true
				c.cautionEx[ei] = append(c.cautionEx[ei], ci)
				c.cautionCond[ci] = append(c.cautionCond[ci], ei)
			}
		}
		slices.Sort(c.cautionEx[ei])
	}
	for _, cond := range g.Conditions {
		for _, r := range cond.Helpful {
			if g.Exercise[r.ID] != nil {
				g.Helps[r.ID] = append(g.Helps[r.ID], cond.ID)
			}
		}
	}
}

// LoadMask is a set of loads as bits, in the order of handbook.Loads: an
// exercise needs care with a condition whose mask meets its own, unless its
// page says otherwise (see NeedsCare).
func LoadMask(loads []string) uint16 {
	var m uint16
	for _, l := range loads {
		if i := slices.Index(handbook.Loads, l); i >= 0 {
			m |= 1 << i
		}
	}
	return m
}

// Loads are the loads of a set (see LoadMask), in the order of
// handbook.Loads.
func Loads(mask uint16) []string {
	var loads []string
	for i, l := range handbook.Loads {
		if mask&(1<<i) != 0 {
			loads = append(loads, l)
		}
	}
	return loads
}

// why says whether exercise ei needs care with condition ci, and why: the
// loads they share (nil if the exercise's page says so in caution-if),
// which the caller must not change.
func (c *care) why(ei, ci int) (loads []string, ok bool) {
	switch {
	case c.avoid[[2]int{ei, ci}]:
		return nil, false
	case c.caution[[2]int{ei, ci}]:
		return nil, true
	}
	if shared := c.exMask[ei] & c.condMask[ci]; shared != 0 {
		return c.loads[shared], true
	}
	return nil, false
}

// NeedsCare says whether exercise ex needs care with condition cond, and
// why: the loads they share, in the order of handbook.Loads, or nil where
// the exercise's page says so. The caller must not change them.
func (g *Graph) NeedsCare(ex, cond string) (loads []string, ok bool) {
	ei, eok := g.care.exAt[ex]
	ci, cok := g.care.condAt[cond]
	if !eok || !cok {
		return nil, false
	}
	return g.care.why(ei, ci)
}

// Cautioned lists the conditions exercise ex names in caution-if and not in
// avoid-if, in the conditions' order.
func (g *Graph) Cautioned(ex string) []string {
	var out []string
	for _, ci := range g.care.cautionEx[g.care.exAt[ex]] {
		out = append(out, g.Conditions[ci].ID)
	}
	return out
}

// CareAmong lists which of conds exercise ex needs care with, in the
// conditions' order.
func (g *Graph) CareAmong(ex string, conds []string) []string {
	var places []int
	for _, id := range conds {
		if ci, ok := g.care.condAt[id]; ok && !slices.Contains(places, ci) {
			if _, care := g.NeedsCare(ex, id); care {
				places = append(places, ci)
			}
		}
	}
	slices.Sort(places)
	var out []string
	for _, ci := range places {
		out = append(out, g.Conditions[ci].ID)
	}
	return out
}

// CareConditions lists the conditions exercise ex needs care with, in the
// conditions' order: the first max of them, and how many there are in all.
func (g *Graph) CareConditions(ex string, max int) (first []Care, total int) {
	c := g.care
	ei, ok := c.exAt[ex]
	if !ok {
		return nil, 0
	}
	lists, total := groups(c.condBy, c.condMask, c.exMask[ei], c.cautionEx[ei], c.avoidEx[ei])
	return c.list(lists, max, func(ci int) (int, int) { return ei, ci }, func(ci int) string { return g.Conditions[ci].ID }), total
}

// CareExercises lists the exercises to take care with for condition cond,
// in the order lists show exercises: the first max of them, and how many
// there are in all.
func (g *Graph) CareExercises(cond string, max int) (first []Care, total int) {
	c := g.care
	ci, ok := c.condAt[cond]
	if !ok {
		return nil, 0
	}
	lists, total := groups(c.exBy, c.exMask, c.condMask[ci], c.cautionCond[ci], c.avoidCond[ci])
	return c.list(lists, max, func(ei int) (int, int) { return ei, ci }, func(ei int) string { return c.order[ei] }), total
}

// list merges lists (see groups) into the first max care pairs, each place
// of the other side made a pair by pair and named by id.
func (c *care) list(lists [][]int, max int, pair func(int) (ei, ci int), id func(int) string) []Care {
	var out []Care
	merge(lists, max, func(v int) bool {
		why, ok := c.why(pair(v))
		if ok {
			out = append(out, Care{ID: id(v), Loads: why})
		}
		return ok
	})
	return out
}

// groups returns the lists that may hold the other side of the care pairs
// of one exercise or condition with loads mask: each group of the other
// side (by, with their loads in masks) that shares a load, and those named
// in caution-if (cautioned). It counts the pairs too: those sharing a load,
// less those avoided among them, and those only named in caution-if.
func groups(by map[uint16][]int, masks []uint16, mask uint16, cautioned, avoided []int) (lists [][]int, total int) {
	for m, l := range by {
		if m&mask != 0 {
			lists = append(lists, l)
			total += len(l)
		}
	}
	for _, v := range avoided {
		if masks[v]&mask != 0 {
			total--
		}
	}
	for _, v := range cautioned {
		if masks[v]&mask == 0 {
			total++
		}
	}
	return append(lists, cautioned), total
}

// merge goes over the values of lists, each in increasing order, once each
// and in increasing order, calling keep with them until keep has said yes
// max times.
func merge(lists [][]int, max int, keep func(int) bool) {
	at := make([]int, len(lists))
	last := -1
	for kept := 0; kept < max; {
		best := -1
		for i, l := range lists {
			if at[i] < len(l) && (best < 0 || l[at[i]] < lists[best][at[best]]) {
				best = i
			}
		}
		if best < 0 {
			return
		}
		v := lists[best][at[best]]
		at[best]++
		if v != last && keep(v) {
			kept++
		}
		last = v
	}
}
