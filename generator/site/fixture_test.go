package site

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"handbook"
)

// baseTree is a small valid content tree with one page of every kind.
func baseTree() map[string]string {
	return map[string]string{
		"handbook.yaml": "title: Test handbook\nlanguage: en-GB\n",
		"flags.yaml": `flags:
  - id: bladder-bowel-change
    title: New trouble with your bladder or bowels
    urgency: emergency
    action: Call emergency services now.
  - id: not-improving
    title: No better after a few weeks
    urgency: soon
    action: Book a visit to your doctor.
`,
		"exercises/pelvic-tilt.md": `---
title: Pelvic tilt
summary: Gently rock your pelvis.
category: core
position: lying-back
equipment: [mat]
level: 1
targets: [core]
dose:
  sets: 2
  reps: 8-12
cues:
  - Breathe out as you tilt.
mistakes:
  - Holding your breath.
stop-if:
  - Pain spreads into your leg.
progression: [glute-bridge]
loads: []
---

## Steps

1. Lie on your back.
2. Tilt, then try the [glute bridge](glute-bridge.md#steps).
`,
		"exercises/glute-bridge.md": `---
title: Glute bridge
summary: Lift your hips.
category: strength
position: lying-back
equipment: [mat]
level: 2
targets: [glutes]
dose:
  reps: 10
  hold: 3
cues:
  - Press through your heels.
mistakes:
  - Arching at the top.
stop-if:
  - Sharp pain.
caution-if: [sciatica]
loads: [extension]
---

## Steps

1. Lift your hips.
`,
		"conditions/sciatica.md": `---
title: Sciatica
aliases: [leg pain]
summary: Pain down the leg from an irritated nerve.
aggravated-by: [flexion]
helpful: [pelvic-tilt]
flags: [bladder-bowel-change]
---

## What it is

Nerve pain. See [the red flags](../flags.yaml#emergency).
`,
		"faq/rest.md": `---
question: Should I rest?
answer: Gentle movement usually helps more than rest.
related: [guides/warming-up]
---

Keep moving gently.
`,
		"guides/warming-up.md": `---
title: Warming up
summary: Five minutes of easy movement first.
related: [exercises/pelvic-tilt]
---

## Why

Warm muscles move more easily. Read [the FAQ](../faq/rest.md).
`,
		"programs/starter.md": `---
title: Starter
summary: Two gentle exercises.
exercises:
  - id: pelvic-tilt
  - id: glute-bridge
    dose: {sets: 1, reps: 5}
    note: Go slowly.
---

Do this every day.
`,
		"decide.yaml": baseDecide,
		"about.md":    "---\ntitle: About\nsummary: What this is.\n---\n\nA test. Back to [warming up](guides/warming-up.md).\n" + markdownFeatures,
	}
}

// writeTree writes files under dir/content, applying overlay: a file with
// an empty text is removed from the base.
func writeTree(t testing.TB, dir string, overlay map[string]string) string {
	t.Helper()
	files := baseTree()
	for k, v := range overlay {
		if v == "" {
			delete(files, k)
		} else {
			files[k] = v
		}
	}
	return writeFiles(t, filepath.Join(dir, "content"), files)
}

// writeFiles writes files (slash path -> text) under root, and returns root.
func writeFiles(t testing.TB, root string, files map[string]string) string {
	t.Helper()
	for name, text := range files {
		p := filepath.Join(root, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return root
}

func config(contentDir, out string) Config {
	return Config{Content: contentDir, Out: out, Layouts: handbook.Layouts(), Assets: handbook.Assets()}
}

// readTree returns every file under dir by slash path.
func readTree(t testing.TB, dir string) map[string]string {
	t.Helper()
	out := map[string]string{}
	err := filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, p)
		out[filepath.ToSlash(rel)] = string(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return out
}

func sortedKeys(m map[string]string) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// lines turns a build error into its lines, with the temporary folder
// removed from paths.
func lines(err error, dir string) []string {
	if err == nil {
		return nil
	}
	s := strings.ReplaceAll(err.Error(), filepath.ToSlash(dir)+"/", "")
	return strings.Split(s, "\n")
}

// markdownFeatures exercises every markdown extension the renderer enables.
const markdownFeatures = `
## Features

| Dose | Value |
|------|-------|
| Sets | 2 |

~~old~~ and www.example.org and "quotes" -- dashes...

- [x] done
- [ ] to do

Term
: Its definition.

A note.[^1]

[^1]: The footnote.

` + "```yaml\ntitle: Plank # a comment\nlevel: 2\n```" + `

<script>alert("raw")</script>

Inline <b onclick="x()">bold</b> text.
`

// baseDecide is a small valid decision tree over the base tree's pages.
const baseDecide = `start: emergency
nodes:
  emergency:
    title: Emergency signs
    screen: emergency
    question: Any of these?
    answers:
      - label: Bladder trouble
        flags: [bladder-bowel-change]
        next: care-now
      - label: None of these
        next: urgent
  urgent:
    title: Urgent signs
    screen: urgent
    question: Is it no better after a few weeks?
    answers:
      - label: Yes
        flags: [not-improving]
        next: care-soon
      - label: No
        next: diagnosis
  diagnosis:
    title: Diagnosis
    question: Do you have sciatica?
    answers:
      - label: Yes
        conditions: [sciatica]
        next: plan
      - label: No, but arching hurts
        hurts: [extension]
        next: plan
      - label: No
        next: sore
  sore:
    title: Soreness
    outcome: page
    page: guides/warming-up
    text: Warm up first.
  care-now:
    title: Help now
    outcome: care
    urgency: emergency
    flags: [bladder-bowel-change]
    text: Call now.
  care-soon:
    title: Book a visit
    outcome: care
    urgency: soon
    text: Book a visit.
  plan:
    title: Plan
    outcome: plan
    exercises: [pelvic-tilt]
    text: Try these.
`
