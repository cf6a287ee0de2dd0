package site

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
)

// handoutItems reads the builder's handout: each exercise's title, dose
// box and note, and the patient's name.
func handoutItems(ctx context.Context, t *testing.T) (patient string, items []string) {
	t.Helper()
	err := chromedp.Run(ctx,
		chromedp.WaitVisible("#handout"),
		chromedp.Value("#handout-patient", &patient),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".handout-item"), li =>
			li.querySelector("h2").textContent + " | " + li.querySelector(".dose-box").textContent + " | " + li.querySelector("textarea").value)`, &items),
	)
	if err != nil {
		t.Fatal(err)
	}
	return patient, items
}

// withoutNotes is items with their notes cut off: what a link carries.
func withoutNotes(items []string) string {
	var out []string
	for _, it := range items {
		out = append(out, it[:strings.LastIndex(it, " | ")])
	}
	return strings.Join(out, "\n")
}

// printedFigures measures, laid out for print on paper of the given width
// in millimetres (margins taken off), the height of each exercise's
// figures as drawn: the smaller of its box and its picture scaled into it.
func printedFigures(ctx context.Context, t *testing.T, widthMM float64) []float64 {
	t.Helper()
	var mm []float64
	px := int(widthMM / 25.4 * 96)
	err := chromedp.Run(ctx,
		chromedp.EmulateViewport(int64(px), 1000),
		emulation.SetEmulatedMedia().WithMedia("print"),
		chromedp.Evaluate(`Promise.all(Array.from(document.querySelectorAll(".handout-item img.fig-img"), img => img.decode().then(() => img))).then(imgs => {
			// the class that places a wide picture comes with its load
			return new Promise(r => setTimeout(() => r(imgs.map(img => {
				const b = img.getBoundingClientRect();
				return Math.min(b.height, b.width * img.naturalHeight / img.naturalWidth) * 25.4 / 96;
			})), 50));
		})`, &mm, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) }),
		emulation.SetEmulatedMedia().WithMedia(""),
	)
	if err != nil {
		t.Fatal(err)
	}
	return mm
}

// printChecks prints the handout open in ctx on A4 and Letter and checks
// the page budget (six exercises on two sheets, three more on each more),
// that every figure is at least 35 mm tall, that the text holds want, and
// that the QR code on the first sheet reads as a link which, opened in a
// fresh browser, shows the same exercises and doses. It returns that link.
func printChecks(ctx context.Context, t *testing.T, what, out string, want []string) string {
	t.Helper()
	var items []string
	_, items = handoutItems(ctx, t)
	budget := max(2, (len(items)+2)/3)
	var link string
	for name, paper := range map[string][2]float64{"A4": browsertest.A4, "Letter": browsertest.Letter} {
		for i, h := range printedFigures(ctx, t, paper[0]*25.4-20) {
			if h < 35 {
				t.Errorf("%s on %s: the figure of exercise %d prints %.1f mm tall, want at least 35", what, name, i+1, h)
			}
		}
		pdf, err := browsertest.PrintPDF(ctx, paper)
		if err != nil {
			t.Fatal(err)
		}
		if dir := os.Getenv("HANDBOOK_PDF_DIR"); dir != "" {
			os.WriteFile(filepath.Join(dir, what+"-"+name+".pdf"), pdf, 0o644)
		}
		if n := browsertest.Pages(pdf); n > budget {
			t.Errorf("%s: %d exercises print on %d %s pages, want at most %d", what, len(items), n, name, budget)
		}
		lacks, err := browsertest.PDFLacks(pdf, want)
		if err != nil {
			t.Fatalf("pdftotext (apt-get install poppler-utils): %v", err)
		}
		for _, w := range lacks {
			t.Errorf("%s: the printed %s handout lacks %q", what, name, w)
		}
		if _, err := exec.LookPath("zbarimg"); err != nil {
			browsertest.NotRun(t, "reading the handout's QR code", "apt-get install zbar-tools")
			continue
		}
		pngs, err := browsertest.PDFPictures(pdf, 300, t.TempDir())
		if err != nil || len(pngs) == 0 {
			t.Fatalf("drawing the PDF (apt-get install poppler-utils): %v", err)
		}
		codes, err := browsertest.ReadQR(pngs[0])
		if err != nil {
			t.Fatal(err)
		}
		if len(codes) != 1 {
			t.Errorf("%s on %s: %d QR codes read on the first sheet, want 1", what, name, len(codes))
			continue
		}
		link = codes[0]
	}
	if link == "" {
		return ""
	}
	const base = "https://example.org/back/"
	if !strings.HasPrefix(link, base+"handout.html#p=") {
		t.Fatalf("%s: the QR code reads %q, want a link to the handout on %s", what, link, base)
	}
	fresh := browsertest.New(t)
	if err := chromedp.Run(fresh, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/"+strings.TrimPrefix(link, base))); err != nil {
		t.Fatal(err)
	}
	_, again := handoutItems(fresh, t)
	if withoutNotes(again) != withoutNotes(items) {
		t.Errorf("%s: the QR code's link opens\n%s\nwant\n%s", what, withoutNotes(again), withoutNotes(items))
	}
	return link
}

// A clinician builds a handout of six exercises by clicking, over file://,
// with a dose of their own; the steps say that dose and none is dropped;
// the link and the QR code hold the programme but never the patient's name
// or the notes; a reload keeps the programme and the notes, and the name
// only when asked; the sheet prints within budget with big figures.
func TestBrowserHandout(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShippedOnline(t) // so the printed handout has its QR code
	page := "file://" + filepath.ToSlash(out) + "/handout.html"
	picks := []string{"glute bridge", "bird dog", "plank", "cat", "walking", "knee to chest"}
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
	// the clinician's own dose for the bridge
	actions = append(actions,
		clearInput(`.handout-item:nth-child(1) input[name=reps]`),
		chromedp.SendKeys(`.handout-item:nth-child(1) input[name=reps]`, "15"),
		clearInput(`.handout-item:nth-child(1) input[name=hold]`),
		chromedp.SendKeys(`.handout-item:nth-child(1) input[name=hold]`, "7"),
	)
	if err := chromedp.Run(ctx, actions...); err != nil {
		t.Fatal(err)
	}
	patient, items := handoutItems(ctx, t)
	if patient != "Ada Lovelace" || len(items) != 6 || !strings.HasPrefix(items[0], "Glute bridge") || !strings.Contains(items[0], "15 reps") || !strings.Contains(items[0], "hold 7 s") {
		t.Fatalf("built handout: %q %q", patient, items)
	}
	// the steps say the dose, and every step is there
	var steps []string
	if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll(".handout-item:first-child .key-steps li"), li => li.textContent)`, &steps)); err != nil {
		t.Fatal(err)
	}
	bridge, err := os.ReadFile(filepath.Join("..", "..", "content", "exercises", "glute-bridge.md"))
	if err != nil || !strings.Contains(string(bridge), "## Steps") {
		t.Fatalf("the glute bridge's steps are not where the test expects them: %v", err)
	}
	wantSteps := 0
	for _, l := range strings.Split(string(bridge[strings.Index(string(bridge), "## Steps"):]), "\n") {
		if len(l) > 2 && l[0] >= '1' && l[0] <= '9' && strings.Contains(l[:3], ". ") {
			wantSteps++
		}
		if strings.HasPrefix(l, "## ") && !strings.HasPrefix(l, "## Steps") {
			break
		}
	}
	joined := strings.Join(steps, " ")
	if len(steps) != wantSteps || !strings.Contains(joined, "Hold for about 7 seconds") || strings.Contains(joined, "{") {
		t.Errorf("the bridge's steps in the handout (%d, want %d): %q", len(steps), wantSteps, steps)
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
	// the link: the programme, never the patient or the notes
	var link, shown string
	if err := chromedp.Run(ctx, chromedp.Location(&link), chromedp.AttributeValue("#handout-link", "href", &shown, nil)); err != nil {
		t.Fatal(err)
	}
	for _, l := range []string{link, shown} {
		for _, secret := range []string{"Ada", "Lovelace", "Note", "QWRh"} { // QWRh: "Ada" in base64
			if strings.Contains(l, secret) {
				t.Errorf("the handout's link %q holds %q", l, secret)
			}
		}
	}
	// a reload keeps the programme and the notes, not the name
	if err := chromedp.Run(ctx, browsertest.Reload("#handout")); err != nil {
		t.Fatal(err)
	}
	p2, items2 := handoutItems(ctx, t)
	if p2 != "" || strings.Join(items2, "\n") != strings.Join(items, "\n") {
		t.Errorf("after a reload: %q\n%q\nwant no name and\n%q", p2, items2, items)
	}
	// asked to, the browser keeps the name; "Clear patient" forgets it
	var kept, cleared string
	if err := chromedp.Run(ctx,
		chromedp.SendKeys("#handout-patient", "Ada Lovelace"),
		chromedp.Click("#handout-remember"),
		browsertest.Reload("#handout"),
		chromedp.Value("#handout-patient", &kept),
		chromedp.Click("#handout-clear-patient"),
		chromedp.Evaluate(`localStorage.getItem("handbook-handout-patient") || ""`, &cleared),
	); err != nil {
		t.Fatal(err)
	}
	if kept != "Ada Lovelace" || strings.Contains(cleared, "Ada") {
		t.Errorf("remembered name %q; after Clear patient the browser holds %q", kept, cleared)
	}
	if err := chromedp.Run(ctx, chromedp.SendKeys("#handout-patient", "Ada Lovelace")); err != nil {
		t.Fatal(err)
	}
	// the link alone, in a browser that has never seen the handout: the
	// same exercises and doses, no name, no notes
	fresh := browsertest.New(t)
	if err := chromedp.Run(fresh, chromedp.Navigate(link)); err != nil {
		t.Fatal(err)
	}
	p3, items3 := handoutItems(fresh, t)
	if p3 != "" || withoutNotes(items3) != withoutNotes(items) || strings.Contains(strings.Join(items3, ""), "Note") {
		t.Errorf("the link in a fresh browser shows %q:\n%q\nwant the programme of\n%q", p3, items3, items)
	}
	for _, v := range browsertest.Axe(ctx, t) {
		t.Errorf("handout builder: %s", v)
	}
	want := []string{"Ada Lovelace", "15 reps", "Hold for about 7 seconds"}
	for i := range picks {
		want = append(want, "Note "+itoa(i+1)+" for Ada")
	}
	for _, it := range items {
		want = append(want, strings.Split(it, " | ")[1]) // each dose
	}
	qr := printChecks(ctx, t, "handout", out, want)
	for _, secret := range []string{"Ada", "Lovelace", "Note"} {
		if strings.Contains(qr, secret) {
			t.Errorf("the QR code %q holds %q", qr, secret)
		}
	}
}

