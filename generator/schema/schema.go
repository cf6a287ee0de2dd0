// Package schema decodes the front matter of every page, and the data files,
// into the typed handbook model, checking each key against its section's
// schema: unknown keys (with a suggestion), wrong types, missing required
// keys, values outside a vocabulary, duplicate keys and placeholders left by
// `handbook new`. References between pages are kept as written; the graph
// stage resolves them.
package schema

import (
	"bytes"
	"crypto/sha256"
	"encoding/binary"
	"fmt"
	"regexp"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/handbook"
	"handbook/generator/memo"
	"handbook/generator/parallel"
)

// Decode turns the files of t into a handbook, adding every problem to errs.
// Pages with errors are still returned where they could be read, so that
// later stages can report their own problems in the same run.
func Decode(t *content.Tree, errs *diag.List) *handbook.Handbook {
	return (*Memo)(nil).Decode(t, errs)
}

// Memo keeps the pages one build decoded for the next in one process
// (serve): a page whose file is the same is not decoded again. Later
// stages never change the model's values, so builds may share them. A nil
// *Memo keeps nothing.
type Memo struct {
	// pages are keyed by their front matter, not their text: a save that
	// edits only a page's text keeps its decoded value, and with it the
	// graph (see site.Cache); in a build, they are kept on disk (see
	// NewDiskMemo)
	pages      memo.Store[decodedPage]
	bodies     memo.Store[diag.List]  // each page text's problems, by path and text
	data       *memo.Map[decodedPage] // data files, by kind and text
	translated *memo.Map[decodedPage] // translated pages, by text and source value
	// last is, in memory (serve), each page of the last build by its file:
	// a load of what changed keeps the others' files (content.LoadAgain),
	// which are not read, hashed nor looked up again
	last     map[*content.File]decodedPage
	inMemory bool
}

// NewMemo returns an empty memo.
func NewMemo() *Memo {
	return &Memo{pages: memo.New[decodedPage](), bodies: memo.New[diag.List](), data: memo.New[decodedPage](),
		translated: memo.New[decodedPage](), inMemory: true}
}

// keep returns what make decodes, with its problems added to errs, or
// takes both from c by key; parts make the key.
func keep(c *memo.Map[decodedPage], errs *diag.List, make func(errs *diag.List) any, parts ...[]byte) any {
	var key [32]byte
	if c != nil {
		key = sha256.Sum256(keyOf(0, parts...))
		if d, ok := c.Get(key); ok {
			*errs = append(*errs, d.errs...)
			return d.value
		}
	}
	var d decodedPage
	d.value = make(&d.errs)
	c.Put(key, d)
	*errs = append(*errs, d.errs...)
	return d.value
}

// dataFile decodes the data file f with make, or takes it from m.
func (m *Memo) dataFile(kind string, f *content.Data, errs *diag.List, make func(errs *diag.List) any) any {
	var c *memo.Map[decodedPage]
	if m != nil {
		c = m.data
	}
	return keep(c, errs, make, []byte(kind), []byte(f.Path), f.Text)
}

// flagsFile is flags.yaml's red flags and intro.
type flagsFile struct {
	flags []*handbook.Flag
	intro string
}

