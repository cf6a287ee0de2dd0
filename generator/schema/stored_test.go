package schema

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"time"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/handbook"
	"handbook/generator/memo"
	"handbook/generator/sysfile"
)

// fill sets every exported field of v, a settable value, to something
// other than its zero value, different for each field: lists get two
// items, pointers a value. Unexported fields (a figure's posing, made
// again when needed) are left alone.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString(fmt.Sprintf("s%d", *n))
	case reflect.Int:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(-float64(*n) - 0.25) // negative, with a fraction: every bit kept
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fill(v.Index(i), n)
		}
	case reflect.Pointer:
		p := reflect.New(v.Type().Elem())
		fill(p.Elem(), n)
		v.Set(p)
	case reflect.Struct:
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	default:
		panic("fill: no value for a " + v.Kind().String())
	}
}

// filled returns a new *T with every field filled.
func filled[T any](n *int) *T {
	v := new(T)
	fill(reflect.ValueOf(v).Elem(), n)
	return v
}

// Every field of every kind of decoded page, and of its problems, is kept:
// a field added to the model and not to the stored form fails here.
func TestStoredRoundTrip(t *testing.T) {
	n := 0
	errs := *filled[diag.List](&n)
	cases := []decodedPage{
		{value: filled[handbook.Page](&n), errs: errs},
		{value: filled[handbook.Page](&n), broken: true, errs: errs},
		{value: filled[handbook.Exercise](&n), errs: errs},
		{value: filled[handbook.Condition](&n)},
		{value: filled[handbook.Question](&n)},
		{value: filled[handbook.Guide](&n)},
		{value: filled[handbook.Program](&n), errs: errs},
		{value: &handbook.Page{}},
		{value: &handbook.Exercise{}},
		{value: &handbook.Program{Items: []handbook.ProgramItem{{}}}},
	}
	for i, c := range cases {
		b := encodeDecoded(c)
		got, err := decodeDecoded(b)
		if err != nil {
			t.Fatalf("case %d (%T): %v", i, c.value, err)
		}
		if !reflect.DeepEqual(got, c) {
			t.Errorf("case %d (%T): read back\n%#v\nwant\n%#v", i, c.value, got, c)
		}
		// every shorter prefix is a broken file, never a page
		for k := 0; k < len(b); k++ {
			if _, err := decodeDecoded(b[:k]); err == nil {
				t.Fatalf("case %d (%T): %d of %d bytes read as a whole page", i, c.value, k, len(b))
			}
		}
	}
	got, err := decodeProblems(encodeProblems(errs))
	if err != nil || !reflect.DeepEqual(got, errs) {
		t.Errorf("problems read back as %v (%v), want %v", got, err, errs)
	}
	if _, err := decodeDecoded(encodeDecoded(decodedPage{value: 42})); err == nil {
		t.Error("a value of no known kind was read back")
	}
}

func FuzzStoredDecode(f *testing.F) {
	n := 0
	f.Add(encodeDecoded(decodedPage{value: filled[handbook.Exercise](&n), errs: *filled[diag.List](&n)}))
	f.Add(encodeDecoded(decodedPage{value: filled[handbook.Program](&n)}))
	f.Add([]byte{storedCondition, 0xff, 0xff, 0xff, 0xff, 0x0f})
	f.Fuzz(func(t *testing.T, b []byte) {
		d, err := decodeDecoded(b)
		if err != nil {
			return
		}
		// what reads as a page is written and read back as the same page
		again, err := decodeDecoded(encodeDecoded(d))
		if err != nil || !reflect.DeepEqual(again, d) {
			t.Errorf("%x read, written and read again as %#v (%v), want %#v", b, again, err, d)
		}
	})
}

// counting is a store that counts the values it gave back.
type counting[V any] struct {
	memo.Store[V]
	hits int
}

func (c *counting[V]) Get(key [32]byte) (V, bool) {
	v, ok := c.Store.Get(key)
	if ok {
		c.hits++
	}
	return v, ok
}

