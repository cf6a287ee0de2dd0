package render

import (
	"bytes"
	"crypto/sha256"
	"html/template"
	"path"
	"reflect"
	"slices"
	"sort"
	"strconv"
	"strings"

	"handbook/generator/content"
	"handbook/generator/diag"
	"handbook/generator/figure/draw"
	"handbook/generator/handbook"
	"handbook/generator/memo"
	"handbook/generator/output"
	"handbook/generator/parallel"
)

// checkPictures finds each exercise's picture: its drawn figure, written
// to figures/<id>.svg, or the author's own image, which must be a file in
// the content folder. It draws the figures too (see drawFigures).
func (r *builder) checkPictures(static []*content.Data, errs *diag.List) error {
	have := map[string]bool{}
	for _, s := range static {
		have[s.Rel] = true
	}
	r.pictures = map[string]string{}
	for _, e := range r.g.Exercises {
		switch {
		case e.Image != nil && e.Image.Path != "":
			if target := picture(e.Image, handbook.Exercises, "image", have, errs); target != "" {
				r.pictures[e.ID] = target
			}
		case e.Figure != nil && len(e.Figure.Frames) > 0:
			r.pictures[e.ID] = "figures/" + e.ID + ".svg"
		}
	}
	if logo := r.g.Config.Clinic.Logo; logo != nil && logo.Path != "" {
		r.logo = picture(logo, "", "logo", have, errs)
	}
	return r.drawFigures()
}

// picture checks that img, given from the folder dir of the content, is a
// picture file in the content folder, and returns its path there ("" and
// an error if not). what names it in messages ("image", "logo").
func picture(img *handbook.Image, dir, what string, have map[string]bool, errs *diag.List) string {
	target, from, beside := path.Join(dir, img.Path), "the content folder", "in the content folder"
	if dir != "" {
		from, beside = "the page", "beside the page"
	}
	switch {
	case strings.Contains(img.Path, "://") || strings.HasPrefix(img.Path, "/"):
		errs.AddHint(img.Pos, "put the picture in the content folder and give its path from "+from+", such as bridge.jpg", "%s %q must be a file in the content folder", what, img.Path)
	case target == ".." || strings.HasPrefix(target, "../"):
		errs.AddHint(img.Pos, "put the picture in the content folder", "%s %q leads outside the content folder", what, img.Path)
	case !have[target]:
		errs.AddHint(img.Pos, "put the file "+beside+", or fix the path", "%s %q does not exist", what, img.Path)
	case !isPicture(target):
		errs.AddHint(img.Pos, "use a .png, .jpg, .webp, .gif or .svg file", "%s %q is not a picture", what, img.Path)
	default:
		return target
	}
	return ""
}

// drawFigures draws every exercise's figure once, a worker per core: the
// same SVG goes inline on its page and into figures/ID.svg.
func (r *builder) drawFigures() error {
	var todo []*handbook.Exercise
	for _, e := range r.g.Exercises {
		if e.Figure != nil && e.Image == nil && r.pictures[e.ID] != "" {
			todo = append(todo, e)
		}
	}
	drawn := make([][]byte, len(todo))
	var kept memo.Store[[]byte] = (*memo.Map[[]byte])(nil) // with a cache, figures drawn by the last build
	if r.cache != nil {
		kept = r.cache.figures
	}
	say := r.figureWords()
	keys, oks, err := r.cache.figureKeysOf(todo, r.figureWordsKey(), r.verifyKeys)
	if err != nil {
		return err
	}
	if c := r.cache; c != nil && c.inMemory && c.drawn.same(todo, keys) && !slices.Contains(oks, false) {
		// the same figures as the last build's, keyed the same (serve)
		d := c.drawn
		r.figures, r.figureKeys, r.stacked, r.wide, r.figureFileList = d.figures, d.figureKeys, d.stacked, d.wide, d.files
		kept.Keep(d.used...)
		kept.Prune()
		return nil
	}
	parallel.For(len(todo), func(i int) {
		e := todo[i]
		key, ok := keys[i], oks[i]
		if ok {
			if svg, found := kept.Get(key); found {
				drawn[i] = svg
				return
			}
		}
		drawn[i] = figureSVG(e, "fig-"+e.ID, say)
		if ok {
			kept.Put(key, drawn[i])
		}
	})
	r.figures = make(map[string][]byte, len(todo))
	r.figureKeys = make(map[string]output.Key, len(todo))
	r.stacked = map[string][]byte{}
	r.wide = map[string]bool{}
	for i, e := range todo {
		r.figures[e.ID] = drawn[i]
		if oks[i] {
			r.figureKeys[e.ID] = keys[i]
		}
		w, h := svgSize(drawn[i])
		r.wide[e.ID] = h > 0 && w/h > WideAbove
		// a figure too wide to print its frames at least 35 mm tall across
		// a sheet (two lying poses side by side) comes stacked too, for
		// handouts; it is drawn from what the figure's key hashes
		if len(e.Figure.Frames) > 1 && h > 0 && w/h > StackAbove {
			sk := fileKey("stacked", keys[i])
			if oks[i] {
				if svg, found := kept.Get(sk); found {
					r.stacked[e.ID] = svg
					continue
				}
			}
			r.stacked[e.ID] = draw.SVGStacked(e.Figure, say("figure.title.two", e.Title), "fig-"+e.ID, say)
			if oks[i] {
				kept.Put(sk, r.stacked[e.ID])
			}
		}
	}
	kept.Prune()
	r.figureFileList = r.makeFigureFiles()
	if c := r.cache; c != nil && c.inMemory {
		c.drawn = nil // kept only when every figure has its key
		if !slices.Contains(oks, false) {
			d := &drawnFigures{todo: todo, keys: keys, figures: r.figures, figureKeys: r.figureKeys,
				stacked: r.stacked, wide: r.wide, files: r.figureFileList}
			for i, e := range todo {
				d.used = append(d.used, [32]byte(keys[i]))
				if r.stacked[e.ID] != nil {
					d.used = append(d.used, [32]byte(fileKey("stacked", keys[i])))
				}
			}
			c.drawn = d
		}
	}
	return nil
}

