package convert

import (
	"bytes"
	"fmt"
	"slices"
	"sort"
	"strings"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
	"golang.org/x/net/html"

	"handbook/generator/diag"
)

// Raw HTML, when handbook.yaml has allow-html: true, is parsed with the
// HTML5 tokenizer and written again from what was parsed: tag names from an
// allow-list, attributes from an allow-list and quoted by us, text escaped,
// comments dropped. Anything else is an error at its position, so the page
// a reader gets holds nothing the author did not see refused. Because the
// output is re-serialised, a browser cannot read it differently from us: an
// unclosed quote or tag cannot run into the markdown that follows.

// rawElements are the elements raw HTML may use, with the attributes each
// may carry beyond rawGlobal. Nothing that runs code, loads a document or
// a plug-in, takes input or changes how the rest of the page is parsed
// (script, style, iframe, object, form, svg, math, template, base, meta...).
var rawElements = map[string][]string{
	"a": {"href", "hreflang"}, "abbr": nil, "b": nil, "bdi": nil, "bdo": nil, "blockquote": {"cite"},
	"br": nil, "caption": nil, "cite": nil, "code": nil, "col": {"span"}, "colgroup": {"span"},
	"dd": nil, "del": {"cite", "datetime"}, "details": {"open"}, "dfn": nil, "div": nil, "dl": nil,
	"dt": nil, "em": nil, "figcaption": nil, "figure": nil, "h1": nil, "h2": nil, "h3": nil,
	"h4": nil, "h5": nil, "h6": nil, "hr": nil, "i": nil, "img": {"src", "alt", "width", "height", "loading"},
	"ins": {"cite", "datetime"}, "kbd": nil, "li": {"value"}, "mark": nil, "ol": {"start", "reversed", "type"},
	"p": nil, "pre": nil, "q": {"cite"}, "s": nil, "samp": nil, "small": nil, "span": nil,
	"strong": nil, "sub": nil, "summary": nil, "sup": nil, "table": nil, "tbody": nil,
	"td": {"colspan", "rowspan", "headers"}, "tfoot": nil, "th": {"colspan", "rowspan", "headers", "scope", "abbr"},
	"thead": nil, "time": {"datetime"}, "tr": nil, "u": nil, "ul": nil, "var": nil, "wbr": nil,
}

// rawGlobal are the attributes any allowed element may carry (and aria-*).
var rawGlobal = map[string]bool{"class": true, "id": true, "title": true, "lang": true, "dir": true, "role": true}

// rawURLAttrs hold addresses, checked and resolved like markdown links.
var rawURLAttrs = map[string]bool{"href": true, "src": true, "cite": true}

// rawVoid elements have no end tag.
var rawVoid = map[string]bool{"br": true, "col": true, "hr": true, "img": true, "wbr": true}

// rawNode holds raw HTML that has been checked and written again. It
// replaces goldmark's HTMLBlock (block) or RawHTML (inline) node.
type rawNode struct {
	ast.BaseNode
	html, print []byte // on the page, and in print.html
	block       bool
}

var kindRaw = ast.NewNodeKind("CheckedHTML")

func (n *rawNode) Kind() ast.NodeKind { return kindRaw }
func (n *rawNode) Type() ast.NodeType {
	if n.block {
		return ast.TypeBlock
	}
	return ast.TypeInline
}
func (n *rawNode) IsRaw() bool                   { return true }
func (n *rawNode) HasBlankPreviousLines() bool   { return false }
func (n *rawNode) SetBlankPreviousLines(bool)    {}
func (n *rawNode) Lines() *text.Segments         { return &text.Segments{} }
func (n *rawNode) SetLines(*text.Segments)       {}
func (n *rawNode) Dump(source []byte, level int) { ast.DumpHelper(n, source, level, nil, nil) }
func (nr *nodeRenderer) raw(w util.BufWriter, _ []byte, node ast.Node, entering bool) (ast.WalkStatus, error) {
	if entering {
		w.Write(node.(*rawNode).html)
	}
	return ast.WalkSkipChildren, nil
}

