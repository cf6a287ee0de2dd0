package site

import (
	"path/filepath"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
)

// Every shape of handbook, opened from disk: every page reachable by plain
// links with no broken link or anchor, no console error with JavaScript on,
// and no axe-core violation on each kind of page it has.
func TestBrowserShapes(t *testing.T) {
	ctx := browsertest.New(t)
	eachShape(t, func(t *testing.T, content map[string]string) {
		out, _ := buildShape(t, content)
		s := browsertest.Site{Dir: out, Base: "file://" + filepath.ToSlash(out) + "/"}
		crawlFromDisk(ctx, t, s)
		for _, page := range kindsOfPage(readTree(t, out)) {
			if err := chromedp.Run(ctx, chromedp.Navigate(s.Base+page)); err != nil {
				t.Fatal(err)
			}
			for _, v := range browsertest.Axe(ctx, t) {
				t.Errorf("%s: %s", page, v)
			}
		}
	})
}

// kindsOfPage picks one page of each kind a built site has.
func kindsOfPage(files map[string]string) []string {
	var pages []string
	for _, p := range []string{"index.html", "404.html", "search.html", "handout.html", "print.html", "flags.html", "decide.html", "exercises/index.html"} {
		if _, ok := files[p]; ok {
			pages = append(pages, p)
		}
	}
	first := map[string]string{}
	for _, k := range sortedKeys(files) {
		if !strings.Contains(k, "/") && strings.HasSuffix(k, ".html") && !slices.Contains(pages, k) {
			pages = append(pages, k) // a stand-alone page, such as about.html
		}
		dir, _, ok := strings.Cut(k, "/")
		if ok && strings.HasSuffix(k, ".html") && !strings.HasSuffix(k, "/index.html") && first[dir] == "" {
			first[dir] = k
		}
	}
	for _, k := range sortedKeys(first) {
		pages = append(pages, first[k])
	}
	return pages
}

// Every shape's pages are valid HTML.
func TestHTMLValidShapes(t *testing.T) {
	jar := vnuJar(t)
	var dirs []string
	for _, content := range allShapes() {
		out, _ := buildShape(t, content) // in t's folder, kept until validate has run
		dirs = append(dirs, out)
	}
	sort.Strings(dirs)
	validate(t, jar, dirs...)
}
