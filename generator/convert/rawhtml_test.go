package convert

import (
	"strings"
	"testing"
	"testing/fstest"

	"golang.org/x/net/html"

	"handbook"
	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/schema"
)

// FuzzRawHTML: whatever raw HTML a page holds, a build with allow-html
// either refuses it or writes a page in which a browser's parser finds no
// element or attribute outside the allow-lists.
func FuzzRawHTML(f *testing.F) {
	for _, tc := range []string{"<details><summary>x</summary>y</details>", "<a href=\"x.md\" onclick=y>", "<img src=x alt=\"\n\n\" onerror=y>",
		"<scr<script>ipt>", "<a href='&#x6A;avascript:x'>j</a>", "<!-- x --><p>y</p>", "<textarea><img src=x onerror=y></textarea>",
		"<div><b>x</div></b>", "<![CDATA[<script>]]>", "<?xml x?><p>y</p>", "<p title=\"</p><script>\">x</p>"} {
		f.Add(tc)
	}
	var errs diag.List
	tree, err := content.Load(fstest.MapFS{
		"handbook.yaml": {Data: []byte("title: T\nlanguage: en\nallow-html: true\n")},
		"guides/g.md":   {Data: []byte("---\ntitle: G\nsummary: S\n---\n\nText.\n")},
	}, "content", &errs)
	if err != nil || len(errs) > 0 {
		f.Fatal(err, errs)
	}
	g := graph.Resolve(schema.Decode(tree, &errs), &errs)
	reserved, err := LayoutIDs(handbook.Layouts())
	if err != nil {
		f.Fatal(err)
	}
	res := &resolver{g: g, static: map[string]bool{}, headings: map[string]map[string]bool{}, allowHTML: true, reserved: reserved}
	md := newMarkdown(res)
	guide := g.Pages["guides/g"]
	f.Fuzz(func(t *testing.T, body string) {
		st, page, _, _, _, err := convert(md, res, guide, []byte(body), nil, nil)
		if err != nil || len(st.errs) > 0 {
			return
		}
		z := html.NewTokenizer(strings.NewReader(string(page)))
		for {
			tt := z.Next()
			if tt == html.ErrorToken {
				return
			}
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			name, more := z.TagName()
			if _, ok := rawElements[string(name)]; !ok && !markdownElements[string(name)] {
				t.Fatalf("element <%s> reached the page from %q", name, body)
			}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				if strings.HasPrefix(string(k), "on") || string(k) == "style" {
					t.Fatalf("attribute %s reached the page from %q", k, body)
				}
				if sch := browserScheme(string(v)); (string(k) == "href" || string(k) == "src") && sch != "" && !allowedSchemes[sch] {
					t.Fatalf("%s=%q reached the page from %q", k, v, body)
				}
			}
		}
	})
}

// markdownElements are what markdown writes besides rawElements.
var markdownElements = map[string]bool{"section": true, "input": true}
