package render

import (
	"encoding/json"
	"fmt"
	"net/url"
	"strconv"

	"handbook/generator/handbook"
	"handbook/generator/output"
)

// The handout builder (handout.html, assets/handout.js) keeps a handout's
// programme, its exercises and doses, in the address, so that a link, a
// bookmark or the QR code on the sheet opens it again; never the patient's
// name or the notes, which stay on paper and, if asked, in the browser:
//
//	#p=2~id.sets.reps.hold.rest.duration.frequency.side~id...
//
// A dose part the same as the exercise's own is left empty, "_" is a part
// the clinician cleared, "*" the same part as the exercise before, anything
// else is the part, percent-encoded (".", "~", "_" and "*" too); empty
// parts at the end are dropped, so a programme of the exercises' own doses
// is just their ids, and twelve exercises with doses of their own still
// fit a QR code. A programme's page opens it
// by name: #program=id, with its notes. The builder still reads the first
// form, #h= (base64url JSON), of links made before.

// handoutItem is one exercise of a handout in the builder's form: id, sets,
// reps, hold, rest, duration, frequency, each side ("1" or ""), note.
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
	return "program=" + url.QueryEscape(p.ID)
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
		Stacked  string   `json:"g,omitempty"` // the figure with its frames stacked, when too wide to print large
	}
	type program struct {
		ID    string     `json:"i"`
		Title string     `json:"t"`
		Items [][]string `json:"x"` // handout items
	}
	var list []exercise
	for _, e := range r.g.Exercises {
		it := handoutItem(e.ID, e.Dose, "")
		list = append(list, exercise{ID: e.ID, Title: e.Title, Summary: e.Summary, Category: e.Category,
			Level: e.Level, Aliases: e.Aliases, Dose: it[1:8], Steps: r.steps[e.Key()], StopIf: e.StopIf, Picture: r.pictures[e.ID]})
		if r.stacked[e.ID] != nil {
			list[len(list)-1].Stacked = stackedPath(e.ID)
		}
	}
	programs := []program{}
	for _, p := range r.g.Programs {
		pr := program{ID: p.ID, Title: p.Title, Items: [][]string{}}
		r.eachProgramExercise(p, func(e *handbook.Exercise, dose handbook.Dose, note string) {
			pr.Items = append(pr.Items, handoutItem(e.ID, dose, note))
		})
		programs = append(programs, pr)
	}
	b, err := json.Marshal(list)
	if err != nil {
		return output.File{}, err
	}
	pb, err := json.Marshal(programs)
	if err != nil {
		return output.File{}, err
	}
	// the programmes first: the exercises start the builder
	data := fmt.Sprintf("HandbookHandout.programs(%s);\nHandbookHandout.exercises(%s);\n", pb, b)
	return output.File{Path: "handout/exercises.js", Data: []byte(data), Minimal: true}, nil
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
