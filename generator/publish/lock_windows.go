//go:build windows

package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/windows"
)

// lockOut takes an exclusive lock on the output folder for the whole build,
// as on Unix: a lock file beside it, held with LockFileEx, which Windows
// releases if the build dies.
func lockOut(lockPath, out string) (unlock func(), err error) {
	f, err := os.OpenFile(lockPath, os.O_CREATE|os.O_RDWR, 0o644)
	if err != nil {
		return nil, err
	}
	h := windows.Handle(f.Fd())
	var ol windows.Overlapped
	err = windows.LockFileEx(h, windows.LOCKFILE_EXCLUSIVE_LOCK|windows.LOCKFILE_FAIL_IMMEDIATELY, 0, 1, 0, &ol)
	if err != nil {
		f.Close()
		if errors.Is(err, windows.ERROR_LOCK_VIOLATION) {
			return nil, busy(out)
		}
		return nil, err
	}
	return func() {
		windows.UnlockFileEx(h, 0, 1, 0, &ol)
		f.Close()
	}, nil
}
