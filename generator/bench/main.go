// Command bench is `make bench`: it measures, on this machine in one run,
// the handbook's build against a minimal goldmark baseline, the cost of
// each stage, the search index and its query time in Chromium, and the
// edit-to-reload time of serve, and prints a markdown table.
//
// Usage:
//
//	bench [-runs 5] [-handbook bin/handbook]   the whole benchmark
//	bench baseline CONTENT OUT                 the baseline alone (run by the benchmark)
package main

import (
	"bytes"
	"compress/gzip"
	"context"
	"flag"
	"fmt"
	"io/fs"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"

	"handbook/generator/publish"
)

func main() {
	if len(os.Args) > 1 && os.Args[1] == "baseline" {
		if len(os.Args) != 4 {
			fmt.Fprintln(os.Stderr, "usage: bench baseline CONTENT OUT")
			os.Exit(2)
		}
		if err := baseline(os.Args[2], os.Args[3]); err != nil {
			fmt.Fprintln(os.Stderr, "baseline:", err)
			os.Exit(1)
		}
		return
	}
	runs := flag.Int("runs", 5, "builds of each content tree; the median is reported")
	bin := flag.String("handbook", "bin/handbook", "the handbook binary to measure (serve is measured in this process: its code is the bench binary's own)")
	only := flag.String("only", "", "run only these parts, comma-separated: build, stages, rebuild, search, serve, hugo")
	flag.Parse()
	for _, p := range strings.Split(*only, ",") {
		if p != "" {
			parts[p] = true
		}
	}
	if err := run(*runs, *bin); err != nil {
		fmt.Fprintln(os.Stderr, "bench:", err)
		os.Exit(1)
	}
}

// parts chosen with -only; none chosen means all.
var parts = map[string]bool{}

func want(part string) bool { return len(parts) == 0 || parts[part] }

// tree is one content tree measured.
type tree struct {
	name, dir string
	pages     int
}

