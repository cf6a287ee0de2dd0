package site

import (
	"context"
	"io/fs"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook"
	"handbook/generator/browsertest"
)

// suggestions types q into the header search box and returns the links of
// the suggestions shown.
func suggestions(ctx context.Context, t *testing.T, page, q string) []string {
	t.Helper()
	var hrefs []string
	err := chromedp.Run(ctx,
		chromedp.Navigate(page),
		chromedp.Click("#site-search-input"),
		chromedp.SendKeys("#site-search-input", q),
		waitSuggestions(q),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#site-search-list [role=option]"), o => o.dataset.href)`, &hrefs),
	)
	if err != nil {
		t.Fatalf("typing %q: %v", q, err)
	}
	return hrefs
}

func searchSite(t *testing.T, ctx context.Context, base string) {
	cases := []struct {
		q, want string
		within  int
	}{
		{"slipped disc", "conditions/disc-herniation.html", 1},
		{"brige", "exercises/glute-bridge.html", 3},
		{"sit ups", "faq/crunches-and-sit-ups.html", 3},
	}
	for _, c := range cases {
		hrefs := suggestions(ctx, t, base+"exercises/plank.html", c.q)
		found := false
		for i, h := range hrefs {
			if i < c.within && strings.HasPrefix(h, "../"+c.want) {
				found = true
			}
		}
		if !found {
			t.Errorf("%q: want %s in the first %d suggestions, got %v", c.q, c.want, c.within, hrefs)
		}
	}

	// The keyboard alone: "/" focuses the box, Down picks, Enter opens.
	var url string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"index.html"),
		chromedp.KeyEvent("/"),
		chromedp.KeyEvent("slipped disc"),
		waitSuggestions("slipped disc"),
		chromedp.KeyEvent(kb.ArrowDown),
		chromedp.KeyEvent(kb.Enter),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Location(&url),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(url, "conditions/disc-herniation.html") {
		t.Errorf("keyboard search landed on %s", url)
	}

	// The search page: the condition filter hides an exercise to avoid.
	count := func(query string) (n int, keys []string) {
		err := chromedp.Run(ctx,
			chromedp.Navigate(base+"search.html?"+query),
			chromedp.WaitVisible("#search-results li"),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("#search-results li a"), a => a.getAttribute("href"))`, &keys),
		)
		if err != nil {
			t.Fatalf("search.html?%s: %v", query, err)
		}
		return len(keys), keys
	}
	_, all := count("q=superman")
	_, filtered := count("q=superman&condition=spinal-stenosis")
	has := func(keys []string, k string) bool {
		for _, x := range keys {
			if strings.HasPrefix(x, k) {
				return true
			}
		}
		return false
	}
	if !has(all, "exercises/superman.html") || has(filtered, "exercises/superman.html") {
		t.Errorf("condition filter: superman in %v without it, in %v with spinal stenosis", all, filtered)
	}
	for _, v := range browsertest.Axe(ctx, t) {
		t.Errorf("search page accessibility: %s", v)
	}
	searchWorried(t, ctx, base)
	// The open suggestion list passes too.
	suggestions(ctx, t, base+"index.html", "plank")
	for _, v := range browsertest.Axe(ctx, t) {
		t.Errorf("search box accessibility: %s", v)
	}
}

func TestBrowserSearchFromDisk(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	searchSite(t, ctx, "file://"+filepath.ToSlash(out)+"/")
}

func TestBrowserSearchOverHTTP(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	srv := httptest.NewServer(http.StripPrefix("/handbook/", http.FileServer(http.Dir(out))))
	defer srv.Close()
	searchSite(t, ctx, srv.URL+"/handbook/")
}

// waitSuggestions waits until the list shows the suggestions for all of q,
// not for the letters typed before the last.
func waitSuggestions(q string) chromedp.Action {
	return chromedp.Poll(`(function () {
		var all = document.getElementById("site-search-option-all");
		return !!all && all.textContent.indexOf(`+"`"+`“`+"`"+` + `+strconvQuote(q)+` + `+"`"+`”`+"`"+`) >= 0;
	})()`, nil, chromedp.WithPollingTimeout(10*time.Second))
}

func strconvQuote(s string) string { return strconv.Quote(s) }

// Over HTTP the service worker keeps the site: after a first visit, with
// the network off, pages and search still work. From disk it is not
// registered.
func TestBrowserOfflineAfterFirstVisit(t *testing.T) {
	ctx := browsertest.New(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := config(filepath.Join("..", "..", "content"), out)
	cfg.Worker, _ = fs.ReadFile(handbook.Assets(), "sw.js")
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(http.StripPrefix("/handbook/", http.FileServer(http.Dir(out))))
	defer srv.Close()
	base := srv.URL + "/handbook/"
	wait := func(expr string) chromedp.Action {
		return chromedp.Poll(expr, nil, chromedp.WithPollingInterval(50*time.Millisecond), chromedp.WithPollingTimeout(20*time.Second))
	}
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"index.html"),
		wait(`!!navigator.serviceWorker.controller`),
		wait(`caches.keys().then(k => k.length > 0 && caches.open(k[0]).then(c => c.keys()).then(r => r.length > 600))`),
	)
	if err != nil {
		t.Fatalf("the service worker did not take over and keep the site: %v", err)
	}
	var title string
	var results []string
	err = chromedp.Run(ctx,
		network.EmulateNetworkConditions(true, 0, -1, -1),
		chromedp.Navigate(base+"exercises/plank.html"),
		chromedp.Title(&title),
		chromedp.Navigate(base+"search.html?q=plank"),
		chromedp.WaitVisible("#search-results li"),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("#search-results li a"), a => a.getAttribute("href"))`, &results),
		network.EmulateNetworkConditions(false, 0, -1, -1),
	)
	if err != nil {
		t.Fatalf("offline: %v", err)
	}
	if !strings.HasPrefix(title, "Plank") || len(results) == 0 {
		t.Errorf("offline: title %q, search %v", title, results)
	}
	var registered bool
	err = chromedp.Run(ctx, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/index.html"),
		chromedp.Evaluate(`!!(navigator.serviceWorker && navigator.serviceWorker.controller)`, &registered))
	if err != nil || registered {
		t.Errorf("from disk a service worker controls the page (%v)", err)
	}
}

