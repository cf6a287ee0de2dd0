package main

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"handbook"
)

// A translation records the version of its source it says the same as;
// once the source changes, check says so at that line, until the
// translation is brought up to date and recorded again.
func TestTranslatedThenStale(t *testing.T) {
	noColourEnv(t)
	dir := filepath.Join(t.TempDir(), "content")
	if err := os.CopyFS(dir, os.DirFS("../../content")); err != nil {
		t.Fatal(err)
	}
	es := filepath.Join(dir, "es", "exercises", "plank.md")
	if code, out, e := runCmd("translated", "-content", dir, es); code != 0 || !strings.Contains(out, "translated from version") {
		t.Fatalf("translated: %d %s %s", code, out, e)
	}
	source := filepath.Join(dir, "exercises", "plank.md")
	b, _ := os.ReadFile(source)
	os.WriteFile(source, append(b, "\nA new sentence in the source.\n"...), 0o644)
	code, _, e := runCmd("check", "-content", dir)
	stale := regexp.MustCompile(regexp.QuoteMeta(filepath.ToSlash(es)) + `:2:1: warning: ` + regexp.QuoteMeta(filepath.ToSlash(source)) +
		` has changed since this translation was made \(from version [0-9a-f]{12}; it is [0-9a-f]{12} now\) \(update the translation, then run: handbook translated ` + regexp.QuoteMeta(es) + `\)`)
	if code != 0 || !stale.MatchString(e) {
		t.Fatalf("check after the source changed: %d\n%s", code, e)
	}
	if !strings.Contains(e, filepath.ToSlash(filepath.Join(dir, "faq", "crunches-and-sit-ups.md"))+": warning: not translated into Español yet") {
		t.Errorf("check does not list an untranslated page:\n%s", e)
	}
	if code, out, e := runCmd("translated", "-q", "-content", dir, filepath.Join(dir, "es")); code != 0 || out != "" || e != "" {
		t.Errorf("translated -q: exit %d, stdout %q, stderr %q; want exit 0 and no output", code, out, e)
	}
	if _, _, e := runCmd("check", "-content", dir); strings.Contains(e, "has changed since") {
		t.Errorf("still stale after handbook translated:\n%s", e)
	}
	if code, _, e := runCmd("translated", "-content", dir, filepath.Join(dir, "exercises", "plank.md")); code != exitUsage || !strings.Contains(e, "is not a translation") {
		t.Errorf("a source named as a translation: %d %s", code, e)
	}
}

// A string that a layout uses and a language lacks stops the build at the
// place that uses it.
func TestMissingStringAtItsUse(t *testing.T) {
	noColourEnv(t)
	layouts := filepath.Join(t.TempDir(), "layouts")
	if err := os.CopyFS(layouts, handbook.Layouts()); err != nil {
		t.Fatal(err)
	}
	frame := filepath.Join(layouts, "strings", "es", "frame.yaml")
	b, err := os.ReadFile(frame)
	if err != nil {
		t.Fatal(err)
	}
	var kept []string
	for _, line := range strings.SplitAfter(string(b), "\n") {
		if !strings.HasPrefix(line, "help.title:") {
			kept = append(kept, line)
		}
	}
	os.WriteFile(frame, []byte(strings.Join(kept, "")), 0o644)
	code, _, e := runCmd("check", "-content", "../../content", "-layouts", layouts)
	want := regexp.MustCompile(regexp.QuoteMeta(filepath.ToSlash(layouts)) + `/base\.html:\d+:\d+: no Español string "help\.title" \(add help\.title: to a file of layouts/strings/es/ \(in English, ` +
		regexp.QuoteMeta(filepath.ToSlash(layouts)) + `/strings/en/frame\.yaml:\d+:1: "When to stop and get help"\)\)`)
	if code != exitContent || !want.MatchString(e) {
		t.Errorf("check without a Spanish string: %d\n%s", code, e)
	}
}
