// Package content reads a content folder into files: front matter and body
// for every page, the YAML data files, and the other files to copy as they
// are. It knows the layout of the folder, not the meaning of the keys.
//
// The layout:
//
//	handbook.yaml          the handbook's settings (required)
//	flags.yaml             the red flags (optional)
//	synonyms.yaml          words that mean the same thing, for search (optional)
//	decide.yaml            the decision tree (optional)
//	ID.md                  stand-alone pages such as about.md
//	SECTION/ID.md          pages of a section: exercises, conditions, faq, guides, programs
//	LANG/handbook.yaml     a translation: a folder holding its own handbook.yaml
//	                       mirrors this layout in another language (see Translation)
//	anything else          copied to the output as it is (pictures, PDFs)
//
// Text is read as UTF-8; a byte-order mark is dropped and CRLF or CR line
// endings become LF, so positions match what an editor shows.
package content

import (
	"crypto/sha256"
	"encoding/hex"
	"io/fs"
	"path"
	"regexp"
	"slices"
	"sort"
	"strings"
	"sync/atomic"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"handbook/generator/diag"
	"handbook/generator/handbook"
	"handbook/generator/parallel"
	"handbook/generator/sysfile"
)

// File is one page: its front matter and body (see Front and Body).
type File struct {
	Path    string // for messages: the content folder joined with Rel
	Rel     string // slash path relative to the content folder
	Section string // "" for a stand-alone page
	ID      string
	Broken  bool // the file could not be split; an error says why
	// front is the YAML between the fences; body the markdown, front
	// matter blanked to keep line numbers
	front, body []byte
	frontLen    int
	// bodySum and frontSum are the SHA-256 of body and front, made once
	// when the file is read (see BodySum)
	bodySum, frontSum [32]byte
	// the file's size and modification time when it was read, for
	// LoadAgain
	size, mtime int64
	// stamp is how the file stood when the load found it, if the platform
	// tells (stamped), for the next build's Record
	stamp   sysfile.Stamp
	stamped bool
	// from, if not nil, is the load that took the page from the last
	// build's record without reading it: its front and body are read
	// only if a later stage asks for them (see Record)
	from *keeper
	// lazy says what happened when a stage asked for the text of a page
	// the load did not read: readOnce, and readFailed if the file no
	// longer held what the record said
	lazy atomic.Uint32
}

const (
	readOnce = 1 << iota
	readFailed
)

// NewFile returns a page of the given front matter and body, as a load
// would have read it.
func NewFile(path, rel, section, id string, front, body []byte) *File {
	return &File{Path: path, Rel: rel, Section: section, ID: id, front: front, body: body, frontLen: len(front)}
}

// Front is the YAML between the page's fences.
func (f *File) Front() []byte {
	front, _ := f.text()
	return front
}

// Body is the page's markdown, its front matter blanked to keep line
// numbers; nil after LetGoOfBodies.
func (f *File) Body() []byte {
	_, body := f.text()
	return body
}

// text is the page's front matter and body, read now if the load took the
// page from the record (see Record).
func (f *File) text() (front, body []byte) {
	if f.from == nil {
		return f.front, f.body
	}
	return f.from.read(f)
}

// Unread reports whether the load took the page from the last build's
// record without reading it (see Record): Front and Body read it.
func (f *File) Unread() bool { return f.from != nil }

// ReadFailed reports whether a stage asked for the text of the page the
// load took unread, and the file no longer held what the record said:
// what is made of the page must not be kept by its hashes (see
// Tree.Changed).
func (f *File) ReadFailed() bool { return f.lazy.Load()&readFailed != 0 }

// FrontLen is the length of the front matter, known without reading it.
func (f *File) FrontLen() int { return f.frontLen }

// HasBody reports whether the page has a body to give: whole, and not let
// go of (see LetGoOfBodies).
func (f *File) HasBody() bool { return f.body != nil || f.from != nil }

