package render

import (
	"crypto/sha256"
	"encoding/binary"
	"hash"
	"math"
	"reflect"
	"slices"
	"strings"
	"sync"

	"handbook/generator/handbook"
	"handbook/generator/memo"
)

// viewHash writes a value the layouts read into a byte string that two
// values share only when a layout could tell no difference between them:
// every exported field, in order, with lengths before strings and lists, a
// mark for nil, and map entries by sorted key. Unexported fields are
// skipped, as the layouts cannot read them; so are fields tagged json:"-".
// It is the page key's encoding: JSON did the same job at several times the
// cost, escaping every string it wrote.
type viewHash struct {
	buf memo.Buffer
	// w, if set, takes what buf holds whenever it grows past spillAt, and
	// long strings at once, so a large view is never copied whole; the
	// caller writes what is left in buf to w at the end
	w     hash.Hash
	depth int
	// shared, if set, keeps the hash of each value of the handbook model
	// hashed so far, by address: many pages show the same exercise, and
	// the model does not change while the pages are laid out
	shared *sync.Map
}

// modelPkg is the package of the handbook model, whose values are shared
// between pages' views.
var modelPkg = reflect.TypeFor[handbook.Page]().PkgPath()

// sharedViews are the types of views' parts that many pages share, made
// once per build and kept by the builder to its end, unchanged: each is
// hashed once per build, like the model's values.
var sharedViews = map[reflect.Type]bool{reflect.TypeFor[*planView](): true}

// maxViewDepth bounds how deep views nest; past it a value is taken to
// contain a cycle and is not hashed.
const maxViewDepth = 64

// spillAt is how much of a view buf holds before it goes to w.
const spillAt = 8 << 10

// str appends s, with its length before it.
func (h *viewHash) str(s string) {
	h.buf.Int(len(s))
	for h.w != nil && len(h.buf)+len(s) > spillAt {
		n := max(spillAt-len(h.buf), 0)
		h.buf = append(h.buf, s[:n]...)
		s = s[n:]
		h.w.Write(h.buf)
		h.buf = h.buf[:0]
	}
	h.buf = append(h.buf, s...)
}

// viewBufs are viewHash buffers for page keys, one per page laid out at
// a time.
var viewBufs = sync.Pool{New: func() any { b := make(memo.Buffer, 0, spillAt+spillAt/8); return &b }}

// add appends v; it returns false for what cannot be hashed: functions,
// channels, maps with keys other than strings, structs whose fields are
// all unexported (such as time.Time), and cycles.
func (h *viewHash) add(v reflect.Value) bool {
	switch v.Kind() {
	case reflect.String:
		h.str(v.String())
	case reflect.Bool:
		if v.Bool() {
			h.buf = append(h.buf, 1)
		} else {
			h.buf = append(h.buf, 0)
		}
	case reflect.Int, reflect.Int8, reflect.Int16, reflect.Int32, reflect.Int64:
		h.buf = binary.AppendVarint(h.buf, v.Int())
	case reflect.Uint, reflect.Uint8, reflect.Uint16, reflect.Uint32, reflect.Uint64, reflect.Uintptr:
		h.buf = binary.AppendUvarint(h.buf, v.Uint())
	case reflect.Float32, reflect.Float64:
		h.buf = binary.LittleEndian.AppendUint64(h.buf, math.Float64bits(v.Float()))
	case reflect.Pointer, reflect.Interface:
		if v.IsNil() {
			h.buf = append(h.buf, 0)
			return true
		}
		h.buf = append(h.buf, 1)
		if v.Kind() == reflect.Interface {
			h.buf.Str(v.Elem().Type().String())
		} else if h.shared != nil && (v.Type().Elem().PkgPath() == modelPkg || sharedViews[v.Type()]) {
			return h.model(v)
		}
		return h.nested(v.Elem())
	case reflect.Slice, reflect.Array:
		if v.Kind() == reflect.Slice && v.Type().Elem().Kind() == reflect.Uint8 {
			h.str(string(v.Bytes()))
			return true
		}
		h.buf.Int(v.Len())
		for i := range v.Len() {
			if !h.nested(v.Index(i)) {
				return false
			}
		}
	case reflect.Map:
		if v.Type().Key().Kind() != reflect.String {
			return false
		}
		keys := v.MapKeys()
		slices.SortFunc(keys, func(a, b reflect.Value) int { return strings.Compare(a.String(), b.String()) })
		h.buf.Int(len(keys))
		for _, k := range keys {
			h.buf.Str(k.String())
			if !h.nested(v.MapIndex(k)) {
				return false
			}
		}
	case reflect.Struct:
		shown := shownFields(v.Type())
		if len(shown) == 0 && v.NumField() > 0 {
			return false // such as time.Time: what it holds is not visible here
		}
		for _, i := range shown {
			if !h.nested(v.Field(i)) {
				return false
			}
		}
	default: // functions, channels, unsafe pointers, complex numbers
		return false
	}
	return true
}

func (h *viewHash) nested(v reflect.Value) bool {
	if h.depth >= maxViewDepth {
		return false
	}
	h.depth++
	ok := h.add(v)
	h.depth--
	return ok
}

// model appends the hash of the model value (or shared view, see
// sharedViews) p points at, hashed once per build.
func (h *viewHash) model(p reflect.Value) bool {
	type at struct {
		t    reflect.Type
		addr uintptr
	}
	k := at{p.Type(), p.Pointer()}
	if sum, ok := h.shared.Load(k); ok {
		if sum == nil {
			return false
		}
		h.buf = append(h.buf, sum.([]byte)...)
		return true
	}
	sub := viewHash{depth: h.depth, shared: h.shared, w: sha256.New()}
	if !sub.nested(p.Elem()) {
		h.shared.Store(k, nil)
		return false
	}
	sub.w.Write(sub.buf)
	sum := sub.w.Sum(nil)
	h.shared.Store(k, sum)
	h.buf = append(h.buf, sum[:]...)
	return true
}

// shownFields is the indexes of a struct type's fields a layout can read.
func shownFields(t reflect.Type) []int {
	if f, ok := fieldCache.Load(t); ok {
		return f.([]int)
	}
	var out []int
	for i := range t.NumField() {
		f := t.Field(i)
		if (f.IsExported() || f.Anonymous) && f.Tag.Get("json") != "-" {
			out = append(out, i)
		}
	}
	fieldCache.Store(t, out)
	return out
}

var fieldCache sync.Map // reflect.Type -> []int
