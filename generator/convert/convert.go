// Package convert turns each page's markdown into what the rest of the
// build reads of it, once: its HTML for the web and, from the same parsed
// tree, for print.html; its headings, numbered steps, links and plain text
// for the search index. It resolves links to .md files into links to the
// pages built from them and checks links and anchors, so every problem in
// a page's text is found here. Nothing is written back into the graph:
// backlinks from the text are a value of the result (see Pages).
//
// Markdown is converted by goldmark. Links become relative links, so the
// site works from disk and at any sub-path. A Cache keeps conversions from
// one build to the next, in memory (serve) or in a folder on disk.
package convert

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"html/template"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"

	"handbook/generator/content"
	"handbook/generator/graph"
	"handbook/generator/handbook"
	"handbook/generator/output"
)

// Words are the site's words in its language: T gives the words of key
// with args filled in, and Has says whether the language has key.
type Words interface {
	T(key string, args ...any) string
	Has(key string) bool
}

// Config is what converting needs besides the graph.
type Config struct {
	// Static are the files copied as they are, by path relative to the
	// content folder: links may point at them.
	Static map[string]bool
	// Reserved are the ids the layouts give elements: no heading or raw
	// HTML on a page may take one.
	Reserved map[string]bool
	// Print converts each page for print.html too.
	Print bool
	// Words are the words of the handbook's language, for what the HTML
	// says beside the author's words; SourceWords, in a translation, the
	// source language's (see Sources). Either may be nil.
	Words, SourceWords Words
	// Text is each page's markdown by page key, front matter blanked so
	// that lines match the file (see Text). The graph holds none: after
	// conversion a large handbook need not hold its markdown. Run lets go
	// of each page's markdown as it converts it, and so should the caller.
	Text map[string]Markdown
	// Sources are, in a translation, the source language's markdown of
	// each translated page: its headings give the translation's headings
	// their ids, one for one, so that links to a heading (#the-hip-hinge)
	// hold in every language.
	Sources map[string]Markdown
	// Cache, if set, keeps converted pages for the next build.
	Cache *Cache
	// Sections, if set, is given each page's text as soon as the page is
	// converted, from several goroutines, pages in about the order of
	// graph.Order; Run keeps none of it (for the search index, which
	// counts its words then and there). Without it, Pages.Sections has it.
	// With a Cache, textKey is TextSum of the sections, kept with the
	// converted page so that it is not hashed again; otherwise it is zero.
	// n is the page's number in graph.Order.
	// A page converted by an earlier build and kept in a cache on disk
	// is given without its sections, which are read back only if the
	// callee asks (see handbook.Text).
	Sections func(n int, key string, t handbook.Text, textKey output.Key)
}

// Pages are every page converted, by page key: what layouts and the search
// index read of them.
type Pages struct {
	// Bodies are the pages' HTML, but for those kept in the cache, whose
	// HTML is read back from it when a page is laid out (Cache.Web): a
	// large handbook does not hold every page's HTML at once.
	Bodies   map[string]template.HTML
	BodyKeys map[string]output.Key    // the key of a page's HTML in the cache, instead of Bodies
	Printed  map[string]template.HTML // for print.html, with Config.Print
	// Sections are the pages' text, without Config.Sections.
	Sections  map[string][]handbook.Section
	Steps     map[string][]string // exercise page key -> its numbered steps
	Ends      map[string]string   // page key -> the id of its body's last heading
	Backlinks graph.Backlinks     // from the front matter and the text
	// Around hashes what converting any page reads besides the page (with
	// a Cache; see surroundings).
	Around    output.Key
	Converted int // pages converted, not taken from the cache
}

// Markdown is a page's markdown, front matter blanked so that line numbers
// hold, and its SHA-256 (content.File.BodySum), which keys what is made
// from it.
type Markdown struct {
	Body []byte
	Sum  output.Key
	// file, if not nil, is the page the markdown is read from when it is
	// wanted, in place of Body: the load did not read it (see
	// content.Record), and a page found in the cache never is
	file *content.File
}

// sum is m.Sum, or, for markdown given without it, the hash of its body.
func (m Markdown) sum() output.Key {
	if m.Sum == (output.Key{}) {
		return sha256.Sum256(m.text())
	}
	return m.Sum
}

// text is the markdown, read now if it was not.
func (m Markdown) text() []byte {
	if m.file != nil {
		return m.file.Body()
	}
	return m.Body
}

