// Package handbook is the model of a handbook: plain typed data with no I/O.
//
// The schema stage fills it from content files; the graph stage adds the
// relationships derived from it; the render stage reads it. Every value that
// came from a file carries its position, so later stages can report errors
// where the author will look for them.
package handbook

import (
	"handbook/generator/diag"
	"handbook/generator/figure"
	"strings"
)

// Sections, in reading order. The id of a page is its file name without ".md";
// its key is "section/id" (or just "id" for stand-alone pages).
const (
	Exercises  = "exercises"
	Conditions = "conditions"
	FAQ        = "faq"
	Guides     = "guides"
	Programs   = "programs"
)

// SectionOrder lists the page sections in reading order. Readers see a
// section by the words of the layouts' strings (layouts/strings/LANG/):
// "section.exercises.title" names it, "section.exercises.count.one" and
// ".other" count its pages.
var SectionOrder = []string{Exercises, Conditions, FAQ, Guides, Programs}

// Vocabularies, in the order they are documented. Readers see a category,
// a position or a piece of equipment by the layouts' strings
// "category.core", "position.lying-back", "equipment.foam-roller".
var (
	Categories = []string{"strength", "core", "mobility", "stretch", "cardio", "mind-body"}
	Positions  = []string{"standing", "sitting", "lying-back", "lying-front", "side-lying",
		"hands-knees", "kneeling", "plank", "in-water"}
	Equipment = []string{"none", "mat", "wall", "chair", "band", "dumbbell", "kettlebell",
		"barbell", "bench", "bar", "cable-machine", "foam-roller", "ball", "step", "bike",
		"elliptical", "pool"}
	// Loads are what an exercise asks of the spine and the nerves that
	// leave it: movement patterns, and nerve-tension for stretches that
	// pull on the sciatic nerve (a straight leg raised or swung).
	Loads     = []string{"flexion", "extension", "rotation", "side-bend", "impact", "axial-load", "overhead", "nerve-tension"}
	Urgencies = []string{"emergency", "urgent", "soon"}
	Papers    = []string{"a4", "letter"}
)

// Ref is a reference to another page, as written in front matter.
// ID is "id" for references within one section and "section/id" otherwise.
type Ref struct {
	ID  string
	Pos diag.Pos
}

// Page holds what every page has.
type Page struct {
	Section string // "" for stand-alone pages
	ID      string
	Source  string   // path of the file, as given to the build (for messages)
	Pos     diag.Pos // the start of the file
	Title   string
	Summary string
	// Untranslated is set on a page of a translation that has no
	// translation yet: its words are the source language's.
	Untranslated bool
}

// Key is the page's key: "section/id", or "id" for a stand-alone page.
func (p *Page) Key() string {
	if p.Section == "" {
		return p.ID
	}
	return p.Section + "/" + p.ID
}

// Dose is how much of an exercise to do. Every part is optional; ranges
// such as "8-12" are kept as written.
type Dose struct {
	Sets      int    `json:"sets,omitempty"`
	Reps      string `json:"reps,omitempty"`
	Hold      string `json:"hold,omitempty"`     // seconds
	Rest      int    `json:"rest,omitempty"`     // seconds
	Duration  string `json:"duration,omitempty"` // minutes
	Frequency string `json:"frequency,omitempty"`
	EachSide  bool   `json:"eachSide,omitempty"`
}

// IsZero reports whether no part of the dose is set.
func (d Dose) IsZero() bool { return d == Dose{} }

// Exercise is a page in exercises/.
type Exercise struct {
	Page
	Category    string
	Position    string
	Equipment   []string
	Level       int
	Targets     []string
	Dose        Dose
	Cues        []string
	Mistakes    []string
	StopIf      []string
	AvoidIf     []Ref // conditions
	CautionIf   []Ref // conditions
	Progression []Ref // exercises
	Regression  []Ref // exercises
	Loads       []string
	Aliases     []string
	Figure      *figure.Figure // drawn poses, or nil
	Image       *Image         // the author's own picture instead, or nil
}

