package site

import (
	"bytes"
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"handbook"
	"handbook/generator/graph"
)

// edit is one change an author might make between two builds.
type edit struct {
	name  string
	apply func(t *testing.T, content, layouts, assets string)
}

// toggle replaces a with b in a file, or b with a if a is not there. A
// file with neither fails the test: the edit would be none.
func toggle(t *testing.T, name, a, b string) {
	t.Helper()
	if !maybeToggle(t, name, a, b) {
		t.Fatalf("%s has neither %q nor %q", name, a, b)
	}
}

// maybeToggle is toggle for an edit that another may undo the ground of
// (a figure's pose, while the figure is away): it says whether the file
// had a or b.
func maybeToggle(t *testing.T, name, a, b string) bool {
	t.Helper()
	had := true
	rewrite(t, name, func(s string) string {
		if strings.Contains(s, a) {
			return strings.Replace(s, a, b, 1)
		}
		had = strings.Contains(s, b)
		return strings.Replace(s, b, a, 1)
	})
	return had
}

// rewrite changes one file of a folder with f.
// addOrRemove removes the file at p if it is there, else writes it with text.
func addOrRemove(p, text string) {
	if _, err := os.Stat(p); err == nil {
		os.Remove(p)
		return
	}
	os.WriteFile(p, []byte(text), 0o644)
}

func rewrite(t *testing.T, name string, f func(string) string) {
	t.Helper()
	b, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(f(string(b))), 0o644); err != nil {
		t.Fatal(err)
	}
}

