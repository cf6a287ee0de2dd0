package render

import (
	"bytes"
	"crypto/sha256"
	"html/template"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"handbook/generator/handbook"
)

type hv struct {
	Name   string
	N      int
	On     bool
	HTML   template.HTML
	List   []string
	Inner  *hv
	Map    map[string]int
	Any    any
	hidden string
	Skip   string `json:"-"`
}

func hashOf(t *testing.T, v any) string {
	t.Helper()
	var h viewHash
	if !h.add(reflect.ValueOf(v)) {
		t.Fatalf("%#v: not hashed", v)
	}
	return string(h.buf)
}

func TestViewHashTellsWhatLayoutsCanSee(t *testing.T) {
	base := hv{Name: "plank", N: 3, List: []string{"a", "b"}, Map: map[string]int{"x": 1, "y": 2}}
	differ := []struct {
		name string
		edit func(*hv)
	}{
		{"a string", func(v *hv) { v.Name = "plan" }},
		{"a number", func(v *hv) { v.N = 4 }},
		{"a flag", func(v *hv) { v.On = true }},
		{"HTML", func(v *hv) { v.HTML = "<b>" }},
		{"a list item", func(v *hv) { v.List[1] = "c" }},
		{"a list's length", func(v *hv) { v.List = append(v.List, "") }},
		{"where one string ends", func(v *hv) { v.List = []string{"ab", ""} }},
		{"nil against empty", func(v *hv) { v.Inner = &hv{} }},
		{"a map value", func(v *hv) { v.Map["y"] = 3 }},
		{"a map key", func(v *hv) { v.Map = map[string]int{"x": 1, "z": 2} }},
		{"an interface's type", func(v *hv) { v.Any = int64(0) }},
	}
	want := hashOf(t, base)
	for _, d := range differ {
		v := base
		v.List = append([]string(nil), base.List...)
		v.Map = map[string]int{"x": 1, "y": 2}
		d.edit(&v)
		if hashOf(t, v) == want {
			t.Errorf("%s changed, the hash did not", d.name)
		}
	}
	same := base
	same.hidden, same.Skip = "unexported", "tagged json:\"-\""
	same.Map = map[string]int{"y": 2, "x": 1}
	if hashOf(t, same) != want {
		t.Error("fields a layout cannot read changed the hash")
	}
}

func TestViewHashRefusesWhatItCannotSee(t *testing.T) {
	loop := &hv{}
	loop.Inner = loop
	for name, v := range map[string]any{
		"a cycle":          loop,
		"a function":       struct{ F func() }{func() {}},
		"a map by numbers": map[int]string{1: "a"},
		"a time":           struct{ T time.Time }{time.Now()},
	} {
		var h viewHash
		if h.add(reflect.ValueOf(v)) {
			t.Errorf("%s was hashed", name)
		}
	}
}

func TestViewHashOfSharedModelValues(t *testing.T) {
	type view struct {
		Plan []*handbook.Exercise
	}
	hash := func(v view) string {
		var models sync.Map
		h := viewHash{shared: &models}
		if !h.add(reflect.ValueOf(v)) {
			t.Fatal("not hashed")
		}
		return string(h.buf)
	}
	a := &handbook.Exercise{Page: handbook.Page{ID: "plank", Title: "Plank"}}
	b := &handbook.Exercise{Page: handbook.Page{ID: "plank", Title: "Plank"}}
	if hash(view{[]*handbook.Exercise{a, a}}) != hash(view{[]*handbook.Exercise{a, b}}) {
		t.Error("equal exercises at two addresses hash differently")
	}
	before := hash(view{[]*handbook.Exercise{a}})
	a.Title = "Front plank"
	if hash(view{[]*handbook.Exercise{a}}) == before {
		t.Error("an exercise changed between builds, its hash did not")
	}
	if hash(view{[]*handbook.Exercise{a, nil}}) == hash(view{[]*handbook.Exercise{a}}) {
		t.Error("a nil exercise in a list is not seen")
	}
}

// A view hashed as it goes (long strings and a full buffer straight to
// the hash) has the same key as one written whole, then hashed.
func TestViewHashStreamed(t *testing.T) {
	type view struct {
		Title string
		Parts []string
		Body  []byte
		N     int
	}
	long := strings.Repeat("a long string ", 400)
	for _, v := range []view{
		{Title: "short"},
		{Title: long, Parts: []string{"x", long, "y"}, Body: []byte(long), N: 7},
		{Parts: slices.Repeat([]string{"many short strings"}, 2000)},
	} {
		whole := viewHash{}
		streamed := viewHash{w: sha256.New()}
		if !whole.add(reflect.ValueOf(v)) || !streamed.add(reflect.ValueOf(v)) {
			t.Fatal("not hashed")
		}
		if len(streamed.buf) > spillAt+spillAt/8 {
			t.Errorf("%d bytes held: the view was not spilled", len(streamed.buf))
		}
		streamed.w.Write(streamed.buf)
		if got, want := streamed.w.Sum(nil), sha256.Sum256(whole.buf); !bytes.Equal(got, want[:]) {
			t.Errorf("streamed %x, whole %x", got, want)
		}
	}
}
