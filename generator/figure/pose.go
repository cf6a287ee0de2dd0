package figure

import (
	"fmt"
	"math"
	"strings"
)

// The skeleton, in units of about a centimetre for an adult 1.7 m tall.
// Lengths run joint to joint; widths are the drawn thickness of each part.
const (
	torsoLen    = 50 // pelvis to the shoulder joint
	neckLen     = 7
	headR       = 9
	upperArmLen = 28
	forearmLen  = 26 // to the middle of the hand
	thighLen    = 42
	shinLen     = 40
	footLen     = 15 // heel to toe

	torsoW    = 18
	neckW     = 7
	upperArmW = 8
	forearmW  = 7
	thighW    = 12
	shinW     = 9
	footW     = 6

	tolerance = 2.5 // how far a part may sink into the floor: the flesh gives a little
	maxTip    = 45  // how far a lying pose may roll to settle, in degrees
)

// Heights of the props a body can rest on.
var liftOf = map[string]float64{"step": 18, "bench": 42, "chair": 45, "bar": 85, "foam-roller": 15}

type vec struct{ X, Y float64 }

func (a vec) add(b vec) vec             { return vec{a.X + b.X, a.Y + b.Y} }
func (a vec) sub(b vec) vec             { return vec{a.X - b.X, a.Y - b.Y} }
func (a vec) scale(k float64) vec       { return vec{a.X * k, a.Y * k} }
func (a vec) len() float64              { return math.Hypot(a.X, a.Y) }
func (a vec) lerp(b vec, t float64) vec { return a.add(b.sub(a).scale(t)) }

// dir is the unit vector at deg degrees anticlockwise from +x.
func dir(deg float64) vec {
	r := deg * math.Pi / 180
	return vec{math.Cos(r), math.Sin(r)}
}

func (a vec) rot(deg float64) vec {
	d := dir(deg)
	return vec{a.X*d.X - a.Y*d.Y, a.X*d.Y + a.Y*d.X}
}

// base is a base position: how the body is turned, and what carries it.
type base struct {
	name     string
	psi      float64 // the body's turn from standing, anticlockwise, in degrees
	rest     bool    // settles like a rigid body; otherwise stands on supports
	supports []string
	defaults [NumJoints]float64
	phrase   string // for descriptions
}

var bases = []*base{
	{name: "standing", supports: []string{"feet"}, phrase: "Standing"},
	{name: "sitting", supports: []string{"hips"}, phrase: "Sitting",
		defaults: [NumJoints]float64{Hips: 90, Knees: 90}},
	{name: "kneeling", supports: []string{"knees", "calves", "feet"}, phrase: "Kneeling",
		defaults: [NumJoints]float64{Knees: 90, Ankles: -90}},
	{name: "lying-back", psi: 90, rest: true, phrase: "Lying on your back"},
	{name: "lying-front", psi: -90, rest: true, phrase: "Lying face down",
		defaults: [NumJoints]float64{Ankles: -60}},
	{name: "side-lying", psi: 90, rest: true, phrase: "Lying on your side"},
	{name: "hands-knees", psi: -90, rest: true, phrase: "On your hands and knees",
		defaults: [NumJoints]float64{Hips: 80, Knees: 90, Shoulders: 80, Ankles: -90}},
	{name: "plank", psi: -90, rest: true, phrase: "In a plank",
		defaults: [NumJoints]float64{Shoulders: 90}},
}

func baseOf(name string) *base {
	for _, b := range bases {
		if b.name == name {
			return b
		}
	}
	return nil
}

// Sides: left is nearer the viewer and drawn on top; in side-lying, left is
// the upper side.
const (
	left = iota
	right
)

var sideNames = [2]string{"left", "right"}

type limbs struct {
	elbow, hand, knee, ankle, heel, toe vec
}

// body is a posed figure: the torso runs from pelvis to shoulder as a
// quadratic curve through control.
type body struct {
	base                      *base
	front                     bool // seen from the front
	pelvis, control, shoulder vec
	neck, head                vec    // the top of the neck; the head's centre
	hip, arm                  [2]vec // the hip and shoulder joints of each side
	side                      [2]limbs
}

