package render

import (
	"bytes"
	"errors"
	"fmt"
	"html/template"
	"io/fs"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"handbook/generator/convert"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/output"
	"handbook/generator/parallel"
)

// parseLayouts parses base.html with each other layout, one template per
// page kind, each executing "base".
func parseLayouts(fsys fs.FS, words *Strings) (map[string]*template.Template, error) {
	funcs := template.FuncMap{
		"t":       words.T,
		"tn":      words.N,
		"split":   func(key string) []string { return strings.SplitN(key, "/", 2) },
		"printID": convert.PrintID,
		"lower":   strings.ToLower,
		"dict": func(kv ...any) (map[string]any, error) {
			if len(kv)%2 != 0 {
				return nil, fmt.Errorf("dict needs key and value pairs")
			}
			m := make(map[string]any, len(kv)/2)
			for i := 0; i < len(kv); i += 2 {
				k, ok := kv[i].(string)
				if !ok {
					return nil, fmt.Errorf("dict key %v is not a string", kv[i])
				}
				m[k] = kv[i+1]
			}
			return m, nil
		},
		"title": title,
		// {{label "position" "lying-back"}} is a value of a vocabulary as
		// readers see it; {{target "glutes"}} is an exercise's target.
		"label":  func(kind, v string) string { return label(words, kind, v) },
		"target": func(v string) string { return target(words, v) },
	}
	base, err := template.New("base.html").Funcs(funcs).ParseFS(fsys, "base.html")
	if err != nil {
		return nil, fmt.Errorf("layouts: %w", err)
	}
	names, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return nil, err
	}
	out := map[string]*template.Template{}
	for _, name := range names {
		if name == "base.html" {
			continue
		}
		t, err := template.Must(base.Clone()).ParseFS(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		out[strings.TrimSuffix(name, ".html")] = t
	}
	for _, kind := range []string{"home", "exercise", "condition", "faq", "guide", "program", "page", "section", "exercises", "flags", "search", "decide", "step", "feel", "flowchart", "handout", "journal", "journal-sheet", "print", "404"} {
		if out[kind] == nil {
			return nil, fmt.Errorf("layouts: missing %s.html", kind)
		}
	}
	return out, nil
}

func (r *builder) site() *site {
	s := &site{
		Title:      r.g.Config.Title,
		Language:   r.g.Config.Language,
		Disclaimer: r.g.Config.Disclaimer,
		Paper:      r.g.Config.Paper,
		Clinic:     r.g.Config.Clinic,
		Logo:       r.logo,
		HasFlags:   len(r.g.Flags) > 0,
		HasTree:    r.tree != nil,
		BaseURL:    r.base,
		Printable:  r.printable(),
		Offline:    r.offline,
		StopRule:   r.g.Config.StopRule,
		FlagsIntro: r.g.FlagsIntro,
		sections:   map[string]bool{},
		Languages:  r.editions,
		Edition:    r.edition,
	}
	if len(r.editions) > 0 {
		s.SourceLang = r.editions[0].Lang
	}
	if base, _, _ := strings.Cut(strings.ToLower(s.Language), "-"); base == "es" {
		s.Stemmer = "stem-es.js"
	}
	if r.base != "" {
		s.RootURL = strings.TrimSuffix(r.base, r.edition+"/")
	}
	if s.FlagsIntro == "" {
		s.FlagsIntro = r.words.T("flags.intro")
	}
	for _, f := range r.g.Flags {
		if f.Urgency == "emergency" {
			s.Emergency = append(s.Emergency, f.Name())
		}
	}
	var held []string
	for _, sec := range handbook.SectionOrder {
		if n := r.count(sec); n > 0 {
			s.Nav = append(s.Nav, navItem{Key: sec + "/index", Title: r.sectionTitle(sec), Section: sec})
			s.sections[sec] = true
			held = append(held, r.words.N("section."+sec+".count", n))
		}
	}
	used := map[string]bool{}
	for _, e := range r.g.Exercises {
		used[e.Category] = true
	}
	for _, c := range handbook.Categories {
		if used[c] {
			s.Categories = append(s.Categories, c)
		}
	}
	if len(r.g.Exercises) > 0 {
		s.ExerciseExample = strings.ToLower(r.g.Exercises[0].Title)
	}
	s.Description = r.g.Config.Description
	if s.Description == "" && len(held) > 0 {
		s.Description = r.words.T("home.holds", r.joinAnd(held))
	}
	s.SearchExample = r.g.Config.SearchExample
	if s.SearchExample == "" {
		switch {
		case len(r.g.Conditions) > 0:
			s.SearchExample = strings.ToLower(r.g.Conditions[0].Title)
		case len(r.g.Exercises) > 0:
			s.SearchExample = strings.ToLower(r.g.Exercises[0].Title)
		}
	}
	if r.g.Pages["guides/when-to-get-help"] != nil {
		s.HelpGuide = "guides/when-to-get-help"
	}
	return s
}