// Decode is the package's Decode, taking from m the pages it keeps.
func (m *Memo) Decode(t *content.Tree, errs *diag.List) *handbook.Handbook {
	if m != nil { // what the last build, its translations too, did not use
		m.data.Prune()
		m.translated.Prune()
	}
	h := &handbook.Handbook{}
	if t.Config != nil {
		h.Config = m.dataFile("config", t.Config, errs, func(errs *diag.List) any { return decodeConfig(t.Config, errs) }).(handbook.Config)
	}
	if t.Flags != nil {
		ff := m.dataFile("flags", t.Flags, errs, func(errs *diag.List) any {
			flags, intro := decodeFlags(t.Flags, errs)
			return flagsFile{flags, intro}
		}).(flagsFile)
		h.Flags, h.FlagsIntro = ff.flags, ff.intro
	}
	if t.Synonyms != nil {
		h.Synonyms = m.dataFile("synonyms", t.Synonyms, errs, func(errs *diag.List) any { return decodeSynonyms(t.Synonyms, errs) }).([][]string)
	}
	if t.Tree != nil {
		h.Tree = m.dataFile("tree", t.Tree, errs, func(errs *diag.List) any { return decodeTree(t.Tree, errs) }).(*handbook.Tree)
	}

	// pages are decoded on every core, each with its own list of problems,
	// then gathered in the order of the files
	decoded := make([]decodedPage, len(t.Pages))
	var last map[*content.File]decodedPage
	if m != nil {
		last = m.last // read only while the pages are decoded
	}
	parallel.For(len(t.Pages), func(i int) {
		var ok bool
		if decoded[i], ok = last[t.Pages[i]]; !ok {
			decoded[i] = m.page(t.Pages[i])
		}
	})
	if m != nil {
		m.pages.Prune()
		m.bodies.Prune()
		if m.inMemory {
			m.last = make(map[*content.File]decodedPage, len(t.Pages))
			for i, f := range t.Pages {
				m.last[f] = decoded[i]
			}
		}
	}
	for _, d := range decoded {
		*errs = append(*errs, d.errs...)
		switch v := d.value.(type) {
		case *handbook.Exercise:
			h.Exercises = append(h.Exercises, v)
		case *handbook.Condition:
			h.Conditions = append(h.Conditions, v)
		case *handbook.Question:
			h.Questions = append(h.Questions, v)
		case *handbook.Guide:
			h.Guides = append(h.Guides, v)
		case *handbook.Program:
			h.Programs = append(h.Programs, v)
		case *handbook.Page:
			if d.broken {
				h.Broken = append(h.Broken, v)
			} else {
				h.Pages = append(h.Pages, v)
			}
		}
	}
	return h
}

// decodedPage is one page's front matter, decoded: a *handbook.Exercise,
// *Condition, *Question, *Guide, *Program or *Page, and its problems.
type decodedPage struct {
	value  any
	broken bool // the front matter could not be read as a mapping
	errs   diag.List
}

// page decodes f, or takes it from m.
func (m *Memo) page(f *content.File) decodedPage {
	d := m.front(f)
	if d.broken {
		return d
	}
	if body := m.body(f); len(body) > 0 {
		d.errs = append(slices.Clip(d.errs), body...)
	}
	return d
}

// front decodes f's front matter, or takes it from m.
func (m *Memo) front(f *content.File) decodedPage {
	if m == nil {
		return decodeFront(f)
	}
	flags := byte(0)
	if f.Broken {
		flags |= 1
	}
	if f.HasBody() {
		flags |= 2
	}
	sum := f.FrontSum() // made when the file was read: most pages are the same from save to save
	b := append(keyOf(1+binary.MaxVarintLen64+len(sum), f.Path, f.Section, f.ID), flags)
	key := sha256.Sum256(append(binary.AppendUvarint(b, uint64(f.FrontLen())), sum[:]...))
	if d, ok := m.pages.Get(key); ok {
		return d
	}
	d := decodeFront(f)
	if !f.ReadFailed() { // else it is not what the key says
		m.pages.Put(key, d)
	}
	return d
}

// body checks f's text, or takes its problems from m.
func (m *Memo) body(f *content.File) diag.List {
	var errs diag.List
	if m == nil {
		checkBody(f, &errs)
		return errs
	}
	sum := f.BodySum()
	key := sha256.Sum256(append(keyOf(len(sum), f.Path), sum[:]...))
	if errs, ok := m.bodies.Get(key); ok {
		return errs
	}
	checkBody(f, &errs)
	if !f.ReadFailed() {
		m.bodies.Put(key, errs)
	}
	return errs
}

// keyOf starts a memo key with parts, each after its length, with room
// for more bytes.
func keyOf[S ~string | ~[]byte](more int, parts ...S) []byte {
	n := more
	for _, p := range parts {
		n += binary.MaxVarintLen64 + len(p)
	}
	b := make([]byte, 0, n)
	for _, p := range parts {
		b = binary.AppendUvarint(b, uint64(len(p)))
		b = append(b, p...)
	}
	return b
}

// decodeFront decodes f's front matter: the page it makes, and its
// problems; broken if it is not a mapping.
func decodeFront(f *content.File) decodedPage {
	var out decodedPage
	page := handbook.Page{Section: f.Section, ID: f.ID, Source: f.Path,
		Pos: diag.Pos{File: f.Path, Line: 1, Col: 1}}
	d := &decoder{file: f.Path, line0: content.FrontLine - 1, errs: &out.errs}
	var root *yaml.Node
	if !f.Broken {
		root = d.parse(f.Front())
	}
	if root == nil {
		out.value, out.broken = &page, true
		return out
	}
	switch f.Section {
	case handbook.Exercises:
		out.value = exercise(d, root, page)
	case handbook.Conditions:
		out.value = condition(d, root, page)
	case handbook.FAQ:
		out.value = question(d, root, page)
	case handbook.Guides:
		out.value = guide(d, root, page)
	case handbook.Programs:
		out.value = program(d, root, page)
	default:
		p := page
		d.mapping(root, "front matter", titled(d, &p))
		out.value = &p
	}
	return out
}

