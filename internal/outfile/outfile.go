package outfile

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/asyncgantt/asyncgantt/internal/infile"
)

// File is a file to write: its path, its whole contents, and its
// permissions (0 for 0644), which the file has from the moment it
// appears at its path.
type File struct {
	Path string
	Data []byte
	Mode fs.FileMode
}

// ErrAborted is the error of a write begun or committed after Abort.
var ErrAborted = errors.New("stopped: no more files are written")

// RefusedError is an output path that names what is not replaced and
// not written into: a directory, a socket, a block device.
type RefusedError struct {
	// Path is the path as given.
	Path string
	// Mode is the type of what is there.
	Mode fs.FileMode
}

// Error says what is in the way.
func (e *RefusedError) Error() string {
	if e.Mode.IsDir() {
		return fmt.Sprintf("%s is a directory: name a file to write, or remove the directory", e.Path)
	}
	return fmt.Sprintf("%s is %s, which is neither replaced nor written into: name a regular file", e.Path, infile.Kind(e.Mode))
}

// SameFileError is an output path that names a protected file: an input
// of the command, which writing would destroy.
type SameFileError struct {
	// Path is the output path as given.
	Path string
}

// Error says that the output is an input.
func (e *SameFileError) Error() string {
	return fmt.Sprintf("%s is an input of this command: writing it would destroy it; name another output", e.Path)
}

// NoReaderError is a FIFO written into that no process reads.
type NoReaderError struct {
	// Path is the FIFO's path as given.
	Path string
}

// Error says that the FIFO has no reader.
func (e *NoReaderError) Error() string {
	return fmt.Sprintf("cannot write %s: it is a named pipe (FIFO) that no process reads; start its reader first", e.Path)
}

// Write writes data to the file at path under the package's policy (see
// WriteAll), refusing to write any of the protected files.
func Write(path string, data []byte, protect ...fs.FileInfo) error {
	return WriteAll([]File{{Path: path, Data: data}}, protect...)
}

// target is a file of a set, planned.
type target struct {
	File
	inPlace bool   // a device or FIFO, written into
	existed bool   // something is replaced: a file, or a link
	tmp     string // the temporary file holding Data, until renamed
	backup  string // a hard link to the old file, while the set is renamed
}

// Check checks, as WriteAll does before it writes anything, that each
// path may be written: not a directory, a socket or a block device, and
// none of the protected files. It writes nothing.
func Check(paths []string, protect ...fs.FileInfo) error {
	seen := map[string]bool{}
	for _, p := range paths {
		clean := filepath.Clean(p)
		if seen[clean] {
			return fmt.Errorf("%s would be written twice", p)
		}
		seen[clean] = true
		if _, err := plan(File{Path: p}, protect); err != nil {
			return err
		}
	}
	return nil
}

// plan looks at what is at f's path and decides how to write it.
func plan(f File, protect []fs.FileInfo) (*target, error) {
	lfi, err := os.Lstat(f.Path)
	if errors.Is(err, fs.ErrNotExist) {
		return &target{File: f}, nil
	}
	if err != nil {
		return nil, fmt.Errorf("cannot write %s: %w", f.Path, infile.Cause(err))
	}
	fi := lfi
	if lfi.Mode()&fs.ModeSymlink != 0 {
		if fi, err = os.Stat(f.Path); err != nil {
			return &target{File: f, existed: true}, nil // a dangling link: replaced
		}
	}
	for _, p := range protect {
		if p != nil && os.SameFile(fi, p) {
			return nil, &SameFileError{Path: f.Path}
		}
	}
	m := fi.Mode()
	switch {
	case m.IsRegular():
		return &target{File: f, existed: true}, nil
	case m&fs.ModeCharDevice != 0, m&fs.ModeNamedPipe != 0:
		return &target{File: f, inPlace: true}, nil
	}
	return nil, &RefusedError{Path: f.Path, Mode: m}
}