func (r *builder) count(section string) int {
	return len(r.sectionOrder()[section])
}

// pages executes the layouts for every page of the site.
// It returns the paths of the pages, in order, for the sitemap.
func (r *builder) pages(emit Emitter) ([]string, error) {
	s := r.site()
	var all []*pageData
	page := func(kind string, p *handbook.Page) *pageData {
		k := p.Key()
		d := &pageData{Site: s, Key: k, Path: convert.OutPath(k), Kind: kind, Untranslated: p.Untranslated,
			Title: p.Title, Summary: p.Summary, Body: r.conv.Bodies[k], bodyKey: r.conv.BodyKeys[k]}
		all = append(all, d)
		return d
	}
	// Views are made in the workers, just before their page's layout runs,
	// so that a large handbook holds only a few at a time.
	for _, e := range r.g.Exercises {
		page("exercise", &e.Page).view = func(d *pageData) { d.Exercise = r.exerciseView(e) }
	}
	for _, c := range r.g.Conditions {
		page("condition", &c.Page).view = func(d *pageData) { d.Condition = r.conditionView(c) }
	}
	for _, q := range r.g.Questions {
		page("faq", &q.Page).view = func(d *pageData) { d.Related = r.refItems(q.Related, "") }
	}
	for _, g := range r.g.Guides {
		page("guide", &g.Page).view = func(d *pageData) { d.Related = r.refItems(g.Related, "") }
	}
	for _, p := range r.g.Programs {
		page("program", &p.Page).view = func(d *pageData) { d.Program = r.programView(p) }
	}
	for _, p := range r.g.Handbook.Pages {
		page("page", p)
	}
	all = append(all, r.indexes(s)...)
	if s.HasFlags {
		all = append(all, &pageData{Site: s, Key: graph.FlagsKey, Path: convert.OutPath(graph.FlagsKey), Kind: "flags",
			Title: r.words.T("flags.title"), Summary: r.words.T("flags.summary"), Flags: r.flagGroups()})
	}
	all = append(all, r.home(s), r.searchPage(s), r.handoutPage(s), r.journalPage(s), r.journalSheetPage(s))
	if r.printable() {
		all = append(all, r.printPage(s))
	}
	all = append(all, r.decidePages(s)...)
	if r.sheet {
		all = append(all, r.contactSheet(s))
	}
	// each page holds its own body now, let go once it is written
	r.conv.Bodies, r.conv.BodyKeys, r.conv.Printed = nil, nil, nil
	notFound := &pageData{Site: s, Key: "404", Path: "404.html", Kind: "404", Title: r.words.T("notfound.title")}
	if r.base != "" {
		notFound.BaseHref = r.base
	}
	all = append(all, notFound)

	paths := make([]string, len(all))
	for i, d := range all {
		paths[i] = d.Path
	}
	if r.keep != nil || r.cache != nil { // with nothing to keep, keys are not needed
		var err error
		if r.shared, err = sharedKey(r.layoutsKey, s); err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		if r.keep != nil && r.cache != nil {
			r.views = r.viewsKey()
		}
	}
	if err := r.execute(all, emit); err != nil {
		return nil, err
	}
	if r.views != (output.Key{}) {
		r.cache.views.Prune()
	}
	return paths, nil
}

// complete adds to a page what every page has and its own view.
func (r *builder) complete(d *pageData) error {
	d.builder = r
	if d.view != nil {
		d.view(d)
	}
	if d.Kind == "print" {
		if err := r.printParts(d); err != nil {
			return err
		}
	}
	if d.Kind == "exercise" || d.Kind == "program" {
		qr, err := r.qrFor(d.Path, d.Title)
		if err != nil {
			return err
		}
		d.QR = qr
	}
	from := r.conv.Backlinks[d.Key]
	for _, k := range from[:min(len(from), careMax)] {
		d.LinkedFrom = append(d.LinkedFrom, r.itemOf(k))
	}
	d.LinkedMore = max(0, len(from)-careMax)
	if r.base != "" && d.Kind != "404" {
		d.Canonical = r.base + d.Path
	}
	return nil
}

