package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"handbook"
	"handbook/generator/content"
	"handbook/generator/convert"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/schema"
)

// FuzzMarkdown: any page body goes through goldmark, link resolution and
// the layouts without a panic; problems come back as positioned errors, and
// no script from the body reaches a page unescaped.
func FuzzMarkdown(f *testing.F) {
	for _, s := range []string{
		"See [plank](../exercises/plank.md#steps) and [here](#x).",
		"[a](b.md) ![img](pic.png) <script>alert(1)</script> [x](javascript:alert(1))",
		"# T\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n- [ ] x\n\n```go\nfunc(){}\n```\n\nTerm\n: def\n\nx[^1]\n\n[^1]: n",
		"[](<>) [[nested](a.md)](b.md) [a](../../../etc/passwd) [a](/abs.md) [a](%zz)",
		"> > > > > deep\n\n" + strings.Repeat("- ", 50) + "x",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		fsys := fstest.MapFS{
			"handbook.yaml":      {Data: []byte("title: T\nlanguage: en\n")},
			"guides/g.md":        {Data: []byte("---\ntitle: G\nsummary: S\n---\n\n" + body)},
			"exercises/plank.md": {Data: []byte(plank)},
			"guides/pic.png":     {Data: []byte("\x89PNG")},
		}
		site := renderFuzzed(t, fsys)
		for _, f := range site.Files {
			if f.Path == "guides/g.html" && strings.Contains(strings.ToLower(string(f.Data)), "<script>alert") {
				t.Fatalf("script from the body reached the page: %.300s", f.Data)
			}
		}
	})
}

const plank = `---
title: Plank
summary: Hold.
category: core
position: plank
equipment: [mat]
level: 2
targets: [core]
dose: {hold: 20}
cues: [Breathe.]
mistakes: [Sagging.]
stop-if: [Pain.]
loads: []
---

## Steps

1. Hold.
`

// FuzzFrontMatter: front matter that is wrong in any way (half a mapping,
// a missing key, a list where a word belongs) is reported with a position
// and never reaches cross-linking or the layouts as a panic. The fuzzed
// text is the front matter of an exercise that a programme and a
// condition refer to, so broken references flow through every stage.
func FuzzFrontMatter(f *testing.F) {
	f.Add(strings.TrimPrefix(strings.SplitN(plank, "---\n", 3)[1], "\n"))
	for _, s := range []string{
		"title: B\nsummary: S\nprogression: [plank]\nregression: [nothing]\n",
		"title:\nsummary: [a, b]\ndose: {sets: 0}\nlevel: 9\n",
		"title: B\nsummary: S\navoid-if: [{id: x}]\nloads: [bend, bend]\n",
		"-\n- title: x\n",
		"title: B\nsummary: S\nfigure:\n  props: [mat, {prop: band, at: feet}]\n  frames:\n    - base: lying-back\n      hips: {left: 90, right: 0}\n      knees: 90\n    - base: plank\n      arrow: hips\n",
		"title: B\nsummary: S\nfigure:\n  frames:\n    - {base: standing, trunk: 120, knees: -1e308, ankles: .nan}\n",
		"title: B\nsummary: S\nimage: ../x.png\nimage-credit: me\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, front string) {
		fsys := fstest.MapFS{
			"handbook.yaml":         {Data: []byte("title: T\nlanguage: en\n")},
			"exercises/plank.md":    {Data: []byte(plank)},
			"exercises/bridge.md":   {Data: []byte("---\n" + front + "\n---\n\n## Steps\n\n1. Lift.\n")},
			"programs/start.md":     {Data: []byte("---\ntitle: Start\nsummary: S\nexercises: [bridge, plank]\n---\n\nText.\n")},
			"conditions/general.md": {Data: []byte("---\ntitle: G\nsummary: S\nhelpful: [bridge]\n---\n\nText.\n")},
		}
		renderFuzzed(t, fsys)
	})
}

// renderFuzzed takes fsys through every stage to the rendered site. It
// fails t if a stage gives up instead of reporting, or if a reported
// problem has no position.
func renderFuzzed(t *testing.T, fsys fstest.MapFS) *Site {
	site, errs := renderFS(t, fsys)
	for _, e := range errs {
		if e.Pos.File == "" || e.Pos.Line < 1 || e.Pos.Col < 1 {
			t.Fatalf("error without a position: %v", e)
		}
	}
	return site
}

// renderFS takes fsys through every stage and returns the site and the
// problems found.
func renderFS(t *testing.T, fsys fstest.MapFS) (*Site, diag.List) {
	t.Helper()
	var errs diag.List
	tree, err := content.Load(fsys, "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.Resolve(schema.Decode(tree, &errs), &errs)
	site, err := Render(g, nil, tree.Static, Config{Layouts: handbook.Layouts(), Assets: handbook.Assets(), Text: convert.Text(tree)}, &errs)
	if err != nil {
		t.Fatalf("render: %v", err)
	}
	return site, errs
}
