package search

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync"
	"testing"

	"github.com/dop251/goja"

	"handbook"
	"handbook/generator/content"
	"handbook/generator/convert"
	"handbook/generator/diag"
	"handbook/generator/graph"
	hb "handbook/generator/handbook"
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
	// the Spanish stemmer loads first on every page of a Spanish edition
	es, err := os.ReadFile(filepath.Join("..", "..", "assets", "stem-es.js"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := vm.RunScript("stem-es.js", string(es)); err != nil {
		t.Fatalf("stem-es.js: %v", err)
	}
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

// shippedIndex builds the index of the handbook in content/, once for
// all the tests that read it.
func shippedIndex(t testing.TB) []output.File {
	t.Helper()
	shipped.Do(func() { shipped.files = indexOf(t, filepath.Join("..", "..", "content")) })
	if shipped.files == nil {
		t.Fatal("the shipped handbook's index could not be built")
	}
	return shipped.files
}

var shipped struct {
	sync.Once
	files []output.File
}

// indexOf builds the index of the handbook in dir.
func indexOf(t testing.TB, dir string) []output.File {
	t.Helper()
	g, sections := pagesOf(t, dir)
	var files []output.File
	err := Build(g, sections, func(f output.File) error { files = append(files, f); return nil }, nil)
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// pagesOf reads the handbook in dir: its graph, and each page's text as
// the index is given it.
func pagesOf(t testing.TB, dir string) (*graph.Graph, map[string][]hb.Section) {
	t.Helper()
	var errs diag.List
	tree, err := content.Load(os.DirFS(dir), "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.Resolve(schema.Decode(tree, &errs), &errs)
	site, err := render.Render(g, nil, tree.Static, render.Config{Layouts: handbook.Layouts(), Assets: handbook.Assets(), Text: convert.Text(tree)}, &errs)
	if err != nil || errs.Len() > 0 {
		t.Fatalf("building the handbook in %s: %v %v", dir, err, errs.Err())
	}
	return g, site.Sections
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

// relevanceCase is one line of a relevance set.
type relevanceCase struct {
	kind, query, want string
	first             bool // must rank first; otherwise within the top three
}

// readRelevance reads the relevance sets: tab-separated query, page and 1
// or 3, under "# kind: name" lines.
func readRelevance(t testing.TB, files ...string) []relevanceCase {
	var cases []relevanceCase
	for _, name := range files {
		data, err := os.ReadFile(filepath.Join("testdata", name))
		if err != nil {
			t.Fatal(err)
		}
		kind := ""
		for i, line := range strings.Split(string(data), "\n") {
			if k, ok := strings.CutPrefix(line, "# kind: "); ok {
				kind = strings.TrimSpace(k)
				continue
			}
			if line == "" || strings.HasPrefix(line, "#") {
				continue
			}
			f := strings.Split(line, "\t")
			if len(f) != 3 || (f[2] != "1" && f[2] != "3") || kind == "" {
				t.Fatalf("%s:%d: want query, page, 1 or 3 under a kind line; got %q", name, i+1, line)
			}
			cases = append(cases, relevanceCase{kind, f[0], f[1], f[2] == "1"})
		}
	}
	return cases
}

// The relevance sets: each query's expected page must rank first, or in
// the top three, and a red flag always first. The figures, overall and by
// kind, are printed with -v and by make relevance.
func TestRelevance(t *testing.T) {
	e := newEngine(t, shippedIndex(t))
	all, kinds, order := tallyRelevance(t, e, readRelevance(t, "relevance.tsv", "worried.tsv"))
	printTallies("search relevance", all, kinds, order)
	// The floors are what the engine reaches today, so that a change that
	// loses ground fails; the targets of #24 (MRR 0.92, top-3 97%, every
	// red flag first) are not reached yet, and BENCHMARKS.md says so.
	mrr, top3 := all.rr/float64(all.n), float64(all.top3)/float64(all.n)
	if mrr < 0.835 || top3 < 0.895 {
		t.Errorf("MRR %.3f (want 0.835) and top-3 %.1f%% (want 89.5%%)", mrr, 100*top3)
	}
	if f := kinds["red flags"]; f == nil || float64(f.top1)/float64(f.n) < 0.9 {
		t.Errorf("red flags first in too few queries: %+v (want 90%%)", f)
	}
	if all.n < 200 {
		t.Errorf("%d queries in the relevance sets, want 200", all.n)
	}
}

// tally is how a relevance set fared: queries, first, in the top three,
// and the sum of the reciprocal ranks.
type tally struct {
	n, top1, top3 int
	rr            float64
}

// printTallies prints the figures of a relevance set, overall and by kind.
func printTallies(name string, all *tally, kinds map[string]*tally, order []string) {
	line := func(kind string, s *tally) {
		fmt.Printf("%s%s: %d queries, MRR %.3f, top-1 %.1f%%, top-3 %.1f%%\n", name, kind, s.n,
			s.rr/float64(s.n), 100*float64(s.top1)/float64(s.n), 100*float64(s.top3)/float64(s.n))
	}
	line("", all)
	for _, k := range order {
		line(" ("+k+")", kinds[k])
	}
}

// tallyRelevance runs the cases, logging each miss, and returns the
// tallies overall and by kind, the kinds sorted.
func tallyRelevance(t *testing.T, e *engine, cases []relevanceCase) (*tally, map[string]*tally, []string) {
	kinds := map[string]*tally{}
	var order []string
	var all tally
	seen := map[string]bool{}
	for _, c := range cases {
		if seen[c.query+"\t"+c.want] {
			t.Errorf("%q is in the relevance sets twice", c.query)
		}
		seen[c.query+"\t"+c.want] = true
		a := e.run(t, c.query, nil, 10)
		rank := 0
		for i, r := range a.Results {
			if r.Key == c.want {
				rank = i + 1
				break
			}
		}
		k := kinds[c.kind]
		if k == nil {
			k = &tally{}
			kinds[c.kind] = k
			order = append(order, c.kind)
		}
		for _, s := range []*tally{k, &all} {
			s.n++
			if rank == 1 {
				s.top1++
			}
			if rank >= 1 && rank <= 3 {
				s.top3++
			}
			if rank > 0 {
				s.rr += 1 / float64(rank)
			}
		}
		first := c.first || strings.HasPrefix(c.want, "flags#")
		if rank == 0 || (first && rank != 1) || rank > 3 {
			var got []string
			for _, r := range a.Results[:min(3, len(a.Results))] {
				got = append(got, r.Key)
			}
			t.Logf("miss [%s] %q: %s ranks %d (want %s); top: %v", c.kind, c.query, c.want, rank, map[bool]string{true: "first", false: "top 3"}[first], got)
		}
	}
	sort.Strings(order)
	return &all, kinds, order
}

// compounds is each word of text as its parts (see eachCompound).
func compounds(text string) [][]string {
	var out [][]string
	eachCompound(text, func(parts []string) { out = append(out, append([]string(nil), parts...)) })
	return out
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
	for _, s := range []string{"Sit-ups and crunches", "Don’t", "Café — naïve", "a--b", "-x-", "ALL CAPS", "it's", "plain lower", "x-", "-", "\x00\xff", "🙂 emoji", "x-ray MRI"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		if got, want := fold(text), foldUnicode(text); got != want {
			t.Fatalf("fold(%q) = %q, but the Unicode path gives %q", text, got, want)
		}
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
		flagKey(text)
		for _, parts := range compounds(text) {
			if len(parts) == 0 {
				t.Fatalf("an empty word from %q", text)
			}
		}
	})
}

func TestFlagKey(t *testing.T) {
	for text, want := range map[string]string{
		"numb when i wipe":       "numb wipe",
		"cancer/chemo weak/numb": "cancer|chemo weak|numb",
		"chest+pain back":        "chest+pain back",
		"worse/worsening+day":    "wors+day",
		"the+pain":               "pain",
		"can't feel+my legs":     "feel leg not",
		"legs giving way":        "leg give way",
	} {
		if got := flagKey(text); got != want {
			t.Errorf("flagKey(%q) = %q, want %q", text, got, want)
		}
	}
}

// The browser stems a query word the handbook never uses itself, so its
// stemmer must agree with the one that stemmed the index: on every word of
// the handbook, on the words of the relevance sets, and on words chosen for
// the stemmer's edge cases.
func TestStemMatchesJS(t *testing.T) {
	e := newEngine(t, nil)
	jsStem, _ := goja.AssertFunction(e.vm.Get("HandbookSearch").ToObject(e.vm).Get("stem"))
	jsLemma, _ := goja.AssertFunction(e.vm.Get("HandbookSearch").ToObject(e.vm).Get("lemma"))
	words := map[string]bool{}
	for _, c := range readRelevance(t, "relevance.tsv", "worried.tsv") {
		for _, w := range split(c.query, false) {
			words[w] = true
		}
	}
	err := filepath.WalkDir(filepath.Join("..", "..", "content"), func(path string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(path)
		for _, w := range split(string(b), false) {
			words[w] = true
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	for _, w := range strings.Fields(`generously generate communism arsenal skies dying innings proceeded succeeding
		heaviness tingly achy bendy hopping hoping filing fizzed luxuriate caresses ponies ties cries gas this gaps
		kiwis feed agreed bleed eedly plastered bled motoring sing conditional rational valenci hesitanci digitizer
		conformabli radicalli differentli vileli analogousli vietnamization predication operator feudalism decisiveness
		hopefulness callousness formaliti sensitiviti sensibiliti triplicate formative formalize electriciti electrical
		hopeful goodness revival allowance inference airliner gyroscopic adjustable defensible irritant replacement
		adjustment dependent adoption homologou communism activate angulariti homologous effective bowdlerize probate
		rate cease controll roll yes say sayed yield kyle ayy eye`) {
		words[w] = true
	}
	n := 0
	for w := range words {
		if len(w) < 3 || strings.IndexFunc(w, func(r rune) bool { return r > 127 }) >= 0 {
			continue
		}
		v, err := jsStem(goja.Undefined(), e.vm.ToValue(w))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := v.String(), stem(w); got != want {
			t.Errorf("stem(%q): JS %q, Go %q", w, got, want)
		}
		l, err := jsLemma(goja.Undefined(), e.vm.ToValue(stem(w)))
		if err != nil {
			t.Fatal(err)
		}
		if got, want := l.String(), lemma(stem(w)); got != want {
			t.Errorf("lemma(%q): JS %q, Go %q", stem(w), got, want)
		}
		n++
	}
	if n < 2000 {
		t.Errorf("compared %d words, want the handbook's (2000 or more)", n)
	}
}

// The query side leaves out the same words as the index.
func TestStopWordsMatchJS(t *testing.T) {
	e := newEngine(t, nil)
	f, _ := goja.AssertFunction(e.vm.Get("HandbookSearch").ToObject(e.vm).Get("stopWords"))
	v, err := f(goja.Undefined())
	if err != nil {
		t.Fatal(err)
	}
	var js []string
	if err := e.vm.ExportTo(v, &js); err != nil {
		t.Fatal(err)
	}
	var goWords []string
	for w := range stopWords {
		goWords = append(goWords, w)
	}
	sort.Strings(js)
	sort.Strings(goWords)
	if strings.Join(js, " ") != strings.Join(goWords, " ") {
		t.Errorf("stop words differ:\nJS %v\nGo %v", js, goWords)
	}
}

// tinyHandbook is a handbook of a few pages, written for the behaviour
// tests of the engine.
func tinyHandbook(t *testing.T) *engine { return newEngine(t, indexOf(t, tinyDir(t))) }

// tinyDir writes a handbook of a few pages, each with words for one kind of
// query.
func tinyDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	files := map[string]string{
		"handbook.yaml": "title: Tiny\nlanguage: en\n",
		"synonyms.yaml": "synonyms:\n  - [sciatica, leg pain]\n  - [pee, urinate, wee]\n  - [core, tummy muscles]\n  - [erection, get-it-up]\n",
		"flags.yaml": "flags:\n" +
			"  - id: both-legs\n    title: Numbness or weakness in both legs\n    urgency: emergency\n    action: Go to an emergency department now.\n" +
			"    phrases: [both legs numb, legs giving way]\n" +
			"  - id: bladder\n    title: New trouble passing urine\n    urgency: emergency\n    action: Call emergency services now.\n" +
			"    phrases: [cant pee, wet myself]\n" +
			"  - id: cancer-nerve\n    title: Cancer and new weakness or numbness\n    urgency: emergency\n    action: Go to an emergency department now.\n" +
			"    phrases: [cancer/chemo/tumour weak/numb/walk]\n" +
			"  - id: chest\n    title: Chest pain with back pain\n    urgency: emergency\n    action: Call emergency services now.\n" +
			"    phrases: [chest+pain/ache back, worse/worsening+day/week]\n" +
			"  - id: tummy\n    title: Sudden severe tummy pain\n    urgency: emergency\n    action: Call emergency services now.\n" +
			"    phrases: [tummy pain]\n" +
			"  - id: months\n    title: No better after weeks\n    urgency: soon\n    action: See a doctor in the next few days.\n" +
			"    phrases: [pain for months and months]\n" +
			"  - id: steroids\n    title: Long-term steroids\n    urgency: urgent\n    action: See a doctor today.\n" +
			"    phrases: [steroid tablets]\n" +
			"  - id: sexual\n    title: New trouble with sex\n    urgency: emergency\n    action: Go to an emergency department now.\n" +
			"    phrases: [cannot get an erection]\n" +
			"  - id: weaker\n    title: A leg getting weaker\n    urgency: urgent\n    action: See a doctor today.\n" +
			"    phrases: [leg weaker]\n",
		"guides/dead-bug.md":      "---\ntitle: Dead bug\naliases: [dying insect]\nsummary: Lie on your back and move one arm and the other leg.\n---\n\nAsk someone to watch.\n",
		"guides/bugs.md":          "---\ntitle: Bugs and your dad\nsummary: A bug bite, and what your dad can do.\n---\n\nA bug bite itches. Ask your dad about the bug.\n",
		"guides/morning.md":       "---\ntitle: Morning routine\nsummary: What to do each morning.\n---\n\nA short morning bath, then a walk in the morning air.\n",
		"guides/nerve.md":         "---\ntitle: Nerves\nsummary: About nerves.\n---\n\nSome people feel leg pain when a nerve is pinched.\n",
		"guides/apart.md":         "---\ntitle: Apart\nsummary: Words apart.\n---\n\nThe pain eased. Later, the left leg felt fine.\n",
		"guides/weight.md":        "---\ntitle: Weight\nsummary: Heaviness and tingling in the body.\n---\n\nA feeling of heaviness, or tingling, or a change of color.\n",
		"guides/bath.md":          "---\ntitle: Baths\nsummary: Warm baths.\n---\n\nA warm bath can ease stiff muscles.\n",
		"guides/journal.md":       "---\ntitle: Keeping a pain journal\nsummary: Write it down.\n---\n\nA journal shows what helps. Bring the journal to your doctor.\n",
		"guides/travel.md":        "---\ntitle: Long journeys\nsummary: Long trips.\n---\n\nStop every hour and walk.\n",
		"guides/diary.md":         "---\ntitle: Diary\nsummary: Notes.\n---\n\nA diary or a journal helps. A journal is a diary.\n",
		"guides/notes.md":         "---\ntitle: Notes\nsummary: Notes.\n---\n\nWrite notes in your journal.\n",
		"guides/chest-stretch.md": "---\ntitle: A chest stretch for back pain\nsummary: Open the chest.\n---\n\nStretch the chest to ease the back.\n",
		"guides/evening.md":       "---\ntitle: Worse in the evening\nsummary: At the end of the day.\n---\n\nMany backs feel worse at the end of the day.\n",
		"guides/pacing.md":        "---\ntitle: Pacing\naliases: [boom and bust, overdoing it on good days]\nsummary: Spread your activity out.\n---\n\nDo a little each day.\n",
		"faq/should-it-hurt.md":   "---\nquestion: \"Should exercise hurt?\"\naliases: [no pain no gain]\nanswer: \"A little effort is fine.\"\n---\n\nMild effort is normal.\n",
		"faq/is-swimming-good.md": "---\nquestion: \"Is swimming good for back pain?\"\nanswer: \"Yes, for most people.\"\n---\n\nWater holds you up, so swimming is kind to the back.\n",
	}
	swim, err := os.ReadFile(filepath.Join("..", "..", "content", "exercises", "swimming.md"))
	if err != nil {
		t.Fatal(err)
	}
	files["exercises/swimming.md"] = regexp.MustCompile(`(?m)^(related|progression|regression): .*\n`).ReplaceAllString(string(swim), "")
	files["exercises/swimming.md"] = regexp.MustCompile(`\]\([^)]*\.md[^)]*\)`).ReplaceAllString(files["exercises/swimming.md"], "]")
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

func keys(a answer) []string {
	var out []string
	for _, r := range a.Results {
		out = append(out, r.Key)
	}
	return out
}

func TestSearchBehaviour(t *testing.T) {
	e := tinyHandbook(t)
	cases := []struct {
		name, query string
		first       string   // the first result, if not ""
		notFirst    string   // not the first result, if not ""
		has, hasNot []string // among the results, or not
	}{
		{name: "a synonym phrase matches as a phrase", query: "sciatica",
			has: []string{"guides/nerve"}, hasNot: []string{"guides/apart"}},
		{name: "a red flag's phrasing puts it first", query: "my legs keep giving way", first: "flags#both-legs"},
		{name: "phrasing words in any order", query: "numb in both legs", first: "flags#both-legs"},
		{name: "a flag phrasing through a synonym", query: "cant wee", first: "flags#bladder"},
		{name: "slang through the stemmer", query: "i wet myself", first: "flags#bladder"},
		{name: "ordinary words do not raise a flag", query: "leg pain", hasNot: []string{"flags#both-legs"}},
		{name: "a phrasing with alternatives", query: "on chemo and my leg has gone weak", first: "flags#cancer-nerve"},
		{name: "alternatives, other words", query: "tumour and struggling to walk", first: "flags#cancer-nerve"},
		{name: "one word of a phrasing is not enough", query: "swimming after chemo", notFirst: "flags#cancer-nerve"},
		{name: "nor the other word alone", query: "weak legs", notFirst: "flags#cancer-nerve"},
		{name: "a word the handbook never uses meets its forms", query: "heavy", first: "guides/weight"},
		{name: "derived forms", query: "tingly", first: "guides/weight"},
		{name: "British spelling", query: "colour", first: "guides/weight"},
		{name: "a question prefers the answer", query: "is swimming ok for my back", first: "faq/is-swimming-good"},
		{name: "X bad for back", query: "swimming bad for back", first: "faq/is-swimming-good"},
		{name: "the name alone finds the exercise", query: "swimming", first: "exercises/swimming"},
		{name: "stop phrases are not words", query: "can i have a warm bath", first: "guides/bath"},
		{name: "a guide's alias", query: "boom and bust", first: "guides/pacing"},
		{name: "words that stand together", query: "back pain and chest pain", first: "flags#chest"},
		{name: "the more urgent sign leads", query: "on steroid tablets and pain for months", first: "flags#steroids"},
		{name: "a synonym phrase's words one by one raise no flag", query: "weak core and pain", notFirst: "flags#tummy"},
		{name: "words together, an alternative", query: "chest aches and my back hurts", first: "flags#chest"},
		{name: "words apart are not together", query: "chest stretch for back pain", notFirst: "flags#chest"},
		{name: "together in the order written", query: "back pain in my chest", notFirst: "flags#chest"},
		{name: "stop words between do not part them", query: "worse by the day", first: "flags#chest"},
		{name: "other words between do", query: "worse at the end of the day", notFirst: "flags#chest"},
		{name: "a word being typed ends as the common word", query: "jour", first: "guides/journal"},
		{name: "a name being typed", query: "pain jour", first: "guides/journal"},
		{name: "a question's alias", query: "no pain no gain", first: "faq/should-it-hurt"},
		{name: "an idiom of stop words, as a synonym writes it", query: "cant get it up", first: "flags#sexual"},
		{name: "a verb of change is its comparative", query: "my leg is weakening", first: "flags#weaker"},
		{name: "a weak leg is not a leg getting weaker", query: "weak leg", notFirst: "flags#weaker"},
		{name: "a typo in a name's word", query: "ded bug", first: "guides/dead-bug"},
		{name: "words that say when need not match", query: "bath this morning", first: "guides/bath"},
		{name: "but a time that is a sign does", query: "morning bath", first: "guides/morning"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			a := e.run(t, c.query, nil, 0)
			got := keys(a)
			if c.first != "" && (len(got) == 0 || got[0] != c.first) {
				t.Errorf("%q: results %v, want %s first", c.query, got, c.first)
			}
			if c.notFirst != "" && len(got) > 0 && got[0] == c.notFirst {
				t.Errorf("%q: results %v, want %s not first", c.query, got, c.notFirst)
			}
			for _, k := range c.has {
				if !slices.Contains(got, k) {
					t.Errorf("%q: results %v, want %s among them", c.query, got, k)
				}
			}
			for _, k := range c.hasNot {
				if slices.Contains(got, k) {
					t.Errorf("%q: results %v, want no %s", c.query, got, k)
				}
			}
		})
	}
}

// "Also searching" names what a query was widened to: a synonym, or the
// title of the page whose other name was typed, not all its other names.
func TestAlsoSearching(t *testing.T) {
	e := tinyHandbook(t)
	for q, want := range map[string][]string{
		"boom and bust": {"pacing"},
		"wee":           {"pee", "urinate"},
	} {
		a := e.run(t, q, nil, 0)
		if !slices.Equal(a.Expanded, want) {
			t.Errorf("%q: also searching %q, want %q", q, a.Expanded, want)
		}
	}
}

// A synonym of several words must keep several once stop words are left
// out: "did my back in" would become "back", and every search for "back"
// would then look for the whole group.
func TestSynonymsKeepTheirWords(t *testing.T) {
	var errs diag.List
	tree, err := content.Load(os.DirFS(filepath.Join("..", "..", "content")), "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.Resolve(schema.Decode(tree, &errs), &errs)
	for _, group := range synonyms(enLang, g) {
		for _, p := range group {
			if !enLang.keepsItsWords(p) {
				t.Errorf("synonym %q is searched as %q: write it with words that are not stop words", p, phraseKey(p))
			}
		}
	}
	for _, f := range g.Flags {
		for _, p := range f.Phrases {
			if flagKey(p) == "" {
				t.Errorf("red flag %s: phrase %q has only stop words", f.ID, p)
			}
		}
	}
}

// Everyday queries must not put a red flag first: a flag leads only when
// the query says one of its phrasings, and a needless alarm costs trust.
func TestCalmQueriesRaiseNoFlag(t *testing.T) {
	e := newEngine(t, shippedIndex(t))
	if n := calmQueries(t, e, "calm.txt"); n < 100 {
		t.Errorf("%d calm queries, want 100", n)
	}
}

// calmQueries fails the test for each query of the file that puts a red
// flag first, and returns how many queries it holds.
func calmQueries(t *testing.T, e *engine, file string) int {
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, q := range strings.Split(string(data), "\n") {
		if q = strings.TrimSpace(q); q == "" || strings.HasPrefix(q, "#") {
			continue
		}
		n++
		if a := e.run(t, q, nil, 3); len(a.Results) > 0 && strings.HasPrefix(a.Results[0].Key, "flags#") {
			t.Errorf("%q puts the red flag %s first", q, a.Results[0].Key)
		}
	}
	return n
}

// The red flags' phrasings, tried with the queries they were written for:
// 95% must put their flag first (the rest need words that everyday
// queries use too; see calm.txt).
func TestRedFlagPhrasings(t *testing.T) {
	e := newEngine(t, shippedIndex(t))
	n, first := flagPhrasings(t, e, "flags.txt")
	fmt.Printf("red flag phrasings: %d of %d queries put their flag first (%.1f%%)\n", first, n, 100*float64(first)/float64(n))
	if float64(first) < 0.95*float64(n) {
		t.Errorf("%d of %d red-flag queries put their flag first, want 95%%", first, n)
	}
}

// flagPhrasings runs the "flag id|query" lines of the file, logging each
// query whose flag is not first, and returns how many there are and how
// many put their flag first.
func flagPhrasings(t *testing.T, e *engine, file string) (n, first int) {
	data, err := os.ReadFile(filepath.Join("testdata", file))
	if err != nil {
		t.Fatal(err)
	}
	for _, line := range strings.Split(string(data), "\n") {
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		id, q, ok := strings.Cut(line, "|")
		if !ok {
			t.Fatalf("bad line %q", line)
		}
		n++
		a := e.run(t, q, nil, 3)
		if len(a.Results) > 0 && a.Results[0].Key == "flags#"+id {
			first++
		} else {
			t.Logf("miss %s: %q; top: %v", id, q, keys(a))
		}
	}
	return n, first
}

// The search page's condition filter drops the exercises to avoid and marks
// those to take care with as the graph says, on the shipped handbook: the
// index gives the care pairs as loads, not as lists. One pair in five is
// checked, every exercise and every condition in some pair (a query in
// goja takes tens of milliseconds).
func TestConditionFilterMatchesGraph(t *testing.T) {
	e := newEngine(t, shippedIndex(t))
	var errs diag.List
	tree, err := content.Load(os.DirFS(filepath.Join("..", "..", "content")), "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.Resolve(schema.Decode(tree, &errs), &errs)
	cared, avoided := 0, 0
	for ci, c := range g.Conditions {
		for ei, ex := range g.Exercises {
			if (ci+ei)%5 != 0 {
				continue
			}
			var found *result
			a := e.run(t, ex.Title, map[string]string{"condition": c.ID}, 0)
			for i := range a.Results {
				if a.Results[i].Key == ex.Key() {
					found = &a.Results[i]
				}
			}
			_, care := g.NeedsCare(ex.ID, c.ID)
			switch {
			case slices.Contains(g.AvoidFor[ex.ID], c.ID):
				avoided++
				if found != nil {
					t.Errorf("%s with %s: shown, but it is to be avoided", ex.ID, c.ID)
				}
			case found == nil:
				t.Errorf("%s with %s: not found by its name", ex.ID, c.ID)
			case found.Care != care:
				t.Errorf("%s with %s: marked take care %v, the graph says %v", ex.ID, c.ID, found.Care, care)
			case care:
				cared++
			}
		}
	}
	if cared == 0 || avoided == 0 {
		t.Errorf("the handbook has %d pairs to take care with and %d to avoid: the test checks nothing", cared, avoided)
	}
}

// A page's counted words read back from its cache file are the counts
// written, and any bytes decode or fail without a panic.
func FuzzDecodeCounted(f *testing.F) {
	c := &counted{stems: []string{"back", "pain", "back_pain"}, tf: [][nFields]uint16{{1, 0, 0, 0, 3}, {0, 0, 0, 0, 65535}, {0, 0, 2, 0, 0}},
		lens: [nFields]int32{2, 0, 5, 1, 300}, surface: [][2]string{{"painful", "pain"}}}
	f.Add(encodeCounted(c))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeCounted(b)
		if err != nil {
			return
		}
		again, err := decodeCounted(encodeCounted(got))
		if err != nil || !reflect.DeepEqual(got, again) {
			t.Fatalf("written and read back: %v %+v, want %+v", err, again, got)
		}
	})
}

func TestCountedRoundTrip(t *testing.T) {
	c := &counted{stems: []string{"back", "pain"}, tf: [][nFields]uint16{{1, 0, 0, 0, 3}, {0, 0, 0, 0, 65535}},
		lens: [nFields]int32{2, 0, 5, 1, 300}, surface: [][2]string{{"painful", "pain"}}}
	got, err := decodeCounted(encodeCounted(c))
	if err != nil || !reflect.DeepEqual(got, c) {
		t.Fatalf("%v: %+v, want %+v", err, got, c)
	}
}

// TestLemma: a red flag's words meet however the reader bends them, but a
// word of change stays apart from the plain word ("weaker" is not "weak").
func TestLemma(t *testing.T) {
	same := [][2]string{{"weakening", "weaker"}, {"weaken", "weaker"}, {"worsening", "worse"}, {"numbness", "numb"},
		{"heaviness", "heavy"}, {"stiffening", "stiffer"}}
	for _, c := range same {
		if a, b := lemma(stem(c[0])), lemma(stem(c[1])); a != b {
			t.Errorf("lemma(%q) = %q, lemma(%q) = %q: want the same", c[0], a, c[1], b)
		}
	}
	apart := [][2]string{{"weakening", "weak"}, {"weaker", "weak"}, {"stiffening", "stiff"}}
	for _, c := range apart {
		if a, b := lemma(stem(c[0])), lemma(stem(c[1])); a == b {
			t.Errorf("lemma(%q) = lemma(%q) = %q: want them apart", c[0], c[1], a)
		}
	}
}
