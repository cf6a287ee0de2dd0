// Package draw draws an exercise's figure (package figure) as SVG: line
// figures of a person, seen from the side or the front, one per frame, with
// the floor, props and an arrow for the movement, and a description of the
// poses in words for readers who cannot see it (Describe). Package render
// calls SVG and SVGStacked.
package draw

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"strconv"

	"handbook/generator/figure"
)

// Layers, drawn in this order.
const (
	layerFloor = iota
	layerPropBack
	layerFar
	layerTorso
	layerNear
	layerPropFront
	layerArrow
	layerText
)

// The figure's colours: the body takes the text colour, so it follows dark
// mode inline; props and the floor are a mid grey that reads on light and
// dark backgrounds and prints as grey.
const propColour = "#808080"

// prim is one thing drawn, in world units with y up.
type prim struct {
	layer  int
	width  float64 // stroke width; 0 for filled shapes
	grey   bool
	kind   byte // 'l' line, 'q' quadratic, 'c' circle, 'p' polygon, 'o' ring, 't' text
	pts    []figure.Vec
	r      float64
	text   string
	dashed bool
}

type box struct{ minX, minY, maxX, maxY float64 }

func emptyBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *box) add(p figure.Vec, pad float64) {
	b.minX, b.maxX = math.Min(b.minX, p.X-pad), math.Max(b.maxX, p.X+pad)
	b.minY, b.maxY = math.Min(b.minY, p.Y-pad), math.Max(b.maxY, p.Y+pad)
}

func (p prim) bounds(b *box) {
	pad := p.width / 2
	if p.kind == 'c' || p.kind == 'o' {
		pad += p.r
	}
	if p.kind == 't' {
		b.add(p.pts[0].Add(figure.Vec{X: 0, Y: -3}), 18)
		return
	}
	for _, q := range p.pts {
		b.add(q, pad)
	}
}

// drawing is one frame's prims, in the frame's own coordinates.
type drawing struct {
	prims []prim
	box   box // of the body and props, not the floor, arrows or labels
}

func (d *drawing) line(layer int, w float64, grey bool, pts ...figure.Vec) {
	d.prims = append(d.prims, prim{layer: layer, width: w, grey: grey, kind: 'l', pts: pts})
}

func (d *drawing) circle(layer int, c figure.Vec, r float64, grey bool) {
	d.prims = append(d.prims, prim{layer: layer, kind: 'c', pts: []figure.Vec{c}, r: r, grey: grey})
}

func (d *drawing) ring(layer int, c figure.Vec, r, w float64) {
	d.prims = append(d.prims, prim{layer: layer, kind: 'o', pts: []figure.Vec{c}, r: r, width: w, grey: true})
}

func (d *drawing) poly(layer int, grey bool, pts ...figure.Vec) {
	d.prims = append(d.prims, prim{layer: layer, kind: 'p', pts: pts, grey: grey})
}

// draw makes the prims of a posed frame.
func draw(ps *figure.Posed, fix *anchors) *drawing {
	d := &drawing{}
	for s := figure.Right; s >= figure.Left; s-- {
		// the far limbs behind the body, the near ones in front of it; from
		// the front, both sides alike
		layer := layerNear
		if s == figure.Right && !ps.Front {
			layer = layerFar
		}
		l := ps.Side[s]
		d.line(layer, figure.ThighW, false, ps.Hip[s], l.Knee)
		d.line(layer, figure.ShinW, false, l.Knee, l.Ankle)
		d.line(layer, figure.FootW, false, l.Heel, l.Toe)
		d.line(layer, figure.UpperArmW, false, ps.Arm[s], l.Elbow)
		d.line(layer, figure.ForearmW, false, l.Elbow, l.Hand)
	}
	d.prims = append(d.prims, prim{layer: layerTorso, width: figure.TorsoW, kind: 'q', pts: []figure.Vec{ps.Pelvis, ps.Control, ps.Shoulder}})
	// the breadth of the shoulders and hips: seen from the front, or from
	// the side when the upper body turns
	if ps.Arm[figure.Left].Sub(ps.Arm[figure.Right]).Len() > 1 {
		d.line(layerTorso, 14, false, ps.Arm[figure.Left], ps.Arm[figure.Right])
	}
	if ps.Hip[figure.Left].Sub(ps.Hip[figure.Right]).Len() > 1 {
		d.line(layerTorso, 16, false, ps.Hip[figure.Left], ps.Hip[figure.Right])
	}
	d.line(layerTorso, figure.NeckW, false, ps.Shoulder, ps.Neck)
	d.circle(layerTorso, ps.Head, figure.HeadR, false)
	d.box = emptyBox()
	for _, p := range d.prims {
		p.bounds(&d.box)
	}
	drawProps(d, ps, fix)
	for _, p := range d.prims {
		if p.layer == layerPropBack || p.layer == layerPropFront {
			p.bounds(&d.box)
		}
	}
	return d
}

