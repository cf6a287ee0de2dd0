package figure

import (
	"bytes"
	"fmt"
	"html"
	"math"
	"strconv"
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
	pts    []vec
	r      float64
	text   string
	dashed bool
}

type box struct{ minX, minY, maxX, maxY float64 }

func emptyBox() box { return box{math.Inf(1), math.Inf(1), math.Inf(-1), math.Inf(-1)} }

func (b *box) add(p vec, pad float64) {
	b.minX, b.maxX = math.Min(b.minX, p.X-pad), math.Max(b.maxX, p.X+pad)
	b.minY, b.maxY = math.Min(b.minY, p.Y-pad), math.Max(b.maxY, p.Y+pad)
}

func (p prim) bounds(b *box) {
	pad := p.width / 2
	if p.kind == 'c' || p.kind == 'o' {
		pad += p.r
	}
	if p.kind == 't' {
		b.add(p.pts[0].add(vec{0, -3}), 18)
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

func (d *drawing) line(layer int, w float64, grey bool, pts ...vec) {
	d.prims = append(d.prims, prim{layer: layer, width: w, grey: grey, kind: 'l', pts: pts})
}

func (d *drawing) circle(layer int, c vec, r float64, grey bool) {
	d.prims = append(d.prims, prim{layer: layer, kind: 'c', pts: []vec{c}, r: r, grey: grey})
}

func (d *drawing) ring(layer int, c vec, r, w float64) {
	d.prims = append(d.prims, prim{layer: layer, kind: 'o', pts: []vec{c}, r: r, width: w, grey: true})
}

func (d *drawing) poly(layer int, grey bool, pts ...vec) {
	d.prims = append(d.prims, prim{layer: layer, kind: 'p', pts: pts, grey: grey})
}

// draw makes the prims of a posed frame.
func draw(ps *posed, fix *anchors) *drawing {
	d := &drawing{}
	for s := right; s >= left; s-- {
		// the far limbs behind the body, the near ones in front of it; from
		// the front, both sides alike
		layer := layerNear
		if s == right && !ps.front {
			layer = layerFar
		}
		l := ps.side[s]
		d.line(layer, thighW, false, ps.hip[s], l.knee)
		d.line(layer, shinW, false, l.knee, l.ankle)
		d.line(layer, footW, false, l.heel, l.toe)
		d.line(layer, upperArmW, false, ps.arm[s], l.elbow)
		d.line(layer, forearmW, false, l.elbow, l.hand)
	}
	d.prims = append(d.prims, prim{layer: layerTorso, width: torsoW, kind: 'q', pts: []vec{ps.pelvis, ps.control, ps.shoulder}})
	// the breadth of the shoulders and hips: seen from the front, or from
	// the side when the upper body turns
	if ps.arm[left].sub(ps.arm[right]).len() > 1 {
		d.line(layerTorso, 14, false, ps.arm[left], ps.arm[right])
	}
	if ps.hip[left].sub(ps.hip[right]).len() > 1 {
		d.line(layerTorso, 16, false, ps.hip[left], ps.hip[right])
	}
	d.line(layerTorso, neckW, false, ps.shoulder, ps.neck)
	d.circle(layerTorso, ps.head, headR, false)
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
func drawProps(d *drawing, ps *posed, fix *anchors) {
	hands := []vec{ps.side[right].hand, ps.side[left].hand}
	feet := func(s int) vec { return ps.side[s].heel.lerp(ps.side[s].toe, 0.5) }
	for _, p := range ps.props {
		at := p.At
		if at == "" && len(propParts[p.Name]) > 0 {
			at = propParts[p.Name][0]
		}
		switch p.Name {
		case "mat":
			lo, hi := math.Inf(1), math.Inf(-1)
			for _, q := range ps.points() {
				if ps.base.rest || ps.bottom(q) < 25 {
					lo, hi = math.Min(lo, q.at.X), math.Max(hi, q.at.X)
				}
			}
			if lo <= hi {
				d.line(layerFloor, 3, true, vec{lo - 12, -1.5}, vec{hi + 12, -1.5})
			}
		case "water":
			top := ps.pelvis.Y + 14
			var pts []vec
			for x := d.box.minX - 10; x <= d.box.maxX+10; x += 6 {
				y := top
				if int(math.Round((x-d.box.minX)/6))%2 == 1 {
					y += 3
				}
				pts = append(pts, vec{x, y})
			}
			d.line(layerPropBack, 1.5, true, pts...)
		case "wall":
			x := wallX(ps, at)
			d.line(layerPropBack, 4, true, vec{x, 0}, vec{x, 170})
		case "chair", "bench":
			if at == "hands" {
				h := math.Min(hands[0].Y, hands[1].Y) - forearmW/2
				x := (hands[0].X + hands[1].X) / 2
				if p.Name == "bench" || !ps.base.rest && h < 60 {
					box4(d, x-18, x+18, h)
				} else {
					chair(d, x, h, ps.shoulder.X < x)
				}
				continue
			}
			seat := math.Min(ps.pelvis.Y-torsoW/2, 45)
			x := ps.pelvis.X
			if ps.pelvis.Y-torsoW/2 > 50 { // standing up from it: the chair is behind
				x -= 22
				if ps.side[left].toe.X < ps.pelvis.X {
					x += 44
				}
			}
			if p.Name == "bench" {
				box4(d, x-30, x+30, seat)
			} else {
				chair(d, x, seat, ps.side[left].toe.X > ps.side[left].heel.X) // it faces the way the feet point
			}
		case "step":
			if at == "hands" {
				box4(d, (hands[0].X+hands[1].X)/2-16, (hands[0].X+hands[1].X)/2+16, liftOf["step"])
				continue
			}
			for part, h := range ps.lifted {
				for s := left; s <= right; s++ {
					if part == sideNames[s]+"-foot" || part == "feet" {
						x := feet(s).X
						box4(d, x-14, x+14, h)
					}
				}
			}
		case "foam-roller":
			var x float64
			n := 0.0
			for _, q := range ps.points() {
				if q.is(at) && ps.bottom(q) < 3 {
					x, n = x+q.at.X, n+1
				}
			}
			if n > 0 {
				r := liftOf["foam-roller"] / 2
				d.ring(layerPropBack, vec{x / n, r}, r-1, 2)
			}
		case "band":
			drawBand(d, ps, at, hands, fix)
		case "dumbbell":
			for s, h := range []vec{ps.side[right].hand, ps.side[left].hand} {
				if at == "hands" || at == sideNames[1-s]+"-hand" {
					d.ring(layerPropFront, h, 5.5, 3)
				}
			}
		case "kettlebell":
			for _, h := range hands {
				c := h.add(vec{0, -10})
				d.circle(layerPropFront, c, 6.5, true)
				d.line(layerPropFront, 2, true, h.add(vec{-4, -5}), h.add(vec{0, 1}), h.add(vec{4, -5}))
			}
		case "bar":
			h := hands[1]
			d.circle(layerPropFront, h, 3.5, true)
			if ps.base.rest {
				d.line(layerPropBack, 3, true, vec{h.X, h.Y}, vec{h.X, 0})
			}
		case "cable":
			h := hands[1]
			d.line(layerPropBack, 1.5, true, h, fix.pulley)
			d.circle(layerPropBack, fix.pulley, 4, true)
			if fix.pulley.Y < ps.shoulder.Y+10 { // a low pulley ahead stands on a post
				d.line(layerPropBack, 4, true, vec{fix.pulley.X, 0}, fix.pulley)
			}
		case "bike":
			drawBike(d, ps, fix)
		}
	}
}

// wallX is where a wall stands: at the hands, behind the back or at the feet.
func wallX(ps *posed, at string) float64 {
	front := math.Max(ps.side[left].hand.X, ps.side[right].hand.X)
	if at == "" {
		at = "back"
		if front > ps.shoulder.X+15 {
			at = "hands"
		}
	}
	switch at {
	case "hands":
		return front + forearmW/2 + 2
	case "feet":
		return math.Max(ps.side[left].toe.X, ps.side[right].toe.X) + footW/2 + 2
	}
	back := math.Inf(1)
	for _, t := range []float64{0, 0.5, 1} {
		back = math.Min(back, ps.torsoAt(t).X)
	}
	return back - torsoW/2 - 2
}

// box4 is a block from x0 to x1, h high: a step or a bench.
func box4(d *drawing, x0, x1, h float64) {
	d.line(layerPropBack, 3, true, vec{x0, 0}, vec{x0, h}, vec{x1, h}, vec{x1, 0})
}

// chair draws a chair whose seat is at height h, centred on x, its back
// on the side away from where the sitter faces.
func chair(d *drawing, x, h float64, facesRight bool) {
	back := x - 16
	if !facesRight {
		back = x + 16
	}
	front := 2*x - back
	d.line(layerPropBack, 3, true, vec{back, h + 42}, vec{back, 0})
	d.line(layerPropBack, 3, true, vec{back, h}, vec{front, h}, vec{front, 0})
}

func drawBand(d *drawing, ps *posed, at string, hands []vec, fix *anchors) {
	switch at {
	case "feet":
		f := ps.side[left]
		sole := f.heel.lerp(f.toe, 0.6)
		d.line(layerPropFront, 2, true, hands[1], sole)
		d.line(layerPropFront, 2, true, hands[0], sole)
	case "knees":
		// just above the knees, round both thighs
		a, b := ps.hip[0].lerp(ps.side[0].knee, 0.85), ps.hip[1].lerp(ps.side[1].knee, 0.85)
		d.ring(layerPropFront, a, thighW/2+1.5, 2)
		d.ring(layerPropFront, b, thighW/2+1.5, 2)
		d.line(layerPropFront, 2, true, a, b)
	default:
		d.line(layerPropFront, 2, true, hands[0], fix.band)
		d.line(layerPropFront, 2, true, hands[1], fix.band)
		d.line(layerPropBack, 4, true, vec{fix.band.X, 0}, vec{fix.band.X, math.Max(fix.band.Y+15, 60)})
	}
}

// anchors are the places fixed props hold in every frame, set by the first:
// where a band is tied, a cable's pulley, a bike's pedals.
type anchors struct {
	band, pulley vec
	crank        vec // from the pelvis
	crankR       float64
}

func anchorsOf(ps *posed) *anchors {
	a := &anchors{}
	x := ps.pelvis.X + 80
	for _, l := range ps.side {
		x = math.Max(x, math.Max(l.hand.X, l.toe.X)+20)
	}
	h := ps.side[right].hand
	a.band = vec{x, h.Y}
	a.pulley = vec{h.X + 45, h.Y}
	if h.Y > ps.shoulder.Y {
		a.pulley = vec{h.X, h.Y + 25}
	}
	f0, f1 := ps.side[left].heel.lerp(ps.side[left].toe, 0.5), ps.side[right].heel.lerp(ps.side[right].toe, 0.5)
	a.crank = f0.lerp(f1, 0.5).sub(ps.pelvis)
	a.crankR = math.Max(f0.sub(f1).len()/2, 8)
	return a
}

// drawBike draws a saddle under the pelvis, the pedals' circle through the
// feet, and a frame joining them to the floor.
func drawBike(d *drawing, ps *posed, fix *anchors) {
	saddle := vec{ps.pelvis.X, ps.pelvis.Y - torsoW/2 - 2}
	c := ps.pelvis.add(fix.crank)
	d.line(layerPropBack, 4, true, saddle.add(vec{-9, 0}), saddle.add(vec{9, 0}))
	d.line(layerPropBack, 3, true, saddle, c)
	d.ring(layerPropBack, c, fix.crankR, 1.5)
	d.line(layerPropBack, 3, true, c, vec{c.X, 0})
	if math.Abs(saddle.X-c.X) > 25 { // a recumbent: the seat has its own post, and a backrest
		d.line(layerPropBack, 3, true, saddle, vec{saddle.X, 0})
		back := ps.torsoAt(0.7).add(vec{-torsoW/2 - 2, 0})
		if ps.shoulder.X < ps.pelvis.X-10 {
			d.line(layerPropBack, 3, true, saddle.add(vec{-9, 0}), back)
		}
	}
	lo, hi := math.Min(saddle.X, c.X)-20, math.Max(saddle.X, c.X)+20
	d.line(layerPropBack, 3, true, vec{lo, 0}, vec{hi, 0})
	h := ps.side[left].hand
	if h.X > ps.shoulder.X+10 && h.Y > saddle.Y { // hands forward on the handlebars
		d.line(layerPropBack, 3, true, c, h)
	}
}

// arrowFrom adds a curved arrow showing part moving from a (its place in
// the frame before) to b, bowed away from the body's centre.
func (d *drawing) arrowFrom(a, b, centre vec, off float64) {
	dv := b.sub(a)
	n := dv.len()
	u := dv.scale(1 / n)
	mid := a.lerp(b, 0.5)
	if n < 18 { // too short to see: drawn at least 18 long, centred on the move
		a, b, n = mid.sub(u.scale(9)), mid.add(u.scale(9)), 18
	}
	perp := vec{-u.Y, u.X}
	if mid.add(perp).sub(centre).len() < mid.sub(centre).len() {
		perp = perp.scale(-1)
	}
	c := mid.add(perp.scale(off + 0.2*n))
	if c.Y < 6 && mid.sub(perp.scale(off+0.2*n)).Y > c.Y { // not under the floor
		perp = perp.scale(-1)
		c = mid.add(perp.scale(off + 0.2*n))
	}
	a2, b2 := a.add(perp.scale(off)), b.add(perp.scale(off))
	a2, b2 = a2.lerp(b2, 0.1), b2.lerp(a2, 0.1)
	d.prims = append(d.prims, prim{layer: layerArrow, width: 2, kind: 'q', pts: []vec{a2, c, b2}})
	d.head(b2, b2.sub(c))
}

// head adds an arrowhead at tip pointing along v.
func (d *drawing) head(tip, v vec) {
	u := v.scale(1 / v.len())
	p := vec{-u.Y, u.X}
	back := tip.sub(u.scale(8))
	d.poly(layerArrow, false, tip, back.add(p.scale(4.5)), back.sub(p.scale(4.5)))
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

func (w *svgWriter) pt(p vec, ox float64) string { return num(p.X+ox) + " " + num(-p.Y) }

// SVG draws f with title (the exercise's name, for its accessible name) and
// id (unique on the page, for the title and description's ids), its
// description and frame labels in the language of say (nil for English).
// The figure must have passed Check; a frame that cannot be posed is drawn
// as best it can be.
func SVG(f *Figure, title, id string, say Words) []byte { return svg(f, title, id, say.or(), false) }

// SVGStacked is SVG with the frames one above the other, for a figure too
// wide to print large beside or above text (lying poses, side by side).
func SVGStacked(f *Figure, title, id string, say Words) []byte {
	return svg(f, title, id, say.or(), true)
}

func svg(f *Figure, title, id string, say Words, stacked bool) []byte {
	frames := make([]*drawing, len(f.Frames))
	poses := make([]*posed, len(f.Frames))
	var fix *anchors
	known := make([]*posed, len(f.Frames)) // for the description: nil for an unknown base
	for i := range f.Frames {
		fr := &f.Frames[i]
		if baseOf(fr.Base) == nil {
			fr = &Frame{Base: "standing"}
		}
		if fr == &f.Frames[i] && len(f.posed) == len(f.Frames) && f.posed[i] != nil {
			poses[i] = f.posed[i] // as Check left it
		} else {
			poses[i], _ = pose(fr, f.Props)
		}
		if fr == &f.Frames[i] {
			known[i] = poses[i]
		}
		if i == 0 {
			fix = anchorsOf(poses[0])
		}
		frames[i] = draw(poses[i], fix)
		if i > 0 {
			if a, b, ok := movement(poses[i-1], poses[i], f.Frames[i].Arrow); ok && poses[i-1].front == poses[i].front {
				off := 14.0
				if part := f.Frames[i].Arrow; part == "hips" || part == "chest" || part == "back" || part == "upper-back" {
					off = 22
				}
				frames[i].arrowFrom(a, b, poses[i].centre(), off)
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
		d.finish(i, len(frames), poses[i].floor, labels, say)
		if i > 0 {
			y := top * 0.45
			x0 := offsets[i-1] + frames[i-1].box.maxX + 8
			x1 := offsets[i] + d.box.minX - 8
			d.line(layerArrow, 2, false, vec{x0 - offsets[i], y}, vec{x1 - 6 - offsets[i], y})
			d.head(vec{x1 - offsets[i], y}, vec{1, 0})
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
		d.line(layerFloor, 1.5, true, vec{d.box.minX - 4, 0}, vec{d.box.maxX + 4, 0})
	}
	if labels {
		label := strconv.Itoa(i + 1)
		if n == 2 {
			label = say([2]string{"figure.label.start", "figure.label.end"}[i])
		}
		d.prims = append(d.prims, prim{layer: layerText, kind: 't', pts: []vec{{(d.box.minX + d.box.maxX) / 2, -14}}, text: label})
	}
}

// stacked writes the frames one above the other, each centred, its label
// below it, without the arrows between frames.
func (w *svgWriter) stacked(frames []*drawing, poses []*posed, labels bool, title, id, desc string, say Words) []byte {
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
		d.finish(i, len(frames), poses[i].floor, labels, say)
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