// titled is the fields every titled page has.
func titled(d *decoder, p *handbook.Page) []field {
	return []field{
		{key: "title", required: true, decode: func(n *yaml.Node) { p.Title = d.text(n, "title") }},
		{key: "summary", required: true, decode: func(n *yaml.Node) { p.Summary = d.text(n, "summary") }},
	}
}

func exercise(d *decoder, root *yaml.Node, page handbook.Page) *handbook.Exercise {
	e := &handbook.Exercise{Page: page}
	img := func(n *yaml.Node) *handbook.Image {
		if e.Image == nil {
			e.Image = &handbook.Image{Pos: d.pos(n)}
		}
		return e.Image
	}
	fields := append(titled(d, &e.Page),
		field{key: "category", required: true, decode: func(n *yaml.Node) { e.Category = d.enum(n, "category", handbook.Categories) }},
		field{key: "position", required: true, decode: func(n *yaml.Node) { e.Position = d.enum(n, "position", handbook.Positions) }},
		field{key: "equipment", required: true, decode: func(n *yaml.Node) { e.Equipment = d.enums(n, "equipment", handbook.Equipment) }},
		field{key: "level", required: true, decode: func(n *yaml.Node) { e.Level = d.integer(n, "level", 1, 5) }},
		field{key: "targets", required: true, decode: func(n *yaml.Node) { e.Targets = d.nonEmptyTexts(n, "targets") }},
		field{key: "dose", required: true, decode: func(n *yaml.Node) { e.Dose = d.dose(n, "dose") }},
		field{key: "cues", required: true, decode: func(n *yaml.Node) { e.Cues = d.nonEmptyTexts(n, "cues") }},
		field{key: "mistakes", required: true, decode: func(n *yaml.Node) { e.Mistakes = d.nonEmptyTexts(n, "mistakes") }},
		field{key: "stop-if", required: true, decode: func(n *yaml.Node) { e.StopIf = d.nonEmptyTexts(n, "stop-if") }},
		field{key: "avoid-if", decode: func(n *yaml.Node) { e.AvoidIf = d.refs(n, "avoid-if") }},
		field{key: "caution-if", decode: func(n *yaml.Node) { e.CautionIf = d.refs(n, "caution-if") }},
		field{key: "progression", decode: func(n *yaml.Node) { e.Progression = d.refs(n, "progression") }},
		field{key: "regression", decode: func(n *yaml.Node) { e.Regression = d.refs(n, "regression") }},
		field{key: "loads", required: true, decode: func(n *yaml.Node) { e.Loads = d.enums(n, "loads", handbook.Loads) }},
		field{key: "aliases", decode: func(n *yaml.Node) { e.Aliases = d.texts(n, "aliases") }},
		field{key: "figure", decode: func(n *yaml.Node) { e.Figure = d.figure(n) }},
		field{key: "image", decode: func(n *yaml.Node) { img(n).Path = d.text(n, "image") }},
		field{key: "image-credit", decode: func(n *yaml.Node) { img(n).Credit = d.text(n, "image-credit") }},
		field{key: "image-license", decode: func(n *yaml.Node) { img(n).License = d.text(n, "image-license") }},
	)
	d.mapping(root, "exercise front matter", fields)
	d.checkImage(root, e)
	return e
}

func condition(d *decoder, root *yaml.Node, page handbook.Page) *handbook.Condition {
	c := &handbook.Condition{Page: page}
	fields := append(titled(d, &c.Page),
		field{key: "aliases", decode: func(n *yaml.Node) { c.Aliases = d.texts(n, "aliases") }},
		field{key: "aggravated-by", required: true, decode: func(n *yaml.Node) { c.AggravatedBy = d.enums(n, "aggravated-by", handbook.Loads) }},
		field{key: "helpful", decode: func(n *yaml.Node) { c.Helpful = d.refs(n, "helpful") }},
		field{key: "flags", decode: func(n *yaml.Node) { c.Flags = d.refs(n, "flags") }},
	)
	d.mapping(root, "condition front matter", fields)
	return c
}

