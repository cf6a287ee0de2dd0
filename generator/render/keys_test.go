package render

import (
	"bytes"
	"testing"

	"handbook/generator/memo"
)

// inOrder writes a map by page in the pages' order, and sorted when the
// order misses a key; what it writes differs whenever the map does.
func TestInOrder(t *testing.T) {
	order := []string{"guides/b", "faq/a", "exercises/c"}
	write := func(m map[string]string) []byte {
		var b memo.Buffer
		inOrder(&b, nil, order, m, b.Str)
		return b
	}
	sorted := func(m map[string]string) []byte {
		var b memo.Buffer
		bySortedKey(&b, nil, m, b.Str)
		return b
	}
	base := map[string]string{"guides/b": "x", "exercises/c": "y"}
	maps := []map[string]string{
		{},
		base,
		{"guides/b": "x", "exercises/c": "z"},
		{"guides/b": "x", "faq/a": "y"},
		{"guides/b": "x", "exercises/c": "y", "faq/a": ""},
		{"guides/b": "x", "exercises/c": "y", "other": ""}, // not in the order: sorted
		{"guides/b": "x", "exercises/c": "y", "faq/a": "", "other": ""},
	}
	seen := map[string]int{}
	for i, m := range maps {
		got := write(m)
		if j, ok := seen[string(got)]; ok {
			t.Errorf("maps %d and %d are written alike: %q", j, i, got)
		}
		seen[string(got)] = i
		if !bytes.Equal(write(m), got) {
			t.Errorf("map %d is written differently twice", i)
		}
	}
	if got, want := write(maps[5]), append([]byte{1}, sorted(maps[5])...); !bytes.Equal(got, want) {
		t.Errorf("a key the order lacks: got %q, want %q (sorted)", got, want)
	}
	if got := write(base); got[0] != 0 || bytes.Equal(got[1:], sorted(base)) {
		t.Errorf("a map the order covers is written %q, sorted %q: want the order's", got, sorted(base))
	}
}
