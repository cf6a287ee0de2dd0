//go:build unix

package search

import (
	"errors"
	"os"
	"syscall"
	"unsafe"
)

// readShared maps the file name into memory, read only, for as long as
// the process runs, and returns its bytes. A large postings file is then
// never in the heap, where the garbage collector's headroom would double
// it, and its pages are the file's own. Nothing may write to the file in
// place while the process runs: a build replaces it by renaming a new one
// over it, which leaves these bytes as they were.
func readShared(name string) (string, error) {
	f, err := os.Open(name)
	if err != nil {
		return "", err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return "", err
	}
	size := info.Size()
	if !info.Mode().IsRegular() || size <= 0 || size != int64(int(size)) {
		return "", errors.New("postings file: not a file to map")
	}
	b, err := syscall.Mmap(int(f.Fd()), 0, int(size), syscall.PROT_READ, syscall.MAP_PRIVATE)
	if err != nil {
		return "", err
	}
	return unsafe.String(&b[0], len(b)), nil
}