var edits = []edit{
	{"a sentence added to a page", func(t *testing.T, c, _, _ string) {
		rewrite(t, filepath.Join(c, "guides/warming-up.md"), func(s string) string { return s + "\nOne more sentence.\n" })
	}},
	{"a word of a page, the length kept", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "faq/rest.md"), "Keep moving gently.", "Keep moving slowly.")
	}},
	{"a link added to a page's text (the target's backlinks)", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "guides/warming-up.md"), "Read [the FAQ](../faq/rest.md).", "Read [the FAQ](../faq/rest.md) and try the [bridge](../exercises/glute-bridge.md).")
	}},
	{"an exercise's step (the programme shows it)", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "exercises/glute-bridge.md"), "1. Lift your hips.\n", "1. Lift your hips slowly.\n2. Lower them.\n")
	}},
	{"a heading of an exercise", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "exercises/pelvic-tilt.md"), "## Steps\n", "## Steps\n\nRead this first.\n\n## How to do it\n")
	}},
	{"an exercise's summary", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "exercises/pelvic-tilt.md"), "summary: Gently rock your pelvis.", "summary: Rock your pelvis gently.")
	}},
	{"an exercise's title", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "exercises/glute-bridge.md"), "title: Glute bridge\n", "title: Bridge\n")
	}},
	{"a figure added to an exercise, or taken away (its file, and a stacked one: three poses lying are wide)", func(t *testing.T, c, _, _ string) {
		maybeToggle(t, filepath.Join(c, "exercises/glute-bridge.md"), "loads: [extension]\n---",
			"loads: [extension]\nfigure:\n  props: [mat]\n  frames:\n"+
				"    - base: side-lying\n      shoulders: {left: 0, right: -90}\n      elbows: {left: 0, right: 90}\n"+
				"    - base: side-lying\n      shoulders: {left: 0, right: -90}\n      elbows: {left: 0, right: 90}\n"+
				"      hips: {left: 25, right: 0}\n      arrow: left-foot\n"+
				"    - base: side-lying\n      shoulders: {left: 0, right: -90}\n      elbows: {left: 0, right: 90}\n---")
	}},
	{"a figure's pose (while it has one)", func(t *testing.T, c, _, _ string) {
		maybeToggle(t, filepath.Join(c, "exercises/glute-bridge.md"), "hips: {left: 25, right: 0}", "hips: {left: 30, right: 0}")
	}},
	{"the figures' words (a string: a figure's description, while one is drawn)", func(t *testing.T, _, l, _ string) {
		toggle(t, filepath.Join(l, "strings/en/figures.yaml"), `"Lying on your side"`, `"On your side"`)
	}},
	{"an exercise's level", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "exercises/glute-bridge.md"), "level: 2\n", "level: 3\n")
	}},
	{"a load that makes a condition list the exercise", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "exercises/pelvic-tilt.md"), "loads: []\n", "loads: [flexion]\n")
	}},
	{"a page added or removed", func(t *testing.T, c, _, _ string) {
		addOrRemove(filepath.Join(c, "guides/new.md"), "---\ntitle: New guide\nsummary: Fresh.\nrelated: [exercises/pelvic-tilt]\n---\n\nSee [warming up](warming-up.md).\n")
	}},
	{"a synonym of a group (the index's header alone)", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "synonyms.yaml"), "[rest, pause]", "[rest, break]")
	}},
	{"a synonym group added or removed", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "synonyms.yaml"), "synonyms:\n  - [rest", "synonyms:\n  - [gentle, soft]\n  - [rest")
	}},
	{"a condition's alias of words it has", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "conditions/sciatica.md"), "aliases: [leg pain]\n", "aliases: [leg pain, nerve pain]\n")
	}},
	{"a red flag's words", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "flags.yaml"), "Call emergency services now.", "Call for an ambulance now.")
	}},
	{"the handbook's title", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "handbook.yaml"), "title: Test handbook\n", "title: Our handbook\n")
	}},
	{"a layout", func(t *testing.T, _, l, _ string) {
		toggle(t, filepath.Join(l, "guide.html"), `<p class="lead">`, `<p class="lead intro">`)
	}},
	{"the shared layout", func(t *testing.T, _, l, _ string) {
		toggle(t, filepath.Join(l, "base.html"), `<main id="main" tabindex="-1">`, `<main id="main" tabindex="-1" class="main">`)
	}},
	{"an asset", func(t *testing.T, _, _, a string) {
		rewrite(t, filepath.Join(a, "style.css"), func(s string) string {
			if strings.HasSuffix(s, "/* x */\n") {
				return strings.TrimSuffix(s, "/* x */\n")
			}
			return s + "/* x */\n"
		})
	}},
	{"a translated page's words", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "es/exercises/glute-bridge.md"), "Levante las caderas.", "Suba las caderas.")
	}},
	{"a translation added or removed", func(t *testing.T, c, _, _ string) {
		addOrRemove(filepath.Join(c, "es/guides/warming-up.md"), "---\ntitle: Calentamiento\nsummary: Cinco minutos de movimiento suave.\n---\n\n## Por qué\n\nLos músculos calientes se mueven mejor. Lea [la pregunta](../faq/rest.md).\n")
	}},
	{"a Spanish red flag's words", func(t *testing.T, c, _, _ string) {
		toggle(t, filepath.Join(c, "es/flags.yaml"), "Llame a emergencias ahora.", "Llame ya a emergencias.")
	}},
	{"a Spanish string", func(t *testing.T, _, l, _ string) {
		toggle(t, filepath.Join(l, "strings/es/frame.yaml"), `"Saltar al contenido"`, `"Ir al contenido"`)
	}},
	{"the red flags' summary in search (a string, not the graph)", func(t *testing.T, _, l, _ string) {
		toggle(t, filepath.Join(l, "strings/en/search.yaml"), `"Signs that need a doctor,`, `"Signs that need a nurse or doctor,`)
	}},
	{"nothing", func(t *testing.T, _, _, _ string) {}},
}

