package search

import (
	"bytes"
	"encoding/json"
	"fmt"
	"maps"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"

	hb "handbook/generator/handbook"
	"handbook/generator/output"
)

// An index whose postings are kept between builds, and patched where
// pages' words changed, is the same, file for file, as one made whole:
// after random edits to the pages of the shipped handbook and of a tiny
// one (where an edit often moves the highest score), many at once too.
// In a file, the postings are saved by each build and read back by the
// next, with the counts in a count cache on disk, as a build's cache
// folder keeps them.
func TestPostingsEqualWhole(t *testing.T) {
	t.Run("shipped", func(t *testing.T) { postingsEqualWhole(t, filepath.Join("..", "..", "content"), 14, false) })
	t.Run("tiny", func(t *testing.T) { postingsEqualWhole(t, tinyDir(t), 60, false) })
	t.Run("shipped-file", func(t *testing.T) { postingsEqualWhole(t, filepath.Join("..", "..", "content"), 14, true) })
	t.Run("tiny-file", func(t *testing.T) { postingsEqualWhole(t, tinyDir(t), 60, true) })
}

func postingsEqualWhole(t *testing.T, dir string, steps int, file bool) {
	g, texts := pagesOf(t, dir)
	order := g.Order()
	// index makes the index; given the last build's files, it keeps those
	// whose keys match, as the output's writer does
	keptFiles, patched, namesKept := 0, 0, 0
	index := func(kept *Postings, cache Cache, last map[string]output.File) map[string]output.File {
		ix := NewIndexer(g, cache)
		if kept != nil {
			ix.KeepPostings(kept)
		}
		for _, k := range order {
			ix.Add(-1, k, hb.Text{Sections: slices.Clone(texts[k])}, output.Key{})
		}
		var mu sync.Mutex
		files := map[string]output.File{}
		var keep func(string, output.Key) bool
		if last != nil {
			keep = func(path string, key output.Key) bool {
				mu.Lock()
				defer mu.Unlock()
				if f, ok := last[path]; ok && f.Key == key {
					files[path] = f
					keptFiles++
					return true
				}
				return false
			}
		}
		emit := func(f output.File) error {
			mu.Lock()
			files[f.Path] = f
			mu.Unlock()
			return nil
		}
		if err := ix.Write(emit, keep); err != nil {
			t.Fatal(err)
		}
		if ix.patched {
			patched++
		}
		if kept != nil && kept.namesKept != (output.Key{}) && kept.names.key == kept.namesKept {
			namesKept++ // the pages' part of the header, as the last build saved it
		}
		return files
	}
	kept, cache := &Postings{}, NewCache()
	saved, counts := filepath.Join(t.TempDir(), "postings"), filepath.Join(t.TempDir(), "words")
	if file {
		kept, cache = LoadPostings(saved), NewDiskCache(counts)
	}
	last := index(kept, cache, nil)
	rng := rand.New(rand.NewPCG(3, 4))
	words := strings.Fields("lumbar spine gentle walk numbness bladder stretch ache physio zyzzyva breathe")
	edit := func() string {
		k := order[rng.IntN(len(order))]
		secs := slices.Clone(texts[k])
		if len(secs) == 0 {
			secs = []hb.Section{{Heading: "Added"}}
		}
		i := rng.IntN(len(secs))
		s := secs[i]
		switch rng.IntN(5) {
		case 4: // one word no page has, again and again, and nothing else:
			// the highest score of the index moves
			secs = []hb.Section{{Text: strings.Repeat("quixotically ", 1+rng.IntN(40))}}
			texts[k] = secs
			return k
		case 0: // a word added, maybe one no other page has
			s.Text += " " + words[rng.IntN(len(words))]
		case 1: // the text gone
			s.Text = ""
		case 2: // another page's words
			other := texts[order[rng.IntN(len(order))]]
			if len(other) > 0 {
				s.Text = other[0].Text
			}
		default: // a word taken out
			if f := strings.Fields(s.Text); len(f) > 1 {
				j := rng.IntN(len(f))
				f = slices.Delete(f, j, j+1)
				s.Text = strings.Join(f, " ")
			}
		}
		secs[i] = s
		texts[k] = secs
		return k
	}
	for step := range steps {
		n := 1 + rng.IntN(3)
		if step%5 == 4 {
			n = len(order) / 4 // many pages: merged whole again
		}
		var edited []string
		for range n {
			edited = append(edited, edit())
		}
		if file { // another process: what the last build saved
			kept, cache = LoadPostings(saved), NewDiskCache(counts)
			if kept.raw == nil {
				t.Fatalf("step %d: the postings saved by the last build cannot be read back", step)
			}
			if step%7 == 6 { // a broken file is a file not kept
				os.WriteFile(saved, []byte(postingsHeader+"broken"), 0o644)
				kept = LoadPostings(saved)
			}
			if step%7 == 3 { // a names file damaged past its key is made again
				if b, err := os.ReadFile(saved + ".names"); err == nil && len(b) > 0 {
					b[len(b)-2] ^= 'A' ^ 'B'
					os.WriteFile(saved+".names", b, 0o644)
				} else {
					t.Errorf("step %d: the pages' part of the header was not saved: %v", step, err)
				}
			}
			if step%5 == 2 { // counts lost: the patch looks through every list
				os.RemoveAll(counts)
				cache = NewDiskCache(counts)
			}
		}
		got, want := index(kept, cache, last), index(nil, nil, nil)
		last = got
		for p, f := range want {
			if !bytes.Equal(got[p].Data, f.Data) {
				t.Errorf("step %d (%d pages edited, first %s): %s differs from an index made whole", step, n, edited[0], p)
			}
		}
		if len(got) != len(want) {
			t.Errorf("step %d: %d files, made whole %d", step, len(got), len(want))
		}
	}
	if keptFiles == 0 {
		t.Error("no file of the index was kept: the test proves nothing")
	}
	if file && namesKept == 0 {
		t.Error("the pages' part of the header was never read back from its file")
	}
	// every fifth step edits a quarter of the pages, every seventh on
	// file breaks it: those merge whole
	if patched < steps/2 {
		t.Errorf("the postings were patched %d times in %d steps: the test proves little", patched, steps)
	}
	t.Logf("%d files kept, postings patched %d times over %d steps", keptFiles, patched, steps)
}

