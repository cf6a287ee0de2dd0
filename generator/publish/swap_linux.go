package publish

import (
	"errors"
	"os"

	"golang.org/x/sys/unix"
)

// swap puts the folder stage in place of out in one step: renameat2 with
// RENAME_EXCHANGE, so out is never missing or half-written. The old output
// ends up at stage, for the caller to remove.
func swap(stage, out string) error {
	err := unix.Renameat2(unix.AT_FDCWD, stage, unix.AT_FDCWD, out, unix.RENAME_EXCHANGE)
	if errors.Is(err, unix.ENOENT) {
		return os.Rename(stage, out) // no previous output
	}
	if errors.Is(err, unix.EINVAL) || errors.Is(err, unix.ENOSYS) {
		return swapByRename(stage, out) // file system without exchange
	}
	return err
}
