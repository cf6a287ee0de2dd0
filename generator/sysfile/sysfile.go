// Package sysfile reads and writes whole files with as few system calls as
// the platform allows.
//
// os.ReadFile and os.WriteFile go through an os.File, which on Linux offers
// each file to the runtime's poller: two fcntl calls to make it
// non-blocking, an epoll_ctl that a regular file refuses, two more fcntl
// calls to undo it. On the virtual machines builds run on, a system call
// costs about a microsecond, and those five cost as much as the read: a
// build reads every page and writes every file of the site. Here a file
// is opened, read or written, and closed, and nothing else.
package sysfile

import (
	"io/fs"
	"os"
)

// DirFS is os.DirFS(dir), whose ReadFile is ReadFile.
func DirFS(dir string) fs.FS { return dirFS{os.DirFS(dir), dir} }

type dirFS struct {
	fs.FS // os.DirFS(dir)
	dir   string
}

// ReadFile reads name, a path valid in the folder (see fs.ValidPath).
func (d dirFS) ReadFile(name string) ([]byte, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	return readIn(d.FS, d.dir, name)
}

// The rest is os.DirFS's: an embedded fs.FS brings only Open.

func (d dirFS) ReadDir(name string) ([]fs.DirEntry, error) { return fs.ReadDir(d.FS, name) }
func (d dirFS) Stat(name string) (fs.FileInfo, error)      { return fs.Stat(d.FS, name) }
func (d dirFS) Lstat(name string) (fs.FileInfo, error)     { return fs.Lstat(d.FS, name) }
func (d dirFS) ReadLink(name string) (string, error)       { return fs.ReadLink(d.FS, name) }

// Stamp is how a file stood when it was looked at: which file it is (its
// device and inode) and its size, last change of content (mtime) and last
// change of anything (ctime), in nanoseconds. A program may set a file's
// mtime, never its ctime: a file written since has a later ctime, unless
// it was written within the clock tick it was looked at in (see
// content.Record, which waits out that tick).
type Stamp struct {
	Dev, Ino           uint64
	Size, Mtime, Ctime int64
}

// StampOf returns the stamp of the file info describes, if the platform
// gives it (Linux does, for os.DirFS's files).
func StampOf(info fs.FileInfo) (Stamp, bool) {
	if info == nil {
		return Stamp{}, false
	}
	return stampOf(info)
}

// Local reports whether fsys is a folder opened with DirFS on a file
// system of this computer that keeps every file's ctime itself (ext4,
// XFS, Btrfs, tmpfs and the like): there a file's stamp changes whenever
// it is written. A network file system may show a cached stamp for a
// while after another computer wrote the file, or one from a server whose
// clock differs; there, and on file systems not known, a stamp proves
// nothing.
func Local(fsys fs.FS) bool {
	d, ok := fsys.(dirFS)
	return ok && local(d.dir)
}
