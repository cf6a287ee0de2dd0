package site

import (
	"context"
	"fmt"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"os"
	"path"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook"
	"handbook/generator/browsertest"
)

// buildShipped builds the handbook in content/ into a temporary folder.
func buildShipped(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(config(filepath.Join("..", "..", "content"), out)); err != nil {
		t.Fatalf("building the shipped handbook: %v", err)
	}
	return out
}

// htmlPages counts the pages a reader can reach: every HTML file but each
// edition's 404.html.
func htmlPages(t *testing.T, dir string) int {
	n := 0
	for k := range readTree(t, dir) {
		if strings.HasSuffix(k, ".html") && path.Base(k) != "404.html" {
			n++
		}
	}
	return n
}

func checkCrawl(t *testing.T, r *browsertest.Report, want int) {
	t.Helper()
	for _, p := range r.Problems {
		t.Error(p)
	}
	if want > 0 && r.Pages != want {
		t.Errorf("the crawl reached %d pages; the site has %d", r.Pages, want)
	}
	t.Logf("%d pages, %d links, %d problems", r.Pages, r.Links, len(r.Problems))
}

// Opened from disk, every page is reachable from index.html by plain links
// (JavaScript off), with no broken link or anchor; with JavaScript on, no
// page logs an error or asks for anything outside public/.
func TestBrowserFromDisk(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	crawlFromDisk(ctx, t, browsertest.Site{Dir: out, Base: "file://" + filepath.ToSlash(out) + "/"})
}

// crawlFromDisk crawls s from index.html with JavaScript off, where every
// page must be reached, and on.
func crawlFromDisk(ctx context.Context, t *testing.T, s browsertest.Site) {
	t.Helper()
	for _, noJS := range []bool{true, false} {
		r, err := browsertest.Crawl(ctx, s, s.Base+"index.html", noJS)
		if err != nil {
			t.Fatal(err)
		}
		want := 0
		if noJS {
			want = htmlPages(t, s.Dir)
		}
		checkCrawl(t, r, want)
	}
}

// The same output served under a sub-path works with no base URL set.
func TestBrowserUnderSubPath(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	mux := http.NewServeMux()
	mux.Handle("/handbook/", http.StripPrefix("/handbook/", http.FileServer(http.Dir(out))))
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		http.Error(w, "outside the sub-path", http.StatusNotFound)
	})
	srv := httptest.NewServer(mux)
	defer srv.Close()
	s := browsertest.Site{Dir: out, Base: srv.URL + "/handbook/"}
	r, err := browsertest.Crawl(ctx, s, s.Base, false)
	if err != nil {
		t.Fatal(err)
	}
	checkCrawl(t, r, 0)
	if r.Pages < 200 {
		t.Errorf("the crawl reached only %d pages", r.Pages)
	}
	if _, err := os.Stat(filepath.Join(out, "sitemap.xml")); err == nil {
		t.Error("sitemap.xml written without a base URL")
	}
}

// The exercise index filters in place with JavaScript, matching the plain
// per-value pages that work without it.
func TestBrowserExerciseFilter(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	base := "file://" + filepath.ToSlash(out) + "/exercises/"
	var visible, total, plain int
	var status string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"index.html"),
		chromedp.WaitVisible("#filters"),
		chromedp.SetValue(`select[name="category"]`, "cardio"),
		chromedp.Evaluate(`document.querySelector('select[name="category"]').dispatchEvent(new Event("change"))`, nil),
		chromedp.Evaluate(`document.querySelectorAll(".page-list > li:not([hidden])").length`, &visible),
		chromedp.Evaluate(`document.querySelectorAll(".page-list > li").length`, &total),
		chromedp.Text(".filter-status", &status),
		chromedp.Navigate(base+"filter/category-cardio.html"),
		chromedp.Evaluate(`document.querySelectorAll(".page-list > li").length`, &plain),
	)
	if err != nil {
		t.Fatal(err)
	}
	if visible == 0 || visible >= total || visible != plain {
		t.Errorf("cardio filter shows %d of %d; the plain cardio page lists %d", visible, total, plain)
	}
	if want := fmt.Sprintf("%d of %d exercises shown", visible, total); status != want {
		t.Errorf("status %q, want %q", status, want)
	}
}

// Every main page type passes axe-core's WCAG 2.1 A and AA rules.
func TestBrowserAccessibility(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	base := "file://" + filepath.ToSlash(out) + "/"
	for _, scheme := range []string{"light", "dark"} {
		err := chromedp.Run(ctx, emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}))
		if err != nil {
			t.Fatal(err)
		}
		var dark bool
		if err := chromedp.Run(ctx, chromedp.Navigate(base+"index.html"),
			chromedp.Evaluate(`matchMedia("(prefers-color-scheme: dark)").matches`, &dark)); err != nil || dark != (scheme == "dark") {
			t.Fatalf("emulating %s mode: dark=%v, %v", scheme, dark, err)
		}
		checkPages(ctx, t, base, scheme)
	}
}

func checkPages(ctx context.Context, t *testing.T, base, scheme string) {
	for _, page := range []string{
		"index.html", "flags.html", "about.html", "404.html", "exercises/index.html",
		"exercises/filter/level-1.html", "exercises/glute-bridge.html", "conditions/sciatica.html",
		"faq/crunches-and-sit-ups.html", "guides/warming-up.html", "programs/core-starter.html",
	} {
		if err := chromedp.Run(ctx, chromedp.Navigate(base+page)); err != nil {
			t.Fatal(err)
		}
		for _, v := range browsertest.Axe(ctx, t) {
			t.Errorf("%s (%s): %s", page, scheme, v)
		}
	}
}

