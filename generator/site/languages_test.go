package site

import (
	"os"
	"path"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// The shipped handbook has a Spanish edition: a whole site in es/, every
// page in Spanish or under a note that it is not translated yet, each page
// linked to itself in the other language, and no link from it leaving its
// edition but those.
func TestSpanishEdition(t *testing.T) {
	out := buildShipped(t)
	files := readTree(t, out)
	var es, en int
	wrapped := regexp.MustCompile(`<div lang="en-GB">\s*<article`)
	link := regexp.MustCompile(`<(?:a|link|script|img)\b[^>]*?\b(?:href|src)="([^"#?]*)[^"]*"[^>]*>`)
	for name, body := range files {
		if !strings.HasSuffix(name, ".html") || name == "404.html" || name == "es/404.html" {
			continue
		}
		page := string(body)
		spanish := strings.HasPrefix(name, "es/")
		other, want := "es/"+name, `<html lang="en-GB"`
		if spanish {
			other, want = strings.TrimPrefix(name, "es/"), `<html lang="es"`
			es++
		} else {
			en++
		}
		if !strings.HasPrefix(page, "<!DOCTYPE html>\n"+want) && !strings.Contains(page[:200], want) {
			t.Errorf("%s: not %s", name, want)
		}
		if _, ok := files[other]; !ok {
			t.Errorf("%s has no counterpart %s", name, other)
		}
		if !strings.Contains(page, `hreflang="es"`) || !strings.Contains(page, `hreflang="en-GB"`) {
			t.Errorf("%s: no hreflang links to both languages", name)
		}
		for _, m := range link.FindAllStringSubmatch(page, -1) {
			href := m[1]
			if href == "" || strings.Contains(href, ":") {
				continue
			}
			target := path.Clean(path.Join(path.Dir(name), href))
			if strings.HasSuffix(href, "/") {
				target += "/index.html"
			}
			if _, ok := files[target]; !ok && !strings.HasSuffix(target, "/index.html") {
				if _, err := os.Stat(filepath.Join(out, target)); err != nil {
					t.Errorf("%s links to %s, which is not in the site", name, href)
					continue
				}
			}
			crosses := strings.HasPrefix(target, "es/") != spanish
			if crosses && !strings.Contains(m[0], "hreflang=") {
				t.Errorf("%s: %s leaves its edition without saying it is the other language", name, m[0])
			}
		}
		if spanish {
			untranslated := strings.Contains(page, `class="untranslated"`)
			if untranslated != wrapped.MatchString(page) {
				t.Errorf("%s: the note on an untranslated page and its lang disagree", name)
			}
		}
	}
	if es != en || es < 200 {
		t.Errorf("%d Spanish pages and %d English ones", es, en)
	}
	for _, c := range []struct {
		page, has string
	}{
		{"es/exercises/plank.html", "<h1>Plancha</h1>"},
		{"es/faq/crunches-and-sit-ups.html", `class="untranslated"`},
		{"es/conditions/sciatica.html", "<h1>Ciática</h1>"},
		{"es/search/docs.js", `"lang":{`},
		{"es/assets/strings.js", "HB_STRINGS"},
	} {
		if !strings.Contains(string(files[c.page]), c.has) {
			t.Errorf("%s does not hold %s", c.page, c.has)
		}
	}
	if strings.Contains(string(files["search/docs.js"]), `"lang":`) {
		t.Error("the English index names a language: search.js reads English without")
	}
}
