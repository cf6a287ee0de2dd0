package draw

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"

	"handbook/generator/figure"
)

// Words are the words a figure is described and labelled with, in one
// language: the words of key ("figure.label.start"), with args filled in
// as by fmt.Sprintf. Package render gives the handbook's strings
// (layouts/strings/LANG/figures.yaml); nil is English.
type Words func(key string, args ...any) string

// English are the figure's words in English, the words of Words nil.
func English(key string, args ...any) string {
	w, ok := english[key]
	if !ok {
		return key
	}
	if len(args) == 0 {
		return w
	}
	return fmt.Sprintf(w, args...)
}

// EnglishWords returns every key a figure is described and labelled with,
// with its English words, for checking a language's string files.
func EnglishWords() map[string]string {
	m := make(map[string]string, len(english))
	for k, w := range english {
		m[k] = w
	}
	return m
}

func (say Words) or() Words {
	if say == nil {
		return English
	}
	return say
}

// english are the figure's English words. A description is a frame's base
// ("figure.base.*") and what differs from it ("figure.pose.*"), joined by
// commas. Parts of the body in a state ("knees bent") are said together
// with figure.with, their list's last two joined by figure.list.last:
// in English as they are, in Spanish "con las rodillas dobladas y los codos
// doblados"; the rest ("seen from the front", "in a deep squat") stand
// alone.
var english = map[string]string{
	"figure.base.bike":          "Sitting on an exercise bike",
	"figure.base.chair":         "Sitting on a chair",
	"figure.base.bench":         "Sitting on a bench",
	"figure.base.water":         "In the water, lying face down",
	"figure.base.forearm-plank": "In a plank on your forearms",
	"figure.base.raised-plank":  "In a plank with your hands raised",

	"figure.with":      "%s",
	"figure.list.last": ", ",

	"figure.pose.front":                    "seen from the front",
	"figure.pose.turned":                   "upper body turned to one side",
	"figure.pose.bent-forward":             "bent forward at the hips",
	"figure.pose.leaning-forward":          "leaning forward",
	"figure.pose.leaning-slightly-forward": "leaning slightly forward",
	"figure.pose.leaning-back":             "leaning back",
	"figure.pose.head-lifted":              "head and shoulders lifted",
	"figure.pose.chest-lifted":             "chest lifted",
	"figure.pose.back-rounded":             "back rounded",
	"figure.pose.back-slightly-rounded":    "back slightly rounded",
	"figure.pose.back-arched":              "back arched",
	"figure.pose.back-slightly-arched":     "back slightly arched",
	"figure.pose.hips-lifted":              "hips lifted",
	"figure.pose.table-top":                "legs raised in table top, hips and knees at right angles",
	"figure.pose.one-table-top":            "one leg raised in table top",
	"figure.pose.knees-to-chest":           "knees pulled toward the chest",
	"figure.pose.one-knee-to-chest":        "one knee pulled toward the chest",
	"figure.pose.one-leg-raised":           "one leg raised",
	"figure.pose.legs-lifted":              "legs lifted",
	"figure.pose.one-leg-lifted":           "one leg lifted",
	"figure.pose.one-leg-stretched-back":   "one leg stretched out behind",
	"figure.pose.top-knee-lifted":          "top knee lifted",
	"figure.pose.top-leg-lifted":           "top leg lifted",
	"figure.pose.foot-on-step":             "one foot up on a step",
	"figure.pose.lunge":                    "in a lunge, one foot forward",
	"figure.pose.one-knee-lifted":          "one knee lifted",
	"figure.pose.one-leg-behind":           "one leg behind",
	"figure.pose.deep-squat":               "in a deep squat",
	"figure.pose.knees-bent":               "knees bent",
	"figure.pose.one-knee-bent":            "one knee bent",
	"figure.pose.knees-slightly-bent":      "knees slightly bent",
	"figure.pose.legs-straight":            "legs straight",
	"figure.pose.one-arm-forward":          "one arm reaching forward",
	"figure.pose.arms-forward":             "arms reaching forward",
	"figure.pose.arms-overhead":            "arms overhead",
	"figure.pose.one-arm-overhead":         "one arm overhead",
	"figure.pose.arms-back":                "arms drawn back",
	"figure.pose.elbows-bent":              "elbows bent",
	"figure.pose.arms-out":                 "arms out to the sides",
	"figure.pose.one-arm-out":              "one arm out to the side",
	"figure.pose.legs-apart":               "legs apart",
	"figure.pose.one-leg-out":              "one leg out to the side",
	"figure.pose.on-toes":                  "up on your toes",
	"figure.pose.chin-tucked":              "chin tucked",
	"figure.pose.looking-up":               "looking up",

	"figure.frame.one":   "%s.",
	"figure.frame.start": "Start: %s.",
	"figure.frame.end":   "End: %s.",
	"figure.frame.step":  "Step %d: %s.",

	"figure.label.start": "Start",
	"figure.label.end":   "End",
}

