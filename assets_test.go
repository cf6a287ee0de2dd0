package handbook

import (
	"bytes"
	"io/fs"
	"strings"
	"testing"

	"github.com/tdewolff/parse/v2"
	"github.com/tdewolff/parse/v2/css"
)

// Every stylesheet parses without a grammar error: a stray brace makes
// browsers drop the rule after it, silently.
func TestStylesheetsParse(t *testing.T) {
	err := fs.WalkDir(Assets(), ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || !strings.HasSuffix(p, ".css") {
			return err
		}
		b, err := fs.ReadFile(Assets(), p)
		if err != nil {
			return err
		}
		parser := css.NewParser(parse.NewInput(bytes.NewReader(b)), false)
		for {
			gt, _, data := parser.Next()
			if gt == css.ErrorGrammar {
				if perr := parser.Err(); perr != nil && perr.Error() != "EOF" {
					t.Errorf("%s: %v", p, perr)
				} else if perr == nil {
					t.Errorf("%s: grammar error near %q", p, data)
				}
				if parser.Err() != nil {
					break
				}
			}
			if gt == css.ErrorGrammar && parser.Err() != nil {
				break
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}
