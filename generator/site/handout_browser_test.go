package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
)

// handoutItems reads the builder's handout: each exercise's title, dose
// line and note, and the patient's name.
func handoutItems(ctx context.Context, t *testing.T) (patient string, items []string) {
	t.Helper()
	err := chromedp.Run(ctx,
		chromedp.WaitVisible("#handout"),
		chromedp.Value("#handout-patient", &patient),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".handout-item"), li =>
			li.querySelector("h2").textContent + " | " + li.querySelector(".dose-line").textContent + " | " + li.querySelector("textarea").value)`, &items),
	)
	if err != nil {
		t.Fatal(err)
	}
	return patient, items
}

// A clinician builds a handout of six exercises by clicking, over file://;
// it survives a reload and opens from its link in a fresh browser; it
// prints on at most two pages with the name, every dose and every note.
func TestBrowserHandout(t *testing.T) {
	ctx := browsertest.New(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := config(filepath.Join("..", "..", "content"), out)
	cfg.BaseURL = "https://example.org/back/" // so the printed handout has its QR code
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	page := "file://" + filepath.ToSlash(out) + "/handout.html"
	picks := []string{"bridge", "bird dog", "plank", "cat", "walking", "knee to chest"}
	actions := []chromedp.Action{
		chromedp.Navigate(page),
		chromedp.WaitVisible("#picker-list button"),
		chromedp.SendKeys("#handout-patient", "Ada Lovelace"),
	}
	for i, p := range picks {
		actions = append(actions,
			clearInput("#picker-search"),
			chromedp.SendKeys("#picker-search", p),
			chromedp.Click("#picker-list li:first-child button"),
			chromedp.SendKeys(`.handout-item:nth-child(`+itoa(i+1)+`) textarea`, "Note "+itoa(i+1)+" for Ada"),
		)
	}
	// change one dose by hand
	actions = append(actions,
		clearInput(`.handout-item:nth-child(1) input[name=reps]`),
		chromedp.SendKeys(`.handout-item:nth-child(1) input[name=reps]`, "15"),
	)
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatal(err)
	}
	patient, items := handoutItems(ctx, t)
	if patient != "Ada Lovelace" || len(items) != 6 || !strings.Contains(items[0], "15 reps") {
		t.Fatalf("built handout: %q %q", patient, items)
	}
	// each exercise shows its figure, loaded from disk
	var pictures int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`Promise.all(Array.from(document.querySelectorAll(".handout-item"), li => {
			const img = li.querySelector("img.fig-img");
			return img ? img.decode().then(() => img.naturalWidth > 0 ? 1 : 0, () => 0) : 0;
		})).then(r => r.reduce((a, b) => a + b, 0))`, &pictures, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })); err != nil {
		t.Fatal(err)
	}
	if pictures != len(items) {
		t.Errorf("%d of %d handout exercises show their figure", pictures, len(items))
	}
	var link string
	if err := chromedp.Run(ctx, chromedp.Reload(), chromedp.Location(&link)); err != nil {
		t.Fatal(err)
	}
	p2, items2 := handoutItems(ctx, t)
	if p2 != patient || strings.Join(items2, "\n") != strings.Join(items, "\n") {
		t.Errorf("after a reload:\n%q\nwant\n%q", items2, items)
	}
	// the link alone, in a browser that has never seen the handout
	fresh := browsertest.New(t)
	if err := chromedp.Run(fresh, chromedp.Navigate(link)); err != nil {
		t.Fatal(err)
	}
	p3, items3 := handoutItems(fresh, t)
	if p3 != patient || strings.Join(items3, "\n") != strings.Join(items, "\n") {
		t.Errorf("the link in a fresh browser shows:\n%q\nwant\n%q", items3, items)
	}
	for _, v := range browsertest.Axe(ctx, t) {
		t.Errorf("handout builder: %s", v)
	}
	for name, paper := range map[string][2]float64{"A4": browsertest.A4, "Letter": browsertest.Letter} {
		pdf, err := browsertest.PrintPDF(ctx, paper)
		if err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("HANDBOOK_PDF_DIR"); dir != "" {
			os.WriteFile(filepath.Join(dir, "handout-"+name+".pdf"), pdf, 0o644)
		}
		n := browsertest.Pages(pdf)
		if n > 2 {
			t.Errorf("a handout of six exercises prints on %d %s pages", n, name)
		}
		text, err := browsertest.PDFText(pdf)
		if err != nil {
			t.Fatalf("pdftotext (apt-get install poppler-utils): %v", err)
		}
		flat := strings.Join(strings.Fields(text), " ")
		want := []string{"Ada Lovelace", "15 reps"}
		for i := range picks {
			want = append(want, "Note "+itoa(i+1)+" for Ada")
		}
		for _, it := range items {
			want = append(want, strings.Split(it, " | ")[1]) // each dose line
		}
		for _, w := range want {
			if !strings.Contains(flat, w) {
				t.Errorf("the printed %s handout lacks %q", name, w)
			}
		}
		t.Logf("handout of six exercises: %d %s page(s)", n, name)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// clearInput empties a field as a person would, so its input event fires.
func clearInput(sel string) chromedp.Action {
	return chromedp.Evaluate(`(function () {
		var e = document.querySelector(`+strconv.Quote(sel)+`);
		e.value = "";
		e.dispatchEvent(new Event("input", {bubbles: true}));
	})()`, nil)
}

// A programme's "Open in the handout builder" loads it, every exercise with
// the programme's dose and note.
func TestBrowserProgramOpensInBuilder(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	g := loadShipped(t)
	for _, p := range g.Programs {
		var items []string
		err := chromedp.Run(ctx,
			chromedp.Navigate("file://"+filepath.ToSlash(out)+"/programs/"+p.ID+".html"),
			chromedp.Click(`a[href^="../handout.html#h="]`),
			chromedp.WaitVisible("#handout-list li"),
			chromedp.Evaluate(`Array.from(document.querySelectorAll(".handout-item"), li => li.querySelector("h2").textContent + " | " + li.querySelector("textarea").value)`, &items),
		)
		if err != nil {
			t.Fatalf("%s: %v", p.ID, err)
		}
		if len(items) != len(p.Items) {
			t.Errorf("%s: the builder shows %d exercises, the programme has %d", p.ID, len(items), len(p.Items))
			continue
		}
		for i, it := range p.Items {
			want := g.Exercise[it.Exercise.ID].Title + " | " + it.Note
			if items[i] != want {
				t.Errorf("%s item %d: %q, want %q", p.ID, i+1, items[i], want)
			}
		}
	}
}

// "Add to handout" on an exercise page adds it to the handout being built.
func TestBrowserAddToHandout(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	base := "file://" + filepath.ToSlash(out) + "/exercises/"
	var items []string
	err := chromedp.Run(ctx,
		chromedp.Navigate(base+"plank.html"),
		chromedp.Click(".add-to-handout a"),
		chromedp.WaitVisible("#handout-list li"),
		chromedp.Navigate(base+"clamshell.html"),
		chromedp.Click(".add-to-handout a"),
		chromedp.WaitVisible("#handout-list li:nth-child(2)"),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".handout-item h2"), h => h.textContent)`, &items),
	)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(items, ",") != "Plank,Clamshell" {
		t.Errorf("after adding plank then clamshell the handout holds %v", items)
	}
}

