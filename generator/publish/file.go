package publish

// File is one file of the site, by slash path relative to the output folder.
type File struct {
	Path string
	Data []byte
	// Minimal is set on files written already minimal, such as data scripts
	// made with encoding/json: minifying them would only cost time and memory.
	Minimal bool
}