// point is a place on the body that can touch the floor or a prop.
type point struct {
	at   vec
	r    float64 // half the part's thickness
	name string  // for messages
	tags string  // space-separated parts it belongs to, for props
}

func (p point) is(tag string) bool {
	for rest := p.tags; rest != ""; {
		word, more, _ := strings.Cut(rest, " ")
		if word == tag {
			return true
		}
		rest = more
	}
	return false
}

// angle is joint j's angle on side s: as given, or the base's.
func (fr *Frame) angle(b *base, j Joint, s int) float64 {
	switch {
	case !fr.Set[j]:
		return b.defaults[j]
	case s == right:
		return fr.Angles[j].Right
	}
	return fr.Angles[j].Left
}

// bend places the body from the frame's angles, turned by psi degrees,
// with the pelvis at the origin. The skeleton is posed in three
// dimensions (x forward when standing, y up, z to the body's left) and
// seen from the side (x, y) or, with view: front, from the front (z, y).
func bend(fr *Frame, b *base, psi float64) *body {
	ang := func(j Joint, s int) float64 { return fr.angle(b, j, s) }
	a := 90 - ang(Trunk, left) + psi // the trunk's direction in the picture's plane
	U := vec3{cosd(a), sind(a), 0}   // up the trunk
	F := vec3{cosd(a - 90), sind(a - 90), 0}
	L := vec3{0, 0, 1}
	shoulder := U.scale(torsoLen)
	// A rounded back bulges backwards: the control point moves behind the
	// chord, and the top of the spine (and so the neck) tips forward.
	bulge := ang(Spine, left) / 45 * 22
	control := shoulder.scale(0.5).add(F.scale(-bulge))
	top := a - math.Atan2(bulge, torsoLen/2)*180/math.Pi
	topDir := vec3{cosd(top), sind(top), 0}
	// The upper body turns about the trunk.
	Fu, Lu := F.rot(U, ang(Turn, left)), L.rot(U, ang(Turn, left))
	neckDir := topDir.rot(Lu, -ang(Neck, left))
	neck := shoulder.add(neckDir.scale(neckLen))
	head := neck.add(neckDir.scale(headR))

	see := func(v vec3) vec {
		if fr.Front {
			return vec{v.Z, v.Y}
		}
		return vec{v.X, v.Y}
	}
	bd := &body{base: b, front: fr.Front, shoulder: see(shoulder), control: see(control), neck: see(neck), head: see(head)}
	for s := left; s <= right; s++ {
		l := &bd.side[s]
		out := 1.0 // left is +z
		if s == right {
			out = -1
		}
		joint := shoulder.add(Lu.scale(out * shoulderHalf))
		arm := U.scale(-1).rot(Fu, -out*ang(ShoulderAbduction, s)).rot(Lu, ang(Shoulders, s))
		axis := Lu.rot(Fu, -out*ang(ShoulderAbduction, s))
		elbow := joint.add(arm.scale(upperArmLen))
		hand := elbow.add(arm.rot(axis, ang(Elbows, s)).scale(forearmLen))
		bd.arm[s], l.elbow, l.hand = see(joint), see(elbow), see(hand)

		hip := L.scale(out * hipHalf)
		thigh := U.scale(-1).rot(F, -out*ang(HipAbduction, s)).rot(L, ang(Hips, s))
		axis = L.rot(F, -out*ang(HipAbduction, s))
		knee := hip.add(thigh.scale(thighLen))
		shin := thigh.rot(axis, -ang(Knees, s))
		ankle := knee.add(shin.scale(shinLen))
		bend := ang(Ankles, s)
		if !fr.Set[Ankles] && b.defaults[Ankles] == 0 {
			bend = flatFoot(math.Atan2(shin.Y, shin.X) * 180 / math.Pi)
		}
		foot := shin.rot(axis, 90+bend)
		sole := ankle.add(shin.scale(3))
		bd.hip[s], l.knee, l.ankle = see(hip), see(knee), see(ankle)
		l.heel, l.toe = see(sole.add(foot.scale(-2))), see(sole.add(foot.scale(footLen-2)))
	}
	return bd
}

