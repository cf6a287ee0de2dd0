// Package browsertest starts headless Chromium for tests and walks a built
// site in it, the way a reader would, reporting broken links and anchors,
// console errors and requests that leave the site.
//
// Without Chromium the tests skip with one line naming the package to
// install, except in CI (CI=true), where a missing browser is a failure.
package browsertest

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// Path is where Debian's chromium package puts the browser.
const Path = "/usr/bin/chromium"

// New starts a browser for the test and returns a context for chromedp
// calls, cancelled when the test ends.
func New(t testing.TB) context.Context {
	t.Helper()
	exe := Path
	if _, err := os.Stat(exe); err != nil {
		if p, err := exec.LookPath("chromium"); err == nil {
			exe = p
		} else if os.Getenv("CI") == "true" {
			t.Fatalf("browser tests need Chromium in CI: install it with apt-get install chromium")
		} else {
			t.Skip("browser test skipped: Chromium not found (apt-get install chromium)")
		}
	}
	// Not t.TempDir: Chromium may still be writing its profile while the
	// test's cleanup runs, and that must not fail the test.
	profile, err := os.MkdirTemp("", "handbook-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	opts := Options(exe, profile)
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	// a safety net against a hung browser, not a measure of speed: a
	// crawl of a thousand pages on a busy 2-core machine takes minutes
	ctx, cancelTime := context.WithTimeout(ctx, 15*time.Minute)
	if err := chromedp.Run(ctx); err != nil {
		cancelTime()
		cancel()
		cancelAlloc()
		t.Fatalf("starting Chromium: %v", err)
	}
	t.Cleanup(func() {
		cancelTime()
		cancel()
		cancelAlloc()
		os.RemoveAll(profile)
	})
	return ctx
}

// Options are the Chromium flags every test and benchmark uses: headless,
// no sandbox (root in CI), no background network (the machine has none),
// and a fresh profile folder.
func Options(exe, profile string) []chromedp.ExecAllocatorOption {
	return []chromedp.ExecAllocatorOption{
		chromedp.ExecPath(exe),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.UserDataDir(profile),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-quic", true),
		// tests walk hundreds of paths through the wizard by changing the
		// address's hash; Chromium otherwise ignores such changes after 200
		// in ten seconds
		chromedp.Flag("disable-ipc-flooding-protection", true),
		chromedp.WindowSize(1000, 800),
	}
}

// Reload reloads the page and waits until sel is visible. Now and then
// Chromium never reports the reloaded page's load (one CI run waited 900 s
// after printing a PDF, and the same test then passed three times in a
// row), so each try is bounded by a minute and a lost event gets a second
// try. A page that never shows sel still fails, after two minutes.
func Reload(sel string) chromedp.Action {
	return chromedp.ActionFunc(func(ctx context.Context) error {
		var err error
		for try := 0; try < 2; try++ {
			tctx, cancel := context.WithTimeout(ctx, time.Minute)
			err = chromedp.Tasks{chromedp.Reload(), chromedp.WaitVisible(sel)}.Do(tctx)
			cancel()
			if err == nil || ctx.Err() != nil {
				break
			}
		}
		if err == nil {
			return nil
		}
		return fmt.Errorf("reloading and waiting for %s: %w", sel, err)
	})
}
