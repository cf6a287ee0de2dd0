package render

import (
	"strings"

	"handbook/generator/handbook"
)

// The pain and exercise journal: journal.html, where a reader logs each
// day (assets/journal*.js keep the entries in this browser only), and
// journal-sheet.html, a blank sheet to print and fill in by hand, which
// works with JavaScript off.
//
// Everything the journal offers comes from the content and is written
// into the page, so the page needs no data file: the red flags with a
// `journal` label are the warning signs to tick, each with its urgency and
// action (ticking one shows the action at once); the places where it hurts
// are handbook.yaml's journal-places and the flags' journal-where; the
// exercises and programmes are the handbook's. The pain scale is the
// handbook's own traffic light (painScale), the same bands as the "how did
// it feel?" pages.

// painBand is one band of the 0 to 10 pain scale.
type painBand struct {
	From, To int    // inclusive
	Class    string // ok, watch or stop: the traffic light
	Range    string // "0 to 3"
	Meaning  string
}

// painScale is the handbook's traffic light for pain scores: up to 3 is
// fine, 4 or 5 is all right if it settles by the next morning, 6 or more
// is too much (see layouts/feel.html and the guides). Its words are the
// strings journal.band.CLASS.range and .meaning: see painScaleWords.
var painScale = []painBand{
	{From: 0, To: 3, Class: "ok"},
	{From: 4, To: 5, Class: "watch"},
	{From: 6, To: 10, Class: "stop"},
}

// painScaleWords is painScale with its words in the language of w.
func painScaleWords(w *Strings) []painBand {
	words := map[string][2]string{
		"ok":    {w.T("journal.band.ok.range"), w.T("journal.band.ok.meaning")},
		"watch": {w.T("journal.band.watch.range"), w.T("journal.band.watch.meaning")},
		"stop":  {w.T("journal.band.stop.range"), w.T("journal.band.stop.meaning")},
	}
	out := make([]painBand, len(painScale))
	for i, b := range painScale {
		b.Range, b.Meaning = words[b.Class][0], words[b.Class][1]
		out[i] = b
	}
	return out
}

// painScore is one score a reader can choose, with its band's class.
type painScore struct {
	N     int
	Class string
}

// painScores are the scores 0 to 10, each in its band of painScale.
func painScores() []painScore {
	var out []painScore
	for _, b := range painScale {
		for n := b.From; n <= b.To; n++ {
			out = append(out, painScore{N: n, Class: b.Class})
		}
	}
	return out
}

// journalSign is a red flag that the journal offers to tick.
type journalSign struct {
	ID      string
	Label   string // the flag's journal label
	Title   string // the flag's full title
	Urgency string
	Heading string // what its urgency asks: "Get help now"
	Action  string
}

// journalPlace is a place where it may hurt; Sign is set when the place
// is itself a red flag ("both legs").
type journalPlace struct {
	Label string
	Sign  *journalSign
}

// journalExercise is an exercise the journal can log.
type journalExercise struct {
	ID, Title string
}

// journalProgram is a ready-made programme: its exercises' ids, space
// separated.
type journalProgram struct {
	ID, Title, Exercises string
}

// journalView is what journal.html and journal-sheet.html show.
type journalView struct {
	Scale     []painBand
	Scores    []painScore
	Signs     []journalSign
	Places    []journalPlace
	Exercises []journalExercise
	Programs  []journalProgram
	Guide     string // key of the guide on keeping a journal, or ""
	// SignGroups are the signs by urgency, most urgent first: the blank
	// sheet's list
	SignGroups []signGroup
}

// signGroup is the warning signs of one urgency, for the blank sheet.
type signGroup struct {
	Heading, Intro string // as on the red flags page: "Get help now"
	Labels         []string
}

// journalGuide is the guide the journal points to for what to record, if
// the handbook has it.
const journalGuide = "guides/pain-journal"

func (r *builder) journalView() *journalView {
	v := &journalView{Scale: painScaleWords(r.words), Scores: painScores()}
	headings := map[string]string{}
	groups := r.flagGroups()
	for _, g := range groups {
		headings[g.Urgency] = g.Title
	}
	signs := map[string]*journalSign{}
	for _, f := range r.g.Flags {
		if f.Journal == "" && f.JournalWhere == "" {
			continue
		}
		s := journalSign{ID: f.ID, Label: f.Journal, Title: f.Title, Urgency: f.Urgency, Heading: headings[f.Urgency], Action: f.Action}
		if f.Journal != "" {
			v.Signs = append(v.Signs, s)
		}
		signs[f.ID] = &s
	}
	for _, g := range groups {
		sg := signGroup{Heading: g.Title, Intro: g.Intro}
		for _, s := range v.Signs {
			if s.Urgency == g.Urgency {
				sg.Labels = append(sg.Labels, s.Label)
			}
		}
		if len(sg.Labels) > 0 {
			v.SignGroups = append(v.SignGroups, sg)
		}
	}
	v.Places = journalPlaces(r.g.Config.JournalPlaces, r.g.Flags, signs)
	for _, e := range r.g.Exercises {
		v.Exercises = append(v.Exercises, journalExercise{ID: e.ID, Title: e.Title})
	}
	for _, p := range r.g.Programs {
		var ids []string
		eachProgramExercise(r.g, p, func(e *handbook.Exercise, _ handbook.Dose, _ string) { ids = append(ids, e.ID) })
		v.Programs = append(v.Programs, journalProgram{ID: p.ID, Title: p.Title, Exercises: strings.Join(ids, " ")})
	}
	if r.g.Pages[journalGuide] != nil {
		v.Guide = journalGuide
	}
	return v
}

// journalPlaces lists handbook.yaml's places, then the red flags' places.
// A flag's place that handbook.yaml names too keeps its place in the list
// and carries the flag: the sign is never lost to a plain box.
func journalPlaces(config []string, flags []*handbook.Flag, signs map[string]*journalSign) []journalPlace {
	var out []journalPlace
	at := map[string]int{}
	for _, p := range config {
		at[strings.ToLower(p)] = len(out)
		out = append(out, journalPlace{Label: p})
	}
	for _, f := range flags {
		if f.JournalWhere == "" {
			continue
		}
		if i, ok := at[strings.ToLower(f.JournalWhere)]; ok {
			out[i].Sign = signs[f.ID]
			continue
		}
		out = append(out, journalPlace{Label: f.JournalWhere, Sign: signs[f.ID]})
	}
	return out
}

// journalPage is journal.html.
func (r *builder) journalPage(s *site) *pageData {
	return &pageData{Site: s, Key: "journal", Path: "journal.html", Kind: "journal", Title: r.words.T("journal.title"),
		Summary: r.words.T("journal.summary"),
		view:    func(d *pageData) { d.Journal = r.journalView() }}
}

// journalSheetPage is journal-sheet.html: a week on one printed sheet.
func (r *builder) journalSheetPage(s *site) *pageData {
	return &pageData{Site: s, Key: "journal-sheet", Path: "journal-sheet.html", Kind: "journal-sheet", Title: r.words.T("journal.sheet.title"),
		Summary: r.words.T("journal.sheet.summary"),
		view: func(d *pageData) {
			d.Journal = r.journalView()
			d.Journal.Exercises, d.Journal.Programs = nil, nil // the sheet lists none
		}}
}
