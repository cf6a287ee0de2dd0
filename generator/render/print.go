package render

import (
	"html/template"

	"handbook/generator/handbook"
)

// printEntry is one page of print.html.
type printEntry struct {
	ID        string // the article's id: PrintID(key, "")
	Kind      string
	Title     string
	Summary   string
	Body      template.HTML
	Exercise  *exerciseView
	Condition *conditionView
	Program   *programView
	Related   []item
}

// Out is the URL of a file at path in the output, from print.html at the
// top of the output: path itself.
func (printEntry) Out(path string) string { return relURL("print.html", path) }

// printGroup is a part of print.html: a section, with its pages in order.
type printGroup struct {
	Title   string
	Entries []printEntry
}

// PrintMax is the most pages print.html is made for: past it the whole
// handbook would be thousands of sheets, and the build would carry a second
// copy of every page.
const PrintMax = 1000

// printPage is print.html: every page once, in reading order: stand-alone
// pages (about), the red flags, then guides, conditions, exercises,
// questions and programmes, each in the order of its index.
func (r *builder) printPage(s *site) *pageData {
	entry := func(kind string, p *handbook.Page) printEntry {
		return printEntry{ID: PrintID(p.Key(), ""), Kind: kind, Title: p.Title, Summary: p.Summary, Body: r.printed[p.Key()]}
	}
	var groups []printGroup
	var first printGroup
	for _, p := range r.g.Handbook.Pages {
		first.Entries = append(first.Entries, entry("page", p))
	}
	if len(r.g.Flags) > 0 {
		first.Entries = append(first.Entries, printEntry{ID: PrintID("flags", ""), Kind: "flags", Title: "Red flags: when to get help now"})
	}
	if len(first.Entries) > 0 {
		first.Title = "Start here"
		groups = append(groups, first)
	}
	add := func(title string, entries []printEntry) {
		if len(entries) > 0 {
			groups = append(groups, printGroup{Title: title, Entries: entries})
		}
	}
	var es []printEntry
	for _, g := range r.g.Guides {
		e := entry("guide", &g.Page)
		e.Related = r.refItems(g.Related, "")
		es = append(es, e)
	}
	add(handbook.SectionTitles[handbook.Guides], es)
	es = nil
	for _, c := range r.g.Conditions {
		e := entry("condition", &c.Page)
		e.Condition = r.conditionView(c)
		es = append(es, e)
	}
	add(handbook.SectionTitles[handbook.Conditions], es)
	es = nil
	for _, it := range r.sortedExercises() {
		x := r.g.Exercise[it]
		e := entry("exercise", &x.Page)
		e.Exercise = r.exerciseView(x)
		es = append(es, e)
	}
	add(handbook.SectionTitles[handbook.Exercises], es)
	es = nil
	for _, q := range r.g.Questions {
		e := entry("faq", &q.Page)
		e.Related = r.refItems(q.Related, "")
		es = append(es, e)
	}
	add(handbook.SectionTitles[handbook.FAQ], es)
	es = nil
	for _, p := range r.g.Programs {
		e := entry("program", &p.Page)
		e.Program = r.programView(p)
		es = append(es, e)
	}
	add(handbook.SectionTitles[handbook.Programs], es)
	return &pageData{Site: s, Key: "print", Path: "print.html", Kind: "print", Title: "The whole handbook, to print",
		Summary: "Every page of the handbook in one document, with a table of contents.", PrintGroups: groups, Flags: r.flagGroups()}
}

// sortedExercises is the exercises in the order of their index: by level,
// then title.
func (r *builder) sortedExercises() []string {
	ids := make([]string, len(r.g.Exercises))
	for i, e := range r.g.Exercises {
		ids[i] = e.ID
	}
	r.g.SortExercises(ids)
	return ids
}

// PrintLink is the link within print.html to the page with key.
func (p *pageData) PrintLink(key string) string { return "#" + PrintID(key, "") }