// searchWorried: a red-flag symptom, typed as a worried person would, puts
// the flag and its action first, in the box and on the search page; on a
// phone the first result shows without scrolling; a typo offers "did you
// mean"; a search that finds nothing offers the red flags and the
// decision tree.
func searchWorried(t *testing.T, ctx context.Context, base string) {
	t.Helper()
	for _, q := range []string{"cant pee and back pain", "both my legs have gone numb"} {
		hrefs := suggestions(ctx, t, base+"index.html", q)
		if len(hrefs) == 0 || !strings.Contains(hrefs[0], "flags.html#") {
			t.Errorf("%q: first suggestion %v, want a red flag", q, hrefs)
		}
		var first struct {
			Class, Text string
		}
		err := chromedp.Run(ctx,
			chromedp.Navigate(base+"search.html?q="+strings.ReplaceAll(q, " ", "+")),
			chromedp.WaitVisible("#search-results li"),
			chromedp.Evaluate(`(function () { var li = document.querySelector("#search-results li");
				return { class: li.className, text: li.textContent }; })()`, &first),
		)
		if err != nil {
			t.Fatal(err)
		}
		if !strings.Contains(first.Class, "result-flag") || !strings.Contains(first.Text, "Red flag") ||
			!strings.Contains(strings.ToLower(first.Text), "emergency") {
			t.Errorf("%q: first result %+v, want a red flag with its action", q, first)
		}
	}

	// a 390 x 844 phone: the first result is on screen
	var bottom float64
	var open bool
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"search.html?q=sciatica"),
		chromedp.WaitVisible("#search-results li"),
		chromedp.Evaluate(`document.querySelector("#search-results li").getBoundingClientRect().bottom`, &bottom),
		chromedp.Evaluate(`document.getElementById("search-filters").open`, &open),
		chromedp.EmulateReset(),
	)
	if err != nil {
		t.Fatal(err)
	}
	if bottom > 844 || open {
		t.Errorf("on a phone the first result ends at %.0f px (screen 844), filters open: %v", bottom, open)
	}

	// a typo: "did you mean"; nothing found: the way to help
	var note string
	var helpShown bool
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"search.html?q=sciatca"),
		chromedp.WaitVisible("#search-results li"),
		chromedp.Text("#search-note", &note),
		chromedp.Navigate(base+"search.html?q=xqzvbk"),
		chromedp.Poll(`document.getElementById("search-status").textContent.indexOf("No results") === 0`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`!document.getElementById("search-help").hidden && !!document.querySelector("#search-help a[href$='flags.html']")`, &helpShown),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(note, "Did you mean sciatica?") {
		t.Errorf("typo: note %q, want \"Did you mean sciatica?\"", note)
	}
	if !helpShown {
		t.Error("a search that finds nothing does not offer the red flags")
	}
}

