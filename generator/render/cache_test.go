package render

import (
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"testing"

	"handbook/generator/diag"
	"handbook/generator/handbook"
)

// A converted page read back from its cache file is the page written, in
// as many bytes as convertedSize says, and any bytes at all decode or fail
// without a panic.
func FuzzDecodeConverted(f *testing.F) {
	c := &converted{st: &parsing{links: []string{"exercises/plank"},
		anchors: []anchorRef{{"guides/x", "warm", diag.Pos{File: "content/faq/a.md", Line: 12, Col: 3}}}},
		web: "<p>Hi</p>", printed: "<p id=\"x\">Hi</p>", texts: []handbook.Section{{Anchor: "", Heading: "", Text: "Hi"}, {Anchor: "how", Heading: "How", Text: "Slowly."}},
		steps: []string{"Lie down.", "Lift."}, headings: map[string]bool{"how": true}}
	f.Add(encodeConverted(c))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, b []byte) {
		got, err := decodeConverted(b)
		if err != nil {
			return
		}
		enc := encodeConverted(got)
		if len(enc) != convertedSize(got) {
			t.Fatalf("encoded in %d bytes; convertedSize says %d", len(enc), convertedSize(got))
		}
		again, err := decodeConverted(enc)
		if err != nil || !reflect.DeepEqual(got, again) {
			t.Fatalf("written and read back: %v %+v, want %+v", err, again, got)
		}
	})
}

func TestConvertedRoundTrip(t *testing.T) {
	c := &converted{st: &parsing{links: []string{"a"}, anchors: []anchorRef{{"b", "c", diag.Pos{File: "d", Line: 1, Col: 2}}}},
		web: "w", printed: "p", texts: []handbook.Section{{Anchor: "x", Heading: "X", Text: "text"}}, steps: []string{"s"}, headings: map[string]bool{"x": true, "y": true}}
	got, err := decodeConverted(encodeConverted(c))
	if err != nil || !reflect.DeepEqual(got, c) {
		t.Fatalf("%v: %+v, want %+v", err, got, c)
	}
}

// convertedSize is the length of a page of many sections, steps, links
// and anchors, with strings and numbers whose lengths take more than a byte.
func TestConvertedSizeIsExact(t *testing.T) {
	long := strings.Repeat("word ", 40)
	c := &converted{st: &parsing{}, web: template.HTML(long), printed: template.HTML(long), headings: map[string]bool{}}
	for i := range 100 {
		id := fmt.Sprint("h", i, long)
		c.texts = append(c.texts, handbook.Section{Anchor: id, Heading: long, Text: long})
		c.steps = append(c.steps, long)
		c.headings[id] = true
		c.st.links = append(c.st.links, id)
		c.st.anchors = append(c.st.anchors, anchorRef{id, long, diag.Pos{File: long, Line: 1 << 40, Col: 1 << 40}})
	}
	if n, size := len(encodeConverted(c)), convertedSize(c); n != size {
		t.Errorf("encoded in %d bytes; convertedSize says %d", n, size)
	}
}
