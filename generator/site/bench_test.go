package site

import (
	"path/filepath"
	"testing"
)

// BenchmarkBuildShipped builds the shipped handbook without writing it.
func BenchmarkBuildShipped(b *testing.B) {
	cfg := config(filepath.Join("..", "..", "content"), "")
	for b.Loop() {
		if _, err := Build(cfg); err != nil {
			b.Fatal(err)
		}
	}
}
