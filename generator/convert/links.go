package convert

import (
	"bytes"
	"html"
	"net/url"
	"path"
	"slices"
	"sort"
	"strings"
	"sync"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/handbook"
)

// pageKey carries the page being parsed through goldmark's parser context.
var pageKey = parser.NewContextKey()

// parsing is what the resolver knows of the page being parsed.
type parsing struct {
	page *handbook.Page
	// forPrint turn the parsed page into print.html's version: links to
	// pages become links within the one document, ids take the page's
	// prefix. The page is parsed once; these run between the two renders.
	forPrint []func()
	rel      string // source path relative to the content folder
	lines    []int  // byte offset of each line start in the body
	links    []string
	// anchors to check once every page's headings are known
	anchors []anchorRef
	errs    diag.List
}

type anchorRef struct {
	target, anchor string
	pos            diag.Pos
}

// resolver is a goldmark ASTTransformer that rewrites links to .md files
// into links to the pages built from them, and reports links to pages or
// files that do not exist. Anchors are checked after every page is parsed.
type resolver struct {
	g      *graph.Graph
	static map[string]bool // files copied as they are, by path relative to content
	// allowHTML lets raw HTML through, checked (see rawhtml.go)
	allowHTML bool
	// print: pages are also rendered for print.html
	print bool
	// reserved are the ids the layouts give elements: no heading or raw
	// HTML on a page may take one
	reserved map[string]bool
	// words are the site's words in its language, for what the markdown's
	// HTML says beside the author's words (see markdownWords)
	words Words
	// sourceWords are the source language's, in a translation
	sourceWords Words

	mu       sync.Mutex
	headings map[string]map[string]bool // page key -> heading ids
}

// markdownWords are the keys of the words a page's converted markdown
// holds beside the author's: they are part of the key of a conversion.
var markdownWords = []string{"markdown.anchor", "markdown.task", "markdown.steps", "dose.range"}

// says is what the words of the markdown say, or "" with no words.
func (r *resolver) says() string {
	if r.words == nil {
		return ""
	}
	var b strings.Builder
	for _, k := range markdownWords {
		b.WriteString(r.words.T(k))
		b.WriteByte(0)
	}
	return b.String()
}

// word is the words of key, escaped for HTML: the key itself with no words.
func (r *resolver) word(key string) string {
	if r.words == nil {
		return html.EscapeString(key)
	}
	return html.EscapeString(r.words.T(key))
}

// stepsID is the id of the heading over an exercise's numbered steps:
// "steps", from "## Steps", or the heading that the string markdown.steps
// names in the handbook's language.
//
// In a translation, a page's headings take its source's ids (see
// Config.Sources), so the source language's id counts too.
func (r *resolver) stepsIDs() []string {
	return HeadingsNamed("markdown.steps", "steps", r.words, r.sourceWords)
}

// HeadingsNamed are the ids of the heading that the string key names in
// the page's language and in the source's, or def without words.
func HeadingsNamed(key, def string, words ...Words) []string {
	var ids []string
	for _, w := range words {
		id := def
		if w != nil && w.Has(key) {
			id = string(newHeadingIDs(nil).Generate([]byte(w.T(key)), ast.KindHeading))
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids
}

func (r *resolver) Transform(doc *ast.Document, reader text.Reader, pc parser.Context) {
	st, _ := pc.Get(pageKey).(*parsing)
	if st == nil {
		return
	}
	source := reader.Source()
	ids := map[string]bool{}
	var raws []ast.Node
	seen := map[ast.Node]int{} // each block's offset after its last autolink
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.HTMLBlock, *ast.RawHTML:
			if r.allowHTML {
				raws = append(raws, n)
			}
		case *ast.Heading:
			if id, ok := n.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					ids[string(b)] = true
					if r.print {
						printed := []byte(PrintID(st.page.Key(), string(b)))
						st.forPrint = append(st.forPrint, func() { n.SetAttributeString("id", printed) })
					}
				}
			}
		case *ast.Link:
			web, printed := r.resolve(st, n.Destination, r.pos(st, n, source))
			n.Destination = web
			if r.print && string(printed) != string(web) {
				st.forPrint = append(st.forPrint, func() { n.Destination = printed })
			}
		case *ast.Image:
			web, printed := r.resolve(st, n.Destination, r.pos(st, n, source))
			n.Destination = web
			if r.print && string(printed) != string(web) {
				st.forPrint = append(st.forPrint, func() { n.Destination = printed })
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				raw := string(n.URL(source))
				if u, err := url.Parse(raw); err != nil || u.Scheme != "" && !allowedScheme(u.Scheme) {
					schemeError(st, autolinkPos(st, n, source, raw, seen), raw)
				}
			}
		}
		return ast.WalkContinue, nil
	})
	if len(raws) > 0 {
		r.checkRaw(st, raws, ids, source)
	}
	r.mu.Lock()
	r.headings[st.page.Key()] = ids
	r.mu.Unlock()
}

