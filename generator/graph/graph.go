// Package graph resolves the references between pages and derives the
// relationships that are declared once but shown on both sides:
// progressions and regressions, the exercises to avoid or take care with
// for each condition, and the pages that link to each page.
//
// An exercise is "take care" for a condition when it names the condition in
// caution-if, or when the loads it puts on the spine meet what the condition
// is aggravated by, even where the author did not say so.
package graph

import (
	"fmt"
	"maps"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"

	"handbook/generator/diag"
	"handbook/generator/handbook"
)

// FlagsKey is the key of the red-flags page, which comes from flags.yaml.
const FlagsKey = "flags"

// Care says why an exercise needs care with a condition: the loads they
// share, which a page puts in words ("puts flexion on the spine").
type Care struct {
	ID    string   // the exercise, or the condition, depending on the map
	Loads []string // in the order of handbook.Loads; nil where the author said so in caution-if
}

// Graph is the handbook with every reference resolved.
type Graph struct {
	*handbook.Handbook

	Pages     map[string]*handbook.Page // by key
	Exercise  map[string]*handbook.Exercise
	Condition map[string]*handbook.Condition
	Program   map[string]*handbook.Program
	Flag      map[string]*handbook.Flag

	Harder map[string][]string // exercise -> its progressions
	Easier map[string][]string // exercise -> its regressions

	Avoid    map[string][]string // condition -> exercises to avoid
	Helps    map[string][]string // exercise -> conditions it helps
	AvoidFor map[string][]string // exercise -> conditions it should be avoided with
	care     *care               // exercises and conditions to take care with: see CareExercises

	links map[string]map[string]bool // target key -> source keys

	order     []string // see Order
	orderOnce sync.Once
	derivedMu sync.Mutex
	derived   map[string]*derived // see Derived
}

type derived struct {
	once sync.Once
	v    any
}

// Derived returns what make derives from g alone, made once by name and
// kept with g: serve keeps the graph from save to save while only text
// changes, and with it what the later stages derived from it. make must
// read nothing but g, and no one may change the value.
func (g *Graph) Derived(name string, make func() any) any {
	g.derivedMu.Lock()
	d := g.derived[name]
	if d == nil {
		if g.derived == nil {
			g.derived = map[string]*derived{}
		}
		d = &derived{}
		g.derived[name] = d
	}
	g.derivedMu.Unlock()
	d.once.Do(func() { d.v = make() })
	return d.v
}

var flagID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Resolve checks every reference in h and derives the relationships.
func Resolve(h *handbook.Handbook, errs *diag.List) *Graph {
	g := &Graph{
		Handbook:  h,
		Pages:     map[string]*handbook.Page{},
		Exercise:  map[string]*handbook.Exercise{},
		Condition: map[string]*handbook.Condition{},
		Program:   map[string]*handbook.Program{},
		Flag:      map[string]*handbook.Flag{},
		Harder:    map[string][]string{},
		Easier:    map[string][]string{},
		Avoid:     map[string][]string{},
		Helps:     map[string][]string{},
		AvoidFor:  map[string][]string{},
		links:     map[string]map[string]bool{},
	}
	g.index(errs)
	g.checkRefs(errs)
	g.ladders(errs)
	g.conditions()
	return g
}

func (g *Graph) index(errs *diag.List) {
	for _, e := range g.Exercises {
		g.Exercise[e.ID] = e
		g.Pages[e.Key()] = &e.Page
	}
	for _, c := range g.Conditions {
		g.Condition[c.ID] = c
		g.Pages[c.Key()] = &c.Page
	}
	for _, q := range g.Questions {
		g.Pages[q.Key()] = &q.Page
	}
	for _, gd := range g.Guides {
		g.Pages[gd.Key()] = &gd.Page
	}
	for _, p := range g.Programs {
		g.Program[p.ID] = p
		g.Pages[p.Key()] = &p.Page
	}
	for _, p := range g.Handbook.Pages {
		g.Pages[p.Key()] = p
	}
	for _, p := range g.Broken {
		g.Pages[p.Key()] = p
	}
	lower := map[string]*handbook.Flag{}
	for _, f := range g.Flags {
		if f.ID == "" {
			continue
		}
		if !flagID.MatchString(f.ID) {
			errs.Add(f.Pos, "red flag id %q must be lower-case letters, digits and single hyphens", f.ID)
		}
		if first := lower[strings.ToLower(f.ID)]; first != nil {
			errs.AddHint(f.Pos, fmt.Sprintf("first used on line %d", first.Pos.Line), "duplicate red flag id %q", f.ID)
			continue
		}
		lower[strings.ToLower(f.ID)] = f
		g.Flag[f.ID] = f
	}
}