// twoTerms is an index of three documents and two terms: a, in documents
// 0 and 2, and b, in document 1 as many times as bCount.
func twoTerms(bCount uint16) map[string]*rawList {
	a, b := &rawList{}, &rawList{}
	a.add(0, [nFields]uint16{fBody: 3})
	a.add(2, [nFields]uint16{fBody: 1})
	b.add(1, [nFields]uint16{fBody: bCount})
	return map[string]*rawList{"a": a, "b": b}
}

// scoreOfA scores ix, an index of twoTerms, and returns a's postings.
func scoreOfA(t *testing.T, ix *Indexer) string {
	t.Helper()
	ix.docs, ix.lens = make([]*doc, 3), [][nFields]int32{{fBody: 40}, {fBody: 60}, {fBody: 20}}
	_, post := ix.score()
	enc, sum := post("a")
	if sum != encSum(enc) {
		t.Errorf("a's postings %q have the sum of others", enc)
	}
	return enc
}

// A term whose list did not change is encoded again when the highest
// score of the index moves, since impacts are relative to it.
func TestKeptScoresFollowTheHighest(t *testing.T) {
	kept := &Postings{}
	scoreOfA(t, &Indexer{raw: twoTerms(1), kept: kept})
	raw := twoTerms(1)
	raw["b"].put(1, &[nFields]uint16{fBody: 30}) // b's score rises past a's
	kept.dirty, kept.changed = map[string][]docCounts{"b": {{1, [nFields]uint16{fBody: 30}}}}, changesOf([]bool{false, true, false})
	got := scoreOfA(t, &Indexer{raw: raw, kept: kept})
	if want := scoreOfA(t, &Indexer{raw: twoTerms(30)}); got != want {
		t.Errorf("a's postings %q, made whole %q", got, want)
	}
	if first := scoreOfA(t, &Indexer{raw: twoTerms(1)}); first == got {
		t.Error("the test proves nothing: a's postings are the same whatever b holds")
	}
}

