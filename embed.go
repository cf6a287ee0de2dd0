// Package handbook carries the default layouts and assets, so that the
// handbook binary works from any folder. The generator lives in generator/
// and the command in cmd/handbook.
package handbook

import (
	"embed"
	"io/fs"
)

//go:embed layouts/*.html layouts/strings
var layouts embed.FS

//go:embed assets
var assets embed.FS

// Layouts returns the default html/template layouts.
func Layouts() fs.FS { return sub(layouts, "layouts") }

// Assets returns the default CSS, JS and icons.
func Assets() fs.FS { return sub(assets, "assets") }

func sub(fsys embed.FS, dir string) fs.FS {
	s, err := fs.Sub(fsys, dir)
	if err != nil {
		panic(err) // the embed patterns guarantee the folders
	}
	return s
}
