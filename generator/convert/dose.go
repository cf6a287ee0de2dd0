package convert

import (
	"bytes"
	"fmt"
	"html/template"
	"regexp"
	"strconv"
	"strings"

	"handbook/generator/handbook"
)

// An exercise's text may name a part of its dose in braces, "Hold for
// about {hold} seconds", so that what the steps say and what the dose says
// are one value: the page shows the exercise's dose, a programme its own,
// and the handout builder the clinician's (assets/handout.js fills the
// steps it is given the same way).

// doseFields are the parts of a dose that a placeholder may name.
var doseFields = []string{"sets", "reps", "hold", "rest", "duration", "frequency"}

// placeholder matches {name}: a word of lower-case letters in braces.
var placeholder = regexp.MustCompile(`\{([a-z]+)\}`)

// doseValue is the part name of d as the text says it in the words w
// ("8 to 12" for "8-12"), and whether d has it.
func doseValue(w Words, d handbook.Dose, name string) (string, bool) {
	v, ok := doseRaw(d, name)
	if a, b, cut := strings.Cut(v, "-"); ok && cut && isNumber(a) && isNumber(b) {
		v = w.T("dose.range", a, b)
	}
	return v, ok
}

// doseRaw is the part name of d as the dose holds it ("8-12"), and
// whether d has it.
func doseRaw(d handbook.Dose, name string) (string, bool) {
	var v string
	switch name {
	case "sets":
		if d.Sets > 0 {
			v = strconv.Itoa(d.Sets)
		}
	case "reps":
		v = d.Reps
	case "hold":
		v = d.Hold
	case "rest":
		if d.Rest > 0 {
			v = strconv.Itoa(d.Rest)
		}
	case "duration":
		v = d.Duration
	case "frequency":
		v = d.Frequency
	}
	if v == "" {
		return "", false
	}
	return v, true
}

func isNumber(s string) bool {
	_, err := strconv.ParseFloat(strings.TrimSpace(s), 64)
	return err == nil
}

// FillDose puts d's values in place of the placeholders of s, in the
// words w.
func FillDose(w Words, s string, d handbook.Dose) string {
	if !strings.Contains(s, "{") {
		return s
	}
	return placeholder.ReplaceAllStringFunc(s, func(m string) string {
		if v, ok := doseValue(w, d, m[1:len(m)-1]); ok {
			return v
		}
		return m
	})
}

// fillDoseHTML is fillDose for HTML: the values are escaped.
func fillDoseHTML(w Words, h template.HTML, d handbook.Dose) template.HTML {
	if !strings.Contains(string(h), "{") {
		return h
	}
	return template.HTML(placeholder.ReplaceAllStringFunc(string(h), func(m string) string {
		if v, ok := doseValue(w, d, m[1:len(m)-1]); ok {
			return template.HTMLEscapeString(v)
		}
		return m
	}))
}

// checkPlaceholders reports, in the body of a page, each placeholder that
// names no part of a dose, or a part that the exercise's dose (nil for a
// page that is not an exercise) does not set.
func checkPlaceholders(st *parsing, body []byte, dose *handbook.Dose) {
	if !bytes.Contains(body, []byte("{")) {
		return
	}
	for _, m := range placeholder.FindAllSubmatchIndex(body, -1) {
		name := string(body[m[2]:m[3]])
		known := false
		for _, f := range doseFields {
			known = known || f == name
		}
		pos := st.position(m[0])
		switch {
		case dose == nil:
			if known {
				st.errs.AddHint(pos, "only an exercise has a dose; write the number", "dose placeholder {%s} on a page that is not an exercise", name)
			}
		case !known:
			st.errs.AddHint(pos, fmt.Sprintf("a placeholder names a part of the dose: {%s}", strings.Join(doseFields, "}, {")),
				"unknown dose placeholder {%s}", name)
		default:
			if _, ok := doseRaw(*dose, name); !ok {
				st.errs.AddHint(pos, fmt.Sprintf("add %s: to the exercise's dose, or write the number", name),
					"{%s} but the exercise's dose has no %s", name, name)
			}
		}
	}
}

// doseKey says a dose's values, for the key of a converted page (the
// words they are said in are in the resolver's surroundings).
func doseKey(d *handbook.Dose) string {
	if d == nil {
		return ""
	}
	var b strings.Builder
	for _, f := range doseFields {
		v, _ := doseRaw(*d, f)
		b.WriteString(v)
		b.WriteByte(0)
	}
	return b.String()
}
