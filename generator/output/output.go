// Package output names a file of the built site. It is a leaf: the stages
// that make files (render, search) and the one that writes them (publish)
// share it without depending on each other.
package output

import (
	"os"
	"strconv"
	"sync"
)

// File is one file of the site, by slash path relative to the output folder.
type File struct {
	Path string
	Data []byte
	// Minimal is set on files written as made, not minified: data scripts
	// made with encoding/json, already minimal, and the pages the layouts
	// make, which minifying would make only a little smaller.
	Minimal bool
	// Key, when set, is a hash of everything the file is made from. A
	// build records it; the next build may then keep the file as it is
	// instead of making it again (see publish.Writer.Keep).
	Key Key
	// Made, when not zero, is the SHA-256 of Data, kept by the first who
	// needed it (see publish.Made) so that no one hashes the bytes twice.
	Made Key
}

// Key is a SHA-256 hash of a file's inputs. The zero Key means none.
type Key [32]byte

// GeneratorID names this build of the generator, by its executable's path,
// size and time: a new binary may convert or lay out the same data
// differently, so it makes every file again that has a Key.
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
