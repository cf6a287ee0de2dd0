package main

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/chromedp/chromedp"

	"handbook/generator/browsertest"
)

// queries are typed into the search in Chromium: words of the shipped
// handbook and of the synthetic corpora, whole and half-typed, with typos.
var queries = []string{
	"slipped disc", "brige", "sit ups", "sciatica", "plank", "sore after gym", "heat or ice", "walking",
	"hamstring stretch", "warm up", "spinal stenosis", "bladder", "glute bridge", "foam rol", "desk",
	"back pain", "gentle stretch", "core strength", "knee", "breathe slowly", "shouldr", "mattress",
	"flare-up", "hip", "balance", "stairs", "pillow", "dose sets", "physiotherapist", "morning",
}

// searchBench reports the index's size and what the first result needs,
// and the time of a query in headless Chromium.
func searchBench(bin string, corpora []tree, tmp string) error {
	exe := browsertest.Path
	if _, err := os.Stat(exe); err != nil {
		fmt.Println("## Search\n\nSkipped: Chromium not found (apt-get install chromium).")
		return nil
	}
	fmt.Println("## Search")
	fmt.Println()
	fmt.Println("| content | index files | raw | gzipped | + search.js gz | first result loads (gz) | query p50 | query p95 |")
	fmt.Println("|---|---:|---:|---:|---:|---:|---:|---:|")
	for _, c := range corpora {
		out := filepath.Join(tmp, "search-out")
		cleanOut(out)
		if b, err := exec.Command(bin, "build", "-content", c.dir, "-out", out).CombinedOutput(); err != nil {
			return fmt.Errorf("%v\n%s", err, b)
		}
		files, _ := filepath.Glob(filepath.Join(out, "search", "*.js"))
		raw, gz := 0, 0
		sizes := map[string]int{}
		for _, f := range files {
			b, _ := os.ReadFile(f)
			raw += len(b)
			g := gzSize(b)
			gz += g
			sizes["search/"+filepath.Base(f)] = g
		}
		js, _ := os.ReadFile(filepath.Join(out, "assets", "search.js"))
		jsGz := gzSize(js)
		first, p50, p95, err := queryTimes(out, sizes)
		if err != nil {
			return err
		}
		fmt.Printf("| %s | %d | %s | %s | %s | %s | %.2f ms | %.2f ms |\n", c.name, len(files), kb(raw), kb(gz), kb(gz+jsGz), kb(first+jsGz), p50, p95)
	}
	fmt.Println("\nFirst result: search.js and the index files loaded for the first query (docs, the shards its words need, the text chunk of the results). Query: HandbookSearch.query once its files are loaded, median of 5 per query, over", len(queries), "queries.")
	fmt.Println()
	return nil
}

// queryTimes serves out over HTTP, opens the search page in Chromium, and
// runs the queries. It returns the gzipped bytes loaded for the first
// query, and the query time percentiles in milliseconds.
func queryTimes(out string, sizes map[string]int) (int, float64, float64, error) {
	srv := httptest.NewServer(http.FileServer(http.Dir(out)))
	defer srv.Close()
	profile, _ := os.MkdirTemp("", "bench-chromium-")
	defer os.RemoveAll(profile)
	actx, cancelA := chromedp.NewExecAllocator(context.Background(), browsertest.Options(browsertest.Path, profile)...)
	defer cancelA()
	ctx, cancel := chromedp.NewContext(actx)
	defer cancel()
	ctx, cancelT := context.WithTimeout(ctx, 3*time.Minute)
	defer cancelT()
	var loaded []string
	err := chromedp.Run(ctx,
		chromedp.Navigate(srv.URL+"/search.html"),
		chromedp.Evaluate(`new Promise(function (done) {
			HandbookSearch.search("slipped disc", {}, 8, function () {
				done(performance.getEntriesByType("resource").map(function (e) { return new URL(e.name).pathname.slice(1); }));
			});
		})`, &loaded, awaitPromise),
	)
	if err != nil {
		return 0, 0, 0, err
	}
	first := 0
	for _, p := range loaded {
		first += sizes[p]
	}
	var times []float64
	for _, q := range queries {
		var t float64
		err := chromedp.Run(ctx, chromedp.Evaluate(`new Promise(function (done) {
			var q = `+fmt.Sprintf("%q", q)+`;
			HandbookSearch.search(q, {}, 8, function () {
				var ts = [];
				for (var i = 0; i < 5; i++) { var t0 = performance.now(); HandbookSearch.query(q, {}, 8); ts.push(performance.now() - t0); }
				ts.sort(function (a, b) { return a - b; });
				done(ts[2]);
			});
		})`, &t, awaitPromise))
		if err != nil {
			return 0, 0, 0, fmt.Errorf("query %q: %w", q, err)
		}
		times = append(times, t)
		if os.Getenv("BENCH_QUERIES") != "" {
			fmt.Fprintf(os.Stderr, "%6.2f ms  %q\n", t, q)
		}
	}
	return first, percentile(times, 0.5), percentile(times, 0.95), nil
}

var _ = strings.Contains
