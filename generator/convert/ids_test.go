package convert

import (
	"fmt"
	"testing"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
)

// Heading ids are goldmark's, repeats and all, so links to #anchors do not
// change, except that accented letters keep their letter ("Étape" is
// "etape", where goldmark drops it: "tape"); the 20,000th repeat of one text is numbered without trying the
// 19,999 before it.
func TestHeadingIDs(t *testing.T) {
	texts := []string{"How it feels", "How it feels", "how-it-feels-1", "How it feels", "  Étape 2: Go!  ", "", "", "A_b c", "how it feels"}
	want := parser.NewContext().IDs()
	got := newHeadingIDs(nil)
	for _, s := range texts {
		w, g := string(want.Generate(foldMarks([]byte(s)), ast.KindHeading)), string(got.Generate([]byte(s), ast.KindHeading))
		if w != g {
			t.Errorf("%q: %q, goldmark %q", s, g, w)
		}
	}
	if g := string(newHeadingIDs(nil).Generate([]byte("Posición inicial: ñandú"), ast.KindHeading)); g != "posicion-inicial-nandu" {
		t.Errorf("accents: %q", g)
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
