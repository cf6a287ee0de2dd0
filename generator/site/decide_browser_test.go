package site

import (
	"archive/zip"
	"context"
	"fmt"
	"io"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/browsertest"
	"handbook/generator/content"
	"handbook/generator/decision"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/publish"
	"handbook/generator/render"
	"handbook/generator/schema"
)

// compiledShipped compiles the shipped tree as the build does.
func compiledShipped(t *testing.T) (*decision.Tree, *graph.Graph) {
	t.Helper()
	g := loadShipped(t)
	var errs diag.List
	tree := decision.Compile(g, &errs)
	if tree == nil || errs.Len() > 0 {
		t.Fatalf("compiling the shipped tree: %v", errs.Err())
	}
	return tree, g
}

// planKeys is what a plan outcome should show: its exercises' pages.
func planKeys(st *decision.Step) []string {
	var out []string
	for _, it := range st.Plan {
		out = append(out, it.Exercise.Key()+".html")
	}
	return out
}

// shownPage is what an outcome page shows a reader, read from the page.
type shownPage struct {
	Step      string   // data-step of the outcome
	Urgency   string   // care: the urgency class, "emergency", "urgent" or "soon"
	Text      string   // the outcome's text, for the flags it names
	Plan      []string // the plan's exercises, as links
	Exercises []string // every exercise linked from the plan, easier versions too
}

// readShown reads an outcome as shown in the browser; sel is the element
// that holds it (the wizard, or the page's main).
func readShown(sel string, shown *shownPage) chromedp.Action {
	return chromedp.Evaluate(`(function () {
		var root = document.querySelector(`+fmt.Sprintf("%q", sel)+`), sec = root.querySelector("[data-step]");
		var u = sec && /urgency-(\w+)/.exec(sec.className);
		var hrefs = q => Array.from(root.querySelectorAll(q), a => a.getAttribute("href"));
		return {Step: sec ? sec.dataset.step : "", Urgency: u ? u[1] : "", Text: root.textContent.replace(/\s+/g, " "),
			Plan: hrefs(".plan-items h2 a, .plan-items h3 a"), Exercises: hrefs(".plan-items a[href*='exercises/']")};
	})()`, shown)
}

// checkPath asserts, from what the built site shows at the end of one path,
// every safety property of the tree: a non-care outcome only after both
// red-flag screens; a red flag ends at care at least as urgent, which names
// every flag the path reported; and a plan shows no exercise that the
// answers rule out: avoided with a condition on the path, putting a load
// that hurts, done in a position that hurts, above the level cap, or
// bending the spine the other way from another exercise of the plan.
func checkPath(t *testing.T, g *graph.Graph, tree *decision.Tree, p decision.Path, shown shownPage) {
	t.Helper()
	where := fmt.Sprint(p.Answers)
	nodes := map[string]*handbook.Node{}
	for _, n := range tree.Source.Nodes {
		nodes[n.ID] = n
	}
	n := nodes[tree.Source.Start.ID]
	screened := map[string]bool{}
	need := ""
	var flags []string
	for _, i := range p.Answers {
		if n.Screen != "" {
			screened[n.Screen] = true
		}
		a := n.Answers[i]
		for _, r := range a.Flags {
			flags = append(flags, r.ID)
			if f := g.Flag[r.ID]; need == "" || handbook.Urgent(f.Urgency, need) {
				need = f.Urgency
			}
		}
		n = nodes[a.Next.ID]
	}
	end, state := tree.Replay(p.Answers)
	if end != n || end.Outcome == "" {
		t.Fatalf("%s: the path ends at %v", where, end)
	}
	if end.Outcome != "care" && (!screened["emergency"] || !screened["urgent"]) {
		t.Errorf("%s: reaches %s without both red-flag screens (%v)", where, end.ID, screened)
	}
	if need != "" {
		if end.Outcome != "care" || !handbook.Urgent(shown.Urgency, need) {
			t.Errorf("%s: reports a red flag (%s) but the page shows %s %q", where, need, end.Outcome, shown.Urgency)
		}
		for _, id := range flags {
			if !strings.Contains(shown.Text, g.Flag[id].Title) {
				t.Errorf("%s: the care page does not name the sign the reader chose: %q", where, g.Flag[id].Title)
			}
		}
	}
	limit := 5
	for _, m := range []int{end.MaxLevel, state.MaxLevel} {
		if m > 0 && m < limit {
			limit = m
		}
	}
	ways := map[string]string{}
	for _, href := range shown.Exercises {
		id := strings.TrimSuffix(path.Base(href), ".html")
		e := g.Exercise[id]
		if e == nil {
			t.Errorf("%s: the plan links to %s, which is no exercise", where, href)
			continue
		}
		for _, c := range g.AvoidFor[id] {
			if slices.Contains(state.Conditions, c) {
				t.Errorf("%s: shows %s, to avoid with %s", where, id, c)
			}
		}
		for _, l := range e.Loads {
			if slices.Contains(state.Hurts, l) {
				t.Errorf("%s: shows %s, which puts %s on the spine, and that hurts", where, id, l)
			}
		}
		if slices.Contains(state.Hurts, e.Position) {
			t.Errorf("%s: shows %s, done %s, a position that hurts", where, id, e.Position)
		}
		if e.Level > limit {
			t.Errorf("%s: shows %s of level %d, above the cap of %d", where, id, e.Level, limit)
		}
		if d := decision.Direction(e); d != "" {
			ways[d] = id
		}
	}
	if len(ways) > 1 {
		t.Errorf("%s: the plan bends the spine both ways: %v", where, ways)
	}
}

