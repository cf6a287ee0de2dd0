package server

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
)

// Batching: a rebuild starts once the files have been quiet for quiet, or
// at the latest wait after the first change, so a save that writes several
// times, or a git checkout of many files, makes one rebuild.
const (
	quiet = 10 * time.Millisecond
	wait  = 300 * time.Millisecond
)

// Watch rebuilds on every change under the watched folders until ctx ends.
// Folders created later are watched too.
func (s *Server) Watch(ctx context.Context) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return err
	}
	defer w.Close()
	// each watched folder, and the folder holding it: a content folder that
	// is moved away and made again (a git checkout of another branch, a
	// restore from a backup) is watched again when it comes back
	roots := map[string]bool{}
	for _, dir := range s.cfg.Watch {
		dir = filepath.Clean(dir)
		roots[dir] = true
		if err := addTree(w, dir); err != nil {
			return err
		}
		if err := w.Add(filepath.Dir(dir)); err != nil {
			return err
		}
	}
	s.mu.Lock()
	s.watching = time.Now()
	s.mu.Unlock()
	changed := map[string]bool{}
	var timer <-chan time.Time
	var first time.Time
	for {
		select {
		case <-ctx.Done():
			return nil
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			s.logf("watching: %v\n", err)
			if errors.Is(err, fsnotify.ErrEventOverflow) {
				// changes were missed: the next build reads every file
				for dir := range roots {
					changed[dir] = true
				}
				timer = time.After(quiet)
			}
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			name := filepath.Clean(ev.Name)
			if !roots[name] && !s.inside(name) {
				continue // a neighbour of a watched folder, in its parent
			}
			if ignored(ev.Name) {
				continue
			}
			if ev.Has(fsnotify.Create) {
				if info, err := os.Stat(ev.Name); err == nil && info.IsDir() {
					addTree(w, ev.Name) // a new folder, perhaps already holding files
				}
			}
			changed[name] = true
			if len(changed) == 1 {
				first = time.Now()
			}
			timer = time.After(min(quiet, time.Until(first.Add(wait))))
		case <-timer:
			timer = nil
			names := make([]string, 0, len(changed))
			for n := range changed {
				names = append(names, n)
			}
			sort.Strings(names)
			clear(changed)
			s.rebuild(names)
		}
	}
}

// addTree watches dir and every folder below it.
func addTree(w *fsnotify.Watcher, dir string) error {
	return filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return nil // a folder removed while walking
		}
		if d.IsDir() {
			if p != dir && strings.HasPrefix(d.Name(), ".") {
				return filepath.SkipDir
			}
			return w.Add(p)
		}
		return nil
	})
}

// ignored reports editor files that are not content: hidden, swap, backup
// and temporary files (vim, emacs, JetBrains, Kate, Chrome's, sed -i's),
// and the probe file vim writes to test a folder. A change to them is not
// logged and starts no build.
func ignored(name string) bool {
	base := filepath.Base(name)
	for _, end := range []string{"~", ".swp", ".swx", ".swo", ".tmp", ".bak", ".orig", ".kate-swp", ".crswap", "___jb_tmp___", "___jb_old___"} {
		if strings.HasSuffix(base, end) {
			return true
		}
	}
	return strings.HasPrefix(base, ".") || strings.HasPrefix(base, "#") || base == "4913" || sedTemp(base)
}

// sedTemp reports sed -i's temporary file: "sed" and six letters or digits.
func sedTemp(base string) bool {
	if len(base) != 9 || !strings.HasPrefix(base, "sed") {
		return false
	}
	for _, c := range base[3:] {
		if !('a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9') {
			return false
		}
	}
	return true
}

// inside reports whether name is below one of the watched folders.
func (s *Server) inside(name string) bool {
	for _, dir := range s.cfg.Watch {
		if r, err := filepath.Rel(filepath.Clean(dir), name); err == nil && r != "." && !strings.HasPrefix(r, "..") {
			return true
		}
	}
	return false
}

// rel names a changed file for the terminal: relative to its watched folder.
func (s *Server) rel(name string) string {
	for _, dir := range s.cfg.Watch {
		if r, err := filepath.Rel(dir, name); err == nil && !strings.HasPrefix(r, "..") {
			return filepath.ToSlash(filepath.Join(filepath.Base(dir), r))
		}
	}
	return name
}
