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
// Without it a test skips the check, saying how to get it; in CI it fails.
func axeSource(t testing.TB) string {
	t.Helper()
	p := os.Getenv("AXE_CORE_JS")
	if p == "" {
		_, file, _, _ := runtime.Caller(0)
		p = filepath.Join(filepath.Dir(file), "..", "..", ".cache", "node_modules", "axe-core", "axe.min.js")
	}
	b, err := os.ReadFile(p)
	if err != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("accessibility checks need axe-core in CI: run make tools (%v)", err)
		}
		t.Skip("accessibility check skipped: axe-core not found (run make tools, which uses npm)")
	}
	return string(b)
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

// Axe runs axe-core's WCAG 2.1 A and AA rules on the current page.
func Axe(ctx context.Context, t testing.TB) []Violation {
	t.Helper()
	src := axeSource(t)
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
