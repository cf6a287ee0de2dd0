package browsertest

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"sync"

	"github.com/chromedp/cdproto/emulation"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// Site says how the pages of a built site are reached.
type Site struct {
	Dir  string // the output folder on disk
	Base string // the URL of Dir: file:///.../ or http://127.0.0.1:port/sub/
}

// Local maps a URL of the site to its file, or "" if it is outside the site.
func (s Site) Local(u string) string {
	u, _, _ = strings.Cut(u, "#")
	u, _, _ = strings.Cut(u, "?")
	if !strings.HasPrefix(u, s.Base) {
		return ""
	}
	rel, err := url.PathUnescape(strings.TrimPrefix(u, s.Base))
	if err != nil {
		return ""
	}
	if rel == "" || strings.HasSuffix(rel, "/") {
		rel += "index.html"
	}
	return filepath.Join(s.Dir, filepath.FromSlash(rel))
}

// Report is what a crawl found wrong. Empty lists mean a clean site.
type Report struct {
	Pages    int
	Links    int
	Problems []string
}

// PageError says what a page did wrong, if the event is one of the
// problems a page must never have: a console error or warning, an uncaught
// exception, or an error the browser itself logs (a blocked request, a
// manifest it could not load from disk). Listen with runtime and log
// enabled.
func PageError(ev any) (string, bool) {
	switch ev := ev.(type) {
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.APITypeError || ev.Type == runtime.APITypeWarning {
			return fmt.Sprintf("console %s: %s", ev.Type, argsText(ev.Args)), true
		}
	case *runtime.EventExceptionThrown:
		return "exception: " + ev.ExceptionDetails.Error(), true
	case *cdplog.EventEntryAdded:
		if ev.Entry.Level == cdplog.LevelError {
			return fmt.Sprintf("browser error: %s %s", ev.Entry.Text, ev.Entry.URL), true
		}
	}
	return "", false
}

// Crawl opens start and every page reachable from it by links, following
// only links inside the site. It records broken links and anchors, console
// errors and exceptions, and any request for something that is not a file
// of the site. With noJS the pages are read with JavaScript off, as a
// reader without it sees them.
func Crawl(ctx context.Context, s Site, start string, noJS bool) (*Report, error) {
	r := &Report{}
	var mu sync.Mutex
	problem := func(format string, args ...any) {
		mu.Lock()
		r.Problems = append(r.Problems, fmt.Sprintf(format, args...))
		mu.Unlock()
	}
	var current string
	chromedp.ListenTarget(ctx, func(ev any) {
		if msg, ok := PageError(ev); ok {
			problem("%s: %s", current, msg)
			return
		}
		switch ev := ev.(type) {
		case *network.EventRequestWillBeSent:
			if strings.HasPrefix(ev.Request.URL, "data:") {
				return
			}
			local := s.Local(ev.Request.URL)
			if local == "" {
				problem("%s: request outside the site: %s", current, ev.Request.URL)
			} else if _, err := os.Stat(local); err != nil {
				problem("%s: request for a missing file: %s", current, ev.Request.URL)
			}
		}
	})
	if err := chromedp.Run(ctx, network.Enable(), runtime.Enable(), cdplog.Enable(), emulation.SetScriptExecutionDisabled(noJS)); err != nil {
		return nil, err
	}
	defer chromedp.Run(ctx, emulation.SetScriptExecutionDisabled(false))
	type anchor struct{ page, id, from string }
	var anchors []anchor
	ids := map[string]map[string]bool{}
	seen := map[string]bool{start: true}
	queue := []string{start}
	for len(queue) > 0 {
		page := queue[0]
		queue = queue[1:]
		current = strings.TrimPrefix(page, s.Base)
		var hrefs, pageIDs []string
		err := chromedp.Run(ctx,
			chromedp.Navigate(page),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("a[href], form[action]"), e => e.href || e.action)`, &hrefs),
			chromedp.Evaluate(`Array.from(document.querySelectorAll("[id]"), e => e.id)`, &pageIDs),
		)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", current, err)
		}
		r.Pages++
		ids[s.Local(page)] = set(pageIDs)
		for _, h := range hrefs {
			r.Links++
			if !strings.HasPrefix(h, s.Base[:strings.Index(s.Base, ":")+1]) || strings.HasPrefix(h, "mailto:") {
				continue // an external link: not followed
			}
			local := s.Local(h)
			if local == "" {
				problem("%s: link leaves the site: %s", current, h)
				continue
			}
			if _, err := os.Stat(local); err != nil {
				problem("%s: broken link: %s", current, h)
				continue
			}
			// a fragment with "=" is a page's state (#a=0.3, #h=...), not an element
			if _, frag, ok := strings.Cut(h, "#"); ok && frag != "" && !strings.Contains(frag, "=") {
				anchors = append(anchors, anchor{local, frag, current})
			}
			target, _, _ := strings.Cut(h, "#")
			if strings.HasSuffix(target, ".html") && !seen[target] {
				seen[target] = true
				queue = append(queue, target)
			}
		}
	}
	for _, a := range anchors {
		if m, ok := ids[a.page]; ok && !m[a.id] {
			id, _ := url.PathUnescape(a.id)
			if !m[id] {
				problem("%s: broken anchor #%s in %s", a.from, a.id, filepath.Base(a.page))
			}
		}
	}
	sort.Strings(r.Problems)
	return r, nil
}

func set(xs []string) map[string]bool {
	m := make(map[string]bool, len(xs))
	for _, x := range xs {
		m[x] = true
	}
	return m
}

func argsText(args []*runtime.RemoteObject) string {
	var parts []string
	for _, a := range args {
		if a.Description != "" {
			parts = append(parts, a.Description)
		} else {
			parts = append(parts, string(a.Value))
		}
	}
	return strings.Join(parts, " ")
}
