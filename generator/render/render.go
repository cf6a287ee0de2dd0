// Package render turns the resolved handbook into the files of the site:
// every page as HTML through html/template layouts, the section indexes and
// their filter pages, the red-flags page, 404.html, the assets, and (with a
// base URL) sitemap.xml and robots.txt.
//
// Markdown is converted by goldmark. Links to .md files become relative
// links to the .html pages built from them, so the site works from disk and
// at any sub-path. Every page carries the medical disclaimer and a panel on
// when to stop and get help.
package render

import (
	"bytes"
	"fmt"
	"html/template"
	"io/fs"
	"runtime"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"handbook/generator/content"
	"handbook/generator/decision"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/publish"
)

// Config is what rendering needs besides the handbook.
type Config struct {
	Layouts fs.FS  // the html/template files
	Assets  fs.FS  // copied to assets/
	BaseURL string // overrides handbook.yaml's base-url when set
}

// Site is what rendering produces.
type Site struct {
	Files    []publish.File
	Sections map[string][]handbook.Section // page key -> its text, for the search index
}

// Render produces every file of the site. Problems in content (links to
// missing pages or headings) are added to errs; the error returned is for
// layouts that fail to parse or execute.
func Render(g *graph.Graph, tree *decision.Tree, static []*content.Data, cfg Config, errs *diag.List) (*Site, error) {
	t, err := parseLayouts(cfg.Layouts)
	if err != nil {
		return nil, err
	}
	base := cfg.BaseURL
	if base == "" {
		base = g.Config.BaseURL
	}
	if base != "" && !strings.HasSuffix(base, "/") {
		base += "/"
	}
	r := &builder{g: g, tree: tree, t: t, base: base, bodies: map[string]template.HTML{}, sections: map[string][]handbook.Section{}, steps: map[string][]string{}, printed: map[string]template.HTML{}}
	if err := r.markdown(static, errs); err != nil {
		return nil, err
	}
	files, err := r.pages()
	if err != nil {
		return nil, err
	}
	assets, err := r.assets(cfg.Assets)
	if err != nil {
		return nil, err
	}
	files = append(files, assets...)
	hs, err := r.handoutScript()
	if err != nil {
		return nil, err
	}
	files = append(files, hs)
	if tree != nil {
		f, err := r.treeScript()
		if err != nil {
			return nil, err
		}
		files = append(files, f)
	}
	for _, s := range static {
		files = append(files, publish.File{Path: s.Rel, Data: s.Text})
	}
	if base != "" {
		files = append(files, r.sitemap(files), publish.File{Path: "robots.txt",
			Data: []byte("User-agent: *\nAllow: /\nSitemap: " + base + "sitemap.xml\n")})
	}
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	return &Site{Files: files, Sections: r.sections}, nil
}

type builder struct {
	g        *graph.Graph
	tree     *decision.Tree // nil without decide.yaml
	t        map[string]*template.Template
	base     string
	bodies   map[string]template.HTML // page key -> rendered markdown
	printed  map[string]template.HTML // page key -> rendered for print.html
	sections map[string][]handbook.Section
	steps    map[string][]string // exercise page key -> numbered steps
}

// markdown converts every page body, two workers per core, then checks the
// anchors that links point at, since those need every page's headings.
func (r *builder) markdown(static []*content.Data, errs *diag.List) error {
	res := &resolver{g: r.g, static: map[string]bool{}, headings: map[string]map[string]bool{}}
	for _, s := range static {
		res.static[s.Rel] = true
	}
	md := newMarkdown(res, r.g.Config.AllowHTML)
	keys := make([]string, 0, len(r.g.Pages))
	for k := range r.g.Pages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	states := make([]*parsing, len(keys))
	bodies := make([]template.HTML, len(keys))
	texts := make([][]handbook.Section, len(keys))
	stepLists := make([][]string, len(keys))
	printed := make([]template.HTML, len(keys))
	failures := make([]error, len(keys))
	var wg sync.WaitGroup
	next := make(chan int)
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				states[i], bodies[i], texts[i], stepLists[i], failures[i] = convert(md, r.g.Pages[keys[i]])
				if failures[i] == nil {
					printed[i], failures[i] = convertForPrint(md, r.g.Pages[keys[i]])
				}
			}
		}()
	}
	for i := range keys {
		next <- i
	}
	close(next)
	wg.Wait()
	for i, k := range keys {
		if failures[i] != nil {
			return fmt.Errorf("%s: %w", r.g.Pages[k].Source, failures[i])
		}
		*errs = append(*errs, states[i].errs...)
		res.checkAnchors(states[i], errs)
		for _, to := range states[i].links {
			r.g.AddLink(k, to)
		}
		r.bodies[k] = bodies[i]
		r.sections[k] = texts[i]
		r.steps[k] = stepLists[i]
		r.printed[k] = printed[i]
	}
	return nil
}

// convert parses and renders one page body, and extracts its text.
func convert(md goldmark.Markdown, p *handbook.Page) (*parsing, template.HTML, []handbook.Section, []string, error) {
	st := &parsing{page: p, rel: sourceRel(p), lines: lineStarts(p.Body)}
	pc := parser.NewContext()
	pc.Set(pageKey, st)
	doc := md.Parser().Parse(text.NewReader(p.Body), parser.WithContext(pc))
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, p.Body, doc); err != nil {
		return st, "", nil, nil, err
	}
	return st, template.HTML(b.String()), sections(doc, p.Body), steps(doc, p.Body), nil
}

// convertForPrint renders a page body for print.html: links to pages are
// links within the document and heading ids carry the page's.
func convertForPrint(md goldmark.Markdown, p *handbook.Page) (template.HTML, error) {
	st := &parsing{page: p, rel: sourceRel(p), lines: lineStarts(p.Body), print: true}
	base := parser.NewContext()
	pc := parser.NewContext(parser.WithIDs(printIDs{IDs: base.IDs(), prefix: PrintID(p.Key(), "")}))
	pc.Set(pageKey, st)
	doc := md.Parser().Parse(text.NewReader(p.Body), parser.WithContext(pc))
	var b bytes.Buffer
	if err := md.Renderer().Render(&b, p.Body, doc); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

func sourceRel(p *handbook.Page) string {
	if p.Section == "" {
		return p.ID + ".md"
	}
	return p.Section + "/" + p.ID + ".md"
}

// lineStarts returns the byte offset at which each line of b starts.
func lineStarts(b []byte) []int {
	starts := []int{0}
	for i, c := range b {
		if c == '\n' {
			starts = append(starts, i+1)
		}
	}
	return starts
}
