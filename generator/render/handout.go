package render

import (
	"encoding/json"
	"maps"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"handbook/generator/graph"
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
// exercise and programme, and the printed sheet's own words, in this
// edition's language, as data for a classic script (the builder works from
// disk, where nothing can be fetched). Each edition's file keeps its data
// under its language's tag,
//
//	(window.HB_HANDOUT = window.HB_HANDOUT || {})["es"] = {...};
//
// and tells the builder it is there: the file of the page's own edition
// starts the builder, another's, loaded with a script tag when a handout is
// to print in its language (see HandoutLanguages), redraws the sheet.
func (r *builder) handoutScript() (output.File, error) {
	in := handoutInputs{g: r.g, words: r.sheetWords(), categories: map[string]string{}, pictures: r.pictures,
		stacked: map[string]bool{}, steps: r.conv.Steps}
	for _, c := range handbook.Categories {
		in.categories[c] = c
		if k := "handout.category." + c; r.words.Has(k) {
			in.categories[c] = r.words.T(k)
		}
	}
	for id, svg := range r.stacked {
		in.stacked[id] = svg != nil
	}
	c := r.cache
	if c == nil || !c.inMemory {
		return in.script()
	}
	c.mu.Lock()
	last := c.handout
	c.mu.Unlock()
	if last != nil && last.in.same(&in) {
		return last.file, nil
	}
	f, err := in.script()
	if err == nil {
		c.mu.Lock()
		c.handout = &handoutMade{in, f}
		c.mu.Unlock()
	}
	return f, err
}

// handoutInputs is what handout/exercises.js is made from.
type handoutInputs struct {
	g                           *graph.Graph
	words, categories, pictures map[string]string
	stacked                     map[string]bool     // exercise id -> its figure comes stacked too
	steps                       map[string][]string // page key -> numbered steps
}

// handoutMade is a handout/exercises.js and what it was made from.
type handoutMade struct {
	in   handoutInputs
	file output.File
}

// same reports whether in makes the same file as h: in serve, a save
// that edits a page's text keeps the graph (see site.Cache), and the
// file, megabytes at 10k pages, is then made again only if an
// exercise's steps, picture or the sheet's words changed.
func (h *handoutInputs) same(in *handoutInputs) bool {
	if h.g != in.g || !maps.Equal(h.words, in.words) || !maps.Equal(h.categories, in.categories) ||
		!maps.Equal(h.pictures, in.pictures) || !maps.Equal(h.stacked, in.stacked) {
		return false
	}
	for _, e := range in.g.Exercises {
		if k := e.Key(); !slices.Equal(h.steps[k], in.steps[k]) {
			return false
		}
	}
	return true
}

// script makes handout/exercises.js.
func (in *handoutInputs) script() (output.File, error) {
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
	type data struct {
		Lang       string            `json:"lang"`
		Words      map[string]string `json:"words"`      // the sheet's, by the key after handout.sheet.
		Categories map[string]string `json:"categories"` // each exercise type's name
		Programs   []program         `json:"programs"`
		Exercises  []exercise        `json:"exercises"`
	}
	g := in.g
	d := data{Lang: g.Config.Language, Words: in.words, Categories: in.categories, Programs: []program{}}
	for _, e := range g.Exercises {
		it := handoutItem(e.ID, e.Dose, "")
		d.Exercises = append(d.Exercises, exercise{ID: e.ID, Title: e.Title, Summary: e.Summary, Category: e.Category,
			Level: e.Level, Aliases: e.Aliases, Dose: it[1:8], Steps: in.steps[e.Key()], StopIf: e.StopIf, Picture: in.pictures[e.ID]})
		if in.stacked[e.ID] {
			d.Exercises[len(d.Exercises)-1].Stacked = stackedPath(e.ID)
		}
	}
	for _, p := range g.Programs {
		pr := program{ID: p.ID, Title: p.Title, Items: [][]string{}}
		eachProgramExercise(g, p, func(e *handbook.Exercise, dose handbook.Dose, note string) {
			pr.Items = append(pr.Items, handoutItem(e.ID, dose, note))
		})
		d.Programs = append(d.Programs, pr)
	}
	b, err := json.Marshal(d)
	if err != nil {
		return output.File{}, err
	}
	lang, _ := json.Marshal(d.Lang)
	js := make([]byte, 0, len(b)+2*len(lang)+100) // megabytes at 10k pages: made once
	js = append(append(append(js, "(window.HB_HANDOUT = window.HB_HANDOUT || {})["...), lang...), "] = "...)
	js = append(append(append(js, b...), ";\nif (window.HandbookHandout) HandbookHandout.loaded("...), lang...)
	js = append(js, ");\n"...)
	return output.File{Path: "handout/exercises.js", Data: js, Minimal: true}, nil
}

// sheetKeys are the printed sheet's words that the builder's script
// fills in (layouts/strings/*/handout.yaml, handout.sheet.*).
var sheetKeys = []string{"title", "stop-title", "emergency", "disclaimer",
	"sets.one", "sets.other", "reps", "each-side", "hold", "minutes", "rest", "range",
	"note", "stop-if", "for", "date", "from", "review", "picture", "qr", "qr-scan", "qr-too-long"}

// sheetWords are the words of the printed sheet in this edition's
// language, for the builder to print a handout in it from any edition:
// its strings, and the handbook's stop rule, emergency red flags and
// disclaimer, worded as handout.html words them.
func (r *builder) sheetWords() map[string]string {
	w := map[string]string{}
	for _, k := range sheetKeys {
		w[k] = r.words.T("handout.sheet." + k)
	}
	w["advice"] = r.words.T("handout.sheet.stop-normal") + " " + r.g.Config.StopRule + " " + r.words.T("handout.sheet.stop-tell")
	var flags []string
	for _, f := range r.g.Flags {
		if f.Urgency == "emergency" {
			flags = append(flags, f.Title)
		}
	}
	if len(flags) > 0 {
		w["flags"] = strings.Join(flags, "; ") + "."
	}
	w["disclaimer-text"] = r.g.Config.Disclaimer
	return w
}

// handoutLang is a language a handout can print in, for the builder's
// choice of language.
type handoutLang struct {
	Lang, Name string
	Src        string // its edition's handout/exercises.js, from this page
	Root       string // its edition's folder, from this page: "", "es/", "../"
	Current    bool   // the page's own
}

// HandoutLanguages are the languages the handout builder prints in, one
// for each edition, the page's own marked; none for a site in one
// language. The paths are relative, so that the builder loads another
// edition's data with a script tag, from disk as well as online.
func (p *pageData) HandoutLanguages() []handoutLang {
	var out []handoutLang
	p.eachEdition(func(e Edition, current bool, url func(file string) string) {
		out = append(out, handoutLang{Lang: e.Lang, Name: e.Name, Src: url("handout/exercises.js"),
			Root: strings.TrimSuffix(url("index.html"), "index.html"), Current: current})
	})
	return out
}

// handoutPage is handout.html.
func (r *builder) handoutPage(s *site) *pageData {
	d := &pageData{Site: s, Key: "handout", Path: "handout.html", Kind: "handout", Title: r.words.T("handout.title"),
		Summary: r.words.T("handout.summary")}
	for _, f := range r.g.Flags {
		if f.Urgency == "emergency" {
			d.Flags = append(d.Flags, flagGroup{Urgency: f.Urgency, Flags: []*handbook.Flag{f}})
		}
	}
	return d
}
