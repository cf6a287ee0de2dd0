package schema

import (
	"go.yaml.in/yaml/v3"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/handbook"
)

// Outcome kinds and screening levels of decide.yaml.
var (
	outcomes = []string{"care", "page", "plan"}
	screens  = []string{"emergency", "urgent"}
	// hurts: what an answer may say hurts, a load or a position
	hurts = append(append([]string{}, handbook.Loads...), handbook.Positions...)
)

// decodeTree reads decide.yaml:
//
//	start: first-question
//	nodes:
//	  first-question:
//	    title: Short name
//	    question: The question?
//	    screen: emergency        # optional: a red-flag screening question
//	    answers:
//	      - label: An answer
//	        next: another-node
//	        flags: [red-flag-id]            # optional
//	        conditions: [condition-id]      # optional
//	        hurts: [flexion, sitting]       # optional: loads or positions that hurt
//	        max-level: 2                    # optional
//	  an-outcome:
//	    title: Short name
//	    outcome: care | page | plan
//	    urgency: emergency | urgent | soon  # care
//	    flags: [red-flag-id]                # care
//	    page: guides/pain-or-soreness       # page
//	    max-level: 3                        # plan
//	    exercises: [walking]                # plan: shown first, if safe on every path
//	    text: What the outcome says.
func decodeTree(f *content.Data, errs *diag.List, extra ...field) *handbook.Tree {
	d := &decoder{file: f.Path, errs: errs}
	root := d.parse(f.Text)
	if root == nil {
		return nil
	}
	t := &handbook.Tree{Source: f.Path, Pos: diag.Pos{File: f.Path, Line: 1, Col: 1}}
	d.mapping(root, "decide.yaml", append(extra,
		field{key: "start", required: true, decode: func(n *yaml.Node) {
			if v := d.text(n, "start"); v != "" {
				t.Start = handbook.Ref{ID: v, Pos: d.pos(n)}
			}
		}},
		field{key: "summary", decode: func(n *yaml.Node) { t.Summary = d.text(n, "summary") }},
		field{key: "nodes", required: true, decode: func(n *yaml.Node) {
			if n.Kind != yaml.MappingNode {
				d.errs.AddHint(d.pos(n), "write one entry per node: its id, then its keys", "nodes must be a mapping of node ids")
				return
			}
			seen := map[string]bool{}
			for i := 0; i+1 < len(n.Content); i += 2 {
				k, v := n.Content[i], n.Content[i+1]
				if seen[k.Value] {
					d.errs.Add(d.pos(k), "duplicate node id %q", k.Value)
					continue
				}
				seen[k.Value] = true
				t.Nodes = append(t.Nodes, d.treeNode(k, v))
			}
		}},
	))
	return t
}

func (d *decoder) treeNode(k, v *yaml.Node) *handbook.Node {
	node := &handbook.Node{ID: k.Value, Pos: d.pos(k)}
	if !validID.MatchString(k.Value) {
		d.errs.AddHint(d.pos(k), "use lower-case letters, digits and hyphens", "node id %q is not valid", k.Value)
	}
	d.mapping(v, "node "+k.Value, []field{
		{key: "title", required: true, decode: func(n *yaml.Node) { node.Title = d.text(n, "title") }},
		{key: "question", decode: func(n *yaml.Node) { node.Question = d.text(n, "question") }},
		{key: "help", decode: func(n *yaml.Node) { node.Help = d.text(n, "help") }},
		{key: "screen", decode: func(n *yaml.Node) { node.Screen = d.enum(n, "screen", screens) }},
		{key: "answers", decode: func(n *yaml.Node) {
			d.list(n, "answers", func(c *yaml.Node) { node.Answers = append(node.Answers, d.answer(c)) })
		}},
		{key: "outcome", decode: func(n *yaml.Node) { node.Outcome = d.enum(n, "outcome", outcomes) }},
		{key: "urgency", decode: func(n *yaml.Node) { node.Urgency = d.enum(n, "urgency", handbook.Urgencies) }},
		{key: "flags", decode: func(n *yaml.Node) { node.Flags = d.refs(n, "flags") }},
		{key: "page", decode: func(n *yaml.Node) {
			if s := d.text(n, "page"); s != "" {
				node.Page = handbook.Ref{ID: s, Pos: d.pos(n)}
			}
		}},
		{key: "max-level", decode: func(n *yaml.Node) { node.MaxLevel = d.integer(n, "max-level", 1, 5) }},
		{key: "exercises", decode: func(n *yaml.Node) { node.Exercises = d.refs(n, "exercises") }},
		{key: "text", decode: func(n *yaml.Node) { node.Text = d.text(n, "text") }},
	})
	return node
}

func (d *decoder) answer(n *yaml.Node) *handbook.Answer {
	a := &handbook.Answer{Pos: d.pos(n)}
	hasLabel := false
	d.mapping(n, "answer", []field{
		{key: "label", decode: func(n *yaml.Node) { a.Label = d.text(n, "label"); a.Pos = d.pos(n); hasLabel = true }},
		{key: "next", required: true, decode: func(n *yaml.Node) {
			if s := d.text(n, "next"); s != "" {
				a.Next = handbook.Ref{ID: s, Pos: d.pos(n)}
			}
		}},
		{key: "flags", decode: func(n *yaml.Node) { a.Flags = d.refs(n, "flags") }},
		{key: "conditions", decode: func(n *yaml.Node) { a.Conditions = d.refs(n, "conditions") }},
		{key: "hurts", decode: func(n *yaml.Node) { a.Hurts = d.enums(n, "hurts", hurts) }},
		{key: "max-level", decode: func(n *yaml.Node) { a.MaxLevel = d.integer(n, "max-level", 1, 5) }},
	})
	// an answer that reports one red flag may leave out its label: it is
	// the flag's title, so flags.yaml is the one source of the words
	if !hasLabel && len(a.Flags) != 1 && n.Kind == yaml.MappingNode {
		d.errs.AddHint(d.pos(n), "add a line label: ...; an answer with one flag may leave it out, and shows the flag's title",
			"missing required key %q in answer", "label")
	}
	return a
}