// LetGoOfBodies drops every page's body, in the tree and its translations,
// once the bodies are handed on: each page's markdown then goes as soon as
// it is converted, and a large handbook does not hold all of it to the end
// of the build. The front matter stays (the decision tree's key reads it).
// A page the load did not read holds nothing, and is read if asked.
func (t *Tree) LetGoOfBodies() {
	for _, f := range t.Pages {
		f.body = nil
	}
	for _, tr := range t.Translations {
		tr.Tree.LetGoOfBodies()
	}
}

// FrontLine is the line of the file on which the front matter starts.
const FrontLine = 2

// Data is a YAML data file such as handbook.yaml.
type Data struct {
	Path string
	Rel  string
	Text []byte
}

// Tree is everything read from a content folder.
type Tree struct {
	Config   *Data // handbook.yaml
	Flags    *Data // flags.yaml, or nil
	Synonyms *Data // synonyms.yaml, or nil
	Tree     *Data // decide.yaml, or nil
	Pages    []*File
	Static   []*Data // files copied as they are, by Rel
	// Translations are the folders holding a handbook.yaml of their own,
	// by folder name: the same layout in another language. Their pages
	// and data files are read like these; their other files are refused,
	// since a translation shares the source's pictures.
	Translations []*Translation
	// clean says the folder was read without a mistake: the pages are
	// every page file there, and nothing else in it was refused (see
	// Again.Edited)
	clean bool
	// load is the load that read the tree, with its translations; read is
	// how many of its pages it read (not taken from the last)
	load *keeper
	read int
}

// Translation is a content folder in another language, beside its source.
type Translation struct {
	Code string // the folder's name: the language's code, such as "es"
	Tree *Tree
}

var idPattern = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// Limits. A page or data file is text someone wrote: past MaxFileSize it
// is a mistake (a pasted log, a binary), and it would hold up every build.
const (
	MaxFileSize = 4 << 20
	MaxPages    = 100000
)

// Load reads the content folder fsys, naming files in messages as
// prefix/path. Problems with single files are added to errs; the error
// returned is for a folder that cannot be read at all.
func Load(fsys fs.FS, prefix string, errs *diag.List) (*Tree, error) {
	return LoadAgain(fsys, prefix, Again{}, errs)
}

// Again is what a load may take from the last load of the same folder
// without reading it again (serve, after a save): a page file of Last,
// whole and with its body, whose size and modification time are what
// they were then, unless Changed says that it, or a folder holding it,
// changed since. A file edited twice within one tick of the clock, its
// size the same, keeps the same time: the watcher's list, Changed, is
// what catches it.
type Again struct {
	Last    *Tree
	Changed func(rel string) bool // by slash path relative to the folder
	// Edited, if not nil, is every file changed since Last was read, by
	// slash path relative to the folder; a caller sets it only when sure
	// that nothing else changed (serve, whose watcher ran before that
	// read began). If each is one of Last's pages, still a file, and Last
	// was read without a mistake, the folder is not walked: only those
	// pages are read again.
	Edited []string
	// Record, if not nil, is the last build's record of the pages it read
	// (see Record): a page whose file stands as it did then is not read,
	// unless a later stage asks for its text.
	Record *Record
}

// LoadAgain is Load, taking what it can from again.
func LoadAgain(fsys fs.FS, prefix string, again Again, errs *diag.List) (*Tree, error) {
	if again.Last == nil || again.Changed == nil {
		again = Again{Record: again.Record}
	}
	if t, ok, err := loadEdited(fsys, errs, again); ok || err != nil {
		return t, err
	}
	return load(fsys, prefix, errs, true, again, &keeper{fsys: fsys, made: time.Now().UnixNano(), changed: new(atomic.Bool), trusted: sysfile.Local(fsys)})
}

