package render

import (
	"os"
	"strings"
	"testing"

	"handbook/generator/convert"
	"handbook/generator/diag"

	"handbook/generator/handbook"
)

// The dose fills the steps in the handbook's words: a range is said as
// the language says it, and a programme's dose takes the exercise's hold.
func TestFillDose(t *testing.T) {
	var errs diag.List
	w := LoadStrings(os.DirFS("../../layouts"), "en", &errs)
	if w == nil || len(errs) > 0 {
		t.Fatalf("English strings: %v", errs)
	}
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
		if got := convert.FillDose(w, c.in, d); got != c.want {
			t.Errorf("fillDose(%q) = %q, want %q", c.in, got, c.want)
		}
	}
	es := LoadStrings(os.DirFS("../../layouts"), "es", &errs)
	if got := convert.FillDose(es, "Repita {reps} veces.", d); got != "Repita 8 a 12 veces." {
		t.Errorf("a range in Spanish: %q", got)
	}
	prog := withDefaults(handbook.Dose{Reps: "5"}, d)
	if got := convert.FillDose(w, "{reps} reps, hold {hold}", prog); got != "5 reps, hold 3" {
		t.Errorf("a programme's dose without a hold: %q", got)
	}
}

func TestFormatDose(t *testing.T) {
	var errs diag.List
	layouts := os.DirFS("../../layouts")
	d := handbook.Dose{Sets: 3, Reps: "1", Hold: "20-30", Duration: "1", Rest: 1, Frequency: "daily", EachSide: true}
	for _, c := range []struct{ lang, want string }{
		{"en", "Sets: 3; Repetitions: 1 each side; Hold: 20-30 seconds; Time: 1 minute; Rest between sets: 1 second; How often: daily"},
		{"es", "Series: 3; Repeticiones: 1 por cada lado; Mantener: 20-30 segundos; Tiempo: 1 minuto; Descanso entre series: 1 segundo; Con qué frecuencia: daily"},
	} {
		var got []string
		for _, r := range formatDose(LoadStrings(layouts, c.lang, &errs), d) {
			got = append(got, r.Label+": "+r.Value)
		}
		if s := strings.Join(got, "; "); s != c.want {
			t.Errorf("%s: got %q, want %q", c.lang, s, c.want)
		}
	}
	if len(errs) > 0 {
		t.Fatal(errs)
	}
}