// Twelve exercises, each with a dose of its own, still fit a QR code, and
// print on four sheets at most.
func TestBrowserHandoutTwelve(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShippedOnline(t)
	g := loadShipped(t)
	var parts []string
	for i, e := range g.Exercises {
		if i == 12 {
			break
		}
		// sets, reps, hold, rest, duration, how often: all the clinician's
		parts = append(parts, e.ID+".3.12%2E5.10.45.4.twice%20a%20day%20after%20work.1")
	}
	if err := chromedp.Run(ctx, chromedp.Navigate("file://"+filepath.ToSlash(out)+"/handout.html#p=2~"+strings.Join(parts, "~")),
		chromedp.WaitVisible(".handout-item:nth-child(12)")); err != nil {
		t.Fatal(err)
	}
	_, items := handoutItems(ctx, t)
	if len(items) != 12 || !strings.Contains(items[0], "12.5 reps") || !strings.Contains(items[0], "twice a day after work") {
		t.Fatalf("twelve exercises from the link: %q", items)
	}
	var tooLong int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll("#handout-qr .qr-too-long").length`, &tooLong)); err != nil {
		t.Fatal(err)
	}
	if tooLong != 0 {
		t.Error("twelve exercises with doses of their own are too many for the QR code")
	}
	printChecks(ctx, t, "twelve", out, []string{"12.5 reps", "twice a day after work"})
}

// Every ready-made programme opens from its page in the builder, every
// exercise with the programme's dose and note, and prints within budget
// with big figures and a QR code that reopens it.
func TestBrowserProgramOpensInBuilder(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShippedOnline(t)
	g := loadShipped(t)
	for _, p := range g.Programs {
		var items []string
		err := chromedp.Run(ctx,
			chromedp.Navigate("about:blank"),
			chromedp.Navigate("file://"+filepath.ToSlash(out)+"/programs/"+p.ID+".html"),
			chromedp.Click(`a[href^="../handout.html#program="]`),
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
		printChecks(ctx, t, p.ID, out, []string{g.Exercise[p.Items[0].Exercise.ID].Title})
	}
}

// Templates: saved ones survive a reload, go to a file and come back from
// it; a file that is not an export changes nothing; the ready-made
// programmes open as templates. In shared-computer mode the builder keeps
// nothing in the browser's storage.
func TestBrowserHandoutTemplates(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	page := "file://" + filepath.ToSlash(out) + "/handout.html"
	downloads := t.TempDir()
	var names []string
	templates := func() []string {
		t.Helper()
		if err := chromedp.Run(ctx, chromedp.Evaluate(`Array.from(document.querySelectorAll("#template-list .template-name"), s => s.textContent)`, &names)); err != nil {
			t.Fatal(err)
		}
		return names
	}
	err := chromedp.Run(ctx,
		browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(downloads).WithEventsEnabled(true),
		chromedp.Navigate(page+"#p=2~plank~clamshell.3"),
		chromedp.WaitVisible(".handout-item:nth-child(2)"),
		chromedp.SendKeys(".handout-item:nth-child(1) textarea", "Keep your hips level"),
		chromedp.SendKeys("#template-name", "Core, week one"),
		chromedp.Click("#template-save"),
		browsertest.Reload("#template-list"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := templates(); strings.Join(got, ",") != "Core, week one" {
		t.Fatalf("after saving and a reload the templates are %q", got)
	}
	// export, forget, import
	if err := chromedp.Run(ctx, chromedp.Click("#template-export")); err != nil {
		t.Fatal(err)
	}
	file := filepath.Join(downloads, "handout-templates.json")
	for i := 0; i < 50; i++ {
		if _, err := os.Stat(file); err == nil {
			break
		}
		time.Sleep(100 * time.Millisecond)
	}
	exported, err := os.ReadFile(file)
	if err != nil {
		t.Fatalf("the export was not downloaded: %v", err)
	}
	bogus := filepath.Join(t.TempDir(), "bogus.json")
	os.WriteFile(bogus, []byte(`{"t": "not templates"}`), 0o644)
	var notice string
	err = chromedp.Run(ctx,
		chromedp.Evaluate(`localStorage.removeItem("handbook-handout-templates")`, nil),
		browsertest.Reload("#template-list"),
		chromedp.SetUploadFiles("#template-import", []string{bogus}),
		chromedp.Sleep(300*time.Millisecond),
		chromedp.Evaluate(`(document.querySelector(".handout-notice") || {}).textContent || ""`, &notice),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := templates(); len(got) != 0 || !strings.Contains(notice, "not an export") {
		t.Errorf("a file that is no export: templates %q, notice %q", got, notice)
	}
	var opened []string
	err = chromedp.Run(ctx,
		chromedp.SetUploadFiles("#template-import", []string{file}),
		chromedp.Poll(`document.querySelectorAll("#template-list .template-name").length > 0`, nil, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Evaluate(`window.confirm = () => true`, nil), // "start a new handout?"
		chromedp.Click(".handout-actions #handout-clear"),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := templates(); strings.Join(got, ",") != "Core, week one" {
		t.Errorf("after import the templates are %q (file: %s)", got, exported)
	}
	// opening it gives the exercises, the dose and the note back
	err = chromedp.Run(ctx,
		chromedp.Click(`#template-list button[aria-label="Open template Core, week one"]`),
		chromedp.WaitVisible(".handout-item:nth-child(2)"),
		chromedp.Evaluate(`Array.from(document.querySelectorAll(".handout-item"), li => li.querySelector("h2").textContent + " | " + li.querySelector(".dose-box").textContent + " | " + li.querySelector("textarea").value)`, &opened),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(opened) != 2 || !strings.HasSuffix(opened[0], "| Keep your hips level") || !strings.Contains(opened[1], "3 sets") {
		t.Errorf("the imported template opens as %q", opened)
	}
	// a ready-made programme is a template too
	var programs int
	if err := chromedp.Run(ctx, chromedp.Evaluate(`document.querySelectorAll("#program-list button").length`, &programs)); err != nil {
		t.Fatal(err)
	}
	if want := len(loadShipped(t).Programs); programs != want {
		t.Errorf("%d ready-made programmes offered, want %d", programs, want)
	}

	// shared-computer mode, in a browser of its own
	shared := browsertest.New(t)
	var keys []string
	err = chromedp.Run(shared,
		chromedp.Navigate(page+"#p=2~plank"),
		chromedp.WaitVisible(".handout-item"),
		chromedp.Click("#handout-shared"),
		chromedp.SendKeys("#handout-patient", "Ada Lovelace"),
		chromedp.SendKeys(".handout-item textarea", "a note"),
		clearInput("#picker-search"),
		chromedp.SendKeys("#picker-search", "clamshell"),
		chromedp.Click("#picker-list li:first-child button"),
		browsertest.Reload(".handout-item"),
		chromedp.Evaluate(`Object.keys(localStorage)`, &keys),
	)
	if err != nil {
		t.Fatal(err)
	}
	if len(keys) != 0 {
		t.Errorf("shared-computer mode left %q in the browser's storage", keys)
	}
}

