package publish

import "handbook/generator/output"

// File and Key are output's: publish writes what the other stages make.
type (
	File = output.File
	Key  = output.Key
)