// drawProps adds the props of a posed frame.
func drawProps(d *drawing, ps *figure.Posed, fix *anchors) {
	hands := []figure.Vec{ps.Side[figure.Right].Hand, ps.Side[figure.Left].Hand}
	feet := func(s int) figure.Vec { return ps.Side[s].Heel.Lerp(ps.Side[s].Toe, 0.5) }
	for _, p := range ps.Props {
		at := p.Place()
		switch p.Name {
		case "mat":
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, q := range ps.Points() {
				if ps.Base.Rest || ps.Bottom(q) < 25 {
					lo, hi = math.Min(lo, q.At.X), math.Max(hi, q.At.X)
				}
			}
			if lo <= hi {
				d.line(layerFloor, 3, true, figure.Vec{X: lo - 12, Y: -1.5}, figure.Vec{X: hi + 12, Y: -1.5})
			}
		case "water":
			top := ps.Pelvis.Y + 14
			var pts []figure.Vec
			for x := d.box.minX - 10; x <= d.box.maxX+10; x += 6 {
				y := top
				if int(math.Round((x-d.box.minX)/6))%2 == 1 {
					y += 3
				}
				pts = append(pts, figure.Vec{X: x, Y: y})
			}
			d.line(layerPropBack, 1.5, true, pts...)
		case "wall":
			x := wallX(ps, at)
			d.line(layerPropBack, 4, true, figure.Vec{X: x, Y: 0}, figure.Vec{X: x, Y: 170})
		case "chair", "bench":
			if at == "hands" {
				h := math.Min(hands[0].Y, hands[1].Y) - figure.ForearmW/2
				x := (hands[0].X + hands[1].X) / 2
				if p.Name == "bench" || !ps.Base.Rest && h < 60 {
					box4(d, x-18, x+18, h)
				} else {
					chair(d, x, h, ps.Shoulder.X < x)
				}
				continue
			}
			seat := math.Min(ps.Pelvis.Y-figure.TorsoW/2, 45)
			x := ps.Pelvis.X
			if ps.Pelvis.Y-figure.TorsoW/2 > 50 { // standing up from it: the chair is behind
				x -= 22
				if ps.Side[figure.Left].Toe.X < ps.Pelvis.X {
					x += 44
				}
			}
			if p.Name == "bench" {
				box4(d, x-30, x+30, seat)
			} else {
				chair(d, x, seat, ps.Side[figure.Left].Toe.X > ps.Side[figure.Left].Heel.X) // it faces the way the feet point
			}
		case "step":
			if at == "hands" {
				box4(d, (hands[0].X+hands[1].X)/2-16, (hands[0].X+hands[1].X)/2+16, figure.PropHeight("step"))
				continue
			}
			for part, h := range ps.Lifted {
				for s := figure.Left; s <= figure.Right; s++ {
					if part == figure.SideNames[s]+"-foot" || part == "feet" {
						x := feet(s).X
						box4(d, x-14, x+14, h)
					}
				}
			}
		case "foam-roller":
			var x float64
			n := 0.0
			for _, q := range ps.Points() {
				if q.Is(at) && ps.Bottom(q) < 3 {
					x, n = x+q.At.X, n+1
				}
			}
			if n > 0 {
				r := figure.PropHeight("foam-roller") / 2
				d.ring(layerPropBack, figure.Vec{X: x / n, Y: r}, r-1, 2)
			}
		case "band":
			drawBand(d, ps, at, hands, fix)
		case "dumbbell":
			for s, h := range []figure.Vec{ps.Side[figure.Right].Hand, ps.Side[figure.Left].Hand} {
				if at == "hands" || at == figure.SideNames[1-s]+"-hand" {
					d.ring(layerPropFront, h, 5.5, 3)
				}
			}
		case "kettlebell":
			for _, h := range hands {
				c := h.Add(figure.Vec{X: 0, Y: -10})
				d.circle(layerPropFront, c, 6.5, true)
				d.line(layerPropFront, 2, true, h.Add(figure.Vec{X: -4, Y: -5}), h.Add(figure.Vec{X: 0, Y: 1}), h.Add(figure.Vec{X: 4, Y: -5}))
			}
		case "bar":
			h := hands[1]
			d.circle(layerPropFront, h, 3.5, true)
			if ps.Base.Rest {
				d.line(layerPropBack, 3, true, figure.Vec{X: h.X, Y: h.Y}, figure.Vec{X: h.X, Y: 0})
			}
		case "cable":
			h := hands[1]
			d.line(layerPropBack, 1.5, true, h, fix.pulley)
			d.circle(layerPropBack, fix.pulley, 4, true)
			if fix.pulley.Y < ps.Shoulder.Y+10 { // a low pulley ahead stands on a post
				d.line(layerPropBack, 4, true, figure.Vec{X: fix.pulley.X, Y: 0}, fix.pulley)
			}
		case "bike":
			drawBike(d, ps, fix)
		}
	}
}

