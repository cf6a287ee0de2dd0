package schema

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"handbook/generator/diag"
)

// yaml.v3 says little that helps someone writing front matter: it gives
// the line on which the token it was reading began, which can be a line
// before the mistake or the end of the file, never a column, and a key
// indented too far reads to it as a colon inside a value. So when yaml.v3
// fails, yamlMistakes reads the text itself, one line at a time, for the
// mistakes people make, and the error is placed at the first of those that
// can cause what yaml.v3 reported. Anything else keeps yaml.v3's line.

// A mistake is one kind of YAML syntax error that the scan recognises.
type mistake int

const (
	tabIndent       mistake = iota // a tab in the indentation
	reservedStart                  // a plain value starting with @ or `
	badIndent                      // a key or item indented unlike its siblings
	colonInValue                   // ": " inside an unquoted value
	missingColon                   // a line with no colon where a key belongs
	misplacedItem                  // a list item among keys
	textAfterQuote                 // more text after a quoted value
	unclosedQuote                  // a quote that runs past its value
	unclosedBracket                // a [ or { never closed
	numMistakes
)

// causes lists the mistakes that can make yaml.v3 report each problem.
var causes = []struct {
	problem  string
	mistakes []mistake
}{
	{"tab character", []mistake{tabIndent}},
	{"cannot start any token", []mistake{tabIndent, reservedStart}},
	{"mapping values are not allowed", []mistake{badIndent, colonInValue, missingColon, misplacedItem, unclosedQuote}},
	{"did not find expected key", []mistake{badIndent, missingColon, misplacedItem, textAfterQuote, unclosedQuote}},
	{"did not find expected '-'", []mistake{badIndent, missingColon, misplacedItem, textAfterQuote, unclosedQuote}},
	{"could not find expected ':'", []mistake{missingColon, badIndent, unclosedQuote}},
	{"found unexpected end of stream", []mistake{unclosedQuote}},
	{"did not find expected ',' or", []mistake{unclosedBracket, unclosedQuote}},
}

var yamlLine = regexp.MustCompile(`^yaml: line (\d+): (.*)$`)

// yamlError reports err, yaml.v3's reason for rejecting text.
func (d *decoder) yamlError(text []byte, err error) {
	msg := strings.TrimSpace(err.Error())
	line := 1
	if m := yamlLine.FindStringSubmatch(msg); m != nil {
		line, _ = strconv.Atoi(m[1])
		msg = m[2]
	} else {
		msg = strings.TrimPrefix(msg, "yaml: ")
	}
	if s, ok := yamlMistake(text, msg); ok {
		d.errs.AddHint(diag.Pos{File: d.file, Line: d.line0 + s.line, Col: s.col}, s.hint(d.line0), "invalid YAML: %s", msg)
		return
	}
	// yaml.v3's line may be the one before; every error has a column.
	d.errs.AddHint(diag.Pos{File: d.file, Line: d.line0 + line, Col: 1}, fallbackHint(msg), "invalid YAML: %s", msg)
}

// yamlMistake finds in text the first mistake that can cause problem.
func yamlMistake(text []byte, problem string) (spot, bool) {
	spots := yamlMistakes(text)
	var best spot
	for _, c := range causes {
		if !strings.Contains(problem, c.problem) {
			continue
		}
		for _, m := range c.mistakes {
			if s := spots[m]; s.line > 0 && (best.line == 0 || s.before(best)) {
				best = s
			}
		}
		break
	}
	return best, best.line > 0
}

func fallbackHint(msg string) string {
	switch {
	case strings.Contains(msg, "tab character"):
		return "indent with spaces, not tabs"
	case strings.Contains(msg, "did not find expected key"), strings.Contains(msg, "did not find expected '-'"):
		return "check the indentation of this line and the ones around it"
	case strings.Contains(msg, "found unexpected end of stream"), strings.Contains(msg, "did not find expected ',' or"):
		return "close the quote or bracket that was opened"
	}
	return "check the YAML syntax"
}

// A spot is where a mistake was found: 1-based line and byte column in
// the text scanned. For quotes and brackets it is the opening character.
type spot struct {
	kind      mistake
	line, col int // line 0: not found
	open      byte
}

func (s spot) before(t spot) bool {
	return s.line < t.line || s.line == t.line && s.col < t.col
}

// hint says how to fix the mistake; line0 turns lines of the text into
// lines of the file.
func (s spot) hint(line0 int) string {
	switch s.kind {
	case tabIndent:
		return "indent with spaces, not tabs"
	case reservedStart:
		return "quote a value that starts with @ or `"
	case badIndent:
		switch s.open {
		case '-':
			return "indent this item like the items above it"
		case ':':
			return "indent this key like the keys above it"
		}
		return "indent this line like the lines above it"
	case misplacedItem:
		return "put a list under a key that has nothing after its colon"
	case colonInValue:
		return "quote a value that contains a colon"
	case missingColon:
		return "write key: value, with a colon after the key"
	case textAfterQuote:
		return "put the whole value inside the quotes"
	case unclosedQuote:
		return fmt.Sprintf("close the quote opened on line %d", line0+s.line)
	}
	return fmt.Sprintf("close the %c opened on line %d with %c", s.open, line0+s.line, closing(s.open))
}

func closing(open byte) byte {
	if open == '{' {
		return '}'
	}
	return ']'
}
