package schema

import (
	"errors"
	"path/filepath"

	"handbook/generator/diag"
	"handbook/generator/figure"
	"handbook/generator/handbook"
	"handbook/generator/memo"
)

// A build keeps each page's decoded front matter, and the problems found
// in its text, in the cache folder beside the output (see NewDiskMemo), so
// that the next build reads them back instead of parsing every page's
// YAML and posing every figure again: after a one-page edit, decoding the
// other pages was the largest part of a rebuild. The bytes are a Buffer's
// (see memo.Buffer): a kind, then each field in order. TestStoredRoundTrip
// fills every field of every kind, so a field added to the model and not
// here fails it.

// NewDiskMemo returns a memo that keeps pages' decoded front matter and
// their text's problems in the folder dir, for the builds of later
// processes. Data files and translated pages, few and cheap, are kept in
// memory only.
func NewDiskMemo(dir string) *Memo {
	return &Memo{pages: memo.NewDisk(filepath.Join(dir, "pages"), encodeDecoded, decodeDecoded),
		bodies: memo.NewDisk(filepath.Join(dir, "texts"), encodeProblems, decodeProblems),
		data:   memo.New[decodedPage](), translated: memo.New[decodedPage]()}
}

// The kinds of decoded value, as stored.
const (
	storedPage = iota
	storedBroken
	storedExercise
	storedCondition
	storedQuestion
	storedGuide
	storedProgram
	storedUnknown
)

func encodeDecoded(d decodedPage) []byte {
	var b stored
	switch v := d.value.(type) {
	case *handbook.Page:
		if d.broken {
			b.Int(storedBroken)
		} else {
			b.Int(storedPage)
		}
		b.page(v)
	case *handbook.Exercise:
		b.Int(storedExercise)
		b.exercise(v)
	case *handbook.Condition:
		b.Int(storedCondition)
		b.page(&v.Page)
		b.Strings(v.Aliases)
		b.Strings(v.AggravatedBy)
		b.refs(v.Helpful)
		b.refs(v.Flags)
	case *handbook.Question:
		b.Int(storedQuestion)
		b.page(&v.Page)
		b.Strings(v.Aliases)
		b.refs(v.Related)
	case *handbook.Guide:
		b.Int(storedGuide)
		b.page(&v.Page)
		b.Strings(v.Aliases)
		b.refs(v.Related)
	case *handbook.Program:
		b.Int(storedProgram)
		b.page(&v.Page)
		b.Strings(v.Aliases)
		b.Int(len(v.Items))
		for _, it := range v.Items {
			b.ref(it.Exercise)
			b.boolean(it.Dose != nil)
			if it.Dose != nil {
				b.dose(*it.Dose)
			}
			b.Str(it.Note)
		}
	default: // a kind added to decodeFront and not here: read back as not kept
		b.Int(storedUnknown)
	}
	b.problems(d.errs)
	return b.Buffer
}

var errKind = errors.New("cache file holds an unknown kind of page")

func decodeDecoded(data []byte) (decodedPage, error) {
	r := reader{memo.Take(data)}
	var d decodedPage
	switch kind := r.Int(); kind {
	case storedPage, storedBroken:
		d.broken = kind == storedBroken
		p := &handbook.Page{}
		r.page(p)
		d.value = p
	case storedExercise:
		d.value = r.exercise()
	case storedCondition:
		c := &handbook.Condition{}
		r.page(&c.Page)
		c.Aliases, c.AggravatedBy = r.Strings(), r.Strings()
		c.Helpful, c.Flags = r.refs(), r.refs()
		d.value = c
	case storedQuestion:
		q := &handbook.Question{}
		r.page(&q.Page)
		q.Aliases, q.Related = r.Strings(), r.refs()
		d.value = q
	case storedGuide:
		g := &handbook.Guide{}
		r.page(&g.Page)
		g.Aliases, g.Related = r.Strings(), r.refs()
		d.value = g
	case storedProgram:
		p := &handbook.Program{}
		r.page(&p.Page)
		p.Aliases = r.Strings()
		for n := r.Count(); n > 0; n-- {
			it := handbook.ProgramItem{Exercise: r.ref()}
			if r.boolean() {
				dose := r.dose()
				it.Dose = &dose
			}
			it.Note = r.Str()
			p.Items = append(p.Items, it)
		}
		d.value = p
	default:
		return d, errKind
	}
	d.errs = r.problems()
	return d, r.Err()
}

func encodeProblems(l diag.List) []byte {
	var b stored
	b.problems(l)
	return b.Buffer
}

func decodeProblems(data []byte) (diag.List, error) {
	r := reader{memo.Take(data)}
	l := r.problems()
	return l, r.Err()
}

// stored writes the model's values.
type stored struct{ memo.Buffer }

func (b *stored) boolean(v bool) {
	if v {
		b.Int(1)
	} else {
		b.Int(0)
	}
}

func (b *stored) pos(p diag.Pos) {
	b.Str(p.File)
	b.Int(p.Line)
	b.Int(p.Col)
}

func (b *stored) page(p *handbook.Page) {
	b.Str(p.Section)
	b.Str(p.ID)
	b.Str(p.Source)
	b.pos(p.Pos)
	b.Str(p.Title)
	b.Str(p.Summary)
	b.boolean(p.Untranslated)
}

func (b *stored) ref(r handbook.Ref) {
	b.Str(r.ID)
	b.pos(r.Pos)
}

