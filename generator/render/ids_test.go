package render

import (
	"fmt"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// Heading ids are goldmark's, repeats and all, so links to #anchors do not
// change; the 20,000th repeat of one text is numbered without trying the
// 19,999 before it.
func TestHeadingIDs(t *testing.T) {
	texts := []string{"How it feels", "How it feels", "how-it-feels-1", "How it feels", "  Étape 2: Go!  ", "", "", "A_b c", "how it feels"}
	want := parser.NewContext().IDs()
	got := newHeadingIDs(nil)
	for _, s := range texts {
		w, g := string(want.Generate([]byte(s), ast.KindHeading)), string(got.Generate([]byte(s), ast.KindHeading))
		if w != g {
			t.Errorf("%q: %q, goldmark %q", s, g, w)
		}
	}
	ids := newHeadingIDs(nil) // speed: BenchmarkWorstCase/headings
	var last string
	for i := 0; i < 20000; i++ {
		last = string(ids.Generate([]byte("Same heading"), ast.KindHeading))
	}
	if last != fmt.Sprintf("same-heading-%d", 19999) {
		t.Errorf("the 20,000th repeat is %q", last)
	}
}
