package chrome

import (
	"bytes"
	"encoding/json"
	"math"
	"strconv"
	"strings"
	"time"
)

// The layout of the files Write writes, their event and args types, and
// timestamps in microseconds. The layout:
//
//	{"otherData":{"generator":"asyncgantt",...},"traceEvents":[
//	{"name":"process_name","ph":"M","pid":1,"tid":0,"args":{"name":"Sequential",...}},
//	{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"A","kind":"task",...}},
//	{"name":"A","cat":"lane","ph":"X","ts":0,"dur":2000,"pid":1,"tid":1},
//	{"name":"waiting","cat":"state","ph":"X","ts":0,"dur":1500,"pid":1,"tid":1,"args":{"detail":"sleep 1.5ms"}},
//	...
//	],"displayTimeUnit":"ms"}
//
// A run is a process (pid = run index + 1), a lane a thread (tid = lane
// index + 1). The "otherData" object comes first so that Read knows,
// before the first event, that the file is one of ours and can restore it
// exactly.

// generator marks files written by Write, in otherData.generator.
const generator = "asyncgantt"

// formatVersion is the version of the layout above, in otherData.format.
const formatVersion = "1"

// maxMicros bounds the timestamps Read accepts, in microseconds:
// 2^61 ns, about 73 years, so that sums and differences of two timestamps
// never overflow a time.Duration.
const maxMicros = float64(1<<61) / 1e3

// otherData is the "otherData" object of files written by Write.
type otherData struct {
	Generator   string `json:"generator"`
	Format      string `json:"format"`
	Title       string `json:"title"`
	Description string `json:"description,omitempty"`
	Clock       string `json:"clock"`
	Independent bool   `json:"independent,omitempty"`
}

// outEvent is one event as Write writes it; the field order is the
// key order in the file.
type outEvent struct {
	Name string      `json:"name"`
	Cat  string      `json:"cat,omitempty"`
	Ph   string      `json:"ph"`
	Ts   json.Number `json:"ts,omitempty"`
	Dur  json.Number `json:"dur,omitempty"`
	Pid  int         `json:"pid"`
	Tid  int         `json:"tid"`
	S    string      `json:"s,omitempty"`
	Args any         `json:"args,omitempty"`
}

// runArgs are the args of a process_name event written by Write.
type runArgs struct {
	Name        string      `json:"name"`
	Total       json.Number `json:"total_us"`
	Error       string      `json:"error,omitempty"`
	Warnings    []string    `json:"warnings,omitempty"`
	Interrupted bool        `json:"interrupted,omitempty"`
}

// laneArgs are the args of a thread_name event written by Write.
type laneArgs struct {
	Name   string      `json:"name"`
	Kind   string      `json:"kind"`
	Parent string      `json:"parent,omitempty"`
	Start  json.Number `json:"start_us"`
	End    json.Number `json:"end_us"`
}

// sortArgs are the args of process_sort_index and thread_sort_index.
type sortArgs struct {
	SortIndex int `json:"sort_index"`
}

// detailArgs are the args of a state slice.
type detailArgs struct {
	Detail string `json:"detail"`
}

// logArgs are the args of a log instant.
type logArgs struct {
	Text   string `json:"text"`
	Lane   string `json:"lane,omitempty"`
	Stream string `json:"stream,omitempty"`
}

// micros formats d, an integer number of nanoseconds, as an exact decimal
// number of microseconds: 1500 ns is "1.5", 2 ms is "2000".
func micros(d time.Duration) json.Number {
	var b []byte
	u := uint64(d)
	if d < 0 {
		b = append(b, '-')
		u = -u
	}
	b = strconv.AppendUint(b, u/1000, 10)
	if f := u % 1000; f != 0 {
		frac := []byte{'.', byte('0' + f/100), byte('0' + f/10%10), byte('0' + f%10)}
		b = append(b, bytes.TrimRight(frac, "0")...)
	}
	return json.Number(b)
}

// time converts a timestamp in microseconds to a duration.
func parseMicros(n json.Number) (time.Duration, bool) {
	if n == "" {
		return 0, false
	}
	if d, ok := exactMicros(string(n)); ok {
		return d, true
	}
	f, err := strconv.ParseFloat(string(n), 64)
	if err != nil || math.IsNaN(f) || math.Abs(f) > maxMicros {
		return 0, false
	}
	return time.Duration(math.Round(f * 1e3)), true
}

// exactMicros converts a plain decimal number of microseconds, such as
// "12.5" or "-3", to nanoseconds exactly, rounding half away from zero
// past the third decimal as math.Round does: through a float64, times
// past 2^53 ns (104 days) would lose nanoseconds, and an exported trace
// would not read back the same. It reports false for other forms
// (exponents) and for times out of range.
func exactMicros(s string) (time.Duration, bool) {
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	whole, frac, _ := strings.Cut(s, ".")
	if whole == "" || len(whole) > 16 || strings.Trim(whole, "0123456789") != "" || strings.Trim(frac, "0123456789") != "" {
		return 0, false
	}
	w, err := strconv.ParseUint(whole, 10, 64)
	if err != nil {
		return 0, false
	}
	ns := w * 1000
	for i, unit := range [3]uint64{100, 10, 1} {
		if i < len(frac) {
			ns += uint64(frac[i]-'0') * unit
		}
	}
	if len(frac) > 3 && frac[3] >= '5' {
		ns++
	}
	if float64(ns) > maxMicros*1e3 {
		return 0, false
	}
	if neg {
		return -time.Duration(ns), true
	}
	return time.Duration(ns), true
}
