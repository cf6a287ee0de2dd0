package decision

import (
	"fmt"
	"html"
	"sort"
	"strings"

	"handbook/generator/graph"
	"handbook/generator/handbook"
)

// Flowchart sizes, in SVG units. The chart is at most three boxes wide, so
// that at the width of an A4 or Letter page its text prints at about 9 pt.
const (
	boxW     = 230
	gapX     = 25
	gapY     = 46
	perRow   = 3
	pad      = 8
	fontSize = 12
	lineH    = 15
	charsMax = 31 // characters on a line of a box
)

type box struct {
	node  *handbook.Node
	layer int
	x, y  float64
	h     float64
	lines []chartLine
}

type chartLine struct {
	text  string
	class string
}

// pageH is the most height, in SVG units, of one part of the chart: at the
// chart's width, what fits on an A4 or Letter page with margins.
const pageH = 900

// Words are the words of the flowchart in the site's language: T returns
// the string of key with args filled in (render's Strings, read from
// layouts/strings: flowchart.part, flowchart.desc, flowchart.kind.*).
type Words interface {
	T(key string, args ...any) string
}

// Flowchart draws the authored tree as SVG: one box per question or
// outcome, in layers from the start down, each question listing its answers
// and where they lead, with arrows to the boxes they lead to. It is cut
// into parts of at most a page each, between rows of boxes, so that no box
// is split when printed. Its own words are w's; the tree's are its nodes'.
func Flowchart(t *Tree, g *graph.Graph, w Words) []string {
	nodes := map[string]*handbook.Node{}
	for _, n := range t.Source.Nodes {
		nodes[n.ID] = n
	}
	boxes := layout(t.Source, nodes, g, w)
	var parts [][]*box
	top := 0.0
	for _, bx := range boxes {
		if len(parts) == 0 || bx.y+bx.h-top > pageH && bx.y > top {
			parts = append(parts, nil)
			top = bx.y
		}
		parts[len(parts)-1] = append(parts[len(parts)-1], bx)
	}
	out := make([]string, len(parts))
	for i, p := range parts {
		out[i] = drawPart(p, i+1, len(parts), len(boxes), w)
	}
	return out
}

// drawPart draws the boxes of one part and the arrows between them.
func drawPart(boxes []*box, n, of, total int, w Words) string {
	var b strings.Builder
	width := perRow*boxW + (perRow-1)*gapX
	top, bottom := boxes[0].y, 0.0
	for _, bx := range boxes {
		bottom = max(bottom, bx.y+bx.h)
	}
	fmt.Fprintf(&b, `<svg class="flowchart" xmlns="http://www.w3.org/2000/svg" viewBox="0 %.0f %d %.0f" role="img" aria-labelledby="fc-title-%d fc-desc-%d">`,
		top-1, width, bottom-top+2, n, n)
	fmt.Fprintf(&b, `<title id="fc-title-%d">%s</title>`, n, html.EscapeString(w.T("flowchart.part", n, of)))
	fmt.Fprintf(&b, `<desc id="fc-desc-%d">%s</desc>`, n, html.EscapeString(w.T("flowchart.desc", len(boxes), total)))
	fmt.Fprintf(&b, `<defs><marker id="fc-arrow-%d" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="7" markerHeight="7" orient="auto-start-reverse"><path d="M0 0L10 5L0 10z" class="fc-head"/></marker></defs>`, n)
	byID := map[string]*box{}
	for _, bx := range boxes {
		byID[bx.node.ID] = bx
	}
	for _, bx := range boxes {
		seen := map[string]bool{}
		for _, a := range bx.node.Answers {
			to := byID[a.Next.ID]
			if to == nil || seen[a.Next.ID] {
				continue // on another part: the answer names it
			}
			seen[a.Next.ID] = true
			x1, y1 := bx.x+boxW/2, bx.y+bx.h
			x2, y2 := to.x+boxW/2, to.y
			mid := (y1 + y2) / 2
			fmt.Fprintf(&b, `<path class="fc-edge" d="M%.0f %.0fC%.0f %.0f %.0f %.0f %.0f %.0f" marker-end="url(#fc-arrow-%d)"/>`,
				x1, y1, x1, mid, x2, mid, x2, y2-2, n)
		}
	}
	for _, bx := range boxes {
		class := "fc-box fc-question"
		if bx.node.Outcome != "" {
			class = strings.TrimSpace("fc-box fc-" + bx.node.Outcome + " fc-" + bx.node.Urgency)
		}
		fmt.Fprintf(&b, `<g class="%s"><rect x="%.0f" y="%.0f" width="%d" height="%.0f" rx="6"/>`, class, bx.x, bx.y, boxW, bx.h)
		for i, l := range bx.lines {
			fmt.Fprintf(&b, `<text x="%.0f" y="%.0f" class="%s">%s</text>`, bx.x+pad, bx.y+pad+float64(i+1)*lineH-3, l.class, html.EscapeString(l.text))
		}
		b.WriteString(`</g>`)
	}
	b.WriteString(`</svg>`)
	return b.String()
}

