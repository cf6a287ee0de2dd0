package convert

import "testing"

func TestRelURL(t *testing.T) {
	cases := []struct{ from, to, want string }{
		{"index.html", "exercises/plank.html", "exercises/plank.html"},
		{"exercises/plank.html", "exercises/bridge.html", "bridge.html"},
		{"exercises/plank.html", "index.html", "../index.html"},
		{"exercises/plank.html", "faq/rest.html", "../faq/rest.html"},
		{"exercises/filter/level-1.html", "exercises/plank.html", "../plank.html"},
		{"exercises/filter/level-1.html", "assets/style.css", "../../assets/style.css"},
		{"about.html", "about.html", "about.html"},
	}
	for _, c := range cases {
		if got := RelURL(c.from, c.to); got != c.want {
			t.Errorf("RelURL(%q, %q) = %q, want %q", c.from, c.to, got, c.want)
		}
	}
}
