package publish

// File is one file of the site, by slash path relative to the output folder.
type File struct {
	Path string
	Data []byte
}