// pos finds where a link starts: just before its text, or at its block.
func (r *resolver) pos(st *parsing, n ast.Node, source []byte) diag.Pos {
	off := -1
	for c := n.FirstChild(); c != nil && off < 0; c = c.FirstChild() {
		if t, ok := c.(*ast.Text); ok {
			off = t.Segment.Start - 1
			if _, img := n.(*ast.Image); img {
				off--
			}
		}
	}
	if off < 0 {
		for p := n.Parent(); p != nil; p = p.Parent() {
			if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
				off = p.Lines().At(0).Start
				break
			}
		}
	}
	return st.position(max(off, 0))
}

// autolinkPos finds an autolink's "<" in its block: goldmark keeps no
// offset for it, so the block's text is searched from after the last one.
func autolinkPos(st *parsing, n ast.Node, source []byte, raw string, seen map[ast.Node]int) diag.Pos {
	var block ast.Node
	for p := n.Parent(); p != nil; p = p.Parent() {
		if p.Type() == ast.TypeBlock && p.Lines().Len() > 0 {
			block = p
			break
		}
	}
	if block == nil {
		return st.position(0)
	}
	lines := block.Lines()
	from, end := max(seen[block], lines.At(0).Start), lines.At(lines.Len()-1).Stop
	off := from
	if i := bytes.Index(source[from:end], []byte(raw)); i >= 0 {
		off = from + i
		seen[block] = off + len(raw)
		if off > 0 && source[off-1] == '<' {
			off--
		}
	}
	return st.position(off)
}

func (st *parsing) position(off int) diag.Pos {
	i := sort.Search(len(st.lines), func(i int) bool { return st.lines[i] > off }) - 1
	if i < 0 {
		i = 0
	}
	return diag.Pos{File: st.page.Source, Line: i + 1, Col: off - st.lines[i] + 1}
}

// resolve returns the destination to write for a link in the page, on
// its own page (web) and in print.html (printed), where a link to a page or
// a heading is one within the single document.
func (r *resolver) resolve(st *parsing, dest []byte, pos diag.Pos) (web, printed []byte) {
	raw := string(dest)
	u, err := url.Parse(raw)
	switch {
	case raw == "":
		st.errs.AddHint(pos, "write the target in the brackets: [text](page.md)", "empty link")
		return dest, dest
	case err != nil:
		st.errs.AddHint(pos, "check the address", "malformed link %q", raw)
		return dest, dest
	case u.Scheme != "" && !allowedScheme(u.Scheme):
		schemeError(st, pos, raw)
		return dest, dest
	case u.Scheme != "" || strings.HasPrefix(raw, "//"):
		return dest, dest // external: left to the browser
	case strings.HasPrefix(raw, "/"):
		st.errs.AddHint(pos, "link relative to this file, such as ../exercises/plank.md", "absolute link %q", raw)
		return dest, dest
	case u.Path == "":
		if u.Fragment != "" {
			st.anchors = append(st.anchors, anchorRef{target: st.page.Key(), anchor: u.Fragment, pos: pos})
			return dest, []byte("#" + PrintID(st.page.Key(), u.Fragment))
		}
		return dest, dest
	}
	target := path.Join(path.Dir(st.rel), u.Path)
	if target == ".." || strings.HasPrefix(target, "../") {
		st.errs.AddHint(pos, "link only to pages and files inside the content folder", "link %q leads outside the content folder", raw)
		return dest, dest
	}
	key, isPage := pageKeyOf(target)
	if !isPage {
		if !r.static[target] {
			st.errs.AddHint(pos, "put the file in the content folder, or fix the path", "link to missing file %q", raw)
		}
		// print.html is at the top of the site: the file's own path
		return dest, []byte((&url.URL{Path: target, Fragment: u.Fragment}).String())
	}
	if key != graph.FlagsKey && r.g.Pages[key] == nil {
		st.errs.AddHint(pos, r.suggest(st.rel, key), "link to missing page %q", raw)
		return dest, dest
	}
	if key == graph.FlagsKey && len(r.g.Flags) == 0 {
		st.errs.AddHint(pos, "add content/flags.yaml", "link to the red flags page, but there are no red flags")
		return dest, dest
	}
	st.links = append(st.links, key)
	out := RelURL(OutPath(st.page.Key()), OutPath(key))
	if u.Fragment != "" {
		st.anchors = append(st.anchors, anchorRef{target: key, anchor: u.Fragment, pos: pos})
		out += "#" + u.EscapedFragment()
	}
	return []byte(out), []byte("#" + PrintID(key, u.Fragment))
}

