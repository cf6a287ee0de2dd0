package schema

import (
	"strings"
	"testing"

	"handbook/generator/content"
	"handbook/generator/diag"
)

const flagHead = "flags:\n  - id: a\n    title: A\n    urgency: emergency\n    action: Go.\n"

func TestJournalFlagFields(t *testing.T) {
	cases := []struct {
		name, text   string
		label, where string // of the first flag
		want         []string
	}{
		{name: "none", text: flagHead},
		{name: "both", text: flagHead + "    journal: numbness in both legs\n    journal-where: both legs\n",
			label: "numbness in both legs", where: "both legs"},
		{name: "list for text", text: flagHead + "    journal: [a, b]\n",
			want: []string{`f.yaml:6:14: journal must be text, not a list (write it as text; quote it if it holds a colon)`}},
		{name: "empty", text: flagHead + "    journal:\n",
			want: []string{`f.yaml:6:13: journal must be text, not nothing (write it as text; quote it if it holds a colon)`}},
		{name: "too long", text: flagHead + "    journal: " + strings.Repeat("numb ", 15) + "\n",
			want: []string{`f.yaml:6:14: journal label "` + strings.TrimSpace(strings.Repeat("numb ", 15)) + `" is 74 characters long (keep it to 70 characters or fewer, a few lay words to tick in a list)`}},
		{name: "place too long", text: flagHead + "    journal-where: the whole of the back of both legs\n",
			want: []string{`f.yaml:6:20: journal-where place "the whole of the back of both legs" is 34 characters long (keep it to 30 characters or fewer, a few lay words to tick in a list)`}},
		{name: "two lines", text: flagHead + "    journal: |\n      numb\n      legs\n",
			want: []string{`f.yaml:6:14: journal label "numb..." spans lines (write it on one line: it is a box to tick)`}},
		{name: "twice", text: flagHead + "    journal: Numb legs\n    journal-where: legs\n  - id: b\n    title: B\n    urgency: urgent\n    action: Go.\n    journal: numb legs\n    journal-where: Legs\n",
			label: "Numb legs", where: "legs",
			want: []string{`f.yaml:12:14: journal label "numb legs" is used twice (first used on line 6; give each its own words)`,
				`f.yaml:13:20: journal-where place "Legs" is used twice (first used on line 7; give each its own words)`}},
		{name: "misspelt key", text: flagHead + "    jounral: numb\n",
			want: []string{`f.yaml:6:5: unknown key "jounral" in red flag (did you mean "journal"?)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var errs diag.List
			flags, _ := decodeFlags(&content.Data{Path: "f.yaml", Text: []byte(c.text)}, &errs)
			errs.Sort()
			if got := errs.Error(); got != strings.Join(c.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(c.want, "\n"))
			}
			if len(flags) == 0 {
				t.Fatal("no flags decoded")
			}
			if flags[0].Journal != c.label || flags[0].JournalWhere != c.where {
				t.Errorf("journal %q, journal-where %q; want %q, %q", flags[0].Journal, flags[0].JournalWhere, c.label, c.where)
			}
		})
	}
}

func TestJournalPlaces(t *testing.T) {
	head := "title: T\nlanguage: en\n"
	cases := []struct {
		name, text string
		places     []string
		want       []string
	}{
		{"none", head, nil, nil},
		{"places", head + "journal-places: [low back, buttock, one leg]\n", []string{"low back", "buttock", "one leg"}, nil},
		{"not a list", head + "journal-places: low back\n", nil,
			[]string{`c.yaml:3:17: journal-places must be a list, not "low back" (write it as a list: [a, b] or one '- item' per line)`}},
		{"twice", head + "journal-places:\n  - back\n  - Back\n", []string{"back"},
			[]string{`c.yaml:5:5: journal place "Back" is used twice (first used on line 4; give each its own words)`}},
		{"too many", head + "journal-places: [a, b, c, d, e, f, g, h, i]\n", []string{"a", "b", "c", "d", "e", "f", "g", "h"},
			[]string{`c.yaml:3:17: journal-places lists 9 places; at most 8 (a day's entry must stay quick: keep the places a reader tells apart)`}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var errs diag.List
			cfg := decodeConfig(&content.Data{Path: "c.yaml", Text: []byte(c.text)}, &errs)
			errs.Sort()
			if got := errs.Error(); got != strings.Join(c.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", got, strings.Join(c.want, "\n"))
			}
			if strings.Join(cfg.JournalPlaces, "|") != strings.Join(c.places, "|") {
				t.Errorf("places %q, want %q", cfg.JournalPlaces, c.places)
			}
		})
	}
}