// Image is an author's own picture of an exercise, with its credit.
type Image struct {
	Path    string // as written, relative to the page's file
	Credit  string
	License string
	Pos     diag.Pos
}

// Condition is a page in conditions/.
type Condition struct {
	Page
	Aliases      []string
	AggravatedBy []string // loads
	Helpful      []Ref    // exercises
	Flags        []Ref    // red flags
}

// Question is a page in faq/. Its Title is the question and its Summary the
// short answer.
type Question struct {
	Page
	Aliases []string // other ways a reader asks it, for search
	Related []Ref    // section/id
}

// Guide is a page in guides/.
type Guide struct {
	Page
	Aliases []string // other words a reader searches with for it
	Related []Ref    // section/id
}

// Program is a ready-made handout in programs/.
type Program struct {
	Page
	Aliases []string // other words a reader searches with for it
	Items   []ProgramItem
}

// ProgramItem is one exercise of a programme. Dose is nil where the
// exercise's own dose applies.
type ProgramItem struct {
	Exercise Ref
	Dose     *Dose
	Note     string
}

// Flag is a red flag: a sign that needs medical care at some urgency.
type Flag struct {
	ID      string
	Pos     diag.Pos
	Title   string // the sign in lay words, as a reader would notice it
	Short   string // a few words for lists such as the help panel; Title if empty
	Urgency string
	Action  string
	// Phrases are how a worried reader might type the sign into search
	// ("cant feel when i wipe"); a query holding one puts the flag first.
	Phrases []string
	// Journal is the sign as a short lay label to tick in the pain journal
	// ("numbness around your bottom or genitals"); "" for a sign that a
	// person keeping a journal would not note day by day.
	Journal string
	// JournalWhere is a place where it hurts that is itself this sign
	// ("both legs"): the journal offers it under "where", and choosing it
	// shows the flag's action; "" for none.
	JournalWhere string
}

// Name is the flag's short name, for lists.
func (f *Flag) Name() string {
	if f.Short != "" {
		return f.Short
	}
	return f.Title
}

// Language is a translation of the handbook.
type Language struct {
	Code string // its folder, in content/ and in the site: "es"
	Name string // its name in itself: "Español"
	Pos  diag.Pos
}

// Clinic is printed on handouts and on the whole printed handbook.
type Clinic struct {
	Name    string
	Phone   string
	Email   string
	Website string
	Address string
	Logo    *Image // a picture in the content folder; its path from there
	Colour  string // "#rrggbb", for the handout's rules and boxes
}

// Contact is the clinic's phone, email, website and address, those it has,
// on one line.
func (c Clinic) Contact() string {
	var parts []string
	for _, p := range []string{c.Phone, c.Email, c.Website, c.Address} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, " · ")
}

// Config is content/handbook.yaml.
type Config struct {
	Title    string
	Language string // the language's tag, for <html lang>: "en-GB"
	// LanguageName is the language's name in itself ("English"), for the
	// language switch.
	LanguageName string
	// Languages are the translations handbook.yaml declares, in its
	// order; each is a folder of the content folder (see content.Load).
	// In a translation's handbook, the source's.
	Languages  []Language
	BaseURL    string
	Paper      string
	Clinic     Clinic
	AllowHTML  bool
	Disclaimer string
	// Description says what the handbook is for: the home page's lead
	// and its meta description ("" lets the build say what it holds).
	Description string
	// SearchExample is the example in the search boxes ("" takes a
	// condition's or an exercise's title).
	SearchExample string
	// StopRule is the one rule for when to stop an exercise, on every
	// page's help panel, the handout and the printed handbook.
	StopRule string
	// LoadsOn names what an exercise's loads act on ("the spine"), for
	// reasons such as "puts flexion on the spine"; "" says "involves flexion".
	LoadsOn string
	// JournalPlaces are the places where it may hurt that the pain journal
	// offers ("low back", "one leg"), besides the red flags' JournalWhere.
	JournalPlaces []string
}

