package convert

import (
	"net/url"
	"strings"
	"testing"
)

// browserScheme is the scheme a browser would find in raw, following the
// URL standard: leading and trailing C0 controls and spaces are stripped,
// tabs and newlines anywhere are removed, and the scheme is a letter, then
// letters, digits, "+", "-" or ".", before the first ":".
func browserScheme(raw string) string {
	s := strings.TrimFunc(raw, func(r rune) bool { return r <= 0x20 })
	s = strings.NewReplacer("\t", "", "\n", "", "\r", "").Replace(s)
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return ""
	}
	for j, r := range s[:i] {
		ok := r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || j > 0 && (r >= '0' && r <= '9' || r == '+' || r == '-' || r == '.')
		if !ok {
			return ""
		}
	}
	return strings.ToLower(s[:i])
}

// accepted is the link check of resolve, for an address with a scheme.
func accepted(raw string) bool {
	u, err := url.Parse(raw)
	return err == nil && (u.Scheme == "" || allowedScheme(u.Scheme))
}

// FuzzURLPolicy: whatever address the policy lets through, a browser finds
// no scheme in it but http, https, mailto or tel (or none: a relative
// link, which the resolver then checks against the content folder).
func FuzzURLPolicy(f *testing.F) {
	for _, s := range []string{"javascript:alert(1)", "JaVaScRiPt:x", " javascript:x", "java\tscript:x",
		"\x00javascript:x", "vbscript:x", "data:text/html,x", "file:///etc/passwd", "https://example.org",
		"mailto:a@b.c", "tel:+1", "../exercises/plank.md", "#top", "//example.org/x", "javascript&#58;x", "ht tp:x"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		if !accepted(raw) {
			return
		}
		if sch := browserScheme(raw); sch != "" && !allowedSchemes[sch] {
			t.Fatalf("%q is accepted, but a browser reads its scheme as %q", raw, sch)
		}
	})
}
