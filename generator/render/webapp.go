package render

import (
	"bytes"
	"encoding/json"
	"image"
	"image/color"
	"image/png"

	"handbook/generator/output"
)

// webApp makes what lets a browser install the handbook: the manifest and
// its icons, drawn here so they need no image files.
func (r *builder) webApp() ([]output.File, error) {
	short := r.g.Config.Title
	if len(short) > 20 {
		short = r.words.T("app.short-name")
	}
	manifest := map[string]any{
		"name": r.g.Config.Title, "short_name": short, "lang": r.g.Config.Language,
		"start_url": "index.html", "scope": "./", "display": "standalone",
		"background_color": "#ffffff", "theme_color": "#0b5cad",
		"icons": []map[string]string{
			{"src": "assets/icon.svg", "sizes": "any", "type": "image/svg+xml"},
			{"src": "assets/icon-192.png", "sizes": "192x192", "type": "image/png"},
			{"src": "assets/icon-512.png", "sizes": "512x512", "type": "image/png"},
		},
	}
	if d := r.g.Config.Description; d != "" {
		manifest["description"] = d
	}
	b, err := json.MarshalIndent(manifest, "", "  ")
	if err != nil {
		return nil, err
	}
	files := []output.File{{Path: "manifest.webmanifest", Data: b}}
	for _, size := range []int{192, 512} {
		png, err := icon(size)
		if err != nil {
			return nil, err
		}
		files = append(files, output.File{Path: "assets/icon-" + itoa(size) + ".png", Data: png, Minimal: true})
	}
	return files, nil
}

// icon draws the site icon at size: a blue square with three white bars,
// as assets/icon.svg, without its curve.
func icon(size int) ([]byte, error) {
	img := image.NewRGBA(image.Rect(0, 0, size, size))
	blue := color.RGBA{0x0b, 0x5c, 0xad, 0xff}
	white := color.RGBA{0xff, 0xff, 0xff, 0xff}
	for y := 0; y < size; y++ {
		for x := 0; x < size; x++ {
			img.Set(x, y, blue)
		}
	}
	for _, f := range []float64{20.0 / 64, 32.0 / 64, 44.0 / 64} {
		y0 := int(f*float64(size)) - size/40
		for y := y0; y < y0+size/20; y++ {
			for x := size * 22 / 64; x < size*42/64; x++ {
				img.Set(x, y, white)
			}
		}
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }
