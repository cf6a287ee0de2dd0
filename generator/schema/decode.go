package schema

import (
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"handbook/generator/diag"
	"handbook/generator/handbook"
)

// A decoder turns YAML nodes into typed values, reporting every problem at
// its position in the file.
type decoder struct {
	file  string
	line0 int // the file line of the document's first line, minus one
	errs  *diag.List
	src   []byte   // the text parsed, for what its nodes do not say (see runOn)
	lines []string // src's lines, split once when first needed
}

func (d *decoder) pos(n *yaml.Node) diag.Pos {
	return diag.Pos{File: d.file, Line: d.line0 + n.Line, Col: n.Column}
}

// parse reads text as one YAML mapping. It returns nil, having reported
// why, if text is not a mapping. Empty text is an empty mapping.
func (d *decoder) parse(text []byte) *yaml.Node {
	d.src, d.lines = text, nil
	var doc yaml.Node
	if err := yaml.Unmarshal(text, &doc); err != nil {
		d.yamlError(text, err)
		return nil
	}
	if doc.Kind == 0 || len(doc.Content) == 0 {
		return &yaml.Node{Kind: yaml.MappingNode, Line: 1, Column: 1}
	}
	root := doc.Content[0]
	if root.Kind != yaml.MappingNode {
		d.errs.AddHint(d.pos(root), "write key: value lines", "expected a mapping of keys to values, found %s", kindName(root))
		return nil
	}
	if line, col, ok := lessIndented(text, root.Column); ok {
		// yaml.v3 stops reading there, without an error: the keys after it
		// would be lost without a word
		d.errs.AddHint(diag.Pos{File: d.file, Line: d.line0 + line, Col: col}, "start every key at the first column",
			"this line is indented less than the first key, so YAML would ignore it and every line after it")
		return nil
	}
	return root
}

// lessIndented finds the first line of text, other than blank lines and
// comments, that starts left of column, the first key's column. yaml.v3
// ends the document there without an error.
func lessIndented(text []byte, column int) (line, col int, ok bool) {
	if column <= 1 {
		return 0, 0, false
	}
	for n, l := range bytes.Split(text, []byte("\n")) {
		rest := bytes.TrimLeft(l, " ")
		if t := bytes.TrimSpace(rest); len(t) == 0 || t[0] == '#' {
			continue
		}
		if indent := len(l) - len(rest); indent+1 < column {
			return n + 1, indent + 1, true
		}
	}
	return 0, 0, false
}

func kindName(n *yaml.Node) string {
	switch n.Kind {
	case yaml.MappingNode:
		return "a mapping"
	case yaml.SequenceNode:
		return "a list"
	case yaml.AliasNode:
		return "an alias"
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return "nothing"
		}
		return fmt.Sprintf("%q", n.Value)
	}
	return "a document"
}

// field is one key of a mapping.
type field struct {
	key      string
	required bool
	decode   func(n *yaml.Node)
}

// mapping decodes the keys of n with fields, reporting unknown, repeated
// and missing keys. what names the mapping in messages ("front matter").
func (d *decoder) mapping(n *yaml.Node, what string, fields []field) {
	if n.Kind != yaml.MappingNode {
		d.errs.AddHint(d.pos(n), "write key: value lines, indented under it", "%s must be a mapping, not %s", what, kindName(n))
		return
	}
	seen := map[string]*yaml.Node{}
	suggested := map[string]bool{} // keys named in a "did you mean", not reported missing again
	for i := 0; i+1 < len(n.Content); i += 2 {
		k, v := n.Content[i], n.Content[i+1]
		if k.Kind != yaml.ScalarNode {
			d.errs.Add(d.pos(k), "a key must be plain text")
			continue
		}
		if first, dup := seen[k.Value]; dup {
			d.errs.AddHint(d.pos(k), fmt.Sprintf("first set on line %d; keep one", d.pos(first).Line), "duplicate key %q", k.Value)
			continue
		}
		seen[k.Value] = k
		f := lookup(fields, k.Value)
		if f == nil {
			hint, s := d.keyHint(k.Value, fields)
			suggested[s] = true
			d.errs.AddHint(d.pos(k), hint, "unknown key %q in %s", k.Value, what)
			continue
		}
		if v.Kind == yaml.AliasNode || v.Anchor != "" {
			d.errs.AddHint(d.pos(v), "write the value out in full", "YAML anchors and aliases are not supported")
			continue
		}
		f.decode(v)
	}
	for _, f := range fields {
		if f.required && seen[f.key] == nil && !suggested[f.key] {
			d.errs.AddHint(d.pos(n), "add a line "+f.key+": ...", "missing required key %q in %s", f.key, what)
		}
	}
}

