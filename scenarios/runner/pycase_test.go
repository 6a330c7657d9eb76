package runner

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os/exec"
	"strconv"
	"testing"
	"unicode"

	"github.com/asyncgantt/asyncgantt/internal/golden"
)

// TestCaseTables checks pycase.go against CPython: it asks python3 for
// str.upper() and str.lower() of every code point and writes the tables of
// those that differ from Go's unicode.ToUpper and ToLower, which must be
// the file's (go test -run TestCaseTables -update rewrites it, with a
// CPython of the Unicode version the header names).
func TestCaseTables(t *testing.T) {
	py := python3(t)
	out, err := exec.Command(py, "-c", `
import json, sys, unicodedata
m = {}
for i in range(0x110000):
    if 0xd800 <= i < 0xe000:
        continue
    c = chr(i)
    u, l = c.upper(), c.lower()
    if u != c or l != c:
        m[i] = [u, l]
json.dump({"unicode": unicodedata.unidata_version, "map": m}, sys.stdout)
`).Output()
	if err != nil {
		t.Fatal(err)
	}
	var dump struct {
		Unicode string
		Map     map[string][2]string
	}
	if err := json.Unmarshal(out, &dump); err != nil {
		t.Fatal(err)
	}
	if dump.Unicode != "14.0.0" {
		t.Skipf("python3 has Unicode %s; the tables are CPython 3.11's, Unicode 14.0.0", dump.Unicode)
	}
	pyMap := map[rune][2]string{}
	for k, v := range dump.Map {
		n, _ := strconv.Atoi(k)
		pyMap[rune(n)] = v
	}
	var up, low bytes.Buffer
	for r := rune(0); r <= unicode.MaxRune; r++ {
		if r >= 0xd800 && r < 0xe000 {
			continue
		}
		want, ok := pyMap[r]
		if !ok {
			want = [2]string{string(r), string(r)}
		}
		if string(unicode.ToUpper(r)) != want[0] {
			fmt.Fprintf(&up, "\t0x%04X: %q,\n", r, want[0])
		}
		if string(unicode.ToLower(r)) != want[1] {
			fmt.Fprintf(&low, "\t0x%04X: %q,\n", r, want[1])
		}
	}
	var src bytes.Buffer
	src.WriteString(`// Code generated from CPython 3.11's str.upper and str.lower (Unicode 14.0.0), compared
// with Go's unicode.ToUpper and ToLower for every code point; DO NOT EDIT.

package runner

// pyUpper is str.upper() where it differs from unicode.ToUpper: full case
// mappings (ß → SS) and characters newer than Python's Unicode.
var pyUpper = map[rune]string{
`)
	src.Write(up.Bytes())
	src.WriteString("}\n\n// pyLower is str.lower() where it differs from unicode.ToLower.\nvar pyLower = map[rune]string{\n")
	src.Write(low.Bytes())
	src.WriteString("}\n")
	golden.Check(t, "pycase.go", src.Bytes())
}
