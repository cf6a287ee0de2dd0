package schema

import "bytes"

// yamlScan follows the block structure of YAML text line by line, as far
// as needed to find the mistakes in mistake. It reads each byte a bounded
// number of times, so any text is scanned in linear time.
type yamlScan struct {
	spots   [numMistakes]spot
	n       int     // the line being read, 1-based
	levels  []level // the open mappings and lists, innermost last
	started bool    // a line with content has been read
	opens   bool    // the last line ends with "key:" or "-": a nested block may follow
	block   int     // the column of the key above a block scalar's text, or -1
	bindent int     // the indentation of a block scalar's text, 0 until known
	quote   spot    // an open quoted value (open is the quote); line 0: none
	qindent int     // the column of the key whose value the open quote is
	flow    []spot  // the open [ and {
	findent int     // the column of the key whose value the open brackets are
}

// A level is a block mapping (kind ':') or list (kind '-') and its column.
// A list may share the column of the key it belongs to.
type level struct {
	col  int
	kind byte
}

// yamlMistakes returns, for each kind of mistake, the first place in text
// where it occurs.
func yamlMistakes(text []byte) [numMistakes]spot {
	s := &yamlScan{block: -1}
	for len(text) > 0 {
		line, rest, _ := bytes.Cut(text, []byte("\n"))
		s.n++
		s.line(bytes.TrimSuffix(line, []byte("\r")))
		text = rest
	}
	if s.quote.line > 0 {
		s.mark(s.quote)
	}
	if n := len(s.flow); n > 0 {
		s.mark(s.flow[n-1])
	}
	return s.spots
}

// mark records a mistake unless one of its kind was found before. Like
// yaml.v3, it keeps the first found: a [ closed by } is found before the
// end of the text shows the [ around it open.
func (s *yamlScan) mark(m spot) {
	if s.spots[m.kind].line == 0 {
		s.spots[m.kind] = m
	}
}

func (s *yamlScan) at(kind mistake, i int, open byte) spot {
	return spot{kind: kind, line: s.n, col: i + 1, open: open}
}

func (s *yamlScan) line(b []byte) {
	ws := skipSpace(b, 0)
	switch {
	case s.quote.line > 0:
		if ws <= s.qindent && nameBefore(b, ws) >= 0 {
			s.mark(s.quote) // the next key is inside the quote
		}
		s.inside(b, 0)
		return
	case len(s.flow) > 0:
		s.inside(b, 0)
		return
	case s.block >= 0 && s.blockText(b, ws):
		return
	}
	s.block = -1
	if t := bytes.IndexByte(b[:ws], '\t'); t >= 0 {
		s.mark(s.at(tabIndent, t, 0))
	}
	if ws < len(b) && b[ws] != '#' {
		s.content(b, ws)
	}
}

// blockText reports whether b is a line of the open block scalar, whose
// lines are all indented as its first.
func (s *yamlScan) blockText(b []byte, ws int) bool {
	sp := spaces(b)
	switch {
	case ws == len(b):
		return true
	case sp <= s.block:
		return false
	case s.bindent == 0:
		s.bindent = sp
	case sp < s.bindent:
		s.mark(s.at(badIndent, sp, 0))
	}
	return true
}

// content reads a line whose text starts at column i.
func (s *yamlScan) content(b []byte, i int) {
	popped := s.pop(i, isItem(b, i))
	opened := s.opens
	s.opens = false
	top := -1
	if n := len(s.levels); n > 0 {
		top = s.levels[n-1].col
	}
	switch {
	case !s.started:
		s.started = true
	case top < 0, top < i && popped: // left of every level, or between two
		s.mark(s.at(badIndent, i, lineKind(b, i)))
		return
	case top < i && !opened:
		s.continuation(b, i)
		return
	}
	s.node(b, i, opened && top < i, opened)
}

