package render

import (
	"crypto/sha256"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strings"
	"sync"

	"go.yaml.in/yaml/v3"

	"handbook/generator/diag"
)

// The words of the layouts, the scripts and the figures, in each language,
// live in string files beside the layouts: layouts/strings/LANG/*.yaml,
// each a mapping of key to words, the files of a language read as one.
// English (en) is the reference: every key the layouts ({{t "key"}}), the
// scripts (HB_T("key")) and the generator use must be in it, and every
// other language must have every key English has, or the build stops
// with the place that uses it.
//
// A string may hold %s, %d or %v, filled in order by the arguments given
// with it; a string whose key ends in ".one" or ".other" is one form of a
// count's plural, chosen by tn ({{tn "pages" 3}} reads "pages.other").

// StringsDir is the folder of the string files in the layouts.
const StringsDir = "strings"

// Strings are the words of one language.
type Strings struct {
	Code  string // the folder: "en", "es"
	words map[string]string
	pos   map[string]diag.Pos
	// missing are the keys asked for that the files lack: the layouts'
	// and scripts' are checked before a page is made (CheckStrings); the
	// generator's own are known only when it asks (see Missing)
	mu      sync.Mutex
	missing map[string]bool
}

// T returns the words of key, with args filled in. A key it lacks (a
// mistake that CheckStrings reports before any page is made) reads as
// the key itself.
func (s *Strings) T(key string, args ...any) string {
	w, ok := s.words[key]
	if !ok {
		s.mu.Lock()
		if s.missing == nil {
			s.missing = map[string]bool{}
		}
		s.missing[key] = true
		s.mu.Unlock()
		return key
	}
	if len(args) == 0 {
		return w
	}
	return fmt.Sprintf(w, args...)
}

// N returns the form of key's plural for n, with n and args filled in.
func (s *Strings) N(key string, n int, args ...any) string {
	form := key + ".other"
	if n == 1 {
		form = key + ".one"
	}
	return s.T(form, append([]any{n}, args...)...)
}

