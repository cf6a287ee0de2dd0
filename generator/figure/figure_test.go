package figure

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbook/generator/diag"
)

var update = flag.Bool("update", false, "rewrite the golden SVGs in testdata")

// frame is a test frame: a base and joint angles, the same on both sides
// unless a key is "left-..." or "right-...".
func frame(base string, angles map[string]float64) Frame {
	fr := Frame{Base: base}
	for k, v := range angles {
		side, name, _ := strings.Cut(k, "-")
		if side != "left" && side != "right" {
			side, name = "", k
		}
		for j := Joint(0); j < NumJoints; j++ {
			if JointNames[j] != name {
				continue
			}
			if !fr.Set[j] {
				d := baseOf(base).defaults[j]
				fr.Angles[j] = Angle{d, d}
				fr.Set[j] = true
			}
			switch side {
			default:
				fr.Angles[j] = Angle{v, v}
			case "left":
				fr.Angles[j].Left = v
			case "right":
				fr.Angles[j].Right = v
			}
		}
	}
	return fr
}

type a = map[string]float64

// poses are the golden set: one or two of every base and most props.
var poses = []struct {
	name   string
	props  []Prop
	frames []Frame
}{
	{"standing", nil, []Frame{frame("standing", nil)}},
	{"squat", nil, []Frame{frame("standing", nil), frame("standing", a{"trunk": 35, "hips": 95, "knees": 100, "ankles": 25, "shoulders": 80})}},
	{"bridge", []Prop{{Name: "mat"}}, []Frame{frame("lying-back", a{"hips": 50, "knees": 90}), frame("lying-back", a{"hips": 0, "knees": 90})}},
	{"bird-dog", []Prop{{Name: "mat"}}, []Frame{frame("hands-knees", nil), frame("hands-knees", a{"left-hips": 0, "left-knees": 0, "right-shoulders": 170})}},
	{"plank", nil, []Frame{frame("plank", a{"elbows": 90, "shoulders": 80})}},
	{"sit-to-stand", []Prop{{Name: "chair"}}, []Frame{frame("sitting", a{"trunk": 20}), frame("standing", nil)}},
	{"side-plank", nil, []Frame{frame("side-lying", a{"right-shoulders": -90, "right-elbows": 90})}},
	{"prone-press-up", nil, []Frame{frame("lying-front", a{"shoulders": -40, "elbows": 120}), frame("lying-front", a{"trunk": -35, "shoulders": 40, "elbows": 20})}},
	{"lunge", nil, []Frame{frame("standing", a{"left-hips": 70, "left-knees": 80, "right-hips": -15, "right-knees": 80, "right-ankles": -30})}},
	{"row", []Prop{{Name: "band"}}, []Frame{frame("sitting", a{"hips": 90, "knees": 0, "shoulders": 80}), frame("sitting", a{"hips": 90, "knees": 0, "shoulders": -20, "elbows": 100})}},
	{"step-up", []Prop{{Name: "step"}}, []Frame{frame("standing", a{"left-hips": 45, "left-knees": 60})}},
	{"arms-out-front", nil, []Frame{front(frame("standing", nil)), front(frame("standing", a{"shoulder-abduction": 90}))}},
	{"side-step-front", []Prop{{Name: "band", At: "knees"}}, []Frame{front(frame("standing", a{"knees": 20, "hips": 20, "trunk": 10})), front(frame("standing", a{"knees": 20, "hips": 20, "trunk": 10, "left-hip-abduction": 25}))}},
	{"turn", nil, []Frame{frame("standing", a{"shoulders": 90}), frame("standing", a{"shoulders": 90, "turn": 45})}},
	{"cat-cow", nil, []Frame{frame("hands-knees", a{"spine": 30, "neck": 30}), frame("hands-knees", a{"spine": -25, "neck": -20})}},
}