// With a base URL the printed handout carries a QR code of its own link;
// without one it has none.
func TestBrowserHandoutQR(t *testing.T) {
	ctx := browsertest.New(t)
	for _, base := range []string{"", "https://example.org/back/"} {
		out := filepath.Join(t.TempDir(), "public")
		cfg := config(filepath.Join("..", "..", "content"), out)
		cfg.BaseURL = base
		if _, err := Build(cfg); err != nil {
			t.Fatal(err)
		}
		var label string
		var codes int
		err := chromedp.Run(ctx,
			chromedp.Navigate("file://"+filepath.ToSlash(out)+"/handout.html#add=plank"),
			chromedp.WaitVisible("#handout-list li"),
			chromedp.Evaluate(`document.querySelectorAll("#handout-qr svg.qr").length`, &codes),
			chromedp.Evaluate(`(document.querySelector("#handout-qr svg") || {getAttribute: () => ""}).getAttribute("aria-label")`, &label),
		)
		if err != nil {
			t.Fatal(err)
		}
		if want := map[bool]int{true: 1, false: 0}[base != ""]; codes != want {
			t.Errorf("base URL %q: %d QR codes on the handout, want %d", base, codes, want)
		}
	}
}

// Links and stored state are read as data, never trusted: exercise ids
// that name properties of every JavaScript object, and a broken handout in
// storage, leave the builder working; the broken state is cleared with a
// notice instead of breaking every later visit.
func TestBrowserHandoutHostileState(t *testing.T) {
	// a builder broken by its state never shows its list: fail in a
	// minute rather than wait for the browser's safety net
	ctx, cancel := context.WithTimeout(browsertest.New(t), time.Minute)
	defer cancel()
	out := buildShipped(t)
	page := "file://" + filepath.ToSlash(out) + "/handout.html"
	count := func() int {
		var n int
		if err := chromedp.Run(ctx, chromedp.WaitVisible("#picker-list button"),
			chromedp.Evaluate(`document.querySelectorAll("#picker-list button").length`, &n)); err != nil {
			t.Fatal(err)
		}
		return n
	}
	if err := chromedp.Run(ctx, chromedp.Navigate(page)); err != nil {
		t.Fatal(err)
	}
	all := count()
	for _, id := range []string{"constructor", "__proto__", "valueOf", "toString", "hasOwnProperty"} {
		var items int
		var stored string
		err := chromedp.Run(ctx,
			chromedp.Navigate("about:blank"),
			chromedp.Navigate(page+"#add="+id),
			chromedp.WaitVisible("#picker-list button"),
			chromedp.Evaluate(`document.querySelectorAll(".handout-item").length`, &items),
			chromedp.Evaluate(`localStorage.getItem("handbook-handout") || ""`, &stored),
		)
		if err != nil {
			t.Fatalf("#add=%s: %v", id, err)
		}
		if items != 0 || count() != all {
			t.Errorf("#add=%s: %d items, %d of %d exercises offered", id, items, count(), all)
		}
		if strings.Contains(stored, id) {
			t.Errorf("#add=%s was saved: %s", id, stored)
		}
	}
	for _, bad := range []string{`{"v":1,"x":[["constructor"]]}`, `not json`, `{"x":{"length":1e9}}`, `null`, `[]`} {
		var notice, stored string
		err := chromedp.Run(ctx,
			chromedp.Evaluate(`localStorage.setItem("handbook-handout", `+strconv.Quote(bad)+`)`, nil),
			chromedp.Navigate("about:blank"),
			chromedp.Navigate(page),
			chromedp.WaitVisible("#picker-list button"),
			chromedp.Evaluate(`(document.querySelector(".handout-notice") || {}).textContent || ""`, &notice),
			chromedp.Evaluate(`localStorage.getItem("handbook-handout") || ""`, &stored),
		)
		if err != nil {
			t.Fatalf("stored %s: %v", bad, err)
		}
		if count() != all {
			t.Errorf("stored %s: the builder offers %d of %d exercises", bad, count(), all)
		}
		readable := strings.HasPrefix(bad, `{"v"`) // a handout, with an id that is no exercise
		if strings.Contains(stored, "constructor") || (!readable && stored == bad) {
			t.Errorf("stored %s: still stored as %q", bad, stored)
		}
		if !readable && !strings.Contains(notice, "could not be read, so it was cleared") {
			t.Errorf("stored %s: no notice (%q)", bad, notice)
		}
	}
}

