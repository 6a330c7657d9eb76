package scenarios

// Internals the external tests (package scenarios_test) check against.
var (
	MaxErrors  = maxErrors
	SplitLines = splitLines
	UTF8BOM    = utf8BOM
)
