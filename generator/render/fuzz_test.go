package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"handbook"
	"handbook/generator/content"
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
	layouts, assets := handbook.Layouts(), handbook.Assets()
	f.Fuzz(func(t *testing.T, body string) {
		fsys := fstest.MapFS{
			"handbook.yaml":      {Data: []byte("title: T\nlanguage: en\n")},
			"guides/g.md":        {Data: []byte("---\ntitle: G\nsummary: S\n---\n\n" + body)},
			"exercises/plank.md": {Data: []byte(plank)},
			"guides/pic.png":     {Data: []byte("\x89PNG")},
		}
		var errs diag.List
		tree, err := content.Load(fsys, "content", &errs)
		if err != nil {
			t.Fatal(err)
		}
		g := graph.Resolve(schema.Decode(tree, &errs), &errs)
		site, err := Render(g, nil, tree.Static, Config{Layouts: layouts, Assets: assets}, &errs)
		if err != nil {
			t.Fatalf("render: %v", err)
		}
		for _, e := range errs {
			if e.Pos.File == "" || e.Pos.Line < 1 || e.Pos.Col < 1 {
				t.Fatalf("error without a position: %v", e)
			}
		}
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
