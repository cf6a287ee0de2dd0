package draw

import (
	"bytes"
	"encoding/xml"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbook/generator/diag"
	"handbook/generator/figure"
	"handbook/generator/figure/internal/figuretest"
)

var update = flag.Bool("update", false, "rewrite the golden SVGs in testdata")

// Frames written short.
var frame, front = figuretest.Frame, figuretest.Front

type a = figuretest.A

// poses are the golden set: one or two of every base and most props.
var poses = []struct {
	name   string
	props  []figure.Prop
	frames []figure.Frame
}{
	{"standing", nil, []figure.Frame{frame("standing", nil)}},
	{"squat", nil, []figure.Frame{frame("standing", nil), frame("standing", a{"trunk": 35, "hips": 95, "knees": 100, "ankles": 25, "shoulders": 80})}},
	{"bridge", []figure.Prop{{Name: "mat"}}, []figure.Frame{frame("lying-back", a{"hips": 50, "knees": 90}), frame("lying-back", a{"hips": 0, "knees": 90})}},
	{"bird-dog", []figure.Prop{{Name: "mat"}}, []figure.Frame{frame("hands-knees", nil), frame("hands-knees", a{"left-hips": 0, "left-knees": 0, "right-shoulders": 170})}},
	{"plank", nil, []figure.Frame{frame("plank", a{"elbows": 90, "shoulders": 80})}},
	{"sit-to-stand", []figure.Prop{{Name: "chair"}}, []figure.Frame{frame("sitting", a{"trunk": 20}), frame("standing", nil)}},
	{"side-plank", nil, []figure.Frame{frame("side-lying", a{"right-shoulders": -90, "right-elbows": 90})}},
	{"prone-press-up", nil, []figure.Frame{frame("lying-front", a{"shoulders": -40, "elbows": 120}), frame("lying-front", a{"trunk": -35, "shoulders": 40, "elbows": 20})}},
	{"lunge", nil, []figure.Frame{frame("standing", a{"left-hips": 70, "left-knees": 80, "right-hips": -15, "right-knees": 80, "right-ankles": -30})}},
	{"row", []figure.Prop{{Name: "band"}}, []figure.Frame{frame("sitting", a{"hips": 90, "knees": 0, "shoulders": 80}), frame("sitting", a{"hips": 90, "knees": 0, "shoulders": -20, "elbows": 100})}},
	{"step-up", []figure.Prop{{Name: "step"}}, []figure.Frame{frame("standing", a{"left-hips": 45, "left-knees": 60})}},
	{"arms-out-front", nil, []figure.Frame{front(frame("standing", nil)), front(frame("standing", a{"shoulder-abduction": 90}))}},
	{"side-step-front", []figure.Prop{{Name: "band", At: "knees"}}, []figure.Frame{front(frame("standing", a{"knees": 20, "hips": 20, "trunk": 10})), front(frame("standing", a{"knees": 20, "hips": 20, "trunk": 10, "left-hip-abduction": 25}))}},
	{"turn", nil, []figure.Frame{frame("standing", a{"shoulders": 90}), frame("standing", a{"shoulders": 90, "turn": 45})}},
	{"cat-cow", nil, []figure.Frame{frame("hands-knees", a{"spine": 30, "neck": 30}), frame("hands-knees", a{"spine": -25, "neck": -20})}},
}

func TestGolden(t *testing.T) {
	for _, p := range poses {
		t.Run(p.name, func(t *testing.T) {
			f := &figure.Figure{Frames: p.frames, Props: p.props}
			var errs diag.List
			figure.Check(f, &errs)
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
				t.Fatalf("%v (run go test ./generator/figure/draw -update)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the drawing; look at both, then run with -update if the change is right", file)
			}
		})
	}
}

func TestDescribe(t *testing.T) {
	tests := []struct {
		fig  figure.Figure
		want string
	}{
		{figure.Figure{Frames: []figure.Frame{frame("lying-back", a{"hips": 50, "knees": 90}), frame("lying-back", a{"hips": 0, "knees": 90})}},
			"Start: lying on your back, knees bent. End: lying on your back, hips lifted, knees bent."},
		{figure.Figure{Frames: []figure.Frame{frame("standing", a{"shoulders": 170})}}, "Standing, arms overhead."},
		{figure.Figure{Frames: []figure.Frame{frame("hands-knees", a{"left-hips": 0, "left-knees": 0, "right-shoulders": 170})}},
			"On your hands and knees, one leg stretched out behind, one arm reaching forward."},
		{figure.Figure{Props: []figure.Prop{{Name: "chair"}}, Frames: []figure.Frame{frame("sitting", nil)}}, "Sitting on a chair."},
		// a heel slide: one knee bent with its foot flat is not a leg raised
		{figure.Figure{Frames: []figure.Frame{frame("lying-back", a{"hips": 45, "knees": 90}), frame("lying-back", a{"left-hips": 5, "left-knees": 10, "right-hips": 45, "right-knees": 90})}},
			"Start: lying on your back, knees bent. End: lying on your back, one knee bent."},
		// a prone press-up: the hips open as the chest lifts; the legs stay down
		{figure.Figure{Frames: []figure.Frame{frame("lying-front", nil), frame("lying-front", a{"trunk": -40, "spine": -35, "hips": -40, "shoulders": 90, "elbows": 10})}},
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
		fig  figure.Figure
		want string
	}{
		{figure.Figure{Frames: []figure.Frame{frame("lying-back", a{"hips": 50, "knees": 90}), frame("lying-back", a{"hips": 0, "knees": 90, "elbows": 90})}},
			"First, supine, with knees flexed; then supine, with hips up, knees flexed and elbows flexed!"},
		{figure.Figure{Frames: []figure.Frame{front(frame("standing", a{"elbows": 90})), frame("standing", nil), frame("standing", nil)}},
			"(1) upright, from the front, with elbows flexed; (2) upright; (3) upright;"},
		{figure.Figure{Frames: []figure.Frame{frame("standing", a{"trunk": 40, "knees": 90, "hips": 90, "elbows": 90})}},
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

// A frame whose base is unknown (the schema has reported it) is drawn
// standing and left out of the description: one mistake in a page still
// gives a build with every error listed, not a panic.
func TestUnknownBase(t *testing.T) {
	f := &figure.Figure{Frames: []figure.Frame{{Base: "floating"}, frame("standing", a{"shoulders": 170})}}
	if got, want := Describe(f, nil), "End: standing, arms overhead."; got != want {
		t.Errorf("Describe: got %q, want %q", got, want)
	}
	svg := SVG(f, "T", "f", nil)
	if err := xml.Unmarshal(svg, new(struct{})); err != nil {
		t.Fatalf("not well-formed: %v", err)
	}
	if !bytes.Contains(svg, []byte(`<desc id="f-d">End: standing, arms overhead.</desc>`)) {
		t.Errorf("the description should leave out the unknown frame:\n%s", svg)
	}
	if n := bytes.Count(svg, []byte(`<circle`)); n < 2 {
		t.Errorf("want a head drawn for each frame, got %d circles", n)
	}
}
