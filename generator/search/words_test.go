package search

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/output"
	"handbook/generator/schema"
)

type testWords map[string]string

func (w testWords) T(key string, args ...any) string { return w[key] }

// SetWords names the red-flags page in the edition's words, and its
// other names find it.
func TestSetWords(t *testing.T) {
	var errs diag.List
	tree, err := content.Load(os.DirFS(filepath.Join("..", "..", "content")), "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.Resolve(schema.Decode(tree, &errs), &errs)
	ix := NewIndexer(g, nil)
	ix.SetWords(testWords{"search.flags.title": "Señales de alarma", "search.flags.summary": "Cuándo pedir ayuda.",
		"search.flags.aliases": "urgencias, , signos de peligro"})
	var flags *doc
	for _, d := range ix.docs {
		if d.key == graph.FlagsKey {
			flags = new(*d) // the index's copies are given back once written
		}
	}
	if flags == nil || flags.aliases != "urgencias . signos de peligro" {
		t.Errorf("the red flags' other names: %+v", flags)
	}
	for n, k := range g.Order() {
		ix.Add(n, k, handbook.Text{}, output.Key{})
	}
	var files []output.File
	if err := ix.Write(func(f output.File) error { files = append(files, f); return nil }, nil); err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if f.Path == "search/docs.js" {
			if !strings.Contains(string(f.Data), `"flags","Señales de alarma","Cuándo pedir ayuda."`) {
				t.Error("docs.js does not name the red flags in the words given")
			}
			if strings.Contains(string(f.Data), "Red flags: when to get help now") {
				t.Error("docs.js still names the red flags in English")
			}
		}
	}
}
