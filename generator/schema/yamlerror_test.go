package schema

import (
	"bytes"
	"testing"
)

// Each case is front matter that yaml.v3 rejects, with the one error it
// must give: at the mistake, with the hint for that mistake. Front matter
// starts on line 2 of the file.
var yamlErrorCases = []struct {
	name, front, want string
}{
	{"key indented under a value", "title: Plank\n  summary: Hold.\n",
		"p.md:3:3: invalid YAML: mapping values are not allowed in this context (indent this key like the keys above it)"},
	{"key one space deeper than its siblings", "title: Plank\ndose:\n  reps: 10\n   hold: 5\n",
		"p.md:5:4: invalid YAML: mapping values are not allowed in this context (indent this key like the keys above it)"},
	{"key between two levels", "title: Plank\ndose:\n  reps: 10\n hold: 5\n",
		"p.md:5:2: invalid YAML: did not find expected key (indent this key like the keys above it)"},
	{"item deeper than its siblings", "title: Plank\nsteps:\n  - Lie down.\n   - note: slowly\n",
		"p.md:5:4: invalid YAML: mapping values are not allowed in this context (indent this item like the items above it)"},
	{"item between two levels", "title: Plank\nsteps:\n  - Lie down.\n - Lift.\n",
		"p.md:5:2: invalid YAML: did not find expected key (indent this item like the items above it)"},
	{"block text less indented than its first line", "title: Plank\nsummary: |\n  Hold.\n Breathe.\n",
		"p.md:5:2: invalid YAML: did not find expected key (indent this line like the lines above it)"},
	{"list after a key with a value", "title: Plank\nsummary: Hold.\n- Breathe.\n",
		"p.md:4:1: invalid YAML: did not find expected key (put a list under a key that has nothing after its colon)"},
	{"tab reported a line early by yaml.v3", "title: Plank\ndose:\n  reps: 10\n\thold: 5\n",
		"p.md:5:1: invalid YAML: found a tab character that violates indentation (indent with spaces, not tabs)"},
	{"tab before a nested key", "title: Plank\ndose:\n\treps: 10\n",
		"p.md:4:1: invalid YAML: found character that cannot start any token (indent with spaces, not tabs)"},
	{"value starting with @", "title: @home\nsummary: Hold.\n",
		"p.md:2:8: invalid YAML: found character that cannot start any token (quote a value that starts with @ or `)"},
	{"colon in a value", "title: Plank: the basics\nsummary: Hold.\n",
		"p.md:2:13: invalid YAML: mapping values are not allowed in this context (quote a value that contains a colon)"},
	{"colon in a later value", "title: Plank\nsummary: Note: hold it.\n",
		"p.md:3:14: invalid YAML: mapping values are not allowed in this context (quote a value that contains a colon)"},
	{"missing colon", "title Plank\nsummary: Hold.\n",
		"p.md:2:1: invalid YAML: mapping values are not allowed in this context (write key: value, with a colon after the key)"},
	{"text after a quoted value", "title: \"Plank\" basics\nsummary: Hold.\n",
		"p.md:2:16: invalid YAML: did not find expected key (put the whole value inside the quotes)"},
	{"unclosed quote", "title: \"Plank\nsummary: Hold.\n",
		"p.md:2:8: invalid YAML: found unexpected end of stream (close the quote opened on line 2)"},
	{"unclosed quote closed by the next value", "title: 'Plank\nsummary: 'Hold.'\n",
		"p.md:2:8: invalid YAML: did not find expected key (close the quote opened on line 2)"},
	{"unclosed bracket", "title: Plank\nsummary: [Hold\n",
		"p.md:3:10: invalid YAML: did not find expected ',' or ']' (close the [ opened on line 3 with ])"},
	{"bracket closed by the wrong one", "title: Plank\nrelated: [a, {b: c]\n",
		"p.md:3:14: invalid YAML: did not find expected ',' or '}' (close the { opened on line 3 with })"},
	{"first key indented, the next not: yaml.v3 drops it silently", "  title: Plank\nsummary: Hold.\n",
		"p.md:3:1: this line is indented less than the first key, so YAML would ignore it and every line after it (start every key at the first column)"},
	{"anything else: yaml.v3's line", "title: Plank\n%directive\n",
		"p.md:3:1: invalid YAML: found unknown directive name (check the YAML syntax)"},
}

func TestYAMLErrors(t *testing.T) {
	for _, c := range yamlErrorCases {
		t.Run(c.name, func(t *testing.T) {
			_, errs := decodeOne("guides", c.front)
			if got := errs.Error(); got != c.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, c.want)
			}
		})
	}
}

// FuzzYAMLMistakes checks that the scan never panics and only points
// inside the text.
func FuzzYAMLMistakes(f *testing.F) {
	for _, c := range yamlErrorCases {
		f.Add([]byte(c.front))
	}
	f.Add([]byte("a: |\n  x\n\n b\n- - c: [\"d\n  e', {f: g}]\n\r\n"))
	f.Fuzz(func(t *testing.T, text []byte) {
		lines := bytes.Split(text, []byte("\n"))
		for _, s := range yamlMistakes(text) {
			if s.line == 0 {
				continue
			}
			if s.line > len(lines) || s.col < 1 || s.col > len(lines[s.line-1])+1 {
				t.Fatalf("%q: mistake %d at %d:%d, outside the text", text, s.kind, s.line, s.col)
			}
			_ = s.hint(1)
		}
		for _, c := range causes {
			yamlMistake(text, c.problem)
		}
	})
}