// Every path of the shipped tree, played by the wizard over file://,
// ends where the Go compiler says, showing the same plan; red flags end at
// care; no plan shows what the answers rule out.
func TestBrowserDecideEveryPath(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	tree, g := compiledShipped(t)
	base := "file://" + filepath.ToSlash(out) + "/decide.html"
	if err := chromedp.Run(ctx, chromedp.Navigate(base), chromedp.WaitReady("#wizard[data-step]")); err != nil {
		t.Fatal(err)
	}
	paths := wizardPaths(ctx, t, tree, g, nil)
	t.Logf("%d paths walked in the wizard", len(paths))
}

// wizardPaths walks every path of tree in the wizard open in ctx, by its
// address: each must end at the step Go computed, show Go's plan and pass
// checkPath; also (if set) is called on each path's end while it shows.
func wizardPaths(ctx context.Context, t *testing.T, tree *decision.Tree, g *graph.Graph, also func(p decision.Path)) []decision.Path {
	t.Helper()
	paths := tree.Paths()
	for _, p := range paths {
		hash := make([]string, len(p.Answers))
		for i, a := range p.Answers {
			hash[i] = fmt.Sprint(a)
		}
		var shown shownPage
		err := chromedp.Run(ctx,
			chromedp.Evaluate(`location.hash = "a=`+strings.Join(hash, ".")+`"`, nil),
			chromedp.Poll(`document.getElementById("wizard").dataset.step === `+fmt.Sprintf("%q", p.End), nil,
				chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(3*time.Second)),
			readShown("#wizard", &shown),
		)
		if err != nil {
			t.Fatalf("path %v: the wizard did not reach %s: %v", p.Answers, p.End, err)
		}
		if also != nil {
			also(p)
		}
		st := tree.Steps[p.End]
		if want := planKeys(st); strings.Join(shown.Plan, " ") != strings.Join(want, " ") {
			t.Errorf("path %v: wizard shows %v, Go %v", p.Answers, shown.Plan, want)
		}
		checkPath(t, g, tree, p, shown)
	}
	return paths
}

// With JavaScript off, the static pages under decide/ are the same tree:
// every answer link leads to the step Go computed, and every outcome page
// shows the same plan. Checking every edge and outcome checks every path.
func TestBrowserDecideWithoutJS(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	tree, g := compiledShipped(t)
	if err := chromedp.Run(ctx, emulation.SetScriptExecutionDisabled(true)); err != nil {
		t.Fatal(err)
	}
	base := "file://" + filepath.ToSlash(out) + "/decide/"
	var start string
	err := chromedp.Run(ctx, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/decide.html"),
		chromedp.AttributeValue("#wizard a.button", "href", &start, nil))
	if err != nil || start != "decide/"+tree.Start+".html" {
		t.Fatalf("decide.html without JS starts at %q (%v), want decide/%s.html", start, err, tree.Start)
	}
	outcomes := staticSteps(ctx, t, base, tree, nil)
	// every path, judged by the static page it ends at
	paths := tree.Paths()
	for _, p := range paths {
		checkPath(t, g, tree, p, outcomes[p.End])
	}
	t.Logf("%d static pages, %d paths checked", len(tree.Order), len(paths))
}

