package render

import (
	"fmt"
	"html/template"
	"path"
	"slices"
	"strings"

	"handbook/generator/convert"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/output"
)

// site is what every page shows of the handbook as a whole.
type site struct {
	Title      string
	Language   string
	Disclaimer string
	Paper      string
	Clinic     handbook.Clinic
	Logo       string // the clinic's logo: its output path, or ""
	Nav        []navItem
	HasFlags   bool
	Emergency  []string // the short names of the emergency red flags, for the help panel
	HasTree    bool
	BaseURL    string // "" when none is set
	Printable  bool   // print.html is made
	Offline    bool   // the web app manifest and service worker are made
	HelpGuide  string // key of the guide on when to get help, if there is one
	// Description is the home page's lead: handbook.yaml's, or what the
	// handbook holds
	Description   string
	SearchExample string // after "e.g." in the search boxes; may be ""
	StopRule      string
	FlagsIntro    string
	sections      map[string]bool // the sections that have pages
	Categories    []string        // the exercise types the handbook has
	// ExerciseExample is an exercise's name, for the handout's picker
	ExerciseExample string
	// Languages are the site's editions; Edition is this one's folder
	Languages []Edition
	Edition   string
	RootURL   string // the base URL of the source language's site, or ""
	// SourceLang is the tag of the source language, for pages not yet
	// translated
	SourceLang string
	// Stemmer is the script in assets/ that stems the language's words
	// for search.js, loaded before it, or "" (English's is in search.js)
	Stemmer string
}

// Has reports whether the handbook has pages in section, so that no page
// links to a section index that is not written.
func (s *site) Has(section string) bool { return s.sections[section] }

type navItem struct {
	Key, Title, Section string
}

// pageData is the value every layout executes with.
type pageData struct {
	Site *site
	Key  string // page key
	Path string // output path, in its language's folder
	// Untranslated is set on a page of a translation that has no
	// translation yet: its words are the source language's.
	Untranslated bool
	Kind         string // exercise, condition, faq, guide, program, page, section, exercises, flags, home, 404
	Title        string
	Summary      string
	Body         template.HTML
	Canonical    string
	BaseHref     string // only for 404.html with a base URL
	LinkedFrom   []item
	LinkedMore   int // pages linking here beyond those listed

	Exercise    *exerciseView
	Condition   *conditionView
	Program     *programView
	Related     []item
	Items       []item // section lists
	Facets      []facetGroup
	Facet       string // the filter a facet page shows, such as "Category: core"
	Flags       []flagGroup
	Sections    []sectionView // home page
	Search      *searchView
	PrintGroups []printGroup    // print.html
	QR          template.HTML   // printed exercises and programmes, with a base URL
	Step        *stepView       // decide.html and decide/ pages
	view        func(*pageData) // makes the page's view, just before its layout runs
	bodyKey     output.Key      // where Body is in the cache, until it is read back just before the layout runs
	partsKey    output.Key      // print.html: hashes the keys of its articles, when each has one
	size        int             // bytes the page takes at least, when known (print.html: its articles)
	builder     *builder
	Feel        *feelView       // decide/feel/ pages
	Chart       []template.HTML // the flowchart, in page-sized SVG parts made by package decision
	Sheet       []sheetEntry    // figures.html
	Journal     *journalView    // journal.html and journal-sheet.html
}

// editionLink is this page in one language.
type editionLink struct {
	Lang, Name, Href string
	Current          bool
}

// Editions links this page to itself in every language, for the language
// switch and the hreflang links: absolute with a base URL, else relative.
// It is empty for a site in one language.
func (p *pageData) Editions() []editionLink {
	var out []editionLink
	p.eachEdition(func(e Edition, current bool, url func(file string) string) {
		href := url(p.Path)
		if root := p.Site.RootURL; root != "" {
			href = root + path.Join(e.Folder, p.Path)
		}
		out = append(out, editionLink{Lang: e.Lang, Name: e.Name, Href: href, Current: current})
	})
	return out
}

// eachEdition calls f with each edition of a site in several languages,
// whether it is this page's, and the relative URL from this page to a file
// of that edition; for a site in one language, never.
func (p *pageData) eachEdition(f func(e Edition, current bool, url func(file string) string)) {
	s := p.Site
	if len(s.Languages) < 2 {
		return
	}
	here := path.Join(s.Edition, p.Path)
	for _, e := range s.Languages {
		f(e, e.Folder == s.Edition, func(file string) string { return convert.RelURL(here, path.Join(e.Folder, file)) })
	}
}

