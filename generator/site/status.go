package site

import (
	"fmt"
	"regexp"
	"strings"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/handbook"
)

// A translation says which version of its source it was made from, in a
// line "translated-from: VERSION" (front matter, or the top of a data
// file) that `handbook translated` writes. The build warns of each
// translation whose source has changed since, and of each one that does
// not say; `handbook check` also lists each page not yet translated, and
// `handbook build` counts them.

// stampLine finds a translated-from line and its version.
var stampLine = regexp.MustCompile(`(?m)^translated-from:[ \t]*"?([^"\s]*)"?[ \t]*$`)

// Stamp returns the version written in a translation's text, and the
// line it is on (0 when there is none).
func Stamp(text []byte) (version string, line int) {
	m := stampLine.FindSubmatchIndex(text)
	if m == nil {
		return "", 0
	}
	return string(text[m[2]:m[3]]), 1 + strings.Count(string(text[:m[0]]), "\n")
}

// translationStatus warns of stale translations and translations that do
// not say their source's version; with list, it names every page a
// language lacks, else it counts them.
func translationStatus(files *content.Tree, langs []handbook.Language, list bool) diag.List {
	var w diag.List
	names := map[string]string{}
	for _, l := range langs {
		names[l.Code] = l.Name
	}
	for _, tr := range files.Translations {
		name := names[tr.Code]
		if name == "" {
			continue // not declared: an error says so
		}
		src := map[string]*content.File{}
		for _, f := range files.Pages {
			src[f.Rel] = f
		}
		check := func(path, rel, srcVersion string, text []byte, line0 int) {
			v, line := Stamp(text)
			hint := "when it says what its source says, run: handbook translated " + path
			switch {
			case line == 0:
				w.AddHint(diag.Pos{File: path, Line: 1, Col: 1}, hint, "this translation does not say which version of %s it was made from", rel)
			case v != srcVersion:
				w.AddHint(diag.Pos{File: path, Line: line0 + line, Col: 1}, "update the translation, then "+strings.TrimPrefix(hint, "when it says what its source says, "),
					"%s has changed since this translation was made (from version %s; it is %s now)", rel, v, srcVersion)
			}
		}
		for _, f := range tr.Tree.Pages {
			if s := src[f.Rel]; s != nil && !f.Broken {
				check(f.Path, s.Path, s.Version(), f.Front(), content.FrontLine-1)
			}
		}
		for _, d := range []struct{ tr, src *content.Data }{{tr.Tree.Flags, files.Flags}, {tr.Tree.Tree, files.Tree}} {
			if d.tr != nil && d.src != nil {
				check(d.tr.Path, d.src.Path, d.src.Version(), d.tr.Text, 0)
			}
		}
		have := map[string]bool{}
		for _, f := range tr.Tree.Pages {
			have[f.Rel] = true
		}
		var missing []*content.File
		for _, f := range files.Pages {
			if !have[f.Rel] {
				missing = append(missing, f)
			}
		}
		for _, d := range []struct {
			name    string
			tr, src *content.Data
		}{{"flags.yaml", tr.Tree.Flags, files.Flags}, {"decide.yaml", tr.Tree.Tree, files.Tree}} {
			if d.tr == nil && d.src != nil {
				w.AddHint(diag.Pos{File: d.src.Path}, fmt.Sprintf("translate it as %s/%s", tr.Code, d.name),
					"%s is not translated into %s: that edition shows it in the source language", d.name, name)
			}
		}
		switch {
		case len(missing) == 0:
		case list:
			for _, f := range missing {
				w.AddHint(diag.Pos{File: f.Path}, fmt.Sprintf("translate it as %s/%s", tr.Code, f.Rel),
					"not translated into %s yet: that edition shows it in the source language, with a note", name)
			}
		default:
			w.AddHint(diag.Pos{File: tr.Tree.Config.Path}, "handbook check lists them",
				"%d of %d pages are not translated into %s yet", len(missing), len(files.Pages), name)
		}
	}
	return w
}
