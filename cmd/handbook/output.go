package main

import (
	"bytes"
	"flag"
	"fmt"
	"io"
	"os"
	"regexp"
	"strings"

	"handbook/generator/diag"
)

// What the commands print follows the conventions of the field: problems
// go to stderr, one per line, with their position in colour on a
// terminal; everything else goes to stdout, and -quiet (-q) drops it.

// quietFlag adds -quiet and its short form -q to f.
func quietFlag(f *flag.FlagSet) *bool {
	quiet := f.Bool("quiet", false, "print only problems: errors and warnings")
	f.BoolVar(quiet, "q", false, "short for -quiet")
	return quiet
}

// useColour reports whether to colour positions in what is written to w: on
// a terminal, unless NO_COLOR is set (https://no-color.org) or TERM is
// dumb; FORCE_COLOR or CLICOLOR_FORCE colour any output, a pipe included.
func useColour(w io.Writer) bool {
	if os.Getenv("NO_COLOR") != "" {
		return false
	}
	if forced("FORCE_COLOR") || forced("CLICOLOR_FORCE") {
		return true
	}
	f, ok := w.(*os.File)
	if !ok || os.Getenv("TERM") == "dumb" {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

func forced(name string) bool {
	v := os.Getenv(name)
	return v != "" && v != "0" && v != "false"
}

// Bold cyan, then back to normal: readable on light and dark terminals.
const posStart, posEnd = "\x1b[1;36m", "\x1b[0m"

// printProblem prints e on its own line, as an error or a warning.
func printProblem(w io.Writer, e *diag.Error, warning, colour bool) {
	line := e.Error()
	if warning {
		line = e.Warning()
	}
	if pos := e.Pos.String(); colour && strings.HasPrefix(line, pos) {
		line = posStart + pos + posEnd + line[len(pos):]
	}
	fmt.Fprintln(w, line)
}

// position matches the position that starts a problem line as diag
// prints it: a file name (quoted if it holds odd characters), a line and
// maybe a column.
var position = regexp.MustCompile(`(?m)^("(?:[^"\\\n]|\\.)*"|[^"\s:][^:\n]*):\d+(?::\d+)?: `)

// serveLog is what serve's server logs to. The server logs each event in
// one write: a rebuild, a list of problems, warnings. Quiet drops the
// rebuilds, which are the only events that are not problems.
type serveLog struct {
	w             io.Writer
	quiet, colour bool
}

func (l serveLog) Write(p []byte) (int, error) {
	if l.quiet && bytes.Contains(p, []byte(": rebuilt in ")) {
		return len(p), nil
	}
	out := p
	if l.colour {
		out = position.ReplaceAllFunc(p, func(pos []byte) []byte {
			return []byte(posStart + string(pos[:len(pos)-2]) + posEnd + ": ")
		})
	}
	if _, err := l.w.Write(out); err != nil {
		return 0, err
	}
	return len(p), nil
}