// Half the width between the shoulder joints and between the hip joints:
// nothing from the side, the figure's breadth from the front.
const (
	shoulderHalf = 17
	hipHalf      = 9
)

type vec3 struct{ X, Y, Z float64 }

func (a vec3) add(b vec3) vec3      { return vec3{a.X + b.X, a.Y + b.Y, a.Z + b.Z} }
func (a vec3) scale(k float64) vec3 { return vec3{a.X * k, a.Y * k, a.Z * k} }
func (a vec3) dot(b vec3) float64   { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }
func (a vec3) cross(b vec3) vec3 {
	return vec3{a.Y*b.Z - a.Z*b.Y, a.Z*b.X - a.X*b.Z, a.X*b.Y - a.Y*b.X}
}
func cosd(deg float64) float64 { return math.Cos(deg * math.Pi / 180) }
func sind(deg float64) float64 { return math.Sin(deg * math.Pi / 180) }

// rot turns a about the unit axis k by deg degrees, anticlockwise looking
// down k (Rodrigues' formula).
func (a vec3) rot(k vec3, deg float64) vec3 {
	if deg == 0 {
		return a
	}
	c, s := cosd(deg), sind(deg)
	return a.scale(c).add(k.cross(a).scale(s)).add(k.scale(k.dot(a) * (1 - c)))
}

// flatFoot is the ankle angle that sets the foot flat on the floor when the
// shin is within 50° of upright, as a foot on the floor rests; otherwise 0.
func flatFoot(shin float64) float64 {
	d := math.Mod(shin+90+720, 360) // 0 when the shin points straight down
	if d > 180 {
		d -= 360
	}
	if math.Abs(d) > 50 {
		return 0
	}
	// The foot at 0 is at right angles to the shin; turn it back by d.
	return math.Max(Ranges[Ankles].Lo, math.Min(Ranges[Ankles].Hi, -d))
}

// torsoAt is the point t of the way along the torso curve.
func (bd *body) torsoAt(t float64) vec {
	a := bd.pelvis.lerp(bd.control, t)
	return a.lerp(bd.control.lerp(bd.shoulder, t), t)
}

// points are the places that can touch the floor.
func (bd *body) points() []point {
	ps := make([]point, 0, 6+2*len(limbPoints[0]))
	ps = append(ps, point{bd.head, headR, "head", "head"})
	for i, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		name, tags := "back", "back"
		switch {
		case i == 0:
			name, tags = "hips", "back hips"
		case t >= 0.6:
			tags = "back upper-back"
		}
		ps = append(ps, point{bd.torsoAt(t), torsoW / 2, name, tags})
	}
	for s := left; s <= right; s++ {
		l := bd.side[s]
		at := [...]vec{l.elbow, l.hand, l.knee, l.knee.lerp(l.ankle, 0.5), l.ankle, l.heel, l.toe}
		for i, lp := range limbPoints[s] {
			ps = append(ps, point{at[i], lp.r, lp.name, lp.tags})
		}
	}
	return ps
}

// limbPoint is what each side's points are: thickness, name and parts.
type limbPoint struct {
	r          float64
	name, tags string
}

// limbPoints are each side's points in the order points lists them:
// elbow, hand, knee, shin, ankle, heel, toes.
var limbPoints = func() (lp [2][7]limbPoint) {
	for s, n := range sideNames {
		lp[s] = [7]limbPoint{
			{upperArmW / 2, n + " elbow", n + "-elbow"},
			{forearmW / 2, n + " hand", "hands " + n + "-hand"},
			{thighW / 2, n + " knee", "knees " + n + "-knee"},
			{shinW / 2, n + " shin", "calves"},
			{shinW / 2, n + " ankle", "calves"},
			{footW / 2, n + " heel", "feet " + n + "-foot"},
			{footW / 2, n + " toes", "feet " + n + "-foot"},
		}
	}
	return lp
}()