// A build in a new process reads back from the cache folder every page the
// last build decoded, with the same values and the same problems; a page
// changed since is decoded again.
func TestDiskMemoReadsBack(t *testing.T) {
	var errs diag.List
	files, err := content.Load(os.DirFS("../../content"), "content", &errs)
	if err != nil || len(errs) > 0 {
		t.Fatal(err, errs)
	}
	// a mistake in front matter and one in text, so problems are kept too
	// (a file made here has no sums made when read: its own are used)
	f := files.Pages[0]
	files.Pages = append(files.Pages, content.NewFile("content/exercises/zz-broken.md", "exercises/zz-broken.md",
		f.Section, "zz-broken", append([]byte("levle: 2\n"), f.Front()...),
		append([]byte("TODO: write this.\n\n"), f.Body()...)))

	dir := t.TempDir()
	decode := func() (*handbook.Handbook, []string, int, int) {
		m := NewDiskMemo(dir)
		pages, bodies := &counting[decodedPage]{Store: m.pages}, &counting[diag.List]{Store: m.bodies}
		m.pages, m.bodies = pages, bodies
		var errs diag.List
		h := m.Decode(files, &errs)
		errs.Sort()
		var lines []string
		for _, e := range errs {
			lines = append(lines, e.Error())
		}
		return h, lines, pages.hits, bodies.hits
	}
	first, errs1, hits, _ := decode()
	if hits != 0 || len(errs1) < 2 {
		t.Fatalf("a new cache folder gave %d pages; problems %q", hits, errs1)
	}
	second, errs2, hits, bodyHits := decode()
	if hits != len(files.Pages) || bodyHits != len(files.Pages) {
		t.Errorf("the second build read %d pages and %d texts' problems of %d from the cache folder", hits, bodyHits, len(files.Pages))
	}
	if fmt.Sprint(errs1) != fmt.Sprint(errs2) {
		t.Errorf("problems read back:\n%q\nwant\n%q", errs2, errs1)
	}
	if a, b := storedForms(first), storedForms(second); !slices.EqualFunc(a, b, bytes.Equal) {
		t.Error("the pages read back differ from those decoded")
	}
	if len(second.Exercises) == 0 || second.Exercises[0].Figure == nil {
		t.Error("no exercise with a figure was read back: the test proves less than it says")
	}

	f = files.Pages[1]
	files.Pages[1] = content.NewFile(f.Path, f.Rel, f.Section, f.ID,
		append([]byte("aliases: [something new]\n"), f.Front()...), f.Body())
	third, _, hits, _ := decode()
	if hits != len(files.Pages)-1 {
		t.Errorf("after one page's front matter changed, %d of %d pages were read back", hits, len(files.Pages))
	}
	if slices.EqualFunc(storedForms(third), storedForms(second), bytes.Equal) {
		t.Error("the changed page was read back as it was")
	}
}

// storedForms is every page of h in its stored form, which holds every
// exported field (see TestStoredRoundTrip).
func storedForms(h *handbook.Handbook) [][]byte {
	out := forms(nil, h.Exercises)
	out = forms(out, h.Conditions)
	out = forms(out, h.Questions)
	out = forms(out, h.Guides)
	out = forms(out, h.Programs)
	return forms(out, h.Pages)
}

func forms[T any](out [][]byte, pages []*T) [][]byte {
	for _, p := range pages {
		out = append(out, encodeDecoded(decodedPage{value: p}))
	}
	return out
}

// A page the load took unread, whose file turns out changed when the
// decoder reads it (an editor saved it during the build), is decoded from
// nothing and not kept by the hashes the load recorded: the build is
// thrown away (see site), and a later one of the file as recorded must not
// take that decode from the cache folder.
func TestFailedReadNotKept(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "content")
	page := filepath.Join(src, "guides", "desk.md")
	text := "---\ntitle: Sitting at a desk\nsummary: How to sit and move through a working day.\n---\n\nMove often.\n"
	for name, s := range map[string]string{"handbook.yaml": "title: T\nlanguage: en\n", "guides/desk.md": text} {
		p := filepath.Join(src, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(s), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if !sysfile.Local(sysfile.DirFS(src)) {
		t.Skip("not on a local file system: no page is taken unread")
	}
	time.Sleep(2100 * time.Millisecond) // the file settles (see content.Record)
	load := func(r *content.Record) *content.Tree {
		t.Helper()
		var errs diag.List
		tree, err := content.LoadAgain(sysfile.DirFS(src), "content", content.Again{Record: r}, &errs)
		if err != nil || len(errs) > 0 {
			t.Fatal(err, errs)
		}
		return tree
	}
	record := filepath.Join(dir, "sources")
	if err := load(nil).WriteRecord(record); err != nil {
		t.Fatal(err)
	}
	unread := load(content.ReadRecord(record))
	if !unread.Pages[0].Unread() {
		t.Fatal("the page was read: the record was not used")
	}
	if err := os.WriteFile(page, []byte(strings.Replace(text, "Sitting", "Standing", 1)), 0o644); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, "decoded")
	var errs diag.List
	NewDiskMemo(cache).Decode(unread, &errs)
	if !unread.Changed() || !unread.Pages[0].ReadFailed() {
		t.Fatal("the changed page was not found changed")
	}
	// the file as it was recorded, in a later build
	if err := os.WriteFile(page, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	m := NewDiskMemo(cache)
	pages, bodies := &counting[decodedPage]{Store: m.pages}, &counting[diag.List]{Store: m.bodies}
	m.pages, m.bodies = pages, bodies
	errs = nil
	h := m.Decode(load(nil), &errs)
	if pages.hits != 0 || bodies.hits != 0 || len(errs) > 0 || len(h.Guides) != 1 || h.Guides[0].Title != "Sitting at a desk" {
		t.Errorf("the page as recorded took %d decodes and %d texts' problems from the cache; problems %v", pages.hits, bodies.hits, errs)
	}
}
