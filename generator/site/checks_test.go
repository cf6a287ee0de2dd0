package site

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// Each case breaks the valid base tree in one way and expects exactly these
// messages, in this order.
var checkCases = []struct {
	name    string
	overlay map[string]string
	want    []string
}{
	{"valid", nil, nil},
	{
		"malformed YAML",
		map[string]string{"guides/warming-up.md": "---\ntitle: Warming up\nsummary: [unclosed\n---\n"},
		[]string{
			"content/guides/warming-up.md:3:10: invalid YAML: did not find expected ',' or ']' (close the [ opened on line 3 with ])",
		},
	},
	{
		"tab indentation",
		map[string]string{"faq/rest.md": "---\nquestion: Should I rest?\n\tanswer: Yes.\n---\n"},
		[]string{
			"content/faq/rest.md:3:1: invalid YAML: found a tab character that violates indentation (indent with spaces, not tabs)",
		},
	},
	{
		"unknown key",
		map[string]string{"exercises/glute-bridge.md": strings.Replace(baseTree()["exercises/glute-bridge.md"], "caution-if:", "caution_if:", 1)},
		[]string{
			"content/exercises/glute-bridge.md:18:1: unknown key \"caution_if\" in exercise front matter (did you mean \"caution-if\"?)",
		},
	},
	{
		"wrong type",
		map[string]string{"exercises/glute-bridge.md": strings.Replace(baseTree()["exercises/glute-bridge.md"], "level: 2", "level: high", 1)},
		[]string{
			"content/exercises/glute-bridge.md:7:8: level must be a whole number from 1 to 5, not \"high\"",
		},
	},
	{
		"missing required key",
		map[string]string{"guides/warming-up.md": "---\ntitle: Warming up\n---\n\nText.\n"},
		[]string{
			"content/guides/warming-up.md:2:1: missing required key \"summary\" in guide front matter (add a line summary: ...)",
		},
	},
	{
		"value outside vocabulary",
		map[string]string{"exercises/glute-bridge.md": strings.Replace(baseTree()["exercises/glute-bridge.md"], "category: strength", "category: strenght", 1)},
		[]string{
			"content/exercises/glute-bridge.md:4:11: category \"strenght\" is not allowed (did you mean \"strength\"?)",
		},
	},
	{
		"duplicate key",
		map[string]string{"guides/warming-up.md": "---\ntitle: Warming up\nsummary: One.\ntitle: Again\n---\n"},
		[]string{
			"content/guides/warming-up.md:4:1: duplicate key \"title\" (first set on line 2; keep one)",
		},
	},
	{
		"duplicate id differing in case",
		map[string]string{"guides/Warming-Up.md": baseTree()["guides/warming-up.md"]},
		[]string{
			"content/guides/Warming-Up.md:1:1: duplicate id \"Warming-Up\" (also content/guides/warming-up.md) (ids must be unique, whatever their case; remove or rename one)",
			"content/guides/Warming-Up.md:1:1: page id \"Warming-Up\" must be lower-case letters, digits and single hyphens (rename the file to warming-up.md)",
		},
	},
	{
		"missing page in a front-matter list",
		map[string]string{"faq/rest.md": "---\nquestion: Should I rest?\nanswer: No.\nrelated: [guides/warmup, exercises/plank]\n---\n"},
		[]string{
			"content/faq/rest.md:4:11: related: no such page \"guides/warmup\" (check the spelling against the file names)",
			"content/faq/rest.md:4:26: related: no such page \"exercises/plank\" (check the spelling against the file names)",
		},
	},
	{
		"missing page in a markdown link",
		map[string]string{"about.md": "---\ntitle: About\nsummary: What this is.\n---\n\nSee [planks](exercises/plank.md) and [bridges](exercises/glute-bridge.md).\n"},
		[]string{
			"content/about.md:6:5: link to missing page \"exercises/plank.md\" (link to the .md file of a page that exists)",
		},
	},
	{
		"clinic branding",
		map[string]string{
			"handbook.yaml": "title: Test handbook\nlanguage: en-GB\nclinic:\n  name: Back Clinic\n  logo: img/logo.png\n  colour: blue\n",
		},
		[]string{
			"content/handbook.yaml:5:9: logo \"img/logo.png\" does not exist (put the file in the content folder, or fix the path)",
			"content/handbook.yaml:6:11: colour \"blue\" is not a colour (write it as a web colour, such as \"#1d6fa5\")",
		},
	},
	{
		"clinic logo not a picture",
		map[string]string{
			"handbook.yaml": "title: Test handbook\nlanguage: en-GB\nclinic:\n  logo: notes.txt\n",
			"notes.txt":     "hello",
		},
		[]string{
			"content/handbook.yaml:4:9: logo \"notes.txt\" is not a picture (use a .png, .jpg, .webp, .gif or .svg file)",
		},
	},
	{
		"dose placeholders",
		map[string]string{
			"exercises/glute-bridge.md": strings.Replace(baseTree()["exercises/glute-bridge.md"], "1. Lift your hips.", "1. Lift your hips for {hold} seconds, {sets} times, {hodl}.", 1),
			"about.md":                  "---\ntitle: About\nsummary: What this is.\n---\n\nDo it {reps} times.\n",
		},
		[]string{
			"content/about.md:6:7: dose placeholder {reps} on a page that is not an exercise (only an exercise has a dose; write the number)",
			"content/exercises/glute-bridge.md:24:39: {sets} but the exercise's dose has no sets (add sets: to the exercise's dose, or write the number)",
			"content/exercises/glute-bridge.md:24:53: unknown dose placeholder {hodl} (a placeholder names a part of the dose: {sets}, {reps}, {hold}, {rest}, {duration}, {frequency})",
		},
	},
	{
		"missing anchor",
		map[string]string{"about.md": "---\ntitle: About\nsummary: What this is.\n---\n\nSee [why](guides/warming-up.md#whyy) and [top](#nowhere).\n"},
		[]string{
			"content/about.md:6:5: no heading #whyy in guides/warming-up.html (did you mean #why?)",
			"content/about.md:6:42: no heading #nowhere in about.html (link to a heading of the page)",
		},
	},
	{
		"self reference",
		map[string]string{"guides/warming-up.md": "---\ntitle: Warming up\nsummary: Easy.\nrelated: [guides/warming-up]\n---\n"},
		[]string{
			"content/guides/warming-up.md:4:11: related lists the page itself (a page cannot refer to itself)",
		},
	},
	{
		"progression cycle",
		map[string]string{"exercises/glute-bridge.md": strings.Replace(baseTree()["exercises/glute-bridge.md"], "loads: [extension]", "loads: [extension]\nprogression: [pelvic-tilt]", 1)},
		[]string{
			"content/exercises/pelvic-tilt.md:18:15: progression cycle: glute-bridge -> pelvic-tilt -> glute-bridge (an exercise cannot be harder than itself; remove one link of the loop)",
		},
	},
	{
		"both progression and regression",
		map[string]string{"exercises/pelvic-tilt.md": strings.Replace(baseTree()["exercises/pelvic-tilt.md"], "progression: [glute-bridge]", "progression: [glute-bridge]\nregression: [glute-bridge]", 1)},
		[]string{
			"content/exercises/pelvic-tilt.md:19:14: \"glute-bridge\" is listed as both a progression and a regression of \"pelvic-tilt\" (an exercise is either easier or harder, not both)",
		},
	},
	{
		"programme names a missing exercise",
		map[string]string{"programs/starter.md": "---\ntitle: Starter\nsummary: One.\nexercises:\n  - id: plank\n---\n"},
		[]string{
			"content/programs/starter.md:5:9: exercises: no such exercise \"plank\" (check the spelling against the file names)",
		},
	},
	{
		"unknown red flag",
		map[string]string{"conditions/sciatica.md": strings.Replace(baseTree()["conditions/sciatica.md"], "flags: [bladder-bowel-change]", "flags: [bladder-change]", 1)},
		[]string{
			"content/conditions/sciatica.md:7:9: unknown red flag \"bladder-change\" in flags (check the spelling against the file names)",
		},
	},
	{
		"missing front matter",
		map[string]string{"guides/warming-up.md": "# Warming up\n\nText.\n"},
		[]string{
			"content/guides/warming-up.md:1:1: missing front matter (start the file with a line ---, then the front matter, then another ---)",
		},
	},
	{
		"unclosed front matter",
		map[string]string{"guides/warming-up.md": "---\ntitle: Warming up\nsummary: Easy.\n\nText.\n"},
		[]string{
			"content/guides/warming-up.md:1:1: front matter is not closed (end the front matter with a line --- before the text of the page)",
		},
	},
	{
		"link escaping the content folder",
		map[string]string{"about.md": "---\ntitle: About\nsummary: What this is.\n---\n\nSee [secrets](../../etc/passwd).\n"},
		[]string{
			"content/about.md:6:5: link \"../../etc/passwd\" leads outside the content folder (link only to pages and files inside the content folder)",
		},
	},
	{
		"duplicate red flag id",
		map[string]string{"flags.yaml": baseTree()["flags.yaml"] + "  - id: not-improving\n    title: Again\n    urgency: soon\n    action: Book.\n"},
		[]string{
			"content/flags.yaml:10:9: duplicate red flag id \"not-improving\" (first used on line 6)",
		},
	},
	{
		"tree: missing node",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "next: care-soon", "next: care-son", 1)},
		[]string{
			"content/decide.yaml:20:15: next: no node \"care-son\" (did you mean \"care-soon\"?)",
		},
	},
	{
		"tree: empty answer",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "      - label: None of these\n", "      -\n      - label: None of these\n", 1)},
		[]string{
			"content/decide.yaml:11:8: answer must be a mapping, not nothing (write key: value lines, indented under it)",
		},
	},
	{
		"figure: angle out of range",
		withFigure("figure:\n  frames:\n    - base: lying-back\n      knees: 200\n"),
		[]string{
			"content/exercises/glute-bridge.md:23:14: knees of 200\u00b0 is outside the knee's range (0 to 160\u00b0) (0 is a straight knee; 90 is a right angle)",
		},
	},
	{
		"figure: unknown base",
		withFigure("figure:\n  frames:\n    - base: lying-down\n"),
		[]string{
			"content/exercises/glute-bridge.md:22:13: base \"lying-down\" is not allowed (use one of: standing, sitting, kneeling, lying-back, lying-front, side-lying, hands-knees, plank)",
		},
	},
	{
		"figure: unknown prop and a prop out of place",
		withFigure("figure:\n  props: [mat, yoga-block, {prop: dumbbell, at: feet}]\n  frames:\n    - base: standing\n"),
		[]string{
			"content/exercises/glute-bridge.md:21:16: prop \"yoga-block\" is not allowed (use one of: mat, wall, chair, bench, step, band, dumbbell, kettlebell, foam-roller, bar, cable, bike, water)",
			"content/exercises/glute-bridge.md:21:28: a dumbbell cannot go at \"feet\" (use one of: hands, left-hand, right-hand)",
		},
	},
	{
		"figure: through the floor",
		withFigure("figure:\n  frames:\n    - base: standing\n    - base: standing\n      trunk: 120\n"),
		[]string{
			"content/exercises/glute-bridge.md:23:13: this standing frame puts the head 70 cm through the floor (in standing the body rests on its feet; change the angles so the head stays above the floor)",
		},
	},
	{
		"figure: one side missing, and not a number",
		withFigure("figure:\n  frames:\n    - base: lying-back\n      hips: {left: 90}\n      knees: bent\n"),
		[]string{
			"content/exercises/glute-bridge.md:23:13: missing required key \"right\" in hips (add a line right: ...)",
			"content/exercises/glute-bridge.md:24:14: knees must be a number of degrees, not \"bent\" (write a number of degrees, such as 90, or {left: 90, right: 0} when the sides differ)",
		},
	},
	{
		"figure: a lying frame seen from the front",
		withFigure("figure:\n  frames:\n    - base: lying-back\n      view: front\n"),
		[]string{
			"content/exercises/glute-bridge.md:23:13: a lying-back frame cannot be seen from the front (draw lying, all-fours and plank frames from the side)",
		},
	},
	{
		"figure: no frames",
		withFigure("figure:\n  frames: []\n"),
		[]string{
			"content/exercises/glute-bridge.md:21:11: frames is empty (add a frame for the start position, and one for the end)",
		},
	},
	{
		"image: no credit or licence, and a missing file",
		withFigure("image: bridge.jpg\n"),
		[]string{
			"content/exercises/glute-bridge.md:20:8: an exercise's image needs image-credit (add a line image-credit: ... so that readers know whose picture it is and how it may be used)",
			"content/exercises/glute-bridge.md:20:8: an exercise's image needs image-license (add a line image-license: ... so that readers know whose picture it is and how it may be used)",
			"content/exercises/glute-bridge.md:20:8: image \"bridge.jpg\" does not exist (put the file beside the page, or fix the path)",
		},
	},
	{
		"image: and a figure",
		map[string]string{
			"exercises/glute-bridge.md": strings.Replace(baseTree()["exercises/glute-bridge.md"], "loads: [extension]\n",
				"loads: [extension]\nimage: bridge.png\nimage-credit: A. Photographer\nimage-license: CC BY 4.0\nfigure:\n  frames:\n    - base: lying-back\n", 1),
			"exercises/bridge.png": "\x89PNG\r\n\x1a\n",
		},
		[]string{
			"content/exercises/glute-bridge.md:20:8: an exercise has a figure and an image (keep the figure or the image, not both)",
		},
	},
	{
		"tree: answer without next",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "        next: urgent\n", "", 1)},
		[]string{
			"content/decide.yaml:11:9: missing required key \"next\" in answer (add a line next: ...)",
		},
	},
	{
		"tree: unreachable node",
		map[string]string{"decide.yaml": baseDecide + "  orphan:\n    title: Orphan\n    outcome: care\n    urgency: soon\n    text: Nobody comes here.\n"},
		[]string{
			"content/decide.yaml:56:3: node \"orphan\" cannot be reached from the start (link to it from an answer, or remove it)",
		},
	},
	{
		"tree: cycle",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "        next: sore", "        next: emergency", 1)},
		[]string{
			"content/decide.yaml:34:15: cycle: emergency -> urgent -> diagnosis -> emergency (a path must always move on to an outcome)",
			"content/decide.yaml:35:3: node \"sore\" cannot be reached from the start (link to it from an answer, or remove it)",
		},
	},
	{
		"tree: question with one answer",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "      - label: Yes\n        flags: [not-improving]\n        next: care-soon\n", "", 1)},
		[]string{
			"content/decide.yaml:13:3: question \"urgent\" has 1 answer(s) (a question needs at least two answers)",
		},
	},
	{
		"tree: duplicate answer labels",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "label: No, but arching hurts", "label: Yes", 1)},
		[]string{
			"content/decide.yaml:30:16: duplicate answer \"Yes\" in \"diagnosis\" (give each answer its own words)",
		},
	},
	{
		"tree: red flag leads to a plan",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "        next: care-now", "        next: urgent", 1)},
		[]string{
			"content/decide.yaml:8:16: answer \"Bladder trouble\" reports a red flag (emergency) but can lead to \"care-soon\" (soon care) (then: urgent: Yes) (a red flag must lead only to care at least as urgent as the flag)",
			"content/decide.yaml:8:16: answer \"Bladder trouble\" reports a red flag (emergency) but can lead to \"plan\" (plan) (then: urgent: No / diagnosis: Yes) (a red flag must lead only to care at least as urgent as the flag)",
			"content/decide.yaml:8:16: answer \"Bladder trouble\" reports a red flag (emergency) but can lead to \"sore\" (page) (then: urgent: No / diagnosis: No) (a red flag must lead only to care at least as urgent as the flag)",
			"content/decide.yaml:40:3: node \"care-now\" cannot be reached from the start (link to it from an answer, or remove it)",
		},
	},
	{
		"tree: red flag leads to less urgent care",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "        next: care-now", "        next: care-soon", 1)},
		[]string{
			"content/decide.yaml:8:16: answer \"Bladder trouble\" reports a red flag (emergency) but can lead to \"care-soon\" (soon care) (a red flag must lead only to care at least as urgent as the flag)",
			"content/decide.yaml:40:3: node \"care-now\" cannot be reached from the start (link to it from an answer, or remove it)",
		},
	},
	{
		"tree: plan shows an exercise to avoid",
		map[string]string{
			"decide.yaml":               strings.Replace(baseDecide, "exercises: [pelvic-tilt]", "exercises: [pelvic-tilt, glute-bridge]", 1),
			"exercises/glute-bridge.md": strings.Replace(baseTree()["exercises/glute-bridge.md"], "caution-if: [sciatica]", "avoid-if: [sciatica]", 1),
		},
		[]string{
			"content/decide.yaml:54:30: plan \"plan\" names \"glute-bridge\", which is to be avoided with sciatica (after: emergency: None of these / urgent: No / diagnosis: Yes) (a plan must never show an exercise the answers rule out)",
			"content/decide.yaml:54:30: plan \"plan\" names \"glute-bridge\", which puts extension on the spine, which hurts (after: emergency: None of these / urgent: No / diagnosis: No, but arching hurts) (a plan must never show an exercise the answers rule out)",
		},
	},
	{
		"tree: plan shows an exercise done in a position that hurts",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "hurts: [extension]", "hurts: [lying-back]", 1)},
		[]string{
			"content/decide.yaml:54:17: plan \"plan\" names \"pelvic-tilt\", which is done lying-back, a position that hurts (after: emergency: None of these / urgent: No / diagnosis: No, but arching hurts) (a plan must never show an exercise the answers rule out)",
		},
	},
	{
		"tree: plan stretches the nerve when the leg hurts",
		map[string]string{
			"decide.yaml":              strings.Replace(baseDecide, "conditions: [sciatica]", "conditions: [sciatica]\n        hurts: [nerve-tension]", 1),
			"exercises/pelvic-tilt.md": strings.Replace(baseTree()["exercises/pelvic-tilt.md"], "loads: []", "loads: [nerve-tension]", 1),
		},
		[]string{
			"content/decide.yaml:55:17: plan \"plan\" names \"pelvic-tilt\", which stretches the nerve down the leg (nerve-tension), which hurts (after: emergency: None of these / urgent: No / diagnosis: Yes) (a plan must never show an exercise the answers rule out)",
		},
	},
	{
		"tree: plan names exercises that bend the spine opposite ways",
		map[string]string{
			"decide.yaml":              strings.NewReplacer("exercises: [pelvic-tilt]", "exercises: [pelvic-tilt, glute-bridge]", "hurts: [extension]", "hurts: [impact]").Replace(baseDecide),
			"exercises/pelvic-tilt.md": strings.Replace(baseTree()["exercises/pelvic-tilt.md"], "loads: []", "loads: [flexion]", 1),
		},
		[]string{
			"content/decide.yaml:54:17: plan \"plan\" names \"pelvic-tilt\" (flexion) and \"glute-bridge\" (extension), which bend the spine opposite ways (keep to one way: which way eases back pain differs from person to person)",
		},
	},
	{
		"ladder: a step up at the same level that must be avoided with a condition",
		map[string]string{
			"exercises/glute-bridge.md": strings.NewReplacer("level: 2", "level: 1", "caution-if: [sciatica]", "avoid-if: [sciatica]").Replace(baseTree()["exercises/glute-bridge.md"]),
		},
		[]string{
			"content/exercises/pelvic-tilt.md:18:15: \"glute-bridge\" is the next step up from \"pelvic-tilt\" at the same level (1), but is to be avoided with sciatica (a step up at the same level must suit everyone the easier one suits: raise its level, or pick another)",
		},
	},
	{
		"ladder: a harder version of a lower level",
		map[string]string{
			"exercises/pelvic-tilt.md": strings.Replace(baseTree()["exercises/pelvic-tilt.md"], "level: 1", "level: 3", 1),
		},
		[]string{
			"content/exercises/pelvic-tilt.md:18:15: \"glute-bridge\" (level 2) is listed as harder than \"pelvic-tilt\" (level 3) (swap them, or change a level)",
		},
	},
	{
		"tree: a red flag answer leads to a question before care",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "        flags: [not-improving]\n        next: care-soon", "        flags: [not-improving]\n        next: diagnosis", 1)},
		[]string{
			"content/decide.yaml:18:16: answer \"Yes\" reports a red flag (soon) but can lead to \"plan\" (plan) (then: diagnosis: Yes) (a red flag must lead only to care at least as urgent as the flag)",
			"content/decide.yaml:18:16: answer \"Yes\" reports a red flag (soon) but can lead to \"sore\" (page) (then: diagnosis: No) (a red flag must lead only to care at least as urgent as the flag)",
			"content/decide.yaml:46:3: node \"care-soon\" cannot be reached from the start (link to it from an answer, or remove it)",
		},
	},
	{
		"tree: an answer with one flag shows its title; with two it needs a label",
		map[string]string{"decide.yaml": strings.NewReplacer("      - label: Bladder trouble\n        flags: [bladder-bowel-change]", "      - flags: [bladder-bowel-change, not-improving]",
			"      - label: Yes\n        flags: [not-improving]", "      - flags: [not-improving]").Replace(baseDecide)},
		[]string{
			"content/decide.yaml:8:9: missing required key \"label\" in answer (add a line label: ...; an answer with one flag may leave it out, and shows the flag's title)",
		},
	},
	{
		"content may not replace or script the site: scripts, HTML and the site's own folders",
		map[string]string{"assets/handbook.js": "alert(1)", "index.html": "<script>alert(1)</script>", "exercises/plank.html": "<p>x</p>", "search/docs.js": "x", "figures/plank.svg": "<svg/>", "guides/page.xhtml": "<html/>", "assets/icon.svg": "<svg/>"},
		[]string{
			"content/assets/handbook.js:1:1: files of type \".js\" are not copied into the site (content/ may hold pages (.md), its data files and pictures, PDFs, text, sound or video; a file a browser could run (HTML, script) could put code on the site)",
			"content/assets/icon.svg:1:1: \"assets/icon.svg\" is in assets/, which holds the site's own files (move it to another folder, such as images/)",
			"content/exercises/plank.html:1:1: files of type \".html\" are not copied into the site (content/ may hold pages (.md), its data files and pictures, PDFs, text, sound or video; a file a browser could run (HTML, script) could put code on the site)",
			"content/figures/plank.svg:1:1: \"figures/plank.svg\" is in figures/, which holds the site's own files (move it to another folder, such as images/)",
			"content/guides/page.xhtml:1:1: files of type \".xhtml\" are not copied into the site (content/ may hold pages (.md), its data files and pictures, PDFs, text, sound or video; a file a browser could run (HTML, script) could put code on the site)",
			"content/index.html:1:1: files of type \".html\" are not copied into the site (content/ may hold pages (.md), its data files and pictures, PDFs, text, sound or video; a file a browser could run (HTML, script) could put code on the site)",
			"content/search/docs.js:1:1: files of type \".js\" are not copied into the site (content/ may hold pages (.md), its data files and pictures, PDFs, text, sound or video; a file a browser could run (HTML, script) could put code on the site)",
		},
	},
	{
		"content may not replace a generated page",
		map[string]string{"index.md": "---\ntitle: T\nsummary: S.\n---\n\nText.\n", "404.md": "---\ntitle: T\nsummary: S.\n---\n\nText.\n", "search.md": "---\ntitle: T\nsummary: S.\n---\n\nText.\n", "handout.md": "---\ntitle: T\nsummary: S.\n---\n\nText.\n", "print.md": "---\ntitle: T\nsummary: S.\n---\n\nText.\n", "decide.md": "---\ntitle: T\nsummary: S.\n---\n\nText.\n", "flags.md": "---\ntitle: T\nsummary: S.\n---\n\nText.\n", "guides/index.md": "---\ntitle: T\nsummary: S.\n---\n\nText.\n"},
		[]string{
			"content/404.md:1:1: \"content/404.md\" would be replaced by the site's 404.html, which the build makes (rename the file, such as 404-page.md)",
			"content/decide.md:1:1: \"content/decide.md\" would be replaced by the site's decide.html, which the build makes (rename the file, such as decide-page.md)",
			"content/flags.md:1:1: \"content/flags.md\" would be replaced by the site's flags.html, which the build makes (rename the file, such as flags-page.md)",
			"content/guides/index.md:1:1: \"content/guides/index.md\" would be replaced by the list of guides, which the build makes (rename the file, such as index-page.md)",
			"content/handout.md:1:1: \"content/handout.md\" would be replaced by the site's handout.html, which the build makes (rename the file, such as handout-page.md)",
			"content/index.md:1:1: \"content/index.md\" would be replaced by the site's index.html, which the build makes (rename the file, such as index-page.md)",
			"content/print.md:1:1: \"content/print.md\" would be replaced by the site's print.html, which the build makes (rename the file, such as print-page.md)",
			"content/search.md:1:1: \"content/search.md\" would be replaced by the site's search.html, which the build makes (rename the file, such as search-page.md)",
		},
	},
	{
		"links: one URL policy for links, pictures and autolinks",
		map[string]string{"guides/warming-up.md": "---\ntitle: Warming up\nsummary: Warm up.\n---\n\n<javascript:alert(1)> <JaVaScRiPt:alert(1)> <vbscript:msgbox(1)> <file:///etc/passwd>\n\n[a](data:text/html,x) ![b](javascript:alert(1)) [c](JAVASCRIPT:alert(1))\n\n[fine](https://example.org) <https://example.org> <mailto:a@example.org> [call](tel:+441234) www.example.org\n"},
		[]string{
			"content/guides/warming-up.md:6:1: link \"javascript:alert(1)\": only http, https, mailto and tel addresses are allowed (link to a page with its .md file, or to a web address)",
			"content/guides/warming-up.md:6:23: link \"JaVaScRiPt:alert(1)\": only http, https, mailto and tel addresses are allowed (link to a page with its .md file, or to a web address)",
			"content/guides/warming-up.md:6:45: link \"vbscript:msgbox(1)\": only http, https, mailto and tel addresses are allowed (link to a page with its .md file, or to a web address)",
			"content/guides/warming-up.md:6:66: link \"file:///etc/passwd\": only http, https, mailto and tel addresses are allowed (link to a page with its .md file, or to a web address)",
			"content/guides/warming-up.md:8:1: link \"data:text/html,x\": only http, https, mailto and tel addresses are allowed (link to a page with its .md file, or to a web address)",
			"content/guides/warming-up.md:8:23: link \"javascript:alert(1)\": only http, https, mailto and tel addresses are allowed (link to a page with its .md file, or to a web address)",
			"content/guides/warming-up.md:8:49: link \"JAVASCRIPT:alert(1)\": only http, https, mailto and tel addresses are allowed (link to a page with its .md file, or to a web address)",
		},
	},
	{
		"tree: a cycle that cannot be reached, and a self-loop",
		map[string]string{"decide.yaml": baseDecide + "  loop-a:\n    title: A\n    question: A?\n    answers:\n      - label: To B\n        next: loop-b\n      - label: Again\n        next: loop-a\n  loop-b:\n    title: B\n    question: B?\n    answers:\n      - label: To A\n        next: loop-a\n      - label: Stay\n        next: loop-b\n"},
		[]string{
			"content/decide.yaml:56:3: node \"loop-a\" cannot be reached from the start (link to it from an answer, or remove it)",
			"content/decide.yaml:64:3: node \"loop-b\" cannot be reached from the start (link to it from an answer, or remove it)",
		},
	},
	{
		"tree: a self-loop on the path",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "      - label: No\n        next: sore", "      - label: No\n        next: diagnosis", 1)},
		[]string{
			"content/decide.yaml:34:15: cycle: diagnosis -> diagnosis (a path must always move on to an outcome)",
			"content/decide.yaml:35:3: node \"sore\" cannot be reached from the start (link to it from an answer, or remove it)",
		},
	},
	{
		"tree: outcome reached without a red-flag screen",
		map[string]string{"decide.yaml": strings.Replace(baseDecide, "    screen: urgent\n", "", 1)},
		[]string{
			"content/decide.yaml:34:3: outcome \"sore\" can be reached without the urgent red-flag questions (after: emergency: None of these / urgent: No / diagnosis: No) (ask the urgent red-flag questions (screen: urgent) on every path before it)",
			"content/decide.yaml:50:3: outcome \"plan\" can be reached without the urgent red-flag questions (after: emergency: None of these / urgent: No / diagnosis: Yes) (ask the urgent red-flag questions (screen: urgent) on every path before it)",
		},
	},
	{
		"tree: missing page, flag and condition",
		map[string]string{"decide.yaml": strings.NewReplacer("page: guides/warming-up", "page: guides/warm-up",
			"flags: [not-improving]", "flags: [not-improvin]", "conditions: [sciatica]", "conditions: [sciatic]").Replace(baseDecide)},
		[]string{
			"content/decide.yaml:19:17: flags: no red flag \"not-improvin\" (did you mean \"not-improving\"?)",
			"content/decide.yaml:28:22: conditions: no condition \"sciatic\" (did you mean \"sciatica\"?)",
			"content/decide.yaml:38:11: page: no page \"guides/warm-up\" (did you mean \"guides/warming-up\"?)",
		},
	},
}