// ... but not when it moves a little: impacts are relative to the highest
// score rounded up (see coarse), so that an edit that raises it by a hair
// leaves the other lists as they were, kept and not encoded again.
func TestKeptScoresBearSmallRises(t *testing.T) {
	kept := &Postings{}
	first := scoreOfA(t, &Indexer{raw: twoTerms(30), kept: kept})
	st := kept.scored["a"]
	st.enc, st.sum = "kept", encSum("kept") // what a was encoded as, marked
	raw := twoTerms(30)
	raw["b"].put(1, &[nFields]uint16{fBody: 31}) // b, the highest, rises a little
	kept.dirty, kept.changed = map[string][]docCounts{"b": {{1, [nFields]uint16{fBody: 31}}}}, changesOf([]bool{false, true, false})
	if got := scoreOfA(t, &Indexer{raw: raw, kept: kept}); got != "kept" {
		t.Errorf("a's postings were encoded again (%q) when the highest score rose a little", got)
	}
	if whole := scoreOfA(t, &Indexer{raw: twoTerms(31)}); whole != first {
		t.Errorf("a's postings made whole moved from %q to %q", first, whole)
	}
}

func TestCoarse(t *testing.T) {
	for _, x := range []float64{1e-9, 0.3, 1, 1.01, 7.99, 8, 18.109525921124302, 18.26144374390493, 1234.5} {
		c := coarse(x)
		if c < x || c > x*(1+1.0/32) || coarse(c) != c {
			t.Errorf("coarse(%v) = %v: want a step of 32 between powers of two, at or above it", x, c)
		}
	}
	if coarse(18.109525921124302) != coarse(18.26144374390493) {
		t.Error("18.11 and 18.26 round to different steps")
	}
}

// A dirty term is scored without its whole list when its highest-scoring
// document did not change and it has as many documents: the scores must be
// those of scoring it whole, whatever changed.
func TestDirtyScoresEqualWhole(t *testing.T) {
	for seed := range uint64(50) {
		t.Run(fmt.Sprint(seed), func(t *testing.T) { dirtyScoresEqualWhole(t, seed) })
	}
}

func dirtyScoresEqualWhole(t *testing.T, seed uint64) {
	rng := rand.New(rand.NewPCG(seed, 4))
	const docs, terms = 40, 30
	lens := make([][nFields]int32, docs)
	for d := range lens {
		lens[d] = [nFields]int32{fTitle: 3, fBody: int32(50 + rng.IntN(20))}
	}
	tfs := map[string][]uint16{} // by term, each document's count in the body (0: not there)
	for i := range terms {
		tf := make([]uint16, docs)
		for d := range tf {
			if rng.IntN(3) == 0 {
				tf[d] = uint16(1 + rng.IntN(6))
			}
		}
		tfs[fmt.Sprint("t", i)] = tf
	}
	lists := func() map[string]*rawList {
		out := map[string]*rawList{}
		for s, tf := range tfs {
			l := &rawList{}
			for d, c := range tf {
				if c > 0 {
					l.add(int32(d), [nFields]uint16{fBody: c})
				}
			}
			if l.n > 0 {
				out[s] = l
			}
		}
		return out
	}
	encode := func(ix *Indexer) map[string]string {
		ix.docs, ix.lens = make([]*doc, docs), lens
		vocab, post := ix.score()
		out := map[string]string{}
		for _, s := range vocab {
			out[s], _ = post(s)
		}
		return out
	}
	kept := &Postings{}
	encode(&Indexer{raw: lists(), kept: kept})
	incremental := 0
	for step := range 40 {
		changed := make([]bool, docs)
		dirty := map[string][]docCounts{}
		for range 1 + rng.IntN(2) {
			d := rng.IntN(docs)
			changed[d] = true
			for _, s := range slices.Sorted(maps.Keys(tfs)) {
				tf := tfs[s]
				was := tf[d]
				if rng.IntN(4) == 0 {
					tf[d] = uint16(rng.IntN(7))
				}
				if was > 0 || tf[d] > 0 {
					dirty[s] = nil
				}
			}
		}
		for s := range dirty {
			for d, c := range tfs[s] {
				if changed[d] && c > 0 {
					dirty[s] = append(dirty[s], docCounts{int32(d), [nFields]uint16{fBody: c}})
				}
			}
		}
		for s, st := range kept.scored {
			if _, ok := dirty[s]; ok && st.top >= 0 && !changed[st.top] {
				incremental++
			}
		}
		kept.dirty, kept.changed = dirty, changesOf(changed)
		got, want := encode(&Indexer{raw: lists(), kept: kept}), encode(&Indexer{raw: lists()})
		if !maps.Equal(got, want) {
			for _, s := range slices.Sorted(maps.Keys(want)) {
				if got[s] != want[s] {
					t.Errorf("step %d: %s: scored in part %v, whole %v", step, s, decode(got[s]), decode(want[s]))
				}
			}
			t.FailNow()
		}
	}
	if incremental < 40 {
		t.Errorf("%d dirty terms scored in part: the test proves little", incremental)
	}
}

