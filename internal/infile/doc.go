// Package infile opens and reads the files asyncgantt takes as input
// (scenario files, trace files) under one policy: an input is a regular
// file, or standard input when named "-", and every read has a size limit.
//
// A directory, a device (/dev/zero, /dev/stdin's terminal, a tape), a FIFO
// or a socket is refused before anything is read from it and without
// blocking: Open looks at the path first and opens only a regular file,
// without waiting for a FIFO's writer, then checks what it opened, so a
// file swapped for a FIFO or a link to a device between the two looks is
// refused as well. Standard input is read as it is, whatever it is, through
// the same size limit.
//
// It knows files only, and imports none of the module's packages.
package infile