// spanish is a translation of writeTree's handbook, with synonyms, for the
// edits above.
var spanish = map[string]string{
	"handbook.yaml":    "title: Test handbook\nlanguage: en-GB\nlanguages:\n  es: Español\n",
	"synonyms.yaml":    "synonyms:\n  - [rest, pause]\n",
	"es/handbook.yaml": "title: Manual de prueba\n",
	"es/flags.yaml": `flags:
  - id: bladder-bowel-change
    title: Problemas nuevos con la vejiga o el intestino
    urgency: emergency
    action: Llame a emergencias ahora.
  - id: not-improving
    title: Sin mejoría después de unas semanas
    urgency: soon
    action: Pida cita con su médico.
`,
	"es/exercises/glute-bridge.md": `---
title: Puente de glúteos
summary: Levante las caderas.
cues:
  - Empuje con los talones.
mistakes:
  - Arquear la espalda arriba.
stop-if:
  - Dolor agudo.
---

## Pasos

1. Levante las caderas.
`,
}

// A build into an output that a previous build wrote, with the converted
// pages of the last build at hand (in memory, as serve has them, or in the
// cache folder beside the output, as a build has them), after any sequence
// of edits, writes the same bytes as a build into an empty folder. On disk,
// some cache files are also broken now and then: they are made again.
// TestIncrementalEqualsClean builds after random edits, keeping what the
// last build made, and compares every file with a clean build: in memory
// (a build with serve's cache), on disk (the cache folder beside the
// output, some of its files broken), and as serve builds (in place,
// unminified, the writer's record carried between builds).
func TestIncrementalEqualsClean(t *testing.T) {
	t.Run("memory", func(t *testing.T) { incrementalEqualsClean(t, "memory") })
	t.Run("disk", func(t *testing.T) { incrementalEqualsClean(t, "disk") })
	t.Run("serve", func(t *testing.T) { incrementalEqualsClean(t, "serve") })
}

// editable writes writeTree's handbook with its translation, and copies of
// the layouts and assets, into a new folder, and returns it with its
// content, layouts and assets folders and the config of a build into out.
func editable(t *testing.T, how string) (dir, content, layouts, assets string, cfg func(out string) Config) {
	dir = t.TempDir()
	content = writeTree(t, dir, spanish)
	layouts, assets = filepath.Join(dir, "layouts"), filepath.Join(dir, "assets")
	if err := os.CopyFS(layouts, handbook.Layouts()); err != nil {
		t.Fatal(err)
	}
	if err := os.CopyFS(assets, handbook.Assets()); err != nil {
		t.Fatal(err)
	}
	cfg = func(out string) Config {
		c := config(content, out)
		c.Layouts, c.Assets = os.DirFS(layouts), os.DirFS(assets)
		c.Worker = []byte("// the service worker\n")
		c.Fast = how == "serve"
		c.VerifyKeys = true // a page kept by its memoized key is checked
		return c
	}
	return dir, content, layouts, assets, cfg
}

