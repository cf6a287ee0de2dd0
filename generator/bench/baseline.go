package main

import (
	"bytes"
	"html/template"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/extension"
	"go.yaml.in/yaml/v3"

	"handbook/generator/corpus"
)

var page = template.Must(template.New("page").Parse(
	`<!DOCTYPE html><html><head><title>{{.Title}}</title></head><body><h1>{{.Title}}</h1>{{.Body}}</body></html>`))

// baseline is the least a static-site generator must do with the same
// files: split and decode the front matter, convert the markdown with
// goldmark (GFM), execute one small template and write one file per page,
// on all cores. It checks nothing and links nothing.
func baseline(content, out string) error {
	var files []string
	err := filepath.WalkDir(content, func(p string, d fs.DirEntry, err error) error {
		if err == nil && !d.IsDir() && strings.HasSuffix(p, ".md") {
			files = append(files, p)
		}
		return err
	})
	if err != nil {
		return err
	}
	md := goldmark.New(goldmark.WithExtensions(extension.GFM))
	next := make(chan string)
	errs := make(chan error, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for w := 0; w < runtime.GOMAXPROCS(0); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var buf, html bytes.Buffer
			for p := range next {
				b, err := os.ReadFile(p)
				if err != nil {
					errs <- err
					return
				}
				front, body := splitFront(b)
				var meta map[string]any
				yaml.Unmarshal(front, &meta)
				title, _ := meta["title"].(string)
				html.Reset()
				if err := md.Convert(body, &html); err != nil {
					errs <- err
					return
				}
				buf.Reset()
				page.Execute(&buf, map[string]any{"Title": title, "Body": template.HTML(html.String())})
				rel, _ := filepath.Rel(content, p)
				dst := filepath.Join(out, strings.TrimSuffix(rel, ".md")+".html")
				os.MkdirAll(filepath.Dir(dst), 0o755)
				if err := os.WriteFile(dst, buf.Bytes(), 0o644); err != nil {
					errs <- err
					return
				}
			}
		}()
	}
	for _, f := range files {
		next <- f
	}
	close(next)
	wg.Wait()
	close(errs)
	return <-errs
}

func splitFront(b []byte) (front, body []byte) {
	if !bytes.HasPrefix(b, []byte("---\n")) {
		return nil, b
	}
	rest := b[4:]
	i := bytes.Index(rest, []byte("\n---\n"))
	if i < 0 {
		return nil, b
	}
	return rest[:i], rest[i+5:]
}

func writeCorpus(dir string, n int) error { return corpus.Write(dir, n) }

func numCPU() int { return runtime.NumCPU() }
