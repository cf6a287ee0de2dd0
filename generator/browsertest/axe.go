package browsertest

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"testing"

	cdpruntime "github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
)

// AxeVersion is the axe-core release the accessibility checks use. It is a
// test-time tool: `make tools` (run by make test) installs it with npm into
// .cache/, which git ignores. Nothing of it reaches the built site.
const AxeVersion = "4.10.3"

// axeSource finds axe.min.js: $AXE_CORE_JS, or .cache/ at the module root.
// Without it the check is not run, and the test goes on with its
// functional steps; in CI (CI=true) the absence is a failure.
func axeSource(t testing.TB) (string, bool) {
	t.Helper()
	p := os.Getenv("AXE_CORE_JS")
	if p == "" {
		_, file, _, _ := runtime.Caller(0)
		p = filepath.Join(filepath.Dir(file), "..", "..", ".cache", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		NotRun(t, "accessibility checks (axe-core)", "run make tools, which uses npm: "+err.Error())
		return "", false
	}
	return string(b), true
}

// NotRun reports that a checker is missing: a failure in CI (CI=true),
// elsewhere one line in the test's log. The caller goes on, so the
// functional steps of a test never depend on a checker being there.
func NotRun(t testing.TB, what, hint string) {
	t.Helper()
	if os.Getenv("CI") == "true" {
		t.Errorf("%s not run in CI: %s", what, hint)
		return
	}
	t.Logf("%s not run: %s", what, hint)
}

// Violation is one axe-core finding.
type Violation struct {
	ID    string `json:"id"`
	Help  string `json:"help"`
	Nodes []struct {
		Target []string `json:"target"`
	} `json:"nodes"`
}

func (v Violation) String() string {
	var targets []string
	for _, n := range v.Nodes {
		targets = append(targets, fmt.Sprint(n.Target))
	}
	return fmt.Sprintf("%s: %s %v", v.ID, v.Help, targets)
}

// Axe runs axe-core's WCAG 2.1 A and AA rules on the current page. Without
// axe-core it reports that (see NotRun) and returns no violations.
func Axe(ctx context.Context, t testing.TB) []Violation {
	t.Helper()
	src, ok := axeSource(t)
	if !ok {
		return nil
	}
	var out []Violation
	err := chromedp.Run(ctx,
		chromedp.Evaluate(src, nil),
		chromedp.Evaluate(`axe.run(document, {runOnly: {type: "tag", values: ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}).then(r => r.violations)`,
			&out, func(p *cdpruntime.EvaluateParams) *cdpruntime.EvaluateParams { return p.WithAwaitPromise(true) }),
	)
	if err != nil {
		t.Fatalf("axe-core: %v", err)
	}
	return out
}
