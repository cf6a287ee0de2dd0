// Package corpus writes synthetic handbooks for benchmarks: a valid content
// tree of n pages shaped like the real one, the same sections and front
// matter, bodies of 600-900 words with headings, lists, a table, bold and
// italic, links between pages, a fenced code block in one page of ten,
// ladders of progressions and regressions, and avoid-if references that
// all resolve. The same n gives the same bytes.
package corpus

import (
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Share of each section, per hundred pages.
var shares = []struct {
	section string
	per100  int
}{{"exercises", 50}, {"conditions", 10}, {"faq", 25}, {"guides", 10}, {"programs", 5}}

var loads = []string{"flexion", "extension", "rotation", "side-bend", "impact", "axial-load", "overhead"}

var words = strings.Fields(`back pain exercise slowly gently breathe knee hip spine core muscle stretch hold
repeat rest level strength balance walk bend lift twist arch floor mat chair wall band weight minutes
seconds morning evening daily soreness ease tight loose steady careful comfortable strong weak lower upper
shoulder neck leg foot arm hand chest belly buttock thigh calf ankle wrist posture sitting standing lying
side front flat neutral brace tighten relax return start finish easier harder progress step dose sets
reps doctor physiotherapist flare-up sharp dull ache spreads numb tingling warm cool water pool bike
path stairs garden work desk sleep pillow mattress shoes journal notes week month plan goal small large`)

// Write writes a content tree of n pages into dir, which must not exist.
func Write(dir string, n int) error {
	if _, err := os.Stat(dir); err == nil {
		return fmt.Errorf("corpus: %s already exists", dir)
	}
	g := &gen{r: rand.New(rand.NewPCG(uint64(n), 42)), dir: dir, count: map[string]int{}}
	for _, s := range shares {
		g.count[s.section] = max(1, n*s.per100/100)
	}
	if err := g.file("handbook.yaml", "title: Synthetic handbook\nlanguage: en-GB\n"); err != nil {
		return err
	}
	if err := g.file("flags.yaml", flagsYAML); err != nil {
		return err
	}
	for _, s := range shares {
		for i := 1; i <= g.count[s.section]; i++ {
			if err := g.page(s.section, i); err != nil {
				return err
			}
		}
	}
	return nil
}

type gen struct {
	r     *rand.Rand
	dir   string
	count map[string]int
}

func (g *gen) file(rel, text string) error {
	p := filepath.Join(g.dir, filepath.FromSlash(rel))
	if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
		return err
	}
	return os.WriteFile(p, []byte(text), 0o644)
}

// ID names page i of a section: "exercises" page 7 is "ex-00007".
func ID(section string, i int) string { return fmt.Sprintf("%s-%05d", section[:2], i) }

func (g *gen) word() string { return words[g.r.IntN(len(words))] }

func (g *gen) phrase(n int) string {
	ws := make([]string, n)
	for i := range ws {
		ws[i] = g.word()
	}
	return strings.Join(ws, " ")
}

func (g *gen) sentence() string {
	s := g.phrase(6 + g.r.IntN(10))
	return strings.ToUpper(s[:1]) + s[1:] + "."
}

func (g *gen) title() string {
	s := g.phrase(2 + g.r.IntN(2))
	return strings.ToUpper(s[:1]) + s[1:]
}

// link is a markdown link from a page of section from to a random page.
func (g *gen) link(from string) string {
	s := shares[g.r.IntN(len(shares))].section
	id := ID(s, 1+g.r.IntN(g.count[s]))
	return fmt.Sprintf("[%s](../%s/%s.md)", g.phrase(2), s, id)
}

func (g *gen) page(section string, i int) error {
	var b strings.Builder
	b.WriteString("---\n")
	switch section {
	case "exercises":
		g.exercise(&b, i)
	case "conditions":
		fmt.Fprintf(&b, "title: %s\nsummary: %s\naliases: [%s, %s]\naggravated-by: [%s]\nhelpful: [%s]\nflags: [both-legs-weak]\n",
			g.title(), g.sentence(), g.phrase(2), g.phrase(2), loads[g.r.IntN(len(loads))], ID("exercises", 1+g.r.IntN(g.count["exercises"])))
	case "faq":
		fmt.Fprintf(&b, "question: %s?\nanswer: %s\nrelated: [guides/%s]\n", g.title(), g.sentence(), ID("guides", 1+g.r.IntN(g.count["guides"])))
	case "guides":
		fmt.Fprintf(&b, "title: %s\nsummary: %s\nrelated: [faq/%s]\n", g.title(), g.sentence(), ID("faq", 1+g.r.IntN(g.count["faq"])))
	case "programs":
		fmt.Fprintf(&b, "title: %s\nsummary: %s\nexercises:\n", g.title(), g.sentence())
		for k := 0; k < 5; k++ {
			fmt.Fprintf(&b, "  - id: %s\n    note: %s\n", ID("exercises", 1+g.r.IntN(g.count["exercises"])), g.sentence())
		}
	}
	b.WriteString("---\n\n")
	g.body(&b, section, i)
	return g.file(section+"/"+ID(section, i)+".md", b.String())
}