// drawnFigures is what drawFigures made, kept in memory for the next build
// (serve's), with what it was made from: the exercises to draw, their
// figures' keys, and the keys of the cache's figures it used.
type drawnFigures struct {
	todo             []*handbook.Exercise
	keys             []output.Key
	figures, stacked map[string][]byte
	figureKeys       map[string]output.Key
	wide             map[string]bool
	files            []figureFile
	used             [][32]byte
}

// same reports whether d was drawn for the exercises todo, whose figures'
// keys are keys.
func (d *drawnFigures) same(todo []*handbook.Exercise, keys []output.Key) bool {
	return d != nil && slices.Equal(d.todo, todo) && slices.Equal(d.keys, keys)
}

// figureFile is a figure's file: its path, bytes and key (if keyed).
type figureFile struct {
	path  string
	svg   []byte
	key   output.Key
	keyed bool
}

// fileKey is the key of a file made from what key hashes alone, of the
// kind named.
func fileKey(kind string, key output.Key) output.Key {
	return sha256.Sum256(append([]byte(kind+"\x00"), key[:]...))
}

// WideAbove is the width to height of a figure above which it prints
// across the sheet rather than beside the text (assets/handout.js WIDE).
// StackAbove is the one above which its frames are also drawn one above
// the other: 186 mm of A4 across, at 36 mm high.
const (
	WideAbove  = 2.2
	StackAbove = 5.0
)

// svgSize reads the width and height of a figure drawn by package figure:
// the first width="W" height="H" in its <svg> tag, W and H digits and
// dots. It reads the tag by hand, as every figure is measured on every
// build and save, and a regular expression took most of that time.
func svgSize(svg []byte) (w, h float64) {
	if !bytes.HasPrefix(svg, []byte("<svg ")) {
		return 0, 0
	}
	end := bytes.IndexByte(svg, '>')
	if end < 0 {
		end = len(svg)
	}
	for tag := svg[len("<svg "):end]; ; {
		i := bytes.Index(tag, []byte(` width="`))
		if i < 0 {
			return 0, 0
		}
		tag = tag[i+len(` width="`):]
		ws, rest, ok := number(tag, `" height="`)
		if !ok {
			continue
		}
		hs, _, ok := number(rest, `"`)
		if !ok {
			continue
		}
		w, _ = strconv.ParseFloat(string(ws), 64)
		h, _ = strconv.ParseFloat(string(hs), 64)
		return w, h
	}
}

// number cuts a run of digits and dots from the start of b, which must
// then go on with after; it returns the run and what follows after.
func number(b []byte, after string) (num, rest []byte, ok bool) {
	n := 0
	for n < len(b) && (b[n] >= '0' && b[n] <= '9' || b[n] == '.') {
		n++
	}
	if n == 0 || !bytes.HasPrefix(b[n:], []byte(after)) {
		return nil, nil, false
	}
	return b[:n], b[n+len(after):], true
}