// WriteAll writes the files, all or nothing as far as the file system
// allows:
//
//   - Every path is looked at first: a directory, a socket, a block
//     device (also through a symbolic link) or a protected file is
//     refused, and so is a path given twice; nothing is written then.
//   - Each regular file, new or replaced, is written to a temporary file
//     in its directory (created as needed). If one cannot be written (a
//     full disk), the temporary files are removed and nothing changes.
//   - The temporary files are then renamed over their paths, each old
//     file kept under a hard link until all are renamed; if a rename
//     fails, the files renamed before it are put back as they were, and
//     the error says which files, if any, could not be.
//   - Last, character devices and FIFOs are written in place, never
//     replaced: a FIFO that no process reads is a *NoReaderError, found
//     at once rather than waited on.
//
// Files are written with their Mode, 0644 by default; a device or FIFO
// keeps its own.
func WriteAll(files []File, protect ...fs.FileInfo) error {
	var regular, inPlace []*target
	seen := map[string]bool{}
	for _, f := range files {
		clean := filepath.Clean(f.Path)
		if seen[clean] {
			return fmt.Errorf("%s would be written twice", f.Path)
		}
		seen[clean] = true
		t, err := plan(f, protect)
		if err != nil {
			return err
		}
		if t.inPlace {
			inPlace = append(inPlace, t)
		} else {
			regular = append(regular, t)
		}
	}
	defer func() {
		for _, t := range regular {
			dropTemp(t)
		}
	}()
	for _, t := range regular {
		if err := writeTemp(t); err != nil {
			return err
		}
	}
	if err := commit(regular, protect); err != nil {
		return err
	}
	for i, t := range inPlace {
		if err := writeInPlace(t); err != nil {
			if done := written(regular, inPlace[:i]); done != "" {
				return fmt.Errorf("%w (%s written)", err, done)
			}
			return err
		}
	}
	return nil
}

// written lists the paths of the targets for a message.
func written(lists ...[]*target) string {
	var paths []string
	for _, l := range lists {
		for _, t := range l {
			paths = append(paths, t.Path)
		}
	}
	return strings.Join(paths, ", ")
}

// The writes in progress, for Abort.
var (
	// commitMu is held while a set is renamed into place.
	commitMu sync.Mutex
	// tempMu guards temps and aborted.
	tempMu  sync.Mutex
	temps   = map[string]bool{}
	aborted bool
)

// Abort stops all writing, for a signal handler about to exit the
// process: it waits until a set being renamed into place is complete,
// removes the temporary files of every write in progress, and makes every
// later write fail with ErrAborted. Files already in place stay; a device
// or FIFO being written into is left as it is.
func Abort() {
	commitMu.Lock()
	defer commitMu.Unlock()
	tempMu.Lock()
	defer tempMu.Unlock()
	aborted = true
	for p := range temps {
		os.Remove(p)
		delete(temps, p)
	}
}

// writeTemp writes t's data to a new temporary file beside t.Path.
func writeTemp(t *target) error {
	dir := filepath.Dir(t.Path)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot write %s: %w", t.Path, infile.Cause(err))
	}
	tempMu.Lock()
	if aborted {
		tempMu.Unlock()
		return ErrAborted
	}
	f, err := os.CreateTemp(dir, "."+filepath.Base(t.Path)+tempInfix+"*")
	if err == nil {
		t.tmp = f.Name()
		temps[t.tmp] = true
	}
	tempMu.Unlock()
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", t.Path, infile.Cause(err))
	}
	_, werr := f.Write(t.Data)
	cerr := f.Close()
	if err := errors.Join(werr, cerr); err != nil {
		return fmt.Errorf("cannot write %s: %w", t.Path, infile.Cause(err))
	}
	mode := t.Mode
	if mode == 0 {
		mode = 0o644
	}
	if err := os.Chmod(t.tmp, mode); err != nil {
		return fmt.Errorf("cannot write %s: %w", t.Path, infile.Cause(err))
	}
	return nil
}

