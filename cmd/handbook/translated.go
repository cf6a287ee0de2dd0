package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/site"
)

// translated records, in each translation named, the version of its
// source it now says the same as: "translated-from: VERSION", the first
// line of its front matter (or of a data file, after its comments). A
// folder names every translation in it. `handbook check` warns when a
// source changes after that.
func translated(args []string, stdout, stderr io.Writer) int {
	f := flags("translated", "translated [-q] [-content DIR] FILE|FOLDER...", stderr)
	contentDir := f.String("content", "content", "the content `folder`")
	quiet := quietFlag(f)
	if code, ok := parse(f, args, stdout); !ok {
		return code
	}
	if *quiet {
		stdout = io.Discard // all that goes there is news of success
	}
	if f.NArg() == 0 {
		fmt.Fprintln(stderr, "handbook translated: name the translations that now say what their sources say, such as content/es/exercises/plank.md, or a language's folder")
		f.Usage()
		return exitUsage
	}
	var errs diag.List
	tree, err := content.Load(os.DirFS(*contentDir), filepath.ToSlash(*contentDir), &errs)
	if err != nil {
		return failure("content", err, stderr)
	}
	// every translation file, by its path on disk, with its source's version
	versions := map[string]string{}
	src := map[string]string{}
	for _, p := range tree.Pages {
		src[p.Rel] = p.Version()
	}
	for _, tr := range tree.Translations {
		for _, p := range tr.Tree.Pages {
			if v, ok := src[p.Rel]; ok {
				versions[filepath.Join(*contentDir, tr.Code, filepath.FromSlash(p.Rel))] = v
			}
		}
		for _, d := range []struct{ tr, src *content.Data }{{tr.Tree.Flags, tree.Flags}, {tr.Tree.Tree, tree.Tree}} {
			if d.tr != nil && d.src != nil {
				versions[filepath.Join(*contentDir, tr.Code, filepath.FromSlash(d.tr.Rel))] = d.src.Version()
			}
		}
	}
	var named []string
	for _, a := range f.Args() {
		a = filepath.Clean(a)
		if _, ok := versions[a]; ok {
			named = append(named, a)
			continue
		}
		n := len(named)
		for p := range versions {
			if strings.HasPrefix(p, a+string(filepath.Separator)) {
				named = append(named, p)
			}
		}
		if len(named) == n {
			fmt.Fprintf(stderr, "handbook translated: %s is not a translation of a page, flags.yaml or decide.yaml in %s\n", a, *contentDir)
			return exitUsage
		}
	}
	sort.Strings(named)
	for _, p := range named {
		b, err := os.ReadFile(p)
		if err != nil {
			return failure("translated", err, stderr)
		}
		out, err := writeStamp(b, versions[p], strings.HasSuffix(p, ".md"))
		if err != nil {
			fmt.Fprintf(stderr, "%s: %v\n", p, err)
			return exitContent
		}
		if !bytes.Equal(out, b) {
			if err := os.WriteFile(p, out, 0o644); err != nil {
				return failure("translated", err, stderr)
			}
		}
		fmt.Fprintf(stdout, "%s: translated from version %s\n", p, versions[p])
	}
	return 0
}

// writeStamp writes version into the translation text b: replacing its
// translated-from line, or adding one first in the front matter (page) or
// after the leading comments (data file).
func writeStamp(b []byte, version string, page bool) ([]byte, error) {
	eol := "\n"
	if i := bytes.IndexByte(b, '\n'); i > 0 && b[i-1] == '\r' {
		eol = "\r\n"
	}
	line := "translated-from: " + version
	if _, at := site.Stamp(bytes.ReplaceAll(b, []byte("\r\n"), []byte("\n"))); at > 0 {
		lines := strings.SplitAfter(string(b), "\n")
		lines[at-1] = line + eol
		return []byte(strings.Join(lines, "")), nil
	}
	text := string(b)
	if page {
		body := strings.TrimPrefix(text, "\ufeff")
		if !strings.HasPrefix(body, "---"+eol) {
			return nil, fmt.Errorf("no front matter to write translated-from into (the file must start with ---)")
		}
		i := len(text) - len(body) + len("---"+eol)
		return []byte(text[:i] + line + eol + text[i:]), nil
	}
	i := 0
	for i < len(text) {
		j := strings.Index(text[i:], "\n")
		if j < 0 || !(strings.HasPrefix(text[i:], "#") || strings.TrimSpace(text[i:i+j]) == "") {
			break
		}
		i += j + 1
	}
	return []byte(text[:i] + line + eol + text[i:]), nil
}
