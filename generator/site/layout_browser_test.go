package site

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"

	"handbook/generator/browsertest"
)

// A page of every kind the shipped handbook has.
var pageKinds = []string{
	"index.html", "exercises/plank.html", "exercises/index.html", "exercises/filter/level-1.html",
	"conditions/sciatica.html", "faq/back-belt.html", "guides/cooling-down.html",
	"programs/core-starter.html", "decide.html", "decide/about-you.html",
	"decide/feel/plank.html", "flags.html", "handout.html", "search.html?q=sciatica",
	"print.html", "404.html", "about.html",
}

// headerLook is what a test measures of a page's header and main column.
type headerLook struct {
	Header     float64  // the header's height
	HeaderLeft float64  // where its content starts
	MainLeft   float64  // where main's content starts
	Wide       float64  // the document's width
	NavShown   bool     // the section links are on screen
	MenuButton bool     // the "Menu" button is on screen
	SearchBox  bool     // a search box is on screen
	None       bool     // the page has no site header (print.html)
	Boxes      int      // search boxes on screen
	Twice      []string // headings that say the same as another on the page
}

const lookJS = `(function () {
	var h = document.querySelector(".site-header"), g = document.querySelector(".header-grid");
	var m = document.querySelector("main"), cs = getComputedStyle(m);
	function shown(el) { return !!el && el.checkVisibility({ visibilityProperty: true }) && el.getBoundingClientRect().height > 0; }
	if (!h) return { none: true, wide: document.documentElement.scrollWidth };
	// a heading repeats another if it says the same or only adds words
	var heads = Array.from(document.querySelectorAll("main h2")).filter(shown).map(function (e) {
		return e.textContent.trim().toLowerCase().replace(/\s+/g, " ");
	});
	var twice = heads.filter(function (a, i) {
		return heads.some(function (b, j) { return i !== j && (a === b && i > j || a.indexOf(b + " ") === 0); });
	});
	return {
		boxes: Array.from(document.querySelectorAll("input[name=q]")).filter(shown).length,
		twice: twice,
		header: h.getBoundingClientRect().height,
		headerLeft: g.getBoundingClientRect().left,
		mainLeft: m.getBoundingClientRect().left + parseFloat(cs.paddingLeft),
		wide: document.documentElement.scrollWidth,
		navShown: shown(document.querySelector(".menu-body nav a")),
		menuButton: shown(document.querySelector(".menu > summary")),
		searchBox: shown(document.querySelector("#site-search-input")) || shown(document.querySelector("#search-page-input")),
	};
})()`

// On a 390 x 844 phone and a 1280 x 800 screen, light and dark, from disk
// and over HTTP: the header takes at most 120 px of the phone, with search
// on screen and the sections one tap away in a menu; on the wide screen the
// sections show without a tap and the header's content starts where the
// page's does. No page of any kind logs an error. The first search result
// and the wizard's first answer are on the phone's first screen. With
// HANDBOOK_SHOTS=folder, screenshots of each are written there.
func TestBrowserPhoneAndDesktop(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	shots := os.Getenv("HANDBOOK_SHOTS")

	var mu sync.Mutex
	var logged []string
	chromedp.ListenTarget(ctx, func(ev any) {
		if msg, ok := browsertest.PageError(ev); ok {
			mu.Lock()
			logged = append(logged, msg)
			mu.Unlock()
		}
	})
	if err := chromedp.Run(ctx, runtime.Enable(), cdplog.Enable()); err != nil {
		t.Fatal(err)
	}
	bases := map[string]string{"disk": "file://" + filepath.ToSlash(out) + "/", "http": srv.URL + "/"}
	type screen struct {
		name string
		w, h int64
	}
	for _, sc := range []screen{{"phone", 390, 844}, {"desktop", 1280, 800}} {
		for _, scheme := range []string{"light", "dark"} {
			for _, via := range []string{"disk", "http"} {
				if via == "http" && (sc.name == "phone") != (scheme == "light") {
					continue // over HTTP, one scheme for each screen is enough
				}
				err := chromedp.Run(ctx, chromedp.EmulateViewport(sc.w, sc.h),
					emulation.SetEmulatedMedia().WithFeatures([]*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: scheme}}))
				if err != nil {
					t.Fatal(err)
				}
				for _, p := range pageKinds {
					where := fmt.Sprintf("%s, %s, %s, %s", p, sc.name, scheme, via)
					mu.Lock()
					logged = logged[:0]
					mu.Unlock()
					var look headerLook
					err := chromedp.Run(ctx, chromedp.Navigate(bases[via]+p), chromedp.WaitReady("body"),
						chromedp.Sleep(50*time.Millisecond), chromedp.Evaluate(lookJS, &look))
					if err != nil {
						t.Fatalf("%s: %v", where, err)
					}
					mu.Lock()
					for _, l := range logged {
						t.Errorf("%s: %s", where, l)
					}
					mu.Unlock()
					if look.Wide > float64(sc.w) {
						t.Errorf("%s: the page is %.0f px wide", where, look.Wide)
					}
					if look.None {
						if p != "print.html" {
							t.Errorf("%s: no site header", where)
						}
					} else if !look.SearchBox || look.Boxes != 1 {
						t.Errorf("%s: %d search boxes on screen, want one", where, look.Boxes)
					}
					if len(look.Twice) > 0 {
						t.Errorf("%s: headings repeat others: %q", where, look.Twice)
					}
					if look.None {
						// the whole book for print has a cover instead
					} else if sc.name == "phone" {
						if look.Header > 120 {
							t.Errorf("%s: the header takes %.0f px (at most 120)", where, look.Header)
						}
						if look.NavShown || !look.MenuButton {
							t.Errorf("%s: sections shown %v, menu button shown %v; want them folded in the menu", where, look.NavShown, look.MenuButton)
						}
					} else {
						if !look.NavShown || look.MenuButton {
							t.Errorf("%s: sections shown %v, menu button shown %v; want the sections without a tap", where, look.NavShown, look.MenuButton)
						}
						if d := look.HeaderLeft - look.MainLeft; d > 1 || d < -1 {
							t.Errorf("%s: the header's content starts at %.0f px, the page's at %.0f px", where, look.HeaderLeft, look.MainLeft)
						}
					}
					if shots != "" && via == "disk" {
						var png []byte
						if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&png)); err != nil {
							t.Fatal(err)
						}
						name := strings.NewReplacer("/", "-", ".html", "", "?", "-", "=", "-").Replace(p)
						if err := os.WriteFile(filepath.Join(shots, fmt.Sprintf("%s-%s-%s.png", sc.name, scheme, name)), png, 0o644); err != nil {
							t.Fatal(err)
						}
					}
				}
			}
		}
	}

	// the phone's first screen holds the first result and the first
	// answer, in every language
	base := bases["disk"]
	for _, c := range []struct{ edition, query string }{{"", "can+i+run+with+sciatica"}, {"es/", "puedo+correr+con+ciatica"}} {
		var result, answer float64
		err := chromedp.Run(ctx, chromedp.EmulateViewport(390, 844),
			chromedp.Navigate(base+c.edition+"search.html?q="+c.query),
			chromedp.WaitVisible("#search-results li"),
			chromedp.Evaluate(`document.querySelector("#search-results li").getBoundingClientRect().bottom`, &result),
			chromedp.Navigate(base+c.edition+"decide.html"),
			chromedp.WaitVisible(".answers .answer"),
			chromedp.Evaluate(`document.querySelector(".answers .answer").getBoundingClientRect().bottom`, &answer),
		)
		if err != nil {
			t.Fatal(err)
		}
		t.Logf("%sdecide.html: the first answer ends at %.0f px; the first search result at %.0f px", c.edition, answer, result)
		if result > 844 || answer > 844 {
			t.Errorf("on a 390 x 844 phone, %s: the first search result ends at %.0f px and the wizard's first answer at %.0f px", c.edition, result, answer)
		}
	}

	phoneMenu(ctx, t, base, shots)
}

