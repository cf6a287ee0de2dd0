package site

import (
	"fmt"
	"net/url"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"golang.org/x/net/html"
)

// A handbook need not look like ours. Each shape here is a content folder a
// clinic might point the generator at; each must build into a whole site
// with no link or anchor to anything that is not there.

// kneeExercise is an exercise of a knee handbook, with few fields filled in.
func kneeExercise(title, more string) string {
	return "---\ntitle: " + title + "\nsummary: A gentle move for a stiff knee.\ncategory: strength\nposition: sitting\n" +
		"equipment: [chair]\nlevel: 1\ntargets: [legs]\ndose: {sets: 2, reps: 10}\ncues: [Move slowly.]\n" +
		"mistakes: [Rushing.]\nstop-if: [Sharp pain in the knee.]\nloads: []\n" + more + "---\n\n## Steps\n\n1. Sit tall on a firm chair.\n2. Move as the title says, slowly.\n"
}

const kneeYAML = "title: Knee rehabilitation\nlanguage: en\n"

// shapes are the content folders: name -> files.
func shapes() map[string]map[string]string {
	withoutKeys := func(drop ...string) map[string]string {
		files := baseTree()
		for _, k := range drop {
			delete(files, k)
		}
		return files
	}
	noFlags := withoutKeys("flags.yaml", "decide.yaml")
	noFlags["conditions/sciatica.md"] = strings.Replace(strings.Replace(noFlags["conditions/sciatica.md"], "flags: [bladder-bowel-change]\n", "", 1),
		" See [the red flags](../flags.yaml#emergency).", "", 1)
	return map[string]map[string]string{
		"one exercise": {
			"handbook.yaml":                   "title: Knee rehabilitation\nlanguage: en\n",
			"exercises/straight-leg-raise.md": kneeExercise("Straight leg raise", ""),
		},
		"exercises only": {
			"handbook.yaml":                   kneeYAML,
			"exercises/straight-leg-raise.md": kneeExercise("Straight leg raise", "progression: [sit-to-stand]\n"),
			"exercises/sit-to-stand.md":       kneeExercise("Sit to stand", "regression: [straight-leg-raise]\n"),
			"exercises/heel-raise.md":         kneeExercise("Heel raise", ""),
		},
		"exercises and conditions": {
			"handbook.yaml":                   kneeYAML,
			"exercises/straight-leg-raise.md": kneeExercise("Straight leg raise", ""),
			"exercises/sit-to-stand.md":       strings.Replace(kneeExercise("Sit to stand", ""), "loads: []", "loads: [flexion]", 1),
			"conditions/knee-arthritis.md": "---\ntitle: Knee arthritis\nsummary: Wear in the knee joint that makes it stiff and sore.\n" +
				"aggravated-by: [flexion]\nhelpful: [straight-leg-raise]\n---\n\n## What helps\n\nStrong thigh muscles take load off the joint. Try the [straight leg raise](../exercises/straight-leg-raise.md).\n",
		},
		"no red flags":     noFlags,
		"no decision tree": withoutKeys("decide.yaml"),
	}
}

// messyLibrary is a large library of exercises with long, messy names
// (brackets, slashes, accents, very long titles) and few fields filled in.
func messyLibrary(n int) map[string]string {
	files := map[string]string{"handbook.yaml": "title: Clinic library (Übungen & exercises)\nlanguage: en\n"}
	names := []string{"Band pull-apart (standing)", "Hip hinge / dowel", "Élan step-up — low box", "Wall sit [30 s]",
		"Cat–camel & breathe", "Dead bug: arms only", "Side plank (knees) / short lever", "Bird dog «slow»"}
	for i := 0; i < n; i++ {
		title := fmt.Sprintf("%s no. %d", names[i%len(names)], i)
		if i%50 == 0 {
			title += strings.Repeat(" with a very long description of the variation", 6)
		}
		more := ""
		if i%3 == 0 && i%5 != 0 {
			more = fmt.Sprintf("regression: [ex-%03d]\n", i-1)
		}
		files[fmt.Sprintf("exercises/ex-%03d.md", i)] = "---\ntitle: \"" + title + "\"\nsummary: Slowly, within comfort.\ncategory: mobility\n" +
			"position: standing\nequipment: []\nlevel: " + fmt.Sprint(1+i%5) + "\ntargets: [legs]\ndose: {reps: 8}\ncues: [Breathe.]\n" +
			"mistakes: [Rushing.]\nstop-if: [Sharp pain.]\nloads: []\n" + more + "---\n\n## Steps\n\n1. Stand tall.\n"
	}
	return files
}

