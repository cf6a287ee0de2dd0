package site

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// catalogue is the hardening catalogue: bad or unusual inputs, each with
// its exact outcome. "" means a clean build. The check cases of
// checks_test.go belong to it too.
var catalogue = []struct {
	name  string
	setup func(t *testing.T, root string) // changes the written base tree
	want  []string
	page  string // with a clean build: a page that must be there
}{
	{"yaml: bad indentation", overlay("guides/warming-up.md", "---\ntitle: Warming up\n  summary: Easy.\n---\n"), []string{
		"content/guides/warming-up.md:3:3: invalid YAML: mapping values are not allowed in this context (indent this key like the keys above it)",
	}, ""},
	{"yaml: unclosed quote", overlay("guides/warming-up.md", "---\ntitle: \"Warming up\nsummary: Easy.\n---\n"), []string{
		"content/guides/warming-up.md:2:8: invalid YAML: found unexpected end of stream (close the quote opened on line 2)",
	}, ""},
	{"yaml: a list where a map belongs", overlay("exercises/glute-bridge.md", strings.Replace(baseTree()["exercises/glute-bridge.md"], "dose:\n  reps: 10\n  hold: 3\n", "dose: [10, 3]\n", 1)), []string{
		"content/exercises/glute-bridge.md:9:7: dose must be a mapping, not a list (write key: value lines, indented under it)",
	}, ""},
	{"yaml: front matter is a list", overlay("guides/warming-up.md", "---\n- title\n- summary\n---\n"), []string{
		"content/guides/warming-up.md:2:1: expected a mapping of keys to values, found a list (write key: value lines)",
	}, ""},
	{"yaml: anchors and aliases", overlay("guides/warming-up.md", "---\ntitle: &t Warming up\nsummary: *t\n---\n"), []string{
		"content/guides/warming-up.md:2:8: YAML anchors and aliases are not supported (write the value out in full)",
		"content/guides/warming-up.md:3:10: YAML anchors and aliases are not supported (write the value out in full)",
	}, ""},
	{"front matter only", overlay("guides/warming-up.md", "---\ntitle: Warming up\nsummary: Easy.\n---\n"), nil, "guides/warming-up.html"},
	{"empty front matter", overlay("guides/warming-up.md", "---\n---\n"), []string{
		"content/guides/warming-up.md:2:1: missing required key \"summary\" in guide front matter (add a line summary: ...)",
		"content/guides/warming-up.md:2:1: missing required key \"title\" in guide front matter (add a line title: ...)",
	}, ""},
	{"empty file", overlay("guides/warming-up.md", "\n"), []string{
		"content/guides/warming-up.md:1:1: empty file (a page starts with front matter between two lines of ---)",
	}, ""},
	{"front matter closed with ...", overlay("guides/warming-up.md", "---\ntitle: Warming up\nsummary: Easy.\n...\nText.\n"), nil, "guides/warming-up.html"},
	{"byte-order mark, error on line 3", overlay("guides/warming-up.md", "\ufeff---\ntitle: Warming up\nsumary: Easy.\n---\n"), []string{
		"content/guides/warming-up.md:3:1: unknown key \"sumary\" in guide front matter (did you mean \"summary\"?)",
	}, ""},
	{"CRLF line endings, error on line 3", overlay("guides/warming-up.md", "---\r\ntitle: Warming up\r\nsumary: Easy.\r\n---\r\n"), []string{
		"content/guides/warming-up.md:3:1: unknown key \"sumary\" in guide front matter (did you mean \"summary\"?)",
	}, ""},
	{"lone CR line endings, error on line 3", overlay("guides/warming-up.md", "---\rtitle: Warming up\rsumary: Easy.\r---\r"), []string{
		"content/guides/warming-up.md:3:1: unknown key \"sumary\" in guide front matter (did you mean \"summary\"?)",
	}, ""},
	{"invalid UTF-8", overlay("guides/warming-up.md", "---\ntitle: Warming up\nsummary: Caf\xe9 time.\n---\n"), []string{
		"content/guides/warming-up.md:3:13: invalid UTF-8 byte 0xe9 (save the file as UTF-8)",
	}, ""},
	{"NUL byte", overlay("guides/warming-up.md", "---\ntitle: Warming up\nsummary: Easy.\n---\n\nText\x00more.\n"), []string{
		"content/guides/warming-up.md:6:5: NUL byte in text (remove it; it is often left by a copy from a binary file)",
	}, ""},
	{"a line of 100,000 characters", overlay("guides/warming-up.md", "---\ntitle: Warming up\nsummary: Easy.\n---\n\n"+strings.Repeat("word ", 20000)+"\n"), nil, "guides/warming-up.html"},
	{"a 10 MB page", overlay("guides/warming-up.md", "---\ntitle: Warming up\nsummary: Easy.\n---\n\n"+strings.Repeat("A long paragraph of text. ", 400000)), []string{
		"content/guides/warming-up.md:1:1: warming-up.md is 9.9 MB; a page may be at most 4 MB (split it into several pages)",
	}, ""},
	{"lists nested 500 deep", overlay("guides/warming-up.md", "---\ntitle: Warming up\nsummary: Easy.\n---\n\n"+nested("- ", 500)), nil, "guides/warming-up.html"},
	{"block quotes nested 100 deep", overlay("guides/warming-up.md", "---\ntitle: Warming up\nsummary: Easy.\n---\n\n"+strings.Repeat("> ", 100)+"deep\n"), nil, "guides/warming-up.html"},
	{"block quotes nested 500 deep", overlay("guides/warming-up.md", "---\ntitle: Warming up\nsummary: Easy.\n---\n\n"+strings.Repeat("> ", 500)+"deep\n"), []string{
		"content/guides/warming-up.md:6:1: block quotes nested 500 deep (nest them at most 100 deep)",
	}, ""},
	{"10,000 links on one page", overlay("guides/warming-up.md", "---\ntitle: Warming up\nsummary: Easy.\n---\n\n"+strings.Repeat("[rest](../faq/rest.md) ", 10000)+"\n"), nil, "guides/warming-up.html"},
	{"id with a space", rename("guides/warming-up.md", "guides/warming up.md"), []string{
		"content/about.md:6:17: link to missing page \"guides/warming-up.md\" (link to the .md file of a page that exists)",
		"content/decide.yaml:38:11: page: no page \"guides/warming-up\" (check the spelling)",
		"content/faq/rest.md:4:11: related: no such page \"guides/warming-up\" (check the spelling against the file names)",
		"content/guides/warming up.md:1:1: page id \"warming up\" must be lower-case letters, digits and single hyphens (rename the file to warming-up.md)",
	}, ""},
	{"id with an accent", rename("guides/warming-up.md", "guides/échauffement.md"), []string{
		"content/about.md:6:17: link to missing page \"guides/warming-up.md\" (link to the .md file of a page that exists)",
		"content/decide.yaml:38:11: page: no page \"guides/warming-up\" (check the spelling)",
		"content/faq/rest.md:4:11: related: no such page \"guides/warming-up\" (check the spelling against the file names)",
		"content/guides/échauffement.md:1:1: page id \"échauffement\" must be lower-case letters, digits and single hyphens (rename the file to echauffement.md)",
	}, ""},
	{"id with a dot", rename("guides/warming-up.md", "guides/warming.up.md"), []string{
		"content/about.md:6:17: link to missing page \"guides/warming-up.md\" (link to the .md file of a page that exists)",
		"content/decide.yaml:38:11: page: no page \"guides/warming-up\" (check the spelling)",
		"content/faq/rest.md:4:11: related: no such page \"guides/warming-up\" (check the spelling against the file names)",
		"content/guides/warming.up.md:1:1: page id \"warming.up\" must be lower-case letters, digits and single hyphens (rename the file to warming-up.md)",
	}, ""},
	{"a file that is not .md in a section is copied", overlay("guides/photo.png", "\x89PNG fake"), nil, "guides/photo.png"},
	{"hidden files and editor backups are ignored", overlay("guides/.DS_Store", "x", "guides/warming-up.md~", "backup"), nil, "guides/warming-up.html"},
	{"a symlink pointing outside content", symlink("guides/secret.md", "/etc/passwd"), []string{
		"content/guides/secret.md:1:1: symbolic links are not followed (copy the file into the content folder instead)",
	}, ""},
	{"an image escaping content", overlay("about.md", "---\ntitle: About\nsummary: What this is.\n---\n\n![x](../../outside.png)\n"), []string{
		"content/about.md:6:1: link \"../../outside.png\" leads outside the content folder (link only to pages and files inside the content folder)",
	}, ""},
	{"a missing image", overlay("about.md", "---\ntitle: About\nsummary: What this is.\n---\n\n![x](pictures/missing.png)\n"), []string{
		"content/about.md:6:1: link to missing file \"pictures/missing.png\" (put the file in the content folder, or fix the path)",
	}, ""},
	{"a page linking to itself", overlay("about.md", "---\ntitle: About\nsummary: What this is.\n---\n\n## Part\n\nSee [this page](about.md) and [this part](about.md#part).\n"), nil, "about.html"},
	{"a javascript: link", overlay("about.md", "---\ntitle: About\nsummary: What this is.\n---\n\n[click](javascript:alert(1))\n"), []string{
		"content/about.md:6:1: link \"javascript:alert(1)\": only http, https, mailto and tel addresses are allowed (link to a page with its .md file, or to a web address)",
	}, ""},
	{"raw HTML is shown as text", overlay("about.md", "---\ntitle: About\nsummary: What this is.\n---\n\n<img src=x onerror=alert(1)>\n"), nil, "about.html"},
	{"allow-html: a picture with an onerror handler", overlay("handbook.yaml", "title: Test handbook\nlanguage: en\nallow-html: true\n",
		"about.md", "---\ntitle: About\nsummary: What this is.\n---\n\n<img src=\"x.png\" alt=\"\" onerror=\"alert(1)\">\n\nText <a href=\"JavaScript:alert(1)\">here</a>.\n\n<details>\n<summary>More</summary>\n\n<script>alert(1)</script>\n</details>\n"), []string{
		"content/about.md:6:1: attribute onerror is not allowed on <img> (use a class for looks; nothing in a page may run a script)",
		"content/about.md:6:1: link to missing file \"x.png\" (put the file in the content folder, or fix the path)",
		"content/about.md:8:6: link \"JavaScript:alert(1)\": only http, https, mailto and tel addresses are allowed (link to a page with its .md file, or to a web address)",
		"content/about.md:13:1: raw HTML <script> is not allowed (use markdown, or one of the elements listed in the README)",
	}, ""},
	{"allow-html: details, a table and a link to a page", overlay("handbook.yaml", "title: Test handbook\nlanguage: en\nallow-html: true\n",
		"about.md", "---\ntitle: About\nsummary: What this is.\n---\n\n<details>\n<summary>More</summary>\n\nSee <a href=\"guides/warming-up.md\">warming up</a>.\n\n</details>\n\n<table><tr><th scope=\"col\">A</th></tr><tr><td>1</td></tr></table>\n"), nil, "about.html"},
	{"the same heading twice", overlay("about.md", "---\ntitle: About\nsummary: What this is.\n---\n\n## Part\n\n## Part\n\nSee [second](#part-1).\n"), nil, "about.html"},
	{"a progression chain of 300 exercises", chain(300), nil, "exercises/chain-300.html"},
	{"a decision tree of 1,000 questions", longTree(1000), nil, "decide/q-999.html"},
	{"a title of 10,000 characters", overlay("guides/warming-up.md", "---\ntitle: "+strings.Repeat("Long ", 2000)+"\nsummary: Easy.\n---\n"), nil, "guides/warming-up.html"},
}