// layout places the boxes: layer by the longest path from the start, rows
// of at most perRow boxes, each box as tall as its text.
func layout(t *handbook.Tree, nodes map[string]*handbook.Node, g *graph.Graph, w Words) []*box {
	depth := map[string]int{}
	var order []string
	var visit func(id string, d int)
	visit = func(id string, d int) {
		n := nodes[id]
		if n == nil {
			return
		}
		if old, ok := depth[id]; ok && old >= d {
			return
		}
		if _, ok := depth[id]; !ok {
			order = append(order, id)
		}
		depth[id] = d
		for _, a := range n.Answers {
			visit(a.Next.ID, d+1)
		}
	}
	visit(t.Start.ID, 0)
	layers := map[int][]*box{}
	maxLayer := 0
	for _, id := range order {
		bx := &box{node: nodes[id], layer: depth[id]}
		bx.lines = boxLines(bx.node, nodes, g, w)
		bx.h = float64(len(bx.lines))*lineH + 2*pad
		layers[bx.layer] = append(layers[bx.layer], bx)
		maxLayer = max(maxLayer, bx.layer)
	}
	var out []*box
	y := 0.0
	for l := 0; l <= maxLayer; l++ {
		row := layers[l]
		sort.SliceStable(row, func(i, j int) bool { return row[i].node.Outcome == "" && row[j].node.Outcome != "" })
		for start := 0; start < len(row); start += perRow {
			part := row[start:min(len(row), start+perRow)]
			offset := float64(perRow-len(part)) * (boxW + gapX) / 2
			rowH := 0.0
			for i, bx := range part {
				bx.x = offset + float64(i)*(boxW+gapX)
				bx.y = y
				rowH = max(rowH, bx.h)
				out = append(out, bx)
			}
			y += rowH + gapY
		}
	}
	return out
}

// boxLines is the text of a box, wrapped.
func boxLines(n *handbook.Node, nodes map[string]*handbook.Node, g *graph.Graph, w Words) []chartLine {
	var lines []chartLine
	add := func(text, class string) {
		for _, l := range wrap(text, charsMax) {
			lines = append(lines, chartLine{l, class})
		}
	}
	add(n.Title, "fc-title")
	if n.Outcome == "" {
		add(n.Question, "fc-text")
		for _, a := range n.Answers {
			to := a.Next.ID
			if nn := nodes[to]; nn != nil {
				to = nn.Title
			}
			add("• "+a.Label+" → "+to, "fc-answer")
		}
		return lines
	}
	switch n.Outcome {
	case "care":
		if n.Urgency != "" {
			add(w.T("flowchart.kind."+n.Urgency), "fc-kind") // emergency, urgent, soon
		}
	case "page":
		title := n.Page.ID
		if p := g.Pages[n.Page.ID]; p != nil {
			title = p.Title
		}
		add(w.T("flowchart.kind.page", title), "fc-kind")
	case "plan":
		if n.MaxLevel > 0 {
			add(w.T("flowchart.kind.plan-level", n.MaxLevel), "fc-kind")
		} else {
			add(w.T("flowchart.kind.plan"), "fc-kind")
		}
	}
	add(n.Text, "fc-text")
	return lines
}

// wrap breaks text into lines of at most n characters, at spaces.
func wrap(text string, n int) []string {
	var lines []string
	line := ""
	for _, w := range strings.Fields(text) {
		switch {
		case line == "":
			line = w
		case len([]rune(line))+1+len([]rune(w)) <= n:
			line += " " + w
		default:
			lines = append(lines, line)
			line = w
		}
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}
