package convert

import (
	"bytes"
	"fmt"
	"html/template"
	"reflect"
	"strings"
	"testing"

	"handbook/generator/diag"
	"handbook/generator/handbook"
)

// A converted page read back from its cache files (its record, and its
// HTML and text apart) is the page written, each part in as many bytes as
// convertedSize and bodySize say, and any bytes at all decode or fail
// without a panic.
func FuzzDecodeConverted(f *testing.F) {
	c := &converted{st: &parsing{links: []string{"exercises/plank"},
		anchors: []anchorRef{{"guides/x", "warm", diag.Pos{File: "content/faq/a.md", Line: 12, Col: 3}}}},
		web: "<p>Hi</p>", printed: "<p id=\"x\">Hi</p>", texts: []handbook.Section{{Anchor: "", Heading: "", Text: "Hi"}, {Anchor: "how", Heading: "How", Text: "Slowly."}},
		steps: []string{"Lie down.", "Lift."}, headings: map[string]bool{"how": true}}
	f.Add(encodeConverted(c))
	f.Add(encodeBody(c))
	f.Add([]byte{})
	type part struct {
		name   string
		encode func(*converted) []byte
		decode func([]byte) (*converted, error)
		size   func(*converted) int
	}
	parts := []part{{"record", encodeConverted, decodeConverted, convertedSize}, {"body", encodeBody, decodeBody, bodySize}}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, p := range parts {
			got, err := p.decode(bytes.Clone(b))
			if err != nil {
				continue
			}
			enc := p.encode(got)
			if len(enc) != p.size(got) {
				t.Fatalf("%s encoded in %d bytes; its size says %d", p.name, len(enc), p.size(got))
			}
			again, err := p.decode(enc)
			if err != nil || !reflect.DeepEqual(got, again) {
				t.Fatalf("%s written and read back: %v %+v, want %+v", p.name, err, again, got)
			}
		}
	})
}

// A page's record holds its sections' anchors, and its body the HTML and
// sections: the two read back are the page.
func TestConvertedRoundTrip(t *testing.T) {
	c := &converted{st: &parsing{links: []string{"a"}, anchors: []anchorRef{{"b", "c", diag.Pos{File: "d", Line: 1, Col: 2}}}},
		web: "w", printed: "p", texts: []handbook.Section{{Anchor: "x", Heading: "X", Text: "text"}, {Anchor: "y", Heading: "Y", Text: "more"}},
		steps: []string{"s"}, headings: map[string]bool{"x": true, "y": true}}
	got, err := decodeConverted(encodeConverted(c))
	if err != nil || got.web != "" || got.texts != nil || !reflect.DeepEqual(got.anchors, []string{"x", "y"}) {
		t.Fatalf("the record read back: %v %+v; want the anchors x and y, no HTML and no text", err, got)
	}
	body, err := decodeBody(encodeBody(c))
	if err != nil {
		t.Fatal(err)
	}
	got.web, got.texts, got.anchors = body.web, body.texts, nil
	if !reflect.DeepEqual(got, c) {
		t.Fatalf("%+v, want %+v", got, c)
	}
}

// convertedSize and bodySize are the lengths of a page of many sections, steps, links
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
	if n, size := len(encodeBody(c)), bodySize(c); n != size {
		t.Errorf("body encoded in %d bytes; bodySize says %d", n, size)
	}
}