// URL is the relative URL from this page to the page with key.
func (p *pageData) URL(key string) string { return convert.RelURL(p.Path, convert.OutPath(key)) }

// Handout links to the handout builder with state, such as "add=plank" or
// "h=..." (base64url, made here): letters, digits, "-", "_" and one "=",
// safe to pass as a URL.
func (p *pageData) Handout(state string) template.URL {
	return template.URL(p.URL("handout") + "#" + state)
}

// Asset is the relative URL of a file in assets/.
func (p *pageData) Asset(name string) string { return convert.RelURL(p.Path, "assets/"+name) }

// Out is the relative URL of a file at path in the output.
func (p *pageData) Out(path string) string { return convert.RelURL(p.Path, path) }

// Root is the relative URL of the home page.
func (p *pageData) Root() string { return convert.RelURL(p.Path, "index.html") }

// Prefix leads from this page to the output folder: "" or "../".
func (p *pageData) Prefix() string { return strings.TrimSuffix(p.Root(), "index.html") }

// item is a link to a page with what a list shows of it.
type item struct {
	Key      string
	Title    string
	Summary  string
	Note     string
	Label    string            // section label, such as "Exercise"
	Level    int               // exercises only
	Category string            // exercises only
	Thumb    string            // exercises only: the output path of its picture, if it has one
	Data     map[string]string // filter attributes: on the exercise index only
	Lang     string            // the source language's tag, for a page not translated yet
	// from the graph, for fill
	section, exercise string
	untranslated      bool
}

type exerciseView struct {
	*handbook.Exercise
	Figure    template.HTML // the drawn figure, inline
	ImagePath string        // the author's own picture: its output path
	Dose      []doseRow
	Harder    []item
	Easier    []item
	Helps     []item
	HelpsMore int // conditions it helps beyond those listed
	AvoidFor  []item
	CareFor   []careGroup
	CareMore  int // conditions to take care with beyond those listed
	// LadderInBody: the body ends with the author's own section on easier
	// and harder versions (its heading's id is LadderAnchor), so the layout
	// adds the ladder's links to it rather than a second section
	LadderInBody bool
	LadderAnchor string // that heading's id, when LadderInBody
}

// LadderID is the id of an exercise page's section on easier and harder
// versions: the layout's own, or the author's ("## Easier and harder")
// when the body ends with it. In another language the author's heading is
// the string ladder.body-heading ("## Más fácil y más difícil"), its id
// made as the heading's is (see ladderID).
const LadderID = "easier-and-harder"

// ladderID is the id of the author's heading of the section on easier and
// harder versions, in the words of the page's language.
func (r *builder) ladderIDs() []string {
	return convert.HeadingsNamed("ladder.body-heading", LadderID, r.words, r.sourceWords)
}

// careGroup is the conditions an exercise needs care with for one reason.
type careGroup struct {
	Items  []item
	Reason string
}

type doseRow struct{ Label, Value string }

type conditionView struct {
	*handbook.Condition
	Flags     []*handbook.Flag
	Helpful   []item
	Avoid     []item
	AvoidMore int // exercises to avoid beyond those listed
	Care      []item
	CareMore  int // exercises to take care with beyond those listed
}

// careMax is how long a list derived from other pages may grow on a page
// (the conditions an exercise needs care with, the pages linking to one):
// past that a list helps no reader, and a large handbook's pages would
// grow with the handbook.
const careMax = 40

type programView struct {
	*handbook.Program
	Items   []programRow
	Handout string // the handout builder's address for this programme: "h=..."
}

type programRow struct {
	item
	Dose    []doseRow
	Note    string
	Steps   []string
	StopIf  []string
	Picture string // the picture to print: the figure, or its stacked form when too wide
	Wide    bool   // the picture is wider than WideAbove times its height
	Stacked bool   // the picture is the figure's stacked form
}

type facetGroup struct {
	Name   string // category, position, equipment, level
	Title  string
	Values []facetValue
}

type facetValue struct {
	Value, Title, Key string
	Count             int
}

type flagGroup struct {
	Urgency, Title, Intro string
	Flags                 []*handbook.Flag
}

type sectionView struct {
	Key, Title string
	Count      int
	Items      []item
}

// withDefaults is d with the parts it leaves unset taken from def: a
// programme's dose that sets only the reps still says the exercise's hold.
func withDefaults(d, def handbook.Dose) handbook.Dose {
	if d.Sets == 0 {
		d.Sets = def.Sets
	}
	if d.Rest == 0 {
		d.Rest = def.Rest
	}
	for _, p := range []struct{ to, from *string }{{&d.Reps, &def.Reps}, {&d.Hold, &def.Hold}, {&d.Duration, &def.Duration}, {&d.Frequency, &def.Frequency}} {
		if *p.to == "" {
			*p.to = *p.from
		}
	}
	return d
}

