package parallel

import (
	"runtime"
	"sync/atomic"
	"testing"
)

func TestForCallsEachOnce(t *testing.T) {
	for _, n := range []int{0, 1, 2, 63, 64, 65, 1000} {
		calls := make([]int32, n)
		var total atomic.Int32
		For(n, func(i int) {
			atomic.AddInt32(&calls[i], 1)
			total.Add(1)
		})
		if int(total.Load()) != n {
			t.Errorf("n=%d: %d calls", n, total.Load())
		}
		for i, c := range calls {
			if c != 1 {
				t.Errorf("n=%d: f(%d) called %d times", n, i, c)
			}
		}
	}
}

// ForWith gives each worker its own state: no two workers share one, and
// each iteration runs once.
func TestForWithGivesEachWorkerItsState(t *testing.T) {
	for _, n := range []int{0, 1, 5, 1000} {
		var states atomic.Int32
		calls := make([]int32, n)
		ForWith(n, func() *[]int {
			states.Add(1)
			return new([]int)
		}, func(s *[]int, i int) {
			*s = append(*s, i) // a race here if two workers shared s
			atomic.AddInt32(&calls[i], 1)
		})
		if max := min(n, runtime.GOMAXPROCS(0)); int(states.Load()) != max {
			t.Errorf("n=%d: %d states made, want %d", n, states.Load(), max)
		}
		for i, c := range calls {
			if c != 1 {
				t.Errorf("n=%d: f(%d) called %d times", n, i, c)
			}
		}
	}
}