func itoa(i int) string { return strconv.Itoa(i) }

// buildShippedOnline builds the shipped handbook for https://example.org/back/.
func buildShippedOnline(t *testing.T) string {
	t.Helper()
	out := filepath.Join(t.TempDir(), "public")
	cfg := config(filepath.Join("..", "..", "content"), out)
	cfg.BaseURL = "https://example.org/back/"
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	return out
}

// clearInput empties a field as a person would, so its input event fires.
func clearInput(sel string) chromedp.Action {
	return chromedp.Evaluate(`(function () {
		var e = document.querySelector(`+strconv.Quote(sel)+`);
		e.value = "";
		e.dispatchEvent(new Event("input", {bubbles: true}));
	})()`, nil)
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
	// links cut short or made up: the builder says so and works
	for _, h := range []string{"#program=%E0%A4%A", "#program=__proto__", "#p=2~%E0%A4%A", "#p=9~plank", "#p=2~constructor.1.2", "#h=%%%"} {
		var items int
		if err := chromedp.Run(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(page+h),
			chromedp.Evaluate(`document.querySelectorAll(".handout-item").length`, &items)); err != nil {
			t.Fatalf("%s: %v", h, err)
		}
		if items != 0 || count() != all {
			t.Errorf("%s: %d items, %d of %d exercises offered", h, items, count(), all)
		}
	}
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
				// the list may still be empty when polling starts (a typo
				// takes the engine longer): that is "not yet", not a failure
				chromedp.Poll(`(function () { var s = document.querySelector("#picker-list li:first-child span");
					return !!s && s.textContent.trim() === `+strconv.Quote(c.first)+`; })()`,
					nil, chromedp.WithPollingTimeout(10*time.Second)),
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

// handoutData is what an edition's handout/exercises.js holds: its
// exercises and the printed sheet's words, in its language.
type handoutData struct {
	Lang      string            `json:"lang"`
	Words     map[string]string `json:"words"`
	Exercises []struct {
		ID     string   `json:"i"`
		Title  string   `json:"t"`
		Dose   []string `json:"d"`
		Steps  []string `json:"p"`
		StopIf []string `json:"x"`
	} `json:"exercises"`
}

var handoutDataFile = regexp.MustCompile(`^\(window\.HB_HANDOUT = window\.HB_HANDOUT \|\| \{\}\)\[("[^"]*")\] = (.*);\nif \(window\.HandbookHandout\) HandbookHandout\.loaded\(("[^"]*")\);\n$`)

// readHandoutData reads the handout data of the edition in folder of out.
func readHandoutData(t *testing.T, out, folder string) handoutData {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(out, folder, "handout", "exercises.js"))
	if err != nil {
		t.Fatal(err)
	}
	m := handoutDataFile.FindSubmatch(b)
	if m == nil {
		t.Fatalf("%s/handout/exercises.js is not in the form the builder reads: %.200s", folder, b)
	}
	var d handoutData
	if err := json.Unmarshal(m[2], &d); err != nil {
		t.Fatal(err)
	}
	if tag := strconv.Quote(d.Lang); string(m[1]) != tag || string(m[3]) != tag {
		t.Fatalf("%s/handout/exercises.js keeps its data under %s and says %s is loaded, want %s", folder, m[1], m[3], tag)
	}
	return d
}

