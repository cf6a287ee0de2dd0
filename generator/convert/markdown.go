package convert

import (
	"bytes"
	"crypto/sha256"
	"html"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/alecthomas/chroma/v2"
	chromahtml "github.com/alecthomas/chroma/v2/formatters/html"
	"github.com/alecthomas/chroma/v2/lexers"
	"github.com/alecthomas/chroma/v2/styles"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	extast "github.com/yuin/goldmark/extension/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/renderer"
	"github.com/yuin/goldmark/util"

	"handbook/generator/handbook"
)

// newMarkdown builds the one goldmark instance a build uses: GFM, footnotes,
// definition lists, typographer, heading ids, links resolved by r, code
// highlighted with CSS classes, and raw HTML escaped unless allowed (then
// the resolver checks it and puts what may be written in its place).
func newMarkdown(r *resolver) goldmark.Markdown {
	opts := []renderer.Option{
		renderer.WithNodeRenderers(util.Prioritized(&nodeRenderer{code: newHighlighter(), anchor: r.word("markdown.anchor"), task: r.word("markdown.task")}, 100)),
	}
	return goldmark.New(
		goldmark.WithExtensions(extension.GFM, extension.Footnote, extension.DefinitionList, extension.Typographer),
		goldmark.WithParserOptions(
			parser.WithAutoHeadingID(),
			parser.WithASTTransformers(util.Prioritized(r, 100)),
		),
		goldmark.WithRendererOptions(opts...),
	)
}

// nodeRenderer renders headings with an anchor link, fenced code with
// chroma, and raw HTML as text unless it is allowed.
type nodeRenderer struct {
	code *highlighter
	// the names of a heading's anchor link and a task list's box, escaped
	anchor, task string
}

func (nr *nodeRenderer) RegisterFuncs(reg renderer.NodeRendererFuncRegisterer) {
	reg.Register(ast.KindHeading, nr.heading)
	reg.Register(ast.KindFencedCodeBlock, nr.fencedCode)
	reg.Register(kindRaw, nr.raw)
	reg.Register(extast.KindTaskCheckBox, nr.taskCheckBox)
	// with allow-html the resolver has replaced these by checked rawNodes
	reg.Register(ast.KindHTMLBlock, nr.htmlBlock)
	reg.Register(ast.KindRawHTML, nr.rawHTML)
}

func (nr *nodeRenderer) heading(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	n := node.(*ast.Heading)
	id, _ := n.AttributeString("id")
	idb, _ := id.([]byte)
	if entering {
		w.WriteString("<h")
		w.WriteByte("0123456"[n.Level])
		if len(idb) > 0 {
			w.WriteString(` id="`)
			w.Write(util.EscapeHTML(idb))
			w.WriteByte('"')
		}
		w.WriteByte('>')
		return ast.WalkContinue, nil
	}
	if len(idb) > 0 {
		w.WriteString(` <a class="anchor" href="#`)
		w.Write(util.EscapeHTML(idb))
		w.WriteString(`" aria-label="` + nr.anchor + `">#</a>`)
	}
	w.WriteString("</h")
	w.WriteByte("0123456"[n.Level])
	w.WriteString(">\n")
	return ast.WalkContinue, nil
}

// taskCheckBox writes a task list's box with a name, so a screen reader
// says "task, checkbox, checked" and checkers find no unlabelled input.
func (nr *nodeRenderer) taskCheckBox(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		if node.(*extast.TaskCheckBox).IsChecked {
			w.WriteString(`<input type="checkbox" disabled checked aria-label="` + nr.task + `"> `)
		} else {
			w.WriteString(`<input type="checkbox" disabled aria-label="` + nr.task + `"> `)
		}
	}
	return ast.WalkContinue, nil
}

func (nr *nodeRenderer) fencedCode(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.FencedCodeBlock)
	var code bytes.Buffer
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		code.Write(seg.Value(source))
	}
	w.WriteString(nr.code.html(string(n.Language(source)), code.String()))
	return ast.WalkSkipChildren, nil
}

