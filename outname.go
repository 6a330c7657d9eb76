package main

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// maxOutName is the longest output base name, in bytes, leaving room for
// a suffix such as "-animated.svg" within common 255-byte file-name limits.
const maxOutName = 100

// windowsReserved are device names Windows refuses as file names, with or
// without an extension, in any case: COM0 and LPT0 as well, which
// Windows reserves too. (The superscript digits of COM¹ and the like are
// not letters or digits, so outName never writes them.)
var windowsReserved = []string{"CON", "PRN", "AUX", "NUL",
	"COM0", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
	"LPT0", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9"}

// outName turns a name taken from a scenario file's name, a title or a
// trace into a safe base name for output files: letters, digits, '.', '_'
// and '-' only (anything else becomes '-'), no path separators, no leading
// dot (so never "." or ".."), not a reserved device name, at most
// maxOutName bytes. An empty result becomes "figure".
func outName(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range s {
		ok := unicode.IsLetter(r) || unicode.IsDigit(r) || r == '_' || r == '.' || r == '-'
		if !ok || r == utf8.RuneError {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		if r == '-' && dash {
			continue
		}
		if b.Len()+utf8.RuneLen(r) > maxOutName {
			break
		}
		b.WriteRune(r)
		dash = r == '-'
	}
	name := strings.Trim(b.String(), "-.")
	for strings.Contains(name, "..") {
		name = strings.ReplaceAll(name, "..", ".")
	}
	if name == "" {
		return "figure"
	}
	stem, _, _ := strings.Cut(name, ".")
	for _, r := range windowsReserved {
		if strings.EqualFold(stem, r) {
			return "_" + name
		}
	}
	return name
}