// bigPage is the size from which a page laid out keeps its worker's
// buffer rather than a copy of it (print.html: megabytes).
const bigPage = 1 << 20

// execute runs each page's layout, on all cores, and emits each page,
// unless Keep keeps the previous build's copy.
func (r *builder) execute(all []*pageData, emit Emitter) error {
	errs := make([]error, len(all))
	parallel.ForWith(len(all), func() *bytes.Buffer { return new(bytes.Buffer) }, func(buf *bytes.Buffer, i int) {
		d := all[i]
		all[i] = nil // written pages are not kept
		key, kept, err := r.keepPage(d)
		if kept || err != nil {
			errs[i] = err
			return
		}
		if d.bodyKey != (output.Key{}) {
			body, ok := r.cache.conv.Web(d.bodyKey)
			if !ok {
				errs[i] = fmt.Errorf("%s: %w", d.Path, ErrCacheLost)
				return
			}
			d.Body = body
		}
		buf.Reset()
		buf.Grow(d.size)
		if err := r.t[d.Kind].ExecuteTemplate(buf, "base", d); err != nil {
			errs[i] = fmt.Errorf("layout %s.html for %s: %w", d.Kind, d.Path, err)
			return
		}
		data := buf.Bytes()
		if len(data) < bigPage {
			data = bytes.Clone(data)
		} else { // not copied: the buffer is the page's, and the worker takes a new one
			*buf = bytes.Buffer{}
		}
		// written as made: minifying the pages took a sixth of a clean
		// build's time and made them about 1% smaller
		errs[i] = emit(output.File{Path: d.Path, Data: data, Key: key, Minimal: true})
	})
	return errors.Join(errs...)
}

// keepPage keeps the last build's copy of page d if it was made from the
// same inputs, first by its memoized key (see memoKey), without making
// its view, then by its view's key. If not kept, d has its view, and key
// is its key, or zero if it has none.
func (r *builder) keepPage(d *pageData) (key output.Key, kept bool, err error) {
	memo, memoOK := r.memoKey(d)
	if memoOK {
		if k, ok := r.cache.views.Get(memo); ok && r.keep(d.Path, k) {
			r.unviewed.Add(1)
			if !r.verifyKeys {
				return k, true, nil
			}
			if err := r.complete(d); err != nil {
				return k, true, err
			}
			if now, ok := inputsKey(r.shared, &r.models, d); !ok || now != k {
				return k, true, fmt.Errorf("%s: kept by its memoized key, but its view has changed: viewsKey misses what it read", d.Path)
			}
			return k, true, nil
		}
	}
	if err := r.complete(d); err != nil {
		return key, false, err
	}
	if r.keep == nil {
		return key, false, nil
	}
	k, ok := inputsKey(r.shared, &r.models, d)
	if !ok {
		return key, false, nil
	}
	if memoOK {
		r.cache.views.Put(memo, k)
	}
	return k, r.keep(d.Path, k), nil
}

// indexes makes each section's index page, and for exercises one plain
// page per filter value so that filtering works without JavaScript.
func (r *builder) indexes(s *site) []*pageData {
	var out []*pageData
	order := r.sectionOrder()
	for _, sec := range handbook.SectionOrder {
		keys := order[sec]
		if len(keys) == 0 {
			continue
		}
		items := slices.Clone(r.indexItems(order)[sec])
		label := ""
		if l, ok := sectionLabel[sec]; ok {
			label = r.words.T(l)
		}
		for i := range items {
			r.fill(&items[i], label)
		}
		d := &pageData{Site: s, Key: sec + "/index", Path: sec + "/index.html", Kind: "section",
			Title: r.sectionTitle(sec), Items: items}
		if sec == handbook.Exercises {
			d.Kind = "exercises"
			d.Facets = r.facets(items)
			out = append(out, r.facetPages(s, d)...)
		}
		out = append(out, d)
	}
	return out
}

