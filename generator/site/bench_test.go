package site

import (
	"path/filepath"
	"runtime"
	"strings"
	"testing"
	"time"
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

// BenchmarkPathological builds pages at the limits: the largest page
// allowed, and a page of 10,000 links. It reports the heap the build
// reached, so growth with such input stays bounded and visible.
func BenchmarkPathological(b *testing.B) {
	cases := map[string]string{
		"4MB-page":     "---\ntitle: Big\nsummary: Big.\n---\n\n" + strings.Repeat("A long paragraph of text. ", 160000),
		"10000-links":  "---\ntitle: Links\nsummary: Many.\n---\n\n" + strings.Repeat("[rest](../faq/rest.md) ", 10000),
		"nested-lists": "---\ntitle: Deep\nsummary: Deep.\n---\n\n" + nested("- ", 500),
	}
	for name, text := range cases {
		b.Run(name, func(b *testing.B) {
			root := writeTree(b, b.TempDir(), map[string]string{"guides/big.md": text})
			var peak uint64
			for b.Loop() {
				runtime.GC()
				done := make(chan struct{})
				go func() {
					var ms runtime.MemStats
					for {
						select {
						case <-done:
							return
						default:
						}
						runtime.ReadMemStats(&ms)
						peak = max(peak, ms.HeapAlloc)
						time.Sleep(5 * time.Millisecond)
					}
				}()
				if _, err := Build(config(root, "")); err != nil {
					b.Fatal(err)
				}
				close(done)
			}
			b.ReportMetric(float64(peak)/(1<<20), "peak-heap-MB")
		})
	}
}
