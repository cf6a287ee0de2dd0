// Package diag collects the errors found in content, each with the position
// it came from, so that a build reports every mistake in one run.
//
// An error prints as "file:line:col: message (hint)", the form editors and
// terminals turn into links. Lines and columns are 1-based; columns count
// bytes, as go/token does.
package diag

import (
	"fmt"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Pos is a place in a source file.
type Pos struct {
	File string
	Line int
	Col  int
}

func (p Pos) String() string {
	file := fileName(p.File)
	switch {
	case p.Line == 0:
		return file
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", file, p.Line)
	}
	return fmt.Sprintf("%s:%d:%d", file, p.Line, p.Col)
}

// fileName writes a file name so that a position stays one line that
// editors and tools can read: a name with a newline, another control
// character or invalid UTF-8 is quoted, Go-style.
func fileName(name string) string {
	if !utf8.ValidString(name) || strings.IndexFunc(name, func(r rune) bool { return r < 0x20 || r == 0x7f }) >= 0 {
		return strconv.Quote(name)
	}
	return name
}

// Before reports whether p sorts before q: by file, then line, then column.
func (p Pos) Before(q Pos) bool {
	if p.File != q.File {
		return p.File < q.File
	}
	if p.Line != q.Line {
		return p.Line < q.Line
	}
	return p.Col < q.Col
}

// Error is one mistake in content.
type Error struct {
	Pos  Pos
	Msg  string
	Hint string // optional: how to fix it
}

func (e *Error) Error() string {
	if e.Hint == "" {
		return e.Pos.String() + ": " + e.Msg
	}
	return e.Pos.String() + ": " + e.Msg + " (" + e.Hint + ")"
}

// Warning prints e as a warning: "file:line:col: warning: message (hint)",
// for what the build can do without but the author should know.
func (e *Error) Warning() string {
	s := e.Pos.String() + ": warning: " + e.Msg
	if e.Hint != "" {
		s += " (" + e.Hint + ")"
	}
	return s
}

// List is a list of errors. The zero value is ready to use.
type List []*Error

// Add appends an error without a hint.
func (l *List) Add(pos Pos, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)})
}

// AddHint appends an error with a hint.
func (l *List) AddHint(pos Pos, hint, format string, args ...any) {
	*l = append(*l, &Error{Pos: pos, Msg: fmt.Sprintf(format, args...), Hint: hint})
}

// Len reports how many errors the list holds.
func (l List) Len() int { return len(l) }

// Sort orders the list by position, then message, and drops exact repeats.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		if s[i].Pos != s[j].Pos {
			return s[i].Pos.Before(s[j].Pos)
		}
		return s[i].Msg < s[j].Msg
	})
	out := s[:0]
	for i, e := range s {
		if i > 0 && *e == *s[i-1] {
			continue
		}
		out = append(out, e)
	}
	*l = out
}

// Err returns the sorted list as an error, or nil if it is empty.
func (l List) Err() error {
	if len(l) == 0 {
		return nil
	}
	c := append(List(nil), l...)
	c.Sort()
	// the same mistake found twice (by the source's stage and again by a
	// translation's, which shares its front matter) is said once
	out := c[:1]
	for _, e := range c[1:] {
		if last := out[len(out)-1]; *e != *last {
			out = append(out, e)
		}
	}
	return out
}

func (l List) Error() string {
	var b strings.Builder
	for i, e := range l {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(e.Error())
	}
	return b.String()
}