// indexItems are the items of each section's index, in order (see
// sectionOrder), as graphItem makes them with their filters: made once
// per graph, and copied for each build to fill in.
func (r *builder) indexItems(order map[string][]string) map[string][]item {
	return r.g.Derived("render.indexItems", func() any {
		m := make(map[string][]item, len(order))
		for sec, keys := range order {
			items := make([]item, len(keys))
			for i, k := range keys {
				items[i] = graphItem(r.g, k, true)
			}
			m[sec] = items
		}
		return m
	}).(map[string][]item)
}

// sectionOrder returns the keys of each section's pages, by section, in
// the order of the section's index (see lessItem). An item's level, title
// and key come from the graph alone: the order is made once per graph,
// which serve keeps while saves edit only pages' text.
func (r *builder) sectionOrder() map[string][]string {
	return r.g.Derived("render.sectionOrder", func() any {
		bySection := map[string][]item{}
		for k := range r.g.Pages {
			if sec, _, ok := strings.Cut(k, "/"); ok {
				bySection[sec] = append(bySection[sec], graphItem(r.g, k, false))
			}
		}
		order := make(map[string][]string, len(bySection))
		for sec, items := range bySection {
			slices.SortFunc(items, func(a, b item) int {
				switch {
				case lessItem(a, b):
					return -1
				case lessItem(b, a):
					return 1
				}
				return 0
			})
			keys := make([]string, len(items))
			for i, it := range items {
				keys[i] = it.Key
			}
			order[sec] = keys
		}
		return order
	}).(map[string][]string)
}

func lessItem(a, b item) bool {
	if a.Level != b.Level {
		return a.Level < b.Level
	}
	if a.Title != b.Title {
		return a.Title < b.Title
	}
	return a.Key < b.Key
}

// facetNames are the filters of the exercise index, in order; each is
// named by the string "filters.NAME".
var facetNames = []string{"category", "position", "equipment", "level"}

func (r *builder) facets(items []item) []facetGroup {
	var groups []facetGroup
	for _, name := range facetNames {
		counts := map[string]int{}
		for _, it := range items {
			for v := range strings.FieldsSeq(it.Data[name]) {
				counts[v]++
			}
		}
		g := facetGroup{Name: name, Title: r.words.T("filters." + name)}
		for _, v := range vocabulary(name) {
			if counts[v] > 0 {
				var title string
				if name == "level" {
					n, _ := strconv.Atoi(v)
					title = r.words.T("list.level", n)
				} else {
					title = label(r.words, name, v)
				}
				g.Values = append(g.Values, facetValue{Value: v, Title: title, Count: counts[v],
					Key: handbook.Exercises + "/filter/" + name + "-" + v})
			}
		}
		if len(g.Values) > 1 { // one value filters nothing
			groups = append(groups, g)
		}
	}
	return groups
}

func vocabulary(name string) []string {
	switch name {
	case "category":
		return handbook.Categories
	case "position":
		return handbook.Positions
	case "equipment":
		return handbook.Equipment
	}
	return []string{"1", "2", "3", "4", "5"}
}

func (r *builder) facetPages(s *site, index *pageData) []*pageData {
	var out []*pageData
	for _, g := range index.Facets {
		// each value's items, in one pass over the index, not one a value
		byValue := map[string][]item{}
		for _, it := range index.Items {
			for x := range strings.FieldsSeq(it.Data[g.Name]) {
				byValue[x] = append(byValue[x], it)
			}
		}
		for _, v := range g.Values {
			items := byValue[v.Value]
			value := v.Title // a level reads as its label, "Level 2"; other values in lower case
			if g.Name != "level" {
				value = strings.ToLower(value)
			}
			out = append(out, &pageData{Site: s, Key: v.Key, Path: convert.OutPath(v.Key), Kind: "exercises",
				Title: r.sectionTitle(handbook.Exercises), Facet: g.Title + ": " + value, Items: items, Facets: index.Facets})
		}
	}
	return out
}

func (r *builder) flagGroups() []flagGroup {
	groups := []flagGroup{
		{Urgency: "emergency"}, {Urgency: "urgent"}, {Urgency: "soon"},
	}
	for i := range groups {
		groups[i].Title = r.words.T("flags." + groups[i].Urgency + ".title")
		groups[i].Intro = r.words.T("flags." + groups[i].Urgency + ".intro")
		for _, f := range r.g.Flags {
			if f.Urgency == groups[i].Urgency {
				groups[i].Flags = append(groups[i].Flags, f)
			}
		}
	}
	return groups
}

