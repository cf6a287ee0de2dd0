package site

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"handbook/generator/content"
	"handbook/generator/convert"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/render"
	"handbook/generator/schema"
)

// loadShipped reads the handbook in content/ through the first stages.
func loadShipped(t *testing.T) *graph.Graph {
	g, _ := loadShippedText(t)
	return g
}

// loadShippedText is loadShipped with each page's markdown, by page key.
func loadShippedText(t *testing.T) (*graph.Graph, map[string]convert.Markdown) {
	t.Helper()
	var errs diag.List
	tree, err := content.Load(os.DirFS(filepath.Join("..", "..", "content")), "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	g := graph.Resolve(schema.Decode(tree, &errs), &errs)
	if err := errs.Err(); err != nil {
		t.Fatalf("the shipped content has errors:\n%v", err)
	}
	return g, convert.Text(tree)
}

// The exercises the issue names must all be there.
var namedExercises = []string{
	"pelvic-tilt", "hip-hinge", "glute-bridge", "single-leg-bridge", "bird-dog", "heel-slide", "dead-bug",
	"dead-bug-extended", "plank-knees", "plank", "plank-leg-lift", "side-plank-knees", "side-plank",
	"side-plank-leg-raise", "clamshell", "band-walk", "pallof-press", "bodyweight-squat", "goblet-squat",
	"split-squat", "reverse-lunge", "walking-lunge", "wall-push-up", "incline-push-up", "knee-push-up", "push-up",
	"band-row", "inverted-row", "bent-over-row", "seated-overhead-press", "standing-overhead-press",
	"reverse-fly", "back-extension", "superman", "lat-pull-down", "cat-cow", "childs-pose", "knee-to-chest",
	"prone-press-up", "wall-slide", "hip-flexor-stretch", "hamstring-stretch", "piriformis-stretch",
	"torso-rotation", "leg-swings", "arm-circles", "foam-roll-thoracic", "foam-roll-glutes", "foam-roll-lats",
	"walking", "swimming", "cycling-upright", "cycling-recumbent", "elliptical", "stair-climbing", "jogging",
	"tai-chi", "gentle-yoga", "mat-pilates",
}

var namedConditions = []string{
	"disc-herniation", "spinal-stenosis", "spondylolisthesis", "facet-joint-irritation", "muscle-strain",
	"ligament-sprain", "sciatica", "post-exercise-soreness", "acute-flare-up", "chronic-low-back-pain",
}

func TestShippedHandbookIsComplete(t *testing.T) {
	g := loadShipped(t)
	counts := []struct {
		what     string
		got, min int
	}{
		{"exercises", len(g.Exercises), 45},
		{"conditions", len(g.Conditions), 10},
		{"FAQs", len(g.Questions), 25},
		{"guides", len(g.Guides), 12},
		{"programmes", len(g.Programs), 5},
		{"red flags", len(g.Flags), 13},
	}
	for _, c := range counts {
		if c.got < c.min {
			t.Errorf("%d %s, want at least %d", c.got, c.what, c.min)
		}
	}
	for _, id := range namedExercises {
		if g.Exercise[id] == nil {
			t.Errorf("missing exercise %s", id)
		}
	}
	for _, id := range namedConditions {
		if g.Condition[id] == nil {
			t.Errorf("missing condition %s", id)
		}
	}
	if g.Pages["about"] == nil {
		t.Error("missing about.md")
	}
	urgencies := map[string]int{}
	for _, f := range g.Flags {
		urgencies[f.Urgency]++
	}
	for _, u := range handbook.Urgencies {
		if urgencies[u] == 0 {
			t.Errorf("no red flag of urgency %s", u)
		}
	}
}

var exerciseSections = []string{"## Starting position", "## Steps", "## How it should feel", "## Easier and harder"}

func TestShippedExercisesAreFilledIn(t *testing.T) {
	g, text := loadShippedText(t)
	for _, e := range g.Exercises {
		body := string(text[e.Key()].Body)
		var missing []string
		check := func(ok bool, what string) {
			if !ok {
				missing = append(missing, what)
			}
		}
		check(len(e.Cues) >= 3, "3+ cues")
		check(len(e.Mistakes) >= 2, "2+ mistakes")
		check(len(e.StopIf) >= 1, "stop-if")
		check(len(e.Targets) >= 1, "targets")
		check(len(e.Aliases) >= 1, "aliases")
		check(!e.Dose.IsZero(), "dose")
		check(len(e.Equipment) >= 1, "equipment")
		for _, s := range exerciseSections {
			check(strings.Contains(body, s+"\n"), s)
		}
		check(regexp.MustCompile(`(?m)^1\. `).MatchString(body), "numbered steps")
		// The "Easier and harder" text links to each neighbour on the ladder.
		for _, id := range append(append([]string{}, g.Easier[e.ID]...), g.Harder[e.ID]...) {
			check(strings.Contains(body, "("+id+".md"), "a link to "+id)
		}
		if len(missing) > 0 {
			t.Errorf("%s lacks: %s", e.Source, strings.Join(missing, ", "))
		}
	}
}

func TestShippedLadders(t *testing.T) {
	g := loadShipped(t)
	var ladders []string
	for _, e := range g.Exercises {
		if len(g.Easier[e.ID]) > 0 || len(g.Harder[e.ID]) == 0 {
			continue // not the bottom of a ladder
		}
		path := longest(g, e.ID)
		if len(path) >= 3 {
			ladders = append(ladders, strings.Join(path, " -> "))
		}
	}
	sort.Strings(ladders)
	if len(ladders) < 8 {
		t.Errorf("%d ladders of 3 or more steps, want 8:\n%s", len(ladders), strings.Join(ladders, "\n"))
	}
	t.Logf("%d ladders:\n%s", len(ladders), strings.Join(ladders, "\n"))
}

func longest(g *graph.Graph, id string) []string {
	best := []string{id}
	for _, next := range g.Harder[id] {
		if p := append([]string{id}, longest(g, next)...); len(p) > len(best) {
			best = p
		}
	}
	return best
}

func TestShippedConditionsAndFAQs(t *testing.T) {
	g, text := loadShippedText(t)
	for _, c := range g.Conditions {
		if len(c.Aliases) == 0 || len(c.Helpful) == 0 || !strings.Contains(string(text[c.Key()].Body), "## When to see a doctor") {
			t.Errorf("%s needs aliases, helpful exercises and a 'When to see a doctor' section", c.Source)
		}
	}
	for _, q := range g.Questions {
		if n := len(sentences(q.Summary)); n > 2 {
			t.Errorf("%s: the answer has %d sentences, want one or two", q.Source, n)
		}
	}
}

// Every page carries the disclaimer and says when to stop and get help,
// in its edition's language.
func TestShippedPagesSayWhenToStop(t *testing.T) {
	out := buildShipped(t)
	var errs diag.List
	words := map[bool]*render.Strings{false: render.LoadStrings(config("", "").Layouts, "en", &errs), true: render.LoadStrings(config("", "").Layouts, "es", &errs)}
	if len(errs) > 0 {
		t.Fatal(errs.Err())
	}
	for name, text := range readTree(t, out) {
		if !strings.HasSuffix(name, ".html") {
			continue
		}
		w := words[strings.HasPrefix(name, "es/")]
		if !strings.Contains(text, w.T("footer.disclaimer")) {
			t.Errorf("%s has no disclaimer", name)
		}
		if strings.Contains(text, "__handbook") {
			t.Errorf("%s holds the live-reload script, which only serve may add", name)
		}
		if strings.Contains(text, `class="qr"`) {
			t.Errorf("%s has a QR code, but no base URL is set", name)
		}
		switch strings.TrimPrefix(name, "es/") {
		case "index.html", "flags.html", "404.html":
			continue // these lead with the red flags or send readers home
		}
		if !strings.Contains(text, w.T("help.title")) {
			t.Errorf("%s does not say when to stop and get help", name)
		}
	}
}

// Plain language: the median page reads at grade 9 or below
// (Flesch-Kincaid, with a simple syllable counter).
func TestShippedReadability(t *testing.T) {
	g, text := loadShippedText(t)
	var grades []float64
	bySection := map[string][]float64{}
	for key, p := range g.Pages {
		text := plainText(p.Title + ".\n" + p.Summary + "\n" + string(text[key].Body))
		grade := fleschKincaid(text)
		grades = append(grades, grade)
		sec, _, _ := strings.Cut(key, "/")
		bySection[sec] = append(bySection[sec], grade)
		if grade > 12 {
			t.Errorf("%s reads at grade %.1f", p.Source, grade)
		}
	}
	sort.Float64s(grades)
	median := grades[len(grades)/2]
	if median > 9 {
		t.Errorf("median grade %.1f, want 9 or below", median)
	}
	t.Logf("Flesch-Kincaid grade over %d pages: min %.1f, median %.1f, max %.1f", len(grades), grades[0], median, grades[len(grades)-1])
	for _, sec := range []string{"exercises", "conditions", "faq", "guides", "programs", "about"} {
		gs := bySection[sec]
		sort.Float64s(gs)
		if len(gs) > 0 {
			t.Logf("  %-10s %3d pages, median %.1f, max %.1f", sec, len(gs), gs[len(gs)/2], gs[len(gs)-1])
		}
	}
}

var (
	mdLink   = regexp.MustCompile(`\[([^\]]*)\]\([^)]*\)`)
	mdMarks  = regexp.MustCompile("(?m)^\\s*(#+|[-*+]|\\d+\\.)\\s+|[*_`>|]")
	wordRe   = regexp.MustCompile(`[A-Za-z]+(?:'[A-Za-z]+)?`)
	vowelRun = regexp.MustCompile(`[aeiouy]+`)
)

// plainText strips markdown, ending each heading and list item as a sentence.
func plainText(md string) string {
	md = mdLink.ReplaceAllString(md, "$1")
	var b strings.Builder
	for _, line := range strings.Split(md, "\n") {
		line = strings.TrimSpace(mdMarks.ReplaceAllString(line, ""))
		if line == "" {
			continue
		}
		b.WriteString(line)
		if !strings.ContainsAny(line[len(line)-1:], ".!?:") {
			b.WriteString(".")
		}
		b.WriteString(" ")
	}
	return b.String()
}

func sentences(text string) []string {
	var out []string
	for _, s := range regexp.MustCompile(`[.!?:]+(\s|$)`).Split(text, -1) {
		if wordRe.MatchString(s) {
			out = append(out, s)
		}
	}
	return out
}

func syllables(word string) int {
	w := strings.ToLower(word)
	if len(w) > 2 && strings.HasSuffix(w, "e") && !strings.HasSuffix(w, "le") {
		w = w[:len(w)-1]
	}
	return max(1, len(vowelRun.FindAllString(w, -1)))
}

func fleschKincaid(text string) float64 {
	words := wordRe.FindAllString(text, -1)
	if len(words) == 0 {
		return 0
	}
	syl := 0
	for _, w := range words {
		syl += syllables(w)
	}
	n := float64(len(words))
	return 0.39*n/float64(len(sentences(text))) + 11.8*float64(syl)/n - 15.59
}

// The grade formula itself: plain text scores low, dense text high.
func TestFleschKincaid(t *testing.T) {
	cases := []struct {
		text   string
		lo, hi float64
	}{
		{"The cat sat on the mat. It was warm.", -4, 1},
		{"Lie on your back. Bend your knees. Breathe out slowly.", -4, 3},
		{"Notwithstanding considerable interindividual variability, physiotherapeutic interventions demonstrate substantial effectiveness regarding musculoskeletal rehabilitation outcomes.", 20, 60},
	}
	for _, c := range cases {
		if g := fleschKincaid(plainText(c.text)); g < c.lo || g > c.hi {
			t.Errorf("grade %.1f for %q, want %.0f to %.0f", g, c.text, c.lo, c.hi)
		}
	}
	for word, want := range map[string]int{"cat": 1, "table": 2, "exercise": 3, "stretch": 1, "therapist": 3} {
		if got := syllables(word); got != want {
			t.Errorf("syllables(%q) = %d, want %d", word, got, want)
		}
	}
}
