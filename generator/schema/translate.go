package schema

import (
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/handbook"
)

// A translation (content/LANG/, see content.Load) holds only words: the
// titles, summaries, lists and bodies of the pages, the red flags' words
// and the decision tree's. Everything else (which pages exist, how they
// relate, doses, loads, figures, the tree's questions and where each
// answer leads) is set once, in the source, so that the safety checks of
// the source hold in every language. Translate builds a language's
// handbook from the source's and the translation's words; a page the
// translation lacks keeps the source's words and is marked Untranslated.

// Translate returns the handbook of the translation tr of src.
func Translate(src *handbook.Handbook, tr *content.Translation, errs *diag.List) *handbook.Handbook {
	return (*Memo)(nil).Translate(src, tr, errs)
}

// Translate is the package's Translate, taking from m what it decoded
// before: a data file whose text is the same, a page whose text and
// source are the same.
func (m *Memo) Translate(src *handbook.Handbook, tr *content.Translation, errs *diag.List) *handbook.Handbook {
	t := tr.Tree
	h := &handbook.Handbook{Code: tr.Code, Broken: src.Broken, Config: src.Config}
	h.Config.Language, h.Config.LanguageName, h.Config.JournalPlaces = tr.Code, languageNames[strings.SplitN(tr.Code, "-", 2)[0]], nil
	if t.Config != nil { // read anew: it is small, and reads the source's config
		h.Config = translateConfig(src.Config, t.Config, tr.Code, errs)
	}
	h.Flags, h.FlagsIntro = src.Flags, src.FlagsIntro
	if t.Flags != nil {
		ff := m.dataFile("translated flags", t.Flags, errs, func(errs *diag.List) any {
			flags, intro := decodeFlags(t.Flags, errs, stamped(t.Flags.Path, errs))
			return flagsFile{flags, intro}
		}).(flagsFile)
		if sameFlags(src.Flags, ff.flags, t.Flags.Path, errs) {
			h.Flags, h.FlagsIntro = ff.flags, ff.intro
		}
	}
	if t.Synonyms != nil { // the source's synonyms are words of its own language
		h.Synonyms = m.dataFile("synonyms", t.Synonyms, errs, func(errs *diag.List) any { return decodeSynonyms(t.Synonyms, errs) }).([][]string)
	}
	h.Tree = src.Tree
	switch {
	case t.Tree != nil && src.Tree != nil:
		tree := m.dataFile("translated tree", t.Tree, errs, func(errs *diag.List) any {
			return decodeTree(t.Tree, errs, stamped(t.Tree.Path, errs))
		}).(*handbook.Tree)
		if tree != nil && sameTree(src.Tree, tree, errs) {
			h.Tree = tree
		}
	case t.Tree != nil:
		errs.AddHint(diag.Pos{File: t.Tree.Path, Line: 1, Col: 1}, "write the decision tree in the source language first",
			"a translation of decide.yaml, but the source has none")
	}
	pages := map[string]*content.File{}
	for _, f := range t.Pages {
		pages[key(f.Section, f.ID)] = f
	}
	take := func(p *handbook.Page) *content.File {
		f := pages[p.Key()]
		delete(pages, p.Key())
		return f
	}
	h.Exercises = translateAll(m, src.Exercises, func(e *handbook.Exercise) *handbook.Page { return &e.Page }, take, errs,
		func(c, e *handbook.Exercise, d *decoder) []field {
			return append(titled(d, &c.Page),
				sameLength(d, "cues", &c.Cues, len(e.Cues)), sameLength(d, "mistakes", &c.Mistakes, len(e.Mistakes)),
				sameLength(d, "stop-if", &c.StopIf, len(e.StopIf)), aliases(d, &c.Aliases),
				field{key: "dose", decode: func(n *yaml.Node) {
					d.mapping(n, "a translation's dose", append([]field{{key: "frequency", decode: func(n *yaml.Node) {
						c.Dose.Frequency = d.text(n, "frequency")
					}}}, sourceOnly(d, c.Key()+".md", "sets", "reps", "hold", "rest", "duration", "each-side")...))
				}})
		}, "category", "position", "equipment", "level", "targets", "avoid-if", "caution-if", "progression",
		"regression", "loads", "figure", "image", "image-credit", "image-license")
	h.Conditions = translateAll(m, src.Conditions, func(e *handbook.Condition) *handbook.Page { return &e.Page }, take, errs,
		func(c, _ *handbook.Condition, d *decoder) []field {
			return append(titled(d, &c.Page), aliases(d, &c.Aliases))
		},
		"aggravated-by", "helpful", "flags")
	h.Questions = translateAll(m, src.Questions, func(e *handbook.Question) *handbook.Page { return &e.Page }, take, errs,
		func(c, _ *handbook.Question, d *decoder) []field {
			return []field{
				{key: "question", required: true, decode: func(n *yaml.Node) { c.Title = d.text(n, "question") }},
				{key: "answer", required: true, decode: func(n *yaml.Node) { c.Summary = d.text(n, "answer") }},
				aliases(d, &c.Aliases)}
		}, "related")
	h.Guides = translateAll(m, src.Guides, func(e *handbook.Guide) *handbook.Page { return &e.Page }, take, errs,
		func(c, _ *handbook.Guide, d *decoder) []field {
			return append(titled(d, &c.Page), aliases(d, &c.Aliases))
		},
		"related")
	h.Programs = translateAll(m, src.Programs, func(e *handbook.Program) *handbook.Page { return &e.Page }, take, errs,
		func(c, e *handbook.Program, d *decoder) []field {
			c.Items = slices.Clone(e.Items) // the notes and frequencies are the translation's
			return append(titled(d, &c.Page), aliases(d, &c.Aliases), field{key: "notes", decode: func(n *yaml.Node) { d.notes(n, c.Items) }},
				field{key: "frequencies", decode: func(n *yaml.Node) { d.frequencies(n, c.Items) }})
		}, "exercises")
	h.Pages = translateAll(m, src.Pages, func(e *handbook.Page) *handbook.Page { return e }, take, errs,
		func(c, _ *handbook.Page, d *decoder) []field { return titled(d, c) })
	for _, f := range t.Pages {
		if pages[key(f.Section, f.ID)] == f {
			errs.AddHint(diag.Pos{File: f.Path, Line: 1, Col: 1}, "a translation has its source's file name; write the page in the source language first, or rename this one",
				"no source page %s.md for this translation", key(f.Section, f.ID))
		}
	}
	return h
}