// staticSteps opens the static page of every step of tree under base (the
// decide/ folder's URL), checks that its answers lead to the steps Go
// computed and that an outcome page shows Go's plan, calls also (if set)
// on each page while it is open, and returns what each outcome page shows.
func staticSteps(ctx context.Context, t *testing.T, base string, tree *decision.Tree, also func(id string)) map[string]shownPage {
	t.Helper()
	outcomes := map[string]shownPage{}
	for _, id := range tree.Order {
		st := tree.Steps[id]
		var links []string
		var shown shownPage
		err := chromedp.Run(ctx,
			chromedp.Navigate(base+id+".html"),
			chromedp.Evaluate(`Array.from(document.querySelectorAll(".answers a"), a => a.getAttribute("href"))`, &links),
			readShown("main", &shown),
		)
		if err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		if also != nil {
			also(id)
		}
		var want []string
		for _, ch := range st.Answers {
			want = append(want, ch.Next+".html")
		}
		if strings.Join(links, " ") != strings.Join(want, " ") {
			t.Errorf("%s: answers lead to %v, want %v", id, links, want)
		}
		if st.Node.Outcome != "" {
			if shown.Step != id {
				t.Errorf("%s: outcome page marked %q", id, shown.Step)
			}
			var wantPlan []string
			for _, k := range planKeys(st) {
				wantPlan = append(wantPlan, "../"+k)
			}
			if strings.Join(shown.Plan, " ") != strings.Join(wantPlan, " ") {
				t.Errorf("%s: static plan %v, want %v", id, shown.Plan, wantPlan)
			}
			outcomes[id] = shown
		}
	}
	return outcomes
}

// The wizard with the keyboard alone: focus moves to each new question,
// the live region announces it, Back returns, and axe finds nothing.
func TestBrowserDecideKeyboard(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	base := "file://" + filepath.ToSlash(out) + "/decide.html"
	var focused, status, step string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible("#wizard .answer"),
		chromedp.Focus("#wizard .answers li:last-child .answer"), // "None of these"
		chromedp.KeyEvent(kb.Enter),
		chromedp.Poll(`document.activeElement.classList.contains("wizard-heading")`, nil, chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(3*time.Second)),
		chromedp.Evaluate(`document.activeElement.textContent`, &focused),
		chromedp.Text("#wizard-status", &status),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(focused, "Do any of these fit you?") || !strings.Contains(status, "Question 2") {
		t.Errorf("after one answer, focus on %q and announced %q", focused, status)
	}
	for _, v := range browsertest.Axe(ctx, t) {
		t.Errorf("wizard question: %s", v)
	}
	// a red flag answer, then the browser's Back button
	err = chromedp.Run(ctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible("#wizard .answer"),
		chromedp.Click("#wizard .answers li:first-child .answer"),
		chromedp.WaitVisible("#wizard .outcome"),
		chromedp.Evaluate(`document.getElementById("wizard").dataset.step`, &step),
	)
	if err != nil || !strings.HasPrefix(step, "care-emergency") {
		t.Fatalf("the first red flag shows %q (%v)", step, err)
	}
	for _, v := range browsertest.Axe(ctx, t) {
		t.Errorf("wizard outcome: %s", v)
	}
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`history.back()`, nil),
		chromedp.Poll(`document.getElementById("wizard").dataset.step === "emergency"`, nil,
			chromedp.WithPollingInterval(10*time.Millisecond), chromedp.WithPollingTimeout(3*time.Second)),
	)
	if err != nil {
		t.Errorf("browser Back did not return to the first question: %v", err)
	}
	// a shared link opens at the same step
	tree, _ := compiledShipped(t)
	var where string
	for _, p := range tree.Paths() {
		for i := range p.Answers {
			if n, _ := tree.Replay(p.Answers[:i]); n != nil && n.ID == "where" {
				where = strings.Trim(strings.Join(strings.Fields(fmt.Sprint(p.Answers[:i])), "."), "[]")
				break
			}
		}
		if where != "" {
			break
		}
	}
	err = chromedp.Run(ctx,
		chromedp.Navigate("about:blank"),
		chromedp.Navigate(base+"#a="+where),
		chromedp.WaitVisible("#wizard h2"),
		chromedp.Evaluate(`document.getElementById("wizard").dataset.step`, &step),
	)
	if err != nil || !strings.HasPrefix(step, "where") {
		t.Errorf("a bookmarked path opens at %q, want a step of where (%v)", step, err)
	}
}