func (nr *nodeRenderer) htmlBlock(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkContinue, nil
	}
	n := node.(*ast.HTMLBlock)
	w.WriteString("<p class=\"raw-html\">")
	for i := 0; i < n.Lines().Len(); i++ {
		seg := n.Lines().At(i)
		w.Write(util.EscapeHTML(seg.Value(source)))
	}
	if n.HasClosure() {
		w.Write(util.EscapeHTML(n.ClosureLine.Value(source)))
	}
	w.WriteString("</p>\n")
	return ast.WalkSkipChildren, nil
}

func (nr *nodeRenderer) rawHTML(w util.BufWriter, source []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if !entering {
		return ast.WalkSkipChildren, nil
	}
	n := node.(*ast.RawHTML)
	for i := 0; i < n.Segments.Len(); i++ {
		seg := n.Segments.At(i)
		w.Write(util.EscapeHTML(seg.Value(source)))
	}
	return ast.WalkSkipChildren, nil
}

// highlighter turns code into HTML with chroma's CSS classes, caching by
// content because chroma is the costliest step per block.
type highlighter struct {
	formatter *chromahtml.Formatter
	mu        sync.Mutex
	cache     map[[32]byte]string
}

func newHighlighter() *highlighter {
	return &highlighter{
		formatter: chromahtml.New(chromahtml.WithClasses(true), chromahtml.ClassPrefix("hl-")),
		cache:     map[[32]byte]string{},
	}
}

func (h *highlighter) html(lang, code string) string {
	key := sha256.Sum256([]byte(lang + "\x00" + code))
	h.mu.Lock()
	out, ok := h.cache[key]
	h.mu.Unlock()
	if ok {
		return out
	}
	out = h.format(lang, code)
	h.mu.Lock()
	h.cache[key] = out
	h.mu.Unlock()
	return out
}

func (h *highlighter) format(lang, code string) string {
	var lexer chroma.Lexer
	if lang != "" {
		lexer = lexers.Get(lang)
	}
	plain := `<pre class="hl-chroma"><code>` + html.EscapeString(code) + "</code></pre>\n"
	if lexer == nil {
		return plain
	}
	it, err := chroma.Coalesce(lexer).Tokenise(nil, code)
	if err != nil {
		return plain
	}
	var b strings.Builder
	if err := h.formatter.Format(&b, styles.Get("github"), it); err != nil {
		return plain
	}
	return b.String()
}

// Stylesheet returns the CSS for highlighted code: a light theme, and a
// dark one for readers whose system prefers it.
func Stylesheet() ([]byte, error) {
	f := chromahtml.New(chromahtml.WithClasses(true), chromahtml.ClassPrefix("hl-"))
	var b bytes.Buffer
	if err := f.WriteCSS(&b, styles.Get("github")); err != nil {
		return nil, err
	}
	b.WriteString("@media (prefers-color-scheme: dark) {\n")
	if err := f.WriteCSS(&b, styles.Get("github-dark")); err != nil {
		return nil, err
	}
	b.WriteString("}\n")
	return b.Bytes(), nil
}

// sections splits a parsed page into plain-text sections at its level 2
// and 3 headings.
func sections(doc ast.Node, source []byte) []handbook.Section {
	var out []handbook.Section
	cur := handbook.Section{}
	var b spacer
	flush := func() {
		cur.Text = b.String()
		if cur.Text != "" || cur.Heading != "" {
			out = append(out, cur)
		}
		b = spacer{}
	}
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok && h.Level <= 3 {
			flush()
			id, _ := h.AttributeString("id")
			idb, _ := id.([]byte)
			cur = handbook.Section{Anchor: string(idb), Heading: plain(h, source)}
			continue
		}
		plainTo(&b, c, source)
		b.WriteByte(' ')
	}
	flush()
	return out
}

// plain is the text of n without markup.
func plain(n ast.Node, source []byte) string {
	var b strings.Builder
	plainTo(&b, n, source)
	return b.String()
}

