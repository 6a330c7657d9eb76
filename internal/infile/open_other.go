//go:build !unix

package infile

// openFlags are none where FIFOs and terminals are not files.
const openFlags = 0
