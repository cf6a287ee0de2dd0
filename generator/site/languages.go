package site

import (
	"cmp"
	"fmt"
	"path"
	"strings"

	"handbook/generator/content"
	"handbook/generator/convert"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/publish"
	"handbook/generator/render"
	"handbook/generator/search"
)

// A handbook in several languages is one site per language: the source's
// at the root of the output folder, each translation's in a folder named
// by its code ("es/"), each whole on its own (pages, assets, search index,
// service worker), every page linking to itself in the others. Each runs
// the same stages from graph to publish.

// edition is the site in one language, as the stages make it.
type edition struct {
	render.Edition
	h     *handbook.Handbook
	files *content.Tree               // what the edition is made of, for the decision tree's key and the static files
	text  map[string]convert.Markdown // each page's markdown: the translation's, or the source's
	// sources are the source's markdown of each translated page, for its
	// headings' ids
	sources map[string]convert.Markdown
	words   *render.Strings
	graph   *graph.Graph
	ix      *search.Indexer
	rr      *render.Renderer
	// offline lists the edition's files for its service worker, while
	// they are made
	offline *publish.Offline
}

// path is the path in the output of a file of the edition.
func (e *edition) path(p string) string {
	if e.Folder == "" {
		return p
	}
	return e.Folder + "/" + p
}

// editions returns the source's edition and each translation's that
// handbook.yaml declares, adding to errs a translation declared without a
// folder, a folder not declared, and the strings of a language that the
// layouts or scripts use and its string files lack.
func editions(h *handbook.Handbook, files *content.Tree, cfg Config, errs *diag.List) []*edition {
	src := &edition{Edition: render.Edition{Lang: h.Config.Language, Name: h.Config.LanguageName}, h: h, files: files, text: convert.Text(files)}
	eds := []*edition{src}
	folders := map[string]*content.Translation{}
	for _, tr := range files.Translations {
		folders[tr.Code] = tr
	}
	for _, l := range h.Config.Languages {
		tr := folders[l.Code]
		delete(folders, l.Code)
		if tr == nil {
			errs.AddHint(l.Pos, fmt.Sprintf("create %s/handbook.yaml in the content folder, with the handbook's title in that language", l.Code),
				"languages lists %q, but there is no translation folder %s/", l.Code, l.Code)
			continue
		}
		th := cfg.Cache.decoder().Translate(h, tr, errs)
		if l.Name != "" {
			th.Config.LanguageName = l.Name
		}
		eds = append(eds, &edition{Edition: render.Edition{Folder: l.Code, Lang: th.Config.Language, Name: th.Config.LanguageName},
			h: th, files: translated(files, tr.Tree)})
		ed := eds[len(eds)-1]
		ed.text, ed.sources = translatedText(files, tr.Tree)
	}
	for _, tr := range files.Translations {
		if folders[tr.Code] != nil {
			errs.AddHint(diag.Pos{File: tr.Tree.Config.Path, Line: 1, Col: 1},
				fmt.Sprintf("list it in handbook.yaml: languages: {%s: its name}", tr.Code),
				"%s/ holds a translation, but handbook.yaml's languages does not list it", tr.Code)
		}
	}
	if cfg.Layouts == nil {
		return eds
	}
	layouts, assets := cmp.Or(cfg.LayoutsName, "layouts"), cmp.Or(cfg.AssetsName, "assets")
	uses, err := render.Uses(cfg.Layouts, "*.html", layouts)
	if err == nil && cfg.Assets != nil {
		var js []render.Use
		js, err = render.Uses(cfg.Assets, "*.js", assets)
		uses = append(uses, js...)
	}
	if err != nil {
		errs.Add(diag.Pos{File: layouts}, "%v", err)
		return eds
	}
	// English is the reference every language's strings are checked against
	ref := render.LoadStringsFrom(cfg.Layouts, layouts, "en", errs)
	for _, ed := range eds {
		ed.words = ref
		if strings.ToLower(ed.Lang) != "en" { // "en-gb" may have strings of its own
			ed.words = render.LoadStringsFrom(cfg.Layouts, layouts, ed.Lang, errs)
		}
		if ed.words == nil {
			errs.AddHint(diag.Pos{File: path.Join(layouts, render.StringsDir)},
				fmt.Sprintf("copy %s/%s/en/ to %s/%s/%s/ and translate it", layouts, render.StringsDir, layouts, render.StringsDir, strings.ToLower(ed.Lang)),
				"no strings for the language %q", ed.Lang)
			continue
		}
		if ref != nil {
			render.CheckStrings(ed.words, ref, uses, ed.Name, errs)
		}
	}
	return eds
}

// translated is the content of a translation's edition: its data files
// where it has them, else the source's; the pages of both (the key of the
// decision tree reads every page's front matter that the model took from);
// the source's static files.
func translated(src, tr *content.Tree) *content.Tree {
	t := *src
	t.Translations = nil
	for _, d := range []struct {
		to   **content.Data
		from *content.Data
	}{
		{&t.Config, tr.Config}, {&t.Flags, tr.Flags}, {&t.Synonyms, tr.Synonyms}, {&t.Tree, tr.Tree},
	} {
		if d.from != nil {
			*d.to = d.from
		}
	}
	if tr.Synonyms == nil {
		t.Synonyms = nil
	}
	t.Pages = append(append([]*content.File(nil), src.Pages...), tr.Pages...)
	return &t
}

// translatedText is each page's markdown in a translation: its own, or the
// source's where it has none yet; and the source's of each page it has.
func translatedText(src, tr *content.Tree) (text, sources map[string]convert.Markdown) {
	text, sources = convert.Text(src), map[string]convert.Markdown{}
	for k, v := range convert.Text(tr) {
		if s, ok := text[k]; ok {
			text[k], sources[k] = v, s
		}
	}
	return text, sources
}