// wallX is where a wall stands: at the hands, behind the back or at the feet.
func wallX(ps *figure.Posed, at string) float64 {
	front := math.Max(ps.Side[figure.Left].Hand.X, ps.Side[figure.Right].Hand.X)
	if at == "" {
		at = "back"
		if front > ps.Shoulder.X+15 {
			at = "hands"
		}
	}
	switch at {
	case "hands":
		return front + figure.ForearmW/2 + 2
	case "feet":
		return math.Max(ps.Side[figure.Left].Toe.X, ps.Side[figure.Right].Toe.X) + figure.FootW/2 + 2
	}
	back := math.Inf(1)
	for _, t := range []float64{0, 0.5, 1} {
		back = math.Min(back, ps.TorsoAt(t).X)
	}
	return back - figure.TorsoW/2 - 2
}

// box4 is a block from x0 to x1, h high: a step or a bench.
func box4(d *drawing, x0, x1, h float64) {
	d.line(layerPropBack, 3, true, figure.Vec{X: x0, Y: 0}, figure.Vec{X: x0, Y: h}, figure.Vec{X: x1, Y: h}, figure.Vec{X: x1, Y: 0})
}

// chair draws a chair whose seat is at height h, centred on x, its back
// on the side away from where the sitter faces.
func chair(d *drawing, x, h float64, facesRight bool) {
	back := x - 16
	if !facesRight {
		back = x + 16
	}
	front := 2*x - back
	d.line(layerPropBack, 3, true, figure.Vec{X: back, Y: h + 42}, figure.Vec{X: back, Y: 0})
	d.line(layerPropBack, 3, true, figure.Vec{X: back, Y: h}, figure.Vec{X: front, Y: h}, figure.Vec{X: front, Y: 0})
}

