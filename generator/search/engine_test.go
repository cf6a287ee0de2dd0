package search

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"handbook"
	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/output"
	"handbook/generator/render"
	"handbook/generator/schema"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

// engine is assets/search.js running in goja, with an index loaded.
type engine struct {
	vm    *goja.Runtime
	query goja.Callable
}

// newEngine loads the shipped search.js and the given index files.
func newEngine(t testing.TB, files []output.File) *engine {
	t.Helper()
	js, err := os.ReadFile(filepath.Join("..", "..", "assets", "search.js"))
	if err != nil {
		t.Fatal(err)
	}
	vm := goja.New()
	if _, err := vm.RunScript("search.js", string(js)); err != nil {
		t.Fatalf("search.js: %v", err)
	}
	for _, f := range files {
		if _, err := vm.RunScript(f.Path, string(f.Data)); err != nil {
			t.Fatalf("%s: %v", f.Path, err)
		}
	}
	hs := vm.Get("HandbookSearch").ToObject(vm)
	q, ok := goja.AssertFunction(hs.Get("query"))
	if !ok {
		t.Fatal("HandbookSearch.query is not a function")
	}
	return &engine{vm: vm, query: q}
}

// result is one ranked page as the engine describes it.
type result struct {
	Key, URL, Title, Label string
	Snippet                string // with [marks]
	Care                   bool
}

type answer struct {
	Results  []result
	Total    int
	All      bool
	Expanded []string
}

// run queries the engine with filters f (keys as on the search page).
func (e *engine) run(t testing.TB, q string, f map[string]string, limit int) answer {
	t.Helper()
	v, err := e.query(goja.Undefined(), e.vm.ToValue(q), e.vm.ToValue(f), e.vm.ToValue(limit))
	if err != nil {
		t.Fatalf("query %q: %v", q, err)
	}
	o := v.ToObject(e.vm)
	var a answer
	a.Total = int(o.Get("total").ToInteger())
	a.All = o.Get("all").ToBoolean()
	_ = e.vm.ExportTo(o.Get("expanded"), &a.Expanded)
	rs := o.Get("results").ToObject(e.vm)
	for i := 0; i < int(rs.Get("length").ToInteger()); i++ {
		r := rs.Get(fmt.Sprint(i)).ToObject(e.vm)
		var b strings.Builder
		parts := r.Get("snippet").ToObject(e.vm)
		for j := 0; j < int(parts.Get("length").ToInteger()); j++ {
			p := parts.Get(fmt.Sprint(j)).ToObject(e.vm)
			if p.Get("mark").ToBoolean() {
				b.WriteString("[" + p.Get("text").String() + "]")
			} else {
				b.WriteString(p.Get("text").String())
			}
		}
		a.Results = append(a.Results, result{Key: r.Get("key").String(), URL: r.Get("url").String(),
			Title: r.Get("title").String(), Label: r.Get("label").String(), Snippet: b.String(),
			Care: r.Get("care").ToBoolean()})
	}
	return a
}

// shippedIndex builds the index of the handbook in content/.
func shippedIndex(t testing.TB) []output.File {
	t.Helper()
	return indexOf(t, filepath.Join("..", "..", "content"))
}