// buildShape writes files as a content folder and builds it.
func buildShape(t *testing.T, files map[string]string) (string, *Result) {
	t.Helper()
	dir := t.TempDir()
	root := writeFiles(t, filepath.Join(dir, "content"), files)
	out := filepath.Join(dir, "public")
	res, err := Build(config(root, out))
	if err != nil {
		t.Fatalf("build: %v", err)
	}
	return out, res
}

// allShapes are the shapes and the messy library.
func allShapes() map[string]map[string]string {
	all := shapes()
	all["messy library of 400"] = messyLibrary(400)
	return all
}

// eachShape runs f for every shape, the messy library too, in name order.
func eachShape(t *testing.T, f func(t *testing.T, files map[string]string)) {
	all := allShapes()
	names := make([]string, 0, len(all))
	for k := range all {
		names = append(names, k)
	}
	sort.Strings(names)
	for _, name := range names {
		t.Run(name, func(t *testing.T) { f(t, all[name]) })
	}
}

func TestShapes(t *testing.T) {
	eachShape(t, func(t *testing.T, files map[string]string) {
		out, res := buildShape(t, files)
		_, flags := files["flags.yaml"]
		_, tree := files["decide.yaml"]
		if want := btoi(!flags) + btoi(!tree); len(res.Warnings) != want {
			t.Errorf("%d warnings, want %d: %v", len(res.Warnings), want, res.Warnings)
		}
		pages, links := 0, 0
		for _, p := range checkLinks(t, out, &pages, &links) {
			t.Error(p)
		}
		t.Logf("%d pages, %d links", pages, links)
	})
}

// A knee handbook's chrome (layouts, scripts, styles, manifest, figures)
// says nothing about backs: every "back" in the site would come from them,
// since its content never uses the word.
func TestShapeSaysNothingOfBacks(t *testing.T) {
	files := shapes()["exercises and conditions"]
	for k, v := range files {
		if regexp.MustCompile(`(?i)\bback\b`).MatchString(v) {
			t.Fatalf("the fixture itself says back, in %s", k)
		}
	}
	out, _ := buildShape(t, files)
	word := regexp.MustCompile(`(?i)[^\n]{0,60}\b(back|spine|spinal|sciatica|slipped disc)\b[^\n]{0,60}`)
	for name, text := range readTree(t, out) {
		for _, m := range word.FindAllString(text, 3) {
			t.Errorf("%s: %q", name, m)
		}
	}
}

// checkLinks reads every HTML page under dir and returns each link or
// picture that points at a file or anchor the site does not have.
func checkLinks(t *testing.T, dir string, pages, links *int) []string {
	t.Helper()
	files := readTree(t, dir)
	ids := map[string]map[string]bool{}
	type ref struct{ from, attr, to string }
	var refs []ref
	for name, text := range files {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		*pages++
		ids[name] = map[string]bool{}
		z := html.NewTokenizer(strings.NewReader(text))
		for tt := z.Next(); tt != html.ErrorToken; tt = z.Next() {
			if tt != html.StartTagToken && tt != html.SelfClosingTagToken {
				continue
			}
			tag, more := z.TagName()
			if string(tag) == "noscript" {
				z.NextIsNotRawText() // what a reader without JavaScript gets: links to check
			}
			for more {
				var k, v []byte
				k, v, more = z.TagAttr()
				switch string(k) {
				case "id":
					ids[name][string(v)] = true
				case "href", "src", "action":
					refs = append(refs, ref{name, string(k), string(v)})
				}
			}
		}
	}
	var problems []string
	for _, r := range refs {
		u, err := url.Parse(r.to)
		if err != nil {
			problems = append(problems, fmt.Sprintf("%s: %s=%q does not parse", r.from, r.attr, r.to))
			continue
		}
		if u.Scheme != "" || u.Host != "" {
			continue
		}
		*links++
		target := r.from
		if u.Path != "" {
			target = path.Join(path.Dir(r.from), u.Path)
			if strings.HasSuffix(u.Path, "/") || u.Path == "." {
				target = path.Join(target, "index.html")
			}
		}
		if _, ok := files[target]; !ok {
			problems = append(problems, fmt.Sprintf("%s: %s=%q: no file %s", r.from, r.attr, r.to, target))
			continue
		}
		// a fragment with "=" is state for the page's script (handout.html#add=id)
		if u.Fragment != "" && !strings.Contains(u.Fragment, "=") && !ids[target][u.Fragment] {
			problems = append(problems, fmt.Sprintf("%s: %s=%q: no id %q in %s", r.from, r.attr, r.to, u.Fragment, target))
		}
	}
	sort.Strings(problems)
	return problems
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
