package content

import (
	"path"
	"strings"

	"golang.org/x/text/unicode/norm"

	"handbook/generator/diag"
)

// The one rule for what content/ may put in the site: pages and data
// become generated pages; any other file is copied as it is only if it is
// of a type that cannot run in a reader's browser, and only where the build
// writes nothing of its own.

// staticTypes are the file types copied from content/ as they are:
// pictures, documents, sound and video. HTML, XHTML, scripts, styles and
// anything else a browser could run or that could restyle the site are
// refused. SVG is copied only after svgSafe has parsed it.
var staticTypes = map[string]bool{
	".png": true, ".jpg": true, ".jpeg": true, ".gif": true, ".webp": true, ".avif": true, ".ico": true,
	".svg": true, ".pdf": true, ".txt": true, ".csv": true,
	".mp3": true, ".m4a": true, ".ogg": true, ".oga": true, ".wav": true,
	".mp4": true, ".webm": true, ".ogv": true, ".vtt": true,
}

// generatedDirs are the folders at the top of the site that the build
// fills with its own files.
var generatedDirs = []string{"assets", "figures", "search", "decide", "handout"}

// generatedFiles are files the build writes, or may write, at the top of
// the site that a content file of an allowed type could otherwise replace.
var generatedFiles = []string{"robots.txt", "sitemap.xml", "manifest.webmanifest", "sw.js", ".handbook-output"}

// ReservedPages are the page ids, at the top of content/, whose pages the
// build writes itself; a section's index.md is reserved too.
var ReservedPages = []string{"index", "404", "search", "handout", "journal", "journal-sheet", "print", "decide", "flags", "figures", "start-here"}

// staticRefusal says why the file at rel may not be copied into the site,
// or "".
func staticRefusal(rel string) (msg, hint string) {
	ext := strings.ToLower(path.Ext(rel))
	if !staticTypes[ext] {
		return "files of type " + quoteExt(ext) + " are not copied into the site",
			"content/ may hold pages (.md), its data files and pictures, PDFs, text, sound or video; a file a browser could run (HTML, script) could put code on the site"
	}
	first := strings.ToLower(strings.SplitN(rel, "/", 2)[0])
	for _, d := range generatedDirs {
		if strings.Contains(rel, "/") && first == d {
			return quote(rel) + " is in " + d + "/, which holds the site's own files", "move it to another folder, such as images/"
		}
	}
	for _, f := range generatedFiles {
		if strings.EqualFold(rel, f) {
			return quote(rel) + " would replace a file the build writes", "rename it"
		}
	}
	return "", ""
}

func quoteExt(ext string) string {
	if ext == "" {
		return "(no extension)"
	}
	return quote(ext)
}

func quote(s string) string { return `"` + s + `"` }

// reservedPage reports whether page id at the top of content/ (section "")
// or in a section would be replaced by a page the build makes.
func reservedPage(section, id string) bool {
	if section != "" {
		return id == "index"
	}
	for _, r := range ReservedPages {
		if id == r {
			return true
		}
	}
	return false
}

// staticKey folds a path as a case-insensitive file system with Unicode
// normalization would (macOS, Windows): two files with one key would be
// one file there.
func staticKey(rel string) string {
	return strings.ToLower(norm.NFC.String(rel))
}

// dedupeStatic refuses static files that would be one file on a computer
// that ignores case or Unicode normalization, naming both.
func (l *loader) dedupeStatic() {
	seen := map[string]*Data{}
	kept := l.tree.Static[:0]
	for _, s := range l.tree.Static {
		k := staticKey(s.Rel)
		if first := seen[k]; first != nil {
			l.errs.AddHint(diag.Pos{File: s.Path, Line: 1, Col: 1}, "rename one of them",
				"%s and %s differ only in case or accents, and would be one file on many computers", quote(first.Path), quote(s.Path))
			continue
		}
		seen[k] = s
		kept = append(kept, s)
	}
	l.tree.Static = kept
}
