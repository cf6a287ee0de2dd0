//go:build !linux

package sysfile

import (
	"io/fs"
	"os"
)

// readIn reads name in the folder whose os.DirFS is fsys.
func readIn(fsys fs.FS, _, name string) ([]byte, error) { return fs.ReadFile(fsys, name) }

// ReadFile is os.ReadFile.
func ReadFile(name string) ([]byte, error) { return os.ReadFile(name) }

// WriteFile is os.WriteFile.
func WriteFile(name string, data []byte, perm os.FileMode) error {
	return os.WriteFile(name, data, perm)
}

// stampOf gives nothing: a file's ctime and inode are not known here.
func stampOf(fs.FileInfo) (Stamp, bool) { return Stamp{}, false }

// local is false: stamps are not taken here.
func local(string) bool { return false }
