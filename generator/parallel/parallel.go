// Package parallel runs a loop's iterations on every core.
package parallel

import (
	"runtime"
	"sync"
	"sync/atomic"
)

// For calls f(0) ... f(n-1), a worker per core, and returns when all are
// done. Iterations run in no set order; f must only write what is its own
// (slot i of a slice, say).
func For(n int, f func(i int)) {
	ForWith(n, func() struct{} { return struct{}{} }, func(_ struct{}, i int) { f(i) })
}

// ForWith is For where each worker first makes its own state, with
// state, and f is given it: a buffer to reuse, say.
func ForWith[S any](n int, state func() S, f func(s S, i int)) {
	// the workers take the iterations in turn by a counter, not from a
	// channel that one goroutine fills: at 10,000 short iterations the
	// handing over cost as much as the work
	var next atomic.Int64
	var wg sync.WaitGroup
	for range min(runtime.GOMAXPROCS(0), n) {
		wg.Go(func() {
			s := state()
			for {
				i := next.Add(1) - 1
				if i >= int64(n) {
					return
				}
				f(s, int(i))
			}
		})
	}
	wg.Wait()
}
