package render

import (
	"fmt"
	"strings"
	"testing"

	"handbook/generator/handbook"
)

func TestJournalPlaces(t *testing.T) {
	legs := &handbook.Flag{ID: "both-legs", JournalWhere: "Both legs"}
	fever := &handbook.Flag{ID: "fever", Journal: "A fever"}
	signs := map[string]*journalSign{"both-legs": {ID: "both-legs"}, "fever": {ID: "fever"}}
	cases := []struct {
		name   string
		config []string
		flags  []*handbook.Flag
		want   string
	}{
		{"none", nil, nil, ""},
		{"config only", []string{"Low back", "One leg"}, []*handbook.Flag{fever}, "Low back, One leg"},
		{"flag after config", []string{"Low back"}, []*handbook.Flag{fever, legs}, "Low back, Both legs=both-legs"},
		// a place handbook.yaml names too keeps its place and carries the sign
		{"flag named in config", []string{"both legs", "Buttock"}, []*handbook.Flag{legs}, "both legs=both-legs, Buttock"},
		{"flag only", nil, []*handbook.Flag{legs}, "Both legs=both-legs"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got []string
			for _, p := range journalPlaces(c.config, c.flags, signs) {
				s := p.Label
				if p.Sign != nil {
					s += "=" + p.Sign.ID
				}
				got = append(got, s)
			}
			if g := strings.Join(got, ", "); g != c.want {
				t.Errorf("got %q, want %q", g, c.want)
			}
		})
	}
}

// The scores 0 to 10 each fall in one band of the scale, in order.
func TestPainScores(t *testing.T) {
	var got []string
	for _, s := range painScores() {
		got = append(got, fmt.Sprintf("%d:%s", s.N, s.Class))
	}
	want := "0:ok 1:ok 2:ok 3:ok 4:watch 5:watch 6:stop 7:stop 8:stop 9:stop 10:stop"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("scores %s, want %s", g, want)
	}
}