// translateAll translates each page of a section, src: a copy of the
// source's value with the words its file (by take) gives, decoded with
// the fields words makes of the copy c and the source e; the keys in only
// are the source's alone. A page without a file is the source's, marked
// Untranslated.
func translateAll[T any](m *Memo, src []*T, pageOf func(*T) *handbook.Page, take func(*handbook.Page) *content.File,
	errs *diag.List, words func(c, e *T, d *decoder) []field, only ...string) []*T {
	var out []*T
	for _, e := range src {
		out = append(out, m.translatedPage(take(pageOf(e)), e, errs, func(f *content.File, errs *diag.List) any {
			c := *e
			p := pageOf(&c)
			p.Untranslated = f == nil
			if f != nil {
				translatePage(f, p, errs, func(d *decoder) []field { return words(&c, e, d) }, only...)
			}
			return &c
		}).(*T))
	}
	return out
}

// translatedPage is the translation f (nil for none) of the page src, as
// make decodes it, or as it was decoded before from the same text and the
// same source value.
func (m *Memo) translatedPage(f *content.File, src any, errs *diag.List, make func(f *content.File, errs *diag.List) any) any {
	if m == nil {
		return make(f, errs)
	}
	if f == nil { // not translated: a copy of the source's value, the same while it is
		return keep(m.translated, errs, func(errs *diag.List) any { return make(nil, errs) },
			[]byte(fmt.Sprintf("untranslated %p", src)))
	}
	front, body := f.FrontSum(), f.BodySum() // not read: a page the load did not read is not read here
	return keep(m.translated, errs, func(errs *diag.List) any { return make(f, errs) },
		[]byte(f.Path), front[:], body[:], []byte(fmt.Sprintf("%d %t %t %p", f.FrontLen(), f.Broken, f.HasBody(), src)))
}

