// Package memo keeps values from one build to the next in one process
// (serve), by a hash of what each was made from, and forgets those the
// last build did not use, so memory follows the handbook, not its history.
package memo

import "sync"

// Map is safe for use by several goroutines. The zero value is not ready;
// use New. A nil *Map keeps nothing.
//
// Each entry records the last build that used it, by number: a use costs
// one lookup, and Prune drops the entries of older builds.
type Map[V any] struct {
	mu    sync.Mutex
	m     map[[32]byte]*entry[V]
	build uint64 // the build since the last Prune
}

type entry[V any] struct {
	v    V
	used uint64 // the last build that used it
}

// New returns an empty map.
func New[V any]() *Map[V] {
	return &Map[V]{m: map[[32]byte]*entry[V]{}, build: 1}
}

// Get returns the value kept for key, marking it used by this build.
func (c *Map[V]) Get(key [32]byte) (v V, ok bool) {
	if c == nil {
		return v, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	e := c.m[key]
	if e == nil {
		return v, false
	}
	e.used = c.build
	return e.v, true
}

// Keep marks the values kept for keys, if any, used by this build.
func (c *Map[V]) Keep(keys ...[32]byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	for _, key := range keys {
		if e := c.m[key]; e != nil {
			e.used = c.build
		}
	}
	c.mu.Unlock()
}

// Put keeps v for key, used by this build.
func (c *Map[V]) Put(key [32]byte, v V) bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	if e := c.m[key]; e != nil {
		e.v, e.used = v, c.build
	} else {
		c.m[key] = &entry[V]{v, c.build}
	}
	c.mu.Unlock()
	return true
}

// Prune forgets every value the build since the last Prune did not use.
func (c *Map[V]) Prune() {
	if c == nil {
		return
	}
	c.mu.Lock()
	for k, e := range c.m {
		if e.used != c.build {
			delete(c.m, k)
		}
	}
	c.build++
	c.mu.Unlock()
}
