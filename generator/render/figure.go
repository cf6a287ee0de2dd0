package render

import (
	"crypto/sha256"
	"html/template"
	"path"
	"reflect"
	"strings"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/figure"
	"handbook/generator/handbook"
	"handbook/generator/memo"
	"handbook/generator/output"
	"handbook/generator/parallel"
)

// checkPictures finds each exercise's picture: its drawn figure, written
// to figures/<id>.svg, or the author's own image, which must be a file in
// the content folder.
func (r *builder) checkPictures(static []*content.Data, errs *diag.List) {
	have := map[string]bool{}
	for _, s := range static {
		have[s.Rel] = true
	}
	r.pictures = map[string]string{}
	for _, e := range r.g.Exercises {
		switch {
		case e.Image != nil && e.Image.Path != "":
			target := path.Join(handbook.Exercises, e.Image.Path)
			switch {
			case strings.Contains(e.Image.Path, "://") || strings.HasPrefix(e.Image.Path, "/"):
				errs.AddHint(e.Image.Pos, "put the picture in the content folder and give its path from the page, such as bridge.jpg", "image %q must be a file in the content folder", e.Image.Path)
			case target == ".." || strings.HasPrefix(target, "../"):
				errs.AddHint(e.Image.Pos, "put the picture in the content folder", "image %q leads outside the content folder", e.Image.Path)
			case !have[target]:
				errs.AddHint(e.Image.Pos, "put the file beside the page, or fix the path", "image %q does not exist", e.Image.Path)
			case !isPicture(target):
				errs.AddHint(e.Image.Pos, "use a .png, .jpg, .webp, .gif or .svg file", "image %q is not a picture", e.Image.Path)
			default:
				r.pictures[e.ID] = target
			}
		case e.Figure != nil && len(e.Figure.Frames) > 0:
			r.pictures[e.ID] = "figures/" + e.ID + ".svg"
		}
	}
	r.drawFigures()
}

// drawFigures draws every exercise's figure once, a worker per core: the
// same SVG goes inline on its page and into figures/ID.svg.
func (r *builder) drawFigures() {
	var todo []*handbook.Exercise
	for _, e := range r.g.Exercises {
		if e.Figure != nil && e.Image == nil && r.pictures[e.ID] != "" {
			todo = append(todo, e)
		}
	}
	drawn := make([][]byte, len(todo))
	var kept *memo.Map[[]byte] // with a cache, figures drawn by the last build
	if r.cache != nil {
		kept = r.cache.figures
	}
	parallel.For(len(todo), func(i int) {
		e := todo[i]
		key, ok := figureKey(e)
		if ok {
			if svg, found := kept.Get(key); found {
				drawn[i] = svg
				return
			}
		}
		drawn[i] = figureSVG(e, "fig-"+e.ID)
		if ok {
			kept.Put(key, drawn[i])
		}
	})
	kept.Prune()
	r.figures = make(map[string][]byte, len(todo))
	for i, e := range todo {
		r.figures[e.ID] = drawn[i]
	}
}

func isPicture(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg":
		return true
	}
	return false
}

// figureKey hashes what an exercise's figure is drawn from: its title and
// id, and the figure.
func figureKey(e *handbook.Exercise) (output.Key, bool) {
	v := viewHash{}
	v.buf.Str(e.Title)
	v.buf.Str(e.ID)
	if !v.add(reflect.ValueOf(e.Figure)) {
		return output.Key{}, false
	}
	return sha256.Sum256(v.buf), true
}

// figureSVG draws an exercise's figure; id makes its element ids unique.
func figureSVG(e *handbook.Exercise, id string) []byte {
	title := e.Title + ": start and end positions"
	switch len(e.Figure.Frames) {
	case 1:
		title = e.Title + ": the position"
	case 2:
	default:
		title = e.Title + ": the steps"
	}
	return figure.SVG(e.Figure, title, id)
}

// figureHTML is an exercise's figure for its page, inline so that it takes
// the page's colours (dark mode) and prints sharply.
func (r *builder) figureHTML(e *handbook.Exercise) template.HTML {
	return template.HTML(r.figures[e.ID])
}

// figureFiles are figures/<id>.svg, for lists, programmes, print and the
// handout builder, which show them as images.
func (r *builder) figureFiles() []output.File {
	var files []output.File
	for _, e := range r.g.Exercises {
		if svg := r.figures[e.ID]; svg != nil {
			files = append(files, output.File{Path: r.pictures[e.ID], Data: svg, Minimal: true})
		}
	}
	return files
}

// imagePath is the output path of an exercise's own picture, or "".
func (r *builder) imagePath(e *handbook.Exercise) string {
	if e.Image == nil {
		return ""
	}
	return r.pictures[e.ID]
}

// sheetEntry is one exercise on the contact sheet.
type sheetEntry struct {
	ID, Key, Title string
	Figure         template.HTML
	Text           string // the figure's description
	Image          string // the output path of the author's own picture
}

// contactSheet is figures.html: every exercise's picture on one page, with
// the words a screen reader hears, for authors and clinicians to check.
func (r *builder) contactSheet(s *site) *pageData {
	d := &pageData{Site: s, Key: "figures", Path: "figures.html", Kind: "figures", Title: "Exercise figures",
		Summary: "Every exercise's picture, with the description a screen reader reads out. Check that each one shows the exercise."}
	for _, e := range r.g.Exercises {
		it := sheetEntry{ID: e.ID, Key: e.Key(), Title: e.Title, Image: r.imagePath(e)}
		if svg := r.figures[e.ID]; svg != nil {
			it.Figure = template.HTML(svg)
			it.Text = figure.Describe(e.Figure)
		}
		d.Sheet = append(d.Sheet, it)
	}
	return d
}