func drawBand(d *drawing, ps *figure.Posed, at string, hands []figure.Vec, fix *anchors) {
	switch at {
	case "feet":
		f := ps.Side[figure.Left]
		sole := f.Heel.Lerp(f.Toe, 0.6)
		d.line(layerPropFront, 2, true, hands[1], sole)
		d.line(layerPropFront, 2, true, hands[0], sole)
	case "knees":
		// just above the knees, round both thighs
		a, b := ps.Hip[0].Lerp(ps.Side[0].Knee, 0.85), ps.Hip[1].Lerp(ps.Side[1].Knee, 0.85)
		d.ring(layerPropFront, a, figure.ThighW/2+1.5, 2)
		d.ring(layerPropFront, b, figure.ThighW/2+1.5, 2)
		d.line(layerPropFront, 2, true, a, b)
	default:
		d.line(layerPropFront, 2, true, hands[0], fix.band)
		d.line(layerPropFront, 2, true, hands[1], fix.band)
		d.line(layerPropBack, 4, true, figure.Vec{X: fix.band.X, Y: 0}, figure.Vec{X: fix.band.X, Y: math.Max(fix.band.Y+15, 60)})
	}
}

// anchors are the places fixed props hold in every frame, set by the first:
// where a band is tied, a cable's pulley, a bike's pedals.
type anchors struct {
	band, pulley figure.Vec
	crank        figure.Vec // from the pelvis
	crankR       float64
}

func anchorsOf(ps *figure.Posed) *anchors {
	a := &anchors{}
	x := ps.Pelvis.X + 80
	for _, l := range ps.Side {
		x = math.Max(x, math.Max(l.Hand.X, l.Toe.X)+20)
	}
	h := ps.Side[figure.Right].Hand
	a.band = figure.Vec{X: x, Y: h.Y}
	a.pulley = figure.Vec{X: h.X + 45, Y: h.Y}
	if h.Y > ps.Shoulder.Y {
		a.pulley = figure.Vec{X: h.X, Y: h.Y + 25}
	}
	f0, f1 := ps.Side[figure.Left].Heel.Lerp(ps.Side[figure.Left].Toe, 0.5), ps.Side[figure.Right].Heel.Lerp(ps.Side[figure.Right].Toe, 0.5)
	a.crank = f0.Lerp(f1, 0.5).Sub(ps.Pelvis)
	a.crankR = math.Max(f0.Sub(f1).Len()/2, 8)
	return a
}

// drawBike draws a saddle under the pelvis, the pedals' circle through the
// feet, and a frame joining them to the floor.
func drawBike(d *drawing, ps *figure.Posed, fix *anchors) {
	saddle := figure.Vec{X: ps.Pelvis.X, Y: ps.Pelvis.Y - figure.TorsoW/2 - 2}
	c := ps.Pelvis.Add(fix.crank)
	d.line(layerPropBack, 4, true, saddle.Add(figure.Vec{X: -9, Y: 0}), saddle.Add(figure.Vec{X: 9, Y: 0}))
	d.line(layerPropBack, 3, true, saddle, c)
	d.ring(layerPropBack, c, fix.crankR, 1.5)
	d.line(layerPropBack, 3, true, c, figure.Vec{X: c.X, Y: 0})
	if math.Abs(saddle.X-c.X) > 25 { // a recumbent: the seat has its own post, and a backrest
		d.line(layerPropBack, 3, true, saddle, figure.Vec{X: saddle.X, Y: 0})
		back := ps.TorsoAt(0.7).Add(figure.Vec{X: -figure.TorsoW/2 - 2, Y: 0})
		if ps.Shoulder.X < ps.Pelvis.X-10 {
			d.line(layerPropBack, 3, true, saddle.Add(figure.Vec{X: -9, Y: 0}), back)
		}
	}
	lo, hi := math.Min(saddle.X, c.X)-20, math.Max(saddle.X, c.X)+20
	d.line(layerPropBack, 3, true, figure.Vec{X: lo, Y: 0}, figure.Vec{X: hi, Y: 0})
	h := ps.Side[figure.Left].Hand
	if h.X > ps.Shoulder.X+10 && h.Y > saddle.Y { // hands forward on the handlebars
		d.line(layerPropBack, 3, true, c, h)
	}
}