func incrementalEqualsClean(t *testing.T, how string) {
	disk := how == "disk"
	dir, content, layouts, assets, cfg := editable(t, how)
	inc := filepath.Join(dir, "public")
	cache := NewCache()
	var changed []string // serve: the files the edits changed, as the watcher names them
	incremental := func() (*Result, error) {
		c := cfg(inc)
		if !disk {
			c.Cache = cache
		}
		if how == "serve" {
			c.Changed, c.Watched = changed, true // every change, as the watcher sees them
		}
		return Build(c)
	}
	if disk {
		// the pages' files settle: a build from disk takes a page unread
		// from the last build's record only if its file had not changed
		// for two seconds when that build began (see content.Record)
		time.Sleep(2100 * time.Millisecond)
	}
	first, err := incremental()
	if err != nil {
		t.Fatal(err)
	}
	rng := rand.New(rand.NewPCG(1, 2))
	kept, converted, unviewed := 0, 0, 0
	for step := 0; step < 24; step++ {
		var done []string
		before := readTree(t, content)
		for n := 1 + rng.IntN(3); n > 0; n-- {
			e := edits[rng.IntN(len(edits))]
			e.apply(t, content, layouts, assets)
			done = append(done, e.name)
		}
		changed = changedFiles(content, before, readTree(t, content))
		if disk && step%4 == 3 {
			done = append(done, fmt.Sprintf("%d cache files broken", breakCache(t, filepath.Join(dir, ".public.cache"), rng)))
		}
		res, err := incremental()
		if err != nil {
			t.Fatalf("step %d (%s): %v", step, strings.Join(done, ", "), err)
		}
		kept += res.Kept
		// the first step, after the files settled, edits at most three:
		// the other pages are taken unread (a page edited since is read
		// until two seconds have passed)
		if disk && step == 0 && res.Read > 3 {
			t.Errorf("step 0: %d of %d page files read: the record is not used", res.Read, first.Read)
		}
		unviewed += res.Unviewed
		converted += res.Converted
		clean := filepath.Join(dir, fmt.Sprintf("clean-%d", step))
		if _, err := Build(cfg(clean)); err != nil { // its cache folder is new
			t.Fatal(err)
		}
		sameAsClean(t, fmt.Sprintf("step %d (%s)", step, strings.Join(done, ", ")), inc, clean)
		os.RemoveAll(clean)
		os.RemoveAll(filepath.Join(dir, fmt.Sprintf(".clean-%d.cache", step)))
	}
	if disk {
		n := 0
		filepath.WalkDir(filepath.Join(dir, ".public.cache"), func(p string, d os.DirEntry, err error) error {
			if err == nil && !d.IsDir() {
				n++
			}
			return nil
		})
		if n == 0 {
			t.Error("the build kept no cache files")
		}
	}
	if kept == 0 || unviewed == 0 {
		t.Errorf("%d pages kept, %d without their views made: the test proves nothing", kept, unviewed)
	}
	// each step edits a page or two: most pages come from the cache
	if pages := len(readTree(t, inc)); converted > 24*pages/4 {
		t.Errorf("%d pages converted over 24 builds of a site of %d files: the cache is not used", converted, pages)
	}
	t.Logf("%d pages kept (%d without their views made) and %d converted over 24 builds", kept, unviewed, converted)
}

// sameAsClean fails the test for each file of the folder inc that differs
// from the folder clean's, or that only one of them has.
func sameAsClean(t *testing.T, what, inc, clean string) {
	t.Helper()
	got, want := readTree(t, inc), readTree(t, clean)
	for _, k := range sortedKeys(want) {
		if got[k] != want[k] {
			t.Errorf("%s: %s differs from a clean build", what, k)
		}
	}
	for _, k := range sortedKeys(got) {
		if _, ok := want[k]; !ok {
			t.Errorf("%s: %s is not in a clean build", what, k)
		}
	}
}

// changedFiles names the files that differ between two readings of the
// folder dir, as the watcher names them: by path.
func changedFiles(dir string, before, after map[string]string) []string {
	out := []string{}
	for rel, text := range after {
		if was, ok := before[rel]; !ok || was != text {
			out = append(out, filepath.Join(dir, filepath.FromSlash(rel)))
		}
	}
	for rel := range before {
		if _, ok := after[rel]; !ok {
			out = append(out, filepath.Join(dir, filepath.FromSlash(rel)))
		}
	}
	return out
}

// TestEachEditAlone makes each edit on its own, and undoes it, building
// as serve does after each: a page kept by its memoized key, its view not
// made, is checked against its view's key (Config.VerifyKeys), so an input
// of a view that the memo's key misses fails the build, and every file is
// compared with a clean build's. Each build is given the files the edit
// changed, as serve's watcher gives them.
func TestEachEditAlone(t *testing.T) {
	dir, content, layouts, assets, cfg := editable(t, "serve")
	c := cfg(filepath.Join(dir, "public"))
	c.Cache = NewCache()
	if _, err := Build(c); err != nil {
		t.Fatal(err)
	}
	for _, e := range edits {
		for _, way := range []string{"made", "undone"} { // most edits undo themselves
			before := readTree(t, content)
			e.apply(t, content, layouts, assets)
			// every change, as serve's watcher names them: an edit of
			// pages alone is read without a walk of the folder
			c.Changed, c.Watched = changedFiles(content, before, readTree(t, content)), true
			res, err := Build(c)
			if err != nil {
				t.Fatalf("%s, %s: %v", e.name, way, err)
			}
			if e.name == "a sentence added to a page" && res.Unviewed == 0 {
				t.Errorf("%s, %s: no page kept without its view made", e.name, way)
			}
			clean := filepath.Join(dir, "clean")
			if _, err := Build(cfg(clean)); err != nil {
				t.Fatal(err)
			}
			sameAsClean(t, e.name+", "+way, c.Out, clean)
			os.RemoveAll(clean)
			os.RemoveAll(filepath.Join(dir, ".clean.cache"))
		}
	}
}

