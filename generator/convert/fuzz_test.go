package convert

import (
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzSpacer checks that a spacer makes of text, written in pieces of any
// size that split no character (each piece as a string, as bytes or a
// byte at a time), what strings.Fields and Join make of it whole.
func FuzzSpacer(f *testing.F) {
	for _, s := range []string{"", " ", "a", "  two  words ", "tab\tand\nline\r\n", "no\u00a0break\u0085next\u2003em",
		"ünï cödé  ", "\xff\xfe bad", "a\u3000b", "x \xe2\x80"} {
		f.Add(s, uint8(3))
	}
	f.Fuzz(func(t *testing.T, text string, cut uint8) {
		want := strings.Join(strings.Fields(text), " ")
		var s spacer
		n := int(cut%7) + 1
		for i, piece := 0, 0; i < len(text); piece++ {
			end := min(i+n, len(text))
			for end < len(text) && !utf8.RuneStart(text[end]) {
				end++
			}
			switch piece % 3 {
			case 0:
				s.WriteString(text[i:end])
			case 1:
				s.Write([]byte(text[i:end]))
			default:
				for j := i; j < end; {
					_, size := utf8.DecodeRuneInString(text[j:end])
					if text[j] < utf8.RuneSelf {
						s.WriteByte(text[j])
					} else {
						s.WriteString(text[j : j+size])
					}
					j += size
				}
			}
			i = end
		}
		if got := s.String(); got != want {
			t.Errorf("spacer(%q in pieces of %d) = %q, want %q", text, n, got, want)
		}
	})
}