// arrowFrom adds a curved arrow showing part moving from a (its place in
// the frame before) to b, bowed away from the body's centre.
func (d *drawing) arrowFrom(a, b, centre figure.Vec, off float64) {
	dv := b.Sub(a)
	n := dv.Len()
	u := dv.Scale(1 / n)
	mid := a.Lerp(b, 0.5)
	if n < 18 { // too short to see: drawn at least 18 long, centred on the move
		a, b, n = mid.Sub(u.Scale(9)), mid.Add(u.Scale(9)), 18
	}
	perp := figure.Vec{X: -u.Y, Y: u.X}
	if mid.Add(perp).Sub(centre).Len() < mid.Sub(centre).Len() {
		perp = perp.Scale(-1)
	}
	c := mid.Add(perp.Scale(off + 0.2*n))
	if c.Y < 6 && mid.Sub(perp.Scale(off+0.2*n)).Y > c.Y { // not under the floor
		perp = perp.Scale(-1)
		c = mid.Add(perp.Scale(off + 0.2*n))
	}
	a2, b2 := a.Add(perp.Scale(off)), b.Add(perp.Scale(off))
	a2, b2 = a2.Lerp(b2, 0.1), b2.Lerp(a2, 0.1)
	d.prims = append(d.prims, prim{layer: layerArrow, width: 2, kind: 'q', pts: []figure.Vec{a2, c, b2}})
	d.head(b2, b2.Sub(c))
}

// head adds an arrowhead at tip pointing along v.
func (d *drawing) head(tip, v figure.Vec) {
	u := v.Scale(1 / v.Len())
	p := figure.Vec{X: -u.Y, Y: u.X}
	back := tip.Sub(u.Scale(8))
	d.poly(layerArrow, false, tip, back.Add(p.Scale(4.5)), back.Sub(p.Scale(4.5)))
}

// svgWriter writes prims as SVG with y flipped and a frame offset.
type svgWriter struct {
	buf bytes.Buffer
}

