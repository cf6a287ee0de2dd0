package render

import (
	"crypto/sha256"
	"errors"
	"fmt"
	"html/template"
	"reflect"
	"slices"
	"strings"
	"sync"

	"handbook/generator/convert"
	"handbook/generator/handbook"
	"handbook/generator/memo"
	"handbook/generator/output"
	"handbook/generator/parallel"
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
	// HTML is the article, laid out by printParts; then only ID and
	// Title are kept beside it, for the table of contents
	HTML template.HTML
	// bodyKey is the key of the conversion that made Body, if it is in
	// the cache: it stands for Body in the article's key
	bodyKey output.Key
	// view adds the article's view of its page (Exercise, Condition,
	// Program, Related), if it has one: made only for an article not kept
	view func(*printEntry)
}

// Out is the URL of a file at path in the output, from print.html at the
// top of the output: path itself.
func (printEntry) Out(path string) string { return convert.RelURL("print.html", path) }

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
	// the views are made later, once r.printed and r.bodyKeys are let go
	printed, bodyKeys := r.conv.Printed, r.conv.BodyKeys
	d := &pageData{Site: s, Key: "print", Path: "print.html", Kind: "print", Title: r.words.T("print.title"),
		Summary: r.words.T("print.summary"), Flags: r.flagGroups()}
	d.view = func(d *pageData) { d.PrintGroups = r.printGroups(printed, bodyKeys) }
	return d
}

// printGroups is print.html's parts, each page's view made.
func (r *builder) printGroups(printed map[string]template.HTML, bodyKeys map[string]output.Key) []printGroup {
	entry := func(kind string, p *handbook.Page) printEntry {
		return printEntry{ID: convert.PrintID(p.Key(), ""), Kind: kind, Title: p.Title, Summary: p.Summary,
			Body: printed[p.Key()], bodyKey: bodyKeys[p.Key()]}
	}
	var groups []printGroup
	var first printGroup
	for _, p := range r.g.Handbook.Pages {
		first.Entries = append(first.Entries, entry("page", p))
	}
	if len(r.g.Flags) > 0 {
		first.Entries = append(first.Entries, printEntry{ID: convert.PrintID("flags", ""), Kind: "flags", Title: r.words.T("flags.title")})
	}
	if len(first.Entries) > 0 {
		first.Title = r.words.T("print.start-here")
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
		e.view = func(e *printEntry) { e.Related = r.refItems(g.Related, "") }
		es = append(es, e)
	}
	add(r.sectionTitle(handbook.Guides), es)
	es = nil
	for _, c := range r.g.Conditions {
		e := entry("condition", &c.Page)
		e.view = func(e *printEntry) { e.Condition = r.conditionView(c) }
		es = append(es, e)
	}
	add(r.sectionTitle(handbook.Conditions), es)
	es = nil
	for _, it := range r.sortedExercises() {
		x := r.g.Exercise[it]
		e := entry("exercise", &x.Page)
		e.view = func(e *printEntry) { e.Exercise = r.exerciseView(x) }
		es = append(es, e)
	}
	add(r.sectionTitle(handbook.Exercises), es)
	es = nil
	for _, q := range r.g.Questions {
		e := entry("faq", &q.Page)
		e.view = func(e *printEntry) { e.Related = r.refItems(q.Related, "") }
		es = append(es, e)
	}
	add(r.sectionTitle(handbook.FAQ), es)
	es = nil
	for _, p := range r.g.Programs {
		e := entry("program", &p.Page)
		e.view = func(e *printEntry) { e.Program = r.programView(p) }
		es = append(es, e)
	}
	add(r.sectionTitle(handbook.Programs), es)
	return groups
}

// printPart is what the layout of one article of print.html reads.
type printPart struct {
	printEntry
	Site  *site
	Flags []flagGroup
}

// PrintLink is the link within print.html to the page with key.
func (printPart) PrintLink(key string) string { return "#" + convert.PrintID(key, "") }