func TestCatalogue(t *testing.T) {
	for _, c := range catalogue {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			root := writeTree(t, dir, nil)
			c.setup(t, root)
			out := filepath.Join(dir, "public")
			start := time.Now()
			_, err := Build(config(root, out))
			if took := time.Since(start); took > 20*time.Second {
				t.Errorf("the build took %s", took)
			}
			got := lines(err, dir)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
			if c.page != "" {
				if _, err := os.Stat(filepath.Join(out, filepath.FromSlash(c.page))); err != nil {
					t.Errorf("%s was not written", c.page)
				}
			}
		})
	}
}

// overlay writes files (name, text, name, text...) into the tree.
func overlay(kv ...string) func(*testing.T, string) {
	return func(t *testing.T, root string) {
		for i := 0; i+1 < len(kv); i += 2 {
			p := filepath.Join(root, filepath.FromSlash(kv[i]))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(kv[i+1]), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
}

func rename(from, to string) func(*testing.T, string) {
	return func(t *testing.T, root string) {
		if err := os.Rename(filepath.Join(root, filepath.FromSlash(from)), filepath.Join(root, filepath.FromSlash(to))); err != nil {
			t.Fatal(err)
		}
	}
}

func symlink(name, target string) func(*testing.T, string) {
	return func(t *testing.T, root string) {
		if err := os.Symlink(target, filepath.Join(root, filepath.FromSlash(name))); err != nil {
			t.Skip("symlinks not supported here:", err)
		}
	}
}

func nested(marker string, depth int) string {
	var b strings.Builder
	for i := 0; i < depth; i++ {
		b.WriteString(strings.Repeat("  ", i) + marker + "item\n")
	}
	return b.String()
}

// chain writes n exercises, each harder than the one before, its level
// rising from 1 to 5 along the chain.
func chain(n int) func(*testing.T, string) {
	return func(t *testing.T, root string) {
		var kv []string
		for i := 1; i <= n; i++ {
			prog := ""
			if i < n {
				prog = fmt.Sprintf("progression: [chain-%d]\n", i+1)
			}
			kv = append(kv, fmt.Sprintf("exercises/chain-%d.md", i), fmt.Sprintf("---\ntitle: Chain %d\nsummary: Step %d.\ncategory: core\nposition: plank\nequipment: [mat]\nlevel: %d\ntargets: [core]\ndose: {reps: 5}\ncues: [Go.]\nmistakes: [Rush.]\nstop-if: [Pain.]\nloads: []\n%s---\n\n## Steps\n\n1. Go.\n", i, i, 1+5*i/(n+1), prog))
		}
		overlay(kv...)(t, root)
	}
}

// longTree writes a decision tree of n questions in a row, each with a red
// flag answer.
func longTree(n int) func(*testing.T, string) {
	return func(t *testing.T, root string) {
		var b strings.Builder
		b.WriteString("start: emergency\nnodes:\n  emergency:\n    title: E\n    screen: emergency\n    question: E?\n    answers:\n      - label: Yes\n        flags: [bladder-bowel-change]\n        next: care\n      - label: No\n        next: urgent\n")
		b.WriteString("  urgent:\n    title: U\n    screen: urgent\n    question: U?\n    answers:\n      - label: Yes\n        flags: [bladder-bowel-change]\n        next: care\n      - label: No\n        next: q-0\n")
		for i := 0; i < n; i++ {
			next := fmt.Sprintf("q-%d", i+1)
			if i == n-1 {
				next = "plan"
			}
			fmt.Fprintf(&b, "  q-%d:\n    title: Q%d\n    question: Question %d?\n    answers:\n      - label: Go on\n        next: %s\n      - label: Stop here\n        next: sore\n", i, i, i, next)
		}
		b.WriteString("  sore:\n    title: Sore\n    outcome: page\n    page: guides/warming-up\n    text: Warm up.\n")
		b.WriteString("  care:\n    title: Care\n    outcome: care\n    urgency: emergency\n    text: Call now.\n")
		b.WriteString("  plan:\n    title: Plan\n    outcome: plan\n    text: Try.\n")
		overlay("decide.yaml", b.String())(t, root)
	}
}