// formatDose turns a dose into rows a reader understands, in the words w.
func formatDose(w *Strings, d handbook.Dose) []doseRow {
	var rows []doseRow
	side := func(v string) string { return v }
	if d.EachSide {
		side = func(v string) string { return w.T("dose.each-side", v) }
	}
	if d.Sets > 0 {
		rows = append(rows, doseRow{w.T("dose.sets"), fmt.Sprint(d.Sets)})
	}
	if d.Reps != "" {
		rows = append(rows, doseRow{w.T("dose.reps"), side(d.Reps)})
		side = func(v string) string { return v }
	}
	if d.Hold != "" {
		rows = append(rows, doseRow{w.T("dose.hold"), side(plural(w, "dose.seconds", d.Hold))})
		side = func(v string) string { return v }
	}
	if d.Duration != "" {
		rows = append(rows, doseRow{w.T("dose.time"), side(plural(w, "dose.minutes", d.Duration))})
	}
	if d.Rest > 0 {
		rows = append(rows, doseRow{w.T("dose.rest"), plural(w, "dose.seconds", fmt.Sprint(d.Rest))})
	}
	if d.Frequency != "" {
		rows = append(rows, doseRow{w.T("dose.frequency"), d.Frequency})
	}
	return rows
}

// plural is n (a number, or a range such as "20-30") with its unit, in
// the form of key for n: key.one for "1", else key.other.
func plural(w *Strings, key, n string) string {
	if n == "1" {
		return w.T(key+".one", n)
	}
	return w.T(key+".other", n)
}

// sectionLabel is the key of the label of a section's pages in lists.
var sectionLabel = map[string]string{
	handbook.Exercises:  "item.exercise",
	handbook.Conditions: "item.condition",
	handbook.FAQ:        "item.question",
	handbook.Guides:     "item.guide",
	handbook.Programs:   "item.programme",
}

// itemOf describes the page with key for a list.
func (r *builder) itemOf(key string) item {
	if key == graph.FlagsKey {
		return item{Key: key, Title: r.words.T("flags.title"), Label: r.words.T("item.flags")}
	}
	it := graphItem(r.g, key, false)
	r.fill(&it, "")
	return it
}

// graphItem is the part of page key's item the graph alone gives; with
// filters, the attributes the exercise index filters on too.
func graphItem(g *graph.Graph, key string, filters bool) item {
	p := g.Pages[key]
	it := item{Key: key, Title: p.Title, Summary: p.Summary, section: p.Section, untranslated: p.Untranslated}
	if e := g.Exercise[p.ID]; p.Section == handbook.Exercises && e != nil {
		it.Level, it.Category, it.exercise = e.Level, e.Category, e.ID
		if filters {
			it.Data = map[string]string{
				"category":  e.Category,
				"position":  e.Position,
				"equipment": strings.Join(e.Equipment, " "),
				"level":     fmt.Sprint(e.Level),
			}
		}
	}
	return it
}

// fill completes an item graphItem made with what the build gives: its
// label (label, if set, is its section's), its picture and language.
func (r *builder) fill(it *item, label string) {
	if it.untranslated && len(r.editions) > 0 {
		it.Lang = r.editions[0].Lang // its words are the source's
	}
	switch l, ok := sectionLabel[it.section]; {
	case label != "":
		it.Label = label
	case ok:
		it.Label = r.words.T(l)
	case it.section == "":
		it.Label = r.words.T("item.page")
	}
	if it.exercise != "" {
		it.Thumb = r.pictures[it.exercise]
	}
}

func (r *builder) items(section string, ids []string) []item {
	out := make([]item, 0, len(ids))
	for _, id := range ids {
		out = append(out, r.itemOf(section+"/"+id))
	}
	return out
}

func (r *builder) refItems(refs []handbook.Ref, section string) []item {
	var out []item
	for _, ref := range refs {
		key := ref.ID
		if section != "" {
			key = section + "/" + ref.ID
		}
		if r.g.Pages[key] != nil {
			out = append(out, r.itemOf(key))
		}
	}
	return out
}

func (r *builder) careItems(section string, care []graph.Care) []item {
	out := make([]item, 0, len(care))
	for _, c := range care {
		it := r.itemOf(section + "/" + c.ID)
		it.Note = r.careReason(c.Loads)
		out = append(out, it)
	}
	return out
}