func TestGolden(t *testing.T) {
	for _, p := range poses {
		t.Run(p.name, func(t *testing.T) {
			f := &Figure{Frames: p.frames, Props: p.props}
			var errs diag.List
			Check(f, &errs)
			if errs.Len() > 0 {
				t.Fatalf("Check: %v", errs.Err())
			}
			got := SVG(f, p.name, "fig", nil)
			if err := xml.Unmarshal(got, new(struct{})); err != nil {
				t.Fatalf("not well-formed XML: %v", err)
			}
			if again := SVG(f, p.name, "fig", nil); !bytes.Equal(got, again) {
				t.Fatal("two drawings of the same figure differ")
			}
			file := filepath.Join("testdata", p.name+".svg")
			if *update {
				if err := os.WriteFile(file, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(file)
			if err != nil {
				t.Fatalf("%v (run go test ./generator/figure -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the drawing; look at both, then run with -update if the change is right", file)
			}
		})
	}
}

// TestLimbLengths: however the joints are set, each segment keeps its length.
func TestLimbLengths(t *testing.T) {
	angles := []float64{-40, 0, 35, 90, 150}
	for _, base := range bases {
		for _, v := range angles {
			fr := frame(base.name, nil)
			for _, j := range []Joint{Hips, Knees, Ankles, Shoulders, Elbows} { // in the plane seen
				r := Ranges[j]
				fr.Angles[j] = Angle{math.Max(r.Lo, math.Min(r.Hi, v)), math.Max(r.Lo, math.Min(r.Hi, -v/2))}
				fr.Set[j] = true
			}
			fr.Angles[Trunk], fr.Set[Trunk] = Angle{v / 3, v / 3}, true
			ps, _ := pose(&fr, nil)
			check := func(what string, a, b vec, want float64) {
				if got := b.sub(a).len(); math.Abs(got-want) > 1e-6 {
					t.Errorf("%s at %v°: %s is %.4f long, want %v", base.name, v, what, got, want)
				}
			}
			check("torso", ps.pelvis, ps.shoulder, torsoLen)
			for s, l := range ps.side {
				n := sideNames[s]
				check(n+" thigh", ps.pelvis, l.knee, thighLen)
				check(n+" shin", l.knee, l.ankle, shinLen)
				check(n+" upper arm", ps.shoulder, l.elbow, upperArmLen)
				check(n+" forearm", l.elbow, l.hand, forearmLen)
				check(n+" foot", l.heel, l.toe, footLen)
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
		ps, _ := pose(&fr, nil)
		for s, l := range ps.side {
			for _, seg := range []struct {
				what string
				a, b vec
				want float64
			}{
				{"thigh", ps.hip[s], l.knee, thighLen}, {"shin", l.knee, l.ankle, shinLen},
				{"upper arm", ps.arm[s], l.elbow, upperArmLen}, {"forearm", l.elbow, l.hand, forearmLen},
			} {
				if got := seg.b.sub(seg.a).len(); math.Abs(got-seg.want) > 1e-6 {
					t.Errorf("abduction %v: %s %s is %.4f long, want %v", v, sideNames[s], seg.what, got, seg.want)
				}
			}
		}
		if ps.side[left].hand.X <= ps.side[right].hand.X {
			t.Errorf("abduction %v: the left hand is not on the picture's right", v)
		}
	}
}

// TestStandingFeetOnFloor: a standing body's lowest foot touches the floor
// and nothing is below it, whatever the knees and trunk do within reason.
func TestStandingFeetOnFloor(t *testing.T) {
	for _, fr := range []Frame{
		frame("standing", nil),
		frame("standing", a{"knees": 60, "hips": 60, "trunk": 30, "ankles": 20}),
		frame("standing", a{"left-hips": 90, "left-knees": 90}),
		frame("standing", a{"ankles": -30}),
		frame("standing", a{"right-hips": -20, "right-ankles": -40, "left-hips": 40, "left-knees": 40}),
	} {
		ps, err := pose(&fr, nil)
		if err != nil {
			t.Fatalf("%v: %s", fr.Angles, err.msg)
		}
		low := math.Inf(1)
		for _, p := range ps.points() {
			b := ps.bottom(p)
			if p.is("feet") {
				low = math.Min(low, b)
			}
			if b < -tolerance {
				t.Errorf("%v: the %s is %.1f below the floor", fr.Angles, p.name, b)
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
		fr    Frame
		props []Prop
		check func(ps *posed) string
	}{
		{"bridge lifts the pelvis", frame("lying-back", a{"hips": 0, "knees": 90}), nil, func(ps *posed) string {
			if ps.pelvis.Y-torsoW/2 < 15 {
				return "pelvis not lifted"
			}
			return ""
		}},
		{"flat on the back", frame("lying-back", nil), nil, func(ps *posed) string {
			if math.Abs(ps.tip) > 0.5 || ps.pelvis.Y != torsoW/2 {
				return "not lying flat"
			}
			return ""
		}},
		{"all fours puts hands and knees down", frame("hands-knees", nil), nil, func(ps *posed) string {
			for _, l := range ps.side {
				if l.hand.Y-forearmW/2 > 1.5 || l.knee.Y-thighW/2 > 1.5 {
					return "a hand or knee is off the floor"
				}
			}
			return ""
		}},
		{"incline plank rests hands on the bench", frame("plank", nil), []Prop{{Name: "bench", At: "hands"}}, func(ps *posed) string {
			if h := ps.side[left].hand.Y - forearmW/2; math.Abs(h-liftOf["bench"]) > 1.5 {
				return "hands not on the bench"
			}
			return ""
		}},
	}
	for _, tt := range tests {
		ps, err := pose(&tt.fr, tt.props)
		if err != nil {
			t.Errorf("%s: %s", tt.name, err.msg)
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
		fig   Figure
		wants []string
	}{
		{"head through the floor", Figure{Frames: []Frame{withPos(frame("standing", a{"trunk": 120}), at)}},
			[]string{"x.md:9:11: this standing frame puts the head"}},
		{"feet through the floor when sitting", Figure{Frames: []Frame{withPos(frame("sitting", a{"knees": 0, "hips": 20}), at)}},
			[]string{"x.md:9:11: this sitting frame puts the "}},
		{"prop in the wrong place", Figure{Props: []Prop{{Name: "dumbbell", At: "knees", Pos: at}}, Frames: []Frame{frame("standing", nil)}},
			[]string{`x.md:9:11: a dumbbell cannot go at "knees" (use one of: hands, left-hand, right-hand)`}},
		{"rolls over", Figure{Frames: []Frame{withPos(frame("lying-back", a{"trunk": 120}), at)}},
			[]string{"cannot rest on the floor"}},
		{"fine", Figure{Frames: []Frame{frame("standing", nil), frame("lying-back", nil)}}, nil},
	}
	for _, tt := range tests {
		var errs diag.List
		Check(&tt.fig, &errs)
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

func withPos(fr Frame, p diag.Pos) Frame { fr.Pos = p; return fr }

func front(fr Frame) Frame { fr.Front = true; return fr }

func TestDescribe(t *testing.T) {
	tests := []struct {
		fig  Figure
		want string
	}{
		{Figure{Frames: []Frame{frame("lying-back", a{"hips": 50, "knees": 90}), frame("lying-back", a{"hips": 0, "knees": 90})}},
			"Start: lying on your back, knees bent. End: lying on your back, hips lifted, knees bent."},
		{Figure{Frames: []Frame{frame("standing", a{"shoulders": 170})}}, "Standing, arms overhead."},
		{Figure{Frames: []Frame{frame("hands-knees", a{"left-hips": 0, "left-knees": 0, "right-shoulders": 170})}},
			"On your hands and knees, one leg stretched out behind, one arm reaching forward."},
		{Figure{Props: []Prop{{Name: "chair"}}, Frames: []Frame{frame("sitting", nil)}}, "Sitting on a chair."},
		// a heel slide: one knee bent with its foot flat is not a leg raised
		{Figure{Frames: []Frame{frame("lying-back", a{"hips": 45, "knees": 90}), frame("lying-back", a{"left-hips": 5, "left-knees": 10, "right-hips": 45, "right-knees": 90})}},
			"Start: lying on your back, knees bent. End: lying on your back, one knee bent."},
		// a prone press-up: the hips open as the chest lifts; the legs stay down
		{Figure{Frames: []Frame{frame("lying-front", nil), frame("lying-front", a{"trunk": -40, "spine": -35, "hips": -40, "shoulders": 90, "elbows": 10})}},
			"Start: lying face down. End: lying face down, chest lifted, back arched."},
	}
	for _, tt := range tests {
		if got := Describe(&tt.fig, nil); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
}

// Another language's words give other sentences: parts of the body that
// follow each other said as one list, a word before it, its last two
// joined by "and"; frames' labels and the description in those words.
func TestDescribeWords(t *testing.T) {
	words := map[string]string{
		"figure.base.lying-back":  "Supine",
		"figure.base.standing":    "Upright",
		"figure.with":             "with %s",
		"figure.list.last":        " and ",
		"figure.pose.hips-lifted": "hips up",
		"figure.pose.knees-bent":  "knees flexed",
		"figure.pose.elbows-bent": "elbows flexed",
		"figure.pose.front":       "from the front",
		"figure.frame.start":      "First, %s;",
		"figure.frame.end":        "then %s!",
		"figure.frame.step":       "(%d) %s;",
		"figure.label.start":      "A",
		"figure.label.end":        "B",
	}
	say := func(key string, args ...any) string {
		w, ok := words[key]
		if !ok {
			return English(key, args...)
		}
		return fmt.Sprintf(w, args...)
	}
	tests := []struct {
		fig  Figure
		want string
	}{
		{Figure{Frames: []Frame{frame("lying-back", a{"hips": 50, "knees": 90}), frame("lying-back", a{"hips": 0, "knees": 90, "elbows": 90})}},
			"First, supine, with knees flexed; then supine, with hips up, knees flexed and elbows flexed!"},
		{Figure{Frames: []Frame{front(frame("standing", a{"elbows": 90})), frame("standing", nil), frame("standing", nil)}},
			"(1) upright, from the front, with elbows flexed; (2) upright; (3) upright;"},
		{Figure{Frames: []Frame{frame("standing", a{"trunk": 40, "knees": 90, "hips": 90, "elbows": 90})}},
			"Upright, with bent forward at the hips, in a deep squat, with elbows flexed."},
	}
	for _, tt := range tests {
		if got := Describe(&tt.fig, say); got != tt.want {
			t.Errorf("got  %q\nwant %q", got, tt.want)
		}
	}
	svg := string(SVG(&tests[0].fig, "T", "f", say))
	for _, want := range []string{`<desc id="f-d">` + tests[0].want + `</desc>`, ">A</text>", ">B</text>"} {
		if !strings.Contains(svg, want) {
			t.Errorf("SVG lacks %s:\n%s", want, svg)
		}
	}
}

// English is every word of Words nil, and lowerFirst is right for any
// first letter.
func TestEnglish(t *testing.T) {
	for k, w := range EnglishWords() {
		if w == "" || w == k {
			t.Errorf("%s has no English", k)
		}
	}
	if got := English("figure.frame.step", 2, "x"); got != "Step 2: x." {
		t.Errorf("step: %q", got)
	}
	for in, want := range map[string]string{"": "", "Standing": "standing", "Élan": "élan", "é": "é"} {
		if got := lowerFirst(in); got != want {
			t.Errorf("lowerFirst(%q) = %q, want %q", in, got, want)
		}
	}
}