// FuzzDecodePostings reads any bytes as a postings file without panicking;
// what it accepts can be walked, patched and saved again.
func FuzzDecodePostings(f *testing.F) {
	l := &rawList{}
	l.add(0, [nFields]uint16{fBody: 2})
	l.add(3, [nFields]uint16{fTitle: 1, fBody: 1})
	words := newWordBook(4)
	words.set(0, [][2]string{{"walking", "walk"}})
	p := &Postings{keys: []string{"a", "b", "c", "d"}, countKeys: make([]output.Key, 4), lens: make([][nFields]int32, 4),
		words: words, raw: map[string]*rawList{"walk": l}, scored: map[string]*scoredTerm{"walk": {max: 1.5, encMax: 1.5, enc: "0z", sum: encSum("0z")}}}
	saved := filepath.Join(f.TempDir(), "postings")
	if err := p.writeTo(saved); err != nil {
		f.Fatal(err)
	}
	b, err := os.ReadFile(saved)
	if err != nil {
		f.Fatal(err)
	}
	f.Add(b)
	f.Add([]byte(postingsHeader))
	f.Fuzz(func(t *testing.T, b []byte) {
		q, err := decodePostings(string(b))
		if err != nil {
			return
		}
		for _, l := range q.raw {
			l.each(func(int32, *[nFields]uint16) {})
			l.put(int32(len(q.keys)-1), &[nFields]uint16{fBody: 1})
		}
		for doc := range q.words.docs {
			q.words.set(doc, [][2]string{{"walking", "walk"}})
		}
		q.words.surface()
		again := filepath.Join(t.TempDir(), "postings")
		if err := q.writeTo(again); err != nil {
			t.Fatal(err)
		}
		if b, err := os.ReadFile(again); err != nil {
			t.Fatal(err)
		} else if _, err := decodePostings(string(b)); err != nil {
			t.Errorf("saved again, it cannot be read: %v", err)
		}
	})
}

// changesOf marks the documents changed says, first to last.
func changesOf(changed []bool) changes {
	c := changes{changed, math.MaxInt32, -1}
	for d, ch := range changed {
		if ch {
			c.from, c.upTo = min(c.from, int32(d)), int32(d)
		}
	}
	return c
}