// indexOf builds the index of the handbook in dir.
func indexOf(t testing.TB, dir string) []output.File {
	t.Helper()
	var errs diag.List
	tree, err := content.Load(os.DirFS(dir), "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.Resolve(schema.Decode(tree, &errs), &errs)
	site, err := render.Render(g, nil, tree.Static, render.Config{Layouts: handbook.Layouts(), Assets: handbook.Assets(), Text: render.Text(tree)}, &errs)
	if err != nil || errs.Len() > 0 {
		t.Fatalf("building the shipped handbook: %v %v", err, errs.Err())
	}
	var files []output.File
	err = Build(g, site.Sections, func(f output.File) error { files = append(files, f); return nil }, nil)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// Words that name the properties every JavaScript object inherits
// (constructor, toString, __proto__...) are words like any other: as a
// synonym or an alias they once broke search on every page.
func TestPrototypeWords(t *testing.T) {
	dir := t.TempDir()
	if err := os.CopyFS(dir, os.DirFS(filepath.Join("..", "..", "content"))); err != nil {
		t.Fatal(err)
	}
	syn, err := os.ReadFile(filepath.Join(dir, "synonyms.yaml"))
	if err != nil {
		t.Fatal(err)
	}
	syn = append(syn, "  - [constructor, builder]\n  - [tostring, valueof, hasownproperty]\n  - [__proto__, prototype]\n"...)
	if err := os.WriteFile(filepath.Join(dir, "synonyms.yaml"), syn, 0o644); err != nil {
		t.Fatal(err)
	}
	plank := filepath.Join(dir, "exercises", "plank.md")
	b, err := os.ReadFile(plank)
	if err != nil {
		t.Fatal(err)
	}
	b = []byte(strings.Replace(string(b), "aliases: [", "aliases: [constructor, valueOf, ", 1))
	if err := os.WriteFile(plank, b, 0o644); err != nil {
		t.Fatal(err)
	}
	e := newEngine(t, indexOf(t, dir))
	for _, q := range []string{"constructor", "valueOf", "__proto__", "hasOwnProperty", "toString", "prototype"} {
		e.run(t, q, nil, 5) // must not throw
	}
	if a := e.run(t, "constructor", nil, 5); len(a.Results) == 0 || a.Results[0].Key != "exercises/plank" {
		t.Errorf("constructor (an alias of the plank) finds %v", a.Results)
	}
	if a := e.run(t, "side plank", nil, 5); len(a.Results) == 0 {
		t.Error("after prototype words, an ordinary query finds nothing")
	}
}

// The relevance set: each query's expected page must rank first, or in
// the top three. The figures are printed with -v and by make test.
func TestRelevance(t *testing.T) {
	e := newEngine(t, shippedIndex(t))
	data, err := os.ReadFile(filepath.Join("testdata", "relevance.tsv"))
	if err != nil {
		t.Fatal(err)
	}
	var n, top1, top3 int
	var rr float64
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 {
			t.Fatalf("bad line %q", line)
		}
		q, want, within := f[0], f[1], f[2]
		a := e.run(t, q, nil, 10)
		rank := 0
		for i, r := range a.Results {
			if r.Key == want {
				rank = i + 1
				break
			}
		}
		n++
		if rank == 1 {
			top1++
		}
		if rank >= 1 && rank <= 3 {
			top3++
		}
		if rank > 0 {
			rr += 1 / float64(rank)
		}
		if rank == 0 || (within == "1" && rank != 1) || rank > 3 {
			var got []string
			for _, r := range a.Results[:min(3, len(a.Results))] {
				got = append(got, r.Key)
			}
			t.Errorf("%q: %s ranks %d (want %s); top: %v", q, want, rank, map[string]string{"1": "first", "3": "top 3"}[within], got)
		}
	}
	mrr := rr / float64(n)
	fmt.Printf("search relevance: %d queries, MRR %.3f, top-1 %.1f%%, top-3 %.1f%%\n", n, mrr, 100*float64(top1)/float64(n), 100*float64(top3)/float64(n))
	if mrr < 0.85 || float64(top3)/float64(n) < 0.95 {
		t.Errorf("MRR %.3f (want 0.85) and top-3 %.1f%% (want 95%%)", mrr, 100*float64(top3)/float64(n))
	}
	if n < 40 {
		t.Errorf("%d queries in the relevance set, want 40", n)
	}
}

// Go (at build time) and search.js (at query time) must cut text into the
// same words, or queries would miss words the index holds.
func TestTokenizeMatchesJS(t *testing.T) {
	e := newEngine(t, nil)
	tokens, _ := goja.AssertFunction(e.vm.Get("HandbookSearch").ToObject(e.vm).Get("tokens"))
	for _, text := range []string{
		"Sit-ups and crunches", "Don’t arch your back!", "Child's pose", "Café crème — naïve",
		"10% rule: 3×10 reps", "pull-down/lat", "Ünïcödé wörds", "x-ray MRI", "e.g. side-lying", "",
		"ends-with-", "-starts", "two  spaces\tand\nlines",
	} {
		v, err := tokens(goja.Undefined(), e.vm.ToValue(text))
		if err != nil {
			t.Fatal(err)
		}
		var js []string
		arr := v.ToObject(e.vm)
		for i := 0; i < int(arr.Get("length").ToInteger()); i++ {
			js = append(js, arr.Get(fmt.Sprint(i)).ToObject(e.vm).Get("w").String())
		}
		if got := split(text, false); strings.Join(got, "|") != strings.Join(js, "|") {
			t.Errorf("%q: Go %v, JS %v", text, got, js)
		}
	}
}

func TestWordsJoinHyphenated(t *testing.T) {
	cases := map[string]string{
		"sit-ups":             "sit ups situps",
		"Don't":               "dont",
		"a well-known, self-": "a well known wellknown self",
		"x-ray MRI":           "x ray xray mri",
	}
	for in, want := range cases {
		if got := strings.Join(words(in), " "); got != want {
			t.Errorf("words(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestEncodeRoundTrip(t *testing.T) {
	ps := []posting{{0, 1, false}, {1, 63, true}, {40, 7, false}, {5000, 12, true}, {5001, 1, false}}
	got := decode(encode(ps))
	if fmt.Sprint(got) != fmt.Sprint(ps) {
		t.Errorf("decode(encode(x)) = %v, want %v", got, ps)
	}
}

// FuzzWords: the tokenizer takes any text without a panic; its words are
// non-empty runs of letters and digits, and Go's words agree with the
// query side's cut of the same text.
func FuzzWords(f *testing.F) {
	for _, s := range []string{"Sit-ups and crunches", "Don’t", "Café — naïve", "a--b", "-x-", "\x00\xff", "🙂 emoji", "x-ray MRI"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		for _, w := range split(text, false) {
			if w == "" {
				t.Fatalf("empty word from %q", text)
			}
			for _, r := range w {
				if !isWordRune(r) {
					t.Fatalf("word %q from %q holds %q", w, text, r)
				}
			}
			stem(w)
		}
		words(text)
		phraseKey(text)
	})
}