func init() {
	for _, name := range figure.Bases {
		english["figure.base."+name] = figure.BaseOf(name).Phrase
	}
}

// partAt is where a part of a posed body is, for arrows.
func partAt(ps *figure.Posed, part string) (figure.Vec, bool) {
	foot := func(s int) figure.Vec { return ps.Side[s].Heel.Lerp(ps.Side[s].Toe, 0.5) }
	switch part {
	case "head":
		return ps.Head, true
	case "chest", "upper-back":
		return ps.TorsoAt(0.75), true
	case "back":
		return ps.TorsoAt(0.5), true
	case "hips":
		return ps.Pelvis, true
	case "hands", "left-hand":
		return ps.Side[figure.Left].Hand, true
	case "right-hand":
		return ps.Side[figure.Right].Hand, true
	case "left-elbow":
		return ps.Side[figure.Left].Elbow, true
	case "right-elbow":
		return ps.Side[figure.Right].Elbow, true
	case "knees", "left-knee":
		return ps.Side[figure.Left].Knee, true
	case "right-knee":
		return ps.Side[figure.Right].Knee, true
	case "calves":
		return ps.Side[figure.Left].Knee.Lerp(ps.Side[figure.Left].Ankle, 0.5), true
	case "feet", "left-foot":
		return foot(figure.Left), true
	case "right-foot":
		return foot(figure.Right), true
	}
	return figure.Vec{}, false
}

// arrowParts are the parts an arrow is drawn for when the author names
// none: the one that moves furthest between frames.
var arrowParts = []string{"hips", "head", "left-hand", "left-knee", "left-foot", "right-hand", "right-knee", "right-foot", "left-elbow", "right-elbow"}

// minMove is the least movement, in units, worth an arrow.
const minMove = 12

// movement is where the part an arrow shows was and is, between two frames,
// in the later frame's place. Standing frames are lined up on a foot that
// stays on the floor in both (the far one first: authors move the near
// one), so that a step shows its full length.
func movement(prev, cur *figure.Posed, arrow string) (a, b figure.Vec, ok bool) {
	if arrow == "none" {
		return a, b, false
	}
	shift := figure.Vec{}
	if !prev.Base.Rest && !cur.Base.Rest {
		for _, s := range []int{figure.Right, figure.Left} {
			if part := figure.SideNames[s] + "-foot"; arrow != part && arrow != "feet" && grounded(prev, s) && grounded(cur, s) {
				p, _ := partAt(prev, part)
				q, _ := partAt(cur, part)
				shift = figure.Vec{X: q.X - p.X, Y: 0}
				break
			}
		}
	}
	if arrow != "" {
		a, _ = partAt(prev, arrow)
		b, ok = partAt(cur, arrow)
		a = a.Add(shift)
		return a, b, ok && b.Sub(a).Len() > 3
	}
	best := 0.0
	for _, part := range arrowParts {
		p, _ := partAt(prev, part)
		q, _ := partAt(cur, part)
		p = p.Add(shift)
		if d := q.Sub(p).Len(); d > best+2 {
			a, b, best = p, q, d
		}
	}
	return a, b, best >= minMove
}