func TestChecks(t *testing.T) {
	for _, c := range checkCases {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			root := writeTree(t, dir, c.overlay)
			_, err := Build(config(root, ""))
			got := lines(err, dir)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// withFigure adds lines to the glute bridge's front matter, from line 20.
func withFigure(lines string) map[string]string {
	return map[string]string{"exercises/glute-bridge.md": strings.Replace(baseTree()["exercises/glute-bridge.md"], "loads: [extension]\n", "loads: [extension]\n"+lines, 1)}
}

// A clinic's name, contact, logo and colour from handbook.yaml head the
// handout builder's sheet and the whole printed handbook.
func TestClinicBranding(t *testing.T) {
	dir := t.TempDir()
	root := writeTree(t, dir, map[string]string{
		"handbook.yaml":   "title: Test handbook\nlanguage: en-GB\nclinic:\n  name: Riverside Physio\n  phone: 01234 567890\n  email: desk@riverside.example\n  logo: clinic/logo.svg\n  colour: \"#1D6FA5\"\n",
		"clinic/logo.svg": `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="4"/></svg>`,
	})
	out := filepath.Join(dir, "public")
	if _, err := Build(config(root, out)); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(filepath.Join(out, "clinic", "logo.svg")); err != nil {
		t.Errorf("the logo is not in the output: %v", err)
	}
	for _, page := range []string{"handout.html", "print.html"} {
		b, err := os.ReadFile(filepath.Join(out, page))
		if err != nil {
			t.Fatal(err)
		}
		for _, want := range []string{`class="clinic-logo" src="clinic/logo.svg"`, "Riverside Physio", "01234 567890 · desk@riverside.example"} {
			if !strings.Contains(string(b), want) {
				t.Errorf("%s lacks %q", page, want)
			}
		}
		if !strings.Contains(strings.ReplaceAll(string(b), " ", ""), `style="--clinic:#1d6fa5"`) {
			t.Errorf("%s does not take the clinic's colour", page)
		}
		// the handout has its own panel on when to stop, printed with it:
		// not the help panel of other pages as well
		if n := strings.Count(string(b), ">When to stop and get help</h2>"); page == "handout.html" && n != 1 {
			t.Errorf("handout.html has %d panels on when to stop, want 1", n)
		}
	}
}