func lookup(fields []field, key string) *field {
	for i := range fields {
		if fields[i].key == key {
			return &fields[i]
		}
	}
	return nil
}

// keyHint suggests the key meant, or lists the allowed ones.
func (d *decoder) keyHint(key string, fields []field) (hint, suggestion string) {
	keys := make([]string, len(fields))
	for i, f := range fields {
		keys[i] = f.key
	}
	if s := diag.Suggest(key, keys); s != "" {
		return fmt.Sprintf("did you mean %q?", s), s
	}
	return "allowed keys: " + strings.Join(keys, ", "), ""
}

// isNull reports whether n is an empty value ("key:" with nothing after).
func isNull(n *yaml.Node) bool {
	return n.Kind == yaml.ScalarNode && n.Tag == "!!null"
}

// placeholder reports a value left as "TODO" by `handbook new`.
func (d *decoder) placeholder(n *yaml.Node, key string) bool {
	if n.Kind == yaml.ScalarNode && strings.HasPrefix(strings.TrimSpace(n.Value), "TODO") {
		d.errs.AddHint(d.pos(n), "replace TODO with real content", "%s is still a placeholder", key)
		return true
	}
	return false
}

// text decodes a non-empty single line or paragraph of text.
func (d *decoder) text(n *yaml.Node, key string) string {
	if d.placeholder(n, key) {
		return ""
	}
	if n.Kind != yaml.ScalarNode || isNull(n) {
		d.errs.AddHint(d.pos(n), "write it as text; quote it if it holds a colon", "%s must be text, not %s", key, kindName(n))
		return ""
	}
	v := strings.TrimSpace(n.Value)
	if v == "" {
		d.errs.Add(d.pos(n), "%s is empty", key)
	}
	return v
}

// list calls item for each element of a list. A missing value is an empty list.
func (d *decoder) list(n *yaml.Node, key string, item func(*yaml.Node)) {
	if isNull(n) {
		return
	}
	if n.Kind != yaml.SequenceNode {
		if d.placeholder(n, key) {
			return
		}
		d.errs.AddHint(d.pos(n), "write it as a list: [a, b] or one '- item' per line", "%s must be a list, not %s", key, kindName(n))
		return
	}
	for _, c := range n.Content {
		if n.Style&yaml.FlowStyle == 0 {
			d.runOn(c, key)
		}
		item(c)
	}
}

// runOn reports item c of a block list if YAML folded into it a line below
// that starts with "- ": an item indented past the others, or a list
// inside an item. YAML reads "- a" with "   - b" under it as the one item
// "a - b", which is never what the author meant.
func (d *decoder) runOn(c *yaml.Node, key string) {
	if c.Kind != yaml.ScalarNode || c.Style != 0 || !strings.Contains(c.Value, " -") {
		return
	}
	if d.lines == nil { // only for a page with an item with " -" in it
		d.lines = strings.Split(string(d.src), "\n")
	}
	lines := d.lines
	if c.Line < 1 || c.Line > len(lines) {
		return
	}
	// the item's continuation lines are indented past its "- "
	dash := indentOf(lines[c.Line-1])
	for i := c.Line; i < len(lines); i++ {
		line := strings.TrimRight(lines[i], "\r")
		at := indentOf(line)
		rest := line[at:]
		if rest == "" || at <= dash || rest[0] == '#' {
			return
		}
		if rest == "-" || strings.HasPrefix(rest, "- ") {
			pos := diag.Pos{File: d.file, Line: d.line0 + i + 1, Col: at + 1}
			d.errs.AddHint(pos, `line up each "- " with the items above it; a list inside an item is not allowed`,
				"%s item runs on into this line, which starts with \"-\": YAML reads the two as one item, %q", key, c.Value)
			return
		}
	}
}

// indentOf is the number of spaces line starts with.
func indentOf(line string) int {
	return len(line) - len(strings.TrimLeft(line, " "))
}

func (d *decoder) texts(n *yaml.Node, key string) []string {
	var out []string
	d.list(n, key, func(c *yaml.Node) {
		if v := d.text(c, key+" item"); v != "" {
			out = append(out, v)
		}
	})
	return out
}

// nonEmptyTexts is texts for a list that must hold at least one item.
func (d *decoder) nonEmptyTexts(n *yaml.Node, key string) []string {
	out := d.texts(n, key)
	if isNull(n) || n.Kind == yaml.SequenceNode && len(n.Content) == 0 {
		d.errs.AddHint(d.pos(n), "add at least one item", "%s is empty", key)
	}
	return out
}

