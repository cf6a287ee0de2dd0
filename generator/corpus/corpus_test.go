package corpus

import (
	"crypto/sha256"
	"flag"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"handbook"
	"handbook/generator/site"
)

var _ = flag.Bool("update", false, "rewrite golden files (none in this package)")

// A corpus passes every check of a build, and the same n gives the same bytes.
func TestCorpusIsValidAndDeterministic(t *testing.T) {
	a, b := filepath.Join(t.TempDir(), "a"), filepath.Join(t.TempDir(), "b")
	if err := Write(a, 100); err != nil {
		t.Fatal(err)
	}
	if err := Write(b, 100); err != nil {
		t.Fatal(err)
	}
	if hash(t, a) != hash(t, b) {
		t.Error("two corpora of 100 pages differ")
	}
	res, err := site.Build(site.Config{Content: a, Layouts: handbook.Layouts(), Assets: handbook.Assets()})
	if err != nil {
		t.Fatalf("the corpus does not build:\n%v", err)
	}
	if res.Pages < 100 {
		t.Errorf("%d pages built", res.Pages)
	}
}

func hash(t *testing.T, dir string) string {
	h := sha256.New()
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() {
			b, _ := os.ReadFile(p)
			rel, _ := filepath.Rel(dir, p)
			fmt.Fprintf(h, "%s\n%x\n", rel, sha256.Sum256(b))
		}
		return nil
	})
	return fmt.Sprintf("%x", h.Sum(nil))
}
