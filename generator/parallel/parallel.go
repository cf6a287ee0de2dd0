// Package parallel runs a loop's iterations on every core.
package parallel

import (
	"runtime"
	"sync"
)

// For calls f(0) ... f(n-1), a worker per core, and returns when all are
// done. Iterations run in no set order; f must only write what is its own
// (slot i of a slice, say).
func For(n int, f func(i int)) {
	var wg sync.WaitGroup
	next := make(chan int, 64)
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				f(i)
			}
		}()
	}
	for i := range n {
		next <- i
	}
	close(next)
	wg.Wait()
}