// Missing lists, sorted, the keys asked for so far that s lacks.
func (s *Strings) Missing() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := make([]string, 0, len(s.missing))
	for k := range s.missing {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Keys lists every key of s, sorted.
func (s *Strings) Keys() []string {
	out := make([]string, 0, len(s.words))
	for k := range s.words {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// Has reports whether s has key; a nil Strings has none.
func (s *Strings) Has(key string) bool {
	if s == nil {
		return false
	}
	_, ok := s.words[key]
	return ok
}

// Script returns the strings of the scripts (keys starting "js."), as
// the file assets/strings.js that every page loads before its scripts.
func (s *Strings) Script() []byte {
	var keys []string
	for k := range s.words {
		if strings.HasPrefix(k, "js.") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b strings.Builder
	b.WriteString("// The words of the scripts, in this language (made from layouts/strings).\n")
	b.WriteString("var HB_STRINGS = Object.freeze(Object.assign(Object.create(null), {\n")
	for i, k := range keys {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "%s: %s", jsString(strings.TrimPrefix(k, "js.")), jsString(s.words[k]))
	}
	b.WriteString("\n}));\n")
	b.WriteString(`function HB_T(key) {
  var w = HB_STRINGS[key.replace(/^js\./, "")];
  if (w === undefined) return key;
  var args = Array.prototype.slice.call(arguments, 1), i = 0;
  return w.replace(/%[sdv]/g, function () { return i < args.length ? String(args[i++]) : ""; });
}
function HB_TN(key, n) {
  return HB_T.apply(null, [key + (n === 1 ? ".one" : ".other")].concat(Array.prototype.slice.call(arguments, 1)));
}
`)
	return []byte(b.String())
}

// jsString is s as a JavaScript string literal, safe inside a script.
func jsString(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"' || r == '\\':
			b.WriteByte('\\')
			b.WriteRune(r)
		case r == '\n':
			b.WriteString(`\n`)
		case r < 0x20 || r == '<' || r == '>' || r == '&' || r == 0x2028 || r == 0x2029:
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}

// LoadStrings reads the string files of the language code ("es", or
// "en-gb", which falls back to "en") from the layouts; problems in them
// are added to errs with their positions. It returns nil when the
// language has no folder of strings.
func LoadStrings(layouts fs.FS, code string, errs *diag.List) *Strings {
	return LoadStringsFrom(layouts, "layouts", code, errs)
}

// LoadStringsFrom is LoadStrings with the layouts' folder named name in
// messages.
func LoadStringsFrom(layouts fs.FS, name, code string, errs *diag.List) *Strings {
	code = strings.ToLower(code)
	dir := path.Join(StringsDir, code)
	files, _ := fs.Glob(layouts, dir+"/*.yaml")
	if len(files) == 0 {
		if base, _, ok := strings.Cut(code, "-"); ok {
			return LoadStringsFrom(layouts, name, base, errs)
		}
		return nil
	}
	texts := make([][]byte, len(files))
	h := sha256.New()
	for i, file := range files {
		b, err := fs.ReadFile(layouts, file)
		if err != nil {
			errs.Add(diag.Pos{File: path.Join(name, file)}, "%v", err)
			continue
		}
		texts[i] = b
		fmt.Fprintf(h, "%s\x00%d\x00", path.Join(name, file), len(b))
		h.Write(b)
	}
	var key [32]byte
	h.Sum(key[:0])
	// the words and the problems found in them, kept for the next build;
	// each build gets its own Strings, for the keys it finds missing
	type read struct {
		words map[string]string
		pos   map[string]diag.Pos
		errs  diag.List
	}
	r := stringsMemo.get(key, func() any {
		s := &Strings{words: map[string]string{}, pos: map[string]diag.Pos{}}
		var mine diag.List
		for i, file := range files {
			if texts[i] != nil {
				s.read(path.Join(name, file), texts[i], &mine)
			}
		}
		return &read{s.words, s.pos, mine}
	}).(*read)
	*errs = append(*errs, r.errs...)
	return &Strings{Code: code, words: r.words, pos: r.pos}
}

var stringKey = regexp.MustCompile(`^[a-z0-9]+([.-][a-z0-9]+)*$`)

func (s *Strings) read(file string, b []byte, errs *diag.List) {
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		errs.AddHint(diag.Pos{File: file, Line: 1, Col: 1}, "each line is key: words", "%v", err)
		return
	}
	if len(root.Content) == 0 {
		return
	}
	m := root.Content[0]
	if m.Kind != yaml.MappingNode {
		errs.AddHint(diag.Pos{File: file, Line: m.Line, Col: m.Column}, "each line is key: words", "a string file is a mapping of keys to words")
		return
	}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		pos := diag.Pos{File: file, Line: k.Line, Col: k.Column}
		switch {
		case !stringKey.MatchString(k.Value):
			errs.AddHint(pos, "use lower-case words joined by dots and hyphens", "string key %q is not valid", k.Value)
		case v.Kind != yaml.ScalarNode || v.Tag == "!!null":
			errs.AddHint(pos, "write the words after the colon, quoted if they hold a colon", "string %q has no words", k.Value)
		default:
			if first, dup := s.pos[k.Value]; dup {
				errs.AddHint(pos, "keep one", "string %q is also at %s", k.Value, first)
				continue
			}
			s.words[k.Value], s.pos[k.Value] = v.Value, pos
		}
	}
}

// used finds the keys of the strings that layouts and scripts use, with
// where each is first used: {{t "key"}} and {{tn "key" n}} in layouts,
// HB_T("key") and HB_TN("key", n) in scripts.
var usedKey = regexp.MustCompile(`(?:\{\{-?\s*(?:[^{}]*[\s(])?tn?\s+|HB_TN?\(\s*)"([^"]+)"`)

// Use is a place that uses a string.
type Use struct {
	Key string
	Pos diag.Pos
	N   bool // a plural, with .one and .other forms
}

// Uses lists every use of a string in the files of fsys matching glob,
// named in messages as prefix/name.
func Uses(fsys fs.FS, glob, prefix string) ([]Use, error) {
	names, err := fs.Glob(fsys, glob)
	if err != nil {
		return nil, err
	}
	var out []Use
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, err
		}
		file := path.Join(prefix, name)
		key := sha256.Sum256(append([]byte(file+"\x00"), b...))
		uses := usesMemo.get(key, func() any { return usesIn(b, file) }).([]Use)
		out = append(out, uses...)
	}
	return out, nil
}

