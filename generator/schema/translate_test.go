package schema

import (
	"strings"
	"testing"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/handbook"
)

const (
	srcExercise = "title: Plank\nsummary: Hold.\ncategory: core\nposition: plank\nequipment: [mat]\nlevel: 3\ntargets: [core]\ndose: {sets: 3, hold: 20, frequency: twice a week}\ncues: [a, b]\nmistakes: [c]\nstop-if: [d]\nloads: []\n"
	srcFlags    = "flags:\n  - id: both-legs\n    title: Both legs\n    urgency: emergency\n    action: Go now.\n    journal: Both legs numb\n  - id: fever\n    title: Fever\n    urgency: urgent\n    action: See a doctor today.\n"
	srcTree     = "start: q\nnodes:\n  q:\n    title: Q\n    question: Any signs?\n    screen: emergency\n    answers:\n      - flags: [both-legs]\n        next: care\n      - label: None\n        next: plan\n  care:\n    title: Care\n    outcome: care\n    urgency: emergency\n    flags: [both-legs]\n    text: Go.\n  plan:\n    title: Plan\n    outcome: plan\n    max-level: 3\n    text: Try these.\n"
)

// translate decodes a source of one exercise, flags and a tree, then a
// translation of them, and returns the translation's handbook and every
// problem.
func translate(esExercise, esFlags, esTree string) (*handbook.Handbook, string) {
	var errs diag.List
	src := &content.Tree{
		Config: &content.Data{Path: "handbook.yaml", Text: []byte("title: T\nlanguage: en-GB\nlanguages: {es: Español}\n")},
		Flags:  &content.Data{Path: "flags.yaml", Text: []byte(srcFlags)},
		Tree:   &content.Data{Path: "decide.yaml", Text: []byte(srcTree)},
		Pages:  []*content.File{content.NewFile("exercises/plank.md", "exercises/plank.md", "exercises", "plank", []byte(srcExercise), nil)},
	}
	h := Decode(src, &errs)
	if len(errs) > 0 {
		return nil, "source: " + errs.Error()
	}
	tr := &content.Tree{Config: &content.Data{Path: "es/handbook.yaml", Text: []byte("title: Manual\n")}}
	if esExercise != "" {
		tr.Pages = []*content.File{content.NewFile("es/exercises/plank.md", "exercises/plank.md", "exercises", "plank", []byte(esExercise), nil)}
	}
	if esFlags != "" {
		tr.Flags = &content.Data{Path: "es/flags.yaml", Text: []byte(esFlags)}
	}
	if esTree != "" {
		tr.Tree = &content.Data{Path: "es/decide.yaml", Text: []byte(esTree)}
	}
	th := Translate(h, &content.Translation{Code: "es", Tree: tr}, &errs)
	errs.Sort()
	return th, errs.Error()
}

// A translation holds words; everything else stays with its source, and
// the build says where a translation strays, at its place.
func TestTranslate(t *testing.T) {
	okFlags := strings.NewReplacer("Both legs numb", "Ambas piernas dormidas", "Both legs", "Ambas piernas", "Go now.", "Vaya ya.").Replace(srcFlags)
	okTree := strings.NewReplacer("Any signs?", "¿Alguna señal?", "label: None", "label: Ninguna").Replace(srcTree)
	whole := "title: Plancha\nsummary: S\ncues: [x, y]\nmistakes: [z]\nstop-if: [w]\n"
	cases := []struct {
		name, exercise, flags, tree string
		want                        string
	}{
		{"words only", "title: Plancha\nsummary: Mantener.\ncues: [x, y]\nmistakes: [z]\nstop-if: [w]\ndose: {frequency: dos veces por semana}\naliases: [plank]\ntranslated-from: 0123456789ab\n", okFlags, okTree, ""},
		{"a structural key", whole + "level: 2\nprogression: [x]\n", "", "",
			"es/exercises/plank.md:7:8: level is not translated (set it once, in the source (exercises/plank.md); a translation holds only the words)\n" +
				"es/exercises/plank.md:8:14: progression is not translated (set it once, in the source (exercises/plank.md); a translation holds only the words)"},
		{"a dose number", whole + "dose: {sets: 4}\n", "", "",
			"es/exercises/plank.md:7:14: sets is not translated (set it once, in the source (exercises/plank.md); a translation holds only the words)"},
		{"a cue missing", "title: Plancha\nsummary: S\ncues: [x]\nmistakes: [z]\nstop-if: [w]\n", "", "",
			"es/exercises/plank.md:4:7: cues has 1 items; the source has 2 (translate each of the source's 2, in its order)"},
		{"a bad stamp", whole + "translated-from: yesterday\n", "", "",
			"es/exercises/plank.md:6:18: translated-from \"yesterday\" is not a version of the source (let `handbook translated` write it)"},
		{"a flag's urgency", "", strings.Replace(okFlags, "urgency: urgent", "urgency: soon", 1), "",
			"es/flags.yaml:7:9: red flag \"fever\" is soon here but urgent in the source (flags.yaml:7:9) (a translation lists the source's red flags, in its order, with the same ids and urgency; only the words change)"},
		{"a flag left out", "", "flags:\n  - id: both-legs\n    title: A\n    urgency: emergency\n    action: B\n    journal: C\n", "",
			"es/flags.yaml:1:1: red flag \"fever\" of the source (flags.yaml:7:9) is missing (a translation lists the source's red flags, in its order, with the same ids and urgency; only the words change)"},
		{"an answer that leads elsewhere", "", "", strings.Replace(okTree, "next: care", "next: plan", 1),
			"es/decide.yaml:8:9: next of answer 1 of node \"q\" is plan here but care in the source (decide.yaml:8:9) (a translation keeps the source's questions, answers and outcomes; only the words change)"},
		{"a dropped red flag", "", "", strings.Replace(okTree, "flags: [both-legs]\n        next", "next", 1),
			"es/decide.yaml:8:9: flags of answer 1 of node \"q\" is none here but both-legs in the source (decide.yaml:8:9) (a translation keeps the source's questions, answers and outcomes; only the words change)\n" +
				"es/decide.yaml:8:9: missing required key \"label\" in answer (add a line label: ...; an answer with one flag may leave it out, and shows the flag's title)"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			h, got := translate(c.exercise, c.flags, c.tree)
			if got != c.want {
				t.Fatalf("got:\n%s\nwant:\n%s", got, c.want)
			}
			if c.want != "" {
				return
			}
			e := h.Exercises[0]
			if e.Title != "Plancha" || e.Cues[1] != "y" || e.Dose.Frequency != "dos veces por semana" || e.Dose.Sets != 3 || e.Level != 3 || e.Untranslated {
				t.Errorf("translated exercise: %+v", e)
			}
			if h.Flags[0].Title != "Ambas piernas" || h.Flags[1].Urgency != "urgent" || h.Tree.Nodes[0].Question != "¿Alguna señal?" {
				t.Errorf("flags and tree: %+v %+v", h.Flags[0], h.Tree.Nodes[0])
			}
			if h.Config.Title != "Manual" || h.Config.Language != "es" || h.Config.LanguageName != "Español" {
				t.Errorf("config: %+v", h.Config)
			}
		})
	}
	// a page without its translation keeps the source's words, marked
	h, got := translate("", "", "")
	if got != "" || !h.Exercises[0].Untranslated || h.Exercises[0].Title != "Plank" {
		t.Errorf("untranslated: %q %+v", got, h.Exercises[0])
	}
}
