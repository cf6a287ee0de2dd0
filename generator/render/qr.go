package render

import (
	"fmt"
	"html/template"
	"strings"

	"rsc.io/qr"
)

// qrSVG draws a QR code for url as an SVG, one path of unit squares, with
// the quiet zone the standard asks for. It is shown only in print, where it
// takes a reader of the paper to the page online.
func qrSVG(url, label string) (template.HTML, error) {
	code, err := qr.Encode(url, qr.M)
	if err != nil {
		return "", fmt.Errorf("QR code for %s: %w", url, err)
	}
	n := code.Size
	var path strings.Builder
	for y := 0; y < n; y++ {
		for x := 0; x < n; x++ {
			if code.Black(x, y) {
				fmt.Fprintf(&path, "M%d %dh1v1h-1z", x+4, y+4)
			}
		}
	}
	svg := fmt.Sprintf(`<svg class="qr" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 %d %d" role="img" aria-label="%s"><rect width="%d" height="%d" fill="#fff"/><path d="%s" fill="#000"/></svg>`,
		n+8, n+8, template.HTMLEscapeString(label), n+8, n+8, path.String())
	return template.HTML(svg), nil // built here from the code's modules; the label is escaped
}

// qrFor is the QR code of the online version of the page at path, or ""
// when no base URL is set.
func (r *builder) qrFor(path, title string) (template.HTML, error) {
	if r.base == "" {
		return "", nil
	}
	return qrSVG(r.base+path, r.words.T("qr.online", title))
}
