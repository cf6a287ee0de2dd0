package render

import (
	"encoding/json"
	"fmt"
	"html/template"
	"strings"
	"sync"

	"handbook/generator/convert"
	"handbook/generator/decision"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/output"
)

// stepView is what a step page of the decision tree shows.
type stepView struct {
	*decision.Step
	Key      string // page key of the step: decide/ID
	Answers  []item // Title: the answer's label; Key: the next step's page
	Flags    []*handbook.Flag
	Page     item
	Plan     []*planView
	Left     int // the most questions there may still be
	StartKey string
}

type planView struct {
	item
	Dose   []doseRow
	Easier []item
	Care   []item
	Feel   string // key of its "how did it feel?" page
}

// feelView is the derived "how did it feel?" step of one exercise.
type feelView struct {
	Exercise item
	Harder   []item
	Easier   []item
}

func stepKey(id string) string { return "decide/" + id }

func feelKey(id string) string { return "decide/feel/" + id }

// decidePages makes the wizard page, a static page per step, a "how did it
// feel?" page per exercise, and the flowchart.
func (r *builder) decidePages(s *site) []*pageData {
	if r.tree == nil {
		return nil
	}
	start := stepKey(r.tree.Start)
	summary := r.words.T("decide.summary")
	if r.g.Tree != nil && r.g.Tree.Summary != "" {
		summary = r.g.Tree.Summary
	}
	out := []*pageData{{Site: s, Key: "decide", Path: "decide.html", Kind: "decide", Title: r.words.T("decide.title"),
		Summary: summary, Step: &stepView{StartKey: start}}}
	// the views are made only for pages not kept (see keepPage); the
	// questions left, once, for the first
	left := sync.OnceValue(r.questionsLeft)
	for _, id := range r.tree.Order {
		st := r.tree.Steps[id]
		title := st.Node.Title
		if st.Node.Question != "" {
			title = st.Node.Question
		}
		d := &pageData{Site: s, Key: stepKey(id), Path: convert.OutPath(stepKey(id)), Kind: "step", Title: title}
		d.view = func(d *pageData) { d.Step = r.stepView(id, st, left()[id], start) }
		out = append(out, d)
	}
	for _, e := range r.g.Exercises {
		d := &pageData{Site: s, Key: feelKey(e.ID), Path: convert.OutPath(feelKey(e.ID)), Kind: "feel", Title: r.words.T("feel.title", e.Title)}
		d.view = func(d *pageData) {
			d.Feel = &feelView{
				Exercise: r.itemOf(e.Key()),
				Harder:   r.items(handbook.Exercises, r.g.Harder[e.ID]),
				Easier:   r.items(handbook.Exercises, r.g.Easier[e.ID]),
			}
		}
		out = append(out, d)
	}
	chart := &pageData{Site: s, Key: "decide/flowchart", Path: "decide/flowchart.html", Kind: "flowchart",
		Title: r.words.T("flowchart.title"), Summary: r.words.T("flowchart.summary")}
	chart.view = func(d *pageData) {
		for _, svg := range decision.Flowchart(r.tree, r.g, r.words) {
			d.Chart = append(d.Chart, template.HTML(svg)) // built in Go; every text in it is escaped
		}
	}
	return append(out, chart)
}

// stepView is what the page of step st, id, shows; left is the most
// questions still ahead of it, start the first step's key.
func (r *builder) stepView(id string, st *decision.Step, left int, start string) *stepView {
	v := &stepView{Step: st, Key: stepKey(id), Left: left, StartKey: start}
	for _, ch := range st.Answers {
		v.Answers = append(v.Answers, item{Key: stepKey(ch.Next), Title: ch.Label})
	}
	for _, f := range st.ShownFlags() {
		if fl := r.g.Flag[f]; fl != nil {
			v.Flags = append(v.Flags, fl)
		}
	}
	if st.Node.Page.ID != "" {
		v.Page = r.itemOf(st.Node.Page.ID)
	}
	for _, it := range st.Plan {
		v.Plan = append(v.Plan, r.planView(it))
	}
	return v
}