// spaced is the text of n without markup, each run of white space one
// space, none at the ends.
func spaced(n ast.Node, source []byte) string {
	var b spacer
	plainTo(&b, n, source)
	return b.String()
}

// textWriter is what plainTo writes to: a strings.Builder or a spacer.
type textWriter interface {
	Write([]byte) (int, error)
	WriteString(string) (int, error)
	WriteByte(byte) error
}

// plainTo writes the text of n without markup to b.
func plainTo(b textWriter, n ast.Node, source []byte) {
	_ = ast.Walk(n, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			if n.Type() == ast.TypeBlock {
				b.WriteByte(' ')
			}
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Text:
			b.Write(n.Segment.Value(source))
			if n.SoftLineBreak() || n.HardLineBreak() {
				b.WriteByte(' ')
			}
		case *ast.String:
			b.WriteString(html.UnescapeString(string(n.Value))) // typographer output is HTML: &ldquo;
		case *ast.CodeBlock, *ast.FencedCodeBlock, *ast.HTMLBlock, *ast.RawHTML:
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
}

// spacer builds a text with each run of white space (as strings.Fields
// finds it) made one space, and none at the ends, in one pass: what
// strings.Join(strings.Fields(text), " ") makes of all written to it,
// so long as no write ends inside a character.
type spacer struct {
	b     strings.Builder
	space bool // white space written since the last word
}

func (s *spacer) String() string { return s.b.String() }

func (s *spacer) WriteString(t string) (int, error) { spaceOut(s, t); return len(t), nil }

func (s *spacer) Write(p []byte) (int, error) { spaceOut(s, p); return len(p), nil }

func (s *spacer) WriteByte(c byte) error {
	if c < utf8.RuneSelf && asciiSpace[c] {
		s.space = true
		return nil
	}
	spaceOut(s, []byte{c})
	return nil
}

// asciiSpace is the ASCII white space of unicode.IsSpace.
var asciiSpace = [utf8.RuneSelf]bool{'\t': true, '\n': true, '\v': true, '\f': true, '\r': true, ' ': true}

// spaceOut writes t to s, a run of letters at a time.
func spaceOut[T string | []byte](s *spacer, t T) {
	word := -1 // where the run of non-space being read starts
	for i := 0; i < len(t); {
		c, n := t[i], 1
		var space bool
		if c < utf8.RuneSelf {
			space = asciiSpace[c]
		} else {
			var r rune
			r, n = utf8.DecodeRuneInString(string(t[i:min(i+utf8.UTFMax, len(t))]))
			space = unicode.IsSpace(r)
		}
		switch {
		case space && word >= 0:
			spaceWord(s, t[word:i])
			word = -1
			s.space = true
		case space:
			s.space = true
		case word < 0:
			word = i
		}
		i += n
	}
	if word >= 0 {
		spaceWord(s, t[word:])
	}
}

// spaceWord writes a run of non-space to s, after one space if white
// space came before it and it is not the first.
func spaceWord[T string | []byte](s *spacer, w T) {
	if s.space && s.b.Len() > 0 {
		s.b.WriteByte(' ')
	}
	s.space = false
	switch w := any(w).(type) {
	case string:
		s.b.WriteString(w)
	case []byte:
		s.b.Write(w)
	}
}

// steps returns the items of the first ordered list after the heading with
// id stepsID ("steps", from "## Steps"): an exercise's numbered steps, for
// handouts.
func steps(doc ast.Node, source []byte, stepsIDs []string) []string {
	found := false
	for c := doc.FirstChild(); c != nil; c = c.NextSibling() {
		if h, ok := c.(*ast.Heading); ok {
			id, _ := h.AttributeString("id")
			b, _ := id.([]byte)
			found = slices.Contains(stepsIDs, string(b))
			continue
		}
		if l, ok := c.(*ast.List); ok && found && l.IsOrdered() {
			var out []string
			for it := l.FirstChild(); it != nil; it = it.NextSibling() {
				out = append(out, spaced(it, source))
			}
			return out
		}
	}
	return nil
}