func (b *stored) refs(rs []handbook.Ref) {
	b.Int(len(rs))
	for _, r := range rs {
		b.ref(r)
	}
}

func (b *stored) dose(d handbook.Dose) {
	b.Int(d.Sets)
	b.Str(d.Reps)
	b.Str(d.Hold)
	b.Int(d.Rest)
	b.Str(d.Duration)
	b.Str(d.Frequency)
	b.boolean(d.EachSide)
}

func (b *stored) exercise(e *handbook.Exercise) {
	b.page(&e.Page)
	b.Str(e.Category)
	b.Str(e.Position)
	b.Strings(e.Equipment)
	b.Int(e.Level)
	b.Strings(e.Targets)
	b.dose(e.Dose)
	b.Strings(e.Cues)
	b.Strings(e.Mistakes)
	b.Strings(e.StopIf)
	b.refs(e.AvoidIf)
	b.refs(e.CautionIf)
	b.refs(e.Progression)
	b.refs(e.Regression)
	b.Strings(e.Loads)
	b.Strings(e.Aliases)
	b.boolean(e.Figure != nil)
	if f := e.Figure; f != nil {
		b.Int(len(f.Frames))
		for i := range f.Frames {
			b.frame(&f.Frames[i])
		}
		b.Int(len(f.Props))
		for _, p := range f.Props {
			b.Str(p.Name)
			b.Str(p.At)
			b.pos(p.Pos)
		}
		b.pos(f.Pos)
	}
	b.boolean(e.Image != nil)
	if im := e.Image; im != nil {
		b.Str(im.Path)
		b.Str(im.Credit)
		b.Str(im.License)
		b.pos(im.Pos)
	}
}

// frame writes a figure's frame: its angles as their bits, whole.
func (b *stored) frame(fr *figure.Frame) {
	b.Str(fr.Base)
	for j := range fr.Angles {
		b.Float(fr.Angles[j].Left)
		b.Float(fr.Angles[j].Right)
		b.boolean(fr.Set[j])
		b.pos(fr.At[j])
	}
	b.Str(fr.Arrow)
	b.boolean(fr.Front)
	b.pos(fr.Pos)
}

func (b *stored) problems(l diag.List) {
	b.Int(len(l))
	for _, e := range l {
		b.pos(e.Pos)
		b.Str(e.Msg)
		b.Str(e.Hint)
	}
}

// reader reads what stored wrote.
type reader struct{ *memo.Reader }

func (r reader) boolean() bool { return r.Int() == 1 }

func (r reader) pos() diag.Pos {
	return diag.Pos{File: r.Str(), Line: r.Int(), Col: r.Int()}
}

func (r reader) page(p *handbook.Page) {
	p.Section, p.ID, p.Source = r.Str(), r.Str(), r.Str()
	p.Pos = r.pos()
	p.Title, p.Summary = r.Str(), r.Str()
	p.Untranslated = r.boolean()
}

func (r reader) ref() handbook.Ref { return handbook.Ref{ID: r.Str(), Pos: r.pos()} }

func (r reader) refs() []handbook.Ref {
	var rs []handbook.Ref
	for n := r.Count(); n > 0; n-- {
		rs = append(rs, r.ref())
	}
	return rs
}

func (r reader) dose() handbook.Dose {
	return handbook.Dose{Sets: r.Int(), Reps: r.Str(), Hold: r.Str(), Rest: r.Int(), Duration: r.Str(),
		Frequency: r.Str(), EachSide: r.boolean()}
}

func (r reader) exercise() *handbook.Exercise {
	e := &handbook.Exercise{}
	r.page(&e.Page)
	e.Category, e.Position = r.Str(), r.Str()
	e.Equipment = r.Strings()
	e.Level = r.Int()
	e.Targets = r.Strings()
	e.Dose = r.dose()
	e.Cues, e.Mistakes, e.StopIf = r.Strings(), r.Strings(), r.Strings()
	e.AvoidIf, e.CautionIf, e.Progression, e.Regression = r.refs(), r.refs(), r.refs(), r.refs()
	e.Loads, e.Aliases = r.Strings(), r.Strings()
	if r.boolean() {
		f := &figure.Figure{}
		for n := r.Count(); n > 0; n-- {
			f.Frames = append(f.Frames, r.frame())
		}
		for n := r.Count(); n > 0; n-- {
			f.Props = append(f.Props, figure.Prop{Name: r.Str(), At: r.Str(), Pos: r.pos()})
		}
		f.Pos = r.pos()
		e.Figure = f
	}
	if r.boolean() {
		e.Image = &handbook.Image{Path: r.Str(), Credit: r.Str(), License: r.Str(), Pos: r.pos()}
	}
	return e
}

func (r reader) frame() figure.Frame {
	fr := figure.Frame{Base: r.Str()}
	for j := range fr.Angles {
		fr.Angles[j] = figure.Angle{Left: r.Float(), Right: r.Float()}
		fr.Set[j] = r.boolean()
		fr.At[j] = r.pos()
	}
	fr.Arrow = r.Str()
	fr.Front = r.boolean()
	fr.Pos = r.pos()
	return fr
}

func (r reader) problems() diag.List {
	var l diag.List
	for n := r.Count(); n > 0; n-- {
		l = append(l, &diag.Error{Pos: r.pos(), Msg: r.Str(), Hint: r.Str()})
	}
	return l
}
