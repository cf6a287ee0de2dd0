package site

import (
	"os"
	"testing"
)

// TestMemProfile builds the corpus in $HANDBOOK_CORPUS for a memory profile.
func TestMemProfile(t *testing.T) {
	dir := os.Getenv("HANDBOOK_CORPUS")
	if dir == "" {
		t.Skip("set HANDBOOK_CORPUS")
	}
	if _, err := Build(config(dir, "")); err != nil {
		t.Fatal(err)
	}
}
