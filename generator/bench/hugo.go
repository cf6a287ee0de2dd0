package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// hugo builds the same corpora with Hugo, when it is installed, with a
// minimal layout set that renders each page's title and body. Hugo is not a
// dependency: without it the table says how to get it.
func hugo(corpora []tree, tmp string, runs int) {
	fmt.Println("## Hugo on the same pages")
	fmt.Println()
	version, err := exec.Command("hugo", "version").Output()
	if err != nil {
		fmt.Println("Hugo is not installed here (apt-get install hugo to compare).")
		return
	}
	fmt.Printf("%s\n\n", strings.TrimSpace(string(version)))
	fmt.Println("| content | Hugo | Hugo peak RSS |")
	fmt.Println("|---|---:|---:|")
	for _, c := range corpora {
		site := filepath.Join(tmp, "hugo-site")
		os.RemoveAll(site)
		os.MkdirAll(filepath.Join(site, "layouts", "_default"), 0o755)
		os.WriteFile(filepath.Join(site, "hugo.toml"), []byte("baseURL = 'https://example.org/'\ndisableKinds = ['taxonomy', 'term', 'RSS', 'sitemap', 'robotsTXT']\n[markup.goldmark.renderer]\nunsafe = false\n"), 0o644)
		os.WriteFile(filepath.Join(site, "layouts", "_default", "single.html"), []byte("<!DOCTYPE html><html><head><title>{{ .Title }}</title></head><body><h1>{{ .Title }}</h1>{{ .Content }}</body></html>\n"), 0o644)
		os.WriteFile(filepath.Join(site, "layouts", "_default", "list.html"), []byte("<!DOCTYPE html><html><body>{{ range .Pages }}<a href=\"{{ .RelPermalink }}\">{{ .Title }}</a>{{ end }}</body></html>\n"), 0o644)
		if err := os.CopyFS(filepath.Join(site, "content"), os.DirFS(c.dir)); err != nil {
			fmt.Printf("| %s | could not copy: %v | |\n", c.name, err)
			continue
		}
		os.Remove(filepath.Join(site, "content", "handbook.yaml"))
		os.Remove(filepath.Join(site, "content", "flags.yaml"))
		out := filepath.Join(tmp, "hugo-out")
		r, err := measure(runs, out, "hugo", "--source", site, "--destination", out, "--quiet")
		if err != nil {
			fmt.Printf("| %s | failed: %v | |\n", c.name, err)
			continue
		}
		fmt.Printf("| %s | %s | %s |\n", c.name, ms(r.wall), mb(r.rss))
	}
	fmt.Println()
	_ = time.Now
}
