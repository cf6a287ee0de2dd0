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
	HeadR       = 9
	upperArmLen = 28
	forearmLen  = 26 // to the middle of the hand
	thighLen    = 42
	shinLen     = 40
	footLen     = 15 // heel to toe

	TorsoW    = 18
	NeckW     = 7
	UpperArmW = 8
	ForearmW  = 7
	ThighW    = 12
	ShinW     = 9
	FootW     = 6

	tolerance = 2.5 // how far a part may sink into the floor: the flesh gives a little
	maxTip    = 45  // how far a lying pose may roll to settle, in degrees
)

// Heights of the props a body can rest on.
var liftOf = map[string]float64{"step": 18, "bench": 42, "chair": 45, "bar": 85, "foam-roller": 15}

// PropHeight is how high prop raises a part of the body resting on it, in
// the skeleton's units; 0 for a prop nothing rests on.
func PropHeight(prop string) float64 { return liftOf[prop] }

// Vec is a point or a direction, in the skeleton's units, y up.
type Vec struct{ X, Y float64 }

func (a Vec) Add(b Vec) Vec             { return Vec{a.X + b.X, a.Y + b.Y} }
func (a Vec) Sub(b Vec) Vec             { return Vec{a.X - b.X, a.Y - b.Y} }
func (a Vec) Scale(k float64) Vec       { return Vec{a.X * k, a.Y * k} }
func (a Vec) Len() float64              { return math.Hypot(a.X, a.Y) }
func (a Vec) Lerp(b Vec, t float64) Vec { return a.Add(b.Sub(a).Scale(t)) }

// dir is the unit vector at deg degrees anticlockwise from +x.
func dir(deg float64) Vec {
	r := deg * math.Pi / 180
	return Vec{math.Cos(r), math.Sin(r)}
}

// Rot turns a by deg degrees anticlockwise.
func (a Vec) Rot(deg float64) Vec {
	d := dir(deg)
	return Vec{a.X*d.X - a.Y*d.Y, a.X*d.Y + a.Y*d.X}
}

// Base is a base position: how the body is turned, and what carries it.
type Base struct {
	Name     string
	psi      float64 // the body's turn from standing, anticlockwise, in degrees
	Rest     bool    // settles like a rigid body; otherwise stands on supports
	supports []string
	Defaults [NumJoints]float64
	Phrase   string // for descriptions
}

var bases = []*Base{
	{Name: "standing", supports: []string{"feet"}, Phrase: "Standing"},
	{Name: "sitting", supports: []string{"hips"}, Phrase: "Sitting",
		Defaults: [NumJoints]float64{Hips: 90, Knees: 90}},
	{Name: "kneeling", supports: []string{"knees", "calves", "feet"}, Phrase: "Kneeling",
		Defaults: [NumJoints]float64{Knees: 90, Ankles: -90}},
	{Name: "lying-back", psi: 90, Rest: true, Phrase: "Lying on your back"},
	{Name: "lying-front", psi: -90, Rest: true, Phrase: "Lying face down",
		Defaults: [NumJoints]float64{Ankles: -60}},
	{Name: "side-lying", psi: 90, Rest: true, Phrase: "Lying on your side"},
	{Name: "hands-knees", psi: -90, Rest: true, Phrase: "On your hands and knees",
		Defaults: [NumJoints]float64{Hips: 80, Knees: 90, Shoulders: 80, Ankles: -90}},
	{Name: "plank", psi: -90, Rest: true, Phrase: "In a plank",
		Defaults: [NumJoints]float64{Shoulders: 90}},
}

func BaseOf(name string) *Base {
	for _, b := range bases {
		if b.Name == name {
			return b
		}
	}
	return nil
}

// Sides: left is nearer the viewer and drawn on top; in side-lying, left is
// the upper side.
const (
	Left = iota
	Right
)

// SideNames name the sides, Left and Right, as parts do ("left-hand").
var SideNames = [2]string{"left", "right"}

// Limbs are one side's arm and leg, from the elbow and knee out.
type Limbs struct {
	Elbow, Hand, Knee, Ankle, Heel, Toe Vec
}

