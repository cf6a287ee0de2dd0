package convert

import (
	"fmt"
	"html/template"
	"testing"

	"handbook/generator/handbook"
)

// words says a range as "a to b" and has no other words.
type words struct{}

func (words) T(key string, args ...any) string {
	if key == "dose.range" {
		return fmt.Sprintf("%v to %v", args...)
	}
	return key
}

func (words) Has(key string) bool { return key == "dose.range" }

// A dose's values go into HTML escaped, and a range in the words given.
func TestFillDoseHTML(t *testing.T) {
	if got := fillDoseHTML(words{}, template.HTML("<li>{frequency}</li>"), handbook.Dose{Frequency: "<b>&"}); got != "<li>&lt;b&gt;&amp;</li>" {
		t.Errorf("fillDoseHTML does not escape: %q", got)
	}
	if got := fillDoseHTML(words{}, template.HTML("<li>{reps} {hold}</li>"), handbook.Dose{Reps: "8-12"}); got != "<li>8 to 12 {hold}</li>" {
		t.Errorf("fillDoseHTML: %q", got)
	}
}