// checkRefs checks that every front-matter reference names a page of the
// right kind, and records it as a link for "linked from".
func (g *Graph) checkRefs(errs *diag.List) {
	for _, e := range g.Exercises {
		g.refs(errs, e.Key(), e.AvoidIf, "avoid-if", handbook.Conditions)
		g.refs(errs, e.Key(), e.CautionIf, "caution-if", handbook.Conditions)
		g.refs(errs, e.Key(), e.Progression, "progression", handbook.Exercises)
		g.refs(errs, e.Key(), e.Regression, "regression", handbook.Exercises)
	}
	for _, c := range g.Conditions {
		g.refs(errs, c.Key(), c.Helpful, "helpful", handbook.Exercises)
		for _, r := range c.Flags {
			if g.Flag[r.ID] == nil {
				errs.AddHint(r.Pos, g.suggest(r.ID, flagIDs(g.Flags)), "unknown red flag %q in flags", r.ID)
			}
		}
	}
	for _, q := range g.Questions {
		g.refs(errs, q.Key(), q.Related, "related", "")
	}
	for _, gd := range g.Guides {
		g.refs(errs, gd.Key(), gd.Related, "related", "")
	}
	for _, p := range g.Programs {
		for _, it := range p.Items {
			if it.Exercise.ID != "" {
				g.refs(errs, p.Key(), []handbook.Ref{it.Exercise}, "exercises", handbook.Exercises)
			}
		}
	}
}

// refs checks references from the page from. section is the section the
// ids belong to, or "" for "section/id" references.
func (g *Graph) refs(errs *diag.List, from string, refs []handbook.Ref, key, section string) {
	seen := map[string]bool{}
	for _, r := range refs {
		target := r.ID
		if section != "" {
			target = section + "/" + r.ID
		}
		switch {
		case seen[r.ID]:
			errs.AddHint(r.Pos, "remove the repeat", "%q is listed twice in %s", r.ID, key)
			continue
		case target == from:
			errs.AddHint(r.Pos, "a page cannot refer to itself", "%s lists the page itself", key)
			continue
		case g.Pages[target] == nil:
			errs.AddHint(r.Pos, g.refHint(r.ID, section), "%s: no such %s %q", key, kind(section), r.ID)
			continue
		}
		seen[r.ID] = true
		g.addLink(from, target)
	}
}

func kind(section string) string {
	switch section {
	case handbook.Exercises:
		return "exercise"
	case handbook.Conditions:
		return "condition"
	}
	return "page"
}

func (g *Graph) refHint(id, section string) string {
	var keys []string
	for k := range g.Pages {
		if section == "" {
			keys = append(keys, k)
		} else if s, rest, ok := strings.Cut(k, "/"); ok && s == section {
			keys = append(keys, rest)
		}
	}
	sort.Strings(keys)
	if section != "" && strings.Contains(id, "/") {
		return "write the id alone, without the section"
	}
	if section == "" && !strings.Contains(id, "/") {
		if s := diag.Suggest(id, keys); s != "" {
			return fmt.Sprintf("did you mean %q?", s)
		}
		return "write section/id, such as exercises/plank"
	}
	return g.suggest(id, keys)
}

func (g *Graph) suggest(id string, candidates []string) string {
	if s := diag.Suggest(id, candidates); s != "" {
		return fmt.Sprintf("did you mean %q?", s)
	}
	return "check the spelling against the file names"
}

func flagIDs(flags []*handbook.Flag) []string {
	var ids []string
	for _, f := range flags {
		ids = append(ids, f.ID)
	}
	return ids
}

// addLink records that page from links to page to, by its front matter.
func (g *Graph) addLink(from, to string) {
	if from == to {
		return
	}
	if g.links[to] == nil {
		g.links[to] = map[string]bool{}
	}
	g.links[to][from] = true
}