// centre is the body's centre of mass, from typical segment weights.
func (bd *body) centre() vec {
	var sum vec
	var w float64
	add := func(p vec, k float64) { sum, w = sum.add(p.scale(k)), w+k }
	add(bd.torsoAt(0.5), 0.5)
	add(bd.head, 0.08)
	for s, l := range bd.side {
		add(bd.hip[s].lerp(l.knee, 0.5), 0.1)
		add(l.knee.lerp(l.ankle, 0.5), 0.045)
		add(l.heel.lerp(l.toe, 0.5), 0.015)
		add(bd.arm[s].lerp(l.elbow, 0.5), 0.028)
		add(l.elbow.lerp(l.hand, 0.5), 0.022)
	}
	return sum.scale(1 / w)
}

// move shifts every point of the body by d.
func (bd *body) move(d vec) {
	for _, p := range []*vec{&bd.pelvis, &bd.control, &bd.shoulder, &bd.neck, &bd.head, &bd.hip[0], &bd.hip[1], &bd.arm[0], &bd.arm[1]} {
		*p = p.add(d)
	}
	for s := range bd.side {
		l := &bd.side[s]
		for _, p := range []*vec{&l.elbow, &l.hand, &l.knee, &l.ankle, &l.heel, &l.toe} {
			*p = p.add(d)
		}
	}
}

// posed is a frame placed on the floor, with its props.
type posed struct {
	*body
	props  []Prop
	lifted map[string]float64 // part -> the height of the prop under it
	floor  bool               // false in water
	tip    float64            // how far a lying pose rolled to settle
}

// lift is the height of the prop under p, or 0.
func (ps *posed) lift(p point) float64 {
	h := 0.0
	for part, l := range ps.lifted {
		if p.is(part) && l > h {
			h = l
		}
	}
	return h
}

// raised reports whether a prop carries any of parts.
func (ps *posed) raised(parts ...string) bool {
	for _, part := range parts {
		if ps.lifted[part] > 0 {
			return true
		}
	}
	return false
}

// pose places a frame: bends the body, settles or stands it, and puts it
// on the floor with its feet (or pelvis) at x = 0.
func pose(fr *Frame, props []Prop) (*posed, *poseError) {
	b := baseOf(fr.Base)
	ps := &posed{props: props, lifted: map[string]float64{}, floor: true}
	seat := false
	for _, p := range props {
		at := p.At
		if at == "" && len(propParts[p.Name]) > 0 {
			at = propParts[p.Name][0]
		}
		switch {
		case p.Name == "water":
			ps.floor = false
		case p.Name == "bike", (p.Name == "chair" || p.Name == "bench") && at == "hips":
			seat = true
		case p.Name == "bar" && !b.rest, p.Name == "chair" && !b.rest:
			// held, not rested on
		case liftOf[p.Name] > 0:
			if p.Name == "step" && p.At == "" {
				at = "" // the front foot, once the body is posed
			}
			ps.lifted[at] = liftOf[p.Name]
		}
	}
	ps.body = bend(fr, b, b.psi)
	if h, ok := ps.lifted[""]; ok {
		delete(ps.lifted, "")
		front := left
		if ps.side[right].toe.X > ps.side[left].toe.X {
			front = right
		}
		ps.lifted[sideNames[front]+"-foot"] = h
	}
	switch {
	case !ps.floor:
		// floating: clear of where the labels go, and level with the pelvis
		low := math.Inf(1)
		for _, p := range ps.points() {
			low = math.Min(low, ps.bottom(p))
		}
		ps.move(vec{-ps.pelvis.X, 8 - low})
		return ps, nil
	case b.rest:
		return ps, ps.settle(fr, b)
	default:
		return ps, ps.stand(b, seat)
	}
}

// bottom is how high the lowest edge of p is above what it rests on.
func (ps *posed) bottom(p point) float64 { return p.at.Y - p.r - ps.lift(p) }