// loadEdited is LoadAgain without a walk of the folder, when again's
// Edited allows it (ok).
func loadEdited(fsys fs.FS, errs *diag.List, again Again) (t *Tree, ok bool, err error) {
	last := again.Last
	if again.Edited == nil || last == nil || !last.clean {
		return nil, false, nil
	}
	// a copy of last, with the copies of its lists of pages that change
	trees := map[string]*Tree{"": last} // by the folder of a translation
	for _, tr := range last.Translations {
		trees[tr.Code] = tr.Tree
	}
	pages := map[string][]*File{}
	var reads []*File
	var at []*File           // where each read goes: the page it replaces
	read := map[string]int{} // how many, by the folder of a translation
	for _, rel := range again.Edited {
		code, in := "", rel
		if dir, rest, found := strings.Cut(rel, "/"); found && trees[dir] != nil && dir != "" {
			code, in = dir, rest
		}
		tree := trees[code]
		i := sort.Search(len(tree.Pages), func(i int) bool { return tree.Pages[i].Rel >= in })
		if i == len(tree.Pages) || tree.Pages[i].Rel != in {
			return nil, false, nil // not a page it had: added, or a data file, a picture, a folder
		}
		old := tree.Pages[i]
		info, err := fs.Lstat(fsys, rel)
		if err != nil || !info.Mode().IsRegular() || info.Size() > MaxFileSize {
			return nil, false, nil // gone, or no longer a page: the walk says why
		}
		if pages[code] == nil {
			pages[code] = slices.Clone(tree.Pages)
		}
		// read by its path in fsys (a translation's page too), then named
		// as the page it replaces
		f := &File{Path: old.Path, Rel: rel, Section: old.Section, ID: old.ID, Broken: true,
			size: info.Size(), mtime: info.ModTime().UnixNano()}
		pages[code][i] = f
		reads = append(reads, f)
		at = append(at, old)
		read[code]++
	}
	for _, tree := range trees {
		for _, f := range tree.Pages {
			if !f.HasBody() {
				return nil, false, nil // not kept whole
			}
		}
	}
	before := len(*errs)
	l := loader{fsys: fsys, errs: errs, reads: reads}
	if err := l.readPages(); err != nil {
		return nil, true, err
	}
	for i, f := range reads {
		f.Rel = at[i].Rel
	}
	copyOf := func(code string) *Tree {
		c := *trees[code]
		if p := pages[code]; p != nil {
			c.Pages = p
		}
		c.read = read[code]
		c.clean = len(*errs) == before
		return &c
	}
	t = copyOf("")
	t.Translations = make([]*Translation, len(last.Translations))
	for i, tr := range last.Translations {
		t.Translations[i] = &Translation{Code: tr.Code, Tree: copyOf(tr.Code)}
	}
	return t, true, nil
}

func load(fsys fs.FS, prefix string, errs *diag.List, source bool, again Again, k *keeper) (*Tree, error) {
	t := &Tree{load: k}
	before := len(*errs)
	l := loader{fsys: fsys, prefix: prefix, errs: errs, tree: t, source: source, again: again, keeper: k}
	if again.Last != nil {
		l.last = make(map[string]*File, len(again.Last.Pages))
		for _, f := range again.Last.Pages {
			if !f.Broken && f.HasBody() {
				l.last[f.Rel] = f
			}
		}
	}
	err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		return l.visit(p, d)
	})
	if err != nil {
		return nil, err
	}
	if err := l.readPages(); err != nil {
		return nil, err
	}
	l.dedupe()
	l.dedupeStatic()
	if len(t.Pages) > MaxPages {
		errs.AddHint(diag.Pos{File: prefix}, "split the handbook in two", "%d pages; a handbook may have at most %d", len(t.Pages), MaxPages)
		t.Pages = nil
	}
	if t.Config == nil {
		errs.AddHint(diag.Pos{File: l.display("handbook.yaml")}, "create it with at least title and language",
			"missing handbook.yaml")
	}
	sort.Slice(t.Pages, func(i, j int) bool { return t.Pages[i].Rel < t.Pages[j].Rel })
	t.clean = len(*errs) == before
	return t, nil
}