// LinkedFrom returns the keys of the pages whose front matter refers to
// key, sorted.
func (g *Graph) LinkedFrom(key string) []string {
	var out []string
	for k := range g.links[key] {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Backlinks are, for each page, the pages that link to it, sorted.
type Backlinks map[string][]string

// Backlinks joins the links of the front matter with those found in the
// pages' text (from -> targets, as converting the markdown finds them),
// and returns, for each page, the pages that link to it. The graph is not
// changed: the same graph and text give the same value.
func (g *Graph) Backlinks(text map[string][]string) Backlinks {
	return g.withText(textBacklinks(text))
}

// BacklinksWith is Backlinks, with the links of the pages' text as t
// holds them. The lists of pages whose front matter links to no page are
// t's own, shared: neither changes them.
//
// While neither the graph nor the text's links changed (serve, a save that
// edits a page's words), it is the joined lists of the last call again.
func (g *Graph) BacklinksWith(t *TextLinks) Backlinks {
	if t.joined.g != g || t.joined.version != t.version {
		t.joined.g, t.joined.version, t.joined.out = g, t.version, g.withText(t.to)
	}
	return t.joined.out
}

// withText joins the front matter's links with to, the backlinks of the
// pages' text (target -> sources, sorted, unique), which it does not change.
func (g *Graph) withText(to map[string][]string) Backlinks {
	out := make(Backlinks, len(to)+len(g.links))
	for dst, srcs := range to {
		out[dst] = srcs
	}
	for dst, set := range g.links {
		srcs := make([]string, 0, len(set)+len(out[dst]))
		for src := range set {
			srcs = append(srcs, src)
		}
		out[dst] = sortedSet(append(srcs, out[dst]...))
	}
	return out
}

// textBacklinks turns text (source -> targets) round: target -> sources,
// sorted, unique, with no page its own. One list per target, sorted at
// the end: a set per target cost a map for every page of a large handbook.
func textBacklinks(text map[string][]string) map[string][]string {
	to := make(map[string][]string, len(text))
	for src, dsts := range text {
		for _, dst := range dsts {
			if src != dst {
				to[dst] = append(to[dst], src)
			}
		}
	}
	for dst, srcs := range to {
		to[dst] = sortedSet(srcs)
	}
	return to
}

// TextLinks is, for each page, the pages whose text links to it. Update
// gives it each build's links; it changes only the lists of the pages
// whose links changed, so that serve, where one page changed, does not
// make every list again. The zero value is empty and ready.
type TextLinks struct {
	from map[string][]string // source -> targets, as last given
	to   map[string][]string // target -> sources, sorted, unique
	// version counts the updates that changed a list; joined is the last
	// BacklinksWith, of the graph g, at version
	version uint64
	joined  struct {
		g       *Graph
		version uint64
		out     Backlinks
	}
}

// Update makes t the backlinks of text (source -> targets). A list t gave
// out before is never changed: a changed list is a new one.
func (t *TextLinks) Update(text map[string][]string) {
	if len(t.from) == 0 { // the first build: every list is new
		t.from, t.to = maps.Clone(text), textBacklinks(text)
		t.version++
		return
	}
	// each list changed is copied once, the first time, then changed in
	// place, and sorted at the end
	touched := map[string]bool{}
	touch := func(dst string) []string {
		if !touched[dst] {
			touched[dst] = true
			t.to[dst] = slices.Clone(t.to[dst])
		}
		return t.to[dst]
	}
	drop := func(src string, dsts []string) {
		for _, dst := range dsts {
			if src != dst {
				t.to[dst] = slices.DeleteFunc(touch(dst), func(s string) bool { return s == src })
			}
		}
	}
	for src, dsts := range t.from {
		if _, ok := text[src]; !ok {
			drop(src, dsts)
			delete(t.from, src)
		}
	}
	for src, dsts := range text {
		old, ok := t.from[src]
		if ok && slices.Equal(old, dsts) {
			continue
		}
		drop(src, old)
		for _, dst := range dsts {
			if src != dst {
				t.to[dst] = append(touch(dst), src)
			}
		}
		t.from[src] = dsts
	}
	if len(touched) > 0 {
		t.version++
	}
	for dst := range touched {
		if srcs := sortedSet(t.to[dst]); len(srcs) > 0 {
			t.to[dst] = srcs
		} else {
			delete(t.to, dst)
		}
	}
}

// sortedSet sorts list and drops repeats, in place.
func sortedSet(list []string) []string {
	slices.Sort(list)
	return slices.Clip(slices.Compact(list))
}

// Order is the key of every page in reading order: exercises, conditions,
// questions, guides, programmes, stand-alone pages, then any other (pages
// whose front matter did not decode), sorted. The stages that go over every
// page go in this order, so that what one makes reaches the next in order.
// It is made once: the caller must not change it.
func (g *Graph) Order() []string {
	g.orderOnce.Do(func() { g.order = g.makeOrder() })
	return g.order
}

func (g *Graph) makeOrder() []string {
	out := make([]string, 0, len(g.Pages))
	seen := make(map[string]bool, len(g.Pages))
	add := func(p *handbook.Page) {
		if k := p.Key(); g.Pages[k] == p && !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	for _, e := range g.Exercises {
		add(&e.Page)
	}
	for _, c := range g.Conditions {
		add(&c.Page)
	}
	for _, q := range g.Questions {
		add(&q.Page)
	}
	for _, gd := range g.Guides {
		add(&gd.Page)
	}
	for _, p := range g.Programs {
		add(&p.Page)
	}
	for _, p := range g.Handbook.Pages {
		add(p)
	}
	var rest []string
	for k := range g.Pages {
		if !seen[k] {
			rest = append(rest, k)
		}
	}
	sort.Strings(rest)
	return append(out, rest...)
}