// Body is a posed figure: the torso runs from pelvis to shoulder as a
// quadratic curve through control.
type Body struct {
	Base                      *Base
	Front                     bool // seen from the front
	Pelvis, Control, Shoulder Vec
	Neck, Head                Vec    // the top of the neck; the head's centre
	Hip, Arm                  [2]Vec // the hip and shoulder joints of each side
	Side                      [2]Limbs
}

// Point is a place on the body that can touch the floor or a prop.
type Point struct {
	At   Vec
	R    float64 // half the part's thickness
	Name string  // for messages
	Tags string  // space-separated parts it belongs to, for props
}

// Is reports whether p belongs to part tag ("hands", "left-foot").
func (p Point) Is(tag string) bool {
	for rest := p.Tags; rest != ""; {
		word, more, _ := strings.Cut(rest, " ")
		if word == tag {
			return true
		}
		rest = more
	}
	return false
}

// JointAngle is joint j's angle on side s: as given, or base b's, which
// is the frame's (BaseOf(fr.Base)).
func (fr *Frame) JointAngle(b *Base, j Joint, s int) float64 {
	switch {
	case !fr.Set[j]:
		return b.Defaults[j]
	case s == Right:
		return fr.Angles[j].Right
	}
	return fr.Angles[j].Left
}