func (d *decoder) enum(n *yaml.Node, key string, vocab []string) string {
	v := d.text(n, key)
	if v == "" {
		return ""
	}
	for _, w := range vocab {
		if v == w {
			return v
		}
	}
	hint := "use one of: " + strings.Join(vocab, ", ")
	if s := diag.Suggest(v, vocab); s != "" {
		hint = fmt.Sprintf("did you mean %q?", s)
	}
	d.errs.AddHint(d.pos(n), hint, "%s %q is not allowed", key, v)
	return ""
}

func (d *decoder) enums(n *yaml.Node, key string, vocab []string) []string {
	var out []string
	d.list(n, key, func(c *yaml.Node) {
		if v := d.enum(c, key, vocab); v != "" {
			out = append(out, v)
		}
	})
	return out
}

func (d *decoder) integer(n *yaml.Node, key string, lo, hi int) int {
	if d.placeholder(n, key) {
		return 0
	}
	i, err := strconv.Atoi(n.Value)
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" || err != nil || i < lo || i > hi {
		d.errs.Add(d.pos(n), "%s must be a whole number from %d to %d, not %s", key, lo, hi, kindName(n))
		return 0
	}
	return i
}

func (d *decoder) boolean(n *yaml.Node, key string) bool {
	if n.Kind != yaml.ScalarNode || n.Tag != "!!bool" {
		d.errs.AddHint(d.pos(n), "write true or false", "%s must be true or false, not %s", key, kindName(n))
		return false
	}
	return n.Value == "true" || n.Value == "True" || n.Value == "TRUE"
}

var (
	wholeRange  = regexp.MustCompile(`^(\d+)(?:\s*-\s*(\d+))?$`)
	numberRange = regexp.MustCompile(`^(\d+(?:\.\d+)?)(?:\s*-\s*(\d+(?:\.\d+)?))?$`)
)

// amount decodes a number or a range such as "8-12", kept as written
// with spaces removed. decimals allows numbers such as 2.5.
func (d *decoder) amount(n *yaml.Node, key, unit string, decimals bool) string {
	if d.placeholder(n, key) {
		return ""
	}
	re := wholeRange
	if decimals {
		re = numberRange
	}
	m := re.FindStringSubmatch(strings.TrimSpace(n.Value))
	if n.Kind != yaml.ScalarNode || m == nil {
		d.errs.AddHint(d.pos(n), fmt.Sprintf(`write a number of %s, or a range in quotes such as "8-12"`, unit),
			"%s must be a number or a range, not %s", key, kindName(n))
		return ""
	}
	if m[2] != "" {
		lo, _ := strconv.ParseFloat(m[1], 64)
		hi, _ := strconv.ParseFloat(m[2], 64)
		if lo >= hi {
			d.errs.AddHint(d.pos(n), "write the smaller number first", "%s range %q is empty", key, n.Value)
			return ""
		}
		return m[1] + "-" + m[2]
	}
	return m[1]
}

// refs decodes a list of page ids. qualified ids are "section/id".
func (d *decoder) refs(n *yaml.Node, key string) []handbook.Ref {
	var out []handbook.Ref
	d.list(n, key, func(c *yaml.Node) {
		if v := d.text(c, key+" item"); v != "" {
			out = append(out, handbook.Ref{ID: v, Pos: d.pos(c)})
		}
	})
	return out
}

func (d *decoder) dose(n *yaml.Node, key string) handbook.Dose {
	var dose handbook.Dose
	if isNull(n) {
		return dose
	}
	d.mapping(n, key, []field{
		{key: "sets", decode: func(n *yaml.Node) { dose.Sets = d.integer(n, "sets", 1, 20) }},
		{key: "reps", decode: func(n *yaml.Node) { dose.Reps = d.amount(n, "reps", "repetitions", false) }},
		{key: "hold", decode: func(n *yaml.Node) { dose.Hold = d.amount(n, "hold", "seconds", false) }},
		{key: "rest", decode: func(n *yaml.Node) { dose.Rest = d.integer(n, "rest", 0, 3600) }},
		{key: "duration", decode: func(n *yaml.Node) { dose.Duration = d.amount(n, "duration", "minutes", true) }},
		{key: "frequency", decode: func(n *yaml.Node) { dose.Frequency = d.text(n, "frequency") }},
		{key: "each-side", decode: func(n *yaml.Node) { dose.EachSide = d.boolean(n, "each-side") }},
	})
	return dose
}