// The Spanish edition searches its own pages with its own words: typing
// "ciática" in the header's box, and on the search page, finds pages of
// es/, never the English ones, and every word around the results (labels,
// counts, the filters' heading, the help) is Spanish.
func TestBrowserSearchSpanish(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	base := "file://" + filepath.ToSlash(out) + "/es/"
	const q = "ciática"
	// English chrome that must not show, and keys that a missing string
	// would show instead of words
	english := regexp.MustCompile(`\b(results?|Narrow|Also searching|Did you mean|If you have|Take care|Exercise|` +
		`Condition|Question|Guide|Programme|Red flags?|Page|Search|Not finding)\b|\bjs\.`)
	noEnglish := func(where, text string) {
		t.Helper()
		if w := english.FindString(text); w != "" {
			t.Errorf("%s: %q holds the English %q", where, text, w)
		}
	}
	spanishLabels := map[string]bool{"Ejercicio": true, "Dolencia": true, "Pregunta": true, "Guía": true,
		"Programa": true, "Señales de alarma": true, "Página": true}
	// a result's label: its section, then " › " and a heading of its page
	checkLabel := func(where, label string) {
		t.Helper()
		section, _, _ := strings.Cut(strings.TrimSpace(label), " › ")
		if !spanishLabels[section] && !strings.HasPrefix(section, "Señal de alarma") {
			t.Errorf("%s: label %q, want a Spanish section", where, label)
		}
	}
	inEdition := func(where string, urls []string) {
		t.Helper()
		if len(urls) == 0 {
			t.Errorf("%s: no results", where)
		}
		for _, u := range urls {
			if !strings.HasPrefix(u, base) {
				t.Errorf("%s: result %s is not a page of es/", where, u)
			}
		}
	}

	// The header's box: its suggestions
	var box struct {
		URLs, Titles, Labels []string
		All, Status          string
	}
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"index.html"),
		chromedp.Click("#site-search-input"),
		chromedp.SendKeys("#site-search-input", q),
		chromedp.Poll(`(function () {
			var all = document.getElementById("site-search-option-all");
			return !!all && all.dataset.href.endsWith("?q=" + encodeURIComponent(`+strconv.Quote(q)+`));
		})()`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Evaluate(`(function () {
			var opts = Array.from(document.querySelectorAll("#site-search-list [role=option]:not(#site-search-option-all)"));
			var form = document.querySelector("form.site-search");
			return {
				urls: opts.map(o => new URL(o.dataset.href, location.href).href),
				titles: opts.map(o => o.querySelector(".option-title").textContent),
				labels: opts.map(o => { var l = o.querySelector(".label"); return l ? l.textContent : ""; }),
				all: document.getElementById("site-search-option-all").textContent,
				status: form.querySelector("[role=status]").textContent,
			};
		})()`, &box),
	)
	if err != nil {
		t.Fatalf("typing %q: %v", q, err)
	}
	inEdition("the box", box.URLs)
	found := false
	for i, title := range box.Titles {
		checkLabel("the box", box.Labels[i])
		found = found || strings.Contains(strings.ToLower(title), q)
	}
	if !found {
		t.Errorf("the box: no suggestion is named %q: %v", q, box.Titles)
	}
	if box.All != "Ver todos los resultados de «"+q+"»" {
		t.Errorf("the box: last option %q", box.All)
	}
	if !regexp.MustCompile(`^[0-9]+ resultados?(, los más parecidos)?$`).MatchString(box.Status) {
		t.Errorf("the box: status %q, want the count of results in Spanish", box.Status)
	}

	// The search page
	var page struct {
		URLs, Labels                  []string
		Status, Note, Summary, Button string
	}
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"search.html?q=ci%C3%A1tica&level=2"),
		chromedp.WaitVisible("#search-results li"),
		chromedp.Evaluate(`(function () {
			var lis = Array.from(document.querySelectorAll("#search-results li"));
			return {
				urls: lis.map(li => li.querySelector("a.result-title").href),
				labels: lis.filter(li => !li.classList.contains("result-flag")).map(li => li.querySelector(".label").textContent),
				status: document.getElementById("search-status").textContent,
				note: document.getElementById("search-note").textContent,
				summary: document.querySelector("#search-filters summary").textContent,
				button: document.querySelector("#search-form button").textContent,
			};
		})()`, &page),
	)
	if err != nil {
		t.Fatal(err)
	}
	inEdition("the search page", page.URLs)
	for _, l := range page.Labels {
		checkLabel("the search page", l)
	}
	want := strconv.Itoa(len(page.URLs)) + " resultados para «" + q + "»."
	if len(page.URLs) == 1 {
		want = "1 resultado para «" + q + "»."
	}
	if page.Status != want {
		t.Errorf("the search page: status %q, want %q", page.Status, want)
	}
	if page.Summary != "Filtrar los resultados (1 elegido)" || page.Button != "Buscar" {
		t.Errorf("the search page: filters %q, button %q", page.Summary, page.Button)
	}
	noEnglish("the search page's note", page.Note)

	// Nothing typed; nothing found: the way to help
	var empty, none, help string
	err = chromedp.Run(ctx,
		chromedp.Navigate(base+"search.html"),
		chromedp.Poll(`document.getElementById("search-status").textContent !== ""`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Text("#search-status", &empty),
		chromedp.Navigate(base+"search.html?q=xqzvbk"),
		chromedp.Poll(`document.getElementById("search-status").textContent.indexOf("Ningún resultado") === 0`, nil, chromedp.WithPollingTimeout(10*time.Second)),
		chromedp.Text("#search-status", &none),
		chromedp.Text("#search-help", &help),
	)
	if err != nil {
		t.Fatal(err)
	}
	if empty != "Escriba una palabra o una pregunta para buscar en el manual." {
		t.Errorf("nothing typed: status %q", empty)
	}
	if none != "Ningún resultado para «xqzvbk»." || !strings.HasPrefix(help, "¿No encuentra lo que busca?") {
		t.Errorf("nothing found: status %q, help %q", none, help)
	}
	noEnglish("the help", help)
}
