package render

import (
	"html/template"
	"testing"

	"handbook/generator/handbook"
)

func TestFillDose(t *testing.T) {
	d := handbook.Dose{Sets: 2, Reps: "8-12", Hold: "3", Duration: "1.5-2", Frequency: "once a day"}
	cases := []struct{ in, want string }{
		{"Hold for about {hold} seconds.", "Hold for about 3 seconds."},
		{"Repeat {reps} times, {sets} sets.", "Repeat 8 to 12 times, 2 sets."},
		{"Carry on for {duration} minutes, {frequency}.", "Carry on for 1.5 to 2 minutes, once a day."},
		{"Rest {rest} seconds.", "Rest {rest} seconds."}, // not set: left for the check to report
		{"{unknown} and {} and {Hold}", "{unknown} and {} and {Hold}"},
		{"no braces", "no braces"},
	}
	for _, c := range cases {
		if got := fillDose(c.in, d); got != c.want {
			t.Errorf("fillDose(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	if got := fillDoseHTML(template.HTML("<li>{frequency}</li>"), handbook.Dose{Frequency: "<b>&"}); got != "<li>&lt;b&gt;&amp;</li>" {
		t.Errorf("fillDoseHTML does not escape: %q", got)
	}
	prog := withDefaults(handbook.Dose{Reps: "5"}, d)
	if got := fillDose("{reps} reps, hold {hold}", prog); got != "5 reps, hold 3" {
		t.Errorf("a programme's dose without a hold: %q", got)
	}
}