type loader struct {
	fsys   fs.FS
	prefix string
	errs   *diag.List
	tree   *Tree
	pages  []*File
	// reads are the pages whose files are read and split after the walk,
	// on every core
	reads  []*File
	source bool // the source language's folder, which may hold translations
	again  Again
	last   map[string]*File // again.Last's pages whole, by Rel
	keeper *keeper          // the load, for the pages taken from again.Record
}

// unchanged returns the last load's page at p, if it may be taken as it
// is: see Again.
func (l *loader) unchanged(p string, info fs.FileInfo) *File {
	f := l.last[p]
	if f == nil || info == nil || f.size != info.Size() || f.mtime != info.ModTime().UnixNano() {
		return nil
	}
	for q := p; q != "."; q = path.Dir(q) {
		if l.again.Changed(q) {
			return nil
		}
	}
	return f
}

func (l *loader) display(rel string) string {
	if l.prefix == "" {
		return rel
	}
	return path.Join(l.prefix, rel)
}

func (l *loader) visit(p string, d fs.DirEntry) error {
	if p == "." {
		return nil
	}
	name := d.Name()
	if strings.HasPrefix(name, ".") || strings.HasSuffix(name, "~") || strings.HasPrefix(name, "#") {
		if d.IsDir() {
			return fs.SkipDir
		}
		return nil // hidden files and editor backups
	}
	pos := diag.Pos{File: l.display(p)} // a folder: no line
	if !d.IsDir() {
		pos.Line, pos.Col = 1, 1
	}
	if d.Type()&fs.ModeSymlink != 0 {
		l.errs.AddHint(pos, "copy the file into the content folder instead", "symbolic links are not followed")
		return nil
	}
	dir, base := path.Split(p)
	dir = strings.TrimSuffix(dir, "/")
	if d.IsDir() {
		if dir == "" && !isSection(name) && l.source {
			if _, err := fs.Stat(l.fsys, path.Join(p, "handbook.yaml")); err == nil {
				return l.translation(p)
			}
		}
		if dir == "" && !isSection(name) {
			if s := diag.Suggest(name, handbook.SectionOrder); s != "" {
				l.errs.AddHint(pos, `did you mean "`+s+`"?`, "unknown section %q", name)
				return fs.SkipDir
			}
		}
		return nil
	}
	if !d.Type().IsRegular() {
		l.errs.Add(pos, "not a regular file")
		return nil
	}
	isText := strings.HasSuffix(name, ".md") || strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")
	info, err := d.Info()
	if err != nil {
		info = nil
	}
	if info != nil && isText && info.Size() > MaxFileSize {
		l.errs.AddHint(pos, "split it into several pages", "%s is %.1f MB; a page may be at most %d MB",
			name, float64(info.Size())/(1<<20), MaxFileSize>>20)
		if strings.HasSuffix(name, ".md") && (dir == "" || isSection(dir)) {
			// it exists, so links to it add no errors of their own
			l.pages = append(l.pages, &File{Path: l.display(p), Rel: p, Section: dir, ID: strings.TrimSuffix(base, ".md"), Broken: true})
		}
		return nil
	}
	if strings.HasSuffix(name, ".md") && (dir == "" || isSection(dir)) {
		l.page(p, dir, strings.TrimSuffix(base, ".md"), info)
		return nil
	}
	b, err := fs.ReadFile(l.fsys, p)
	if err != nil {
		return err
	}
	switch {
	case dir == "" && (name == "handbook.yaml" || name == "flags.yaml" || name == "synonyms.yaml" || name == "decide.yaml"):
		l.data(p, b)
	case strings.HasSuffix(name, ".md") && isSection(strings.SplitN(dir, "/", 2)[0]):
		l.errs.AddHint(pos, "move it up into "+strings.SplitN(dir, "/", 2)[0]+"/",
			"pages must sit directly in their section folder")
	case dir == "" && (strings.HasSuffix(name, ".yaml") || strings.HasSuffix(name, ".yml")):
		l.errs.AddHint(pos, "the data files are handbook.yaml, flags.yaml, synonyms.yaml and decide.yaml", "unknown data file %q", name)
	case !l.source:
		l.errs.AddHint(pos, "keep pictures and other files in the source language's folder; a translation shares them",
			"a translation holds only pages and data files")
	default:
		if msg, hint := staticRefusal(p); msg != "" {
			l.errs.AddHint(pos, hint, "%s", msg)
			return nil
		}
		if strings.EqualFold(path.Ext(name), ".svg") {
			if e := svgSafe(b); e != nil {
				l.errs.AddHint(diag.Pos{File: pos.File, Line: e.Line, Col: e.Col},
					"a picture must be drawing only, never code: save it as plain SVG, or as PNG",
					"%s is refused: %s", name, e.Why)
				return nil
			}
		}
		l.tree.Static = append(l.tree.Static, &Data{Path: l.display(p), Rel: p, Text: b})
	}
	return nil
}