// TestSpliceEqualsEncode splices lists of up to 600 postings, again and
// again as serve does, from the skips the splice before made, and checks
// each against the list encoded afresh; the skips must mark postings all
// along it.
func TestSpliceEqualsEncode(t *testing.T) {
	for seed := range uint64(300) {
		rng := rand.New(rand.NewPCG(seed, 11))
		docs := 1 + rng.IntN(600)
		held := map[int]posting{}
		for d := range docs {
			if rng.IntN(2) == 0 {
				held[d] = posting{d, 1 + rng.IntN(maxImpact), rng.IntN(5) == 0}
			}
		}
		encoded := func() string {
			var ps []posting
			for _, d := range slices.Sorted(maps.Keys(held)) {
				ps = append(ps, held[d])
			}
			return encode(ps)
		}
		enc := encoded()
		// no skips at first, as read from the cache folder, or, for half the
		// seeds, those of the list encoded whole in memory
		var skips []encSkip
		if seed%2 == 0 {
			var l rawList
			for _, d := range slices.Sorted(maps.Keys(held)) {
				tf := [nFields]uint16{fBody: uint16(held[d].impact)}
				if held[d].title {
					tf[fTitle] = 1
				}
				l.add(int32(d), tf)
			}
			var whole string
			whole, skips = encodeList(&l, func(doc int32, tf *[nFields]uint16) posting {
				return posting{int(doc), int(tf[fBody]), tf[fTitle] > 0}
			})
			if whole != enc {
				t.Fatalf("seed %d: encodeList %v, encode %v", seed, decode(whole), decode(enc))
			}
		}
		for round := range 1 + rng.IntN(5) {
			changed := make([]bool, docs)
			var adds []docCounts
			impact := map[int32]posting{}
			lo := rng.IntN(docs + 1)
			hi := lo + rng.IntN(docs+1-lo)
			force := -1 // the first change is the document a skip's distance is from
			if len(skips) > 0 && rng.IntN(2) == 0 {
				force = int(skips[rng.IntN(len(skips))].prev)
				lo, hi = force, max(hi, force+1)
			}
			for d := lo; d < hi; d++ {
				if changed[d] = d == force || rng.IntN(4) == 0; !changed[d] {
					continue
				}
				delete(held, d)
				if rng.IntN(2) == 0 {
					held[d] = posting{d, 1 + rng.IntN(maxImpact), rng.IntN(5) == 0}
					adds = append(adds, docCounts{doc: int32(d)})
					impact[int32(d)] = held[d]
				}
			}
			got, marks, ok := splice(enc, skips, changesOf(changed), adds, func(a docCounts) posting { return impact[a.doc] })
			if want := encoded(); !ok || got != want {
				t.Fatalf("seed %d round %d: spliced %v, %t; want %v", seed, round, decode(got), ok, decode(want))
			}
			k, doc, since := 0, 0, 0
			for i := 0; i < len(got); since++ {
				if k < len(marks) && int(marks[k].at) == i {
					if int(marks[k].prev) != doc {
						t.Fatalf("seed %d round %d: skip %d is %+v: the document before is %d", seed, round, k, marks[k], doc)
					}
					k, since = k+1, 0
				}
				if since > skipEvery {
					t.Fatalf("seed %d round %d: %d postings without a skip", seed, round, since)
				}
				p, after, _ := next(got, i)
				doc, i = doc+p.doc, after
			}
			if k != len(marks) || marks == nil {
				t.Fatalf("seed %d round %d: skips %+v: %d mark postings", seed, round, marks, k)
			}
			enc, skips = got, marks
		}
	}
}

// FuzzSplice splices any string as a term's postings without panicking;
// when it takes them, the result is a list of postings in order, and
// splicing with no document changed gives the postings back.
func FuzzSplice(f *testing.F) {
	f.Add(encode([]posting{{0, 3, false}, {2, 63, true}, {40, 1, false}}), uint8(2))
	f.Add("", uint8(0))
	f.Add("zz", uint8(1))
	f.Fuzz(func(t *testing.T, enc string, changedDoc uint8) {
		const docs = 64
		changed := make([]bool, docs)
		unchanged, skips, ok := splice(enc, nil, changesOf(changed), nil, nil)
		if !ok {
			return
		}
		if unchanged != enc {
			t.Fatalf("splice(%q) with nothing changed = %q", enc, unchanged)
		}
		changed[changedDoc%docs] = true
		adds := []docCounts{{int32(changedDoc % docs), [nFields]uint16{fBody: 1}}}
		post := func(a docCounts) posting { return posting{doc: int(a.doc), impact: 5} }
		got, _, ok := splice(enc, nil, changesOf(changed), adds, post)
		if !ok {
			t.Fatalf("splice(%q) took it once, not twice", enc)
		}
		if skipped, _, ok := splice(enc, skips, changesOf(changed), adds, post); !ok || skipped != got {
			t.Fatalf("splice(%q) from its skips = %q, %t; read whole %q", enc, skipped, ok, got)
		}
		ps := decode(got)
		for i, p := range ps {
			if p.doc >= docs || (i > 0 && p.doc <= ps[i-1].doc) || p.impact < 1 || p.impact > maxImpact {
				t.Fatalf("splice(%q) = %q: postings out of order or range: %v", enc, got, ps)
			}
		}
		if !slices.ContainsFunc(ps, func(p posting) bool { return p.doc == int(changedDoc%docs) && p.impact == 5 }) {
			t.Fatalf("splice(%q) = %q lost the changed document's posting", enc, got)
		}
	})
}

