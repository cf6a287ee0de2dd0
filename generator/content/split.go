package content

import (
	"bytes"
	"unicode/utf8"

	"handbook/generator/diag"
)

// normalize strips a byte-order mark and turns CRLF and lone CR line endings
// into LF, so that every later stage sees one kind of text and line numbers
// match what an editor shows.
func normalize(b []byte) []byte {
	b = bytes.TrimPrefix(b, []byte("\ufeff"))
	if bytes.IndexByte(b, '\r') < 0 {
		return b
	}
	out := make([]byte, 0, len(b))
	for i := 0; i < len(b); i++ {
		if b[i] == '\r' {
			out = append(out, '\n')
			if i+1 < len(b) && b[i+1] == '\n' {
				i++
			}
			continue
		}
		out = append(out, b[i])
	}
	return out
}

// checkText reports the first invalid UTF-8 sequence or NUL byte in b.
func checkText(path string, b []byte, errs *diag.List) bool {
	if utf8.Valid(b) && bytes.IndexByte(b, 0) < 0 {
		return true // the usual case, checked many bytes at a time
	}
	line, col := 1, 1
	for i := 0; i < len(b); {
		r, size := utf8.DecodeRune(b[i:])
		switch {
		case r == utf8.RuneError && size == 1:
			errs.AddHint(diag.Pos{File: path, Line: line, Col: col}, "save the file as UTF-8",
				"invalid UTF-8 byte 0x%02x", b[i])
			return false
		case r == 0:
			errs.AddHint(diag.Pos{File: path, Line: line, Col: col}, "remove it; it is often left by a copy from a binary file",
				"NUL byte in text")
			return false
		case r == '\n':
			line, col = line+1, 1
		default:
			col += size
		}
		i += size
	}
	return true
}

// split separates YAML front matter from the markdown body. The front matter
// must open the file with a line "---" and end with a line "---". The body
// keeps the front matter's lines as blank lines, so positions in the body
// are positions in the file. The body is b's bytes, part of them
// overwritten: the caller must not read b after.
func split(path string, b []byte, errs *diag.List) (front, body []byte, ok bool) {
	start := diag.Pos{File: path, Line: 1, Col: 1}
	if len(bytes.TrimSpace(b)) == 0 {
		errs.AddHint(start, "a page starts with front matter between two lines of ---", "empty file")
		return nil, nil, false
	}
	first, rest, _ := bytes.Cut(b, []byte("\n"))
	if !isFence(first) {
		errs.AddHint(start, "start the file with a line ---, then the front matter, then another ---",
			"missing front matter")
		return nil, nil, false
	}
	off := len(first) + 1
	for len(rest) > 0 {
		line, next, found := bytes.Cut(rest, []byte("\n"))
		if isFence(line) || (len(bytes.TrimRight(line, " \t")) == 3 && bytes.HasPrefix(line, []byte("..."))) {
			front = bytes.Clone(b[len(first)+1 : off]) // a copy: its bytes are overwritten
			end := off + len(line)
			if found {
				end++
			}
			// the body is the file's own bytes, not a copy: its end, after
			// as many newlines as the front matter has lines, written over
			// the front matter's last bytes
			body = b[end-bytes.Count(b[:end], []byte("\n")):]
			for i := range body[:len(body)-(len(b)-end)] {
				body[i] = '\n'
			}
			return front, body, true
		}
		off += len(line) + 1
		rest = next
	}
	errs.AddHint(start, "end the front matter with a line --- before the text of the page",
		"front matter is not closed")
	return nil, nil, false
}

func isFence(line []byte) bool {
	return string(bytes.TrimRight(line, " \t")) == "---"
}