// breakCache cuts short, garbles or empties some of the files in a cache
// folder, and says how many.
func breakCache(t *testing.T, root string, rng *rand.Rand) int {
	t.Helper()
	n := 0
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() || rng.IntN(3) > 0 {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		switch rng.IntN(3) {
		case 0:
			b = b[:rng.IntN(len(b)+1)]
		case 1:
			if len(b) > 0 {
				b[rng.IntN(len(b))] ^= 0xff
			}
		default:
			b = nil
		}
		n++
		return os.WriteFile(p, b, 0o644)
	})
	if err != nil {
		t.Fatal(err)
	}
	return n
}

// serve keeps the graph of each edition, a translation's too, while saves
// edit only pages' text, and resolves it again when front matter changes;
// a graph with mistakes is not kept.
func TestGraphKeptWhileOnlyTextChanges(t *testing.T) {
	dir := t.TempDir()
	content := writeTree(t, dir, spanish) // with the Spanish edition, some of its pages not translated
	cache := NewCache()
	guide := filepath.Join(content, "guides", "warming-up.md")
	orig, err := os.ReadFile(guide)
	if err != nil {
		t.Fatal(err)
	}
	steps := []struct {
		name string
		text string
		kept bool // the graph of the build before
		bad  bool // the build fails
	}{
		{"first build", string(orig), false, false},
		{"text edited", string(orig) + "\nMove gently.\n", true, false},
		{"text edited again", string(orig) + "\nMove gently, and breathe.\n", true, false},
		{"summary edited", strings.Replace(string(orig), "Five minutes", "Ten minutes", 1), false, false},
		{"link to no page", strings.Replace(string(orig), "related: [exercises/pelvic-tilt]", "related: [exercises/nope]", 1), false, true},
		{"link mended", strings.Replace(string(orig), "Five minutes", "Ten minutes", 1) + "\nMend.\n", false, false},
		{"text edited after", strings.Replace(string(orig), "Five minutes", "Ten minutes", 1), true, false},
	}
	last := map[string]*graph.Graph{}
	for _, s := range steps {
		if err := os.WriteFile(guide, []byte(s.text), 0o644); err != nil {
			t.Fatal(err)
		}
		c := config(content, filepath.Join(dir, "public"))
		c.Cache, c.Fast = cache, true
		_, err := Build(c)
		if (err != nil) != s.bad {
			t.Fatalf("%s: error %v", s.name, err)
		}
		for _, folder := range []string{"", "es"} {
			r, ok := cache.graphs[folder]
			if s.bad {
				if ok {
					t.Errorf("%s: a graph with mistakes was kept (edition %q)", s.name, folder)
				}
				last[folder] = nil
				continue
			}
			if !ok {
				t.Fatalf("%s: no graph kept (edition %q)", s.name, folder)
			}
			if (r.g == last[folder]) != s.kept {
				t.Errorf("%s: the last graph of edition %q taken again: %t, want %t", s.name, folder, r.g == last[folder], s.kept)
			}
			last[folder] = r.g
		}
	}
}

