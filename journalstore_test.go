package handbook

import (
	"encoding/json"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/dop251/goja"

	"handbook/generator/diag"
	"handbook/generator/render"
)

// journalStore is assets/journal-store.js running in goja: the journal's
// data rules, without a browser.
type journalStore struct {
	t  *testing.T
	vm *goja.Runtime
	js *goja.Object
}

func newJournalStore(t *testing.T) *journalStore { return newJournalStoreIn(t, "en") }

// newJournalStoreIn is the store with the scripts' strings of the language
// lang loaded first, as every page loads assets/strings.js.
func newJournalStoreIn(t *testing.T, lang string) *journalStore {
	t.Helper()
	src, err := fs.ReadFile(Assets(), "journal-store.js")
	if err != nil {
		t.Fatal(err)
	}
	var errs diag.List
	words := render.LoadStrings(Layouts(), lang, &errs)
	if err := errs.Err(); err != nil || words == nil {
		t.Fatalf("the strings of %q: %v", lang, err)
	}
	vm := goja.New()
	if _, err := vm.RunString("var window = this;"); err != nil {
		t.Fatal(err)
	}
	if _, err := vm.RunScript("strings.js", string(words.Script())); err != nil {
		t.Fatal(err)
	}
	if _, err := vm.RunScript("journal-store.js", string(src)); err != nil {
		t.Fatal(err)
	}
	return &journalStore{t: t, vm: vm, js: vm.Get("HandbookJournalStore").ToObject(vm)}
}

// call calls the store's function name with args and returns its result
// as JSON.
func (s *journalStore) call(name string, args ...any) string {
	s.t.Helper()
	f, ok := goja.AssertFunction(s.js.Get(name))
	if !ok {
		s.t.Fatalf("HandbookJournalStore.%s is not a function", name)
	}
	vals := make([]goja.Value, len(args))
	for i, a := range args {
		if v, ok := a.(goja.Value); ok {
			vals[i] = v
		} else {
			vals[i] = s.vm.ToValue(a)
		}
	}
	v, err := f(goja.Undefined(), vals...)
	if err != nil {
		s.t.Fatalf("%s: %v", name, err)
	}
	if goja.IsUndefined(v) {
		return "undefined"
	}
	b, err := json.Marshal(v.Export())
	if err != nil {
		s.t.Fatal(err)
	}
	return string(b)
}

// value parses JSON into a value of the script's world.
func (s *journalStore) value(text string) goja.Value {
	s.t.Helper()
	v, err := s.vm.RunString("(" + text + ")")
	if err != nil {
		s.t.Fatalf("%s: %v", text, err)
	}
	return v
}

// A cell of the spreadsheet file is quoted when it must be, and never
// starts with a character a spreadsheet reads as the start of a formula.
func TestJournalCSVCells(t *testing.T) {
	s := newJournalStore(t)
	for _, c := range []struct{ in, want string }{
		{"plain", "plain"},
		{"", ""},
		{"=SUM(A1:A9)", "'=SUM(A1:A9)"},
		{"+44 20 7946 0000", "'+44 20 7946 0000"},
		{"-2 from yesterday", "'-2 from yesterday"},
		{"@home", "'@home"},
		{"\t=1+1", "'\t=1+1"},
		{"a, b", `"a, b"`},
		{`said "ouch"`, `"said ""ouch"""`},
		{`=HYPERLINK("http://x", "y")`, `"'=HYPERLINK(""http://x"", ""y"")"`},
		{"two\nlines", "\"two\nlines\""},
		{" padded ", `" padded "`},
		{"café 😊", "café 😊"},
	} {
		if got := s.call("cell", c.in); got != mustJSON(c.want) {
			t.Errorf("cell(%q) = %s, want %s", c.in, got, mustJSON(c.want))
		}
	}
	if got := s.call("cell", s.vm.ToValue(7)); got != `"7"` {
		t.Errorf("cell(7) = %s", got)
	}
	if got := s.call("cell", goja.Null()); got != `""` {
		t.Errorf("cell(null) = %s", got)
	}
}

