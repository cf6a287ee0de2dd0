package convert

import (
	"fmt"
	"io/fs"
	"regexp"
	"strconv"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// headingIDs makes heading ids as goldmark does ("How it feels" becomes
// "how-it-feels", a repeat "how-it-feels-1"), but in linear time: goldmark
// tries "-1", "-2"... from 1 for every repeat, so 20,000 headings of one
// text took minutes. Here each text remembers the last number it used.
//
// Ids the layouts use are taken from the start, so a heading "Main" is
// "main-1" and never a second element with the layout's id "main".
type headingIDs struct {
	used     map[string]bool
	next     map[string]int
	reserved map[string]bool
	fixed    []string // ids to give the headings, in order, before making any
}

// taking gives the headings the ids fixed, one for one, in order.
func (s *headingIDs) taking(fixed []string) *headingIDs {
	s.fixed = fixed
	return s
}

// sourceIDs are the ids of the headings of markdown body, in order, as
// its conversion gives them.
func sourceIDs(body []byte, reserved map[string]bool) []string {
	pc := parser.NewContext(parser.WithIDs(newHeadingIDs(reserved)))
	doc := headingParser.Parse(text.NewReader(body), parser.WithContext(pc))
	var ids []string
	ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if h, ok := n.(*ast.Heading); ok && entering {
			if id, ok := h.AttributeString("id"); ok {
				if b, ok := id.([]byte); ok {
					ids = append(ids, string(b))
				}
			}
			return ast.WalkSkipChildren, nil
		}
		return ast.WalkContinue, nil
	})
	return ids
}

// headingCount is how many headings markdown body has.
func headingCount(body []byte) int {
	return len(sourceIDs(body, nil))
}

// headingParser finds headings as the site's parser does (CommonMark's
// ATX and setext headings), with ids made for each.
var headingParser = parser.NewParser(parser.WithBlockParsers(parser.DefaultBlockParsers()...),
	parser.WithInlineParsers(parser.DefaultInlineParsers()...), parser.WithAutoHeadingID())

func newHeadingIDs(reserved map[string]bool) *headingIDs {
	return &headingIDs{used: map[string]bool{}, next: map[string]int{}, reserved: reserved}
}

// LayoutIDs finds the fixed ids (id="...") in the layout files.
func LayoutIDs(fsys fs.FS) (map[string]bool, error) {
	ids := map[string]bool{}
	for k := range builtinAnchors {
		ids[k] = true
	}
	names, err := fs.Glob(fsys, "*.html")
	if err != nil {
		return nil, err
	}
	for _, name := range names {
		b, err := fs.ReadFile(fsys, name)
		if err != nil {
			return nil, fmt.Errorf("layouts: %w", err)
		}
		for _, m := range idAttr.FindAllSubmatch(b, -1) {
			ids[string(m[1])] = true
		}
	}
	return ids, nil
}

var idAttr = regexp.MustCompile(`\bid="([A-Za-z][A-Za-z0-9_-]*)"`)

func (s *headingIDs) Generate(value []byte, kind ast.NodeKind) []byte {
	if kind == ast.KindHeading && len(s.fixed) > 0 {
		id := s.fixed[0]
		s.fixed = s.fixed[1:]
		s.used[id] = true
		return []byte(id)
	}
	value = util.TrimLeftSpace(value)
	value = util.TrimRightSpace(value)
	value = foldMarks(value) // "Posición" -> "posicion", not "posicin"
	result := []byte{}
	for i := 0; i < len(value); {
		v := value[i]
		l := util.UTF8Len(v)
		i += int(l)
		if l != 1 {
			continue
		}
		if util.IsAlphaNumeric(v) {
			if 'A' <= v && v <= 'Z' {
				v += 'a' - 'A'
			}
			result = append(result, v)
		} else if util.IsSpace(v) || v == '-' || v == '_' {
			result = append(result, '-')
		}
	}
	if len(result) == 0 {
		if kind == ast.KindHeading {
			result = []byte("heading")
		} else {
			result = []byte("id")
		}
	}
	base := string(result)
	if !s.used[base] && !s.reserved[base] {
		s.used[base] = true
		return result
	}
	for i := s.next[base] + 1; ; i++ {
		id := base + "-" + strconv.Itoa(i)
		if !s.used[id] && !s.reserved[id] {
			s.used[id] = true
			s.next[base] = i
			return []byte(id)
		}
	}
}

// foldMarks drops the accents of letters, keeping the letters: é is e,
// ñ is n.
func foldMarks(b []byte) []byte {
	for _, c := range b {
		if c >= 0x80 {
			var out []byte
			for _, r := range norm.NFD.String(string(b)) {
				if !unicode.Is(unicode.Mn, r) {
					out = utf8.AppendRune(out, r)
				}
			}
			return out
		}
	}
	return b
}

func (s *headingIDs) Put(value []byte) { s.used[string(value)] = true }
