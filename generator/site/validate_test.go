package site

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// VNUVersion is the W3C Nu HTML checker the tests use (npm's vnu-jar, run
// with Java). `make tools` installs it into .cache/; it is a test-time
// tool, never part of the build.
const VNUVersion = "24.10.17"

// Every page of the shipped handbook is valid HTML: the Nu checker finds no
// error.
func TestHTMLValid(t *testing.T) {
	jar := vnuJar(t)
	out := buildShipped(t)
	validate(t, jar, out)
	t.Logf("%d pages validated, no errors", htmlPages(t, out)+1)
}

// vnuJar finds the Nu checker, or skips t (fails it in CI) without it.
func vnuJar(t *testing.T) string {
	t.Helper()
	jar := filepath.Join("..", "..", ".cache", "node_modules", "vnu-jar", "build", "dist", "vnu.jar")
	_, jarErr := os.Stat(jar)
	_, javaErr := exec.LookPath("java")
	if jarErr != nil || javaErr != nil {
		if os.Getenv("CI") == "true" {
			t.Fatalf("HTML validation needs Java and vnu-jar in CI (run make tools; apt-get install default-jre-headless): %v %v", jarErr, javaErr)
		}
		t.Skip("HTML validation skipped: needs Java and vnu-jar (make tools; apt-get install default-jre-headless)")
	}
	return jar
}

// validate runs the Nu checker over every HTML file in dirs, once.
func validate(t *testing.T, jar string, dirs ...string) {
	t.Helper()
	cmd := exec.Command("java", append([]string{"-jar", jar, "--errors-only", "--skip-non-html", "--format", "gnu"}, dirs...)...)
	b, err := cmd.CombinedOutput()
	report := strings.TrimSpace(string(b))
	if err != nil || report != "" {
		lines := strings.Split(report, "\n")
		t.Errorf("the Nu checker found %d error(s) (%v):\n%s", len(lines), err, strings.Join(lines[:min(len(lines), 20)], "\n"))
	}
}