// bend places the body from the frame's angles, turned by psi degrees,
// with the pelvis at the origin. The skeleton is posed in three
// dimensions (x forward when standing, y up, z to the body's left) and
// seen from the side (x, y) or, with view: front, from the front (z, y).
func bend(fr *Frame, b *Base, psi float64) *Body {
	ang := func(j Joint, s int) float64 { return fr.JointAngle(b, j, s) }
	a := 90 - ang(Trunk, Left) + psi // the trunk's direction in the picture's plane
	U := vec3{cosd(a), sind(a), 0}   // up the trunk
	F := vec3{cosd(a - 90), sind(a - 90), 0}
	L := vec3{0, 0, 1}
	shoulder := U.Scale(torsoLen)
	// A rounded back bulges backwards: the control point moves behind the
	// chord, and the top of the spine (and so the neck) tips forward.
	bulge := ang(Spine, Left) / 45 * 22
	control := shoulder.Scale(0.5).Add(F.Scale(-bulge))
	top := a - math.Atan2(bulge, torsoLen/2)*180/math.Pi
	topDir := vec3{cosd(top), sind(top), 0}
	// The upper body turns about the trunk.
	Fu, Lu := F.Rot(U, ang(Turn, Left)), L.Rot(U, ang(Turn, Left))
	neckDir := topDir.Rot(Lu, -ang(Neck, Left))
	neck := shoulder.Add(neckDir.Scale(neckLen))
	head := neck.Add(neckDir.Scale(HeadR))

	see := func(v vec3) Vec {
		if fr.Front {
			return Vec{v.Z, v.Y}
		}
		return Vec{v.X, v.Y}
	}
	bd := &Body{Base: b, Front: fr.Front, Shoulder: see(shoulder), Control: see(control), Neck: see(neck), Head: see(head)}
	for s := Left; s <= Right; s++ {
		l := &bd.Side[s]
		out := 1.0 // left is +z
		if s == Right {
			out = -1
		}
		joint := shoulder.Add(Lu.Scale(out * shoulderHalf))
		arm := U.Scale(-1).Rot(Fu, -out*ang(ShoulderAbduction, s)).Rot(Lu, ang(Shoulders, s))
		axis := Lu.Rot(Fu, -out*ang(ShoulderAbduction, s))
		elbow := joint.Add(arm.Scale(upperArmLen))
		hand := elbow.Add(arm.Rot(axis, ang(Elbows, s)).Scale(forearmLen))
		bd.Arm[s], l.Elbow, l.Hand = see(joint), see(elbow), see(hand)

		hip := L.Scale(out * hipHalf)
		thigh := U.Scale(-1).Rot(F, -out*ang(HipAbduction, s)).Rot(L, ang(Hips, s))
		axis = L.Rot(F, -out*ang(HipAbduction, s))
		knee := hip.Add(thigh.Scale(thighLen))
		shin := thigh.Rot(axis, -ang(Knees, s))
		ankle := knee.Add(shin.Scale(shinLen))
		bend := ang(Ankles, s)
		if !fr.Set[Ankles] && b.Defaults[Ankles] == 0 {
			bend = flatFoot(math.Atan2(shin.Y, shin.X) * 180 / math.Pi)
		}
		foot := shin.Rot(axis, 90+bend)
		sole := ankle.Add(shin.Scale(3))
		bd.Hip[s], l.Knee, l.Ankle = see(hip), see(knee), see(ankle)
		l.Heel, l.Toe = see(sole.Add(foot.Scale(-2))), see(sole.Add(foot.Scale(footLen-2)))
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

func (a vec3) Add(b vec3) vec3      { return vec3{a.X + b.X, a.Y + b.Y, a.Z + b.Z} }
func (a vec3) Scale(k float64) vec3 { return vec3{a.X * k, a.Y * k, a.Z * k} }
func (a vec3) dot(b vec3) float64   { return a.X*b.X + a.Y*b.Y + a.Z*b.Z }
func (a vec3) cross(b vec3) vec3 {
	return vec3{a.Y*b.Z - a.Z*b.Y, a.Z*b.X - a.X*b.Z, a.X*b.Y - a.Y*b.X}
}
func cosd(deg float64) float64 { return math.Cos(deg * math.Pi / 180) }
func sind(deg float64) float64 { return math.Sin(deg * math.Pi / 180) }

// Rot turns a about the unit axis k by deg degrees, anticlockwise looking
// down k (Rodrigues' formula).
func (a vec3) Rot(k vec3, deg float64) vec3 {
	if deg == 0 {
		return a
	}
	c, s := cosd(deg), sind(deg)
	return a.Scale(c).Add(k.cross(a).Scale(s)).Add(k.Scale(k.dot(a) * (1 - c)))
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

// TorsoAt is the point t of the way along the torso curve.
func (bd *Body) TorsoAt(t float64) Vec {
	a := bd.Pelvis.Lerp(bd.Control, t)
	return a.Lerp(bd.Control.Lerp(bd.Shoulder, t), t)
}

// numPoints is how many Points there are: the head, five along the torso,
// and each side's limbs.
const numPoints = 6 + 2*len(limbPoints[0])

// Points are the places that can touch the floor.
func (bd *Body) Points() []Point { return bd.appendPoints(make([]Point, 0, numPoints)) }

// appendPoints is Points, appended to ps.
func (bd *Body) appendPoints(ps []Point) []Point {
	ps = append(ps, Point{bd.Head, HeadR, "head", "head"})
	for i, t := range []float64{0, 0.25, 0.5, 0.75, 1} {
		name, tags := "back", "back"
		switch {
		case i == 0:
			name, tags = "hips", "back hips"
		case t >= 0.6:
			tags = "back upper-back"
		}
		ps = append(ps, Point{bd.TorsoAt(t), TorsoW / 2, name, tags})
	}
	for s := Left; s <= Right; s++ {
		l := bd.Side[s]
		at := [...]Vec{l.Elbow, l.Hand, l.Knee, l.Knee.Lerp(l.Ankle, 0.5), l.Ankle, l.Heel, l.Toe}
		for i, lp := range limbPoints[s] {
			ps = append(ps, Point{at[i], lp.r, lp.Name, lp.Tags})
		}
	}
	return ps
}

// limbPoint is what each side's points are: thickness, name and parts.
type limbPoint struct {
	r          float64
	Name, Tags string
}

// limbPoints are each side's points in the order points lists them:
// elbow, hand, knee, shin, ankle, heel, toes.
var limbPoints = func() (lp [2][7]limbPoint) {
	for s, n := range SideNames {
		lp[s] = [7]limbPoint{
			{UpperArmW / 2, n + " elbow", n + "-elbow"},
			{ForearmW / 2, n + " hand", "hands " + n + "-hand"},
			{ThighW / 2, n + " knee", "knees " + n + "-knee"},
			{ShinW / 2, n + " shin", "calves"},
			{ShinW / 2, n + " ankle", "calves"},
			{FootW / 2, n + " heel", "feet " + n + "-foot"},
			{FootW / 2, n + " toes", "feet " + n + "-foot"},
		}
	}
	return lp
}()

// Centre is the body's centre of mass, from typical segment weights.
func (bd *Body) Centre() Vec {
	var sum Vec
	var w float64
	add := func(p Vec, k float64) { sum, w = sum.Add(p.Scale(k)), w+k }
	add(bd.TorsoAt(0.5), 0.5)
	add(bd.Head, 0.08)
	for s, l := range bd.Side {
		add(bd.Hip[s].Lerp(l.Knee, 0.5), 0.1)
		add(l.Knee.Lerp(l.Ankle, 0.5), 0.045)
		add(l.Heel.Lerp(l.Toe, 0.5), 0.015)
		add(bd.Arm[s].Lerp(l.Elbow, 0.5), 0.028)
		add(l.Elbow.Lerp(l.Hand, 0.5), 0.022)
	}
	return sum.Scale(1 / w)
}

// move shifts every point of the body by d.
func (bd *Body) move(d Vec) {
	for _, p := range []*Vec{&bd.Pelvis, &bd.Control, &bd.Shoulder, &bd.Neck, &bd.Head, &bd.Hip[0], &bd.Hip[1], &bd.Arm[0], &bd.Arm[1]} {
		*p = p.Add(d)
	}
	for s := range bd.Side {
		l := &bd.Side[s]
		for _, p := range []*Vec{&l.Elbow, &l.Hand, &l.Knee, &l.Ankle, &l.Heel, &l.Toe} {
			*p = p.Add(d)
		}
	}
}

// Posed is a frame placed on the floor, with its props.
type Posed struct {
	*Body
	Props  []Prop
	Lifted map[string]float64 // part -> the height of the prop under it
	Floor  bool               // false in water
	tip    float64            // how far a lying pose rolled to settle

	scratch []Point // for settling
}

// Lift is the height of the prop under p, or 0.
func (ps *Posed) Lift(p Point) float64 {
	if len(ps.Lifted) == 0 {
		return 0
	}
	h := 0.0
	for part, l := range ps.Lifted {
		if p.Is(part) && l > h {
			h = l
		}
	}
	return h
}

// Raised reports whether a prop carries any of parts.
func (ps *Posed) Raised(parts ...string) bool {
	for _, part := range parts {
		if ps.Lifted[part] > 0 {
			return true
		}
	}
	return false
}

// Pose places frame fr with the figure's props, as Check does: on the
// floor, feet (or pelvis) at x = 0. A frame that Check finds cannot be
// posed is placed as best it can be. It is nil for an unknown base.
func Pose(fr *Frame, props []Prop) *Posed {
	if BaseOf(fr.Base) == nil {
		return nil
	}
	ps, _ := pose(fr, props)
	return ps
}

// pose places a frame: bends the body, settles or stands it, and puts it
// on the floor with its feet (or pelvis) at x = 0.
func pose(fr *Frame, props []Prop) (*Posed, *poseError) {
	b := BaseOf(fr.Base)
	ps := &Posed{Props: props, Lifted: map[string]float64{}, Floor: true}
	seat := false
	for _, p := range props {
		at := p.Place()
		switch {
		case p.Name == "water":
			ps.Floor = false
		case p.Name == "bike", (p.Name == "chair" || p.Name == "bench") && at == "hips":
			seat = true
		case p.Name == "bar" && !b.Rest, p.Name == "chair" && !b.Rest:
			// held, not rested on
		case liftOf[p.Name] > 0:
			if p.Name == "step" && p.At == "" {
				at = "" // the front foot, once the body is posed
			}
			ps.Lifted[at] = liftOf[p.Name]
		}
	}
	ps.Body = bend(fr, b, b.psi)
	if h, ok := ps.Lifted[""]; ok {
		delete(ps.Lifted, "")
		front := Left
		if ps.Side[Right].Toe.X > ps.Side[Left].Toe.X {
			front = Right
		}
		ps.Lifted[SideNames[front]+"-foot"] = h
	}
	switch {
	case !ps.Floor:
		// floating: clear of where the labels go, and level with the pelvis
		low := math.Inf(1)
		for _, p := range ps.Points() {
			low = math.Min(low, ps.Bottom(p))
		}
		ps.move(Vec{-ps.Pelvis.X, 8 - low})
		return ps, nil
	case b.Rest:
		return ps, ps.settle(fr, b)
	default:
		return ps, ps.stand(b, seat)
	}
}

// Bottom is how high the lowest edge of p is above what it rests on.
func (ps *Posed) Bottom(p Point) float64 { return p.At.Y - p.R - ps.Lift(p) }

// settle turns a lying body until it rests with its centre of mass over
// the parts that touch the floor, as a rigid body would.
func (ps *Posed) settle(fr *Frame, b *Base) *poseError {
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
				ps.Body = bend(fr, b, b.psi+ps.tip)
				step = 0.25
				continue
			}
			ps.move(Vec{-ps.Pelvis.X, -low})
			if math.Abs(ps.tip) >= maxTip {
				return errorf("check the angles against the base position: in "+b.Name+", 0 is lying flat",
					"this %s frame cannot rest on the floor: the body would roll over by more than %d°", b.Name, maxTip)
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
		ps.Body = bend(fr, b, b.psi+ps.tip)
	}
}

// balance finds the lowest part's height and which way the body rolls:
// 0 when its centre of mass is over the parts on the floor, -1 when the
// right side goes down (clockwise), +1 when the left does.
func (ps *Posed) balance() (low, fall float64) {
	ps.scratch = ps.appendPoints(ps.scratch[:0])
	pts := ps.scratch
	var bottom [numPoints]float64
	low = math.Inf(1)
	for i, p := range pts {
		bottom[i] = ps.Bottom(p)
		low = math.Min(low, bottom[i])
	}
	lo, hi := math.Inf(1), math.Inf(-1)
	for i, p := range pts {
		if bottom[i] <= low+1.5 {
			lo, hi = math.Min(lo, p.At.X), math.Max(hi, p.At.X)
		}
	}
	switch c := ps.Centre().X; {
	case c > hi+0.5:
		return low, -1
	case c < lo-0.5:
		return low, 1
	}
	return low, 0
}

// stand puts an upright body on what carries it, and checks that no other
// part goes through the floor or a prop.
func (ps *Posed) stand(b *Base, seat bool) *poseError {
	supports := b.supports
	if seat {
		supports = []string{"feet"}
	}
	pts := ps.Points()
	low := math.Inf(1)
	for _, p := range pts {
		for _, s := range supports {
			if p.Is(s) {
				low = math.Min(low, ps.Bottom(p))
			}
		}
	}
	if ps.IsBike() {
		low -= 14 // the pedals turn above the floor
	}
	ps.move(Vec{0, -low})
	var xs []float64
	var worst *Point
	deepest := -tolerance
	for _, p := range ps.Points() {
		d := ps.Bottom(p)
		if d < deepest {
			p := p
			worst, deepest = &p, d
		}
		if d < 1.5 {
			xs = append(xs, p.At.X)
		}
	}
	if len(xs) > 0 {
		ps.move(Vec{-(slicesMin(xs) + slicesMax(xs)) / 2, 0})
	} else {
		ps.move(Vec{-ps.Pelvis.X, 0})
	}
	if worst != nil {
		what := "the floor"
		if ps.Lift(*worst) > 0 {
			what = "the prop under it"
		}
		return errorf(fmt.Sprintf("in %s the body rests on its %s; change the angles so the %s stays above the floor", b.Name, strings.Join(supports, " and "), worst.Name),
			"this %s frame puts the %s %.0f cm through %s", b.Name, worst.Name, -deepest, what)
	}
	return nil
}

// IsBike reports whether the frame sits on an exercise bike.
func (ps *Posed) IsBike() bool {
	for _, p := range ps.Props {
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
