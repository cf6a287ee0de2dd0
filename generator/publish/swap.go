package publish

import (
	"errors"
	"os"
)

// swapByRename moves out aside, moves stage in, and leaves the old output
// at stage. Between the two renames out is briefly missing, never partial.
func swapByRename(stage, out string) error {
	old := stage + ".old"
	if err := os.Rename(out, old); err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return os.Rename(stage, out)
		}
		return err
	}
	if err := os.Rename(stage, out); err != nil {
		os.Rename(old, out)
		return err
	}
	return os.Rename(old, stage)
}
