package site

import (
	"path/filepath"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
)

// Every shipped exercise prints on exactly one page, in A4 and in Letter.
func TestBrowserExercisePrintsOnOnePage(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	g := loadShipped(t)
	base := "file://" + filepath.ToSlash(out) + "/"
	worst := 0
	for _, e := range g.Exercises {
		if err := chromedp.Run(ctx, chromedp.Navigate(base+"exercises/"+e.ID+".html")); err != nil {
			t.Fatal(err)
		}
		for name, paper := range map[string][2]float64{"A4": browsertest.A4, "Letter": browsertest.Letter} {
			pdf, err := browsertest.PrintPDF(ctx, paper)
			if err != nil {
				t.Fatal(err)
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