// The picker finds exercises with the handbook's search engine: the exact
// name first, then lay words and typos, over file:// and over HTTP.
func TestBrowserPickerRanks(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	for _, base := range []string{"file://" + filepath.ToSlash(out) + "/", srv.URL + "/"} {
		for _, c := range []struct{ q, first string }{
			{"knee to chest", "Knee to chest"},
			{"bird dog", "Bird dog"},
			{"plank", "Plank"},
			{"cobra", "Prone press-up"},
			{"hamstrig stretch", "Hamstring stretch"},
		} {
			var first string
			err := chromedp.Run(ctx,
				chromedp.Navigate(base+"handout.html"),
				chromedp.WaitVisible("#picker-list button"),
				chromedp.Click("#picker-search"),
				chromedp.Poll(`!!window.HandbookSearch && HandbookSearch.ready()`, nil, chromedp.WithPollingTimeout(10*time.Second)),
				chromedp.SendKeys("#picker-search", c.q),
				chromedp.Poll(`document.querySelector("#picker-list li:first-child span").textContent.trim() === `+strconv.Quote(c.first),
					nil, chromedp.WithPollingTimeout(5*time.Second)),
				chromedp.Text("#picker-list li:first-child span", &first),
			)
			if err != nil {
				var got []string
				_ = chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll("#picker-list li span:not(.label)"), s => s.textContent.trim()).slice(0, 5)`, &got))
				t.Errorf("%s: %q: want %q first, got %v (%v)", base, c.q, c.first, got, err)
			}
		}
	}
}