const visibleSections = `Array.from(document.querySelectorAll(".menu-body nav a")).filter(function (a) { return a.checkVisibility(); }).length`

// phoneMenu opens and closes the phone's menu: a tap opens it over the
// page with every section and the reading controls, Escape closes it and
// gives the focus back to the button; with JavaScript off it still opens.
func phoneMenu(ctx context.Context, t *testing.T, base, shots string) {
	t.Helper()
	var open, closed struct {
		Open      bool
		Links     int
		Comfort   bool
		FocusMenu bool
		Under     float64 // the menu's top, below the header's top row
	}
	const state = `(function () {
		var m = document.getElementById("site-menu"), b = m.querySelector(".menu-body");
		var links = Array.from(b.querySelectorAll("nav a")).filter(function (a) { return a.checkVisibility(); });
		var c = document.getElementById("comfort");
		return { open: m.open, links: links.length, comfort: !!c && !c.hidden && c.getBoundingClientRect().height > 0,
			focusMenu: document.activeElement === m.querySelector("summary"), under: b.getBoundingClientRect().top };
	})()`
	err := chromedp.Run(ctx, chromedp.EmulateViewport(390, 844),
		chromedp.Navigate(base+"exercises/plank.html"),
		chromedp.WaitVisible(".menu > summary"),
		chromedp.Click(".menu > summary"),
		chromedp.Evaluate(state, &open),
	)
	if err != nil {
		t.Fatal(err)
	}
	for _, v := range browsertest.Axe(ctx, t) {
		t.Errorf("the phone's menu, open: %s", v)
	}
	if shots != "" {
		var png []byte
		if err := chromedp.Run(ctx, chromedp.CaptureScreenshot(&png)); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(shots, "phone-menu-open.png"), png, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	err = chromedp.Run(ctx,
		chromedp.KeyEvent(kb.Escape),
		chromedp.Evaluate(state, &closed),
	)
	if err != nil {
		t.Fatal(err)
	}
	if !open.Open || open.Links < 5 || !open.Comfort {
		t.Errorf("the menu, tapped: %+v; want it open with the sections and the reading controls", open)
	}
	if closed.Open || !closed.FocusMenu {
		t.Errorf("the menu after Escape: %+v; want it closed, the focus on its button", closed)
	}

	var links int
	err = chromedp.Run(ctx, emulation.SetScriptExecutionDisabled(true),
		chromedp.Navigate(base+"guides/cooling-down.html"),
		chromedp.WaitVisible(".menu > summary"),
		chromedp.Click(".menu > summary"),
		chromedp.Evaluate(visibleSections, &links),
		chromedp.EmulateViewport(1280, 800),
		chromedp.Navigate(base+"guides/cooling-down.html"),
		chromedp.WaitReady("body"),
		chromedp.Evaluate(visibleSections, &open.Links),
		emulation.SetScriptExecutionDisabled(false),
	)
	if err != nil {
		t.Fatal(err)
	}
	if links < 5 || open.Links < 5 {
		t.Errorf("with JavaScript off, the phone's menu shows %d sections when tapped and the wide screen %d; want every one", links, open.Links)
	}
}
