package site

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"reflect"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"go.yaml.in/yaml/v3"

	"handbook/generator/browsertest"
	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/handbook"
	"handbook/generator/schema"
)

// The pain journal (journal.html) keeps a reader's entries in the browser
// only. These tests log days with the page's clock set, read them back in
// the chart and the table, move them through a file and back, tick red
// flags, break the stored data, print the clinician's summary, and watch
// every request the page makes: none may leave the site.

const journalKey = "handbook-journal"

// requestWatch records every request a browser makes: how many were for
// the site's files, and each that was not.
type requestWatch struct {
	mu   sync.Mutex
	own  int
	bad  []string
	site browsertest.Site
}

// watch records the requests of ctx's browser. A data: URL is the page's
// own, and a blob: URL is a file the page makes from its own data to
// download it: neither leaves the browser.
func watch(ctx context.Context, s browsertest.Site) (*requestWatch, error) {
	w := &requestWatch{site: s}
	chromedp.ListenTarget(ctx, func(ev any) {
		e, ok := ev.(*network.EventRequestWillBeSent)
		if !ok {
			return
		}
		u := e.Request.URL
		if strings.HasPrefix(u, "data:") || strings.HasPrefix(u, "blob:") {
			return
		}
		w.mu.Lock()
		defer w.mu.Unlock()
		if local := s.Local(u); local == "" {
			w.bad = append(w.bad, "request outside the site: "+u)
		} else if _, err := os.Stat(local); err != nil {
			w.bad = append(w.bad, "request for a missing file: "+u)
		} else {
			w.own++
		}
	})
	return w, chromedp.Run(ctx, network.Enable())
}

// watchRequests fails t, when the test ends, for any request of ctx's
// browser other than the site's own files, and if it saw none at all (it
// would not be watching).
func watchRequests(ctx context.Context, t *testing.T, s browsertest.Site) {
	t.Helper()
	w, err := watch(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() {
		w.mu.Lock()
		defer w.mu.Unlock()
		for _, b := range w.bad {
			t.Error(b)
		}
		if w.own == 0 {
			t.Error("the request watch saw no request for the site's files")
		}
	})
}

// The watch that every journal test keeps catches a request that leaves
// the site, such as a picture from elsewhere.
func TestBrowserJournalRequestWatch(t *testing.T) {
	s := journalSites(t)[1]
	ctx := browsertest.New(t)
	w, err := watch(ctx, s)
	if err != nil {
		t.Fatal(err)
	}
	if err := chromedp.Run(ctx, chromedp.Navigate(s.Base+"journal.html"), chromedp.WaitVisible("#journal-form"),
		chromedp.Evaluate(`new Image().src = "https://example.org/pixel.png?entries=3"`, nil),
		chromedp.Sleep(300*time.Millisecond)); err != nil {
		t.Fatal(err)
	}
	w.mu.Lock()
	defer w.mu.Unlock()
	if w.own == 0 || len(w.bad) != 1 || !strings.Contains(w.bad[0], "https://example.org/pixel.png") {
		t.Errorf("the watch saw %d requests for the site's files and these others: %q", w.own, w.bad)
	}
}

// journalBrowser is a browser on a built site, with its clock under the
// test's control and its requests watched.
type journalBrowser struct {
	ctx   context.Context
	t     *testing.T
	site  browsertest.Site
	clock page.ScriptIdentifier
	dir   string // where downloads land
}

func newJournalBrowser(t *testing.T, s browsertest.Site) *journalBrowser {
	t.Helper()
	ctx := browsertest.New(t)
	watchRequests(ctx, t, s)
	b := &journalBrowser{ctx: ctx, t: t, site: s, dir: t.TempDir()}
	b.run(browser.SetDownloadBehavior(browser.SetDownloadBehaviorBehaviorAllow).WithDownloadPath(b.dir).WithEventsEnabled(true))
	return b
}

// run runs actions, each batch within a minute: a step that waits for
// something that never comes fails with what the page shows, rather than
// hanging until the browser's safety net.
func (b *journalBrowser) run(actions ...chromedp.Action) {
	b.t.Helper()
	ctx, cancel := context.WithTimeout(b.ctx, time.Minute)
	defer cancel()
	if err := chromedp.Run(ctx, actions...); err != nil {
		var where, seen string
		_ = chromedp.Run(b.ctx, chromedp.Location(&where),
			chromedp.Evaluate(`[localStorage.getItem("handbook-journal"), (document.getElementById("journal-problem") || {}).hidden,
				(document.getElementById("journal-save-status") || {}).textContent].map(String).join(" | ")`, &seen))
		b.t.Fatalf("%v\non %s, the page shows: %s", err, where, seen)
	}
}

