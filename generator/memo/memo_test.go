package memo

import "testing"

// A value is kept while builds use it and forgotten after one that does not.
func TestMap(t *testing.T) {
	m := New[string]()
	a, b := [32]byte{1}, [32]byte{2}
	m.Put(a, "a")
	m.Put(b, "b")
	m.Prune() // both used by this build
	if _, ok := m.Get(a); !ok {
		t.Fatal("a forgotten while used")
	}
	m.Prune() // b not used by the last build
	if _, ok := m.Get(b); ok {
		t.Fatal("b kept though unused")
	}
	if v, ok := m.Get(a); !ok || v != "a" {
		t.Fatalf("a = %q, %v", v, ok)
	}
	var none *Map[string]
	none.Put(a, "x")
	if _, ok := none.Get(a); ok {
		t.Fatal("a nil map kept a value")
	}
	none.Prune()
}
