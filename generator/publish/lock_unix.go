//go:build unix

package publish

import (
	"errors"
	"os"
	"syscall"
)

// lockOut takes an exclusive lock on the output folder for the whole build:
// a lock file beside it, held with flock, which the kernel releases if the
// build dies. A second build of the same folder fails at once, saying so,
// instead of sharing (and cleaning up) the first one's staging folder.
func lockOut(lockPath, out string) (unlock func(), err error) {
	f, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	if err := syscall.Flock(int(f.Fd()), syscall.LOCK_EX|syscall.LOCK_NB); err != nil {
		f.Close()
		if errors.Is(err, syscall.EWOULDBLOCK) {
			return nil, busy(out)
		}
		return nil, err
	}
	return func() {
		syscall.Flock(int(f.Fd()), syscall.LOCK_UN)
		f.Close()
	}, nil
}