func key(section, id string) string {
	if section == "" {
		return id
	}
	return section + "/" + id
}

// translateConfig is src with the words of a translation's handbook.yaml.
func translateConfig(src handbook.Config, f *content.Data, code string, errs *diag.List) handbook.Config {
	c := src
	c.Language, c.LanguageName, c.JournalPlaces = code, "", nil // the source's places are in its language
	d := &decoder{file: f.Path, errs: errs}
	root := d.parse(f.Text)
	if root == nil {
		return c
	}
	str := func(key string, v *string, required bool) field {
		return field{key: key, required: required, decode: func(n *yaml.Node) { *v = d.text(n, key) }}
	}
	fields := []field{
		str("title", &c.Title, true), str("language", &c.Language, false), str("language-name", &c.LanguageName, false),
		str("disclaimer", &c.Disclaimer, false), str("description", &c.Description, false),
		str("search-example", &c.SearchExample, false), str("stop-rule", &c.StopRule, false), str("loads-on", &c.LoadsOn, false),
		{key: "journal-places", decode: func(n *yaml.Node) { c.JournalPlaces = d.journalPlaces(n) }},
		stamped(f.Path, errs),
	}
	fields = append(fields, sourceOnly(d, "handbook.yaml", "base-url", "paper", "allow-html", "clinic", "languages")...)
	d.mapping(root, "a translation's handbook.yaml", fields)
	if c.LanguageName == "" {
		c.LanguageName = languageNames[strings.SplitN(code, "-", 2)[0]]
	}
	if c.LanguageName == "" {
		errs.AddHint(diag.Pos{File: f.Path, Line: 1, Col: 1}, "add language-name: with the language's name in itself", "the language switch needs this language's name")
	}
	return c
}

// translatePage decodes the front matter of f, a translation of the page
// p, into p: the fields of words give the keys it may hold; the keys in
// only are the source's alone.
func translatePage(f *content.File, p *handbook.Page, errs *diag.List, words func(*decoder) []field, only ...string) {
	source := p.Key() + ".md"
	p.Source, p.Pos = f.Path, diag.Pos{File: f.Path, Line: 1, Col: 1}
	if f.Broken {
		return
	}
	d := &decoder{file: f.Path, line0: content.FrontLine - 1, errs: errs}
	root := d.parse(f.Front())
	if root == nil {
		return
	}
	checkBody(f, errs)
	fields := append(words(d), stamped(f.Path, errs))
	d.mapping(root, "a translation's front matter", append(fields, sourceOnly(d, source, only...)...))
}

// versionPattern is a source's version as `handbook translated` writes it.
var versionPattern = regexp.MustCompile(`^[0-9a-f]{12}$`)

// stamped accepts translated-from, the version of the source a translation
// was made from, which `handbook translated` writes (see Status).
func stamped(file string, errs *diag.List) field {
	d := &decoder{file: file, errs: errs}
	return field{key: "translated-from", decode: func(n *yaml.Node) {
		if v := d.text(n, "translated-from"); !versionPattern.MatchString(v) {
			d.errs.AddHint(d.pos(n), "let `handbook translated` write it", "translated-from %q is not a version of the source", v)
		}
	}}
}

