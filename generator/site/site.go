// Package site runs the pipeline that turns a content folder into a site:
//
//	content -> schema -> graph -> decision -> render -> search -> publish
//
// Each stage takes the previous stage's value. Content errors from every
// stage are collected into one sorted list; if there are any, nothing is
// written and the previous output stays as it was.
package site

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"handbook/generator/content"
	"handbook/generator/decision"
	"handbook/generator/diag"
	"handbook/generator/graph"
	"handbook/generator/publish"
	"handbook/generator/render"
	"handbook/generator/schema"
	"handbook/generator/search"
)

// Config says what to build and where.
type Config struct {
	Content string // the content folder
	Out     string // the output folder; "" checks only
	BaseURL string // overrides handbook.yaml's base-url
	Layouts fs.FS
	Assets  fs.FS
}

// Result says what a build did.
type Result struct {
	Pages   int // HTML pages
	Files   int // files in the site
	Written int // files written anew
	Reused  int // files kept from the previous output
	Took    time.Duration
}

// Build runs every stage. It returns a diag.List when the content has
// mistakes, and another error when something else failed.
func Build(cfg Config) (*Result, error) {
	start := time.Now()
	var errs diag.List
	info, err := os.Stat(cfg.Content)
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("content: %s is not a folder", cfg.Content)
	}
	files, err := content.Load(os.DirFS(cfg.Content), filepath.ToSlash(cfg.Content), &errs)
	if err != nil {
		return nil, fmt.Errorf("content: %w", err)
	}
	h := schema.Decode(files, &errs)
	g := graph.Resolve(h, &errs)
	tree := decision.Compile(g, &errs)
	out, err := render.Render(g, tree, files.Static, render.Config{Layouts: cfg.Layouts, Assets: cfg.Assets, BaseURL: cfg.BaseURL}, &errs)
	if err != nil {
		return nil, fmt.Errorf("render: %w", err)
	}
	if err := errs.Err(); err != nil {
		return nil, err
	}
	index, err := search.Build(g, out.Sections)
	if err != nil {
		return nil, err
	}
	site := append(out.Files, index...)
	res := &Result{Files: len(site)}
	for _, f := range site {
		if filepath.Ext(f.Path) == ".html" {
			res.Pages++
		}
	}
	if cfg.Out != "" {
		if err := publish.NewMinifier().Minify(site); err != nil {
			return nil, fmt.Errorf("minify: %w", err)
		}
		st, err := publish.Publish(cfg.Out, site)
		if err != nil {
			return nil, fmt.Errorf("publish: %w", err)
		}
		res.Written, res.Reused = st.Written, st.Reused
	}
	res.Took = time.Since(start)
	return res, nil
}
