//go:build !linux

package publish

func swap(stage, out string) error { return swapByRename(stage, out) }