// DefaultStopRule is the stop rule unless handbook.yaml sets another.
const DefaultStopRule = "Stop if pain is sharp, spreads, brings numbness or tingling, or gets worse as you go."

// DefaultDisclaimer is shown on every page unless handbook.yaml sets another.
const DefaultDisclaimer = "This handbook gives general information, not medical advice. " +
	"It does not replace an assessment by a doctor or physiotherapist who knows you. " +
	"If you are unsure whether an exercise is right for you, ask one first."

// Handbook is the whole content, each section sorted by id.
type Handbook struct {
	Config     Config
	Exercises  []*Exercise
	Conditions []*Condition
	Questions  []*Question
	Guides     []*Guide
	Programs   []*Program
	Pages      []*Page // stand-alone pages such as about
	Flags      []*Flag
	FlagsIntro string     // what the red flags page says first ("" for the build's own)
	Synonyms   [][]string // groups of words or phrases that mean the same thing, for search
	Tree       *Tree      // the decision tree, or nil
	// Broken pages exist but could not be read; an error says why. They
	// count as existing, so links to them do not add errors of their own.
	Broken []*Page
	// Code is the language's folder in the site: "" for the source
	// language, "es" for a translation (see Languages).
	Code string
}

// Section is a part of a page's text under one heading, as plain text, for
// search snippets and deep links. The first section of a page has no heading.
type Section struct {
	Anchor  string // the heading's id, or "" before the first heading
	Heading string
	Text    string
}

// Text is a page's text as the search index is given it: its sections,
// or, for a page converted by an earlier build whose text was left in the
// cache folder, their anchors and Load, which reads the sections back.
// The index calls Load only if it must count the page's words again or
// write its passages again.
type Text struct {
	Sections []Section
	Anchors  []string                  // the sections' anchors, in order, when Load is set
	Load     func() ([]Section, error) // nil when Sections is the text
}

// Tree is the decision tree of content/decide.yaml: questions whose answers
// lead to other questions or to outcomes. Answers may add to what is known
// on the path (conditions, movements that hurt, a level cap) or report red
// flags; outcomes send the reader to care, to a page, or to an exercise plan.
type Tree struct {
	Source string
	Pos    diag.Pos
	Start  Ref
	Nodes  []*Node // in file order
	// Summary says what the questions are for, on decide.html ("" for
	// the build's own).
	Summary string
}

// Node is a question (Answers set) or an outcome (Outcome set).
type Node struct {
	ID       string
	Pos      diag.Pos
	Title    string // a short name, for the path so far and the flowchart
	Question string
	Help     string
	Screen   string // "emergency" or "urgent": a red-flag screening question
	Answers  []*Answer

	Outcome   string // "care", "page" or "plan"
	Urgency   string // care: emergency, urgent or soon
	Flags     []Ref  // care: the red flags it names
	Page      Ref    // page: the page to read
	MaxLevel  int    // plan: the highest exercise level
	Exercises []Ref  // plan: exercises to show first
	Text      string // what the outcome says
}

// Answer is one choice of a question.
type Answer struct {
	Pos        diag.Pos
	Label      string
	Next       Ref
	Flags      []Ref    // red flags this answer reports
	Conditions []Ref    // conditions it tells us of
	Hurts      []string // loads or positions that hurt: exercises with them are left out
	MaxLevel   int      // caps the exercise level of a plan; 0 leaves it
}

// Urgent reports whether urgency a is at least as urgent as b.
func Urgent(a, b string) bool { return urgencyRank[a] >= urgencyRank[b] }

var urgencyRank = map[string]int{"soon": 1, "urgent": 2, "emergency": 3}
