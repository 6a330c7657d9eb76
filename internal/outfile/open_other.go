//go:build !unix

package outfile

// openFlags are none where FIFOs and terminals are not files.
const openFlags = 0

// noReader is never true where FIFOs are not files.
func noReader(error) bool { return false }