// The flowchart prints to a PDF; the test reports its pages.
func TestBrowserFlowchartPrints(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	var pdf []byte
	err := chromedp.Run(ctx,
		chromedp.Navigate("file://"+filepath.ToSlash(out)+"/decide/flowchart.html"),
		chromedp.ActionFunc(func(ctx context.Context) error {
			var err error
			pdf, _, err = page.PrintToPDF().WithPreferCSSPageSize(true).Do(ctx)
			return err
		}),
	)
	if err != nil {
		t.Fatal(err)
	}
	pages := strings.Count(string(pdf), "/Type /Page") - strings.Count(string(pdf), "/Type /Pages")
	if pages < 1 || pages > 6 {
		t.Errorf("the flowchart prints on %d pages", pages)
	}
	t.Logf("flowchart PDF: %d pages, %d bytes", pages, len(pdf))
	if dir := os.Getenv("HANDBOOK_PDF_DIR"); dir != "" {
		os.WriteFile(filepath.Join(dir, "flowchart.pdf"), pdf, 0o644)
	}
}

// The offline bundle, unzipped into a fresh folder and opened from disk,
// works: it starts, searches, walks the tree to an outcome and builds a
// handout.
func TestBrowserOfflineBundle(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	zipFile := filepath.Join(t.TempDir(), "handbook-offline.zip")
	if err := publish.Zip(out, zipFile); err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "somewhere else")
	zr, err := zip.OpenReader(zipFile)
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range zr.File {
		p := filepath.Join(dir, filepath.FromSlash(f.Name))
		os.MkdirAll(filepath.Dir(p), 0o755)
		r, _ := f.Open()
		b, _ := io.ReadAll(r)
		r.Close()
		os.WriteFile(p, b, 0o644)
	}
	zr.Close()
	base := "file://" + filepath.ToSlash(dir) + "/"
	var title, step string
	var results, handout []string
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"START-HERE.html"),
		chromedp.WaitVisible("#site-search-input"), // the handbook's home page, after the redirect
		chromedp.Title(&title),
		chromedp.Navigate(base+"search.html?q=slipped%20disc"),
		chromedp.WaitVisible("#search-results li"),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#search-results li a"), a => a.getAttribute("href"))`, &results),
		chromedp.Navigate(base+"decide.html#a=0"),
		chromedp.WaitVisible("#wizard .outcome"),
		chromedp.Evaluate(`document.getElementById("wizard").dataset.step`, &step),
		chromedp.Navigate(base+"handout.html#add=plank"),
		chromedp.WaitVisible("#handout-list li"),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".handout-item h2"), h => h.textContent)`, &handout),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(title, "Exercising safely") || len(results) == 0 || !strings.HasPrefix(results[0], "conditions/disc-herniation.html") ||
		!strings.HasPrefix(step, "care-emergency") || len(handout) != 1 {
		t.Errorf("unzipped bundle: title %q, search %v, tree at %q, handout %v", title, results, step, handout)
	}
}

// compiledShippedIn compiles the shipped tree of the translation in
// content/CODE/ as the build does: the source's questions and outcomes
// with the translation's words, red flags and pages.
func compiledShippedIn(t *testing.T, code string) (*decision.Tree, *graph.Graph) {
	t.Helper()
	var errs diag.List
	files, err := content.Load(os.DirFS(filepath.Join("..", "..", "content")), "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	h := schema.Decode(files, &errs)
	for _, tr := range files.Translations {
		if tr.Code != code {
			continue
		}
		g := graph.Resolve(schema.Translate(h, tr, &errs), &errs)
		tree := decision.Compile(g, &errs)
		if tree == nil || errs.Len() > 0 {
			t.Fatalf("compiling the shipped tree in %s: %v", code, errs.Err())
		}
		return tree, g
	}
	t.Fatalf("the shipped content has no translation %s/", code)
	return nil, nil
}

// spanishStrings are the words of layouts/strings/es.
func spanishStrings(t *testing.T) *render.Strings {
	t.Helper()
	var errs diag.List
	s := render.LoadStrings(os.DirFS(filepath.Join("..", "..", "layouts")), "es", &errs)
	if s == nil || errs.Len() > 0 {
		t.Fatalf("reading layouts/strings/es: %v", errs.Err())
	}
	return s
}

// englishDecideWords are words of the decision tree's pages in English
// (layouts/strings/en/decide.yaml) that no page of the Spanish tree may
// show: the tree's own words are content/es/decide.yaml's, and the words
// around them layouts/strings/es's.
var englishDecideWords = []string{
	"Find what suits you", "This is not a diagnosis", "See the whole tree", "questions to go",
	"This is the last question", "Your answers so far", "Change your answer", "Question ", "at most",
	"the last one", "Previous question", "Start again", "Result: ", "The signs this is about",
	"Read while you wait", "Every red flag", "Read: ", "Easier version", "Take care with",
	"start gently", "After you try it", "how did it feel", "How did ", "Emergency", "Urgent: today",
	"Soon: within days",
	// the "how did it feel?" pages and the flowchart
	"Think about the pain", "Log this in your journal", "keep going", "Keep to the same dose",
	"fine if it settles", "Stop this exercise", "Go back a step", "no easier version", "the red flags",
	"Decision flowchart", "questions and outcomes", "Emergency: call", "Urgent: see", "Soon: book",
	"Exercise plan",
}

// shownWords is what a page of the tree says to a reader: the title, the
// text of main but for the help panel (not the tree's), the wizard's
// closed answers so far, the live region and every aria-label and title.
const shownWords = `(function () {
	var main = document.querySelector("main").cloneNode(true);
	main.querySelectorAll(".help-panel").forEach(e => e.remove());
	var words = [document.title, main.textContent];
	main.querySelectorAll("[aria-label], [title], svg title, svg desc").forEach(e =>
		words.push(e.getAttribute("aria-label") || "", e.getAttribute("title") || "", e.textContent));
	return words.join("\n").replace(/\s+/g, " ");
})()`

// englishIn lists the English words of the tree's pages that text holds.
func englishIn(text string) []string {
	var out []string
	for _, w := range englishDecideWords {
		if strings.Contains(text, w) {
			out = append(out, w)
		}
	}
	return out
}

// The Spanish edition's wizard, from disk: every path of the Spanish tree
// ends where the Go compiler says, with the same plan, safely (checkPath),
// in Spanish words only; a red flag answer reaches the emergency outcome,
// in Spanish.
func TestBrowserDecideSpanish(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	tree, g := compiledShippedIn(t, "es")
	src, _ := compiledShipped(t)
	words := spanishStrings(t)
	base := "file://" + filepath.ToSlash(out) + "/es/decide.html"
	var lang, start, text string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base),
		chromedp.WaitVisible("#wizard .answer"),
		chromedp.Evaluate(`document.documentElement.lang`, &lang),
		chromedp.Evaluate(`document.querySelector(".print-link a").textContent`, &start),
		chromedp.Evaluate(shownWords, &text),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(lang, "es") || start != words.T("decide.flowchart-link") {
		t.Errorf("es/decide.html: lang %q, link to the flowchart %q", lang, start)
	}
	if en := englishIn(text); len(en) > 0 {
		t.Errorf("es/decide.html shows English: %q", en)
	}

	// a red flag: the first answer of the first question
	var shown shownPage
	var label, lead, status string
	err = chromedp.Run(ctx,
		chromedp.Click("#wizard .answers li:first-child .answer"),
		chromedp.WaitVisible("#wizard .outcome"),
		readShown("#wizard", &shown),
		chromedp.Evaluate(`document.querySelector("#wizard .urgency-label").textContent`, &label),
		chromedp.Evaluate(`document.querySelector("#wizard .outcome .lead").textContent`, &lead),
		chromedp.Evaluate(`document.getElementById("wizard-status").textContent`, &status),
	)
	if err != nil {
		t.Fatal(err)
	}
	first := tree.Steps[tree.Start].Answers[0].Next
	end := tree.Steps[first].Node
	if !strings.HasPrefix(shown.Step, "care-emergency") || shown.Urgency != "emergency" || end.Urgency != "emergency" {
		t.Fatalf("the first red flag shows %q (urgency %q), want the emergency outcome", shown.Step, shown.Urgency)
	}
	if label != words.T("js.decide.urgency.emergency") {
		t.Errorf("the emergency outcome is labelled %q, want %q", label, words.T("js.decide.urgency.emergency"))
	}
	for _, n := range src.Source.Nodes {
		if n.ID == end.ID && (lead != end.Text || end.Text == n.Text) {
			t.Errorf("the emergency outcome says %q; the Spanish tree says %q, the English %q", lead, end.Text, n.Text)
		}
	}
	if want := words.T("js.decide.status-result", end.Title); status != want {
		t.Errorf("the live region says %q, want %q", status, want)
	}

	// every path
	english := map[string]bool{}
	paths := wizardPaths(ctx, t, tree, g, func(p decision.Path) {
		var text string
		if err := chromedp.Run(ctx, chromedp.Evaluate(shownWords, &text)); err != nil {
			t.Fatalf("path %v: %v", p.Answers, err)
		}
		for _, w := range englishIn(text) {
			if !english[w] {
				english[w] = true
				t.Errorf("path %v: the Spanish wizard shows %q", p.Answers, w)
			}
		}
	})
	t.Logf("%d paths walked in the Spanish wizard", len(paths))
}

// With JavaScript off, the Spanish step pages are the Spanish tree: every
// answer leads to the step Go computed, every outcome shows its plan and
// is safe on every path, and no page of the tree (steps, "how did it
// feel?" pages, the flowchart) shows English words of the chrome.
func TestBrowserDecideSpanishWithoutJS(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	tree, g := compiledShippedIn(t, "es")
	if err := chromedp.Run(ctx, emulation.SetScriptExecutionDisabled(true)); err != nil {
		t.Fatal(err)
	}
	base := "file://" + filepath.ToSlash(out) + "/es/decide/"
	english := func(page, text string) {
		if en := englishIn(text); len(en) > 0 {
			t.Errorf("es/decide/%s shows English: %q", page, en)
		}
	}
	var start, text string
	err := chromedp.Run(ctx, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/es/decide.html"),
		chromedp.AttributeValue("#wizard a.button", "href", &start, nil),
		chromedp.Evaluate(shownWords, &text))
	if err != nil || start != "decide/"+tree.Start+".html" {
		t.Fatalf("es/decide.html without JS starts at %q (%v), want decide/%s.html", start, err, tree.Start)
	}
	english("../decide.html", text)
	outcomes := staticSteps(ctx, t, base, tree, func(id string) {
		if err := chromedp.Run(ctx, chromedp.Evaluate(shownWords, &text)); err != nil {
			t.Fatalf("%s: %v", id, err)
		}
		english(id+".html", text)
	})
	paths := tree.Paths()
	for _, p := range paths {
		checkPath(t, g, tree, p, outcomes[p.End])
	}
	pages := []string{"flowchart.html"}
	for _, e := range g.Exercises {
		pages = append(pages, "feel/"+e.ID+".html")
	}
	for _, p := range pages {
		if err := chromedp.Run(ctx, chromedp.Navigate(base+p), chromedp.Evaluate(shownWords, &text)); err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		english(p, text)
	}
	t.Logf("%d static pages, %d paths checked, %d more pages read", len(tree.Order), len(paths), len(pages))
}