// TestPatchedEqualsRewrite checks rawList.patched, which copies the kept
// documents' records in runs, against a list written afresh: the same
// documents, changed ones taken out and the new ones put in, the same
// bytes. Counts reach past one byte, and documents sit far apart, so
// that gaps and counts take several bytes. Each list is patched several
// times over, as serve does save after save; indexed, its skips must
// still mark its records, all along it.
func TestPatchedEqualsRewrite(t *testing.T) {
	for seed := range uint64(400) {
		rng := rand.New(rand.NewPCG(seed, 9))
		docs := 1 + rng.IntN(60)
		if seed%3 == 0 {
			docs = 1 + rng.IntN(600) // several skips
		}
		spread := int32(1 + rng.IntN(400))
		index := seed%2 == 0
		tf := func() [nFields]uint16 {
			var c [nFields]uint16
			for f := range c {
				if rng.IntN(3) == 0 {
					c[f] = uint16(1 + rng.IntN(1000))
				}
			}
			if c == ([nFields]uint16{}) {
				c[fBody] = 1
			}
			return c
		}
		held := map[int32][nFields]uint16{} // the list, as a model
		var l rawList
		for d := range docs {
			if rng.IntN(2) == 0 {
				doc := int32(d) * spread
				held[doc] = tf()
				l.add(doc, held[doc])
			}
		}
		checkSkips(t, fmt.Sprintf("seed %d, as added", seed), &l)
		if seed%4 == 2 { // as read from the cache folder
			l.skips, l.unindexed = nil, true
		}
		for round := range 1 + rng.IntN(4) {
			changed := make([]bool, int(spread)*docs)
			var add []docCounts
			from, upTo := int32(math.MaxInt32), int32(-1)
			// no document outside lo..hi changes: the rest is copied whole
			lo := rng.IntN(docs + 1)
			hi := lo + rng.IntN(docs+1-lo)
			force := -1 // the first change is the document a skip's gap is from
			if len(l.skips) > 0 && rng.IntN(2) == 0 {
				force = int(l.skips[rng.IntN(len(l.skips))].prev / spread)
				lo, hi = force, max(hi, force+1)
			}
			for d := lo; d < hi; d++ {
				doc := int32(d) * spread
				if changed[doc] = d == force || rng.IntN(4) == 0; !changed[doc] {
					continue
				}
				from, upTo = min(from, doc), doc
				delete(held, doc)
				if rng.IntN(2) == 0 {
					add = append(add, docCounts{doc, tf()})
					held[doc] = add[len(add)-1].tf
				}
			}
			wantHit := false
			l.each(func(doc int32, _ *[nFields]uint16) { wantHit = wantHit || changed[doc] })
			var want rawList
			for _, doc := range slices.Sorted(maps.Keys(held)) {
				want.add(doc, held[doc])
			}
			got, hit := l.patched(changes{changed, from, upTo}, add, index)
			if !bytes.Equal(got.buf, want.buf) || got.n != want.n || got.last != want.last {
				t.Fatalf("seed %d round %d: patched %x n %d last %d, want %x n %d last %d", seed, round, got.buf, got.n, got.last, want.buf, want.n, want.last)
			}
			if hit != wantHit {
				t.Fatalf("seed %d round %d: hit %t, want %t", seed, round, hit, wantHit)
			}
			if index {
				checkSkips(t, fmt.Sprintf("seed %d round %d", seed, round), &got)
			} else if got.skips != nil || !got.unindexed {
				t.Fatalf("seed %d round %d: skips on a list not indexed", seed, round)
			}
			l = got
		}
	}
}