// fragment is a piece of raw HTML as it stands in the page: its bytes, and
// where each run of them starts in the page body (a block quote's lines are
// not contiguous in the source).
type fragment struct {
	b    []byte
	runs []run
}

type run struct{ at, src int } // offset in b, offset in the body

func (f *fragment) add(seg []byte, src int) {
	f.runs = append(f.runs, run{len(f.b), src})
	f.b = append(f.b, seg...)
}

func (f *fragment) source(off int) int {
	i := sort.Search(len(f.runs), func(i int) bool { return f.runs[i].at > off }) - 1
	if i < 0 {
		return 0
	}
	return f.runs[i].src + off - f.runs[i].at
}

// openTag is an element raw HTML opened and has yet to close.
type openTag struct {
	name string
	pos  diag.Pos
}

// rawChecker checks the raw HTML of one page.
type rawChecker struct {
	r   *resolver
	st  *parsing
	ids map[string]bool // ids on the page: headings, and those raw HTML gives
	// elements open in each block that holds raw HTML: an inline tag must
	// close in its paragraph, a block tag in its list item, quote or page
	open map[ast.Node][]openTag
}

// both is raw HTML written again twice: for the page, and for print.html,
// where links and ids differ.
type both struct{ web, print bytes.Buffer }

func (b *both) WriteString(s string) {
	b.web.WriteString(s)
	b.print.WriteString(s)
}

// check parses f and returns it written again, adding any problem to the
// page's errors. parent is the block whose elements f's tags must balance
// within.
func (c *rawChecker) check(f *fragment, parent ast.Node) *both {
	var out both
	z := html.NewTokenizer(bytes.NewReader(f.b))
	off := 0
	for {
		tt := z.Next()
		raw := z.Raw()
		pos := c.st.position(f.source(off))
		off += len(raw)
		switch tt {
		case html.ErrorToken:
			if off < len(f.b) || len(raw) > 0 {
				c.st.errs.AddHint(pos, "finish the tag with > and close any quote", "unfinished HTML tag")
			}
			return &out
		case html.TextToken:
			out.WriteString(html.EscapeString(string(z.Text())))
		case html.CommentToken:
			// an author's note: not for the reader
		case html.DoctypeToken:
			c.st.errs.AddHint(pos, "write only the HTML of the part you need", "<!DOCTYPE> in a page")
		case html.StartTagToken, html.SelfClosingTagToken:
			c.start(&out, z, tt, pos, parent)
		case html.EndTagToken:
			name, _ := z.TagName()
			c.end(&out, string(name), pos, parent)
		}
	}
}

func (c *rawChecker) start(out *both, z *html.Tokenizer, tt html.TokenType, pos diag.Pos, parent ast.Node) {
	nameb, more := z.TagName()
	name := string(nameb)
	attrs, ok := rawElements[name]
	if !ok {
		c.st.errs.AddHint(pos, "use markdown, or one of the elements listed in the README", "raw HTML <%s> is not allowed", name)
		for more {
			_, _, more = z.TagAttr()
		}
		return
	}
	out.WriteString("<" + name)
	seen := map[string]bool{}
	for more {
		var k, v []byte
		k, v, more = z.TagAttr()
		key, val := string(k), string(v)
		printed := ""
		switch {
		case seen[key]:
			c.st.errs.AddHint(pos, "give each attribute once", "<%s> has %s twice", name, key)
			continue
		case !rawGlobal[key] && !strings.HasPrefix(key, "aria-") && !slices.Contains(attrs, key):
			hint := "use a class for looks; nothing in a page may run a script"
			c.st.errs.AddHint(pos, hint, "attribute %s is not allowed on <%s>", key, name)
			continue
		case rawURLAttrs[key]:
			web, p := c.r.resolve(c.st, []byte(val), pos)
			val, printed = string(web), string(p)
		case key == "id":
			c.id(val, pos)
			printed = PrintID(c.st.page.Key(), val)
		}
		seen[key] = true
		if printed == "" {
			printed = val
		}
		out.web.WriteString(" " + key + `="` + html.EscapeString(val) + `"`)
		out.print.WriteString(" " + key + `="` + html.EscapeString(printed) + `"`)
	}
	if name == "img" && !seen["alt"] {
		c.st.errs.AddHint(pos, `describe the picture in alt="...", or alt="" if it is decoration`, "<img> without alt")
	}
	out.WriteString(">")
	if !rawVoid[name] {
		if tt == html.SelfClosingTagToken {
			c.st.errs.AddHint(pos, fmt.Sprintf("write <%s></%s>", name, name), "<%s/> does not close an HTML element", name)
		}
		c.open[parent] = append(c.open[parent], openTag{name, pos})
	}
}

