package site

import (
	"path/filepath"
	"strings"
	"testing"

	"handbook/generator/corpus"
)

// A page's size does not grow with the handbook: every list on it that is
// derived from other pages (conditions an exercise needs care with, pages
// linking to it) is capped. Section indexes are lists of the section by
// design and are left out.
func TestPagesStayBounded(t *testing.T) {
	largest := func(n int) map[string]int {
		dir := t.TempDir()
		content := filepath.Join(dir, "content")
		if err := corpus.Write(content, n); err != nil {
			t.Fatal(err)
		}
		out := filepath.Join(dir, "public")
		if _, err := Build(config(content, out)); err != nil {
			t.Fatal(err)
		}
		most := map[string]int{}
		for k, v := range readTree(t, out) {
			section, rest, ok := strings.Cut(k, "/")
			if !ok || !strings.HasSuffix(k, ".html") || rest == "index.html" || strings.Contains(rest, "/") || section == "decide" {
				continue
			}
			most[section] = max(most[section], len(v))
		}
		return most
	}
	small, large := largest(1000), largest(3000)
	for section, s := range small {
		if l := large[section]; float64(l) > 1.15*float64(s) {
			t.Errorf("%s: the largest page is %d bytes with 1,000 pages, %d with 3,000", section, s, l)
		}
	}
	t.Logf("largest page by section, 1,000 pages: %v; 3,000 pages: %v", small, large)
}