func mustJSON(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

const journalHead = `{"kind": "handbook-journal", "version": 1, "entries": `

// Text is read as a journal only when it is one, whole and in range;
// otherwise the reason is said in plain words.
func TestJournalParse(t *testing.T) {
	s := newJournalStore(t)
	for _, c := range []struct {
		name, text string
		problem    string // "" for a journal
		entries    int
	}{
		{"empty journal", journalHead + `[]}`, "", 0},
		{"fields left out take their empty values", journalHead + `[{"date": "2025-03-01", "worst": 4}]}`, "", 1},
		{"exported", `{"kind": "handbook-journal", "version": 1, "exported": "2025-03-02", "source": "handout", "entries": []}`, "", 0},
		{"not JSON", `{"kind": "handbook-journal"`, "not JSON", 0},
		{"a list", `[]`, "not a journal from this handbook", 0},
		{"another app's", `{"entries": [], "version": 1}`, "not a journal from this handbook", 0},
		{"no version", `{"kind": "handbook-journal", "entries": []}`, "version is not one this journal knows", 0},
		{"version 0", `{"kind": "handbook-journal", "version": 0, "entries": []}`, "version is not one", 0},
		{"version 1.5", `{"kind": "handbook-journal", "version": 1.5, "entries": []}`, "version is not one", 0},
		{"newer", `{"kind": "handbook-journal", "version": 99, "entries": []}`, "made by a newer version of this handbook (version 99", 0},
		{"unknown field", `{"kind": "handbook-journal", "version": 1, "entries": [], "extra": 1}`, `field this journal does not know: "extra"`, 0},
		{"entries not a list", journalHead + `{"length": 1}}`, "no list of entries", 0},
		{"no date", journalHead + `[{"worst": 3}]}`, "entry 1: the date must be a real day", 0},
		{"not a day", journalHead + `[{"date": "2025-02-30"}]}`, "entry 1: the date must be a real day", 0},
		{"two on a day", journalHead + `[{"date": "2025-03-01"}, {"date": "2025-03-01"}]}`, "two entries are for the same day, 2025-03-01", 0},
		{"score too high", journalHead + `[{"date": "2025-03-01", "worst": 11}]}`, "entry 1: a pain score must be a whole number from 0 to 10", 0},
		{"score below 0", journalHead + `[{"date": "2025-03-01", "now": -1}]}`, "a pain score", 0},
		{"score a fraction", journalHead + `[{"date": "2025-03-01", "now": 2.5}]}`, "a pain score", 0},
		{"score as text", journalHead + `[{"date": "2025-03-01", "now": "3"}]}`, "a pain score", 0},
		{"felt unknown", journalHead + `[{"date": "2025-03-01", "exercises": [{"id": "plank", "felt": "great"}]}]}`, `entry 1: "great" is not one of the choices`, 0},
		{"exercise twice", journalHead + `[{"date": "2025-03-01", "exercises": [{"id": "plank"}, {"id": "plank"}]}]}`, "listed twice", 0},
		{"prototype key", journalHead + `[{"date": "2025-03-01", "__proto__": {"worst": 1}}]}`, `entry 1: an entry has a field this journal does not know: "__proto__"`, 0},
		{"treatment unnamed", journalHead + `[{"date": "2025-03-01", "treatments": [{"helped": "a lot"}]}]}`, "a treatment has no name", 0},
		{"sleep 30 hours", journalHead + `[{"date": "2025-03-01", "sleep": 30}]}`, "hours slept", 0},
		{"long note", journalHead + `[{"date": "2025-03-01", "notes": "` + strings.Repeat("a", 1001) + `"}]}`, "longer than 1000 letters", 0},
	} {
		t.Run(c.name, func(t *testing.T) {
			var got struct {
				Problem string
				Journal *struct {
					Version int
					Entries []map[string]any
				}
			}
			json.Unmarshal([]byte(s.call("parse", c.text)), &got)
			if c.problem == "" {
				if got.Problem != "" || got.Journal == nil || len(got.Journal.Entries) != c.entries || got.Journal.Version != 1 {
					t.Errorf("%+v, want a journal of %d entries", got, c.entries)
				}
				return
			}
			if !strings.Contains(got.Problem, c.problem) || got.Journal != nil {
				t.Errorf("problem %q, want one holding %q", got.Problem, c.problem)
			}
		})
	}
}

// What the browser keeps is read, never changed: text that is not a
// journal is refused and handed back whole, and a browser that keeps
// nothing is said so.
func TestJournalRead(t *testing.T) {
	s := newJournalStore(t)
	storage := func(js string) goja.Value { return s.value(js) }
	for _, c := range []struct{ name, storage, want string }{
		{"nothing kept", `{getItem: function () { return null; }}`, `"state":"empty"`},
		{"a journal", `{getItem: function () { return '{"kind":"handbook-journal","version":1,"entries":[{"date":"2025-03-01"}]}'; }}`, `"state":"ok"`},
		{"garbage", `{getItem: function () { return "garbage"; }}`, `"raw":"garbage","state":"refused"`},
		{"blocked", `{getItem: function () { throw new Error("SecurityError"); }}`, `"state":"unavailable"`},
	} {
		if got := s.call("read", storage(c.storage)); !strings.Contains(got, c.want) {
			t.Errorf("%s: read gives %s, want %s", c.name, got, c.want)
		}
	}
}

// Opening a saved copy adds the days only it has; for a day both have
// that differs, the reader says which to keep.
func TestJournalMerge(t *testing.T) {
	s := newJournalStore(t)
	mine := `[{"date": "2025-03-01", "worst": 3}, {"date": "2025-03-02", "worst": 4}]`
	file := `[{"date": "2025-03-02", "worst": 6}, {"date": "2025-03-03", "worst": 5}, {"date": "2025-03-01", "worst": 3}]`
	entries := func(js string) goja.Value {
		return s.value(`(` + js + `).map(function (e) { return HandbookJournalStore.entry(e); })`)
	}
	if got := s.call("compare", entries(mine), entries(file)); got != `{"added":1,"differ":1,"same":1}` {
		t.Errorf("compare: %s", got)
	}
	for _, c := range []struct{ prefer, want string }{
		{"mine", "2025-03-01:3 2025-03-02:4 2025-03-03:5"},
		{"file", "2025-03-01:3 2025-03-02:6 2025-03-03:5"},
	} {
		var got []struct {
			Date  string
			Worst int
		}
		json.Unmarshal([]byte(s.call("merge", entries(mine), entries(file), c.prefer)), &got)
		var parts []string
		for _, e := range got {
			parts = append(parts, fmt.Sprintf("%s:%d", e.Date, e.Worst))
		}
		if g := strings.Join(parts, " "); g != c.want {
			t.Errorf("merge preferring %s: %s, want %s", c.prefer, g, c.want)
		}
	}
}

// The trend is "worse" when the last 7 days' average worst pain is 2 or
// more above the 7 before (each with 3 or more days logged), or when 3 of
// the last 7 days reached the scale's "too much" (6).
func TestJournalTrend(t *testing.T) {
	s := newJournalStore(t)
	// the averages are NaN for a week with no days, which JSON cannot say
	trend := func(scores map[int]int) string {
		var list []string
		for ago, w := range scores {
			list = append(list, fmt.Sprintf(`HandbookJournalStore.entry({date: HandbookJournalStore.addDays("2025-03-14", %d), worst: %d})`, -ago, w))
		}
		v := s.value(`(function (t) { return JSON.stringify({worse: t.worse, rising: t.rising}); })(HandbookJournalStore.trend([` +
			strings.Join(list, ",") + `], "2025-03-14", 6))`)
		return v.String()
	}
	for _, c := range []struct {
		name   string
		scores map[int]int // days ago -> worst
		worse  bool
		rising bool
	}{
		{"steady", map[int]int{0: 3, 1: 3, 2: 4, 7: 3, 8: 4, 9: 3}, false, false},
		{"up two", map[int]int{0: 5, 1: 5, 2: 5, 7: 3, 8: 3, 9: 3}, true, true},
		{"up under two", map[int]int{0: 5, 1: 5, 2: 4, 7: 3, 8: 3, 9: 3}, false, false},
		{"too few days before", map[int]int{0: 5, 1: 5, 2: 5, 7: 1, 8: 1}, false, false},
		{"three days at 6", map[int]int{0: 6, 3: 7, 6: 6}, true, false},
		{"two days at 6", map[int]int{0: 6, 3: 7, 5: 2}, false, false},
		{"old days do not count", map[int]int{14: 9, 15: 9, 16: 9, 0: 2}, false, false},
		{"a day in the future does not count", map[int]int{-1: 9, -2: 9, -3: 9}, false, false},
	} {
		var got struct{ Worse, Rising bool }
		json.Unmarshal([]byte(trend(c.scores)), &got)
		if got.Worse != c.worse || got.Rising != c.rising {
			t.Errorf("%s: worse %v, rising %v; want %v, %v", c.name, got.Worse, got.Rising, c.worse, c.rising)
		}
	}
}

// The store says why it cannot read a journal in the page's language;
// its spreadsheet keeps English column names and the entry's values in
// every language, with the reader's words where names gives them.
func TestJournalStoreLanguages(t *testing.T) {
	for _, c := range []struct{ lang, problem, newer, choice, felt string }{
		{"en", "entry 1: a pain score must be a whole number from 0 to 10",
			"it was made by a newer version of this handbook (version 99; this page reads up to version 1)", "sitting", "OK"},
		{"es", "anotación 1: una puntuación de dolor debe ser un número entero de 0 a 10",
			"lo hizo una versión más nueva de este manual (versión 99; esta página lee hasta la versión 1)", "estar sentado", "bien"},
	} {
		t.Run(c.lang, func(t *testing.T) {
			s := newJournalStoreIn(t, c.lang)
			for text, want := range map[string]string{
				journalHead + `[{"date": "2025-03-01", "worst": 11}]}`:       c.problem,
				`{"kind": "handbook-journal", "version": 99, "entries": []}`: c.newer,
			} {
				var got struct{ Problem string }
				json.Unmarshal([]byte(s.call("parse", text)), &got)
				if got.Problem != want {
					t.Errorf("parse(%s) says %q, want %q", text, got.Problem, want)
				}
			}
			entries := s.value(`[HandbookJournalStore.entry({date: "2025-03-01", when: "evening", worse: ["sitting"], woke: true,
				exercises: [{id: "plank", felt: "ok"}]})]`)
			names := s.value(`{
				exercise: function (id) { return id; }, sign: function (id) { return id; }, helped: function (h) { return h; },
				felt: function (f) { return f === "ok" ? HB_T("js.journal.felt.ok") : f; },
				choice: function (c) { return c === "sitting" ? HB_T("js.journal.choice.sitting") : c; }
			}`)
			var csv string
			json.Unmarshal([]byte(s.call("csv", entries, names)), &csv)
			for _, want := range []string{"\ufeffDate,Pain now (0-10),", "\r\n2025-03-01,,,evening,,,," + c.choice + ",,plank (" + c.felt + "),,yes,,\r\n"} {
				if !strings.Contains(csv, want) {
					t.Errorf("the CSV file lacks %q:\n%q", want, csv)
				}
			}
		})
	}
}
