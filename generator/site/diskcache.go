package site

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"

	"handbook/generator/publish"
	"handbook/generator/render"
	"handbook/generator/schema"
	"handbook/generator/search"
)

// A build into an output folder keeps what it made of each page in a cache
// folder beside it (".public.cache"), so that the next build decodes,
// converts and counts only the pages that changed: each page's decoded
// front matter and its text's problems (see schema.NewDiskMemo), each
// converted page, each exercise's figure, each page's key and each page's
// counted words, by a hash of everything it was made from (see memo.Disk),
// and the search index's postings, patched where pages changed (see
// search.LoadPostings). It also keeps the record of the page files the
// load read (see content.Record), so that the next build reads only those
// that changed.
// What is kept is only good for the program that wrote it, so it lives
// under a folder named by a hash of the program's name, size and time
// (render.GeneratorID), and other programs' folders are removed. What is
// missing or broken is made again; deleting the cache folder gives a clean
// build.

// diskCache returns a cache kept in the cache folder of the output folder
// out.
func diskCache(out string) *Cache {
	sum := sha256.Sum256([]byte(render.GeneratorID()))
	id := hex.EncodeToString(sum[:8])
	root := publish.Beside(out, "cache")
	if old, err := os.ReadDir(root); err == nil {
		for _, e := range old {
			if e.Name() != id {
				os.RemoveAll(filepath.Join(root, e.Name()))
			}
		}
	}
	c := diskCacheIn(filepath.Join(root, id))
	c.decoded = schema.NewDiskMemo(filepath.Join(root, id, "decoded")) // translations are decoded with the source
	c.record = filepath.Join(root, id, "sources")                      // and loaded with it
	return c
}

// diskCacheIn is the cache kept in dir; a translation's is in its folder
// inside.
func diskCacheIn(dir string) *Cache {
	return &Cache{converted: render.NewDiskCache(dir),
		counted: search.NewDiskCache(filepath.Join(dir, "words")),
		merged:  search.LoadPostings(filepath.Join(dir, "postings")),
		folder:  func(code string) *Cache { return diskCacheIn(filepath.Join(dir, "lang", code)) }}
}
