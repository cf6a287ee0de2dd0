package site

import (
	"bytes"
	"compress/gzip"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
)

var inlineFigure = regexp.MustCompile(`(?s)<figure class="ex-figure"><svg .*?</svg></figure>`)

func gzipLen(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

// Every shipped exercise has a figure: inline on its page, described, and
// written to figures/ for lists, programmes and handouts. Each page grows by
// at most 3 KB gzipped for it.
func TestShippedFigures(t *testing.T) {
	out := filepath.Join(t.TempDir(), "public")
	if _, err := Build(config(filepath.Join("..", "..", "content"), out)); err != nil {
		t.Fatal(err)
	}
	g := loadShipped(t)
	worst, worstID := 0, ""
	for _, e := range g.Exercises {
		if e.Figure == nil || len(e.Figure.Frames) == 0 {
			t.Errorf("%s has no figure", e.Source)
			continue
		}
		// the figure starts in the exercise's position (a knee push-up is a
		// plank on the knees; swimming is drawn lying face down in water)
		if base := e.Figure.Frames[0].Base; base != e.Position && !(e.Position == "kneeling" && base == "plank") && !(e.Position == "in-water" && base == "lying-front") {
			t.Errorf("%s: the figure starts %s, but the exercise's position is %s", e.Source, base, e.Position)
		}
		page, err := os.ReadFile(filepath.Join(out, "exercises", e.ID+".html"))
		if err != nil {
			t.Fatal(err)
		}
		figs := inlineFigure.FindAll(page, -1)
		if len(figs) != 1 {
			t.Errorf("%s: %d inline figures, want 1", e.ID, len(figs))
			continue
		}
		if !bytes.Contains(figs[0], []byte(`<desc id="fig-`+e.ID+`-d">`)) || bytes.Contains(figs[0], []byte(`-d"></desc>`)) {
			t.Errorf("%s: the figure has no description", e.ID)
		}
		added := gzipLen(page) - gzipLen(inlineFigure.ReplaceAll(page, nil))
		if added > worst {
			worst, worstID = added, e.ID
		}
		if added > 3*1024 {
			t.Errorf("%s: the figure adds %d bytes gzipped to the page, more than 3 KB", e.ID, added)
		}
		if _, err := os.Stat(filepath.Join(out, "figures", e.ID+".svg")); err != nil {
			t.Errorf("%s: %v", e.ID, err)
		}
	}
	t.Logf("the largest figure adds %d bytes gzipped (%s)", worst, worstID)
	index, err := os.ReadFile(filepath.Join(out, "exercises", "index.html"))
	if err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(string(index), `class="thumb"`); n != len(g.Exercises) {
		t.Errorf("the exercise index has %d thumbnails, want %d", n, len(g.Exercises))
	}
}

// The contact sheet shows every exercise's figure, drawn, in Chromium; the
// thumbnails of the exercise index load from disk. With FIGURES_PNG set,
// the sheet is saved as PNG files there (FIGURES_PNG-1.png, ...) to look at.
func TestBrowserContactSheet(t *testing.T) {
	ctx := browsertest.New(t)
	out := filepath.Join(t.TempDir(), "public")
	cfg := config(filepath.Join("..", "..", "content"), out)
	cfg.ContactSheet = true
	if _, err := Build(cfg); err != nil {
		t.Fatal(err)
	}
	g := loadShipped(t)
	base := "file://" + filepath.ToSlash(out) + "/"
	var drawn []string
	if err := chromedp.Run(ctx, chromedp.Navigate(base+"figures.html"),
		chromedp.Evaluate(`[...document.querySelectorAll(".contact-sheet > li")].filter(li => {
			const s = li.querySelector("svg.figure"); if (!s) return false;
			const r = s.getBoundingClientRect(), b = s.querySelector("g").getBBox();
			return r.width > 20 && r.height > 30 && b.width > 20;
		}).map(li => li.id)`, &drawn)); err != nil {
		t.Fatal(err)
	}
	if len(drawn) != len(g.Exercises) {
		have := map[string]bool{}
		for _, id := range drawn {
			have[id] = true
		}
		for _, e := range g.Exercises {
			if !have[e.ID] {
				t.Errorf("%s: no figure drawn on figures.html", e.ID)
			}
		}
	}
	if dst := os.Getenv("FIGURES_PNG"); dst != "" {
		// 9 exercises to a picture, three across, big enough to judge
		for part := 0; part*9 < len(g.Exercises); part++ {
			var png []byte
			err := chromedp.Run(ctx, chromedp.EmulateViewport(1500, 1000),
				chromedp.Evaluate(`document.querySelectorAll(".contact-sheet > li").forEach((li, i) => li.hidden = i < `+strconv.Itoa(part*9)+` || i >= `+strconv.Itoa(part*9+9)+`); document.querySelector(".contact-sheet").style.gridTemplateColumns = "repeat(3, 1fr)"`, nil),
				chromedp.Screenshot(".contact-sheet", &png, chromedp.ByQuery))
			if err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(dst+"-"+strconv.Itoa(part+1)+".png", png, 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	var broken []string
	if err := chromedp.Run(ctx, chromedp.Navigate(base+"exercises/index.html"),
		chromedp.Evaluate(`Promise.all([...document.querySelectorAll("img.thumb")].map(i => {
			i.loading = "eager";
			return i.decode().then(() => i.naturalWidth > 0 ? "" : i.src, () => i.src);
		})).then(r => r.filter(Boolean))`, &broken, func(p *runtime.EvaluateParams) *runtime.EvaluateParams { return p.WithAwaitPromise(true) })); err != nil {
		t.Fatal(err)
	}
	if len(broken) > 0 {
		t.Errorf("thumbnails that did not load: %v", broken)
	}
}

// An author's own picture replaces the figure everywhere: on the page with
// its credit and licence, in lists, in programmes and in the handout data;
// a drawn figure beside it shows in the same places as figures/ID.svg.
func TestAuthorImage(t *testing.T) {
	bridge := strings.Replace(baseTree()["exercises/glute-bridge.md"], "loads: [extension]\n",
		"loads: [extension]\nimage: bridge photo.png\nimage-credit: A. Photographer\nimage-license: CC BY 4.0\n", 1)
	tilt := strings.Replace(baseTree()["exercises/pelvic-tilt.md"], "---\n\n", "figure:\n  props: [mat]\n  frames:\n    - base: lying-back\n      hips: 45\n      knees: 105\n---\n\n", 1)
	dir := t.TempDir()
	out := filepath.Join(dir, "public")
	root := writeTree(t, dir, map[string]string{
		"exercises/glute-bridge.md":  bridge,
		"exercises/pelvic-tilt.md":   tilt,
		"exercises/bridge photo.png": "\x89PNG\r\n\x1a\n",
	})
	if _, err := Build(config(root, out)); err != nil {
		t.Fatal(err)
	}
	site := readTree(t, out)
	for file, wants := range map[string][]string{
		"exercises/glute-bridge.html": {`<img src="bridge%20photo.png" alt="Glute bridge: how to do it">`, `<figcaption>Picture: A. Photographer. Licence: CC BY 4.0.</figcaption>`},
		"exercises/pelvic-tilt.html":  {`aria-labelledby="fig-pelvic-tilt-t fig-pelvic-tilt-d"`, `<desc id="fig-pelvic-tilt-d">Lying on your back, knees bent.</desc>`},
		"exercises/index.html":        {`<img class="thumb" src="bridge%20photo.png"`, `<img class="thumb" src="../figures/pelvic-tilt.svg"`},
		"programs/starter.html":       {`<img class="fig-img" src="../exercises/bridge%20photo.png"`, `<img class="fig-img" src="../figures/pelvic-tilt.svg"`},
		"handout/exercises.js":        {`"f":"exercises/bridge photo.png"`, `"f":"figures/pelvic-tilt.svg"`},
	} {
		for _, w := range wants {
			if !strings.Contains(site[file], w) {
				t.Errorf("%s lacks %s", file, w)
			}
		}
	}
	if strings.Contains(site["exercises/glute-bridge.html"], `class="figure"`) {
		t.Error("the page with its own picture also has a drawn figure")
	}
	if _, ok := site["figures/glute-bridge.svg"]; ok {
		t.Error("figures/glute-bridge.svg written for an exercise with its own picture")
	}
}