// A build that finds the converted pages' HTML or text damaged in the
// cache folder only once it needs them, past the point where it could
// convert those pages again (to lay every page out again, or to write a
// page's search passages again), builds again without the cache: what it
// writes is a clean build's, and it does not fail.
func TestDamagedBodiesBuildAgain(t *testing.T) {
	for _, name := range []string{"the shared layout", "a sentence added to a page"} {
		t.Run(name, func(t *testing.T) {
			dir, content, layouts, assets, cfg := editable(t, "disk")
			out := filepath.Join(dir, "public")
			if _, err := Build(cfg(out)); err != nil {
				t.Fatal(err)
			}
			damaged := 0
			err := filepath.WalkDir(filepath.Join(dir, ".public.cache"), func(p string, d os.DirEntry, err error) error {
				if err != nil || d.IsDir() || !strings.Contains(filepath.ToSlash(p), "/bodies/seg-") {
					return err
				}
				b, err := os.ReadFile(p)
				if err != nil {
					return err
				}
				for i := 8; i < len(b); i += 64 {
					b[i] ^= 0x55
				}
				damaged++
				return os.WriteFile(p, b, 0o644)
			})
			if err != nil || damaged == 0 {
				t.Fatalf("%d segments of bodies damaged: %v", damaged, err)
			}
			for _, e := range edits {
				if e.name == name {
					e.apply(t, content, layouts, assets)
				}
			}
			res, err := Build(cfg(out))
			if err != nil {
				t.Fatal(err)
			}
			if res.Converted == 0 {
				t.Errorf("no page converted: the damage went unseen (%+v)", res)
			}
			clean := filepath.Join(dir, "clean")
			if _, err := Build(cfg(clean)); err != nil {
				t.Fatal(err)
			}
			sameAsClean(t, name, out, clean)
		})
	}
}

// A page the load took unread from the last build's record, whose file
// turns out not to hold what the record says when a later stage reads it
// (it changed in the moment between the load's look and that read), makes
// the build throw away what it made, and its cache folder, and build
// again: what it writes is a clean build's. The record is forged here, as
// the moment cannot be timed: its time moved on, so that every page had
// settled, and one page's body hash changed, so that its conversion is
// not in the cache and its file is read.
func TestChangedPageBuildsAgain(t *testing.T) {
	dir, _, _, _, cfg := editable(t, "disk")
	out := filepath.Join(dir, "public")
	first, err := Build(cfg(out))
	if err != nil {
		t.Fatal(err)
	}
	records, _ := filepath.Glob(filepath.Join(dir, ".public.cache", "*", "sources"))
	if len(records) != 1 {
		t.Fatalf("records kept: %q", records)
	}
	b, err := os.ReadFile(records[0])
	if err != nil {
		t.Fatal(err)
	}
	// as content.Tree.WriteRecord lays it out: a header line, a CRC-32C
	// of the rest, the count, the time, then each page's path, stamp
	// (five 8-byte words), front matter length, front and body hashes
	const header, words = len("handbook pages 2\n"), 5 * 8
	binary.LittleEndian.PutUint64(b[header+4+8:], uint64(time.Now().Add(time.Hour).UnixNano()))
	page := []byte("/content/exercises/glute-bridge.md")
	at := bytes.Index(b, page)
	if at < 0 {
		t.Fatalf("the record has no %s", page)
	}
	at += len(page) + words
	_, n := binary.Uvarint(b[at:])
	b[at+n+32] ^= 1
	binary.LittleEndian.PutUint32(b[header:], crc32.Checksum(b[header+4:], crc32.MakeTable(crc32.Castagnoli)))
	if err := os.WriteFile(records[0], b, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := Build(cfg(out))
	if err != nil {
		t.Fatal(err)
	}
	if res.Read != first.Read || res.Converted != first.Converted {
		t.Errorf("built again reading %d pages and converting %d, want all, %d and %d", res.Read, res.Converted, first.Read, first.Converted)
	}
	clean := filepath.Join(dir, "clean")
	if _, err := Build(cfg(clean)); err != nil {
		t.Fatal(err)
	}
	sameAsClean(t, "a page changed as it was read", out, clean)
}
