package sysfile

import (
	"io/fs"
	"os"
	"syscall"
)

// readIn reads name in the folder dir (whose os.DirFS is fsys), joined
// as os.DirFS joins them.
func readIn(fsys fs.FS, dir, name string) ([]byte, error) {
	switch {
	case dir == "":
		return fs.ReadFile(fsys, name) // os.DirFS's error
	case dir[len(dir)-1] == '/':
		return ReadFile(dir + name)
	}
	return ReadFile(dir + "/" + name)
}

// ReadFile is os.ReadFile: open, fstat, read to the end, close.
func ReadFile(name string) ([]byte, error) {
	fd, err := open(name, syscall.O_RDONLY, 0)
	if err != nil {
		return nil, err
	}
	defer syscall.Close(fd)
	var st syscall.Stat_t
	if err := fstat(fd, &st); err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	// one more byte than the size, so that the end is seen in one read;
	// a file that grows meanwhile is read to its new end
	b := make([]byte, 0, max(st.Size, 0)+1)
	for {
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
		n, err := syscall.Read(fd, b[len(b):cap(b)])
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		if n == 0 {
			return b, nil
		}
		b = b[:len(b)+n]
	}
}

// WriteFile is os.WriteFile: open, made or emptied, write, close.
func WriteFile(name string, data []byte, perm os.FileMode) error {
	fd, err := open(name, syscall.O_WRONLY|syscall.O_CREAT|syscall.O_TRUNC, uint32(perm.Perm()))
	if err != nil {
		return err
	}
	for len(data) > 0 {
		n, err := syscall.Write(fd, data)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			syscall.Close(fd)
			return &fs.PathError{Op: "write", Path: name, Err: err}
		}
		data = data[n:]
	}
	if err := syscall.Close(fd); err != nil {
		return &fs.PathError{Op: "close", Path: name, Err: err}
	}
	return nil
}

func open(name string, flags int, perm uint32) (int, error) {
	for {
		fd, err := syscall.Open(name, flags|syscall.O_CLOEXEC, perm)
		if err == syscall.EINTR {
			continue
		}
		if err != nil {
			return -1, &fs.PathError{Op: "open", Path: name, Err: err}
		}
		return fd, nil
	}
}

func fstat(fd int, st *syscall.Stat_t) error {
	for {
		if err := syscall.Fstat(fd, st); err != syscall.EINTR {
			return err
		}
	}
}

func stampOf(info fs.FileInfo) (Stamp, bool) {
	st, ok := info.Sys().(*syscall.Stat_t)
	if !ok {
		return Stamp{}, false
	}
	return Stamp{Dev: uint64(st.Dev), Ino: uint64(st.Ino), Size: int64(st.Size),
		Mtime: st.Mtim.Nano(), Ctime: st.Ctim.Nano()}, true
}

// local reports whether dir is on one of the file systems Linux keeps
// itself, by the magic number statfs gives.
func local(dir string) bool {
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) != nil {
		return false
	}
	switch uint32(st.Type) {
	case 0xEF53, // ext2, ext3, ext4
		0x01021994, // tmpfs
		0x858458F6, // ramfs
		0x58465342, // XFS
		0x9123683E, // Btrfs
		0xF2F52010, // F2FS
		0xCA451A4E, // bcachefs
		0x2FC12FC1, // ZFS
		0x794C7630: // overlayfs (containers)
		return true
	}
	return false
}
