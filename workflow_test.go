package handbook

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// workflow is what the tests read of a GitHub Actions workflow.
type workflow struct {
	On          map[string]any    `yaml:"on"`
	Permissions map[string]string `yaml:"permissions"`
	Jobs        map[string]struct {
		Needs       string            `yaml:"needs"`
		Timeout     int               `yaml:"timeout-minutes"`
		Permissions map[string]string `yaml:"permissions"`
		Steps       []struct {
			ID   string            `yaml:"id"`
			Uses string            `yaml:"uses"`
			Run  string            `yaml:"run"`
			With map[string]string `yaml:"with"`
		} `yaml:"steps"`
	} `yaml:"jobs"`
}

func readWorkflow(t *testing.T, path string) workflow {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var wf workflow
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatalf("%s is not valid YAML: %v", path, err)
	}
	return wf
}

// The GitHub Pages workflow checks out, sets up Go, builds with the
// README's command and the Pages URL as base URL, uploads public/ and
// deploys it, with the permissions Pages needs.
func TestPagesWorkflow(t *testing.T) {
	wf := readWorkflow(t, ".github/workflows/pages.yml")
	if _, ok := wf.On["push"]; !ok {
		t.Error("the workflow does not run on push")
	}
	// Least privilege: the workflow and the build job only read; the
	// deploy job alone may publish.
	for k, v := range wf.Permissions {
		if v == "write" {
			t.Errorf("workflow permissions %v: %s: write belongs to the deploy job only", wf.Permissions, k)
		}
	}
	for k, v := range wf.Jobs["build"].Permissions {
		if v == "write" {
			t.Errorf("build job permissions %v: %s: write belongs to the deploy job only", wf.Jobs["build"].Permissions, k)
		}
	}
	if p := wf.Jobs["deploy"].Permissions; p["pages"] != "write" || p["id-token"] != "write" {
		t.Errorf("deploy job permissions %v: Pages needs pages: write and id-token: write", p)
	}
	var order []string
	for _, s := range wf.Jobs["build"].Steps {
		switch {
		case strings.HasPrefix(s.Uses, "actions/checkout@"):
			order = append(order, "checkout")
		case strings.HasPrefix(s.Uses, "actions/setup-go@"):
			order = append(order, "go")
		case strings.HasPrefix(s.Uses, "actions/configure-pages@") && s.ID == "pages":
			order = append(order, "configure")
		case strings.Contains(s.Run, "make build") && strings.Contains(s.Run, "steps.pages.outputs.base_url"):
			order = append(order, "build")
		case strings.HasPrefix(s.Uses, "actions/upload-pages-artifact@") && s.With["path"] == "public":
			order = append(order, "upload")
		}
	}
	if got := strings.Join(order, " "); got != "checkout go configure build upload" {
		t.Errorf("build steps: %s", got)
	}
	deploy := wf.Jobs["deploy"]
	if deploy.Needs != "build" || len(deploy.Steps) != 1 || !strings.HasPrefix(deploy.Steps[0].Uses, "actions/deploy-pages@") {
		t.Errorf("deploy job: %+v", deploy)
	}
	readme, _ := os.ReadFile("README.md")
	if !strings.Contains(string(readme), "## Publish on GitHub Pages") || !strings.Contains(string(readme), "make build") {
		t.Error("README.md does not explain publishing")
	}
}

// The test workflow runs .ci/run, the same script as the project's CI, on
// every push and pull request, with a timeout and read-only rights.
func TestCIWorkflow(t *testing.T) {
	wf := readWorkflow(t, ".github/workflows/ci.yml")
	for _, ev := range []string{"push", "pull_request"} {
		if _, ok := wf.On[ev]; !ok {
			t.Errorf("the CI workflow does not run on %s", ev)
		}
	}
	if len(wf.Permissions) != 0 {
		t.Errorf("workflow permissions %v: give each job its own", wf.Permissions)
	}
	runs := false
	for name, j := range wf.Jobs {
		if j.Timeout <= 0 || j.Timeout > 90 {
			t.Errorf("job %s: timeout-minutes %d, want 1 to 90", name, j.Timeout)
		}
		for k, v := range j.Permissions {
			if v != "read" {
				t.Errorf("job %s: %s: %s, want read only", name, k, v)
			}
		}
		for _, s := range j.Steps {
			runs = runs || strings.Contains(s.Run, ".ci/run")
		}
	}
	if !runs {
		t.Error("no job runs .ci/run")
	}
}
