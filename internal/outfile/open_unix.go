//go:build unix

package outfile

import (
	"errors"
	"syscall"
)

// openFlags open a FIFO without waiting for a reader (it fails with
// ENXIO if there is none) and a terminal without making it the
// controlling one.
const openFlags = syscall.O_NONBLOCK | syscall.O_NOCTTY

// noReader says whether opening a FIFO failed for want of a reader.
func noReader(err error) bool { return errors.Is(err, syscall.ENXIO) }