// planView is what a plan shows of one exercise. Many plans show the same
// exercise with the same easier versions and care: each is made once per
// build and shared, and a page's key hashes it once (see sharedViews). No
// layout changes it.
func (r *builder) planView(it decision.PlanItem) *planView {
	var k strings.Builder
	k.WriteString(it.Exercise.Key())
	for _, e := range it.Easier {
		k.WriteString("\x00" + e.Key())
	}
	k.WriteString("\x01" + strings.Join(it.Care, "\x00"))
	if v, ok := r.plans.Load(k.String()); ok {
		return v.(*planView)
	}
	v := &planView{item: r.itemOf(it.Exercise.Key()), Dose: r.dose(it.Exercise.Dose), Feel: feelKey(it.Exercise.ID)}
	for _, e := range it.Easier {
		v.Easier = append(v.Easier, r.itemOf(e.Key()))
	}
	for _, c := range it.Care {
		v.Care = append(v.Care, r.itemOf(handbook.Conditions+"/"+c))
	}
	got, _ := r.plans.LoadOrStore(k.String(), v)
	return got.(*planView)
}

// questionsLeft is, for each step, the most questions still ahead of it.
func (r *builder) questionsLeft() map[string]int {
	memo := map[string]int{}
	var left func(id string) int
	left = func(id string) int {
		if v, ok := memo[id]; ok {
			return v
		}
		st := r.tree.Steps[id]
		m := 0
		for _, ch := range st.Answers {
			m = max(m, 1+left(ch.Next))
		}
		memo[id] = m
		return m
	}
	for id := range r.tree.Steps {
		left(id)
	}
	return memo
}

// treeScript is decide/tree.js: the steps, for the wizard in
// assets/decide.js, with each outcome's content as data (the wizard builds
// it with text nodes), so the wizard shows what the static pages show.
// Links are relative to decide.html.
func (r *builder) treeScript() (output.File, error) {
	type link struct {
		Title string `json:"t"`
		URL   string `json:"u"`
	}
	type planItem struct {
		link
		Summary string     `json:"s"`
		Dose    [][]string `json:"d"`
		Easier  []link     `json:"e,omitempty"`
		Care    []link     `json:"c,omitempty"`
		Feel    string     `json:"f"`
	}
	type step struct {
		Title    string     `json:"t"`
		Question string     `json:"q,omitempty"`
		Help     string     `json:"h,omitempty"`
		Answers  [][]string `json:"a,omitempty"`
		Left     int        `json:"l"`
		Outcome  string     `json:"o,omitempty"`
		Urgency  string     `json:"g,omitempty"`
		Text     string     `json:"x,omitempty"`
		Flags    [][]string `json:"f,omitempty"`
		Page     *link      `json:"p,omitempty"`
		Plan     []planItem `json:"n,omitempty"`
	}
	from := "decide.html"
	url := func(key string) string { return convert.RelURL(from, convert.OutPath(key)) }
	lnk := func(it item) link { return link{it.Title, url(it.Key)} }
	left := r.questionsLeft()
	steps := map[string]step{}
	for id, st := range r.tree.Steps {
		n := st.Node
		s := step{Title: n.Title, Question: n.Question, Help: n.Help, Left: left[id],
			Outcome: n.Outcome, Urgency: n.Urgency, Text: n.Text}
		for _, ch := range st.Answers {
			s.Answers = append(s.Answers, []string{ch.Label, ch.Next})
		}
		for _, f := range st.ShownFlags() {
			if fl := r.g.Flag[f]; fl != nil {
				s.Flags = append(s.Flags, []string{fl.Title, fl.Action})
			}
		}
		if n.Page.ID != "" {
			p := lnk(r.itemOf(n.Page.ID))
			s.Page = &p
		}
		for _, it := range st.Plan {
			v := r.planView(it)
			pi := planItem{link: lnk(v.item), Summary: v.Summary, Feel: url(v.Feel)}
			for _, d := range v.Dose {
				pi.Dose = append(pi.Dose, []string{d.Label, d.Value})
			}
			for _, e := range v.Easier {
				pi.Easier = append(pi.Easier, lnk(e))
			}
			for _, c := range v.Care {
				pi.Care = append(pi.Care, lnk(c))
			}
			s.Plan = append(s.Plan, pi)
		}
		steps[id] = s
	}
	b, err := json.Marshal(map[string]any{"start": r.tree.Start, "steps": steps, "flags": url(graph.FlagsKey)})
	if err != nil {
		return output.File{}, err
	}
	return output.File{Path: "decide/tree.js", Data: []byte(fmt.Sprintf("HandbookDecide.load(%s);\n", b)), Minimal: true}, nil
}
