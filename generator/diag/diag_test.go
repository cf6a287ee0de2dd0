package diag

import (
	"flag"
	"testing"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

func TestSuggest(t *testing.T) {
	keys := []string{"title", "summary", "avoid-if", "caution-if", "progression", "regression"}
	cases := map[string]string{
		"avoid_if": "avoid-if", "Title": "title", "sumary": "summary", "progresion": "progression",
		"colour": "", "x": "",
	}
	for in, want := range cases {
		if got := Suggest(in, keys); got != want {
			t.Errorf("Suggest(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestListSortsAndDedupes(t *testing.T) {
	var l List
	l.Add(Pos{"b.md", 2, 1}, "two")
	l.AddHint(Pos{"a.md", 10, 3}, "fix it", "ten")
	l.Add(Pos{"a.md", 9, 1}, "nine")
	l.Add(Pos{"b.md", 2, 1}, "two")
	want := "a.md:9:1: nine\na.md:10:3: ten (fix it)\nb.md:2:1: two"
	if got := l.Err().Error(); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if (List{}).Err() != nil {
		t.Error("an empty list is an error")
	}
}

// A file name with a newline or another control character is quoted, so
// each error stays one line; ordinary names, spaces and accents are not.
func TestPosQuotesOddNames(t *testing.T) {
	cases := map[string]string{
		"content/guides/a.md":       "content/guides/a.md:3:1",
		"content/guides/my page.md": "content/guides/my page.md:3:1",
		"content/guides/café.md":    "content/guides/café.md:3:1",
		"content/guides/a\nb.md":    `"content/guides/a\nb.md":3:1`,
		"content/guides/a\tb.md":    `"content/guides/a\tb.md":3:1`,
		"content/guides/\xff.md":    `"content/guides/\xff.md":3:1`,
	}
	for file, want := range cases {
		if got := (Pos{File: file, Line: 3, Col: 1}).String(); got != want {
			t.Errorf("%q: %s, want %s", file, got, want)
		}
	}
}
