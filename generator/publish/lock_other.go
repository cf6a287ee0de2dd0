//go:build !unix

package publish

// lockOut has no lock on systems without flock: two builds of one folder
// at once are the user's to avoid there.
func lockOut(lockPath, out string) (unlock func(), err error) { return func() {}, nil }