// careReason says in words which loads an exercise shares with a
// condition: "puts flexion and rotation on the spine"; "" for none.
func (r *builder) careReason(loads []string) string {
	if len(loads) == 0 {
		return ""
	}
	words := make([]string, len(loads))
	for i, l := range loads {
		words[i] = r.words.T("care.load." + l)
	}
	joined := r.joinAnd(words)
	if on := r.g.Config.LoadsOn; on != "" {
		return r.words.T("care.reason-on", joined, on)
	}
	return r.words.T("care.reason", joined)
}

func (r *builder) exerciseView(e *handbook.Exercise) *exerciseView {
	helps := r.g.Helps[e.ID]
	care, careAll := r.g.CareConditions(e.ID, careMax)
	v := &exerciseView{
		Exercise:  e,
		Figure:    r.figureHTML(e),
		ImagePath: r.imagePath(e),
		Dose:      r.dose(e.Dose),
		Harder:    r.items(handbook.Exercises, r.g.Harder[e.ID]),
		Easier:    r.items(handbook.Exercises, r.g.Easier[e.ID]),
		Helps:     r.items(handbook.Conditions, helps[:min(len(helps), careMax)]),
		HelpsMore: max(0, len(helps)-careMax),
		AvoidFor:  r.items(handbook.Conditions, r.g.AvoidFor[e.ID]), // its own avoid-if: never cut
		CareFor:   groupCare(r.careItems(handbook.Conditions, care)),
		CareMore:  careAll - len(care),
	}
	if id := r.conv.Ends[e.Key()]; slices.Contains(r.ladderIDs(), id) {
		v.LadderInBody, v.LadderAnchor = true, id
	}
	return v
}

// groupCare groups care items by their reason, in order of first use.
func groupCare(items []item) []careGroup {
	var groups []careGroup
	at := map[string]int{}
	for _, it := range items {
		i, ok := at[it.Note]
		if !ok {
			i = len(groups)
			at[it.Note] = i
			groups = append(groups, careGroup{Reason: it.Note})
		}
		groups[i].Items = append(groups[i].Items, it)
	}
	return groups
}

func (r *builder) conditionView(c *handbook.Condition) *conditionView {
	avoid := r.g.Avoid[c.ID]
	care, careAll := r.g.CareExercises(c.ID, careMax)
	v := &conditionView{
		Condition: c,
		Helpful:   r.refItems(c.Helpful, handbook.Exercises),
		Avoid:     r.items(handbook.Exercises, avoid[:min(len(avoid), careMax)]),
		AvoidMore: max(0, len(avoid)-careMax),
		CareMore:  careAll - len(care),
	}
	v.Care = r.careItems(handbook.Exercises, care)
	for _, ref := range c.Flags {
		if f := r.g.Flag[ref.ID]; f != nil {
			v.Flags = append(v.Flags, f)
		}
	}
	return v
}

func (r *builder) programView(p *handbook.Program) *programView {
	v := &programView{Program: p, Handout: r.programHandout(p)}
	eachProgramExercise(r.g, p, func(e *handbook.Exercise, dose handbook.Dose, note string) {
		steps := make([]string, len(r.conv.Steps[e.Key()]))
		for i, s := range r.conv.Steps[e.Key()] {
			steps[i] = convert.FillDose(r.words, s, withDefaults(dose, e.Dose))
		}
		row := programRow{item: r.itemOf(e.Key()), Dose: r.dose(dose), Note: note, Steps: steps, StopIf: e.StopIf, Picture: r.pictures[e.ID]}
		if r.stacked[e.ID] != nil {
			row.Picture, row.Stacked = stackedPath(e.ID), true
		} else {
			row.Wide = r.wide[e.ID]
		}
		v.Items = append(v.Items, row)
	})
	return v
}

// eachProgramExercise calls f for each exercise of a programme with its
// dose: the programme's own, or else the exercise's.
func eachProgramExercise(g *graph.Graph, p *handbook.Program, f func(e *handbook.Exercise, dose handbook.Dose, note string)) {
	for _, it := range p.Items {
		e := g.Exercise[it.Exercise.ID]
		if e == nil {
			continue
		}
		dose := e.Dose
		if it.Dose != nil {
			dose = *it.Dose
		}
		f(e, dose, it.Note)
	}
}

// searchView holds the choices of the search page's filters.
type searchView struct {
	Sections   []navItem
	Levels     []int // its exercise levels but the highest, for "level n or easier"
	Conditions []item
}
