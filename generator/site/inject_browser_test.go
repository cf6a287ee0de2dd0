package site

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
)

// Payloads that would run script if any of them reached a page unescaped.
// Each sets window.__pwned; none may.
const (
	tagPayload  = `<script>window.__pwned=1</script>`
	attrPayload = `"><img src=x onerror="window.__pwned=1">`
	endPayload  = `</script><script>window.__pwned=1</script>`
)

// injected is the base tree with the payloads in every text field of
// front matter and data files, and in the markdown.
func injected() map[string]string {
	p := tagPayload + " " + attrPayload + " " + endPayload
	q := func(s string) string { return strings.ReplaceAll(strings.ReplaceAll(s, `\`, `\\`), `"`, `\"`) }
	pq := `"` + q(p) + `"`
	return map[string]string{
		"handbook.yaml": "title: " + pq + "\nlanguage: en-GB\ndisclaimer: " + pq + "\nclinic: {name: " + pq + ", phone: " + pq + ", address: " + pq + "}\n",
		"flags.yaml": "flags:\n  - id: bladder-bowel-change\n    title: " + pq + "\n    urgency: emergency\n    action: " + pq +
			"\n  - id: not-improving\n    title: " + pq + "\n    urgency: soon\n    action: " + pq + "\n",
		"synonyms.yaml":            "synonyms:\n  - [" + pq + ", pwned]\n",
		"exercises/pelvic-tilt.md": "---\ntitle: " + pq + "\nsummary: " + pq + "\ncategory: core\nposition: lying-back\nequipment: [mat]\nlevel: 1\ntargets: [" + pq + "]\ndose: {reps: 5, frequency: " + pq + "}\ncues: [" + pq + "]\nmistakes: [" + pq + "]\nstop-if: [" + pq + "]\nprogression: [glute-bridge]\naliases: [" + pq + "]\nloads: []\n---\n\n## Steps\n\n1. " + p + "\n\n<a href=\"javascript:window.__pwned=1\">raw</a>\n\n<svg onload=\"window.__pwned=1\"></svg>\n",
		"conditions/sciatica.md":   "---\ntitle: " + pq + "\naliases: [" + pq + "]\nsummary: " + pq + "\naggravated-by: [flexion]\nhelpful: [pelvic-tilt]\nflags: [bladder-bowel-change]\n---\n\n## What it is\n\n" + p + "\n",
		"faq/rest.md":              "---\nquestion: " + pq + "\nanswer: " + pq + "\nrelated: [guides/warming-up]\n---\n\n" + p + "\n",
		"guides/warming-up.md":     "---\ntitle: " + pq + "\nsummary: " + pq + "\nrelated: [exercises/pelvic-tilt]\n---\n\n## Why\n\n" + p + " Read [the FAQ](../faq/rest.md).\n",
		"programs/starter.md":      "---\ntitle: " + pq + "\nsummary: " + pq + "\nexercises:\n  - id: pelvic-tilt\n    note: " + pq + "\n  - id: glute-bridge\n    dose: {reps: 5, frequency: " + pq + "}\n---\n\n" + p + "\n",
		"about.md":                 "---\ntitle: " + pq + "\nsummary: " + pq + "\n---\n\n" + p + "\n\n```html\n" + p + "\n```\n",
		"decide.yaml": strings.NewReplacer("question: Any of these?", "question: "+pq, "text: Try these.", "text: "+pq,
			"label: Bladder trouble", "label: "+pq, "help: ", "help: ").Replace(baseDecide),
	}
}

// No payload placed in content runs in a reader's browser, on any page or
// in any view made by script (search results, the wizard, the handout).
func TestBrowserNoScriptFromContent(t *testing.T) {
	ctx := browsertest.New(t)
	dir := t.TempDir()
	root := writeTree(t, dir, injected())
	out := filepath.Join(dir, "public")
	cfg := config(root, out)
	cfg.BaseURL = "https://example.org/x/" // QR codes and canonical links too
	if _, err := Build(cfg); err != nil {
		t.Fatalf("the build refused the payloads: %v", err)
	}
	var dialogs atomic.Int32
	chromedp.ListenTarget(ctx, func(ev any) {
		if _, ok := ev.(*page.EventJavascriptDialogOpening); ok {
			dialogs.Add(1)
			go chromedp.Run(ctx, page.HandleJavaScriptDialog(true))
		}
	})
	base := "file://" + filepath.ToSlash(out) + "/"
	var pages []string
	filepath.WalkDir(out, func(p string, d os.DirEntry, err error) error {
		if err == nil && strings.HasSuffix(p, ".html") {
			rel, _ := filepath.Rel(out, p)
			pages = append(pages, filepath.ToSlash(rel))
		}
		return nil
	})
	pages = append(pages, "search.html?q=pwned", "search.html?q=script", "decide.html#a=0", "decide.html#a=1.1.0",
		"handout.html#add=pelvic-tilt", "programs/starter.html")
	for _, p := range pages {
		var pwned bool
		err := chromedp.Run(ctx,
			chromedp.Navigate(base+p),
			chromedp.Sleep(150*time.Millisecond), // let the page's scripts and lazy loads run
			chromedp.Evaluate(`window.__pwned === 1`, &pwned),
		)
		if err != nil {
			t.Fatalf("%s: %v", p, err)
		}
		if pwned {
			t.Errorf("%s: a payload from content ran", p)
		}
	}
	if n := dialogs.Load(); n > 0 {
		t.Errorf("%d dialogs opened", n)
	}
	// the payloads show as text where they were written
	var text string
	if err := chromedp.Run(ctx, chromedp.Navigate(base+"exercises/pelvic-tilt.html"), chromedp.Text("h1", &text)); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, tagPayload) || !strings.Contains(text, `onerror="window.__pwned=1"`) {
		t.Errorf("the title does not show the payload as text: %q", text)
	}
	var found []string
	err := chromedp.Run(ctx, chromedp.Navigate(base+"search.html?q=pwned"),
		chromedp.WaitVisible("#search-results li"),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#search-results li a"), a => a.textContent)`, &found))
	if err != nil || len(found) == 0 || !strings.Contains(strings.Join(found, " "), "<script>") {
		t.Errorf("search results show %q (%v); want the payload as text", found, err)
	}
	t.Logf("%d pages and views opened; nothing ran", len(pages))
	_ = context.Background
}

// An SVG in content that holds script is refused: opened from the site,
// it would run with the site's rights.
func TestSVGWithScriptRefused(t *testing.T) {
	dir := t.TempDir()
	root := writeTree(t, dir, map[string]string{"guides/evil.svg": `<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>`,
		"guides/fine.svg": `<svg xmlns="http://www.w3.org/2000/svg"><circle r="4"/></svg>`})
	_, err := Build(config(root, ""))
	want := "content/guides/evil.svg:1:41: evil.svg is refused: it has a <script> element, which is not plain drawing (scripts, styles, links, images and foreign content are refused) (a picture must be drawing only, never code: save it as plain SVG, or as PNG)"
	if got := strings.Join(lines(err, dir), "\n"); got != want {
		t.Errorf("got %s\nwant %s", got, want)
	}
}
