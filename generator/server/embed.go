package server

import _ "embed"

//go:embed reload.js
var reloadScript string
