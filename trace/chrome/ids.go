package chrome

import (
	"bytes"
	"cmp"
	"encoding/json"
	"math"
	"strconv"
	"strings"
)

// eventID is a pid, tid or async id: a JSON number or string (or anything
// else, kept as its JSON text). Integers, written as numbers or strings,
// compare numerically.
type eventID struct {
	text string // canonical text; "" when absent or null
	num  bool   // text is an integer
	n    int64
}

// UnmarshalJSON accepts any JSON value.
func (id *eventID) UnmarshalJSON(b []byte) error {
	*id = eventID{}
	b = bytes.TrimSpace(b)
	switch {
	case len(b) == 0 || string(b) == "null":
		return nil
	case b[0] == '"':
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return err
		}
		id.set(s)
	default:
		// An object or array id keeps its JSON text, which may hold bytes
		// that are not UTF-8 (the decoder replaces those only in strings):
		// they become U+FFFD here too, so names built from it export and
		// read back alike.
		id.set(strings.ToValidUTF8(string(b), "\uFFFD"))
		if !id.num {
			if f, err := strconv.ParseFloat(string(b), 64); err == nil && f == math.Trunc(f) && math.Abs(f) < 1<<62 {
				id.set(strconv.FormatInt(int64(f), 10))
			}
		}
	}
	return nil
}

func (id *eventID) set(s string) {
	id.text = s
	if n, err := strconv.ParseInt(s, 10, 64); err == nil {
		id.num, id.n, id.text = true, n, strconv.FormatInt(n, 10)
	}
}

func compareIDs(a, b eventID) int {
	switch {
	case a.num && b.num:
		return cmp.Compare(a.n, b.n)
	case a.num != b.num:
		if a.num {
			return -1
		}
		return 1
	}
	return cmp.Compare(a.text, b.text)
}
