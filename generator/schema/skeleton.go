package schema

import (
	"fmt"
	"regexp"
	"strings"

	"handbook/generator/handbook"
)

var validID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// sectionNames maps what an author may type to a section folder.
var sectionNames = map[string]string{
	"exercise": handbook.Exercises, "exercises": handbook.Exercises,
	"condition": handbook.Conditions, "conditions": handbook.Conditions,
	"faq": handbook.FAQ, "question": handbook.FAQ,
	"guide": handbook.Guides, "guides": handbook.Guides,
	"program": handbook.Programs, "programs": handbook.Programs, "programme": handbook.Programs,
	"page": "",
}

// Skeleton returns the path (relative to the content folder) and text of a
// new page with every front-matter key of its section, each explained in a
// comment and set to a TODO placeholder that check reports until filled.
func Skeleton(section, id string) (string, []byte, error) {
	folder, ok := sectionNames[strings.ToLower(section)]
	if !ok {
		return "", nil, fmt.Errorf("unknown section %q (use exercise, condition, faq, guide, program or page)", section)
	}
	if !validID.MatchString(id) {
		return "", nil, fmt.Errorf("id %q must be lower-case letters, digits and single hyphens, such as side-plank", id)
	}
	rel := id + ".md"
	if folder != "" {
		rel = folder + "/" + rel
	}
	return rel, []byte("---\n" + skeletons[folder] + "---\n\n" + bodies[folder]), nil
}

const titleSummary = `# The page's title, as readers know it.
title: TODO
# One or two plain sentences: shown in lists and search results.
summary: TODO
`

var skeletons = map[string]string{
	handbook.Exercises: titleSummary + `# One of: ` + strings.Join(handbook.Categories, ", ") + `.
category: TODO
# Starting position, one of: ` + strings.Join(handbook.Positions, ", ") + `.
position: TODO
# List from: ` + strings.Join(handbook.Equipment, ", ") + `.
equipment: [TODO]
# 1 (gentlest) to 5.
level: TODO
# Muscles or qualities it works, e.g. glutes, core, hip mobility.
targets: [TODO]
# How much: sets (whole number), reps (number or "8-12"), hold and rest (seconds),
# duration (minutes), frequency (text), each-side (true or false). Every part optional.
dose:
  sets: TODO
  reps: TODO
  frequency: TODO
# Short coaching cues.
cues:
  - TODO
# Common mistakes.
mistakes:
  - TODO
# Signs to stop the exercise.
stop-if:
  - TODO
# Condition ids for which this exercise is not advised, e.g. [spinal-stenosis].
avoid-if: []
# Condition ids for which it needs care or a change.
caution-if: []
# Exercise ids of harder versions.
progression: []
# Exercise ids of easier versions.
regression: []
# Movement patterns it asks for: ` + strings.Join(handbook.Loads, ", ") + `.
loads: [TODO]
# Other names people use for it.
aliases: []
`,
	handbook.Conditions: titleSummary + `# Lay and clinical names, e.g. "slipped disc".
aliases: []
# Movement patterns that tend to make it worse: ` + strings.Join(handbook.Loads, ", ") + `.
aggravated-by: [TODO]
# Exercise ids that often help.
helpful: []
# Red-flag ids (from flags.yaml) that apply.
flags: []
`,
	handbook.FAQ: `# The question, as a reader would ask it.
question: TODO
# A one- or two-sentence answer; the text below gives the fuller one.
answer: TODO
# Related pages as section/id, e.g. [exercises/plank, guides/warming-up].
related: []
`,
	handbook.Guides: titleSummary + `# Related pages as section/id, e.g. [exercises/plank, guides/warming-up].
related: []
`,
	handbook.Programs: titleSummary + `# Other words a reader searches with for it, e.g. "desk routine".
aliases: []
# The exercises in order: id (required), dose (defaults to the exercise's own), note.
exercises:
  - id: TODO
    note: TODO
`,
	"": titleSummary,
}

var bodies = map[string]string{
	handbook.Exercises: `## Starting position

TODO: where and how to start.

## Steps

1. TODO: the first step.

## How it should feel

TODO: what is normal, and what is not.

## Easier and harder

TODO: name the easier and harder versions.
`,
	handbook.Conditions: `## What it is

TODO

## What can make it worse

TODO

## What often helps

TODO

## When to see a doctor

TODO
`,
	handbook.FAQ:      "TODO: the fuller answer.\n",
	handbook.Guides:   "## TODO: first heading\n\nTODO\n",
	handbook.Programs: "TODO: who it is for, how often, and how to progress.\n",
	"":                "TODO\n",
}
