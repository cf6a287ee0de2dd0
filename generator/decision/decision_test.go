package decision

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

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