// words is the first n words of s.
func words(s string, n int) string {
	f := strings.Fields(s)
	return strings.Join(f[:min(n, len(f))], " ")
}

// A handout prints in the language chosen for it, whatever the builder's:
// a Spanish one from the English builder and an English one from the
// Spanish builder, from disk and over HTTP. The sheet carries its lang;
// its titles, steps, stop signs, doses and its own words (the stop rule,
// the disclaimer) print in its language, and none of the page's; the
// choice is in the link and survives a reload and a visit without it.
func TestBrowserHandoutLanguage(t *testing.T) {
	out := buildShippedOnline(t)
	en, es := readHandoutData(t, out, ""), readHandoutData(t, out, "es")
	if en.Lang == es.Lang {
		t.Fatalf("both editions' handout data are in %q", en.Lang)
	}
	// two exercises whose title, first step and stop sign are translated,
	// the steps without a dose to fill in
	var picks []string
	var want = map[string][]string{en.Lang: nil, es.Lang: nil}
	esByID := map[string]int{}
	for i, e := range es.Exercises {
		esByID[e.ID] = i
	}
	for _, e := range en.Exercises {
		i, ok := esByID[e.ID]
		if !ok || len(picks) == 2 {
			continue
		}
		s := es.Exercises[i]
		if s.Title == e.Title || len(s.Steps) == 0 || len(s.StopIf) == 0 || s.Steps[0] == e.Steps[0] || s.StopIf[0] == e.StopIf[0] ||
			strings.Contains(s.Steps[0], "{") || strings.Contains(e.Steps[0], "{") {
			continue
		}
		picks = append(picks, e.ID)
		want[en.Lang] = append(want[en.Lang], e.Title, words(e.Steps[0], 4), words(e.StopIf[0], 4))
		want[es.Lang] = append(want[es.Lang], s.Title, words(s.Steps[0], 4), words(s.StopIf[0], 4))
	}
	if len(picks) < 2 {
		t.Fatalf("fewer than two exercises are translated: %q", picks)
	}
	// the sheet's own words in each language, and the page's chrome that
	// must not print with a sheet in the other
	sheet := func(d handoutData) []string {
		w := []string{d.Words["title"], d.Words["stop-title"], d.Words["stop-if"],
			strings.ReplaceAll(d.Words["for"], "%s", "Ada Lovelace"), words(d.Words["advice"], 6),
			d.Words["disclaimer"], words(d.Words["disclaimer-text"], 6)}
		if d.Words["flags"] != "" {
			w = append(w, d.Words["emergency"], words(d.Words["flags"], 4))
		}
		return w
	}
	chrome := map[string][]string{
		en.Lang: {"Your exercise programme", "When to stop and get help", "Stop if:", "For: Ada", "Medical disclaimer", " reps", " sets", "Call emergency services"},
		es.Lang: {"Su programa de ejercicios", "Cuándo parar y pedir ayuda", "Pare si:", "Para: Ada", "Aviso médico", "repeticiones", " series", "Llame de inmediato"},
	}
	for _, d := range []handoutData{en, es} {
		var all []string
		for _, w := range d.Words {
			all = append(all, " "+w)
		}
		for _, w := range chrome[d.Lang] {
			if !strings.Contains(strings.ReplaceAll(strings.Join(all, "|"), "%s", "Ada"), w) {
				t.Fatalf("%s: the sheet's words have no %q: the test's list of chrome words is out of date", d.Lang, w)
			}
		}
	}
	// each exercise's own dose, in words, in each language
	for _, d := range []handoutData{en, es} {
		for _, id := range picks {
			for _, e := range d.Exercises {
				if e.ID == id {
					want[d.Lang] = append(want[d.Lang], doseWords(d, e.Dose))
				}
			}
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	hash := "#p=2~" + strings.Join(picks, "~")
	for _, base := range []string{"file://" + filepath.ToSlash(out) + "/", srv.URL + "/"} {
		for _, c := range []struct {
			folder     string
			page, want handoutData
		}{{"", en, es}, {"es/", es, en}} {
			what := base + c.folder + " in " + c.want.Lang
			ctx := browsertest.New(t)
			var mu sync.Mutex
			var problems []string
			chromedp.ListenTarget(ctx, func(ev any) {
				if msg, ok := browsertest.PageError(ev); ok {
					mu.Lock()
					problems = append(problems, msg)
					mu.Unlock()
				}
			})
			page := base + c.folder + "handout.html"
			var pageLang, chosen string
			err := chromedp.Run(ctx,
				runtime.Enable(),
				chromedp.Navigate(page+hash),
				chromedp.WaitVisible(".handout-item:nth-child(2)"),
				chromedp.AttributeValue("#handout-sheet", "lang", &pageLang, nil),
				chromedp.Value("#handout-lang", &chosen),
				chromedp.SendKeys("#handout-patient", "Ada Lovelace"),
			)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			if pageLang != c.page.Lang || chosen != c.page.Lang {
				t.Errorf("%s: a handout without a language prints in %q, chosen %q; want the page's, %q", what, pageLang, chosen, c.page.Lang)
			}
			// choose the other language, as a person would
			printedIn := func() {
				t.Helper()
				err := chromedp.Run(ctx, chromedp.Poll(`document.getElementById("handout-sheet").lang === `+strconv.Quote(c.want.Lang)+
					` && document.querySelector(".handout-item h2").textContent === `+strconv.Quote(want[c.want.Lang][0]),
					nil, chromedp.WithPollingTimeout(10*time.Second)))
				if err != nil {
					var lang, title string
					var state []string
					_ = chromedp.Run(ctx, chromedp.AttributeValue("#handout-sheet", "lang", &lang, nil), chromedp.Text(".handout-item h2", &title),
						chromedp.Evaluate(`[document.getElementById("handout-lang").value, (document.querySelector(".handout-notice") || {}).textContent || "",
							Object.keys(window.HB_HANDOUT || {}).join(" ")]`, &state))
					t.Fatalf("%s: the sheet is in %q, its first exercise %q; want %q, %q (%v); chosen, notice, data: %q", what, lang, title, c.want.Lang, want[c.want.Lang][0], err, state)
				}
			}
			err = chromedp.Run(ctx,
				chromedp.Focus("#handout-lang"),
				chromedp.SetValue("#handout-lang", c.want.Lang),
				chromedp.Evaluate(`document.getElementById("handout-lang").dispatchEvent(new Event("change", {bubbles: true}))`, nil),
			)
			if err != nil {
				t.Fatalf("%s: %v", what, err)
			}
			printedIn()
			// the choice is in the link and the QR code's link
			var location, link string
			if err := chromedp.Run(ctx, chromedp.Location(&location), chromedp.AttributeValue("#handout-link", "href", &link, nil)); err != nil {
				t.Fatal(err)
			}
			for _, l := range []string{location, link} {
				if !strings.Contains(l, "&lang="+url.QueryEscape(c.want.Lang)) {
					t.Errorf("%s: the handout's link %q does not say its language", what, l)
				}
			}
			pdf, err := browsertest.PrintPDF(ctx, browsertest.A4)
			if err != nil {
				t.Fatal(err)
			}
			if dir := os.Getenv("HANDBOOK_PDF_DIR"); dir != "" {
				os.WriteFile(filepath.Join(dir, "handout-"+c.want.Lang+"-from-"+c.page.Lang+".pdf"), pdf, 0o644)
			}
			lacks, err := browsertest.PDFLacks(pdf, append(append([]string{}, want[c.want.Lang]...), sheet(c.want)...))
			if err != nil {
				t.Fatalf("pdftotext (apt-get install poppler-utils): %v", err)
			}
			for _, w := range lacks {
				t.Errorf("%s: the printed handout lacks %q", what, w)
			}
			text, err := browsertest.PDFText(pdf)
			if err != nil {
				t.Fatal(err)
			}
			flat := strings.Join(strings.Fields(text), " ")
			for _, w := range append(append([]string{}, want[c.page.Lang]...), chrome[c.page.Lang]...) {
				if strings.Contains(flat, w) {
					t.Errorf("%s: the printed handout holds %q, in the page's language", what, w)
				}
			}
			// a reload, and a visit without the link, keep the language
			if err := chromedp.Run(ctx, browsertest.Reload(".handout-item")); err != nil {
				t.Fatal(err)
			}
			printedIn()
			if err := chromedp.Run(ctx, chromedp.Navigate("about:blank"), chromedp.Navigate(page), chromedp.WaitVisible(".handout-item")); err != nil {
				t.Fatal(err)
			}
			printedIn()
			mu.Lock()
			for _, p := range problems {
				t.Errorf("%s: %s", what, p)
			}
			mu.Unlock()
		}
	}
}

// doseWords is a dose as the printed sheet words it, in d's language (as
// assets/handout.js doseText): sets, reps, hold, rest, minutes, how often,
// each side.
func doseWords(d handoutData, dose []string) string {
	say := func(key string, args ...string) string {
		w := d.Words[key]
		for _, a := range args {
			w = strings.Replace(w, "%s", a, 1)
		}
		return w
	}
	side := ""
	if dose[6] == "1" {
		side = " " + say("each-side")
	}
	var parts []string
	if dose[0] != "" {
		form := "sets.other"
		if dose[0] == "1" {
			form = "sets.one"
		}
		parts = append(parts, say(form, dose[0]))
	}
	if dose[1] != "" {
		parts = append(parts, say("reps", dose[1])+side)
	}
	if dose[2] != "" {
		h := say("hold", dose[2])
		if dose[1] == "" {
			h += side
		}
		parts = append(parts, h)
	}
	if dose[4] != "" {
		parts = append(parts, say("minutes", dose[4]))
	}
	if dose[3] != "" {
		parts = append(parts, say("rest", dose[3]))
	}
	if dose[5] != "" {
		parts = append(parts, dose[5])
	}
	return strings.Join(parts, " · ")
}