// exercise writes an exercise's front matter. Exercises form ladders of
// four: each links the next as its progression, and the last two name
// their regression too.
func (g *gen) exercise(b *strings.Builder, i int) {
	fmt.Fprintf(b, "title: %s\nsummary: %s\ncategory: core\nposition: lying-back\nequipment: [mat]\nlevel: %d\n",
		g.title(), g.sentence(), 1+(i-1)%4)
	b.WriteString("targets: [core, glutes]\ndose:\n  sets: 2\n  reps: 8-12\n  hold: 3\n  frequency: daily\n")
	fmt.Fprintf(b, "cues:\n  - %s\n  - %s\n  - %s\nmistakes:\n  - %s\n  - %s\nstop-if:\n  - %s\n",
		g.sentence(), g.sentence(), g.sentence(), g.sentence(), g.sentence(), g.sentence())
	if (i-1)%4 < 3 && i < g.count["exercises"] {
		fmt.Fprintf(b, "progression: [%s]\n", ID("exercises", i+1))
	}
	if (i-1)%4 >= 2 {
		fmt.Fprintf(b, "regression: [%s]\n", ID("exercises", i-1))
	}
	// like the real handbook: most exercises put one or two loads on the
	// spine, some none
	var ls []string
	for k := g.r.IntN(3); k > 0; k-- {
		if l := loads[g.r.IntN(len(loads))]; !strings.Contains(strings.Join(ls, " "), l) {
			ls = append(ls, l)
		}
	}
	fmt.Fprintf(b, "avoid-if: [%s]\nloads: [%s]\naliases: [%s]\n", ID("conditions", 1+g.r.IntN(g.count["conditions"])), strings.Join(ls, ", "), g.phrase(2))
	// every exercise has a figure, as in the real handbook: a bridge-like
	// start and end, its angles varied
	fmt.Fprintf(b, "figure:\n  props: [mat]\n  frames:\n    - base: lying-back\n      hips: %d\n      knees: %d\n    - base: lying-back\n      hips: %d\n      knees: %d\n      shoulders: %d\n",
		35+g.r.IntN(20), 85+g.r.IntN(25), g.r.IntN(10), 80+g.r.IntN(20), g.r.IntN(40))
}

// body writes 600-900 words: sections with paragraphs, a list, a table,
// emphasis, links, and in one page of ten a code block.
func (g *gen) body(b *strings.Builder, section string, i int) {
	target := 600 + g.r.IntN(301)
	written := 0
	for s := 0; written < target; s++ {
		fmt.Fprintf(b, "## %s\n\n", g.title())
		for p := 0; p < 2 && written < target; p++ {
			var para []string
			for k := 0; k < 4; k++ {
				para = append(para, g.sentence())
			}
			para[1] = "**" + strings.TrimSuffix(para[1], ".") + "**."
			para[2] = "*" + strings.TrimSuffix(para[2], ".") + "*."
			para[3] += " See " + g.link(section) + "."
			text := strings.Join(para, " ")
			written += len(strings.Fields(text))
			b.WriteString(text + "\n\n")
		}
		switch s % 3 {
		case 0:
			for k := 1; k <= 4; k++ {
				fmt.Fprintf(b, "%d. %s\n", k, g.sentence())
				written += 10
			}
			b.WriteString("\n")
		case 1:
			b.WriteString("| Part | Dose | Note |\n|---|---|---|\n")
			for k := 0; k < 3; k++ {
				fmt.Fprintf(b, "| %s | %d | %s |\n", g.title(), 2+k, g.phrase(3))
				written += 6
			}
			b.WriteString("\n")
		}
	}
	if i%10 == 0 {
		b.WriteString("```yaml\ndose:\n  sets: 2\n  reps: 8-12 # a comment\n```\n")
	}
}

const flagsYAML = `flags:
  - id: both-legs-weak
    title: Weakness in both legs
    urgency: emergency
    action: Call emergency services now.
  - id: night-pain
    title: Pain at night that does not ease
    urgency: urgent
    action: See a doctor today.
`