// setDay makes the clock of every page loaded from now on read noon on day
// (YYYY-MM-DD), local time, whatever the machine's date.
func (b *journalBrowser) setDay(day string) {
	b.t.Helper()
	y, m, d := day[:4], day[5:7], day[8:10]
	script := fmt.Sprintf(`(() => {
		const Real = Date, now = new Real(%s, %s - 1, %s, 12, 0, 0).getTime();
		class TestDate extends Real {
			constructor(...a) { super(...(a.length ? a : [now])); }
			static now() { return now; }
		}
		window.Date = TestDate;
	})()`, y, strings.TrimPrefix(m, "0"), strings.TrimPrefix(d, "0"))
	b.run(chromedp.ActionFunc(func(ctx context.Context) error {
		if b.clock != "" {
			if err := page.RemoveScriptToEvaluateOnNewDocument(b.clock).Do(ctx); err != nil {
				return err
			}
		}
		id, err := page.AddScriptToEvaluateOnNewDocument(script).Do(ctx)
		b.clock = id
		return err
	}))
}

// setStored puts raw in the page's storage as the journal and reloads the
// page once the browser has it: a write reaches the browser's storage a
// moment after the page makes it, and a page loaded at once can still read
// what was there before.
func (b *journalBrowser) setStored(raw string) {
	b.t.Helper()
	set := `localStorage.setItem(` + strconv.Quote(journalKey) + `, ` + strconv.Quote(raw) + `)`
	for try := 0; try < 20; try++ {
		b.run(chromedp.Evaluate(set, nil), chromedp.Sleep(100*time.Millisecond), browsertest.Reload("#journal-form"))
		if b.stored() == raw {
			return
		}
	}
	b.t.Fatalf("the browser did not keep %q", raw)
}

// open loads journal.html afresh and waits for the form. With a hash it
// leaves the page first, so that the hash is read as a new page reads it.
func (b *journalBrowser) open(hash string) {
	b.t.Helper()
	if hash != "" {
		b.run(chromedp.Navigate("about:blank"))
	}
	b.run(chromedp.Navigate(b.site.Base+"journal.html"+hash), chromedp.WaitVisible("#journal-form"))
}

// journalDay is what a test logs for a day.
type journalDay struct {
	date       string
	now, worst int
	where      []string
	exercises  map[string]string // exercise id -> how it felt
	notes      string
}

