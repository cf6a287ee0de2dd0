package main

import (
	"bufio"
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"time"

	"handbook"
	"handbook/generator/server"
	"handbook/generator/site"
)

// serveBench reports the time from saving a file to the reload event of
// `handbook serve`, for each tree: median of 7 saves. (Past 5,000 pages it
// was 3 while a save took seconds; the first save after serve starts
// walks the content folder, by design, so with 3 the median was the
// slower of two others, and one collection of the heap moved it.)
func serveBench(corpora []tree, tmp string) error {
	fmt.Println("## Serve: save to reload event")
	fmt.Println()
	fmt.Println("| content | median | slowest |")
	fmt.Println("|---|---:|---:|")
	for _, c := range corpora {
		dir := filepath.Join(tmp, "serve-content")
		os.RemoveAll(dir)
		if err := os.CopyFS(dir, os.DirFS(c.dir)); err != nil {
			return err
		}
		const saves = 7
		med, worst, err := reloadTimes(dir, saves)
		if err != nil {
			return fmt.Errorf("serve on %s: %w", c.name, err)
		}
		fmt.Printf("| %s | %s | %s |\n", c.name, ms(med), ms(worst))
	}
	fmt.Println("\nFrom the write of one page's file to the reload event reaching an open page's event stream (the watcher's 10 ms quiet time included).")
	fmt.Println()
	return nil
}

func reloadTimes(dir string, saves int) (time.Duration, time.Duration, error) {
	srv, err := server.New(server.Config{
		Site:  site.Config{Content: dir, Layouts: handbook.Layouts(), Assets: handbook.Assets()},
		Watch: []string{dir},
	})
	if err != nil {
		return 0, 0, err
	}
	defer srv.Close()
	ts := httptest.NewServer(srv.Handler())
	defer ts.Close()
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go srv.Watch(ctx)
	req, _ := http.NewRequestWithContext(ctx, "GET", ts.URL+"/__handbook/events", nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return 0, 0, err
	}
	defer resp.Body.Close()
	events := make(chan string, 100)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			if strings.HasPrefix(sc.Text(), "event: ") {
				events <- strings.TrimPrefix(sc.Text(), "event: ")
			}
		}
	}()
	<-events // hello
	var page string
	filepath.WalkDir(filepath.Join(dir, "guides"), func(p string, d os.DirEntry, err error) error {
		if err == nil && page == "" && strings.HasSuffix(p, ".md") {
			page = p
		}
		return nil
	})
	original, err := os.ReadFile(page)
	if err != nil {
		return 0, 0, err
	}
	var times []time.Duration
	for i := 0; i < saves; i++ {
		time.Sleep(300 * time.Millisecond)
		t := time.Now()
		if err := os.WriteFile(page, append(append([]byte{}, original...), fmt.Sprintf("\nEdit %d.\n", i)...), 0o644); err != nil {
			return 0, 0, err
		}
		select {
		case ev := <-events:
			if ev != "reload" {
				return 0, 0, fmt.Errorf("event %q after a save", ev)
			}
			times = append(times, time.Since(t))
		case <-time.After(60 * time.Second):
			return 0, 0, fmt.Errorf("no reload within 60 s")
		}
	}
	worst := times[0]
	for _, t := range times {
		worst = max(worst, t)
	}
	return median(times), worst, nil
}
