package site

import (
	"fmt"
	"os"
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

// worstCases are the shapes of markdown that stress a parser: each makes a
// page body of about n bytes.
var worstCases = []struct {
	name string
	make func(n int) string
}{
	{"headings", func(n int) string { return strings.Repeat("## Same heading\n\n", n/17) }},
	{"nested-quotes", func(n int) string { return strings.Repeat("> ", n/2) + "deep\n" }},
	{"quote-lines", func(n int) string { return strings.Repeat("> > > > a line\n", n/15) }},
	{"links", func(n int) string { return strings.Repeat("[rest](../faq/rest.md) ", n/23) }},
	{"emphasis-open", func(n int) string { return strings.Repeat("*a ", n/3) }},
	{"emphasis-pairs", func(n int) string { return strings.Repeat("**a** _b_ ", n/10) }},
	{"brackets-open", func(n int) string { return strings.Repeat("[a ", n/3) }},
	{"table", func(n int) string {
		return "| a | b | c |\n|---|---|---|\n" + strings.Repeat("| x | y | z |\n", n/14)
	}},
	{"nested-lists", func(n int) string { return nested("- ", min(n/4, 500)) + strings.Repeat("word ", n/10) }},
}

// BenchmarkWorstCase builds one page of each worst-case shape at 0.1, 0.4,
// 1 and 4 MB, and reports the time per MB: flat when the build is linear
// in its input. `make bench` runs it.
func BenchmarkWorstCase(b *testing.B) {
	for _, c := range worstCases {
		for _, size := range []int{100_000, 400_000, 1_000_000, 4_000_000 - 4096} {
			b.Run(fmt.Sprintf("%s/%.1fMB", c.name, float64(size)/1e6), func(b *testing.B) {
				body := "---\ntitle: Worst\nsummary: Worst case.\n---\n\n" + c.make(size)
				root := writeTree(b, b.TempDir(), map[string]string{"guides/worst.md": body})
				for b.Loop() {
					Build(config(root, ""))
				}
				b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N)/1e6/(float64(len(body))/1e6), "ms/MB")
			})
		}
	}
}

// BenchmarkServeEdit is serve's rebuild after one save: the shipped
// handbook copied, built once with serve's cache, then one guide edited
// before each rebuild.
func BenchmarkServeEdit(b *testing.B) {
	dir := b.TempDir()
	src := filepath.Join("..", "..", "content")
	if err := os.CopyFS(dir, os.DirFS(src)); err != nil {
		b.Fatal(err)
	}
	out := filepath.Join(b.TempDir(), "public")
	cfg := config(dir, out)
	cfg.Cache, cfg.Fast = NewCache(), true
	if _, err := Build(cfg); err != nil {
		b.Fatal(err)
	}
	guide := filepath.Join(dir, "guides", "cooling-down.md")
	text, err := os.ReadFile(guide)
	if err != nil {
		b.Fatal(err)
	}
	n := 0
	for b.Loop() {
		n++
		edited := append([]byte{}, text...)
		edited = append(edited, fmt.Sprintf("\nEdit %d.\n", n)...)
		if err := os.WriteFile(guide, edited, 0o644); err != nil {
			b.Fatal(err)
		}
		if _, err := Build(cfg); err != nil {
			b.Fatal(err)
		}
	}
}
