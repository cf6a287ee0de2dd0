package figure_test

import (
	"math"
	"strings"
	"testing"

	"handbook/generator/diag"
	"handbook/generator/figure"
	"handbook/generator/figure/internal/figuretest"
)

// Frames written short.
var frame, front = figuretest.Frame, figuretest.Front

type a = figuretest.A

// TestLimbLengths: however the joints are set, each segment keeps its length.
func TestLimbLengths(t *testing.T) {
	angles := []float64{-40, 0, 35, 90, 150}
	for _, base := range figure.AllBases {
		for _, v := range angles {
			fr := frame(base.Name, nil)
			for _, j := range []figure.Joint{figure.Hips, figure.Knees, figure.Ankles, figure.Shoulders, figure.Elbows} { // in the plane seen
				r := figure.Ranges[j]
				fr.Angles[j] = figure.Angle{math.Max(r.Lo, math.Min(r.Hi, v)), math.Max(r.Lo, math.Min(r.Hi, -v/2))}
				fr.Set[j] = true
			}
			fr.Angles[figure.Trunk], fr.Set[figure.Trunk] = figure.Angle{v / 3, v / 3}, true
			ps, _ := figure.PoseWithError(&fr, nil)
			check := func(what string, a, b figure.Vec, want float64) {
				if got := b.Sub(a).Len(); math.Abs(got-want) > 1e-6 {
					t.Errorf("%s at %v°: %s is %.4f long, want %v", base.Name, v, what, got, want)
				}
			}
			check("torso", ps.Pelvis, ps.Shoulder, figure.TorsoLen)
			for s, l := range ps.Side {
				n := figure.SideNames[s]
				check(n+" thigh", ps.Pelvis, l.Knee, figure.ThighLen)
				check(n+" shin", l.Knee, l.Ankle, figure.ShinLen)
				check(n+" upper arm", ps.Shoulder, l.Elbow, figure.UpperArmLen)
				check(n+" forearm", l.Elbow, l.Hand, figure.ForearmLen)
				check(n+" foot", l.Heel, l.Toe, figure.FootLen)
			}
		}
	}
}

// TestFrontLimbLengths: seen from the front, limbs moving across the body
// (abduction, no flexion) keep their lengths in the picture too, and the
// left side is on the picture's right.
func TestFrontLimbLengths(t *testing.T) {
	for _, v := range []float64{0, 20, 45, 90, 170} {
		fr := front(frame("standing", a{"shoulder-abduction": v, "hip-abduction": math.Min(v, 60)}))
		ps, _ := figure.PoseWithError(&fr, nil)
		for s, l := range ps.Side {
			for _, seg := range []struct {
				what string
				a, b figure.Vec
				want float64
			}{
				{"thigh", ps.Hip[s], l.Knee, figure.ThighLen}, {"shin", l.Knee, l.Ankle, figure.ShinLen},
				{"upper arm", ps.Arm[s], l.Elbow, figure.UpperArmLen}, {"forearm", l.Elbow, l.Hand, figure.ForearmLen},
			} {
				if got := seg.b.Sub(seg.a).Len(); math.Abs(got-seg.want) > 1e-6 {
					t.Errorf("abduction %v: %s %s is %.4f long, want %v", v, figure.SideNames[s], seg.what, got, seg.want)
				}
			}
		}
		if ps.Side[figure.Left].Hand.X <= ps.Side[figure.Right].Hand.X {
			t.Errorf("abduction %v: the left hand is not on the picture's right", v)
		}
	}
}

// TestStandingFeetOnFloor: a standing body's lowest foot touches the floor
// and nothing is below it, whatever the knees and trunk do within reason.
func TestStandingFeetOnFloor(t *testing.T) {
	for _, fr := range []figure.Frame{
		frame("standing", nil),
		frame("standing", a{"knees": 60, "hips": 60, "trunk": 30, "ankles": 20}),
		frame("standing", a{"left-hips": 90, "left-knees": 90}),
		frame("standing", a{"ankles": -30}),
		frame("standing", a{"right-hips": -20, "right-ankles": -40, "left-hips": 40, "left-knees": 40}),
	} {
		ps, err := figure.PoseWithError(&fr, nil)
		if err != "" {
			t.Fatalf("%v: %s", fr.Angles, err)
		}
		low := math.Inf(1)
		for _, p := range ps.Points() {
			b := ps.Bottom(p)
			if p.Is("feet") {
				low = math.Min(low, b)
			}
			if b < -figure.Tolerance {
				t.Errorf("%v: the %s is %.1f below the floor", fr.Angles, p.Name, b)
			}
		}
		if math.Abs(low) > 1e-9 {
			t.Errorf("%v: the lowest foot is %.2f off the floor, want 0", fr.Angles, low)
		}
	}
}