// The theme toggle and the text size are remembered; pages reflow on a
// 320 px wide screen (and so at 200% zoom on 640 px) without scrolling
// sideways.
func TestBrowserReadingComfort(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	base := "file://" + filepath.ToSlash(out) + "/"
	var theme, size, bg, before, after string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"index.html"),
		chromedp.WaitVisible("#theme-toggle"),
		chromedp.Text("#theme-toggle", &before),
		chromedp.Click("#theme-toggle"),
		chromedp.Click("#text-larger"),
		chromedp.Navigate(base+"exercises/plank.html"),
		chromedp.WaitVisible("#theme-toggle"),
		chromedp.Text("#theme-toggle", &after),
		chromedp.Evaluate(`document.documentElement.getAttribute("data-theme")`, &theme),
		chromedp.Evaluate(`document.documentElement.style.fontSize`, &size),
		chromedp.Evaluate(`getComputedStyle(document.body).backgroundColor`, &bg),
	)
	if err != nil {
		t.Fatal(err)
	}
	// the button's words say the state (text-transform aside)
	if strings.ToLower(before) != "dark mode off" || strings.ToLower(after) != "dark mode on" {
		t.Errorf("the theme button reads %q, then %q in dark mode", before, after)
	}
	if theme != "dark" || size != "112.5%" || bg == "rgb(255, 255, 255)" {
		t.Errorf("after choosing dark and larger text, another page has theme %q, size %q, background %s", theme, size, bg)
	}
	for _, v := range browsertest.Axe(ctx, t) {
		t.Errorf("dark theme chosen by toggle: %s", v)
	}
	err = chromedp.Run(ctx, emulation.SetDeviceMetricsOverride(320, 640, 1, true))
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range []string{"index.html", "exercises/plank.html", "exercises/index.html", "search.html?q=plank", "decide.html", "handout.html#add=plank", "conditions/sciatica.html"} {
		var wide int
		if err := chromedp.Run(ctx, chromedp.Navigate(base+p), chromedp.Sleep(100*time.Millisecond),
			chromedp.Evaluate(`document.documentElement.scrollWidth`, &wide)); err != nil {
			t.Fatal(err)
		}
		if wide > 320 {
			t.Errorf("%s is %d px wide on a 320 px screen", p, wide)
		}
	}
}

// The keyboard alone gets through every kind of page: Tab keeps moving the
// focus (no trap, the combobox and wizard included), and the focused
// element shows a visible outline.
func TestBrowserNoKeyboardTrap(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	base := "file://" + filepath.ToSlash(out) + "/"
	for _, p := range []string{"index.html", "exercises/plank.html", "exercises/index.html", "search.html?q=plank", "decide.html", "handout.html#add=plank"} {
		if err := chromedp.Run(ctx, chromedp.Navigate(base+p), chromedp.Sleep(150*time.Millisecond)); err != nil {
			t.Fatal(err)
		}
		seen := map[string]bool{}
		same, last := 0, ""
		for i := 0; i < 40; i++ {
			var who string
			var outline string
			err := chromedp.Run(ctx, chromedp.KeyEvent(kb.Tab),
				chromedp.Evaluate(`(function (e) { return e.tagName + "#" + e.id + "." + e.className + ":" + (e.getAttribute("aria-label") || e.textContent || e.value || "").slice(0, 30); })(document.activeElement)`, &who),
				// a date field's own parts take the focus and Chromium draws it there
				chromedp.Evaluate(`(function (e) { var s = getComputedStyle(e); return e === document.body || e.type === "date" ? "body" : s.outlineStyle + " " + s.outlineWidth; })(document.activeElement)`, &outline))
			if err != nil {
				t.Fatal(err)
			}
			if who == last {
				same++
			} else {
				same = 0
			}
			if same >= 4 { // a date field tabs through its day, month and year first
				t.Errorf("%s: the focus is stuck on %s", p, who)
				break
			}
			last = who
			seen[who] = true
			if outline != "body" && (strings.HasPrefix(outline, "none") || strings.HasSuffix(outline, " 0px")) {
				t.Errorf("%s: %s is focused without a visible outline (%s)", p, who, outline)
				break
			}
		}
		if len(seen) < 8 {
			t.Errorf("%s: 40 presses of Tab reached only %d elements", p, len(seen))
		}
	}
}

// The web app manifest is linked only where a browser can load it, over
// http(s): from disk Chromium refuses it and logs an error on every page.
func TestBrowserManifestOnlyOnline(t *testing.T) {
	ctx := browsertest.New(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := config(filepath.Join("..", "..", "content"), out)
	cfg.Worker, _ = fs.ReadFile(handbook.Assets(), "sw.js") // as handbook build does
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	for _, c := range []struct {
		base string
		want bool
	}{{"file://" + filepath.ToSlash(out) + "/", false}, {srv.URL + "/", true}} {
		for _, p := range []string{"index.html", "exercises/plank.html", "handout.html"} {
			var linked bool
			if err := chromedp.Run(ctx, chromedp.Navigate(c.base+p),
				chromedp.Evaluate(`!!document.querySelector('link[rel="manifest"][href$="manifest.webmanifest"]')`, &linked)); err != nil {
				t.Fatal(err)
			}
			if linked != c.want {
				t.Errorf("%s%s: manifest linked %v, want %v", c.base, p, linked, c.want)
			}
		}
	}
}