// checkSkips checks that l's skips each mark a record, in order, with the
// records before it and the document before it, and that no stretch of
// more than twice skipEvery records goes without one.
func checkSkips(t *testing.T, what string, l *rawList) {
	t.Helper()
	if l.unindexed {
		t.Fatalf("%s: not indexed", what)
	}
	k, last, doc := 0, -1, int32(0)
	for i, seen := 0, 0; i < len(l.buf); seen++ {
		gap, _, end := record(l.buf, i)
		if k < len(l.skips) && int(l.skips[k].at) == i {
			if s := l.skips[k]; int(s.seen) != seen || s.prev != doc {
				t.Fatalf("%s: skip %d is %+v, want seen %d prev %d", what, k, s, seen, doc)
			}
			k, last = k+1, seen
		}
		if seen-last > skipEvery {
			t.Fatalf("%s: records %d to %d have no skip", what, last+1, seen)
		}
		doc += int32(gap)
		i = end
	}
	if k != len(l.skips) {
		t.Fatalf("%s: skip %d of %d, %+v, marks no record", what, k, len(l.skips), l.skips[k])
	}
}

// BenchmarkPatched patches a list of 10,000 documents where one changed:
// what serve does for each term of a saved page, at 10k pages.
func BenchmarkPatched(b *testing.B) {
	var l rawList
	for d := int32(0); d < 10000; d++ {
		l.add(d, [nFields]uint16{fBody: uint16(1 + d%7), fTitle: uint16(d % 3)})
	}
	changed := make([]bool, 10000)
	changed[9000] = true
	add := []docCounts{{9000, [nFields]uint16{fBody: 2}}}
	b.SetBytes(int64(len(l.buf)))
	b.Run("unindexed", func(b *testing.B) { // read from the cache folder
		l := rawList{buf: l.buf, n: l.n, last: l.last, unindexed: true}
		for b.Loop() {
			l.patched(changes{changed, 9000, 9000}, add, false)
		}
	})
	b.Run("indexed", func(b *testing.B) { // serve's
		for b.Loop() {
			l.patched(changes{changed, 9000, 9000}, add, true)
		}
	})
}

// The index's scripts of lists of strings are written by hand, for speed,
// and must be what json.Marshal writes: the HTML characters and the
// quote escaped, and so on.
func TestScriptStringsIsJSON(t *testing.T) {
	for _, list := range [][]string{
		{}, {""}, {"AbZ09-_"}, {"a", "b", "c"}, {"x<y", "a&b", "</script>"},
		{`say "no"`, `back\slash`, "tab\there", "line\nbreak", "\x00\x1f\x7f"},
		{"crème", "dolor de espalda", "\u2028\u2029", "bad \xff utf-8"},
		{"plain", "<", "plain", "&", ""},
	} {
		assertScriptIsJSON(t, list)
	}
}

func FuzzScriptStrings(f *testing.F) {
	f.Add("AbZ09-_", "x<y", "")
	f.Add("\xff", "\u2028", `"\`)
	f.Fuzz(func(t *testing.T, a, b, c string) {
		assertScriptIsJSON(t, []string{a, b, c})
		assertScriptIsJSON(t, []string{c})
	})
}

func assertScriptIsJSON(t *testing.T, list []string) {
	t.Helper()
	got, err := script("terms-a", list)
	if err != nil {
		t.Fatal(err)
	}
	b, err := json.Marshal(list)
	if err != nil {
		t.Fatal(err)
	}
	if want := scriptOf("terms-a", b); !bytes.Equal(got.Data, want.Data) || got.Path != want.Path || !got.Minimal {
		t.Errorf("script of %q:\n got %s\nwant %s", list, got.Data, want.Data)
	}
}
