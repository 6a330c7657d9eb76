package outfile

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"time"
)

// tempInfix comes between a file's name and the random digits of its
// temporary files: ".fig.svg.tmp12345".
const tempInfix = ".tmp"

// StaleAge is how old a temporary file must be for RemoveStale: a write
// in progress never takes a day.
const StaleAge = 24 * time.Hour

// tempName matches the names of the temporary files this package makes.
var tempName = regexp.MustCompile(`^\.(.+)\.tmp[0-9]+$`)

// RemoveStale removes from dir the temporary files that a process killed
// while writing left behind: regular files named as this package names
// them (".NAME.tmpDIGITS"), for a NAME that ends with one of the
// extensions (".svg", ...), last modified more than StaleAge before now.
// It returns the paths removed; files it cannot remove are left.
func RemoveStale(dir string, extensions []string, now time.Time) []string {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil
	}
	var removed []string
	for _, e := range entries {
		m := tempName.FindStringSubmatch(e.Name())
		if m == nil || !e.Type().IsRegular() || !hasExtension(m[1], extensions) {
			continue
		}
		fi, err := e.Info()
		if err != nil || now.Sub(fi.ModTime()) <= StaleAge {
			continue
		}
		path := filepath.Join(dir, e.Name())
		if os.Remove(path) == nil {
			removed = append(removed, path)
		}
	}
	return removed
}

// hasExtension says whether name ends with one of the extensions, in any
// case.
func hasExtension(name string, extensions []string) bool {
	ext := strings.ToLower(filepath.Ext(name))
	for _, e := range extensions {
		if ext == strings.ToLower(e) {
			return true
		}
	}
	return false
}
