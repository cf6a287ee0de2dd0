package render

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"

	"handbook/generator/diag"
	"handbook/generator/handbook"
)

// The words the generator looks up by a key it makes (a section's title,
// a vocabulary's label, a red flag group's title) are in every language's
// strings, which the build's check of the layouts cannot see; and the
// English labels read as the ids did before they were strings.
func TestFrameStrings(t *testing.T) {
	var errs diag.List
	langs := map[string]*Strings{}
	for _, lang := range []string{"en", "es"} {
		langs[lang] = LoadStrings(os.DirFS("../../layouts"), lang, &errs)
	}
	if err := errs.Err(); err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, sec := range handbook.SectionOrder {
		keys = append(keys, "section."+sec+".title", "section."+sec+".count.one", "section."+sec+".count.other")
	}
	for _, f := range facetNames {
		keys = append(keys, "filters."+f)
	}
	for _, u := range handbook.Urgencies {
		keys = append(keys, "flags."+u+".title", "flags."+u+".intro")
	}
	keys = append(keys, "flags.title", "flags.summary", "flags.intro", "notfound.title", "home.holds",
		"list.comma", "list.and", "list.level", "search-page.title", "search-page.summary", "app.short-name")
	for kind, values := range map[string][]string{"category": handbook.Categories, "position": handbook.Positions, "equipment": handbook.Equipment} {
		for _, v := range values {
			k := kind + "." + v
			keys = append(keys, k)
			if got := label(langs["en"], kind, v); got != title(v) {
				t.Errorf("English %s is %q, want %q as before", k, got, title(v))
			}
		}
	}
	for _, tg := range contentTargets(t) {
		k := "target." + targetKey(tg)
		keys = append(keys, k)
		if got := target(langs["en"], tg); got != tg {
			t.Errorf("English %s is %q, want %q as written", k, got, tg)
		}
	}
	for lang, s := range langs {
		for _, k := range keys {
			if !s.Has(k) {
				t.Errorf("%s strings lack %q", lang, k)
			}
		}
	}
}

// contentTargets are the targets of the shipped exercises.
func contentTargets(t *testing.T) []string {
	files, err := filepath.Glob("../../content/exercises/*.md")
	if err != nil || len(files) == 0 {
		t.Fatalf("no exercises: %v", err)
	}
	seen := map[string]bool{}
	var out []string
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		front, _, _ := strings.Cut(strings.TrimPrefix(string(b), "---\n"), "\n---")
		var m struct{ Targets []string }
		if err := yaml.Unmarshal([]byte(front), &m); err != nil {
			t.Fatalf("%s: %v", f, err)
		}
		for _, tg := range m.Targets {
			if !seen[tg] {
				seen[tg] = true
				out = append(out, tg)
			}
		}
	}
	return out
}

func TestLabels(t *testing.T) {
	s := &Strings{words: map[string]string{"position.lying-back": "Boca arriba", "target.deep-tummy-muscles": "músculos profundos del abdomen"}}
	for _, c := range []struct{ got, want string }{
		{label(s, "position", "lying-back"), "Boca arriba"},
		{label(s, "position", "side-lying"), "Side lying"}, // no string: the id as words
		{target(s, "Deep  tummy muscles"), "músculos profundos del abdomen"},
		{target(s, "glutes"), "glutes"},
		{targetKey("mid-back mobility"), "mid-back-mobility"},
		{targetKey(" Knee & hip movement "), "knee-hip-movement"},
	} {
		if c.got != c.want {
			t.Errorf("got %q, want %q", c.got, c.want)
		}
	}
}