func question(d *decoder, root *yaml.Node, page handbook.Page) *handbook.Question {
	q := &handbook.Question{Page: page}
	d.mapping(root, "FAQ front matter", []field{
		{key: "question", required: true, decode: func(n *yaml.Node) { q.Title = d.text(n, "question") }},
		{key: "answer", required: true, decode: func(n *yaml.Node) { q.Summary = d.text(n, "answer") }},
		{key: "aliases", decode: func(n *yaml.Node) { q.Aliases = d.texts(n, "aliases") }},
		{key: "related", decode: func(n *yaml.Node) { q.Related = d.refs(n, "related") }},
	})
	return q
}

func guide(d *decoder, root *yaml.Node, page handbook.Page) *handbook.Guide {
	g := &handbook.Guide{Page: page}
	fields := append(titled(d, &g.Page),
		field{key: "aliases", decode: func(n *yaml.Node) { g.Aliases = d.texts(n, "aliases") }},
		field{key: "related", decode: func(n *yaml.Node) { g.Related = d.refs(n, "related") }})
	d.mapping(root, "guide front matter", fields)
	return g
}

func program(d *decoder, root *yaml.Node, page handbook.Page) *handbook.Program {
	p := &handbook.Program{Page: page}
	fields := append(titled(d, &p.Page),
		field{key: "aliases", decode: func(n *yaml.Node) { p.Aliases = d.texts(n, "aliases") }},
		field{key: "exercises", required: true, decode: func(n *yaml.Node) {
			d.list(n, "exercises", func(c *yaml.Node) { p.Items = append(p.Items, programItem(d, c)) })
			if len(p.Items) == 0 {
				d.errs.AddHint(d.pos(n), "add at least one exercise as '- id: ...'", "exercises is empty")
			}
		}})
	d.mapping(root, "programme front matter", fields)
	return p
}

func programItem(d *decoder, n *yaml.Node) handbook.ProgramItem {
	var it handbook.ProgramItem
	d.mapping(n, "programme exercise", []field{
		{key: "id", required: true, decode: func(n *yaml.Node) {
			if v := d.text(n, "id"); v != "" {
				it.Exercise = handbook.Ref{ID: v, Pos: d.pos(n)}
			}
		}},
		{key: "dose", decode: func(n *yaml.Node) {
			dose := d.dose(n, "dose")
			it.Dose = &dose
		}},
		{key: "note", decode: func(n *yaml.Node) { it.Note = d.text(n, "note") }},
	})
	return it
}

func decodeConfig(f *content.Data, errs *diag.List) handbook.Config {
	d := &decoder{file: f.Path, errs: errs}
	c := handbook.Config{Paper: "a4", Disclaimer: handbook.DefaultDisclaimer, StopRule: handbook.DefaultStopRule}
	root := d.parse(f.Text)
	if root == nil {
		return c
	}
	d.mapping(root, "handbook.yaml", []field{
		{key: "title", required: true, decode: func(n *yaml.Node) { c.Title = d.text(n, "title") }},
		{key: "language", required: true, decode: func(n *yaml.Node) { c.Language = d.text(n, "language") }},
		{key: "language-name", decode: func(n *yaml.Node) { c.LanguageName = d.text(n, "language-name") }},
		{key: "languages", decode: func(n *yaml.Node) { c.Languages = d.languages(n) }},
		{key: "base-url", decode: func(n *yaml.Node) { c.BaseURL = d.baseURL(n) }},
		{key: "paper", decode: func(n *yaml.Node) { c.Paper = d.enum(n, "paper", handbook.Papers) }},
		{key: "allow-html", decode: func(n *yaml.Node) { c.AllowHTML = d.boolean(n, "allow-html") }},
		{key: "disclaimer", decode: func(n *yaml.Node) { c.Disclaimer = d.text(n, "disclaimer") }},
		{key: "description", decode: func(n *yaml.Node) { c.Description = d.text(n, "description") }},
		{key: "search-example", decode: func(n *yaml.Node) { c.SearchExample = d.text(n, "search-example") }},
		{key: "stop-rule", decode: func(n *yaml.Node) { c.StopRule = d.text(n, "stop-rule") }},
		{key: "loads-on", decode: func(n *yaml.Node) { c.LoadsOn = d.text(n, "loads-on") }},
		{key: "journal-places", decode: func(n *yaml.Node) { c.JournalPlaces = d.journalPlaces(n) }},
		{key: "clinic", decode: func(n *yaml.Node) {
			d.mapping(n, "clinic", []field{
				{key: "name", decode: func(n *yaml.Node) { c.Clinic.Name = d.text(n, "name") }},
				{key: "phone", decode: func(n *yaml.Node) { c.Clinic.Phone = d.text(n, "phone") }},
				{key: "email", decode: func(n *yaml.Node) { c.Clinic.Email = d.text(n, "email") }},
				{key: "website", decode: func(n *yaml.Node) { c.Clinic.Website = d.text(n, "website") }},
				{key: "address", decode: func(n *yaml.Node) { c.Clinic.Address = d.text(n, "address") }},
				{key: "logo", decode: func(n *yaml.Node) { c.Clinic.Logo = &handbook.Image{Path: d.text(n, "logo"), Pos: d.pos(n)} }},
				{key: "colour", decode: func(n *yaml.Node) { c.Clinic.Colour = d.colour(n, "colour") }},
			})
		}},
	})
	if c.LanguageName == "" {
		c.LanguageName = languageNames[strings.ToLower(strings.SplitN(c.Language, "-", 2)[0])]
	}
	if c.LanguageName == "" && len(c.Languages) > 0 {
		d.errs.AddHint(d.pos(root), "add a line language-name: with the language's name in itself", "the language switch needs the name of %q", c.Language)
	}
	return c
}

