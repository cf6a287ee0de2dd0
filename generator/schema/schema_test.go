package schema

import (
	"flag"
	"strings"
	"testing"

	"handbook/generator/content"
	"handbook/generator/diag"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

func decodeOne(section, front string) (*content.Tree, diag.List) {
	var errs diag.List
	t := &content.Tree{Pages: []*content.File{content.NewFile("p.md", section+"/p.md", section, "p", []byte(front), nil)}}
	Decode(t, &errs)
	errs.Sort()
	return t, errs
}

func TestDecodeErrors(t *testing.T) {
	cases := []struct {
		name, section, front string
		want                 []string
	}{
		{"guide ok", "guides", "title: T\nsummary: S\n", nil},
		{"list for text", "guides", "title: [a, b]\nsummary: S\n",
			[]string{`p.md:2:8: title must be text, not a list (write it as text; quote it if it holds a colon)`}},
		{"empty value", "guides", "title:\nsummary: S\n",
			[]string{`p.md:2:7: title must be text, not nothing (write it as text; quote it if it holds a colon)`}},
		{"text for list", "faq", "question: Q\nanswer: A\nrelated: guides/x\n",
			[]string{`p.md:4:10: related must be a list, not "guides/x" (write it as a list: [a, b] or one '- item' per line)`}},
		{"alias", "guides", "title: &t T\nsummary: *t\n",
			[]string{`p.md:2:8: YAML anchors and aliases are not supported (write the value out in full)`,
				`p.md:3:10: YAML anchors and aliases are not supported (write the value out in full)`}},
		{"not a mapping", "guides", "- a\n- b\n",
			[]string{`p.md:2:1: expected a mapping of keys to values, found a list (write key: value lines)`}},
		{"bad reps", "exercises", "title: T\nsummary: S\ncategory: core\nposition: plank\nequipment: [mat]\nlevel: 2\ntargets: [core]\ndose: {reps: \"12-8\", hold: lots}\ncues: [a]\nmistakes: [b]\nstop-if: [c]\nloads: []\n",
			[]string{`p.md:9:14: reps range "12-8" is empty (write the smaller number first)`,
				`p.md:9:28: hold must be a number or a range, not "lots" (write a number of seconds, or a range in quotes such as "8-12")`}},
		{"empty lists", "exercises", "title: T\nsummary: S\ncategory: core\nposition: plank\nequipment: [mat]\nlevel: 2\ntargets: []\ndose: {}\ncues: []\nmistakes: [b]\nstop-if: [c]\nloads: []\n",
			[]string{`p.md:8:10: targets is empty (add at least one item)`, `p.md:10:7: cues is empty (add at least one item)`}},
		{"placeholders", "guides", "title: TODO\nsummary: TODO\n",
			[]string{`p.md:2:8: title is still a placeholder (replace TODO with real content)`,
				`p.md:3:10: summary is still a placeholder (replace TODO with real content)`}},
		{"item indented past the others", "exercises", "title: T\nsummary: S\ncategory: core\nposition: plank\nequipment: [mat]\nlevel: 2\ntargets: [core]\ndose: {}\ncues: [a]\nmistakes: [b]\nstop-if:\n  - Sharp pain\n     - or pain down the leg\n  - Numbness\nloads: []\n",
			[]string{`p.md:14:6: stop-if item runs on into this line, which starts with "-": YAML reads the two as one item, "Sharp pain - or pain down the leg" (line up each "- " with the items above it; a list inside an item is not allowed)`}},
		{"list inside an item", "guides", "title: T\nsummary: S\nrelated:\n  - guides/a\n    - guides/b\n",
			[]string{`p.md:6:5: related item runs on into this line, which starts with "-": YAML reads the two as one item, "guides/a - guides/b" (line up each "- " with the items above it; a list inside an item is not allowed)`}},
		{"a dash inside an item, and an item on two lines", "exercises", "title: T\nsummary: S\ncategory: core\nposition: plank\nequipment: [mat]\nlevel: 2\ntargets: [core]\ndose: {}\ncues:\n  - Breathe out - slowly\n  - Keep your hips level\n    - and your back long - as if lying on a bench\nmistakes: [b - c]\nstop-if: [c]\nloads: []\n",
			[]string{`p.md:13:5: cues item runs on into this line, which starts with "-": YAML reads the two as one item, "Keep your hips level - and your back long - as if lying on a bench" (line up each "- " with the items above it; a list inside an item is not allowed)`}},
		{"an item on two lines, no dash", "exercises", "title: T\nsummary: S\ncategory: core\nposition: plank\nequipment: [mat]\nlevel: 2\ntargets: [core]\ndose: {}\ncues:\n  - Breathe out - slowly,\n    then in\n  - Rest # - not a list\nmistakes: [b]\nstop-if: [c]\nloads: []\n", nil},
		{"programme item", "programs", "title: T\nsummary: S\nexercises:\n  - note: hi\n  - plank\n",
			[]string{`p.md:5:5: missing required key "id" in programme exercise (add a line id: ...)`,
				`p.md:6:5: programme exercise must be a mapping, not "plank" (write key: value lines, indented under it)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, errs := decodeOne(c.section, c.front)
			got := errs.Error()
			if got != strings.Join(c.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(c.want, "\n"))
			}
		})
	}
}

func TestSkeletonReportsPlaceholders(t *testing.T) {
	for _, section := range []string{"exercise", "condition", "faq", "guide", "program", "page"} {
		rel, text, err := Skeleton(section, "new-page")
		if err != nil {
			t.Fatal(err)
		}
		front, _, _ := strings.Cut(strings.TrimPrefix(string(text), "---\n"), "\n---\n")
		sec, _, _ := strings.Cut(rel, "/")
		if !strings.Contains(rel, "/") {
			sec = ""
		}
		_, errs := decodeOne(sec, front)
		for _, e := range errs {
			if !strings.Contains(e.Msg, "placeholder") {
				t.Errorf("%s: a fresh page gives %q; every error should be a placeholder", section, e)
			}
		}
		if section != "page" && len(errs) == 0 && section != "faq" {
			t.Errorf("%s: no placeholders reported", section)
		}
	}
	if _, _, err := Skeleton("exercize", "x"); err == nil {
		t.Error("unknown section accepted")
	}
	if _, _, err := Skeleton("exercise", "Bad Id"); err == nil {
		t.Error("bad id accepted")
	}
}

// FuzzDecode: no front matter, however broken, makes decoding panic, and
// every error it reports has a position in the file.
func FuzzDecode(f *testing.F) {
	for _, s := range []string{
		"title: T\nsummary: S\n", "title: [\n", "a: &x b\nc: *x\n", "- a\n", "dose: {sets: 99}\n",
		"exercises:\n  - id: x\n    dose: {reps: '1-2'}\n", "level: !!binary aGk=\n", "\ttitle: x\n", "{}", "? [a]\n: b\n",
		"figure:\n  props: [step, {prop: wall, at: back}]\n  frames:\n    - base: sitting\n      shoulders: {left: 190, right: -90}\n",
		"figure:\n  frames: [{base: side-lying, hips: 1e400}, 3, {base: x}]\n",
	} {
		f.Add("exercises", s)
		f.Add("programs", s)
	}
	f.Fuzz(func(t *testing.T, section, front string) {
		var errs diag.List
		tree := &content.Tree{
			Config: &content.Data{Path: "handbook.yaml", Text: []byte(front)},
			Flags:  &content.Data{Path: "flags.yaml", Text: []byte(front)},
			Pages:  []*content.File{content.NewFile("p.md", "", section, "p", []byte(front), nil)},
		}
		Decode(tree, &errs)
		for _, e := range errs {
			if e.Pos.File == "" || e.Pos.Line < 1 {
				t.Fatalf("error without a position: %v", e)
			}
		}
	})
}

func TestSynonyms(t *testing.T) {
	cases := []struct {
		text string
		want []string
	}{
		{"synonyms:\n  - [slipped disc, herniated disc]\n  - [crunch, sit-up]\n", nil},
		{"synonyms:\n  - [alone]\n", []string{"s.yaml:2:5: synonym group with fewer than two entries (a group needs two or more words that mean the same)"}},
		{"synonyms:\n  - [a, b]\n  - [B, c]\n", []string{`s.yaml:3:6: "b" is listed twice (first listed on line 2; merge the two groups)`}},
		{"synonym:\n  - [a, b]\n", []string{`s.yaml:1:1: unknown key "synonym" in synonyms.yaml (did you mean "synonyms"?)`}},
	}
	for _, c := range cases {
		var errs diag.List
		groups := decodeSynonyms(&content.Data{Path: "s.yaml", Text: []byte(c.text)}, &errs)
		errs.Sort()
		if errs.Error() != strings.Join(c.want, "\n") {
			t.Errorf("%q:\ngot  %s\nwant %s", c.text, errs.Error(), strings.Join(c.want, "\n"))
		}
		if c.want == nil && len(groups) != 2 {
			t.Errorf("%q: %d groups", c.text, len(groups))
		}
	}
}

// A memo keyed by front matter keeps a page's decoded value while only its
// text changes, and still reports the text's problems as they are now; a
// change to the front matter decodes the page again.
func TestMemoKeepsPageWhenOnlyTextChanges(t *testing.T) {
	const front = "title: Sitting at a desk\nsummary: How to sit and move through a working day.\n"
	page := func(front, body string) *content.Tree {
		return &content.Tree{Pages: []*content.File{content.NewFile("guides/desk.md", "guides/desk.md",
			"guides", "desk", []byte(front), []byte(body))}}
	}
	m := NewMemo()
	steps := []struct {
		front, body  string
		placeholders int
		same         bool // the same value as the step before
	}{
		{front, "Lie on your back.\n", 0, false},
		{front, "Lie on your back.\nTODO say how it should feel\n", 1, true},
		{front, "Lie on your back.\n- TODO one\n- TODO two\n", 2, true},
		{front, "Lie on your back, knees bent.\n", 0, true},
		{front + "aliases: [office chair]\n", "Lie on your back, knees bent.\n", 0, false},
		{front + "aliases: [office chair]\n", "TODO\n", 1, true},
	}
	var last any
	for i, s := range steps {
		var errs diag.List
		h := m.Decode(page(s.front, s.body), &errs)
		if len(h.Guides) != 1 {
			t.Fatalf("step %d: %d guides, errors %v", i, len(h.Guides), errs)
		}
		n := 0
		for _, e := range errs {
			if strings.Contains(e.Msg, "placeholder") {
				n++
			} else {
				t.Errorf("step %d: %v", i, e)
			}
		}
		if n != s.placeholders {
			t.Errorf("step %d: %d placeholders reported, want %d", i, n, s.placeholders)
		}
		if got := any(h.Guides[0]); i > 0 && (got == last) != s.same {
			t.Errorf("step %d: same decoded value %t, want %t", i, got == last, s.same)
		}
		last = h.Guides[0]
		var fresh diag.List
		Decode(page(s.front, s.body), &fresh)
		if len(fresh) != len(errs) {
			t.Errorf("step %d: %d errors from the memo, %d from a fresh decode", i, len(errs), len(fresh))
		}
	}
}