// printParts lays out each article of print.html (d) on its own, on every
// core: with a cache, an article whose view, body and layouts are as in
// the last build is taken from it, found, like a page (see keepPage), by
// what its view is made from, without making it. Then only the
// articles' ids, titles and HTML are kept; when every article has a key,
// the page's key hashes those instead of the HTML (d.partsKey).
func (r *builder) printParts(d *pageData) error {
	var entries []*printEntry
	for g := range d.PrintGroups {
		for i := range d.PrintGroups[g].Entries {
			entries = append(entries, &d.PrintGroups[g].Entries[i])
		}
	}
	errs := make([]error, len(entries))
	keys := make([]output.Key, len(entries))
	parallel.For(len(entries), func(i int) {
		e := entries[i]
		mk, memoOK := r.partMemoKey(e)
		var memoized output.Key // the key kept for mk, if any
		if memoOK {
			if k, ok := r.cache.views.Get(mk); ok {
				if html, found := r.cache.parts.Get(k); found && !r.verifyKeys {
					keys[i] = k
					*e = printEntry{ID: e.ID, Title: e.Title, HTML: html}
					return
				}
				memoized = k
			}
		}
		if e.view != nil {
			e.view(e)
		}
		part := printPart{printEntry: *e, Site: d.Site, Flags: d.Flags}
		var ok bool
		if r.cache != nil {
			if keys[i], ok = partKey(r.shared, &r.models, part); ok {
				if memoized != (output.Key{}) && memoized != keys[i] {
					errs[i] = fmt.Errorf("print.html: the article %s was kept by its memoized key, but its view has changed: viewsKey misses what it read", e.ID)
					return
				}
				if memoOK {
					r.cache.views.Put(mk, keys[i])
				}
				if html, found := r.cache.parts.Get(keys[i]); found {
					*e = printEntry{ID: e.ID, Title: e.Title, HTML: html}
					return
				}
			}
		}
		var b strings.Builder
		if err := r.t["print"].ExecuteTemplate(&b, "article", part); err != nil {
			errs[i] = fmt.Errorf("layout print.html for %s: %w", e.ID, err)
			return
		}
		*e = printEntry{ID: e.ID, Title: e.Title, HTML: template.HTML(b.String())}
		if ok {
			r.cache.parts.Put(keys[i], e.HTML)
		}
	})
	if r.cache != nil {
		r.cache.parts.Prune()
	}
	for _, e := range entries {
		d.size += len(e.HTML)
	}
	if r.cache != nil && !slices.Contains(keys, output.Key{}) {
		h := sha256.New()
		for _, k := range keys {
			h.Write(k[:])
		}
		h.Sum(d.partsKey[:0])
	}
	return errors.Join(errs...)
}

// partMemoKey is to an article of print.html what memoKey is to a page:
// the hash of what its view is made from (see viewsKey), its page and its
// body's conversion. An article whose body was not kept has none.
func (r *builder) partMemoKey(e *printEntry) (k output.Key, ok bool) {
	if r.views == (output.Key{}) || e.bodyKey == (output.Key{}) {
		return k, false
	}
	var b memo.Buffer
	b = append(b, r.views[:]...)
	b.Str("print.html")
	b.Str(e.Kind)
	b.Str(e.ID)
	b = append(b, e.bodyKey[:]...)
	return sha256.Sum256(b), true
}

// partKey hashes what an article of print.html is laid out from, with the
// shared key: its view and its body.
func partKey(shared output.Key, models *sync.Map, p printPart) (k output.Key, ok bool) {
	body := p.Body
	p.Body, p.Site = "", nil
	v := viewHash{buf: append(shared[:0:0], shared[:]...), shared: models}
	if !v.add(reflect.ValueOf(&p)) {
		return k, false
	}
	if p.bodyKey != (output.Key{}) {
		v.buf = append(append(v.buf, 1), p.bodyKey[:]...)
	} else {
		v.buf = append(v.buf, 0)
		v.buf.Str(string(body))
	}
	return sha256.Sum256(v.buf), true
}

// withoutHTML is print.html's groups without the articles' HTML, for the
// page's key when partsKey stands for it.
func withoutHTML(groups []printGroup) []printGroup {
	out := make([]printGroup, len(groups))
	for i, g := range groups {
		out[i] = printGroup{Title: g.Title, Entries: make([]printEntry, len(g.Entries))}
		for j, e := range g.Entries {
			out[i].Entries[j] = printEntry{ID: e.ID, Title: e.Title}
		}
	}
	return out
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