// languageNames are the names, each in itself, of the languages a
// handbook is most often written in; language-name sets any other.
var languageNames = map[string]string{"en": "English", "es": "Español", "fr": "Français", "de": "Deutsch",
	"it": "Italiano", "pt": "Português", "nl": "Nederlands", "pl": "Polski", "cy": "Cymraeg", "ga": "Gaeilge",
	"ca": "Català", "eu": "Euskara", "gl": "Galego", "sv": "Svenska", "da": "Dansk", "nb": "Norsk", "fi": "Suomi"}

var languageCode = regexp.MustCompile(`^[a-z]{2,3}(-[a-z0-9]{2,8})*$`)

// languages is handbook.yaml's languages: each translation's folder, as
// its code, with its name in itself ("es: Español").
func (d *decoder) languages(n *yaml.Node) []handbook.Language {
	if n.Kind != yaml.MappingNode {
		d.errs.AddHint(d.pos(n), "write one line for each translation under it, such as \"  es: Español\"", "languages must be a mapping of folder to name, not %s", kindName(n))
		return nil
	}
	var out []handbook.Language
	seen := map[string]bool{}
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		code := k.Value
		switch {
		case k.Kind != yaml.ScalarNode || !languageCode.MatchString(code):
			d.errs.AddHint(d.pos(k), "use the language's code in lower case, such as es or pt-br: it names the folder", "%q is not a language code", code)
			continue
		case seen[code]:
			d.errs.AddHint(d.pos(k), "keep one", "language %q is listed twice", code)
			continue
		}
		seen[code] = true
		name := d.text(v, code)
		if name == "" {
			d.errs.AddHint(d.pos(v), "write the language's name in itself, such as Español", "language %q needs a name", code)
		}
		out = append(out, handbook.Language{Code: code, Name: name, Pos: d.pos(k)})
	}
	return out
}

// colour is a colour written "#rrggbb" (or "#rgb"), in lower case.
func (d *decoder) colour(n *yaml.Node, key string) string {
	v := d.text(n, key)
	ok := (len(v) == 7 || len(v) == 4) && v[0] == '#'
	for _, c := range v[1:] {
		ok = ok && strings.ContainsRune("0123456789abcdefABCDEF", c)
	}
	if v != "" && !ok {
		d.errs.AddHint(d.pos(n), "write it as a web colour, such as \"#1d6fa5\"", "%s %q is not a colour", key, v)
		return ""
	}
	return strings.ToLower(v)
}

func (d *decoder) baseURL(n *yaml.Node) string {
	v := d.text(n, "base-url")
	if v != "" && !strings.HasPrefix(v, "https://") && !strings.HasPrefix(v, "http://") {
		d.errs.AddHint(d.pos(n), "write the full address, such as https://example.org/handbook/", "base-url must start with http:// or https://")
		return ""
	}
	return v
}

