//go:build !unix

package search

import "os"

// readShared reads the file name: where files cannot be mapped, a copy in
// the heap.
func readShared(name string) (string, error) {
	b, err := os.ReadFile(name)
	return string(b), err
}