// TestSettle: lying poses rest on the floor with their weight supported.
func TestSettle(t *testing.T) {
	tests := []struct {
		name  string
		fr    figure.Frame
		props []figure.Prop
		check func(ps *figure.Posed) string
	}{
		{"bridge lifts the pelvis", frame("lying-back", a{"hips": 0, "knees": 90}), nil, func(ps *figure.Posed) string {
			if ps.Pelvis.Y-figure.TorsoW/2 < 15 {
				return "pelvis not lifted"
			}
			return ""
		}},
		{"flat on the back", frame("lying-back", nil), nil, func(ps *figure.Posed) string {
			if math.Abs(ps.Tip()) > 0.5 || ps.Pelvis.Y != figure.TorsoW/2 {
				return "not lying flat"
			}
			return ""
		}},
		{"all fours puts hands and knees down", frame("hands-knees", nil), nil, func(ps *figure.Posed) string {
			for _, l := range ps.Side {
				if l.Hand.Y-figure.ForearmW/2 > 1.5 || l.Knee.Y-figure.ThighW/2 > 1.5 {
					return "a hand or knee is off the floor"
				}
			}
			return ""
		}},
		{"incline plank rests hands on the bench", frame("plank", nil), []figure.Prop{{Name: "bench", At: "hands"}}, func(ps *figure.Posed) string {
			if h := ps.Side[figure.Left].Hand.Y - figure.ForearmW/2; math.Abs(h-figure.PropHeight("bench")) > 1.5 {
				return "hands not on the bench"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		ps, err := figure.PoseWithError(&tt.fr, tt.props)
		if err != "" {
			t.Errorf("%s: %s", tt.name, err)
			continue
		}
		if msg := tt.check(ps); msg != "" {
			t.Errorf("%s: %s", tt.name, msg)
		}
	}
}

func TestCheck(t *testing.T) {
	at := diag.Pos{File: "x.md", Line: 9, Col: 11}
	tests := []struct {
		name  string
		fig   figure.Figure
		wants []string
	}{
		{"head through the floor", figure.Figure{Frames: []figure.Frame{withPos(frame("standing", a{"trunk": 120}), at)}},
			[]string{"x.md:9:11: this standing frame puts the head"}},
		{"feet through the floor when sitting", figure.Figure{Frames: []figure.Frame{withPos(frame("sitting", a{"knees": 0, "hips": 20}), at)}},
			[]string{"x.md:9:11: this sitting frame puts the "}},
		{"prop in the wrong place", figure.Figure{Props: []figure.Prop{{Name: "dumbbell", At: "knees", Pos: at}}, Frames: []figure.Frame{frame("standing", nil)}},
			[]string{`x.md:9:11: a dumbbell cannot go at "knees" (use one of: hands, left-hand, right-hand)`}},
		{"rolls over", figure.Figure{Frames: []figure.Frame{withPos(frame("lying-back", a{"trunk": 120}), at)}},
			[]string{"cannot rest on the floor"}},
		{"fine", figure.Figure{Frames: []figure.Frame{frame("standing", nil), frame("lying-back", nil)}}, nil},
	}
	for _, tt := range tests {
		var errs diag.List
		figure.Check(&tt.fig, &errs)
		got := ""
		if err := errs.Err(); err != nil {
			got = err.Error()
		}
		if len(tt.wants) == 0 && got != "" {
			t.Errorf("%s: unexpected %s", tt.name, got)
		}
		for _, w := range tt.wants {
			if !strings.Contains(got, w) {
				t.Errorf("%s: got %q, want it to contain %q", tt.name, got, w)
			}
		}
	}
}

func withPos(fr figure.Frame, p diag.Pos) figure.Frame { fr.Pos = p; return fr }