// usesIn finds the uses of strings in the text b of file, in one pass.
func usesIn(b []byte, file string) []Use {
	var out []Use
	line, lineStart, at := 1, 0, 0
	for _, m := range usedKey.FindAllSubmatchIndex(b, -1) {
		for ; at < m[2]; at++ {
			if b[at] == '\n' {
				line, lineStart = line+1, at+1
			}
		}
		whole := string(b[m[0]:m[2]])
		n := strings.Contains(whole, "tn ") || strings.Contains(whole, "HB_TN(")
		out = append(out, Use{Key: string(b[m[2]:m[3]]), Pos: diag.Pos{File: file, Line: line, Col: m[2] - lineStart + 1}, N: n})
	}
	return out
}

// usesMemo and stringsMemo keep, for the whole process (serve's builds),
// what a file or a language's files gave, by a hash of their names and
// bytes: reading them again is cheap, parsing them is not. Each holds a
// few dozen entries at the most, then starts again.
var usesMemo, stringsMemo = &byHash{}, &byHash{}

type byHash struct {
	mu sync.Mutex
	m  map[[32]byte]any
}

func (c *byHash) get(key [32]byte, make func() any) any {
	c.mu.Lock()
	v, ok := c.m[key]
	c.mu.Unlock()
	if ok {
		return v
	}
	v = make()
	c.mu.Lock()
	if c.m == nil || len(c.m) >= 256 {
		c.m = map[[32]byte]any{}
	}
	c.m[key] = v
	c.mu.Unlock()
	return v
}

// CheckStrings reports each key used that lang lacks, at its first use,
// and each key of lang that English, the reference, lacks. Keys used by
// the generator itself are given with uses as well.
func CheckStrings(lang, ref *Strings, uses []Use, langName string, errs *diag.List) {
	seen := map[string]bool{}
	for _, u := range uses {
		forms := []string{u.Key}
		if u.N {
			forms = []string{u.Key + ".one", u.Key + ".other"}
		}
		for _, k := range forms {
			if seen[k] || lang.Has(k) {
				continue
			}
			seen[k] = true
			hint := fmt.Sprintf("add %s: to a file of layouts/strings/%s/", k, lang.Code)
			if w, ok := ref.words[k]; ok && ref != lang {
				hint += fmt.Sprintf(" (in English, %s: %q)", ref.pos[k], w)
			}
			errs.AddHint(u.Pos, hint, "no %s string %q", langName, k)
		}
	}
	if ref == lang {
		return
	}
	var missing []string
	for k := range ref.words {
		if !seen[k] && !lang.Has(k) {
			missing = append(missing, k)
		}
	}
	sort.Strings(missing)
	for _, k := range missing {
		errs.AddHint(ref.pos[k], fmt.Sprintf("add %s: to a file of layouts/strings/%s/", k, lang.Code),
			"no %s string %q (in English: %q)", langName, k, ref.words[k])
	}
	for k, p := range lang.pos {
		if !ref.Has(k) {
			errs.AddHint(p, "remove it, or add it to layouts/strings/en/ first", "string %q is not one of the English strings", k)
		}
	}
}
