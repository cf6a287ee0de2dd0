//go:build !linux && !darwin

package main

import "os"

// peakRSS is 0 where the system does not say a process's peak resident
// memory in a way this knows: the tables show 0 MB.
func peakRSS(*os.ProcessState) int64 { return 0 }