// dropTemp removes t's temporary file, if it still has one.
func dropTemp(t *target) {
	if t.tmp == "" {
		return
	}
	tempMu.Lock()
	defer tempMu.Unlock()
	os.Remove(t.tmp)
	delete(temps, t.tmp)
	t.tmp = ""
}

// commit renames the temporary files over their paths, putting back the
// old files if a rename fails.
func commit(ts []*target, protect []fs.FileInfo) error {
	commitMu.Lock()
	defer commitMu.Unlock()
	tempMu.Lock()
	stopped := aborted
	tempMu.Unlock()
	if stopped {
		return ErrAborted
	}
	defer func() {
		for _, t := range ts {
			if t.backup != "" {
				os.Remove(t.backup)
			}
		}
	}()
	for i, t := range ts {
		err := recheck(t, protect)
		if err == nil {
			if t.existed {
				t.backup = linkBackup(t.Path)
			}
			if err = os.Rename(t.tmp, t.Path); err != nil {
				err = fmt.Errorf("cannot write %s: %w", t.Path, infile.Cause(err))
			}
		}
		if err != nil {
			if lost := restore(ts[:i]); lost != "" {
				return fmt.Errorf("%w; these files were written and could not be put back as they were: %s", err, lost)
			}
			if i > 0 {
				return fmt.Errorf("%w; the files written before it were put back as they were", err)
			}
			return err
		}
		tempMu.Lock()
		delete(temps, t.tmp)
		tempMu.Unlock()
		t.tmp = ""
	}
	return nil
}

// recheck looks again at what is at t's path right before it is
// replaced: if a device, a FIFO, a directory or a protected file took its
// place since it was planned, it is not replaced.
func recheck(t *target, protect []fs.FileInfo) error {
	now, err := plan(t.File, protect)
	if err != nil {
		return err
	}
	if now.inPlace {
		return fmt.Errorf("cannot write %s: it became a device or FIFO while the figures were made; nothing replaced it", t.Path)
	}
	t.existed = now.existed
	return nil
}

// linkBackup makes a hard link to the file (or link) at path under a
// temporary name in its directory, and returns that name, or "" if the
// file system cannot link.
func linkBackup(path string) string {
	for range 10 {
		f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+tempInfix+"*")
		if err != nil {
			return ""
		}
		name := f.Name()
		f.Close()
		os.Remove(name)
		err = os.Link(path, name)
		if err == nil {
			return name
		}
		if !errors.Is(err, fs.ErrExist) {
			return ""
		}
	}
	return ""
}

// restore puts back the old files of targets already renamed into place,
// last first, and returns the paths it could not put back.
func restore(done []*target) string {
	var lost []string
	for i := len(done) - 1; i >= 0; i-- {
		t := done[i]
		var err error
		switch {
		case t.backup != "":
			err = os.Rename(t.backup, t.Path)
			if err == nil {
				t.backup = ""
			}
		case !t.existed:
			err = os.Remove(t.Path)
		default:
			err = errors.New("no copy of the old file")
		}
		if err != nil {
			lost = append(lost, t.Path)
		}
	}
	return strings.Join(lost, ", ")
}

// writeInPlace writes t's data into the device or FIFO at its path.
func writeInPlace(t *target) error {
	f, err := os.OpenFile(t.Path, os.O_WRONLY|openFlags, 0)
	if err != nil {
		if noReader(err) {
			return &NoReaderError{Path: t.Path}
		}
		return fmt.Errorf("cannot write %s: %w", t.Path, infile.Cause(err))
	}
	fi, err := f.Stat()
	if err == nil && fi.Mode().IsRegular() {
		err = errors.New("it became a regular file while the figures were made; it was not written")
	}
	if err == nil {
		_, err = f.Write(t.Data)
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", t.Path, infile.Cause(err))
	}
	return nil
}