// pop closes the levels to the right of column i, and a list that shares
// its key's column when a key follows it. It reports whether it closed any.
func (s *yamlScan) pop(i int, item bool) bool {
	n := len(s.levels)
	for n > 0 && s.levels[n-1].col > i {
		n--
	}
	if !item && n > 1 && s.levels[n-1] == (level{i, '-'}) && s.levels[n-2].col == i {
		n--
	}
	popped := n < len(s.levels)
	s.levels = s.levels[:n]
	return popped
}

// continuation reads a line indented deeper than its block without a
// line that opens one: it can only be more words of a plain value.
func (s *yamlScan) continuation(b []byte, i int) {
	k := colonAt(b, i)
	if k < 0 {
		return
	}
	j, item := i, isItem(b, i)
	if item {
		j = skipSpace(b, i+1)
	}
	switch {
	case item && s.levels[len(s.levels)-1].kind == ':':
		s.mark(s.at(misplacedItem, i, 0))
		return
	case isName(b[j:k]):
		s.mark(s.at(badIndent, i, lineKind(b, i)))
		return
	}
	s.mark(s.at(colonInValue, k, 0))
}

// node reads the block node at column i, the first on its line. nested
// says the line is the first of a block opened by the line above, where
// a bare value is the value of the key above; opened that the line above
// opened a block, where a list may start at the key's column.
func (s *yamlScan) node(b []byte, i int, nested, opened bool) {
	parent := i
	for isItem(b, i) { // "- - x" nests items on one line
		if !s.push(level{i, '-'}, opened) {
			s.mark(s.at(misplacedItem, i, 0))
			return
		}
		parent, i, nested, opened = i, skipSpace(b, i+1), true, false
		if i == len(b) || b[i] == '#' {
			s.opens = true
			return
		}
	}
	if k := keyEnd(b, i); k >= 0 {
		s.push(level{i, ':'}, false)
		s.value(b, skipSpace(b, k+1), i)
		return
	}
	if !nested && b[i] != '[' && b[i] != '{' {
		s.mark(s.at(missingColon, i, 0))
	}
	s.value(b, i, parent)
}

// push opens the level l unless it is the innermost already. It reports
// false for an item among keys, allowed only right under a "key:" line.
func (s *yamlScan) push(l level, opened bool) bool {
	n := len(s.levels)
	switch {
	case n == 0 || s.levels[n-1].col < l.col || s.levels[n-1].kind != l.kind && l.kind == '-' && opened:
		s.levels = append(s.levels, l)
	case s.levels[n-1].kind != l.kind && l.kind == '-':
		return false
	}
	return true
}

// lineKind returns '-' for an item, ':' for a key and 0 for other text.
func lineKind(b []byte, i int) byte {
	switch {
	case isItem(b, i):
		return '-'
	case nameBefore(b, i) >= 0:
		return ':'
	}
	return 0
}

// value reads the value starting at column j of the key or item at
// column key.
func (s *yamlScan) value(b []byte, j, key int) {
	for j < len(b) && (b[j] == '&' || b[j] == '!') { // an anchor or a tag
		for j < len(b) && b[j] != ' ' && b[j] != '\t' {
			j++
		}
		j = skipSpace(b, j)
	}
	if j == len(b) || b[j] == '#' {
		s.opens = true
		return
	}
	switch c := b[j]; c {
	case '|', '>':
		s.block, s.bindent = key, 0
	case '"', '\'':
		s.quote, s.qindent = s.at(unclosedQuote, j, c), key
		s.inside(b, j+1)
	case '[', '{':
		s.flow, s.findent = append(s.flow, s.at(unclosedBracket, j, c)), key
		s.inside(b, j+1)
	case '@', '`':
		s.mark(s.at(reservedStart, j, 0))
	default:
		if k := colonAt(b, j); k >= 0 {
			s.mark(s.at(colonInValue, k, 0))
		}
	}
}

