package main

// isStdout says whether an output path names standard output: "-", or
// one of the names the system gives it (/dev/stdout, /dev/fd/1,
// /proc/self/fd/1). Those are written to the command's standard output
// as "-" is, never through a temporary file renamed over the name, which
// as root would replace the system's /dev/stdout link with a file.
func isStdout(path string) bool {
	switch path {
	case "-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1":
		return true
	}
	return false
}
