package render

import (
	"crypto/sha256"
	"encoding/binary"
	"encoding/json"
	"io/fs"
	"os"
	"sort"
	"strconv"
	"sync"

	"handbook/generator/output"
)

// Keeper says whether the file at path, made from inputs whose hash is
// key, may stay as the previous build wrote it instead of being made again.
// It is called from several goroutines at once.
type Keeper func(path string, key output.Key) bool

// A page's key hashes everything its layout reads: the page's data (its
// view, converted body and links, as JSON) and what every page shares (the
// layouts, the site's data, the generator itself). Layouts read nothing
// else, so two builds with one key write the same bytes.

// sharedKey hashes what every page's layout reads besides its own data.
func sharedKey(layouts fs.FS, s *site) (output.Key, error) {
	h := sha256.New()
	h.Write([]byte(GeneratorID()))
	err := fs.WalkDir(layouts, ".", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		b, err := fs.ReadFile(layouts, p)
		if err != nil {
			return err
		}
		h.Write([]byte(p + "\x00" + strconv.Itoa(len(b)) + "\x00"))
		h.Write(b)
		return nil
	})
	if err != nil {
		return output.Key{}, err
	}
	sections := make([]string, 0, len(s.sections))
	for k := range s.sections {
		sections = append(sections, k)
	}
	sort.Strings(sections)
	enc := json.NewEncoder(h)
	if err := enc.Encode(s); err != nil {
		return output.Key{}, err
	}
	if err := enc.Encode(sections); err != nil {
		return output.Key{}, err
	}
	var k output.Key
	h.Sum(k[:0])
	return k, nil
}

// inputsKey hashes a page's own data with the shared key; ok is false when
// the data cannot be hashed (then the page is always made).
func inputsKey(shared output.Key, d *pageData) (k output.Key, ok bool) {
	own := *d
	own.Site = nil // in the shared key
	own.Body = ""  // hashed as it is: JSON would escape it first
	h := sha256.New()
	h.Write(shared[:])
	if d.bodyKey != (output.Key{}) {
		// the key of the page's conversion stands for the HTML it made,
		// which stays in the cache unless the page is laid out
		h.Write([]byte{1})
		h.Write(d.bodyKey[:])
	} else {
		h.Write([]byte{0})
		binary.Write(h, binary.LittleEndian, int64(len(d.Body)))
		h.Write([]byte(d.Body))
	}
	if err := json.NewEncoder(h).Encode(&own); err != nil {
		return k, false
	}
	h.Sum(k[:0])
	return k, true
}

// GeneratorID names this build of the generator, by its executable's path,
// size and time: a new binary may convert or lay out the same data
// differently, so it makes every page again.
var GeneratorID = sync.OnceValue(func() string {
	exe, err := os.Executable()
	if err != nil {
		return "unknown"
	}
	info, err := os.Stat(exe)
	if err != nil {
		return exe
	}
	return exe + "\x00" + strconv.FormatInt(info.Size(), 10) + "\x00" + info.ModTime().UTC().String()
})