// inside reads b from column j inside quotes and brackets, which may run
// over several lines.
func (s *yamlScan) inside(b []byte, j int) {
	var prev byte // the last character outside spaces, 0 at the line start
	for j < len(b) {
		if s.quote.line > 0 {
			end := quoteEnd(b, j, s.quote.open)
			if end < 0 {
				return
			}
			s.quote, j = spot{}, end
			if len(s.flow) == 0 {
				s.afterQuote(b, j)
				return
			}
			prev = '"'
			continue
		}
		if len(s.flow) == 0 {
			return
		}
		switch c := b[j]; {
		case c == '#' && (j == 0 || b[j-1] == ' ' || b[j-1] == '\t'):
			return
		case c == '[' || c == '{':
			s.flow = append(s.flow, s.at(unclosedBracket, j, c))
		case c == ']' || c == '}':
			s.closeFlow(c)
		case (c == '"' || c == '\'') && (prev == 0 || bytes.IndexByte([]byte("[{,:"), prev) >= 0):
			s.quote, s.qindent = s.at(unclosedQuote, j, c), s.findent
		}
		if b[j] != ' ' && b[j] != '\t' {
			prev = b[j]
		}
		j++
	}
}

// quoteEnd reads a value quoted with q from column j and returns the
// column after its closing quote, or -1 if it goes on to the next line.
func quoteEnd(b []byte, j int, q byte) int {
	for ; j < len(b); j++ {
		switch {
		case q == '"' && b[j] == '\\':
			j++
		case b[j] == q && q == '\'' && j+1 < len(b) && b[j+1] == '\'':
			j++
		case b[j] == q:
			return j + 1
		}
	}
	return -1
}

func (s *yamlScan) closeFlow(c byte) {
	n := len(s.flow)
	if n == 0 {
		return // a plain value may hold ] or }
	}
	if closing(s.flow[n-1].open) != c {
		s.mark(s.flow[n-1])
	}
	s.flow = s.flow[:n-1]
}

// afterQuote reads what follows a quoted value in a block: only a comment.
func (s *yamlScan) afterQuote(b []byte, j int) {
	j = skipSpace(b, j)
	if j < len(b) && b[j] != '#' && b[j] != ':' {
		s.mark(s.at(textAfterQuote, j, 0))
	}
}

// keyEnd returns the column of the colon that ends the key starting at
// column i, or -1 if the line holds no key there.
func keyEnd(b []byte, i int) int {
	switch b[i] {
	case '[', '{', '|', '>':
		return -1
	case '"', '\'':
		end := quoteEnd(b, i+1, b[i])
		if end < 0 {
			return -1
		}
		j := skipSpace(b, end)
		if j < len(b) && b[j] == ':' && (j+1 == len(b) || b[j+1] == ' ' || b[j+1] == '\t') {
			return j
		}
		return -1
	}
	return colonAt(b, i)
}

// colonAt returns the column of the first colon from column i that ends
// a plain value (one followed by a space or the end of the line), or -1.
// A comment ends the search.
func colonAt(b []byte, i int) int {
	for j := i; j < len(b); j++ {
		switch {
		case b[j] == '#' && j > 0 && (b[j-1] == ' ' || b[j-1] == '\t'):
			return -1
		case b[j] == ':' && (j+1 == len(b) || b[j+1] == ' ' || b[j+1] == '\t'):
			return j
		}
	}
	return -1
}

// nameBefore returns the column of the colon after a key such as "title"
// at column i, or -1.
func nameBefore(b []byte, i int) int {
	if k := colonAt(b, i); k >= 0 && isName(b[i:k]) {
		return k
	}
	return -1
}

// isName reports whether b looks like a handbook key: letters, digits, - and _.
func isName(b []byte) bool {
	for _, c := range b {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_') {
			return false
		}
	}
	return len(b) > 0
}

func isItem(b []byte, i int) bool {
	return i < len(b) && b[i] == '-' && (i+1 == len(b) || b[i+1] == ' ' || b[i+1] == '\t')
}

func skipSpace(b []byte, i int) int {
	for i < len(b) && (b[i] == ' ' || b[i] == '\t') {
		i++
	}
	return i
}

func spaces(b []byte) int {
	i := 0
	for i < len(b) && b[i] == ' ' {
		i++
	}
	return i
}
