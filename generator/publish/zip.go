package publish

import (
	"archive/zip"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// startHere opens the handbook from the top of the unzipped folder.
const startHere = `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Start here</title>
<meta http-equiv="refresh" content="0; url=index.html">
</head>
<body>
<h1>Start here</h1>
<p><a href="index.html">Open the handbook</a>.</p>
<p>Keep this folder together: everything works from it, with no internet connection.</p>
</body>
</html>
`

// zipTime is every entry's time, so the same site gives the same bytes.
var zipTime = time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC)

// Zip writes the folder out as a zip file at name, with START-HERE.html at
// its top, entries in a fixed order and time. The file appears complete or
// not at all.
func Zip(out, name string) error {
	tmp, err := os.CreateTemp(filepath.Dir(name), ".handbook-zip-*")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	zw := zip.NewWriter(tmp)
	add := func(rel string, r io.Reader) error {
		w, err := zw.CreateHeader(&zip.FileHeader{Name: rel, Method: zip.Deflate, Modified: zipTime})
		if err != nil {
			return err
		}
		_, err = io.Copy(w, r)
		return err
	}
	if err := add("START-HERE.html", strings.NewReader(startHere)); err != nil {
		return err
	}
	err = filepath.WalkDir(out, func(p string, d fs.DirEntry, err error) error { // WalkDir is in lexical order
		if err != nil || d.IsDir() {
			return err
		}
		rel, _ := filepath.Rel(out, p)
		if rel == Marker {
			return nil
		}
		f, err := os.Open(p)
		if err != nil {
			return err
		}
		defer f.Close()
		return add(filepath.ToSlash(rel), f)
	})
	if err != nil {
		return err
	}
	if err := zw.Close(); err != nil {
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), name)
}
