package render

import (
	"os"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"handbook/generator/diag"
	"handbook/generator/figure"
	"handbook/generator/figure/draw"
	"handbook/generator/handbook"
)

// figureStrings reads the string files of lang from the repository's
// layouts.
func figureStrings(t *testing.T, lang string) *Strings {
	t.Helper()
	var errs diag.List
	s := LoadStrings(os.DirFS("../../layouts"), lang, &errs)
	if s == nil || errs.Len() > 0 {
		t.Fatalf("strings %s: %v", lang, errs.Err())
	}
	return s
}

// The English string files hold every word a figure is drawn with, as
// package figure says them, so that the English figures do not change;
// every other language has each of them, with the same verbs.
func TestFigureStrings(t *testing.T) {
	en := figureStrings(t, "en")
	used := draw.EnglishWords()
	for k, w := range used {
		if got, ok := en.words[k]; !ok || got != w {
			t.Errorf("layouts/strings/en/ %s = %q, want %q, as package figure says it", k, got, w)
		}
	}
	for _, k := range []string{"figure.title.one", "figure.title.two", "figure.title.steps",
		"figure.sheet.title", "figure.sheet.summary", "figure.sheet.no-picture", "figure.sheet.add-figure"} {
		if !en.Has(k) {
			t.Errorf("layouts/strings/en/ lacks %s", k)
		}
		used[k] = en.words[k]
	}
	for k := range en.words {
		if _, ok := used[k]; strings.HasPrefix(k, "figure.") && !ok {
			t.Errorf("en %s is used by nothing", k)
		}
	}
	es := figureStrings(t, "es")
	for k := range used {
		if !es.Has(k) {
			t.Errorf("layouts/strings/es/ lacks %s", k)
		} else if verbs(es.words[k]) != verbs(en.words[k]) {
			t.Errorf("es %s = %q: verbs differ from English %q", k, es.words[k], en.words[k])
		}
	}
}

func verbs(s string) string {
	var v []string
	for i := 0; i+1 < len(s); i++ {
		if s[i] == '%' {
			v = append(v, s[i:i+2])
			i++
		}
	}
	return strings.Join(v, " ")
}

// A figure is drawn in the language of the build, and its cache key
// differs between languages, so that one language's figure is never
// taken for another's.
func TestFigureLanguage(t *testing.T) {
	f := &figure.Figure{Frames: []figure.Frame{{Base: "lying-back"}, {Base: "lying-back"}}}
	f.Frames[1].Angles[figure.Knees] = figure.Angle{Left: 90, Right: 90}
	f.Frames[1].Set[figure.Knees] = true
	var errs diag.List
	figure.Check(f, &errs)
	e := &handbook.Exercise{Figure: f}
	e.ID, e.Title = "x", "X"
	en := &builder{words: figureStrings(t, "en")}
	es := &builder{words: figureStrings(t, "es")}
	gotEn := string(figureSVG(e, "fig-x", en.figureWords()))
	if want := string(draw.SVG(f, "X: start and end positions", "fig-x", nil)); gotEn != want {
		t.Errorf("English:\n%s\nwant\n%s", gotEn, want)
	}
	gotEs := string(figureSVG(e, "fig-x", es.figureWords()))
	for _, want := range []string{"<title id=\"fig-x-t\">X: posiciones inicial y final</title>",
		"<desc id=\"fig-x-d\">Inicio: boca arriba. Final: boca arriba, con las caderas elevadas y las rodillas dobladas.</desc>", ">Inicio</text>", ">Final</text>"} {
		if !strings.Contains(gotEs, want) {
			t.Errorf("Spanish lacks %s:\n%s", want, gotEs)
		}
	}
	kEn, ok1 := figureKey(e, en.figureWordsKey())
	kEs, ok2 := figureKey(e, es.figureWordsKey())
	if !ok1 || !ok2 || kEn == kEs {
		t.Errorf("figure keys: %x %v, %x %v: want two different keys", kEn, ok1, kEs, ok2)
	}
	// without strings (as in tests), the figure's own words are English
	none := &builder{words: &Strings{}}
	if got, want := draw.Describe(f, none.figureWords()), draw.Describe(f, nil); got != want {
		t.Errorf("without strings: %s, want %s", got, want)
	}
}

// svgSizeRE is how svgSize read a figure's size before it read the tag by
// hand; the two must agree.
var svgSizeRE = regexp.MustCompile(`^<svg [^>]*? width="([0-9.]+)" height="([0-9.]+)"`)

func svgSizeByRE(svg []byte) (w, h float64) {
	m := svgSizeRE.FindSubmatch(svg)
	if m == nil {
		return 0, 0
	}
	w, _ = strconv.ParseFloat(string(m[1]), 64)
	h, _ = strconv.ParseFloat(string(m[2]), 64)
	return w, h
}

var svgSizeCases = []struct {
	svg  string
	w, h float64
}{
	{`<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 240 120" width="240" height="120" role="img">`, 240, 120},
	{`<svg viewBox="0 0 1 1" width="12.5" height="4" class="figure"><g/></svg>`, 12.5, 4},
	{`<svg width="3" height="4">`, 0, 0},  // no room for what comes before
	{`<svg  width="3" height="4">`, 3, 4}, // two spaces
	{`<svg data-width="9" width="3" height="4">`, 3, 4},
	{`<svg x width="a" height="4" width="5" height="6">`, 5, 6}, // the first that reads
	{`<svg x width="3" height="4>"`, 0, 0},                      // the tag ends first
	{`<svg x width="3"  height="4">`, 0, 0},                     // one space between
	{`<svg x width="1.2.3" height="4">`, 0, 4},                  // not a number: as ParseFloat says
	{`<svg x width="3" height="">`, 0, 0},
	{`<svg x> width="3" height="4"`, 0, 0},
	{` <svg x width="3" height="4">`, 0, 0},
	{`<svg  width="0" height="1"`, 0, 1}, // no end to the tag
	{``, 0, 0},
}

func TestSVGSize(t *testing.T) {
	for _, c := range svgSizeCases {
		w, h := svgSize([]byte(c.svg))
		if w != c.w || h != c.h {
			t.Errorf("svgSize(%q) = %v, %v, want %v, %v", c.svg, w, h, c.w, c.h)
		}
		if rw, rh := svgSizeByRE([]byte(c.svg)); rw != w || rh != h {
			t.Errorf("svgSize(%q) = %v, %v, but the expression reads %v, %v", c.svg, w, h, rw, rh)
		}
	}
}

func FuzzSVGSize(f *testing.F) {
	for _, c := range svgSizeCases {
		f.Add([]byte(c.svg))
	}
	f.Fuzz(func(t *testing.T, svg []byte) {
		w, h := svgSize(svg)
		rw, rh := svgSizeByRE(svg)
		if w != rw || h != rh {
			t.Fatalf("svgSize(%q) = %v, %v, but the expression reads %v, %v", svg, w, h, rw, rh)
		}
	})
}