// grounded reports whether a foot rests on the floor or the prop under it.
func grounded(ps *figure.Posed, s int) bool {
	for _, p := range ps.Points() {
		if p.Is(figure.SideNames[s]+"-foot") && ps.Bottom(p) < 2 {
			return true
		}
	}
	return false
}

// Describe is the figure in words, for its accessible description:
// "Start: lying on your back, knees bent. End: lying on your back, knees
// bent, hips lifted.", in the language of say (nil for English).
func Describe(f *figure.Figure, say Words) string {
	poses := make([]*figure.Posed, len(f.Frames))
	for i := range f.Frames {
		poses[i] = figure.Pose(&f.Frames[i], f.Props)
	}
	return describeAll(f, poses, say.or())
}

// describeAll is Describe with the frames already posed (nil where a frame
// has no known base).
func describeAll(f *figure.Figure, poses []*figure.Posed, say Words) string {
	var out []string
	for i := range f.Frames {
		if poses[i] == nil {
			continue
		}
		s := describe(&f.Frames[i], f.Props, poses[i], say)
		switch {
		case len(f.Frames) == 2:
			s = say([2]string{"figure.frame.start", "figure.frame.end"}[i], lowerFirst(s))
		case len(f.Frames) > 2:
			s = say("figure.frame.step", i+1, lowerFirst(s))
		default:
			s = say("figure.frame.one", s)
		}
		out = append(out, s)
	}
	return strings.Join(out, " ")
}

func lowerFirst(s string) string {
	r, n := utf8.DecodeRuneInString(s)
	if n == 0 {
		return s
	}
	return string(unicode.ToLower(r)) + s[n:]
}

// phrase is one thing said of a frame besides its base: a key of its
// words, and whether it is a part of the body in a state, said with the
// others next to it.
type phrase struct {
	key  string
	with bool
}

// sentence puts a frame's base and phrases into words: the base, then each
// phrase or run of parts of the body, joined by commas.
func sentence(say Words, first string, phrases []phrase) string {
	words := []string{first}
	for i := 0; i < len(phrases); {
		if !phrases[i].with {
			words = append(words, say(phrases[i].key))
			i++
			continue
		}
		var run []string
		for ; i < len(phrases) && phrases[i].with; i++ {
			run = append(run, say(phrases[i].key))
		}
		list := run[0]
		if n := len(run); n > 1 {
			list = strings.Join(run[:n-1], ", ") + say("figure.list.last") + run[n-1]
		}
		words = append(words, say("figure.with", list))
	}
	return strings.Join(words, ", ")
}