// sourceOnly refuses, in a translation, keys that only its source sets.
func sourceOnly(d *decoder, source string, keys ...string) []field {
	var out []field
	for _, k := range keys {
		out = append(out, field{key: k, decode: func(n *yaml.Node) {
			d.errs.AddHint(d.pos(n), "set it once, in the source ("+source+"); a translation holds only the words",
				"%s is not translated", k)
		}})
	}
	return out
}

// aliases are a page's aliases in a translation: the words its readers
// search with, not the source's.
func aliases(d *decoder, v *[]string) field {
	*v = nil
	return field{key: "aliases", decode: func(n *yaml.Node) { *v = d.texts(n, "aliases") }}
}

// sameLength is a list of words that translates the source's, item by item.
func sameLength(d *decoder, key string, v *[]string, want int) field {
	return field{key: key, required: want > 0, decode: func(n *yaml.Node) {
		got := d.nonEmptyTexts(n, key)
		if len(got) != want {
			d.errs.AddHint(d.pos(n), fmt.Sprintf("translate each of the source's %d, in its order", want),
				"%s has %d items; the source has %d", key, len(got), want)
			return
		}
		*v = got
	}}
}

// notes translates the notes of a programme's exercises: a mapping of
// exercise id to note.
func (d *decoder) notes(n *yaml.Node, items []handbook.ProgramItem) {
	d.itemWords(n, items, "notes", "note", func(it *handbook.ProgramItem, words func() string) bool {
		if it.Note == "" {
			return false
		}
		it.Note = words()
		return true
	})
}

// frequencies translates how often a programme asks for each exercise,
// where the source says (dose: frequency): a mapping of exercise id to
// its words.
func (d *decoder) frequencies(n *yaml.Node, items []handbook.ProgramItem) {
	d.itemWords(n, items, "frequencies", "frequency", func(it *handbook.ProgramItem, words func() string) bool {
		if it.Dose == nil || it.Dose.Frequency == "" {
			return false
		}
		dose := *it.Dose
		dose.Frequency = words()
		it.Dose = &dose
		return true
	})
}

// itemWords decodes key, a mapping of a programme's exercise ids to words
// (what), giving each to the items of that exercise with set; set reports
// whether the source gives that item such words.
func (d *decoder) itemWords(n *yaml.Node, items []handbook.ProgramItem, key, what string, set func(it *handbook.ProgramItem, words func() string) bool) {
	if n.Kind != yaml.MappingNode {
		d.errs.AddHint(d.pos(n), "write one line per exercise: its id, then its "+what, "%s must be a mapping of exercise ids", key)
		return
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		found := false
		for j := range items {
			if items[j].Exercise.ID == k.Value && set(&items[j], func() string { return d.text(v, k.Value) }) {
				found = true
			}
		}
		if !found {
			d.errs.AddHint(d.pos(k), "translate only what the source gives", "the source programme gives no %s for %q", what, k.Value)
		}
	}
}

// sameFlags reports where the red flags of a translation differ from the
// source's in anything but words: which flags, in what order, how urgent,
// and which the journal offers.
func sameFlags(src, tr []*handbook.Flag, file string, errs *diag.List) bool {
	before := len(*errs)
	hint := "a translation lists the source's red flags, in its order, with the same ids and urgency; only the words change"
	for i, f := range tr {
		if i >= len(src) {
			errs.AddHint(f.Pos, hint, "red flag %q is not in the source", f.ID)
			continue
		}
		s := src[i]
		switch {
		case f.ID != s.ID:
			errs.AddHint(f.Pos, hint, "red flag %d is %q here but %q in the source (%s)", i+1, f.ID, s.ID, s.Pos)
		case f.Urgency != s.Urgency:
			errs.AddHint(f.Pos, hint, "red flag %q is %s here but %s in the source (%s)", f.ID, f.Urgency, s.Urgency, s.Pos)
		case (f.Journal == "") != (s.Journal == "") || (f.JournalWhere == "") != (s.JournalWhere == ""):
			errs.AddHint(f.Pos, "give journal and journal-where exactly where the source does", "red flag %q is offered by the journal differently from the source (%s)", f.ID, s.Pos)
		}
	}
	if len(tr) < len(src) {
		errs.AddHint(diag.Pos{File: file, Line: 1, Col: 1}, hint, "red flag %q of the source (%s) is missing", src[len(tr)].ID, src[len(tr)].Pos)
	}
	return len(*errs) == before
}

