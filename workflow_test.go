package handbook

import (
	"os"
	"strings"
	"testing"

	"go.yaml.in/yaml/v3"
)

// The GitHub Pages workflow checks out, sets up Go, builds with the
// README's command and the Pages URL as base URL, uploads public/ and
// deploys it, with the permissions Pages needs.
func TestPagesWorkflow(t *testing.T) {
	b, err := os.ReadFile(".github/workflows/pages.yml")
	if err != nil {
		t.Fatal(err)
	}
	var wf struct {
		On          map[string]any    `yaml:"on"`
		Permissions map[string]string `yaml:"permissions"`
		Jobs        map[string]struct {
			Needs string `yaml:"needs"`
			Steps []struct {
				ID   string            `yaml:"id"`
				Uses string            `yaml:"uses"`
				Run  string            `yaml:"run"`
				With map[string]string `yaml:"with"`
			} `yaml:"steps"`
		} `yaml:"jobs"`
	}
	if err := yaml.Unmarshal(b, &wf); err != nil {
		t.Fatalf("pages.yml is not valid YAML: %v", err)
	}
	if _, ok := wf.On["push"]; !ok {
		t.Error("the workflow does not run on push")
	}
	if wf.Permissions["pages"] != "write" || wf.Permissions["id-token"] != "write" {
		t.Errorf("permissions %v: Pages needs pages: write and id-token: write", wf.Permissions)
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
