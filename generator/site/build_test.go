package site

import (
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"handbook/generator/diag"
)

// Ten mistakes in ten places: one run reports all ten, sorted, and so
// does the next, reading the pages back from the cache folder.
func TestTenMistakesInOneRun(t *testing.T) {
	base := baseTree()
	overlay := map[string]string{
		"handbook.yaml":             "title: Test handbook\nlanguage: en-GB\npaper: a5\n",
		"flags.yaml":                strings.Replace(base["flags.yaml"], "urgency: soon", "urgency: later", 1),
		"exercises/pelvic-tilt.md":  strings.Replace(base["exercises/pelvic-tilt.md"], "level: 1", "level: 9", 1),
		"exercises/glute-bridge.md": strings.Replace(base["exercises/glute-bridge.md"], "caution-if: [sciatica]", "caution-if: [sciatic]", 1),
		"conditions/sciatica.md":    strings.Replace(base["conditions/sciatica.md"], "aggravated-by", "aggravated_by", 1),
		"faq/rest.md":               "---\nquestion: Should I rest?\nrelated: [guides/warming-up]\n---\n",
		"guides/warming-up.md":      strings.Replace(base["guides/warming-up.md"], "../faq/rest.md", "../faq/resting.md", 1),
		"programs/starter.md":       strings.Replace(base["programs/starter.md"], "- id: pelvic-tilt", "- id: pelvic-tlit", 1),
		"about.md":                  "---\ntitle: About\nsummary: What this is.\n---\n\nTODO: write this.\n",
		"guides/cooling-down.md":    "---\ntitle: Cooling down\nsummary: [oops\n---\n",
	}
	dir := t.TempDir()
	root := writeTree(t, dir, overlay)
	want := []string{
		`content/about.md:6:1: placeholder text left in the page (replace it with the text of the page)`,
		`content/conditions/sciatica.md:5:1: unknown key "aggravated_by" in condition front matter (did you mean "aggravated-by"?)`,
		`content/exercises/glute-bridge.md:18:14: caution-if: no such condition "sciatic" (did you mean "sciatica"?)`,
		`content/exercises/pelvic-tilt.md:7:8: level must be a whole number from 1 to 5, not "9"`,
		`content/faq/rest.md:2:1: missing required key "answer" in FAQ front matter (add a line answer: ...)`,
		`content/flags.yaml:8:14: urgency "later" is not allowed (use one of: emergency, urgent, soon)`,
		`content/guides/cooling-down.md:3:10: invalid YAML: did not find expected ',' or ']' (close the [ opened on line 3 with ])`,
		`content/guides/warming-up.md:9:37: link to missing page "../faq/resting.md" (did you mean ../faq/rest.md?)`,
		`content/handbook.yaml:3:8: paper "a5" is not allowed (did you mean "a4"?)`,
		`content/programs/starter.md:5:9: exercises: no such exercise "pelvic-tlit" (did you mean "pelvic-tilt"?)`,
	}
	// checking writes nothing; the first build into a folder keeps what it
	// decoded in the cache folder beside it, and the second reads it back
	for i, out := range []string{"", filepath.Join(dir, "public"), filepath.Join(dir, "public")} {
		_, err := Build(config(root, out))
		var list diag.List
		if !errors.As(err, &list) {
			t.Fatalf("run %d: want a list of content errors, got %v", i, err)
		}
		if got := lines(err, dir); strings.Join(got, "\n") != strings.Join(want, "\n") {
			t.Errorf("run %d: got:\n%s\nwant:\n%s", i, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
	}
}

// A build that fails leaves the previous output exactly as it was.
func TestFailedBuildLeavesOutput(t *testing.T) {
	dir := t.TempDir()
	root := writeTree(t, dir, nil)
	out := filepath.Join(dir, "public")
	if _, err := Build(config(root, out)); err != nil {
		t.Fatal(err)
	}
	before := readTree(t, out)
	broken := strings.Replace(baseTree()["guides/warming-up.md"], "summary:", "sumary:", 1)
	if err := os.WriteFile(filepath.Join(root, "guides", "warming-up.md"), []byte(broken), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(config(root, out)); err == nil {
		t.Fatal("build with a broken page succeeded")
	}
	after := readTree(t, out)
	if len(before) != len(after) {
		t.Fatalf("output has %d files after a failed build, %d before", len(after), len(before))
	}
	for k, v := range before {
		if after[k] != v {
			t.Errorf("%s changed after a failed build", k)
		}
	}
	leftovers, _ := filepath.Glob(filepath.Join(dir, ".public.tmp-*"))
	if len(leftovers) > 0 {
		t.Errorf("staging folders left behind: %v", leftovers)
	}
}

// Two builds of the same tree are byte-identical, and the second writes
// nothing anew.
func TestBuildsAreIdentical(t *testing.T) {
	dir := t.TempDir()
	root := writeTree(t, dir, nil)
	a, b := filepath.Join(dir, "a"), filepath.Join(dir, "b")
	if _, err := Build(config(root, a)); err != nil {
		t.Fatal(err)
	}
	if _, err := Build(config(root, b)); err != nil {
		t.Fatal(err)
	}
	ta, tb := readTree(t, a), readTree(t, b)
	if strings.Join(sortedKeys(ta), ",") != strings.Join(sortedKeys(tb), ",") {
		t.Fatalf("file lists differ:\n%v\n%v", sortedKeys(ta), sortedKeys(tb))
	}
	for k := range ta {
		if ta[k] != tb[k] {
			t.Errorf("%s differs between two builds", k)
		}
	}
	res, err := Build(config(root, a))
	if err != nil {
		t.Fatal(err)
	}
	if res.Written != 0 || res.Reused != len(ta)-1 { // all but the marker file
		t.Errorf("rebuild wrote %d and reused %d files; want 0 and %d", res.Written, res.Reused, len(ta)-1)
	}
}

// A folder that handbook did not write is never replaced.
func TestRefusesForeignOutput(t *testing.T) {
	dir := t.TempDir()
	root := writeTree(t, dir, nil)
	out := filepath.Join(dir, "documents")
	if err := os.MkdirAll(out, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(out, "thesis.txt"), []byte("years of work"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Build(config(root, out))
	if err == nil || !strings.Contains(err.Error(), "refusing to replace") {
		t.Fatalf("want a refusal, got %v", err)
	}
	if b, _ := os.ReadFile(filepath.Join(out, "thesis.txt")); string(b) != "years of work" {
		t.Fatal("a foreign file was touched")
	}
}

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

// The golden site: every page type of the small tree, compared file by file
// in both directions. Regenerate with go test ./generator/site -update.
func TestGoldenSite(t *testing.T) {
	dir := t.TempDir()
	root := writeTree(t, dir, nil)
	cfg := config(root, filepath.Join(dir, "public"))
	cfg.BaseURL = "https://example.org/handbook/"
	compareGolden(t, cfg, filepath.Join("testdata", "golden"))
}

// The smallest handbook, one exercise and handbook.yaml, shows exactly
// what the build writes when a handbook has nothing else.
func TestGoldenSmallest(t *testing.T) {
	out := t.TempDir()
	root := writeFiles(t, filepath.Join(out, "content"), shapes()["one exercise"])
	compareGolden(t, config(root, filepath.Join(out, "public")), filepath.Join("testdata", "golden-smallest"))
}

// compareGolden builds cfg and compares what it writes with wantDir.
func compareGolden(t *testing.T, cfg Config, wantDir string) {
	t.Helper()
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	got := readTree(t, cfg.Out)
	for k := range got {
		if strings.HasPrefix(k, "assets/") && k != "assets/code.css" {
			delete(got, k) // hand-written, not generated: kept out of the golden files
		}
	}
	if *update {
		os.RemoveAll(wantDir)
		for k, v := range got {
			p := filepath.Join(wantDir, filepath.FromSlash(k))
			os.MkdirAll(filepath.Dir(p), 0o755)
			if err := os.WriteFile(p, []byte(v), 0o644); err != nil {
				t.Fatal(err)
			}
		}
		return
	}
	want := readTree(t, wantDir)
	for _, k := range sortedKeys(want) {
		if _, ok := got[k]; !ok {
			t.Errorf("missing: %s", k)
		} else if got[k] != want[k] {
			t.Errorf("different: %s\n got: %.400s\nwant: %.400s", k, got[k], want[k])
		}
	}
	for _, k := range sortedKeys(got) {
		if _, ok := want[k]; !ok {
			t.Errorf("unexpected: %s", k)
		}
	}
}
