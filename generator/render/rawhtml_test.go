package render

import (
	"strings"
	"testing"
	"testing/fstest"

	"handbook"
	"handbook/generator/content"
	"handbook/generator/convert"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/schema"
)

// renderRaw builds a handbook whose guide g has body, with allow-html on,
// and returns the guide's HTML and the problems found, sorted.
func renderRaw(t *testing.T, body string) (string, diag.List) {
	t.Helper()
	fsys := fstest.MapFS{
		"handbook.yaml":      {Data: []byte("title: T\nlanguage: en\nallow-html: true\n")},
		"guides/g.md":        {Data: []byte("---\ntitle: G\nsummary: S\n---\n\n" + body)},
		"exercises/plank.md": {Data: []byte(plank)},
		"guides/pic.png":     {Data: []byte("\x89PNG")},
	}
	site, errs := renderFS(t, fsys)
	for _, f := range site.Files {
		if f.Path == "guides/g.html" {
			return string(f.Data), errs
		}
	}
	return "", errs
}

// With allow-html, raw HTML that can only show things is written (again,
// from its parse); anything that could run, load or break out of its place
// is an error at its line and column.
func TestRawHTML(t *testing.T) {
	tests := []struct {
		name, body string
		want       string // in the page, when there is no error
		err        string // in the first error, with its position
	}{
		{"details", "<details>\n<summary>More</summary>\n\nSome *markdown*.\n\n</details>\n", "<details>\n<summary>More</summary>\n<p>Some <em>markdown</em>.</p>\n</details>", ""},
		{"inline", "Press <kbd>Ctrl</kbd> and <abbr title=\"low back pain\">LBP</abbr>.\n", `<kbd>Ctrl</kbd> and <abbr title="low back pain">LBP</abbr>`, ""},
		{"link to page", "<a href=\"../exercises/plank.md#steps\">plank</a>\n", `<a href="../exercises/plank.html#steps">plank</a>`, ""},
		{"picture", "<img src=\"pic.png\" alt=\"A mat\" width=\"200\">\n", `<img src="pic.png" alt="A mat" width="200">`, ""},
		{"quotes normalised", "<p title='a \"b\"' class=x>t</p>\n", `<p title="a &#34;b&#34;" class="x">t</p>`, ""},
		{"comment dropped", "<!-- note to self -->\nText <!-- x --> here.\n", "Text  here.", ""},
		{"id and anchor", "<span id=\"here\">x</span> [go](#here)\n", `<span id="here">x</span>`, ""},
		{"script", "<script>alert(1)</script>\n", "", "6:1: raw HTML <script> is not allowed"},
		{"script in text", "Hi <script>alert(1)</script> there.\n", "", "6:4: raw HTML <script> is not allowed"},
		{"upper case", "<SCRIPT SRC=x></SCRIPT>\n", "", "raw HTML <script> is not allowed"},
		{"iframe", "<iframe src=\"https://example.org\"></iframe>\n", "", "raw HTML <iframe> is not allowed"},
		{"style element", "<style>body{display:none}</style>\n", "", "raw HTML <style> is not allowed"},
		{"svg", "<svg onload=alert(1)></svg>\n", "", "raw HTML <svg> is not allowed"},
		{"form", "<form action=\"https://evil.example\"><input name=q></form>\n", "", "raw HTML <form> is not allowed"},
		{"event", "<img src=\"pic.png\" alt=\"\" onerror=\"alert(1)\">\n", "", "attribute onerror is not allowed on <img>"},
		{"event inline", "A <b onmouseover=alert(1)>b</b>.\n", "", "attribute onmouseover is not allowed on <b>"},
		{"style attribute", "<div style=\"position:fixed;inset:0\">x</div>\n", "", "attribute style is not allowed on <div>"},
		{"javascript href", "<a href=\"javascript:alert(1)\">x</a>\n", "", "only http, https, mailto and tel"},
		{"entity href", "<a href=\"&#106;avascript:alert(1)\">x</a>\n", "", "only http, https, mailto and tel"},
		{"tab href", "<a href=\"java&#9;script:alert(1)\">x</a>\n", "", "malformed link"},
		{"upper href", "<a href=\"JAVASCRIPT:alert(1)\">x</a>\n", "", "only http, https, mailto and tel"},
		{"data src", "<img alt=\"\" src=\"data:image/svg+xml,<svg onload=alert(1)>\">\n", "", "only http, https, mailto and tel"},
		{"cite", "<blockquote cite=\"vbscript:x\">q</blockquote>\n", "", "only http, https, mailto and tel"},
		{"missing page", "<a href=\"nope.md\">x</a>\n", "", "link to missing page"},
		{"open quote", "<div title=\"\n\n\" onmouseover=alert(1) x=\"\n", "", "6:1: unfinished HTML tag"},
		{"open quote, no block", "<img src=\"pic.png\" alt=\"\n\n\" onerror=alert(1) x=\"\n", "<p>&lt;img src=", ""},
		{"never closed", "<div>\n\nText.\n", "", "<div> is never closed"},
		{"misnested", "A <b>bold <i>x</b></i>.\n", "", "</b> closes nothing open here"},
		{"across paragraphs", "A <span>one\n\ntwo</span>.\n", "", "is never closed"},
		{"layout id", "<div id=\"main\">x</div>\n", "", `id "main" is used by the page layout`},
		{"heading id", "## Steps\n\n<span id=\"steps\">x</span>\n", "", `id "steps" is already on this page`},
		{"no alt", "<img src=\"pic.png\">\n", "", "<img> without alt"},
		{"doctype", "<!DOCTYPE html>\n", "", "<!DOCTYPE> in a page"},
		{"base", "<base href=\"https://evil.example/\">\n", "", "raw HTML <base> is not allowed"},
		{"meta refresh", "<meta http-equiv=\"refresh\" content=\"0;url=https://evil.example\">\n", "", "raw HTML <meta> is not allowed"},
		{"math", "<math><mi>x</mi></math>\n", "", "raw HTML <math> is not allowed"},
		{"name clobbers", "<img name=\"handout\" src=\"pic.png\" alt=\"\">\n", "", "attribute name is not allowed on <img>"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			page, errs := renderRaw(t, tc.body)
			errs.Sort()
			if tc.err == "" {
				if len(errs) > 0 {
					t.Fatalf("errors: %v", errs)
				}
				if !strings.Contains(page, tc.want) {
					i := strings.Index(page, "<main")
					t.Fatalf("page lacks %q:\n%.1500s", tc.want, page[max(i, 0):])
				}
				return
			}
			if len(errs) == 0 {
				t.Fatalf("no error; want %q", tc.err)
			}
			found := false
			for _, e := range errs {
				if !strings.HasPrefix(e.Error(), "content/guides/g.md:") {
					t.Errorf("error not in the page: %v", e)
				}
				found = found || strings.Contains(e.Error(), tc.err)
			}
			if !found {
				t.Fatalf("errors %v; want %q", errs, tc.err)
			}
		})
	}
}

