package render

import (
	"reflect"
	"testing"

	"handbook/generator/diag"
	"handbook/generator/handbook"
)

// A converted page read back from its cache file is the page written, and
// any bytes at all decode or fail without a panic.
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
		again, err := decodeConverted(encodeConverted(got))
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
