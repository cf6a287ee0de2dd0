package render

import (
	"flag"
	"strings"
	"testing"
	"testing/fstest"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

// A link to a missing page suggests the page meant as the link would be
// written in the file that links, so that the hint can be pasted as it is.
func TestSuggestionIsRelativeToTheLinkingFile(t *testing.T) {
	cases := []struct{ file, link, want string }{
		{"exercises/plank.md", "cat-cw.md",
			`content/exercises/plank.md:20:1: link to missing page "cat-cw.md" (did you mean cat-cow.md?)`},
		{"exercises/plank.md", "../guides/warm-up.md",
			`content/exercises/plank.md:20:1: link to missing page "../guides/warm-up.md" (did you mean ../guides/warming-up.md?)`},
		{"guides/g.md", "../exercises/cat-cw.md",
			`content/guides/g.md:6:1: link to missing page "../exercises/cat-cw.md" (did you mean ../exercises/cat-cow.md?)`},
		{"guides/g.md", "../guide/warming-up.md",
			`content/guides/g.md:6:1: link to missing page "../guide/warming-up.md" (did you mean warming-up.md?)`},
		{"about.md", "exercises/cat-cw.md",
			`content/about.md:6:1: link to missing page "exercises/cat-cw.md" (did you mean exercises/cat-cow.md?)`},
	}
	for _, c := range cases {
		t.Run(c.file+" "+c.link, func(t *testing.T) {
			fsys := fstest.MapFS{
				"handbook.yaml":        {Data: []byte("title: T\nlanguage: en\n")},
				"exercises/plank.md":   {Data: []byte(plank)},
				"exercises/cat-cow.md": {Data: []byte(plank)},
				"guides/warming-up.md": {Data: []byte("---\ntitle: W\nsummary: S\n---\n\nText.\n")},
			}
			page := "---\ntitle: G\nsummary: S\n---\n\n[go](" + c.link + ")\n"
			if c.file == "exercises/plank.md" {
				page = strings.Replace(plank, "1. Hold.\n", "1. Hold.\n\n[go]("+c.link+")\n", 1)
			}
			fsys[c.file] = &fstest.MapFile{Data: []byte(page)}
			_, errs := renderFS(t, fsys)
			errs.Sort()
			if got := errs.Error(); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}
