// Package memo keeps values from one build to the next in one process
// (serve), by a hash of what each was made from, and forgets those the
// last build did not use, so memory follows the handbook, not its history.
package memo

import "sync"

// Map is safe for use by several goroutines. The zero value is not ready;
// use New. A nil *Map keeps nothing.
type Map[V any] struct {
	mu   sync.Mutex
	m    map[[32]byte]V
	used map[[32]byte]bool
}

// New returns an empty map.
func New[V any]() *Map[V] {
	return &Map[V]{m: map[[32]byte]V{}, used: map[[32]byte]bool{}}
}

// Get returns the value kept for key, marking it used by this build.
func (c *Map[V]) Get(key [32]byte) (v V, ok bool) {
	if c == nil {
		return v, false
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	v, ok = c.m[key]
	if ok {
		c.used[key] = true
	}
	return v, ok
}

// Keep marks the value kept for key, if any, used by this build.
func (c *Map[V]) Keep(key [32]byte) {
	if c == nil {
		return
	}
	c.mu.Lock()
	if _, ok := c.m[key]; ok {
		c.used[key] = true
	}
	c.mu.Unlock()
}

// Put keeps v for key, used by this build.
func (c *Map[V]) Put(key [32]byte, v V) bool {
	if c == nil {
		return false
	}
	c.mu.Lock()
	c.m[key] = v
	c.used[key] = true
	c.mu.Unlock()
	return true
}

// Prune forgets every value the build since the last Prune did not use.
func (c *Map[V]) Prune() {
	if c == nil {
		return
	}
	c.mu.Lock()
	for k := range c.m {
		if !c.used[k] {
			delete(c.m, k)
		}
	}
	clear(c.used)
	c.mu.Unlock()
}