func num(f float64) string {
	f = math.Round(f*2) / 2
	if f == 0 {
		return "0"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

func (w *svgWriter) pt(p figure.Vec, ox float64) string { return num(p.X+ox) + " " + num(-p.Y) }

// SVG draws f with title (the exercise's name, for its accessible name) and
// id (unique on the page, for the title and description's ids), its
// description and frame labels in the language of say (nil for English).
// The figure must have passed Check; a frame that cannot be posed is drawn
// as best it can be.
func SVG(f *figure.Figure, title, id string, say Words) []byte {
	return svg(f, title, id, say.or(), false)
}

// SVGStacked is SVG with the frames one above the other, for a figure too
// wide to print large beside or above text (lying poses, side by side).
func SVGStacked(f *figure.Figure, title, id string, say Words) []byte {
	return svg(f, title, id, say.or(), true)
}

func svg(f *figure.Figure, title, id string, say Words, stacked bool) []byte {
	frames := make([]*drawing, len(f.Frames))
	poses := make([]*figure.Posed, len(f.Frames))
	var fix *anchors
	known := make([]*figure.Posed, len(f.Frames)) // for the description: nil for an unknown base
	for i := range f.Frames {
		fr := &f.Frames[i]
		if poses[i] = figure.Pose(fr, f.Props); poses[i] != nil {
			known[i] = poses[i]
		} else {
			poses[i] = figure.Pose(&figure.Frame{Base: "standing"}, f.Props)
		}
		if i == 0 {
			fix = anchorsOf(poses[0])
		}
		frames[i] = draw(poses[i], fix)
		if i > 0 {
			if a, b, ok := movement(poses[i-1], poses[i], f.Frames[i].Arrow); ok && poses[i-1].Front == poses[i].Front {
				off := 14.0
				if part := f.Frames[i].Arrow; part == "hips" || part == "chest" || part == "back" || part == "upper-back" {
					off = 22
				}
				frames[i].arrowFrom(a, b, poses[i].Centre(), off)
			}
		}
	}
	// Frames stand side by side on one floor line, gap apart.
	const gap, margin = 34.0, 6.0
	top, bottom := 0.0, 0.0
	for _, d := range frames {
		for _, p := range d.prims {
			p.bounds(&d.box)
		}
		top, bottom = math.Max(top, d.box.maxY), math.Min(bottom, d.box.minY)
	}
	labels := len(frames) > 1
	if labels {
		bottom = math.Min(bottom, -18)
	}
	var w svgWriter
	x := margin
	offsets := make([]float64, len(frames))
	for i, d := range frames {
		offsets[i] = x - d.box.minX
		x += d.box.maxX - d.box.minX + gap
	}
	width := x - gap + margin
	height := top - bottom + 2*margin
	if stacked {
		return w.stacked(frames, poses, labels, title, id, describeAll(f, known, say), say)
	}
	fmt.Fprintf(&w.buf, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 %s %s %s" width="%s" height="%s" role="img" aria-labelledby="%s-t %s-d" class="figure">`,
		num(-top-margin), num(width), num(height), num(width), num(height), id, id)
	fmt.Fprintf(&w.buf, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, html.EscapeString(title), id, html.EscapeString(describeAll(f, known, say)))
	w.buf.WriteString(`<g fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">`)
	for i, d := range frames {
		d.finish(i, len(frames), poses[i].Floor, labels, say)
		if i > 0 {
			y := top * 0.45
			x0 := offsets[i-1] + frames[i-1].box.maxX + 8
			x1 := offsets[i] + d.box.minX - 8
			d.line(layerArrow, 2, false, figure.Vec{X: x0 - offsets[i], Y: y}, figure.Vec{X: x1 - 6 - offsets[i], Y: y})
			d.head(figure.Vec{X: x1 - offsets[i], Y: y}, figure.Vec{X: 1, Y: 0})
		}
	}
	for layer := layerFloor; layer <= layerText; layer++ {
		if layer == layerFar {
			w.buf.WriteString(`<g opacity=".45">`)
		}
		for i, d := range frames {
			w.layer(d.prims, layer, offsets[i])
		}
		if layer == layerFar {
			w.buf.WriteString(`</g>`)
		}
	}
	w.buf.WriteString(`</g></svg>`)
	return w.buf.Bytes()
}

// finish adds frame i of n its floor line, if it stands on the floor, and
// its label ("Start", "End", or its number) in the language of say.
func (d *drawing) finish(i, n int, floor, labels bool, say Words) {
	if floor {
		d.line(layerFloor, 1.5, true, figure.Vec{X: d.box.minX - 4, Y: 0}, figure.Vec{X: d.box.maxX + 4, Y: 0})
	}
	if labels {
		label := strconv.Itoa(i + 1)
		if n == 2 {
			label = say([2]string{"figure.label.start", "figure.label.end"}[i])
		}
		d.prims = append(d.prims, prim{layer: layerText, kind: 't', pts: []figure.Vec{{X: (d.box.minX + d.box.maxX) / 2, Y: -14}}, text: label})
	}
}

// stacked writes the frames one above the other, each centred, its label
// below it, without the arrows between frames.
func (w *svgWriter) stacked(frames []*drawing, poses []*figure.Posed, labels bool, title, id, desc string, say Words) []byte {
	const gap, margin = 10.0, 6.0
	widest := 0.0
	for _, d := range frames {
		widest = math.Max(widest, d.box.maxX-d.box.minX)
	}
	y := margin
	type place struct{ x, y float64 }
	at := make([]place, len(frames))
	for i, d := range frames {
		bottom := d.box.minY
		if labels {
			bottom = math.Min(bottom, -18)
		}
		at[i] = place{margin + (widest-(d.box.maxX-d.box.minX))/2 - d.box.minX, y + d.box.maxY}
		y += d.box.maxY - bottom + gap
	}
	width, height := widest+2*margin, y-gap+margin
	fmt.Fprintf(&w.buf, `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %s %s" width="%s" height="%s" role="img" aria-labelledby="%s-t %s-d" class="figure">`,
		num(width), num(height), num(width), num(height), id, id)
	fmt.Fprintf(&w.buf, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, html.EscapeString(title), id, html.EscapeString(desc))
	w.buf.WriteString(`<g fill="none" stroke="currentColor" stroke-linecap="round" stroke-linejoin="round">`)
	for i, d := range frames {
		d.finish(i, len(frames), poses[i].Floor, labels, say)
		fmt.Fprintf(&w.buf, `<g transform="translate(%s %s)">`, num(at[i].x), num(at[i].y))
		for layer := layerFloor; layer <= layerText; layer++ {
			if layer == layerFar {
				w.buf.WriteString(`<g opacity=".45">`)
			}
			w.layer(d.prims, layer, 0)
			if layer == layerFar {
				w.buf.WriteString(`</g>`)
			}
		}
		w.buf.WriteString(`</g>`)
	}
	w.buf.WriteString(`</g></svg>`)
	return w.buf.Bytes()
}

// layer writes the prims of one layer, joining lines of the same style
// into one path to keep the file small.
func (w *svgWriter) layer(prims []prim, layer int, ox float64) {
	type style struct {
		width float64
		grey  bool
	}
	var order []style
	paths := map[style]*bytes.Buffer{}
	for _, p := range prims {
		if p.layer != layer {
			continue
		}
		switch p.kind {
		case 'l', 'q':
			s := style{p.width, p.grey}
			b := paths[s]
			if b == nil {
				b = &bytes.Buffer{}
				paths[s] = b
				order = append(order, s)
			}
			b.WriteString("M" + w.pt(p.pts[0], ox))
			if p.kind == 'q' {
				b.WriteString("Q" + w.pt(p.pts[1], ox) + " " + w.pt(p.pts[2], ox))
				continue
			}
			for _, q := range p.pts[1:] {
				b.WriteString("L" + w.pt(q, ox))
			}
		case 'c':
			fmt.Fprintf(&w.buf, `<circle cx="%s" cy="%s" r="%s" fill="%s" stroke="none"/>`, num(p.pts[0].X+ox), num(-p.pts[0].Y), num(p.r), colour(p.grey))
		case 'o':
			fmt.Fprintf(&w.buf, `<circle cx="%s" cy="%s" r="%s" stroke="%s" stroke-width="%s"/>`, num(p.pts[0].X+ox), num(-p.pts[0].Y), num(p.r), colour(p.grey), num(p.width))
		case 'p':
			w.buf.WriteString(`<path fill="` + colour(p.grey) + `" stroke="none" d="M`)
			for i, q := range p.pts {
				if i > 0 {
					w.buf.WriteString("L")
				}
				w.buf.WriteString(w.pt(q, ox))
			}
			w.buf.WriteString(`Z"/>`)
		case 't':
			fmt.Fprintf(&w.buf, `<text x="%s" y="%s" fill="currentColor" stroke="none" font-size="11" font-family="sans-serif" text-anchor="middle">%s</text>`,
				num(p.pts[0].X+ox), num(-p.pts[0].Y), html.EscapeString(p.text))
		}
	}
	for _, s := range order {
		grey := ""
		if s.grey {
			grey = ` stroke="` + propColour + `"`
		}
		fmt.Fprintf(&w.buf, `<path stroke-width="%s"%s d="%s"/>`, num(s.width), grey, paths[s].String())
	}
}

func colour(grey bool) string {
	if grey {
		return propColour
	}
	return "currentColor"
}
