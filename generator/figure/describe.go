package figure

import (
	"fmt"
	"math"
	"strings"
	"unicode"
	"unicode/utf8"
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
	for _, b := range bases {
		english["figure.base."+b.name] = b.phrase
	}
}

// partAt is where a part of a posed body is, for arrows.
func (ps *posed) partAt(part string) (vec, bool) {
	foot := func(s int) vec { return ps.side[s].heel.lerp(ps.side[s].toe, 0.5) }
	switch part {
	case "head":
		return ps.head, true
	case "chest", "upper-back":
		return ps.torsoAt(0.75), true
	case "back":
		return ps.torsoAt(0.5), true
	case "hips":
		return ps.pelvis, true
	case "hands", "left-hand":
		return ps.side[left].hand, true
	case "right-hand":
		return ps.side[right].hand, true
	case "left-elbow":
		return ps.side[left].elbow, true
	case "right-elbow":
		return ps.side[right].elbow, true
	case "knees", "left-knee":
		return ps.side[left].knee, true
	case "right-knee":
		return ps.side[right].knee, true
	case "calves":
		return ps.side[left].knee.lerp(ps.side[left].ankle, 0.5), true
	case "feet", "left-foot":
		return foot(left), true
	case "right-foot":
		return foot(right), true
	}
	return vec{}, false
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
func movement(prev, cur *posed, arrow string) (a, b vec, ok bool) {
	if arrow == "none" {
		return a, b, false
	}
	shift := vec{}
	if !prev.base.rest && !cur.base.rest {
		for _, s := range []int{right, left} {
			if part := sideNames[s] + "-foot"; arrow != part && arrow != "feet" && prev.grounded(s) && cur.grounded(s) {
				p, _ := prev.partAt(part)
				q, _ := cur.partAt(part)
				shift = vec{q.X - p.X, 0}
				break
			}
		}
	}
	if arrow != "" {
		a, _ = prev.partAt(arrow)
		b, ok = cur.partAt(arrow)
		a = a.add(shift)
		return a, b, ok && b.sub(a).len() > 3
	}
	best := 0.0
	for _, part := range arrowParts {
		p, _ := prev.partAt(part)
		q, _ := cur.partAt(part)
		p = p.add(shift)
		if d := q.sub(p).len(); d > best+2 {
			a, b, best = p, q, d
		}
	}
	return a, b, best >= minMove
}

// grounded reports whether a foot rests on the floor or the prop under it.
func (ps *posed) grounded(s int) bool {
	for _, p := range ps.points() {
		if p.is(sideNames[s]+"-foot") && ps.bottom(p) < 2 {
			return true
		}
	}
	return false
}

// Describe is the figure in words, for its accessible description:
// "Start: lying on your back, knees bent. End: lying on your back, knees
// bent, hips lifted.", in the language of say (nil for English).
func Describe(f *Figure, say Words) string {
	poses := f.posed
	if len(poses) != len(f.Frames) {
		poses = make([]*posed, len(f.Frames))
		for i := range f.Frames {
			if baseOf(f.Frames[i].Base) != nil {
				poses[i], _ = pose(&f.Frames[i], f.Props)
			}
		}
	}
	return describeAll(f, poses, say.or())
}

// describeAll is Describe with the frames already posed (nil where a frame
// has no known base).
func describeAll(f *Figure, poses []*posed, say Words) string {
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
func describe(fr *Frame, props []Prop, ps *posed, say Words) string {
	b := ps.base
	get := func(j Joint, s int) float64 { return fr.angle(b, j, s) }
	// changed says how a sided joint differs from the base: on both sides,
	// on one, or on neither, by test.
	changed := func(j Joint, test func(float64) bool) string {
		l, r := test(get(j, left)) && !test(b.defaults[j]), test(get(j, right)) && !test(b.defaults[j])
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
	first := "figure.base." + b.name
	switch {
	case b.name == "sitting" && has("bike"):
		first = "figure.base.bike"
	case b.name == "sitting" && has("chair"):
		first = "figure.base.chair"
	case b.name == "sitting" && has("bench"):
		first = "figure.base.bench"
	case has("water"):
		first = "figure.base.water"
	case b.name == "plank" && ps.onForearms():
		first = "figure.base.forearm-plank"
	case b.name == "plank" && ps.raised("hands"):
		first = "figure.base.raised-plank"
	}
	var phrases []phrase
	legsSaid := false // the knees were described with the hips
	// add says a part of the body in a state ("knees bent"); alone, the
	// rest ("seen from the front")
	add := func(key string) { phrases = append(phrases, phrase{"figure.pose." + key, true}) }
	alone := func(key string) { phrases = append(phrases, phrase{"figure.pose." + key, false}) }
	upright := !b.rest
	if fr.Front {
		alone("front")
	}
	if t := get(Turn, left); t >= 20 || t <= -20 {
		add("turned")
	}
	trunk := get(Trunk, left)
	switch {
	case upright && trunk >= 35 && (get(Hips, left)+get(Hips, right))/2-b.defaults[Hips] >= 25:
		add("bent-forward")
	case upright && trunk >= 35:
		add("leaning-forward")
	case upright && trunk >= 12:
		add("leaning-slightly-forward")
	case upright && trunk <= -10:
		add("leaning-back")
	case b.name == "lying-back" && trunk >= 15:
		add("head-lifted")
	case b.name == "lying-front" && trunk <= -12:
		add("chest-lifted")
	}
	switch spine := get(Spine, left); {
	case spine >= 15:
		add("back-rounded")
	case spine >= 4:
		add("back-slightly-rounded")
	case spine <= -12:
		add("back-arched")
	case spine <= -4:
		add("back-slightly-arched")
	}
	if (b.name == "lying-back" || b.name == "side-lying") && ps.floor && ps.pelvis.Y-torsoW/2 > 10 {
		add("hips-lifted")
	}
	switch b.name {
	case "lying-back":
		table := func(a float64) bool { return a >= 75 && a < 100 }
		tableTop := func(s int) bool { return table(get(Hips, s)) && get(Knees, s) >= 75 && get(Knees, s) <= 105 }
		// a leg raised straight from the hip; a bent leg with its foot on
		// the floor beside a straight one is not
		straightRaised := func(s int) bool { return get(Hips, s) >= 30 && get(Knees, s) < 30 }
		switch {
		case tableTop(left) && tableTop(right):
			add("table-top")
			legsSaid = true
		case tableTop(left) != tableTop(right) && (get(Hips, left) < 60 || get(Hips, right) < 60):
			add("one-table-top")
		case changed(Hips, func(a float64) bool { return a >= 100 }) == "both":
			add("knees-to-chest")
		case changed(Hips, func(a float64) bool { return a >= 100 }) == "one":
			add("one-knee-to-chest")
		case changed(Hips, func(a float64) bool { return a >= 30 }) == "one" && straightRaised(left) != straightRaised(right):
			add("one-leg-raised")
		}
	case "lying-front":
		// The hips extend as far as the chest lifts (trunk below 0) with the
		// legs still on the floor: a leg is lifted when it goes further.
		lifted := func(s int) bool { return get(Hips, s)-math.Min(trunk, 0) <= -8 }
		switch {
		case lifted(left) && lifted(right):
			add("legs-lifted")
		case lifted(left) || lifted(right):
			add("one-leg-lifted")
		}
	case "hands-knees", "plank":
		if c := changed(Hips, func(a float64) bool { return a <= 40 }); c == "one" && b.name == "hands-knees" {
			add("one-leg-stretched-back")
		} else if c := changed(Hips, func(a float64) bool { return a <= -10 || a >= 20 }); c == "one" && b.name == "plank" {
			add("one-leg-lifted")
		}
	case "side-lying":
		if get(Hips, left) >= 15 && get(Hips, left) >= get(Hips, right)+10 {
			if get(Knees, left) >= 40 {
				add("top-knee-lifted")
			} else {
				add("top-leg-lifted")
			}
		}
	case "standing":
		lifted := changed(Hips, func(a float64) bool { return a >= 40 }) == "one"
		both := ps.grounded(left) && ps.grounded(right)
		switch {
		case lifted && both && ps.raised("feet", "left-foot", "right-foot"):
			add("foot-on-step")
		case lifted && both:
			alone("lunge")
		case lifted:
			add("one-knee-lifted")
		case changed(Hips, func(a float64) bool { return a <= -12 }) == "one":
			add("one-leg-behind")
		}
	default:
		if c := changed(Hips, func(a float64) bool { return a >= 45 }); c == "one" {
			add("one-knee-lifted")
		} else if c := changed(Hips, func(a float64) bool { return a <= -12 }); c == "one" {
			add("one-leg-behind")
		}
	}
	switch c := changed(Knees, func(a float64) bool { return a >= 60 }); {
	case legsSaid:
	case c == "both" && b.name == "standing" && get(Hips, left) >= 60 && get(Hips, right) >= 60:
		alone("deep-squat")
	case c == "both" && b.name == "standing" && (get(Hips, left) >= 40) != (get(Hips, right) >= 40):
		// said with the lunge or the lifted knee
	case c == "both":
		add("knees-bent")
	case c == "one" && b.name == "standing" && get(Hips, left) >= 40 != (get(Hips, right) >= 40):
		// said with the lifted knee
	case c == "one":
		add("one-knee-bent")
	default:
		if changed(Knees, func(a float64) bool { return a >= 20 }) == "both" {
			add("knees-slightly-bent")
		} else if changed(Knees, func(a float64) bool { return a <= 20 }) == "both" {
			add("legs-straight")
		}
	}
	switch {
	case b.rest && b.name != "lying-back" && b.name != "side-lying":
		if c := changed(Shoulders, func(a float64) bool { return a >= 140 }); c == "one" {
			add("one-arm-forward")
		} else if c == "both" {
			add("arms-forward")
		}
	case changed(Shoulders, func(a float64) bool { return a >= 150 }) == "both":
		add("arms-overhead")
	case changed(Shoulders, func(a float64) bool { return a >= 150 }) == "one":
		add("one-arm-overhead")
	case changed(Shoulders, func(a float64) bool { return a >= 60 }) == "both":
		add("arms-forward")
	case upright && changed(Shoulders, func(a float64) bool { return a <= -25 }) == "both":
		add("arms-back")
	case changed(Elbows, func(a float64) bool { return a >= 70 }) == "both":
		add("elbows-bent")
	}
	switch changed(ShoulderAbduction, func(a float64) bool { return a >= 60 }) {
	case "both":
		add("arms-out")
	case "one":
		add("one-arm-out")
	}
	switch changed(HipAbduction, func(a float64) bool { return a >= 15 }) {
	case "both":
		add("legs-apart")
	case "one":
		add("one-leg-out")
	}
	if upright && changed(Ankles, func(a float64) bool { return a <= -20 }) == "both" {
		alone("on-toes")
	}
	switch neck := get(Neck, left); {
	case neck >= 25:
		add("chin-tucked")
	case neck <= -20:
		add("looking-up")
	}
	return sentence(say, say(first), phrases)
}

// onForearms reports whether a plank rests on the forearms: both elbow and
// hand on the floor.
func (ps *posed) onForearms() bool {
	var elbow, hand bool
	for _, p := range ps.points() {
		switch {
		case p.is("left-elbow"):
			elbow = ps.bottom(p) < 3
		case p.is("left-hand"):
			hand = ps.bottom(p) < 3
		}
	}
	return elbow && hand
}