// The one URL policy for links and pictures in pages: relative links
// within the content folder, or addresses of these schemes. Anything else
// (javascript:, vbscript:, data:, file:, any scheme in any case) could run
// code or reach outside the site.
var allowedSchemes = map[string]bool{"http": true, "https": true, "mailto": true, "tel": true}

func schemeError(st *parsing, pos diag.Pos, raw string) {
	st.errs.AddHint(pos, "link to a page with its .md file, or to a web address",
		"link %q: only http, https, mailto and tel addresses are allowed", raw)
}

// allowedScheme reports whether a URL scheme, as url.Parse gives it (in
// lower case), is allowed.
func allowedScheme(scheme string) bool { return allowedSchemes[strings.ToLower(scheme)] }

// suggest names the page meant by a link to the missing page key, as a
// link written in the file from (a content path) would reach it.
func (r *resolver) suggest(from, key string) string {
	keys := make([]string, 0, len(r.g.Pages))
	for k := range r.g.Pages {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	if s := diag.Suggest(key, keys); s != "" {
		return "did you mean " + RelURL(from, s+".md") + "?"
	}
	return "link to the .md file of a page that exists"
}

// pageKeyOf maps a content path to a page key: "exercises/plank.md" is
// "exercises/plank", "flags.yaml" is the red flags page.
func pageKeyOf(p string) (string, bool) {
	if p == "flags.yaml" {
		return graph.FlagsKey, true
	}
	if !strings.HasSuffix(p, ".md") {
		return "", false
	}
	return strings.TrimSuffix(p, ".md"), true
}

// checkAnchors reports links to headings that do not exist.
func (r *resolver) checkAnchors(st *parsing, errs *diag.List) {
	for _, a := range st.anchors {
		if a.target == graph.FlagsKey {
			if r.g.Flag[a.anchor] == nil && a.anchor != "emergency" && a.anchor != "urgent" && a.anchor != "soon" {
				errs.AddHint(a.pos, "link to a red flag id or to #emergency, #urgent or #soon", "no red flag %q on the red flags page", a.anchor)
			}
			continue
		}
		if r.headings[a.target][a.anchor] || builtinAnchors[a.anchor] {
			continue
		}
		var ids []string
		for id := range r.headings[a.target] {
			ids = append(ids, id)
		}
		sort.Strings(ids)
		hint := "link to a heading of the page"
		if s := diag.Suggest(a.anchor, ids); s != "" {
			hint = "did you mean #" + s + "?"
		} else if len(ids) > 0 {
			hint = "headings: #" + strings.Join(ids, ", #")
		}
		errs.AddHint(a.pos, hint, "no heading #%s in %s", a.anchor, OutPath(a.target))
	}
}

// builtinAnchors are ids every page's layout provides.
var builtinAnchors = map[string]bool{"main": true, "top": true}

// OutPath is where the page with key is written.
func OutPath(key string) string {
	switch key {
	case "index":
		return "index.html"
	}
	return key + ".html"
}

// RelURL is the relative URL from the file from to the file to, both
// slash paths relative to the output folder.
func RelURL(from, to string) string {
	fromDir := strings.Split(path.Dir(from), "/")
	if path.Dir(from) == "." {
		fromDir = nil
	}
	toParts := strings.Split(to, "/")
	i := 0
	for i < len(fromDir) && i < len(toParts)-1 && fromDir[i] == toParts[i] {
		i++
	}
	return strings.Repeat("../", len(fromDir)-i) + strings.Join(toParts[i:], "/")
}

// PrintID is the id of a page, or of a heading in it, within print.html,
// where every page is one article of a single document.
func PrintID(key, anchor string) string {
	id := "p-" + strings.ReplaceAll(key, "/", "-")
	if anchor != "" {
		id += "--" + anchor
	}
	return id
}
