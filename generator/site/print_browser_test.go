package site

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
	"handbook/generator/convert"
)

// Every shipped exercise prints on exactly one page, in A4 and in Letter,
// with its QR code (built with a base URL, so the codes are there), set
// only in the typeface the site ships, so the count holds on any machine.
func TestBrowserExercisePrintsOnOnePage(t *testing.T) {
	ctx := browsertest.New(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := config(filepath.Join("..", "..", "content"), out)
	cfg.BaseURL = "https://example.org/back-care-handbook/"
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	g := loadShipped(t)
	base := "file://" + filepath.ToSlash(out) + "/"
	worst := 0
	for _, e := range g.Exercises {
		var qrs, figures int
		if err := chromedp.Run(ctx, chromedp.Navigate(base+"exercises/"+e.ID+".html"),
			chromedp.Evaluate(`document.querySelectorAll(".qr-box svg.qr path").length`, &qrs),
			chromedp.Evaluate(`document.querySelectorAll(".ex-figure svg.figure").length`, &figures)); err != nil {
			t.Fatal(err)
		}
		if qrs != 1 || figures != 1 {
			t.Errorf("%s has %d QR codes and %d figures, want 1 of each", e.ID, qrs, figures)
		}
		for name, paper := range map[string][2]float64{"A4": browsertest.A4, "Letter": browsertest.Letter} {
			pdf, err := browsertest.PrintPDF(ctx, paper)
			if err != nil {
				t.Fatal(err)
			}
			if f := browsertest.PDFFonts(pdf); len(f) == 0 || len(browsertest.ForeignFonts(pdf)) > 0 {
				t.Errorf("%s prints in %v, want only the shipped %s* faces", e.ID, f, browsertest.PrintFont)
			}
			n := browsertest.Pages(pdf)
			worst = max(worst, n)
			if n != 1 {
				t.Errorf("%s prints on %d %s pages", e.ID, n, name)
			}
		}
	}
	t.Logf("%d exercises printed in A4 and Letter; most pages: %d", len(g.Exercises), worst)
}

// print.html holds every page once, in reading order, and every link in it
// is an anchor within it (or an external address); it prints.
func TestBrowserPrintWholeHandbook(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	g := loadShipped(t)
	var want []string
	for _, p := range g.Handbook.Pages {
		want = append(want, convert.PrintID(p.Key(), ""))
	}
	want = append(want, convert.PrintID("flags", ""))
	for _, p := range g.Guides {
		want = append(want, convert.PrintID(p.Key(), ""))
	}
	for _, p := range g.Conditions {
		want = append(want, convert.PrintID(p.Key(), ""))
	}
	ids := make([]string, 0, len(g.Exercises))
	for _, e := range g.Exercises {
		ids = append(ids, e.ID)
	}
	g.SortExercises(ids)
	for _, id := range ids {
		want = append(want, convert.PrintID("exercises/"+id, ""))
	}
	for _, p := range g.Questions {
		want = append(want, convert.PrintID(p.Key(), ""))
	}
	for _, p := range g.Programs {
		want = append(want, convert.PrintID(p.Key(), ""))
	}
	var articles, outside, broken []string
	err := chromedp.Run(ctx,
		chromedp.Navigate("file://"+filepath.ToSlash(out)+"/print.html"),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("article.print-page"), a => a.id)`, &articles),
		// the language switch leads to this document in another language
		chromedp.Evaluate(`Array.from(document.querySelectorAll("a[href]:not([hreflang])"), a => a.getAttribute("href"))
			.filter(h => !h.startsWith("#") && !/^https?:/.test(h))`, &outside),
		chromedp.Evaluate(`Array.from(document.querySelectorAll("a[href^='#']"), a => a.getAttribute("href").slice(1))
			.filter(id => !document.getElementById(decodeURIComponent(id)))`, &broken),
	)
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(articles, "\n") != strings.Join(want, "\n") {
		t.Errorf("print.html has %d pages, want %d in order;\ngot  %v\nwant %v", len(articles), len(want), articles, want)
	}
	if len(outside) > 0 {
		t.Errorf("links leaving print.html: %v", outside)
	}
	if len(broken) > 0 {
		t.Errorf("anchors in print.html that lead nowhere: %v", broken)
	}
	pdf, err := browsertest.PrintPDF(ctx, browsertest.A4)
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("print.html: %d pages of content, %d A4 pages printed", len(articles), browsertest.Pages(pdf))
}