// given reports whether there is markdown.
func (m Markdown) given() bool { return m.Body != nil || m.file != nil }

// failed reports whether the markdown, read when it was wanted, was not
// what its Sum says (see content.File.ReadFailed): what is made of it
// must not be kept by that key.
func (m Markdown) failed() bool { return m.file != nil && m.file.ReadFailed() }

// Text maps each page of a content tree to its markdown, for Config.Text.
func Text(tree *content.Tree) map[string]Markdown {
	m := make(map[string]Markdown, len(tree.Pages))
	for _, f := range tree.Pages {
		key := f.ID
		if f.Section != "" {
			key = f.Section + "/" + f.ID
		}
		md := Markdown{Sum: f.BodySum()}
		if f.Unread() {
			md.file = f
		} else {
			md.Body = f.Body()
		}
		m[key] = md
	}
	return m
}

// lastAnchor is the id of the last heading of a page's sections, or "".
// It is a copy: the sections may share the bytes of a whole page read back
// from the cache folder, which the build keeps to the end.
func lastAnchor(secs []handbook.Section) string {
	if len(secs) == 0 {
		return ""
	}
	return strings.Clone(secs[len(secs)-1].Anchor)
}

// MaxQuoteDepth bounds how deep block quotes may nest. goldmark's time
// grows with the square of the depth (200,000 levels took minutes), and no
// page needs more than a few.
const MaxQuoteDepth = 100

// quoteDepth finds the line (0-based) with the deepest block quote markers
// at its start, and their number, in one pass over the body.
func quoteDepth(body []byte) (line, depth int) {
	n, cur, at := 0, 0, true
	for _, c := range body {
		switch {
		case c == '\n':
			n++
			cur, at = 0, true
		case at && c == '>':
			cur++
			if cur > depth {
				line, depth = n, cur
			}
		case at && (c == ' ' || c == '\t'):
		default:
			at = false
		}
	}
	return line, depth
}

// convert parses one page body and renders it for its page and, when
// the handbook is printed whole, for print.html; and extracts its text.
//
// dose is the exercise's dose, nil for a page that is not an exercise: the
// HTML and the text show its values for the placeholders of the body
// ("{hold}"), which the steps keep, for programmes and handouts to fill.
//
// ids, if set, are the ids of the headings of the page's source, for a
// translation: its headings take them one for one, if it has as many.
func convert(md goldmark.Markdown, res *resolver, p *handbook.Page, body []byte, dose *handbook.Dose, ids []string) (st *parsing, web, printed template.HTML, texts []handbook.Section, stepList []string, err error) {
	st = &parsing{page: p, rel: sourceRel(p), lines: lineStarts(body)}
	if line, depth := quoteDepth(body); depth > MaxQuoteDepth {
		st.errs.AddHint(st.position(st.lines[line]), fmt.Sprintf("nest them at most %d deep", MaxQuoteDepth),
			"block quotes nested %d deep", depth)
		return st, "", "", nil, nil, nil
	}
	if ids != nil && headingCount(body) != len(ids) {
		ids = nil // not the source's headings: the translation's own ids
	}
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs(res.reserved).taking(ids)))
	pc.Set(pageKey, st)
	doc := md.Parser().Parse(text.NewReader(body), parser.WithContext(pc))
	// the text first: the print version changes the tree
	texts, stepList = sections(doc, body), steps(doc, body, res.stepsIDs())
	var b bytes.Buffer
	b.Grow(len(body) + len(body)/2) // the HTML of a page is about its markdown's size and a third
	if err := md.Renderer().Render(&b, body, doc); err != nil {
		return st, "", "", nil, nil, err
	}
	web = template.HTML(b.String())
	checkPlaceholders(st, body, dose)
	if dose != nil {
		web = fillDoseHTML(res.words, web, *dose)
		for i := range texts {
			texts[i].Heading, texts[i].Text = FillDose(res.words, texts[i].Heading, *dose), FillDose(res.words, texts[i].Text, *dose)
		}
	}
	if res.print {
		for _, f := range st.forPrint {
			f()
		}
		b.Reset()
		if err := md.Renderer().Render(&b, body, doc); err != nil {
			return st, "", "", nil, nil, err
		}
		printed = template.HTML(b.String())
		if dose != nil {
			printed = fillDoseHTML(res.words, printed, *dose)
		}
	}
	return st, web, printed, texts, stepList, nil
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