func (r *builder) home(s *site) *pageData {
	d := &pageData{Site: s, Key: "index", Path: "index.html", Kind: "home", Title: s.Title, Summary: s.Description}
	if s.HasFlags {
		d.Flags = r.flagGroups()
	}
	for _, sec := range handbook.SectionOrder {
		n := r.count(sec)
		if n == 0 {
			continue
		}
		v := sectionView{Key: sec + "/index", Title: r.sectionTitle(sec), Count: n}
		d.Sections = append(d.Sections, v)
	}
	for _, p := range r.g.Handbook.Pages {
		d.Items = append(d.Items, r.itemOf(p.Key()))
	}
	return d
}

func (r *builder) searchPage(s *site) *pageData {
	v := &searchView{Sections: s.Nav}
	top := 0
	for _, e := range r.g.Exercises {
		top = max(top, e.Level)
	}
	for l := 1; l < top; l++ {
		v.Levels = append(v.Levels, l)
	}
	for _, c := range r.g.Conditions {
		v.Conditions = append(v.Conditions, r.itemOf(c.Key()))
	}
	return &pageData{Site: s, Key: "search", Path: "search.html", Kind: "search", Title: r.words.T("search-page.title"),
		Summary: r.words.T("search-page.summary"), Search: v}
}

// assets copies the asset folder under assets/, with the code stylesheet.
func (r *builder) assets(fsys fs.FS) ([]output.File, error) {
	var files []output.File
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if p == "sw.js" {
			return nil // written at the site's top by the build, with its file list
		}
		b, err := fs.ReadFile(fsys, p)
		if err != nil {
			return err
		}
		files = append(files, output.File{Path: path.Join("assets", p), Data: b})
		return nil
	})
	if err != nil {
		return nil, fmt.Errorf("assets: %w", err)
	}
	css, err := convert.Stylesheet()
	if err != nil {
		return nil, err
	}
	return append(files, output.File{Path: "assets/code.css", Data: css}), nil
}

// sitemap lists every HTML page but 404.html.
func (r *builder) sitemap(pages []string) output.File {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8"?>` + "\n")
	b.WriteString(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">` + "\n")
	var paths []string
	for _, p := range pages {
		if p != "404.html" {
			paths = append(paths, p)
		}
	}
	sort.Strings(paths)
	for _, p := range paths {
		b.WriteString("<url><loc>")
		template.HTMLEscape(&b, []byte(r.base+p))
		b.WriteString("</loc></url>\n")
	}
	b.WriteString("</urlset>\n")
	return output.File{Path: "sitemap.xml", Data: []byte(b.String())}
}

// sectionTitle names a section for readers: the string
// "section.SECTION.title", "Exercises".
func (r *builder) sectionTitle(section string) string {
	return r.words.T("section." + section + ".title")
}

// joinAnd joins phrases as a sentence does in the handbook's language:
// "a", "a and b", "a, b and c" (the strings "list.comma" and "list.and").
func (r *builder) joinAnd(xs []string) string {
	if len(xs) < 2 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], r.words.T("list.comma")) + " " + r.words.T("list.and") + " " + xs[len(xs)-1]
}

// title is an id as words with a capital: "lying-back" reads "Lying back".
func title(s string) string {
	s = strings.ReplaceAll(s, "-", " ")
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// label is a value of one of the vocabularies of exercises (kind is
// "category", "position" or "equipment") as readers see it: the string
// "KIND.VALUE" ("position.lying-back": "Lying back"), else the value as
// words with a capital.
func label(words *Strings, kind, v string) string {
	if k := kind + "." + v; words.Has(k) {
		return words.T(k)
	}
	return title(v)
}

// target is an exercise's target, free text in its front matter ("deep
// tummy muscles"), in the handbook's language: the string "target.WORDS"
// with the words joined by hyphens ("target.deep-tummy-muscles"), else
// the words as written.
func target(words *Strings, v string) string {
	if k := "target." + targetKey(v); words.Has(k) {
		return words.T(k)
	}
	return v
}

// targetKey is the words of a target as a string key's last part: lower
// case, runs of anything but letters and digits made one hyphen.
func targetKey(v string) string {
	var b strings.Builder
	gap := false
	for _, c := range strings.ToLower(v) {
		if c >= 'a' && c <= 'z' || c >= '0' && c <= '9' {
			if gap && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(c)
			gap = false
		} else {
			gap = true
		}
	}
	return b.String()
}