// settle turns a lying body until it rests with its centre of mass over
// the parts that touch the floor, as a rigid body would.
func (ps *posed) settle(fr *Frame, b *base) *poseError {
	// Roll in steps of 2° toward the side the weight falls, then back up
	// a step and go on in steps of 0.25°: the same resting place as fine
	// steps alone, in a quarter of the work.
	step := 2.0
	for n := 0; ; n++ {
		low, fall := ps.balance()
		if n == 8*maxTip { // rocking on a knife edge: stay
			fall = 0
		}
		if fall == 0 || math.Abs(ps.tip) >= maxTip {
			if step > 0.25 && ps.tip != 0 { // found in coarse steps: find the first such place in fine ones
				ps.tip -= math.Copysign(step, ps.tip)
				ps.body = bend(fr, b, b.psi+ps.tip)
				step = 0.25
				continue
			}
			ps.move(vec{-ps.pelvis.X, -low})
			if math.Abs(ps.tip) >= maxTip {
				return errorf("check the angles against the base position: in "+b.name+", 0 is lying flat",
					"this %s frame cannot rest on the floor: the body would roll over by more than %d°", b.name, maxTip)
			}
			return nil
		}
		if step > 0.25 && ps.tip != 0 && math.Signbit(fall) != math.Signbit(ps.tip) {
			// rolled past the resting place: back up, then go finely
			ps.tip -= math.Copysign(step, ps.tip)
			step = 0.25
		} else {
			ps.tip += fall * step
		}
		ps.body = bend(fr, b, b.psi+ps.tip)
	}
}

// balance finds the lowest part's height and which way the body rolls:
// 0 when its centre of mass is over the parts on the floor, -1 when the
// right side goes down (clockwise), +1 when the left does.
func (ps *posed) balance() (low, fall float64) {
	pts := ps.points()
	low = math.Inf(1)
	for _, p := range pts {
		low = math.Min(low, ps.bottom(p))
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		if ps.bottom(p) <= low+1.5 {
			lo, hi = math.Min(lo, p.at.X), math.Max(hi, p.at.X)
		}
	}
	switch c := ps.centre().X; {
	case c > hi+0.5:
		return low, -1
	case c < lo-0.5:
		return low, 1
	}
	return low, 0
}

// stand puts an upright body on what carries it, and checks that no other
// part goes through the floor or a prop.
func (ps *posed) stand(b *base, seat bool) *poseError {
	supports := b.supports
	if seat {
		supports = []string{"feet"}
	}
	pts := ps.points()
	low := math.Inf(1)
	for _, p := range pts {
		for _, s := range supports {
			if p.is(s) {
				low = math.Min(low, ps.bottom(p))
			}
		}
	}
	if ps.isBike() {
		low -= 14 // the pedals turn above the floor
	}
	ps.move(vec{0, -low})
	var xs []float64
	var worst *point
	deepest := -tolerance
	for _, p := range ps.points() {
		d := ps.bottom(p)
		if d < deepest {
			p := p
			worst, deepest = &p, d
		}
		if d < 1.5 {
			xs = append(xs, p.at.X)
		}
	}
	if len(xs) > 0 {
		ps.move(vec{-(slicesMin(xs) + slicesMax(xs)) / 2, 0})
	} else {
		ps.move(vec{-ps.pelvis.X, 0})
	}
	if worst != nil {
		what := "the floor"
		if ps.lift(*worst) > 0 {
			what = "the prop under it"
		}
		return errorf(fmt.Sprintf("in %s the body rests on its %s; change the angles so the %s stays above the floor", b.name, strings.Join(supports, " and "), worst.name),
			"this %s frame puts the %s %.0f cm through %s", b.name, worst.name, -deepest, what)
	}
	return nil
}

func (ps *posed) isBike() bool {
	for _, p := range ps.props {
		if p.Name == "bike" {
			return true
		}
	}
	return false
}

func slicesMin(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs {
		m = math.Min(m, x)
	}
	return m
}

func slicesMax(xs []float64) float64 {
	m := xs[0]
	for _, x := range xs {
		m = math.Max(m, x)
	}
	return m
}
