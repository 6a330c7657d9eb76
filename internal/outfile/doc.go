// Package outfile writes the files asyncgantt makes (figures, reports,
// exports) under one policy: a file is replaced only by a complete one,
// a set of files is written all or nothing, and what is not a regular
// file is never replaced.
//
// A regular file is written through a temporary file in the same
// directory, renamed over the old one. A set of files (WriteAll) is
// written to temporary files first, so that a full disk or any other
// failure changes nothing, then renamed into place one after the other,
// each old file kept under a hard link until the set is complete, so that
// a failed rename puts the old files back. A character device (/dev/null,
// a terminal) or a FIFO is written in place, and only after the regular
// files are complete; a directory, a socket or a block device is refused
// before anything is written. A symbolic link to a regular file is
// replaced, not followed, so that a link planted in an output directory
// cannot lead the write elsewhere; a link to a device or FIFO (as
// /dev/fd/N from a shell's process substitution) is written through.
//
// Abort, for a signal handler about to exit, removes the temporary files
// of the writes in progress and waits for a set being renamed into place
// to be complete; RemoveStale removes temporary files a killed process
// left behind. A file may be protected (an input of the command): a set
// that would write it is refused (SameFileError), checked again as the
// set is written.
//
// It knows files only, and imports none of the module's packages.
package outfile
