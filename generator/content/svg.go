package content

import (
	"bytes"
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// An SVG is copied into the site only if it parses as XML made of
// nothing but drawing: the elements and attributes below, in the SVG
// namespace (xlink for href), with no DOCTYPE or entity declarations
// (so nothing can expand into markup), no event attributes, no links to
// other documents or addresses, and no scripts, styles or foreign
// objects. A regular expression cannot see through entities or odd
// spellings; a parser does.

const (
	svgNS   = "http://www.w3.org/2000/svg"
	xlinkNS = "http://www.w3.org/1999/xlink"
	xmlNS   = "http://www.w3.org/XML/1998/namespace"
)

var svgElements = set(`svg g defs symbol use title desc path rect circle ellipse line polyline
	polygon text tspan textPath linearGradient radialGradient stop clipPath mask pattern marker
	filter feBlend feColorMatrix feComponentTransfer feComposite feDropShadow feFlood feFuncA feFuncB
	feFuncG feFuncR feGaussianBlur feMerge feMergeNode feMorphology feOffset`)

var svgAttributes = set(`id class style transform viewBox width height x y x1 y1 x2 y2 cx cy r rx ry
	d points pathLength preserveAspectRatio version baseProfile fill fill-opacity fill-rule stroke
	stroke-width stroke-opacity stroke-linecap stroke-linejoin stroke-miterlimit stroke-dasharray
	stroke-dashoffset opacity color display visibility overflow clip-path clip-rule mask filter
	font-family font-size font-style font-weight font-variant letter-spacing word-spacing
	text-anchor dominant-baseline alignment-baseline baseline-shift text-decoration writing-mode
	direction dx dy rotate lengthAdjust textLength startOffset method spacing side
	offset stop-color stop-opacity gradientUnits gradientTransform spreadMethod fx fy fr
	patternUnits patternContentUnits patternTransform clipPathUnits maskUnits maskContentUnits
	markerWidth markerHeight markerUnits orient refX refY marker-start marker-mid marker-end
	filterUnits primitiveUnits in in2 result mode type values operator k1 k2 k3 k4 stdDeviation
	edgeMode radius flood-color flood-opacity tableValues slope intercept amplitude exponent
	color-interpolation color-interpolation-filters shape-rendering text-rendering
	image-rendering vector-effect paint-order mix-blend-mode isolation role aria-label
	aria-labelledby aria-describedby aria-hidden focusable tabindex lang href`)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// svgError is a refused SVG: where, and why.
type svgError struct {
	Line, Col int
	Why       string
}

func (e *svgError) Error() string { return e.Why }

// svgSafe parses b and returns nil if it is a drawing and nothing more.
func svgSafe(b []byte) *svgError {
	d := xml.NewDecoder(bytes.NewReader(b))
	d.Strict = true
	d.Entity = nil // only the five predefined entities
	root := true
	for {
		line, col := d.InputPos() // where the next token starts
		tok, err := d.Token()
		refuse := func(format string, args ...any) *svgError {
			return &svgError{Line: line, Col: col, Why: fmt.Sprintf(format, args...)}
		}
		if errors.Is(err, io.EOF) {
			if root {
				return refuse("it has no <svg> element")
			}
			return nil
		}
		if err != nil {
			var se *xml.SyntaxError
			if errors.As(err, &se) {
				return &svgError{Line: se.Line, Col: 1, Why: "it is not well-formed XML: " + se.Msg}
			}
			return refuse("it is not well-formed XML: %v", err)
		}
		switch t := tok.(type) {
		case xml.Directive:
			return refuse("it has a DOCTYPE or entity declaration, which can smuggle markup in")
		case xml.ProcInst:
			if t.Target != "xml" {
				return refuse("it has a processing instruction <?%s?>", t.Target)
			}
		case xml.StartElement:
			if root && t.Name.Local != "svg" {
				return refuse("its root element is <%s>, not <svg>", t.Name.Local)
			}
			root = false
			if (t.Name.Space != svgNS && t.Name.Space != "") || !svgElements[t.Name.Local] {
				return refuse("it has a <%s> element, which is not plain drawing (scripts, styles, links, images and foreign content are refused)", t.Name.Local)
			}
			for _, a := range t.Attr {
				if why := svgAttrRefusal(a); why != "" {
					return refuse("<%s %s=...>: %s", t.Name.Local, a.Name.Local, why)
				}
			}
		}
	}
}

func svgAttrRefusal(a xml.Attr) string {
	name, value := a.Name.Local, strings.ToLower(a.Value)
	switch {
	case a.Name.Space == "xmlns" || (a.Name.Space == "" && name == "xmlns"):
		return "" // a namespace declaration; elements outside SVG are refused
	case a.Name.Space == xmlNS && (name == "space" || name == "lang"):
		return ""
	case strings.HasPrefix(strings.ToLower(name), "on"):
		return "an event attribute runs script"
	case name == "href" && (a.Name.Space == "" || a.Name.Space == xlinkNS):
		if !strings.HasPrefix(strings.TrimSpace(a.Value), "#") {
			return "only links within the picture (#id) are allowed"
		}
		return ""
	case a.Name.Space != "":
		return "attributes of other namespaces are refused (save it as plain SVG)"
	case !svgAttributes[name]:
		return "an attribute that is not plain drawing"
	}
	// values may point only within the picture: url(#id)
	for rest := value; ; {
		i := strings.Index(rest, "url(")
		if i < 0 {
			break
		}
		rest = strings.TrimLeft(rest[i+4:], " \t\n\r'\"")
		if !strings.HasPrefix(rest, "#") {
			return "url() may point only within the picture (#id)"
		}
	}
	if strings.Contains(value, "expression(") || strings.Contains(value, "javascript:") || strings.Contains(value, "@import") {
		return "the value holds code"
	}
	return ""
}