// translation reads the folder p, which holds a handbook.yaml, as a
// translation of this one.
func (l *loader) translation(p string) error {
	sub, err := fs.Sub(l.fsys, p)
	if err != nil {
		return err
	}
	again := Again{Record: l.again.Record}
	if l.again.Last != nil {
		for _, tr := range l.again.Last.Translations {
			if tr.Code == p {
				again.Last, again.Changed = tr.Tree, func(rel string) bool { return l.again.Changed(path.Join(p, rel)) }
			}
		}
	}
	t, err := load(sub, l.display(p), l.errs, false, again, &keeper{fsys: sub, made: l.keeper.made, changed: l.keeper.changed, trusted: l.keeper.trusted})
	if err != nil {
		return err
	}
	l.tree.Translations = append(l.tree.Translations, &Translation{Code: p, Tree: t})
	return fs.SkipDir
}

func (l *loader) data(p string, b []byte) {
	b = normalize(b)
	if !checkText(l.display(p), b, l.errs) {
		return
	}
	d := &Data{Path: l.display(p), Rel: p, Text: b}
	switch p {
	case "handbook.yaml":
		l.tree.Config = d
	case "flags.yaml":
		l.tree.Flags = d
	case "decide.yaml":
		l.tree.Tree = d
	default:
		l.tree.Synonyms = d
	}
}

// page takes the page file p in section, with id, whose file is read
// later (see readPages) unless the last load's may be taken (see Again).
func (l *loader) page(p, section, id string, info fs.FileInfo) {
	display := l.display(p)
	f := &File{Path: display, Rel: p, Section: section, ID: id, Broken: true}
	if info != nil {
		f.size, f.mtime = info.Size(), info.ModTime().UnixNano()
		f.stamp, f.stamped = sysfile.StampOf(info)
	}
	l.pages = append(l.pages, f)
	pos := diag.Pos{File: display, Line: 1, Col: 1}
	if !idPattern.MatchString(id) {
		l.errs.AddHint(pos, "rename the file to "+suggestID(id)+".md",
			"page id %q must be lower-case letters, digits and single hyphens", id)
		return
	}
	if reservedPage(section, id) {
		where := "the site's " + id + ".html"
		if section != "" {
			where = "the list of " + section
		}
		l.errs.AddHint(pos, "rename the file, such as "+id+"-page.md",
			"%s would be replaced by %s, which the build makes", quote(display), where)
		return
	}
	if last := l.unchanged(p, info); last != nil {
		l.pages[len(l.pages)-1] = last
		return
	}
	if l.again.Record.take(f, l.keeper) {
		return
	}
	l.reads = append(l.reads, f)
}