// describe puts one frame into words: its base, then what differs from it.
func describe(fr *figure.Frame, props []figure.Prop, ps *figure.Posed, say Words) string {
	b := ps.Base
	get := func(j figure.Joint, s int) float64 { return fr.JointAngle(b, j, s) }
	// changed says how a sided joint differs from the base: on both sides,
	// on one, or on neither, by test.
	changed := func(j figure.Joint, test func(float64) bool) string {
		l, r := test(get(j, figure.Left)) && !test(b.Defaults[j]), test(get(j, figure.Right)) && !test(b.Defaults[j])
		switch {
		case l && r:
			return "both"
		case l || r:
			return "one"
		}
		return ""
	}
	has := func(name string) bool {
		for _, p := range props {
			if p.Name == name {
				return true
			}
		}
		return false
	}
	first := "figure.base." + b.Name
	switch {
	case b.Name == "sitting" && has("bike"):
		first = "figure.base.bike"
	case b.Name == "sitting" && has("chair"):
		first = "figure.base.chair"
	case b.Name == "sitting" && has("bench"):
		first = "figure.base.bench"
	case has("water"):
		first = "figure.base.water"
	case b.Name == "plank" && onForearms(ps):
		first = "figure.base.forearm-plank"
	case b.Name == "plank" && ps.Raised("hands"):
		first = "figure.base.raised-plank"
	}
	var phrases []phrase
	legsSaid := false // the knees were described with the hips
	// add says a part of the body in a state ("knees bent"); alone, the
	// rest ("seen from the front")
	add := func(key string) { phrases = append(phrases, phrase{"figure.pose." + key, true}) }
	alone := func(key string) { phrases = append(phrases, phrase{"figure.pose." + key, false}) }
	upright := !b.Rest
	if fr.Front {
		alone("front")
	}
	if t := get(figure.Turn, figure.Left); t >= 20 || t <= -20 {
		add("turned")
	}
	trunk := get(figure.Trunk, figure.Left)
	switch {
	case upright && trunk >= 35 && (get(figure.Hips, figure.Left)+get(figure.Hips, figure.Right))/2-b.Defaults[figure.Hips] >= 25:
		add("bent-forward")
	case upright && trunk >= 35:
		add("leaning-forward")
	case upright && trunk >= 12:
		add("leaning-slightly-forward")
	case upright && trunk <= -10:
		add("leaning-back")
	case b.Name == "lying-back" && trunk >= 15:
		add("head-lifted")
	case b.Name == "lying-front" && trunk <= -12:
		add("chest-lifted")
	}
	switch spine := get(figure.Spine, figure.Left); {
	case spine >= 15:
		add("back-rounded")
	case spine >= 4:
		add("back-slightly-rounded")
	case spine <= -12:
		add("back-arched")
	case spine <= -4:
		add("back-slightly-arched")
	}
	if (b.Name == "lying-back" || b.Name == "side-lying") && ps.Floor && ps.Pelvis.Y-figure.TorsoW/2 > 10 {
		add("hips-lifted")
	}
	switch b.Name {
	case "lying-back":
		table := func(a float64) bool { return a >= 75 && a < 100 }
		tableTop := func(s int) bool {
			return table(get(figure.Hips, s)) && get(figure.Knees, s) >= 75 && get(figure.Knees, s) <= 105
		}
		// a leg raised straight from the hip; a bent leg with its foot on
		// the floor beside a straight one is not
		straightRaised := func(s int) bool { return get(figure.Hips, s) >= 30 && get(figure.Knees, s) < 30 }
		switch {
		case tableTop(figure.Left) && tableTop(figure.Right):
			add("table-top")
			legsSaid = true
		case tableTop(figure.Left) != tableTop(figure.Right) && (get(figure.Hips, figure.Left) < 60 || get(figure.Hips, figure.Right) < 60):
			add("one-table-top")
		case changed(figure.Hips, func(a float64) bool { return a >= 100 }) == "both":
			add("knees-to-chest")
		case changed(figure.Hips, func(a float64) bool { return a >= 100 }) == "one":
			add("one-knee-to-chest")
		case changed(figure.Hips, func(a float64) bool { return a >= 30 }) == "one" && straightRaised(figure.Left) != straightRaised(figure.Right):
			add("one-leg-raised")
		}
	case "lying-front":
		// The hips extend as far as the chest lifts (trunk below 0) with the
		// legs still on the floor: a leg is lifted when it goes further.
		lifted := func(s int) bool { return get(figure.Hips, s)-math.Min(trunk, 0) <= -8 }
		switch {
		case lifted(figure.Left) && lifted(figure.Right):
			add("legs-lifted")
		case lifted(figure.Left) || lifted(figure.Right):
			add("one-leg-lifted")
		}
	case "hands-knees", "plank":
		if c := changed(figure.Hips, func(a float64) bool { return a <= 40 }); c == "one" && b.Name == "hands-knees" {
			add("one-leg-stretched-back")
		} else if c := changed(figure.Hips, func(a float64) bool { return a <= -10 || a >= 20 }); c == "one" && b.Name == "plank" {
			add("one-leg-lifted")
		}
	case "side-lying":
		if get(figure.Hips, figure.Left) >= 15 && get(figure.Hips, figure.Left) >= get(figure.Hips, figure.Right)+10 {
			if get(figure.Knees, figure.Left) >= 40 {
				add("top-knee-lifted")
			} else {
				add("top-leg-lifted")
			}
		}
	case "standing":
		lifted := changed(figure.Hips, func(a float64) bool { return a >= 40 }) == "one"
		both := grounded(ps, figure.Left) && grounded(ps, figure.Right)
		switch {
		case lifted && both && ps.Raised("feet", "left-foot", "right-foot"):
			add("foot-on-step")
		case lifted && both:
			alone("lunge")
		case lifted:
			add("one-knee-lifted")
		case changed(figure.Hips, func(a float64) bool { return a <= -12 }) == "one":
			add("one-leg-behind")
		}
	default:
		if c := changed(figure.Hips, func(a float64) bool { return a >= 45 }); c == "one" {
			add("one-knee-lifted")
		} else if c := changed(figure.Hips, func(a float64) bool { return a <= -12 }); c == "one" {
			add("one-leg-behind")
		}
	}
	switch c := changed(figure.Knees, func(a float64) bool { return a >= 60 }); {
	case legsSaid:
	case c == "both" && b.Name == "standing" && get(figure.Hips, figure.Left) >= 60 && get(figure.Hips, figure.Right) >= 60:
		alone("deep-squat")
	case c == "both" && b.Name == "standing" && (get(figure.Hips, figure.Left) >= 40) != (get(figure.Hips, figure.Right) >= 40):
		// said with the lunge or the lifted knee
	case c == "both":
		add("knees-bent")
	case c == "one" && b.Name == "standing" && get(figure.Hips, figure.Left) >= 40 != (get(figure.Hips, figure.Right) >= 40):
		// said with the lifted knee
	case c == "one":
		add("one-knee-bent")
	default:
		if changed(figure.Knees, func(a float64) bool { return a >= 20 }) == "both" {
			add("knees-slightly-bent")
		} else if changed(figure.Knees, func(a float64) bool { return a <= 20 }) == "both" {
			add("legs-straight")
		}
	}
	switch {
	case b.Rest && b.Name != "lying-back" && b.Name != "side-lying":
		if c := changed(figure.Shoulders, func(a float64) bool { return a >= 140 }); c == "one" {
			add("one-arm-forward")
		} else if c == "both" {
			add("arms-forward")
		}
	case changed(figure.Shoulders, func(a float64) bool { return a >= 150 }) == "both":
		add("arms-overhead")
	case changed(figure.Shoulders, func(a float64) bool { return a >= 150 }) == "one":
		add("one-arm-overhead")
	case changed(figure.Shoulders, func(a float64) bool { return a >= 60 }) == "both":
		add("arms-forward")
	case upright && changed(figure.Shoulders, func(a float64) bool { return a <= -25 }) == "both":
		add("arms-back")
	case changed(figure.Elbows, func(a float64) bool { return a >= 70 }) == "both":
		add("elbows-bent")
	}
	switch changed(figure.ShoulderAbduction, func(a float64) bool { return a >= 60 }) {
	case "both":
		add("arms-out")
	case "one":
		add("one-arm-out")
	}
	switch changed(figure.HipAbduction, func(a float64) bool { return a >= 15 }) {
	case "both":
		add("legs-apart")
	case "one":
		add("one-leg-out")
	}
	if upright && changed(figure.Ankles, func(a float64) bool { return a <= -20 }) == "both" {
		alone("on-toes")
	}
	switch neck := get(figure.Neck, figure.Left); {
	case neck >= 25:
		add("chin-tucked")
	case neck <= -20:
		add("looking-up")
	}
	return sentence(say, say(first), phrases)
}

// onForearms reports whether a plank rests on the forearms: both elbow and
// hand on the floor.
func onForearms(ps *figure.Posed) bool {
	var elbow, hand bool
	for _, p := range ps.Points() {
		switch {
		case p.Is("left-elbow"):
			elbow = ps.Bottom(p) < 3
		case p.Is("left-hand"):
			hand = ps.Bottom(p) < 3
		}
	}
	return elbow && hand
}