func decodeFlags(f *content.Data, errs *diag.List, extra ...field) (flags []*handbook.Flag, intro string) {
	d := &decoder{file: f.Path, errs: errs}
	root := d.parse(f.Text)
	if root == nil {
		return nil, ""
	}
	phrases := map[string]int{} // lower-cased phrase -> line of first use
	labels, places := newJournalWords("journal label", maxJournalLabel), newJournalWords("journal-where place", maxJournalPlace)
	d.mapping(root, "flags.yaml", append(extra,
		field{key: "intro", decode: func(n *yaml.Node) { intro = d.text(n, "intro") }},
		field{key: "flags", required: true, decode: func(n *yaml.Node) {
			d.list(n, "flags", func(c *yaml.Node) {
				fl := &handbook.Flag{Pos: d.pos(c)}
				d.mapping(c, "red flag", []field{
					{key: "id", required: true, decode: func(n *yaml.Node) { fl.ID = d.text(n, "id"); fl.Pos = d.pos(n) }},
					{key: "title", required: true, decode: func(n *yaml.Node) { fl.Title = d.text(n, "title") }},
					{key: "short", decode: func(n *yaml.Node) { fl.Short = d.text(n, "short") }},
					{key: "urgency", required: true, decode: func(n *yaml.Node) { fl.Urgency = d.enum(n, "urgency", handbook.Urgencies) }},
					{key: "action", required: true, decode: func(n *yaml.Node) { fl.Action = d.text(n, "action") }},
					{key: "journal", decode: func(n *yaml.Node) { fl.Journal = labels.label(d, n, "journal") }},
					{key: "journal-where", decode: func(n *yaml.Node) { fl.JournalWhere = places.label(d, n, "journal-where") }},
					{key: "phrases", decode: func(n *yaml.Node) {
						d.list(n, "phrases", func(c *yaml.Node) {
							v := strings.ToLower(d.text(c, "phrase"))
							switch {
							case v == "":
							case len(strings.Fields(v)) > 8:
								d.errs.AddHint(d.pos(c), "keep to the few words a reader would type", "phrase %q is longer than 8 words", v)
							case phrases[v] > 0:
								d.errs.AddHint(d.pos(c), fmt.Sprintf("first listed on line %d; a phrase belongs to one red flag", phrases[v]), "phrase %q is listed twice", v)
							default:
								phrases[v] = d.pos(c).Line
								fl.Phrases = append(fl.Phrases, v)
							}
						})
					}},
				})
				flags = append(flags, fl)
			})
		}},
	))
	return flags, intro
}

// decodeSynonyms reads synonyms.yaml: under "synonyms", a list of groups,
// each a list of two or more words or phrases that mean the same thing.
func decodeSynonyms(f *content.Data, errs *diag.List) [][]string {
	d := &decoder{file: f.Path, errs: errs}
	root := d.parse(f.Text)
	if root == nil {
		return nil
	}
	var groups [][]string
	seen := map[string]int{} // phrase -> line of first use
	d.mapping(root, "synonyms.yaml", []field{
		{key: "synonyms", required: true, decode: func(n *yaml.Node) {
			d.list(n, "synonyms", func(g *yaml.Node) {
				var group []string
				d.list(g, "synonym group", func(c *yaml.Node) {
					v := strings.ToLower(d.text(c, "synonym"))
					if v == "" {
						return
					}
					if line, dup := seen[v]; dup {
						d.errs.AddHint(d.pos(c), fmt.Sprintf("first listed on line %d; merge the two groups", line), "%q is listed twice", v)
						return
					}
					seen[v] = d.pos(c).Line
					group = append(group, v)
				})
				if g.Kind == yaml.SequenceNode && len(g.Content) < 2 {
					d.errs.AddHint(d.pos(g), "a group needs two or more words that mean the same", "synonym group with fewer than two entries")
				}
				if len(group) >= 2 {
					groups = append(groups, group)
				}
			})
		}},
	})
	return groups
}

// checkBody reports placeholder lines ("TODO ...") left in a page's text,
// also after a list marker or heading mark.
func checkBody(f *content.File, errs *diag.List) {
	for i, line := range bytes.Split(f.Body(), []byte("\n")) {
		if m := placeholderLine.FindIndex(line); m != nil {
			errs.AddHint(diag.Pos{File: f.Path, Line: i + 1, Col: m[1] - len("TODO") + 1},
				"replace it with the text of the page", "placeholder text left in the page")
		}
	}
}

var placeholderLine = regexp.MustCompile(`^[ \t]*(?:#+[ \t]+|\d+[.)][ \t]+|[-*+][ \t]+)?TODO`)