// readPages reads and splits the pages the walk found, on every core: a
// large handbook's files are most of a build's reading. Each page's
// problems are added to the list in the walk's order.
func (l *loader) readPages() error {
	errs := make([]diag.List, len(l.reads))
	fails := make([]error, len(l.reads))
	parallel.For(len(l.reads), func(i int) {
		f := l.reads[i]
		b, err := fs.ReadFile(l.fsys, f.Rel)
		if err != nil {
			fails[i] = err
			return
		}
		b = normalize(b)
		if !checkText(f.Path, b, &errs[i]) {
			return
		}
		front, body, ok := split(f.Path, b, &errs[i])
		if ok {
			f.front, f.body, f.frontLen, f.Broken = front, body, len(front), false
			f.bodySum, f.frontSum = sha256.Sum256(body), sha256.Sum256(front)
		}
	})
	for i := range l.reads {
		if fails[i] != nil {
			return fails[i]
		}
		*l.errs = append(*l.errs, errs[i]...)
	}
	if l.tree != nil {
		l.tree.read += len(l.reads)
	}
	l.reads = nil
	return nil
}

// dedupe keeps one page per id, ignoring case, and reports the others: two
// files whose names differ only in case are one page on many computers.
// A file with a valid id is kept before one without.
func (l *loader) dedupe() {
	byKey := map[string][]*File{}
	var keys []string
	for _, f := range l.pages {
		k := strings.ToLower(path.Join(f.Section, f.ID))
		if byKey[k] == nil {
			keys = append(keys, k)
		}
		byKey[k] = append(byKey[k], f)
	}
	sort.Strings(keys)
	for _, k := range keys {
		fs := byKey[k]
		sort.SliceStable(fs, func(i, j int) bool {
			return idPattern.MatchString(fs[i].ID) && !idPattern.MatchString(fs[j].ID)
		})
		for _, f := range fs[1:] {
			l.errs.AddHint(diag.Pos{File: f.Path, Line: 1, Col: 1}, "ids must be unique, whatever their case; remove or rename one",
				"duplicate id %q (also %s)", f.ID, fs[0].Path)
		}
		if idPattern.MatchString(fs[0].ID) {
			l.tree.Pages = append(l.tree.Pages, fs[0])
		}
	}
}

func isSection(name string) bool {
	for _, s := range handbook.SectionOrder {
		if s == name {
			return true
		}
	}
	return false
}

// suggestID turns a file name into a valid id: "Side Plank" -> "side-plank",
// "Échauffement" -> "echauffement".
func suggestID(id string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(norm.NFD.String(id)) {
		if unicode.Is(unicode.Mn, r) {
			continue // an accent: keep the letter, drop the mark
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	if b.Len() == 0 {
		return "page"
	}
	return b.String()
}

// BodySum is the SHA-256 of the page's body as it was read, kept after
// LetGoOfBodies. The stages that key what they make by a page's markdown
// take this, rather than hash every page's body on every build (serve
// keeps unchanged files from one build to the next).
func (f *File) BodySum() [32]byte { return sumOr(f.bodySum, f.body) }

// FrontSum is the SHA-256 of the page's front matter, made when it was
// read, for the decoder's memo (see BodySum).
func (f *File) FrontSum() [32]byte { return sumOr(f.frontSum, f.front) }

// sumOr is sum, made when the file was read, or the SHA-256 of b for a
// file not made by a load.
func sumOr(sum [32]byte, b []byte) [32]byte {
	if sum == ([32]byte{}) && b != nil {
		return sha256.Sum256(b)
	}
	return sum
}

// Version names the words of a file as they are now: a translation records
// the version of its source it was made from (translated-from), so that a
// change to the source since shows. It is the first 12 hex digits of the
// SHA-256 of the file's text, front matter and body.
func (f *File) Version() string { return version(f.text()) }

// Version is File.Version for a data file.
func (d *Data) Version() string { return version(d.Text) }

func version(parts ...[]byte) string {
	h := sha256.New()
	for _, p := range parts {
		h.Write(p)
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))[:12]
}