// stackedPath is where an exercise's stacked figure is written.
func stackedPath(id string) string { return "figures/stacked/" + id + ".svg" }

func isPicture(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".png", ".jpg", ".jpeg", ".webp", ".gif", ".svg":
		return true
	}
	return false
}

// figureKey hashes what an exercise's figure is drawn from: its title and
// id, the figure, and the words of its language (lang, figureWordsKey).
func figureKey(e *handbook.Exercise, lang output.Key) (output.Key, bool) {
	v := viewHash{}
	v.buf.Str(string(lang[:]))
	v.buf.Str(e.Title)
	v.buf.Str(e.ID)
	if !v.add(reflect.ValueOf(e.Figure)) {
		return output.Key{}, false
	}
	return sha256.Sum256(v.buf), true
}

// figureSVG draws an exercise's figure in the language of say; id makes
// its element ids unique.
func figureSVG(e *handbook.Exercise, id string, say draw.Words) []byte {
	title := say("figure.title.two", e.Title)
	switch len(e.Figure.Frames) {
	case 1:
		title = say("figure.title.one", e.Title)
	case 2:
	default:
		title = say("figure.title.steps", e.Title)
	}
	return draw.SVG(e.Figure, title, id, say)
}

// figureWords are the words figures are drawn with: the handbook's
// strings (layouts/strings/LANG/figures.yaml), or English for a key they
// lack (when the build was given no strings; CheckStrings reports a
// language that lacks one of English's).
func (r *builder) figureWords() draw.Words {
	return func(key string, args ...any) string {
		if !r.words.Has(key) {
			return draw.English(key, args...)
		}
		return r.words.T(key, args...)
	}
}

// figureWordsKey hashes the language of the strings and their words for
// figures, so that a figure drawn in one language, or with other words, is
// never taken from the cache for another.
func (r *builder) figureWordsKey() output.Key {
	var keys []string
	for k := range r.words.words {
		if strings.HasPrefix(k, "figure.") {
			keys = append(keys, k)
		}
	}
	sort.Strings(keys)
	var b memo.Buffer
	b.Str(r.words.Code)
	for _, k := range keys {
		b.Str(k)
		b.Str(r.words.words[k])
	}
	return sha256.Sum256(b)
}

// figureHTML is an exercise's figure for its page, inline so that it takes
// the page's colours (dark mode) and prints sharply.
func (r *builder) figureHTML(e *handbook.Exercise) template.HTML {
	return template.HTML(r.figures[e.ID])
}

// figureFiles are figures/<id>.svg, for lists, programmes, print and the
// handout builder, which show them as images.
// Each file has the key of its figure: the last build's copy of one made
// from the same figure is kept, without being compared, and its path is
// among those kept.
func (r *builder) figureFiles() (files []output.File, kept []string) {
	for _, f := range r.figureFileList {
		switch {
		case !f.keyed:
			files = append(files, output.File{Path: f.path, Data: f.svg, Minimal: true})
		case r.keep != nil && r.keep(f.path, f.key):
			kept = append(kept, f.path)
		default:
			files = append(files, output.File{Path: f.path, Data: f.svg, Minimal: true, Key: f.key})
		}
	}
	return files, kept
}

// makeFigureFiles lists the figures' files, in the order of the
// exercises, each keyed by its figure's key, where it has one.
func (r *builder) makeFigureFiles() []figureFile {
	var files []figureFile
	for _, e := range r.g.Exercises {
		key, keyed := r.figureKeys[e.ID]
		if svg := r.figures[e.ID]; svg != nil {
			files = append(files, figureFile{r.pictures[e.ID], svg, fileKey("figure", key), keyed})
		}
		if svg := r.stacked[e.ID]; svg != nil {
			files = append(files, figureFile{stackedPath(e.ID), svg, fileKey("stacked file", key), keyed})
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
	say := r.figureWords()
	d := &pageData{Site: s, Key: "figures", Path: "figures.html", Kind: "figures", Title: say("figure.sheet.title"),
		Summary: say("figure.sheet.summary")}
	for _, e := range r.g.Exercises {
		it := sheetEntry{ID: e.ID, Key: e.Key(), Title: e.Title, Image: r.imagePath(e)}
		if svg := r.figures[e.ID]; svg != nil {
			it.Figure = template.HTML(svg)
			it.Text = draw.Describe(e.Figure, say)
		}
		d.Sheet = append(d.Sheet, it)
	}
	return d
}
