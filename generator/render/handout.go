package render

import (
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"

	"handbook/generator/handbook"
	"handbook/generator/output"
)

// The handout builder (handout.html, assets/handout.js) keeps a handout in
// the address: #h= and the base64url of this JSON:
//
//	{"v":1,"n":"patient","d":"date","c":"clinician",
//	 "x":[[id, sets, reps, hold, rest, duration, frequency, each-side "1" or "", note], ...]}
//
// Programmes link to the builder with their handout in this form.

// handoutState encodes a handout for the builder's address.
func handoutState(items [][]string) string {
	b, _ := json.Marshal(map[string]any{"v": 1, "n": "", "d": "", "c": "", "x": items})
	return base64.RawURLEncoding.EncodeToString(b)
}

// handoutItem is one exercise of a handout in the builder's form.
func handoutItem(id string, d handbook.Dose, note string) []string {
	sets, rest, each := "", "", ""
	if d.Sets > 0 {
		sets = strconv.Itoa(d.Sets)
	}
	if d.Rest > 0 {
		rest = strconv.Itoa(d.Rest)
	}
	if d.EachSide {
		each = "1"
	}
	return []string{id, sets, d.Reps, d.Hold, rest, d.Duration, d.Frequency, each, note}
}

// programHandout is the builder's link for a programme.
func (r *builder) programHandout(p *handbook.Program) string {
	var items [][]string
	r.eachProgramExercise(p, func(e *handbook.Exercise, dose handbook.Dose, note string) {
		items = append(items, handoutItem(e.ID, dose, note))
	})
	return "h=" + handoutState(items)
}

// handoutScript is handout/exercises.js: what the builder needs of every
// exercise, as data for a classic script.
func (r *builder) handoutScript() (output.File, error) {
	type exercise struct {
		ID       string   `json:"i"`
		Title    string   `json:"t"`
		Summary  string   `json:"s"`
		Category string   `json:"c"`
		Level    int      `json:"l"`
		Aliases  []string `json:"a,omitempty"`
		Dose     []string `json:"d"` // as in a handout item, without id and note
		Steps    []string `json:"p"`
		StopIf   []string `json:"x"`
		Picture  string   `json:"f,omitempty"` // figures/<id>.svg or the author's image
	}
	var list []exercise
	for _, e := range r.g.Exercises {
		it := handoutItem(e.ID, e.Dose, "")
		list = append(list, exercise{ID: e.ID, Title: e.Title, Summary: e.Summary, Category: e.Category,
			Level: e.Level, Aliases: e.Aliases, Dose: it[1:8], Steps: r.steps[e.Key()], StopIf: e.StopIf, Picture: r.pictures[e.ID]})
	}
	b, err := json.Marshal(list)
	if err != nil {
		return output.File{}, err
	}
	return output.File{Path: "handout/exercises.js", Data: []byte(fmt.Sprintf("HandbookHandout.exercises(%s);\n", b)), Minimal: true}, nil
}

// handoutPage is handout.html.
func (r *builder) handoutPage(s *site) *pageData {
	d := &pageData{Site: s, Key: "handout", Path: "handout.html", Kind: "handout", Title: "Handout builder",
		Summary: "Pick exercises, set the dose, add notes and print a handout."}
	for _, f := range r.g.Flags {
		if f.Urgency == "emergency" {
			d.Flags = append(d.Flags, flagGroup{Urgency: f.Urgency, Flags: []*handbook.Flag{f}})
		}
	}
	return d
}