func run(runs int, bin string) error {
	start := time.Now()
	tmp, err := os.MkdirTemp("", "handbook-bench-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	self, err := os.Executable()
	if err != nil {
		return err
	}
	corpora := []tree{{name: "shipped handbook", dir: "content"}}
	for _, n := range []int{1000, 10000} {
		dir := filepath.Join(tmp, fmt.Sprintf("tree-%d", n))
		if err := writeCorpus(dir, n); err != nil {
			return err
		}
		corpora = append(corpora, tree{name: fmt.Sprintf("%d synthetic pages", n), dir: dir})
	}
	fmt.Printf("# handbook benchmark\n\n%s\n\n", machine())

	var hugoCorpora []tree
	if want("build") {
		fmt.Printf("## Full build (median of %d cold builds; output written to disk)\n\n", runs)
		fmt.Println("| content | pages | handbook | pages/s | peak RSS | baseline | baseline RSS | handbook / baseline |")
		fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|")
	}
	for i, c := range corpora {
		if i > 0 {
			hugoCorpora = append(hugoCorpora, c)
		}
		if !want("build") {
			continue
		}
		out := filepath.Join(tmp, "out")
		ours, err := measure(runs, out, bin, "build", "-content", c.dir, "-out", out)
		if err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
		pages := countHTML(out)
		corpora[i].pages = pages
		base, err := measure(runs, out, self, "baseline", c.dir, out)
		if err != nil {
			return fmt.Errorf("baseline on %s: %w", c.name, err)
		}
		fmt.Printf("| %s | %d | %s | %.0f | %s | %s | %s | **%.2f x** |\n", c.name, pages, ms(ours.wall),
			float64(pages)/ours.wall.Seconds(), mb(ours.rss), ms(base.wall), mb(base.rss), ours.wall.Seconds()/base.wall.Seconds())
	}
	fmt.Println()

	big := corpora[len(corpora)-1]
	if want("stages") {
		if err := stages(bin, big, filepath.Join(tmp, "out")); err != nil {
			return err
		}
	}
	if want("rebuild") {
		if err := rebuilds(bin, corpora, filepath.Join(tmp, "out")); err != nil {
			return err
		}
	}
	if want("search") {
		if err := searchBench(bin, []tree{corpora[0], big}, tmp); err != nil {
			return err
		}
	}
	if want("serve") {
		if err := serveBench(corpora, tmp); err != nil {
			return err
		}
	}
	if want("hugo") {
		hugo(hugoCorpora, tmp, runs)
	}
	fmt.Printf("\nThe whole benchmark took %s.\n", time.Since(start).Round(time.Second))
	return nil
}

// result is one measured run: wall time and peak resident memory.
type result struct {
	wall time.Duration
	rss  int64 // bytes
}

// measure runs a command runs times, each into a fresh output folder, and
// returns the median time and the largest peak RSS.
func measure(runs int, out string, name string, args ...string) (result, error) {
	var walls []time.Duration
	var rss int64
	for i := 0; i < runs; i++ {
		cleanOut(out)
		r, err := once(name, args...)
		if err != nil {
			return result{}, err
		}
		walls = append(walls, r.wall)
		rss = max(rss, r.rss)
	}
	return result{median(walls), rss}, nil
}

func once(name string, args ...string) (result, error) {
	cmd := exec.Command(name, args...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	t := time.Now()
	if err := cmd.Run(); err != nil {
		return result{}, fmt.Errorf("%s %v: %v\n%s", name, args, err, stderr.String())
	}
	wall := time.Since(t)
	return result{wall, peakRSS(cmd.ProcessState)}, nil
}

func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration{}, ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	return s[len(s)/2]
}

func percentile(xs []float64, p float64) float64 {
	s := append([]float64{}, xs...)
	sort.Float64s(s)
	return s[int(math.Min(float64(len(s)-1), math.Floor(p*float64(len(s)))))]
}

// stages prints the cost of each stage of a build of the largest tree.
func stages(bin string, c tree, out string) error {
	cleanOut(out)
	b, err := exec.Command(bin, "build", "-v", "-content", c.dir, "-out", out).CombinedOutput()
	if err != nil {
		return fmt.Errorf("stages: %v\n%s", err, b)
	}
	fmt.Printf("## Stages of one build of %s\n\n", c.name)
	fmt.Println("| stage | time |")
	fmt.Println("|---|---:|")
	line := regexp.MustCompile(`^\s+(\S+)\s+([\d.]+) ms$`)
	for _, l := range strings.Split(string(b), "\n") {
		if m := line.FindStringSubmatch(l); m != nil {
			fmt.Printf("| %s | %s ms |\n", m[1], m[2])
		}
	}
	fmt.Println("\nload, decode and graph run on one core; markdown, layouts, minify and write on all, with the search index built on one of them meanwhile. (minify) and (write) are inside search+layouts+write: their summed time over the cores, divided by the cores.")
	fmt.Println()
	return nil
}

// rebuilds prints the time of a build whose output is already there: with
// nothing changed, and with one page's text changed (what an author waits
// for most), against a clean build into an empty folder, all in one run.
func rebuilds(bin string, corpora []tree, out string) error {
	fmt.Println("## Rebuild with the output already there (pages whose inputs did not change are kept)")
	fmt.Println()
	fmt.Println("| content | clean build | nothing changed | one page changed | one page / clean |")
	fmt.Println("|---|---:|---:|---:|---:|")
	for _, c := range corpora {
		dir, err := os.MkdirTemp(filepath.Dir(out), "edit-")
		if err != nil {
			return err
		}
		if err := os.CopyFS(dir, os.DirFS(c.dir)); err != nil {
			return err
		}
		page, err := firstPage(dir)
		if err != nil {
			return err
		}
		build := func() (time.Duration, error) {
			r, err := once(bin, "build", "-content", dir, "-out", out)
			return r.wall, err
		}
		var clean, same, one []time.Duration
		for i := 0; i < 3; i++ {
			cleanOut(out)
			w, err := build()
			if err != nil {
				return err
			}
			clean = append(clean, w)
		}
		for i := 0; i < 3; i++ {
			w, err := build()
			if err != nil {
				return err
			}
			same = append(same, w)
		}
		for i := 0; i < 3; i++ {
			f, err := os.OpenFile(page, os.O_APPEND|os.O_WRONLY, 0)
			if err != nil {
				return err
			}
			fmt.Fprintf(f, "\nOne more sentence, number %d.\n", i)
			f.Close()
			w, err := build()
			if err != nil {
				return err
			}
			one = append(one, w)
		}
		os.RemoveAll(dir)
		fmt.Printf("| %s | %s | %s | %s | **%.2f x** |\n", c.name, ms(median(clean)), ms(median(same)), ms(median(one)),
			median(one).Seconds()/median(clean).Seconds())
	}
	fmt.Println()
	return nil
}

// firstPage finds the first exercise page of a content folder, to edit.
func firstPage(dir string) (string, error) {
	m, err := filepath.Glob(filepath.Join(dir, "exercises", "*.md"))
	if err != nil || len(m) == 0 {
		return "", fmt.Errorf("no exercise page in %s", dir)
	}
	return m[0], nil
}

func countHTML(dir string) int {
	n := 0
	filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".html") {
			n++
		}
		return nil
	})
	return n
}

func gzSize(b []byte) int {
	var buf bytes.Buffer
	w, _ := gzip.NewWriterLevel(&buf, gzip.BestCompression)
	w.Write(b)
	w.Close()
	return buf.Len()
}

func ms(d time.Duration) string { return fmt.Sprintf("%.0f ms", d.Seconds()*1000) }

func mb(b int64) string { return fmt.Sprintf("%.0f MB", float64(b)/(1<<20)) }

func kb(b int) string { return fmt.Sprintf("%.1f KB", float64(b)/1024) }

// machine describes where the numbers come from.
func machine() string {
	cpu := "unknown CPU"
	if b, err := os.ReadFile("/proc/cpuinfo"); err == nil {
		if m := regexp.MustCompile(`model name\s*:\s*(.+)`).FindSubmatch(b); m != nil {
			cpu = string(m[1])
		}
	}
	goVersion, _ := exec.Command("go", "version").Output()
	return fmt.Sprintf("Machine: %s, %d cores, %s. %s", cpu, numCPU(), time.Now().UTC().Format("2006-01-02"), strings.TrimSpace(string(goVersion)))
}

var _ = context.Background

// cleanOut removes an output folder and what a build keeps beside it (the
// keys and the cache of converted pages), so the next build starts cold.
func cleanOut(out string) {
	os.RemoveAll(out)
	os.RemoveAll(publish.Beside(out, "cache"))
	os.Remove(publish.Beside(out, "keys"))
}