// sameTree reports where a translation's decision tree differs from the
// source's in anything but words, so that every path of every language
// reaches the same outcome, red flags first.
func sameTree(src, tr *handbook.Tree, errs *diag.List) bool {
	before := len(*errs)
	hint := "a translation keeps the source's questions, answers and outcomes; only the words change"
	differ := func(pos diag.Pos, what string, here, there any, srcPos diag.Pos) {
		errs.AddHint(pos, hint, "%s is %v here but %v in the source (%s)", what, here, there, srcPos)
	}
	if tr.Start.ID != src.Start.ID {
		differ(tr.Start.Pos, "start", tr.Start.ID, src.Start.ID, src.Start.Pos)
	}
	for i, n := range tr.Nodes {
		if i >= len(src.Nodes) {
			errs.AddHint(n.Pos, hint, "node %q is not in the source", n.ID)
			continue
		}
		s := src.Nodes[i]
		if n.ID != s.ID {
			differ(n.Pos, fmt.Sprintf("node %d", i+1), n.ID, s.ID, s.Pos)
			continue
		}
		for _, c := range []struct {
			what        string
			here, there string
		}{
			{"screen", n.Screen, s.Screen}, {"outcome", n.Outcome, s.Outcome}, {"urgency", n.Urgency, s.Urgency},
			{"flags", refIDs(n.Flags), refIDs(s.Flags)}, {"page", n.Page.ID, s.Page.ID},
			{"max-level", fmt.Sprint(n.MaxLevel), fmt.Sprint(s.MaxLevel)}, {"exercises", refIDs(n.Exercises), refIDs(s.Exercises)},
			{"the number of answers", fmt.Sprint(len(n.Answers)), fmt.Sprint(len(s.Answers))},
		} {
			if c.here != c.there {
				differ(n.Pos, fmt.Sprintf("%s of node %q", c.what, n.ID), quoteEmpty(c.here), quoteEmpty(c.there), s.Pos)
			}
		}
		if len(n.Answers) != len(s.Answers) {
			continue
		}
		for j, a := range n.Answers {
			b := s.Answers[j]
			for _, c := range []struct {
				what        string
				here, there string
			}{
				{"next", a.Next.ID, b.Next.ID}, {"flags", refIDs(a.Flags), refIDs(b.Flags)},
				{"conditions", refIDs(a.Conditions), refIDs(b.Conditions)}, {"hurts", strings.Join(a.Hurts, ", "), strings.Join(b.Hurts, ", ")},
				{"max-level", fmt.Sprint(a.MaxLevel), fmt.Sprint(b.MaxLevel)},
				{"a label of its own", fmt.Sprint(a.Label != ""), fmt.Sprint(b.Label != "")},
			} {
				if c.here != c.there {
					differ(a.Pos, fmt.Sprintf("%s of answer %d of node %q", c.what, j+1, n.ID), quoteEmpty(c.here), quoteEmpty(c.there), b.Pos)
				}
			}
		}
	}
	if len(tr.Nodes) < len(src.Nodes) {
		errs.AddHint(tr.Pos, hint, "node %q of the source (%s) is missing", src.Nodes[len(tr.Nodes)].ID, src.Nodes[len(tr.Nodes)].Pos)
	}
	return len(*errs) == before
}

func refIDs(rs []handbook.Ref) string {
	ids := make([]string, len(rs))
	for i, r := range rs {
		ids[i] = r.ID
	}
	return strings.Join(ids, ", ")
}

func quoteEmpty(s string) string {
	if s == "" {
		return "none"
	}
	return s
}