// A heading may not take an id the layouts use: "Main" is main-1.
func TestHeadingAvoidsLayoutIDs(t *testing.T) {
	page, errs := renderRaw(t, "## Main\n\n## Handout\n\n[to it](#main-1)\n")
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	for _, want := range []string{`<h2 id="main-1">`, `<h2 id="handout-1">`} {
		if !strings.Contains(page, want) {
			t.Errorf("no %s", want)
		}
	}
	if strings.Count(page, `id="main"`) != 1 {
		t.Errorf("id main is on the page %d times", strings.Count(page, `id="main"`))
	}
}

// Rendering leaves the graph as it was: the same graph rendered twice
// gives the same files (it once emptied each page's markdown and wrote the
// text's links into the graph).
func TestRenderTwice(t *testing.T) {
	fsys := fstest.MapFS{
		"handbook.yaml":      {Data: []byte("title: T\nlanguage: en\n")},
		"guides/g.md":        {Data: []byte("---\ntitle: G\nsummary: S\n---\n\nSee the [plank](../exercises/plank.md#steps).\n")},
		"exercises/plank.md": {Data: []byte(plank)},
	}
	var errs diag.List
	tree, err := content.Load(fsys, "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.Resolve(schema.Decode(tree, &errs), &errs)
	render := func() map[string]string {
		site, err := Render(g, nil, tree.Static, Config{Layouts: handbook.Layouts(), Assets: handbook.Assets(), Text: convert.Text(tree)}, &errs)
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		files := map[string]string{}
		for _, f := range site.Files {
			files[f.Path] = string(f.Data)
		}
		return files
	}
	first, second := render(), render()
	for k, v := range first {
		if second[k] != v {
			t.Errorf("%s differs the second time", k)
		}
	}
	if len(first) != len(second) {
		t.Errorf("%d files, then %d", len(first), len(second))
	}
}