// log fills in the form for day d, as a reader would, and saves it.
func (b *journalBrowser) log(d journalDay) {
	b.t.Helper()
	b.setDay(d.date)
	b.open("")
	actions := []chromedp.Action{
		chromedp.Click(`input[name=now][value="` + strconv.Itoa(d.now) + `"]`),
		chromedp.Click(`input[name=worst][value="` + strconv.Itoa(d.worst) + `"]`),
	}
	for _, w := range d.where {
		actions = append(actions, chromedp.Click(`input[name=where][value=`+strconv.Quote(w)+`]`))
	}
	ids := make([]string, 0, len(d.exercises))
	for id := range d.exercises {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	for _, id := range ids {
		actions = append(actions,
			chromedp.SetValue("#journal-add-list", id),
			chromedp.Click("#journal-add"),
			chromedp.Click(fmt.Sprintf(`#journal-done li:last-child input[value=%q]`, d.exercises[id])),
		)
	}
	if d.notes != "" {
		actions = append(actions, chromedp.SendKeys("#journal-notes", d.notes))
	}
	// the next page reads the browser's storage: give the write a moment
	// to reach it (see setStored)
	actions = append(actions, chromedp.Click("#journal-save"),
		chromedp.Poll(`document.getElementById("journal-save-status").textContent.startsWith("Saved")`, nil, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Sleep(200*time.Millisecond))
	b.run(actions...)
}

// stored is the raw text the browser keeps for the journal ("" for none).
func (b *journalBrowser) stored() string {
	b.t.Helper()
	var s string
	b.run(chromedp.Evaluate(`localStorage.getItem(`+strconv.Quote(journalKey)+`) || ""`, &s))
	return s
}

// journalFile is a journal as stored and exported.
type journalFile struct {
	Kind     string           `json:"kind"`
	Version  int              `json:"version"`
	Source   string           `json:"source"`
	Exported string           `json:"exported"`
	Entries  []map[string]any `json:"entries"`
}

func parseJournal(t *testing.T, text string) journalFile {
	t.Helper()
	var j journalFile
	if err := json.Unmarshal([]byte(strings.TrimPrefix(text, "\ufeff")), &j); err != nil {
		t.Fatalf("not a journal: %v\n%s", err, text)
	}
	return j
}

// counts reads what the chart and the table show.
func (b *journalBrowser) counts() (worst, now, exercise, rows int) {
	b.t.Helper()
	b.run(
		chromedp.Evaluate(`document.querySelectorAll("#journal-chart .pt-worst").length`, &worst),
		chromedp.Evaluate(`document.querySelectorAll("#journal-chart .pt-now").length`, &now),
		chromedp.Evaluate(`document.querySelectorAll("#journal-chart .ex-mark").length`, &exercise),
		chromedp.Evaluate(`document.querySelectorAll("#journal-table tbody tr > th").length`, &rows),
	)
	return
}

// download clicks sel and returns the file it downloads, named name.
func (b *journalBrowser) download(sel, name string) string {
	b.t.Helper()
	file := filepath.Join(b.dir, name)
	os.Remove(file)
	b.run(chromedp.Click(sel))
	for i := 0; i < 100; i++ {
		if data, err := os.ReadFile(file); err == nil && len(data) > 0 {
			time.Sleep(50 * time.Millisecond) // let the browser finish writing it
			data, _ = os.ReadFile(file)
			return string(data)
		}
		time.Sleep(50 * time.Millisecond)
	}
	b.t.Fatalf("%s did not download %s", sel, name)
	return ""
}

// journalSites builds the shipped handbook and gives it over file:// and
// over HTTP.
func journalSites(t *testing.T) []browsertest.Site {
	t.Helper()
	out := buildShipped(t)
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	t.Cleanup(srv.Close)
	return []browsertest.Site{
		{Dir: out, Base: "file://" + filepath.ToSlash(out) + "/"},
		{Dir: out, Base: srv.URL + "/"},
	}
}

// Entries logged on several days (the clock set for each) survive a
// reload and show in the chart and the table; a copy saved to a file comes
// back the same after everything is deleted, merged or replacing; the CSV
// file quotes its cells and keeps formulas from running. Over file:// and
// HTTP, with no request leaving the site.
func TestBrowserJournalRoundTrip(t *testing.T) {
	days := []journalDay{
		{date: "2025-03-03", now: 2, worst: 4, where: []string{"Low back"}, exercises: map[string]string{"plank": "ok", "bird-dog": "easy"}},
		{date: "2025-03-05", now: 5, worst: 7, where: []string{"Low back", "Buttock"}, notes: `=HYPERLINK("http://x"), said "sore"`},
		{date: "2025-03-06", now: 3, worst: 5, exercises: map[string]string{"plank": "hard"}, notes: "Walked 20 minutes"},
	}
	for _, s := range journalSites(t) {
		t.Run(strings.SplitN(s.Base, ":", 2)[0], func(t *testing.T) {
			b := newJournalBrowser(t, s)
			for _, d := range days {
				b.log(d)
			}
			b.setDay("2025-03-07")
			b.open("")
			b.run(browsertest.Reload("#journal-form"))
			if w, n, e, r := b.counts(); w != 3 || n != 3 || e != 2 || r != 3 {
				t.Errorf("after a reload the chart shows %d worst, %d now and %d exercise marks and the table %d rows; want 3, 3, 2, 3", w, n, e, r)
			}
			var table string
			b.run(chromedp.Text("#journal-table tbody", &table))
			for _, want := range []string{"Plank (OK)", "Bird dog (easy)", "Plank (hard)", "Walked 20 minutes", "Low back, Buttock"} {
				if !strings.Contains(table, want) {
					t.Errorf("the table lacks %q:\n%s", want, table)
				}
			}
			stored := parseJournal(t, b.stored())
			if len(stored.Entries) != 3 || stored.Version != 1 || stored.Kind != journalKey {
				t.Fatalf("stored: %+v", stored)
			}

			// a copy to a file, everything deleted, the copy opened again
			exported := parseJournal(t, b.download("#journal-export", "pain-journal-2025-03-07.json"))
			if exported.Exported != "2025-03-07" || !reflect.DeepEqual(exported.Entries, stored.Entries) {
				t.Errorf("the exported file differs from what is stored:\n%+v\n%+v", exported, stored)
			}
			csv := b.download("#journal-csv", "pain-journal-2025-03-07.csv")
			checkJournalCSV(t, csv)
			file := filepath.Join(b.dir, "pain-journal-2025-03-07.json")
			b.run(chromedp.Click("#journal-clear"), chromedp.WaitVisible("#journal-clear-yes"), chromedp.Click("#journal-clear-yes"))
			if w, _, _, r := b.counts(); w != 0 || r != 0 || len(parseJournal(t, b.stored()).Entries) != 0 {
				t.Errorf("after deleting everything: %d points, %d rows, stored %s", w, r, b.stored())
			}
			bogus := filepath.Join(t.TempDir(), "bogus.json")
			os.WriteFile(bogus, []byte(`{"kind": "handbook-journal", "version": 1, "entries": [{"date": "2025-02-30"}]}`), 0o644)
			var status string
			b.run(chromedp.SetUploadFiles("#journal-import", []string{bogus}),
				chromedp.Poll(`document.getElementById("journal-data-status").textContent.includes("not opened")`, nil, chromedp.WithPollingTimeout(5*time.Second)),
				chromedp.Text("#journal-data-status", &status))
			if !strings.Contains(status, "entry 1") || b.stored() != `{"kind":"handbook-journal","version":1,"source":"","entries":[]}` {
				t.Errorf("a file with a day that does not exist: %q; stored %s", status, b.stored())
			}
			b.run(chromedp.SetUploadFiles("#journal-import", []string{file}), chromedp.WaitVisible("#journal-import-merge"), chromedp.Click("#journal-import-merge"))
			if again := parseJournal(t, b.stored()); !reflect.DeepEqual(again.Entries, stored.Entries) {
				t.Errorf("after opening the copy:\n%+v\nwant\n%+v", again.Entries, stored.Entries)
			}
			// replacing asks first, and gives the same entries
			b.run(chromedp.SetUploadFiles("#journal-import", []string{file}), chromedp.WaitVisible("#journal-import-replace"),
				chromedp.Text("#journal-import-text", &status), chromedp.Click("#journal-import-replace"),
				chromedp.WaitVisible("#journal-import-yes"), chromedp.Click("#journal-import-yes"))
			if !strings.Contains(status, "3 days are in both") {
				t.Errorf("opening the same copy again says %q", status)
			}
			if again := parseJournal(t, b.stored()); !reflect.DeepEqual(again.Entries, stored.Entries) {
				t.Errorf("after replacing with the copy:\n%+v\nwant\n%+v", again.Entries, stored.Entries)
			}
			if w, n, e, r := b.counts(); w != 3 || n != 3 || e != 2 || r != 3 {
				t.Errorf("after opening the copy the chart shows %d, %d, %d marks and the table %d rows", w, n, e, r)
			}
			// one entry deleted, with a second click to confirm
			b.run(chromedp.Click(`#journal-table button[aria-label^="Delete the entry for"]`),
				chromedp.Click(`#journal-table button[aria-label^="Yes, delete"]`))
			if _, _, _, r := b.counts(); r != 2 || len(parseJournal(t, b.stored()).Entries) != 2 {
				t.Errorf("after deleting one entry: %d rows, stored %s", r, b.stored())
			}
		})
	}
}

// checkJournalCSV checks the spreadsheet file of the round trip's days.
func checkJournalCSV(t *testing.T, csv string) {
	t.Helper()
	if !strings.HasPrefix(csv, "\ufeffDate,Pain now (0-10),Worst pain (0-10),") {
		t.Errorf("the CSV file starts %q", csv[:min(len(csv), 60)])
	}
	lines := strings.Split(strings.TrimSuffix(csv, "\r\n"), "\r\n")
	if len(lines) != 4 {
		t.Fatalf("the CSV file has %d lines, want a header and 3 days:\n%s", len(lines), csv)
	}
	for _, want := range []string{
		`2025-03-03,2,4,,Low back,,,,,Bird dog (easy); Plank (OK),,,,`,
		// a formula is not one any more, and its quotes and comma are quoted
		`2025-03-05,5,7,,Low back; Buttock,,,,,,,,,"'=HYPERLINK(""http://x""), said ""sore"""`,
		`2025-03-06,3,5,,,,,,,Plank (hard),,,,Walked 20 minutes`,
	} {
		if !strings.Contains(csv, want+"\r\n") {
			t.Errorf("the CSV file lacks the line\n%s\n%s", want, csv)
		}
	}
}

// Ticking a warning sign, or choosing a place that is one, shows that red
// flag's action from flags.yaml at once, in an alert, before anything is
// saved.
func TestBrowserJournalRedFlags(t *testing.T) {
	s := journalSites(t)[0]
	b := newJournalBrowser(t, s)
	g := loadShipped(t)
	b.setDay("2025-03-07")
	b.open("")
	b.run(chromedp.Evaluate(`document.getElementById("journal-signs-box").open = true`, nil))
	signs := 0
	for _, f := range g.Flags {
		var boxes []string
		if f.Journal != "" {
			signs++
			boxes = append(boxes, `input[name=sign][value="`+f.ID+`"]`)
		}
		if f.JournalWhere != "" {
			boxes = append(boxes, `input[name=where][value=`+strconv.Quote(f.JournalWhere)+`]`)
		}
		for _, box := range boxes {
			var alert, role string
			b.run(chromedp.Click(box), chromedp.Text("#journal-alert", &alert), chromedp.AttributeValue("#journal-alert", "role", &role, nil))
			if role != "alert" || !strings.Contains(alert, f.Action) {
				t.Errorf("%s (%s): the alert (role %q) says %q; want the flag's action %q", f.ID, box, role, alert, f.Action)
			}
			b.run(chromedp.Click(box), chromedp.Text("#journal-alert", &alert))
			if alert != "" {
				t.Errorf("%s: unticked, the alert still says %q", f.ID, alert)
			}
		}
	}
	if signs < 8 {
		t.Errorf("the journal offers %d warning signs from flags.yaml; want the signs a person can notice day by day", signs)
	}
	if got := b.stored(); got != "" {
		t.Errorf("ticking signs saved something before Save: %s", got)
	}
}

// Stored data that is not a journal this page can read (not JSON, another
// shape, a newer version) is refused with a message and never written
// over: the page works on in memory, offers the raw text as a file, and
// starts a new journal only when asked.
func TestBrowserJournalCorruptStorage(t *testing.T) {
	s := journalSites(t)[0]
	for _, c := range []struct{ name, raw, says string }{
		{"garbage", `{"kind": "handbook-journal", "version": 1, "entries": [`, "not JSON"},
		{"foreign", `{"entries": "yes", "theme": "dark"}`, "not a journal from this handbook"},
		{"bad entry", `{"kind": "handbook-journal", "version": 1, "entries": [{"date": "2025-03-01", "worst": 11}]}`, "entry 1: a pain score must be a whole number from 0 to 10"},
		{"newer", `{"kind": "handbook-journal", "version": 99, "entries": []}`, "made by a newer version"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b := newJournalBrowser(t, s)
			b.setDay("2025-03-07")
			b.open("")
			b.setStored(c.raw)
			var problem string
			b.run(chromedp.WaitVisible("#journal-problem"), chromedp.Text("#journal-problem", &problem))
			if !strings.Contains(problem, c.says) || !strings.Contains(problem, "Nothing has been changed") {
				t.Errorf("the message says %q; want %q", problem, c.says)
			}
			// the page still works, in memory
			b.run(chromedp.Click(`input[name=worst][value="4"]`), chromedp.Click("#journal-save"))
			var status string
			b.run(chromedp.Text("#journal-save-status", &status))
			if _, _, _, rows := b.counts(); rows != 1 || !strings.Contains(status, "kept on this page only") {
				t.Errorf("an entry in memory: %d rows, status %q", rows, status)
			}
			if got := b.stored(); got != c.raw {
				t.Fatalf("the stored data changed to %q", got)
			}
			if got := b.download("#journal-problem-download", "pain-journal-saved-data-2025-03-07.txt"); got != c.raw {
				t.Errorf("the download of the saved data is %q, want %q", got, c.raw)
			}
			// a reload, and it is still there and still refused
			b.open("")
			b.run(chromedp.WaitVisible("#journal-problem"))
			if got := b.stored(); got != c.raw {
				t.Fatalf("after a reload the stored data is %q", got)
			}
			// the reader chooses to start again: only then is it written
			b.run(chromedp.Click(`input[name=worst][value="5"]`), chromedp.Click("#journal-save"),
				chromedp.Click("#journal-problem-replace"), chromedp.WaitVisible("#journal-problem-yes"), chromedp.Click("#journal-problem-yes"))
			j := parseJournal(t, b.stored())
			if len(j.Entries) != 1 || j.Entries[0]["worst"] != 5.0 {
				t.Errorf("after starting a new journal the browser holds %s", b.stored())
			}
		})
	}
}

// The journal has no accessibility violations (axe-core), in light and in
// dark mode, with entries, a warning sign's alert, the import choice and
// the storage message showing; nor has the blank sheet.
func TestBrowserJournalAccessible(t *testing.T) {
	s := journalSites(t)[0]
	b := newJournalBrowser(t, s)
	b.log(journalDay{date: "2025-03-06", now: 3, worst: 6, where: []string{"Low back"}, exercises: map[string]string{"plank": "hurt"}, notes: "Stiff after driving"})
	b.setDay("2025-03-07")
	for _, theme := range []string{"light", "dark"} {
		b.open("")
		b.run(chromedp.Evaluate(`document.documentElement.setAttribute("data-theme", `+strconv.Quote(theme)+`)`, nil),
			chromedp.Evaluate(`document.getElementById("journal-signs-box").open = true; document.getElementById("journal-more").open = true`, nil),
			chromedp.Click(`input[name=sign][value="bladder-bowel-change"]`),
			chromedp.Click("#journal-treatment-add"),
			chromedp.Click(`#journal-table button[aria-label^="Delete the entry"]`),
		)
		for _, v := range browsertest.Axe(b.ctx, t) {
			t.Errorf("journal, %s: %s", theme, v)
		}
		b.run(chromedp.Navigate(s.Base+"journal-sheet.html"),
			chromedp.Evaluate(`document.documentElement.setAttribute("data-theme", `+strconv.Quote(theme)+`)`, nil))
		for _, v := range browsertest.Axe(b.ctx, t) {
			t.Errorf("blank sheet, %s: %s", theme, v)
		}
	}
	b.open("")
	b.setStored("?")
	b.run(chromedp.WaitVisible("#journal-problem"), chromedp.Click("#journal-problem-replace"))
	for _, v := range browsertest.Axe(b.ctx, t) {
		t.Errorf("journal with its storage message: %s", v)
	}
}

// fourteenDays is two weeks of entries ending on 2025-03-14, the second
// week worse, with long notes, a warning sign and treatments: the most a
// summary has to fit on one sheet.
func fourteenDays() string {
	var entries []string
	for i := 0; i < 14; i++ {
		worst := 3 + i%3
		if i >= 7 {
			worst = 5 + i%4
		}
		day := fmt.Sprintf("2025-03-%02d", i+1)
		signs := "[]"
		if i == 10 {
			signs = `["both-legs"]`
		}
		notes := strings.Repeat(fmt.Sprintf("Day %d: sat at my desk most of the day, then walked the dog; stiff in the evening. ", i+1), 3)
		entries = append(entries, fmt.Sprintf(`{"date":%q,"now":%d,"worst":%d,"when":"evening","where":["Low back","One leg"],"signs":%s,"symptoms":["stiffness"],`+
			`"worse":["sitting","driving"],"worseOther":"","better":["heat","moving or walking"],"betterOther":"a warm bath",`+
			`"exercises":[{"id":"plank","felt":"ok"},{"id":"bird-dog","felt":"easy"},{"id":"glute-bridge","felt":"hard"},{"id":"cat-cow","felt":"ok"}],`+
			`"sleep":6.5,"woke":%t,"treatments":[{"name":"Ibuprofen","helped":"a little"},{"name":"Heat pack","helped":"a lot"}],"notes":%q}`,
			day, worst-2, worst, signs, i%4 == 0, strings.TrimSpace(notes)))
	}
	return `{"kind":"handbook-journal","version":1,"source":"","entries":[` + strings.Join(entries, ",") + `]}`
}

// The summary for the clinician (chart, table, exercises, notes) prints
// on one sheet of A4 and one of Letter with 14 full days, in the shipped
// typeface; the blank sheet prints on one sheet too, with JavaScript off.
// The pictures are written to $HANDBOOK_PNG_DIR when it is set, to look at.
func TestBrowserJournalPrintsOnOnePage(t *testing.T) {
	s := journalSites(t)[0]
	b := newJournalBrowser(t, s)
	b.setDay("2025-03-14")
	b.open("")
	b.setStored(fourteenDays())
	var printing bool
	b.run(chromedp.Evaluate(`window.print = () => {}`, nil), chromedp.Click("#journal-print"),
		chromedp.Evaluate(`document.body.classList.contains("journal-print-summary")`, &printing))
	if !printing {
		t.Fatal("the print button did not set the summary's class")
	}
	b.printsOnOne("summary", "Pain and exercise journal: the last 14 days", "14 of 14 days logged", "Warning signs noted: Tue 11 Mar",
		"Warning sign: Pain, tingling", "Glute bridge", "Day 14: sat at my desk", "Day 1: sat at my desk",
		"Ibuprofen on 14 days (helped a little 14 days)", "Medical disclaimer")
	// the blank sheet, with JavaScript off
	b.run(emulation.SetScriptExecutionDisabled(true), chromedp.Navigate(s.Base+"journal-sheet.html"))
	defer b.run(emulation.SetScriptExecutionDisabled(false))
	b.printsOnOne("blank sheet", "Pain and exercise journal", "Week starting", "Get help now if you notice")
}

// printsOnOne prints the page on A4 and on Letter and checks that each is
// one page, set in the shipped typeface, holding want; it draws each page
// as a picture in $HANDBOOK_PNG_DIR/what-paper/ when that is set.
func (b *journalBrowser) printsOnOne(what string, want ...string) {
	t := b.t
	t.Helper()
	pngDir := os.Getenv("HANDBOOK_PNG_DIR")
	if pngDir == "" {
		pngDir = t.TempDir()
	}
	for _, paper := range []struct {
		name string
		size [2]float64
	}{{"A4", browsertest.A4}, {"Letter", browsertest.Letter}} {
		pdf, err := browsertest.PrintPDF(b.ctx, paper.size)
		if err != nil {
			t.Fatal(err)
		}
		if n := browsertest.Pages(pdf); n != 1 {
			t.Errorf("the %s prints on %d %s pages, want 1", what, n, paper.name)
		}
		if f := browsertest.ForeignFonts(pdf); len(f) > 0 {
			t.Errorf("the %s prints in %v as well as the shipped typeface", what, f)
		}
		lacks, err := browsertest.PDFLacks(pdf, want)
		if err != nil {
			t.Fatalf("pdftotext (apt-get install poppler-utils): %v", err)
		}
		for _, w := range lacks {
			t.Errorf("the %s on %s lacks %q", what, paper.name, w)
		}
		dir := filepath.Join(pngDir, strings.ReplaceAll(what, " ", "-")+"-"+paper.name)
		os.MkdirAll(dir, 0o755)
		if pngs, err := browsertest.PDFPictures(pdf, 100, dir); err != nil || len(pngs) == 0 {
			t.Errorf("drawing the %s on %s: %v", what, paper.name, err)
		}
		t.Logf("the %s on %s: %d page(s), pictures in %s", what, paper.name, browsertest.Pages(pdf), dir)
	}
}

// With JavaScript off the journal page says what it is for, shows the
// pain scale, and links to the blank sheet, which is whole; neither page
// is wider than a 390 px phone, and nor is the working journal.
func TestBrowserJournalWithoutJavaScript(t *testing.T) {
	s := journalSites(t)[0]
	b := newJournalBrowser(t, s)
	b.run(chromedp.EmulateViewport(390, 844))
	wide := func(what string) {
		t.Helper()
		var scroll, width int
		b.run(chromedp.Evaluate(`document.documentElement.scrollWidth`, &scroll), chromedp.Evaluate(`window.innerWidth`, &width))
		if scroll > width {
			t.Errorf("%s is %d px wide on a %d px screen", what, scroll, width)
		}
	}
	b.run(emulation.SetScriptExecutionDisabled(true), chromedp.Navigate(s.Base+"journal.html"))
	var text string
	var formShown bool
	var sheetLinks int
	b.run(chromedp.Text("main", &text),
		chromedp.Evaluate(`getComputedStyle(document.getElementById("journal")).display !== "none"`, &formShown),
		chromedp.Evaluate(`document.querySelectorAll('a[href="journal-sheet.html"]').length`, &sheetLinks))
	for _, want := range []string{"Note a few facts each day", "needs JavaScript", "print a blank journal sheet", "0 to 3:", "6 or more:", "Your entries stay on this device"} {
		if !strings.Contains(text, want) {
			t.Errorf("with JavaScript off the journal lacks %q:\n%s", want, text)
		}
	}
	if formShown || sheetLinks < 2 {
		t.Errorf("with JavaScript off: form shown %v, %d links to the blank sheet", formShown, sheetLinks)
	}
	wide("journal.html without JavaScript")
	var rows, cols int
	b.run(chromedp.Click(`a[href="journal-sheet.html"]`), chromedp.WaitVisible(".journal-sheet-table"),
		chromedp.Evaluate(`document.querySelectorAll(".journal-sheet-table tbody tr").length`, &rows),
		chromedp.Evaluate(`document.querySelectorAll(".journal-sheet-table thead th").length`, &cols),
		chromedp.Text("main", &text))
	if rows != 7 || cols != 8 || !strings.Contains(text, "Get help now if you notice") {
		t.Errorf("the blank sheet has %d rows of %d columns; text %q", rows, cols, text)
	}
	wide("journal-sheet.html without JavaScript")
	b.run(emulation.SetScriptExecutionDisabled(false))
	b.setDay("2025-03-07")
	b.open("#log=plank")
	b.run(chromedp.Click(`input[name=worst][value="2"]`), chromedp.Click("#journal-save"))
	wide("journal.html with an entry")
	var logged string
	b.run(chromedp.Text("#journal-table tbody", &logged))
	if !strings.Contains(logged, "Plank") {
		t.Errorf("journal.html#log=plank did not log the plank: %q", logged)
	}
}

// spanishFlags are the red flags of the shipped Spanish translation
// (content/es/flags.yaml), each with the source's flag of its id.
func spanishFlags(t *testing.T) (es []*handbook.Flag, src map[string]*handbook.Flag) {
	t.Helper()
	var errs diag.List
	tree, err := content.Load(os.DirFS(filepath.Join("..", "..", "content")), "content", &errs)
	if err != nil {
		t.Fatal(err)
	}
	h := schema.Decode(tree, &errs)
	src = map[string]*handbook.Flag{}
	for _, f := range h.Flags {
		src[f.ID] = f
	}
	for _, tr := range tree.Translations {
		if tr.Code == "es" {
			es = schema.Translate(h, tr, &errs).Flags
		}
	}
	if err := errs.Err(); err != nil {
		t.Fatalf("the shipped content has errors:\n%v", err)
	}
	if es == nil {
		t.Fatal("the shipped content has no Spanish translation")
	}
	return es, src
}

// englishChrome is the words of the journal's English strings that its
// Spanish strings do not share (layouts/strings/{en,es}/journal.yaml): each
// piece of an English string between its %s and %d, with a letter in it.
func englishChrome(t *testing.T) []string {
	t.Helper()
	read := func(lang string) map[string]string {
		b, err := os.ReadFile(filepath.Join("..", "..", "layouts", "strings", lang, "journal.yaml"))
		if err != nil {
			t.Fatal(err)
		}
		var m map[string]string
		if err := yaml.Unmarshal(b, &m); err != nil {
			t.Fatal(err)
		}
		return m
	}
	en, es := read("en"), read("es")
	seen := map[string]bool{}
	var out []string
	for k, w := range en {
		if es[k] == w {
			continue
		}
		for _, part := range regexp.MustCompile(`%[sdv]`).Split(w, -1) {
			part = strings.Trim(part, " .,:;()?!\"'")
			if len([]rune(part)) < 2 || seen[part] || strings.Contains(es[k], part) || !regexp.MustCompile(`\pL`).MatchString(part) {
				continue
			}
			seen[part] = true
			out = append(out, part)
		}
	}
	sort.Strings(out)
	return out
}

// The Spanish journal (es/journal.html) logs a day in Spanish: ticking a
// warning sign shows that red flag's action from content/es/flags.yaml at
// once; the saved day, the table, the chart and the clinician's summary
// speak Spanish, with Spanish dates, while the entry keeps the same values
// as in English; and no English word of the journal's strings is left.
func TestBrowserJournalSpanish(t *testing.T) {
	s := journalSites(t)[0]
	flags, src := spanishFlags(t)
	var sign *handbook.Flag
	for _, f := range flags {
		if f.Journal != "" {
			sign = f
			break
		}
	}
	if sign == nil {
		t.Fatal("the Spanish red flags offer the journal no warning sign")
	}
	if sign.Action == src[sign.ID].Action {
		t.Fatalf("red flag %s: its Spanish action is the English one, %q", sign.ID, sign.Action)
	}
	b := newJournalBrowser(t, s)
	b.setDay("2025-03-07")
	b.run(chromedp.Navigate(s.Base+"es/journal.html"), chromedp.WaitVisible("#journal-form"))
	var lang, alert string
	b.run(chromedp.Evaluate(`document.documentElement.lang`, &lang),
		chromedp.Evaluate(`document.getElementById("journal-signs-box").open = true`, nil),
		chromedp.Click(`input[name=sign][value="`+sign.ID+`"]`), chromedp.Text("#journal-alert", &alert))
	if lang != "es" {
		t.Errorf("es/journal.html is in the language %q", lang)
	}
	if !strings.Contains(alert, sign.Action) || !strings.Contains(alert, sign.Journal) || !strings.Contains(alert, "Más sobre esta señal") {
		t.Errorf("ticking %s shows %q; want its Spanish label %q and action %q", sign.ID, alert, sign.Journal, sign.Action)
	}

	// a day: pain, an exercise and how it felt, what made it worse
	var status, table, chart string
	b.run(chromedp.Click(`input[name=now][value="3"]`), chromedp.Click(`input[name=worst][value="6"]`),
		chromedp.Evaluate(`document.getElementById("journal-more").open = true`, nil),
		chromedp.Click(`input[name=worse][value="sitting"]`),
		chromedp.SetValue("#journal-add-list", "plank"), chromedp.Click("#journal-add"),
		chromedp.Click(`#journal-done li:last-child input[value="ok"]`),
		chromedp.Click("#journal-save"),
		chromedp.Poll(`document.getElementById("journal-save-status").textContent.startsWith("Se guardó")`, nil, chromedp.WithPollingTimeout(5*time.Second)),
		chromedp.Text("#journal-save-status", &status), chromedp.Text("#journal-table", &table),
		chromedp.Evaluate(`document.querySelector("#journal-chart svg").textContent`, &chart))
	if !strings.Contains(status, "viernes, 7 de marzo de 2025") || !strings.Contains(status, "señal de alarma") {
		t.Errorf("after saving, the page says %q", status)
	}
	for _, want := range []string{"Fecha", "Dolor ahora", "(bien)", "Lo empeoró: estar sentado.", "Editar"} {
		if !strings.Contains(table, want) {
			t.Errorf("the table lacks %q:\n%s", want, table)
		}
	}
	if !strings.Contains(chart, "Dolor en los últimos 14 días") || !strings.Contains(chart, "dolor más fuerte 6") {
		t.Errorf("the chart says %q", chart)
	}
	j := parseJournal(t, b.stored())
	if len(j.Entries) != 1 || fmt.Sprint(j.Entries[0]["worse"], j.Entries[0]["signs"], j.Entries[0]["exercises"]) !=
		fmt.Sprintf("[sitting] [%s] [map[felt:ok id:plank]]", sign.ID) {
		t.Errorf("the Spanish journal stored %s; want the values the English one keeps", b.stored())
	}

	// the clinician's summary, and every word the page shows or says
	b.run(chromedp.Evaluate(`window.print = () => {}`, nil), chromedp.Click("#journal-print"),
		chromedp.Click(`#journal-table button[aria-label^="Borrar"]`))
	var words string
	b.run(chromedp.Evaluate(`(() => {
		const main = document.querySelector("main").cloneNode(true);
		main.querySelectorAll("aside, script, noscript").forEach(e => e.remove()); // a noscript's text is its markup
		const said = Array.from(main.querySelectorAll("[aria-label], [title], [placeholder], [alt]"))
			.map(e => ["aria-label", "title", "placeholder", "alt"].map(a => e.getAttribute(a) || "").join(" "));
		return document.title + "\n" + main.textContent + "\n" + said.join("\n");
	})()`, &words))
	if !strings.Contains(words, "Diario de dolor y ejercicio: los últimos 14 días") || !strings.Contains(words, "¿Borrarla?") {
		t.Errorf("the summary or the question to delete is missing:\n%s", words)
	}
	for _, w := range englishChrome(t) {
		if regexp.MustCompile(`(^|[^\pL])` + regexp.QuoteMeta(w) + `($|[^\pL])`).MatchString(words) {
			t.Errorf("the Spanish journal says %q, in English", w)
		}
	}
}
