// Package atomicfile writes files atomically: through a temporary file in
// the same directory and a rename, so a path holds either its old content
// or all of the new, never part of it.
//
// It knows files only, and imports none of the module's packages.
package atomicfile
