package server

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
)

// poll waits for expr to be true, through the page's reloads: a reload
// ends the page an evaluation runs in, which is no failure here.
func poll(expr string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		deadline := time.Now().Add(10 * time.Second)
		for time.Now().Before(deadline) {
			var ok bool
			if err := chromedp.Evaluate(expr, &ok).Do(ctx); err == nil && ok {
				return nil
			}
			time.Sleep(20 * time.Millisecond)
		}
		return fmt.Errorf("%s: still false after 10 s", expr)
	})
}

// A page open in the browser reloads after an edit, keeping its scroll
// position; a broken edit shows the problems over the page.
func TestBrowserLiveReload(t *testing.T) {
	ctx := browsertest.New(t)
	dir, url, _, _ := start(t)
	name := filepath.Join(dir, "guides", "warming-up.md")
	long := strings.Repeat("A line of text to scroll past.\n\n", 200)
	write(t, name, fmt.Sprintf(guide, long+"First text."))
	time.Sleep(3 * wait)
	var scrolled, text string
	err := chromedp.Run(ctx,
		chromedp.Navigate(url+"/guides/warming-up.html"),
		poll(`document.body.textContent.includes("First text.")`),
		chromedp.Sleep(200*time.Millisecond), // the event stream connects
		chromedp.Evaluate(`window.scrollTo(0, 1500); String(window.scrollY)`, &scrolled),
	)
	if err != nil {
		t.Fatal(err)
	}
	write(t, name, fmt.Sprintf(guide, long+"Second text."))
	err = chromedp.Run(ctx,
		poll(`document.body.textContent.includes("Second text.")`),
		poll(`window.scrollY > 1000`),
	)
	if err != nil {
		t.Fatalf("the open page did not reload to the edit, at its place (scrolled to %s): %v", scrolled, err)
	}
	write(t, name, "---\ntitle: Warming up\n---\n")
	err = chromedp.Run(ctx,
		poll(`!!document.getElementById("handbook-problems")`),
		chromedp.Text("#handbook-problems", &text),
	)
	if err != nil || !strings.Contains(text, `missing required key "summary"`) {
		t.Fatalf("the overlay shows %q (%v)", text, err)
	}
	write(t, name, fmt.Sprintf(guide, "Fixed."))
	if err := chromedp.Run(ctx, poll(`!document.getElementById("handbook-problems") && document.body.textContent.includes("Fixed.")`)); err != nil {
		t.Fatalf("fixing the file did not clear the overlay: %v", err)
	}
}

// Started on broken content, the browser gets the page of problems; an
// edit that leaves a problem updates the list; the fix reloads it into the
// handbook.
func TestBrowserFirstBuildBroken(t *testing.T) {
	ctx := browsertest.New(t)
	dir, url, _, _ := startWith(t, "---\ntitle: Warming up\n---\n")
	name := filepath.Join(dir, "guides", "warming-up.md")
	var text string
	err := chromedp.Run(ctx,
		chromedp.Navigate(url+"/guides/warming-up.html"),
		poll(`!!document.getElementById("handbook-no-site")`),
		chromedp.Text("#handbook-no-site", &text),
		chromedp.Sleep(200*time.Millisecond), // the event stream connects
	)
	if err != nil || !strings.Contains(text, `missing required key "summary"`) {
		t.Fatalf("the first page shows %q (%v)", text, err)
	}
	write(t, name, "---\ntitle: Warming up\nsummary: [unclosed\n---\n")
	if err := chromedp.Run(ctx, poll(`document.getElementById("handbook-no-site").textContent.includes("invalid YAML")`)); err != nil {
		t.Fatalf("a new problem did not show on the page: %v", err)
	}
	write(t, name, fmt.Sprintf(guide, "Fixed at last."))
	if err := chromedp.Run(ctx, poll(`!document.getElementById("handbook-no-site") && document.body.textContent.includes("Fixed at last.")`)); err != nil {
		t.Fatalf("fixing the content did not turn the page into the handbook: %v", err)
	}
}
