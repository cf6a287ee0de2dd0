package decision

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/schema"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

func compileDir(t *testing.T, dir string) (*Tree, *graph.Graph, diag.List) {
	t.Helper()
	var errs diag.List
	files, err := content.Load(os.DirFS(dir), "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.Resolve(schema.Decode(files, &errs), &errs)
	tree := Compile(g, &errs)
	errs.Sort()
	return tree, g, errs
}

func TestShippedTree(t *testing.T) {
	tree, g, errs := compileDir(t, filepath.Join("..", "..", "content"))
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	paths := tree.Paths()
	outcomes := map[string]int{}
	for _, p := range paths {
		outcomes[tree.Steps[p.End].Node.Outcome]++
	}
	t.Logf("%d steps, %d paths, outcomes %v", len(tree.Steps), len(paths), outcomes)
	// the red-flag questions show the words of flags.yaml
	for _, n := range tree.Source.Nodes {
		for _, a := range n.Answers {
			if len(a.Flags) == 1 && a.Label == "" {
				t.Errorf("%s: an answer reporting %s has no label", n.ID, a.Flags[0].ID)
			}
		}
	}
	var titled int
	for _, st := range tree.Steps {
		for i, ch := range st.Answers {
			if a := st.Node.Answers[i]; len(a.Flags) == 1 && ch.Label == g.Flag[a.Flags[0].ID].Title {
				titled++
			}
		}
	}
	if titled < 20 {
		t.Errorf("%d red-flag answers show their flag's title, want every emergency and urgent one", titled)
	}
	// every plan shows something, and nothing the path rules out
	for _, p := range paths {
		st := tree.Steps[p.End]
		if st.Node.Outcome != "plan" {
			continue
		}
		if len(st.Plan) == 0 {
			t.Errorf("%s: empty plan", st.ID)
		}
		_, state := tree.Replay(p.Answers)
		for _, it := range st.Plan {
			for _, c := range g.AvoidFor[it.Exercise.ID] {
				if contains(state.Conditions, c) {
					t.Errorf("%s shows %s, to avoid with %s", st.ID, it.Exercise.ID, c)
				}
			}
		}
	}
}

// A tree of chained choices, each pair of answers joining again, has 2^n
// paths: the compiler stops with an error rather than walking them all.
func TestTooManyPaths(t *testing.T) {
	dir := t.TempDir()
	os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "content")))
	var b strings.Builder
	b.WriteString("start: emergency\nnodes:\n  emergency:\n    title: E\n    screen: emergency\n    question: E?\n    answers:\n      - label: Yes\n        flags: [bladder-bowel-change]\n        next: care\n      - label: No\n        next: urgent\n")
	b.WriteString("  urgent:\n    title: U\n    screen: urgent\n    question: U?\n    answers:\n      - label: Yes\n        flags: [night-pain]\n        next: care\n      - label: No\n        next: q0\n")
	for i := 0; i < 40; i++ {
		fmt.Fprintf(&b, "  q%d:\n    title: Q%d\n    question: Q%d?\n    answers:\n      - label: A\n        next: q%d\n      - label: B\n        next: q%d\n", i, i, i, i+1, i+1)
	}
	b.WriteString("  q40:\n    title: End\n    outcome: plan\n    text: Try these.\n")
	b.WriteString("  care:\n    title: Care\n    outcome: care\n    urgency: emergency\n    text: Call now.\n")
	os.WriteFile(filepath.Join(dir, "decide.yaml"), []byte(b.String()), 0o644)
	done := make(chan diag.List)
	go func() { _, _, errs := compileDir(t, dir); done <- errs }()
	select {
	case errs := <-done:
		if !strings.Contains(errs.Error(), "too many paths") {
			t.Errorf("got %v", errs)
		}
	case <-time.After(30 * time.Second):
		t.Fatal("compiling a tree of 2^40 paths did not stop")
	}
}

// FuzzCompile: no decide.yaml, however broken, makes the compiler panic or
// run away, and every error it reports has a position.
func FuzzCompile(f *testing.F) {
	base, _ := os.ReadFile(filepath.Join("..", "..", "content", "decide.yaml"))
	f.Add(string(base))
	f.Add("start: a\nnodes:\n  a:\n    title: A\n    question: A?\n    answers:\n      - label: x\n        next: a\n      - label: y\n        next: b\n  b:\n    title: B\n    outcome: care\n    urgency: soon\n    text: t\n")
	f.Add("start: x\nnodes: []\n")
	f.Fuzz(func(t *testing.T, text string) {
		var errs diag.List
		d := &content.Data{Path: "decide.yaml", Text: []byte(text)}
		h := schema.Decode(&content.Tree{Tree: d}, &errs)
		g := graph.Resolve(h, &errs)
		Compile(g, &errs)
		for _, e := range errs {
			if e.Pos.File == "" {
				t.Fatalf("error without a file: %v", e)
			}
		}
	})
}
