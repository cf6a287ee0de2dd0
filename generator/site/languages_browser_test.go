package site

import (
	"context"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
	"handbook/generator/diag"
	"handbook/generator/render"
)

// spanishPages are the Spanish edition's pages of every kind.
var spanishPages = []string{
	"index.html", "exercises/index.html", "exercises/filter/level-1.html", "exercises/plank.html",
	"conditions/index.html", "conditions/sciatica.html", "faq/index.html", "faq/warning-signs.html",
	"faq/crunches-and-sit-ups.html", "guides/when-to-get-help.html", "programs/core-starter.html",
	"flags.html", "search.html?q=ci%C3%A1tica", "decide.html", "handout.html", "journal.html",
	"journal-sheet.html", "about.html", "404.html",
}

// The Spanish edition, from disk and over HTTP: every kind of page has
// its chrome in Spanish (no English string of the layouts, scripts or
// figures shows where the page's language is Spanish, and no key of a
// missing string), passes axe-core, and links to itself in English; a
// Spanish red-flag symptom puts its flag first.
func TestBrowserSpanishEdition(t *testing.T) {
	ctx := browsertest.New(t)
	out := buildShipped(t)
	var errs diag.List
	en := render.LoadStrings(config("", "").Layouts, "en", &errs)
	es := render.LoadStrings(config("", "").Layouts, "es", &errs)
	if len(errs) > 0 {
		t.Fatal(errs.Err())
	}
	// the English strings that would betray English chrome: those of
	// more than one word, or one long word, that Spanish says otherwise
	var english []string
	for _, k := range en.Keys() {
		w := strings.TrimSpace(strings.Split(en.T(k), "%")[0])
		if w != es.T(k) && (strings.Contains(w, " ") || len(w) >= 8) && len(w) >= 5 {
			english = append(english, w)
		}
	}
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	for _, base := range []string{"file://" + filepath.ToSlash(out) + "/", srv.URL + "/"} {
		for _, page := range spanishPages {
			var shown struct {
				Lang  string
				Text  string
				Attrs []string
			}
			err := chromedp.Run(ctx, chromedp.Navigate(base+"es/"+page),
				chromedp.Sleep(300*time.Millisecond), // scripts fill in their parts
				chromedp.Evaluate(spanishShown, &shown))
			if err != nil {
				t.Fatalf("%s: %v", page, err)
			}
			if shown.Lang != "es" {
				t.Errorf("%s: html lang %q", page, shown.Lang)
			}
			text := shown.Text + "\n" + strings.Join(shown.Attrs, "\n")
			for _, w := range english {
				if strings.Contains(text, w) {
					t.Errorf("%s%s: the English %q shows where the page is Spanish", base, page, w)
				}
			}
			for _, k := range es.Keys() {
				if strings.Contains(text, k) && strings.Count(k, ".") >= 1 && !strings.Contains(es.T(k), k) {
					t.Errorf("%s: the key %q shows instead of its words", page, k)
				}
			}
			if strings.HasPrefix(base, "file:") {
				for _, v := range browsertest.Axe(ctx, t) {
					t.Errorf("es/%s: %s", page, v)
				}
			}
		}
		checkLanguageSwitch(ctx, t, base)
		checkSpanishFlagFirst(ctx, t, base)
	}
}

// checkSpanishFlagFirst searches the Spanish edition for red-flag
// symptoms as a worried reader types them: each one's flag comes first,
// with what to do, in Spanish.
func checkSpanishFlagFirst(ctx context.Context, t *testing.T, base string) {
	t.Helper()
	for _, c := range []struct{ q, flag string }{
		{"no puedo orinar y me duele la espalda", "bladder-bowel-change"},
		{"se me duermen las dos piernas", "both-legs"},
		{"no siento cuando me limpio", "saddle-numbness"},
	} {
		var first struct{ Href, Action, Class string }
		err := chromedp.Run(ctx, chromedp.Navigate(base+"es/search.html?q="+strings.ReplaceAll(c.q, " ", "+")),
			chromedp.Poll(`document.querySelector("#search-results li") !== null`, nil, chromedp.WithPollingTimeout(10*time.Second)),
			chromedp.Evaluate(`(function () {
				var li = document.querySelector("#search-results li");
				var a = li.querySelector("a"), act = li.querySelector(".flag-action");
				return { href: a ? a.getAttribute("href") : "", action: act ? act.textContent : "", class: li.className };
			})()`, &first))
		if err != nil {
			t.Fatalf("%q: %v", c.q, err)
		}
		if !strings.HasSuffix(first.Href, "flags.html#"+c.flag) || !strings.Contains(first.Class, "result-flag") {
			t.Errorf("%q: the first result is %s (%s), not the red flag %s", c.q, first.Href, first.Class, c.flag)
		}
		if !strings.Contains(first.Action, "urgencias") {
			t.Errorf("%q: the flag says %q, not to go to an emergency department", c.q, first.Action)
		}
	}
}

// spanishShown is the words a reader meets where the page's language is
// Spanish: the title, the text of every element whose nearest lang is
// Spanish, and the labels, placeholders, titles and alternative text of
// such elements. Hidden templates and scripts aside.
const spanishShown = `(function () {
	var spanish = function (el) { var l = el.closest("[lang]"); return l && l.getAttribute("lang").indexOf("es") === 0; };
	var text = [document.title], attrs = [];
	var walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
	for (var n = walker.nextNode(); n; n = walker.nextNode()) {
		var el = n.parentElement;
		if (!el || el.closest("script, style, template, noscript") || !spanish(el)) continue;
		if (n.textContent.trim()) text.push(n.textContent.trim());
	}
	document.querySelectorAll("[aria-label], [placeholder], [title], img[alt], [aria-description]").forEach(function (el) {
		if (!spanish(el)) return;
		["aria-label", "placeholder", "title", "alt"].forEach(function (a) { if (el.getAttribute(a)) attrs.push(el.getAttribute(a)); });
	});
	return { lang: document.documentElement.lang, text: text.join("\n"), attrs: attrs };
})()`

// checkLanguageSwitch goes from the Spanish plank page to the English one
// and back by the language switch.
func checkLanguageSwitch(ctx context.Context, t *testing.T, base string) {
	t.Helper()
	var url, lang string
	err := chromedp.Run(ctx, chromedp.Navigate(base+"es/exercises/plank.html"),
		chromedp.Click(`.lang-switch a[hreflang="en-GB"]`, chromedp.ByQuery),
		chromedp.WaitReady(`html[lang="en-GB"]`, chromedp.ByQuery),
		chromedp.Location(&url))
	if err != nil || !strings.HasSuffix(url, "/exercises/plank.html") || strings.Contains(url, "/es/") {
		t.Errorf("the switch to English leads to %s (%v)", url, err)
	}
	err = chromedp.Run(ctx, chromedp.Click(`.lang-switch a[hreflang="es"]`, chromedp.ByQuery),
		chromedp.WaitReady(`html[lang="es"]`, chromedp.ByQuery),
		chromedp.Location(&url), chromedp.Evaluate(`document.documentElement.lang`, &lang))
	if err != nil || !strings.HasSuffix(url, "/es/exercises/plank.html") || lang != "es" {
		t.Errorf("the switch back to Spanish leads to %s, lang %q (%v)", url, lang, err)
	}
}