func (c *rawChecker) end(out *both, name string, pos diag.Pos, parent ast.Node) {
	if _, ok := rawElements[name]; !ok {
		return // its start tag is refused, and this writes nothing
	}
	stack := c.open[parent]
	if len(stack) == 0 || stack[len(stack)-1].name != name {
		hint := "close elements in the order they were opened, within one paragraph or block"
		if len(stack) > 0 {
			top := stack[len(stack)-1]
			hint = fmt.Sprintf("<%s> opened at %d:%d is still open", top.name, top.pos.Line, top.pos.Col)
		}
		if rawVoid[name] {
			hint = fmt.Sprintf("<%s> has no end tag", name)
		}
		c.st.errs.AddHint(pos, hint, "</%s> closes nothing open here", name)
		return
	}
	c.open[parent] = stack[:len(stack)-1]
	out.WriteString("</" + name + ">")
}

// id checks an id raw HTML gives: unique on the page, and not one the
// layouts use. In print.html it carries the page's prefix, as headings do.
func (c *rawChecker) id(v string, pos diag.Pos) {
	switch {
	case v == "" || strings.ContainsAny(v, " \t\n\f\r"):
		c.st.errs.AddHint(pos, "use letters, digits and -", "id %q", v)
	case c.r.reserved[v] || builtinAnchors[v]:
		c.st.errs.AddHint(pos, "choose another id", "id %q is used by the page layout", v)
	case c.ids[v]:
		c.st.errs.AddHint(pos, "choose another id", "id %q is already on this page", v)
	}
	c.ids[v] = true
}

// unclosed reports elements raw HTML left open at the end of their block.
func (c *rawChecker) unclosed() {
	var all []openTag
	for _, stack := range c.open {
		all = append(all, stack...)
	}
	for _, t := range all {
		c.st.errs.AddHint(t.pos, fmt.Sprintf("add </%s> in the same paragraph or block", t.name), "<%s> is never closed", t.name)
	}
}

// checkRaw checks the page's raw HTML nodes, in document order, and puts a
// rawNode with what may be written in the place of each.
func (r *resolver) checkRaw(st *parsing, raws []ast.Node, ids map[string]bool, source []byte) {
	c := &rawChecker{r: r, st: st, ids: ids, open: map[ast.Node][]openTag{}}
	for _, n := range raws {
		var f fragment
		parent := n.Parent()
		switch n := n.(type) {
		case *ast.HTMLBlock:
			for i := 0; i < n.Lines().Len(); i++ {
				seg := n.Lines().At(i)
				f.add(seg.Value(source), seg.Start)
			}
			if n.HasClosure() {
				f.add(n.ClosureLine.Value(source), n.ClosureLine.Start)
			}
		case *ast.RawHTML:
			for i := 0; i < n.Segments.Len(); i++ {
				seg := n.Segments.At(i)
				f.add(seg.Value(source), seg.Start)
			}
			for parent != nil && parent.Type() != ast.TypeBlock {
				parent = parent.Parent()
			}
		}
		checked := c.check(&f, parent)
		out := &rawNode{html: checked.web.Bytes(), print: checked.print.Bytes(), block: n.Type() == ast.TypeBlock}
		n.Parent().ReplaceChild(n.Parent(), n, out)
		if r.print {
			st.forPrint = append(st.forPrint, func() { out.html = out.print })
		}
	}
	c.unclosed()
}
