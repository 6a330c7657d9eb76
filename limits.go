package main

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/spf13/pflag"

	"github.com/asyncgantt/asyncgantt/scenarios/runner"
	"github.com/asyncgantt/asyncgantt/trace/chrome"
)

// budgetOptions are the flags that bound what one input may cost: the
// memory of what it builds, and an imported trace's text and events.
type budgetOptions struct {
	// maxMemory is --max-memory, in bytes.
	maxMemory sizeValue
	// maxTraceBytes and maxTraceEvents are --max-trace-bytes and
	// --max-trace-events (render only).
	maxTraceBytes  sizeValue
	maxTraceEvents int
}

// register adds the budget flags to fs: --max-memory, and the trace
// flags when traces says the command reads trace files, whose memory
// budget is then the import's.
func (b *budgetOptions) register(fs *pflag.FlagSet, traces bool) {
	b.maxTraceBytes = chrome.DefaultMaxBytes
	b.maxTraceEvents = chrome.DefaultMaxEvents
	if !traces {
		b.maxMemory = runner.DefaultMaxMemory
		fs.Var(&b.maxMemory, "max-memory", "stop a run whose tasks, lanes and lines would take more memory than this, e.g. 512MiB or 8GiB (estimated as it grows)")
		return
	}
	b.maxMemory = chrome.DefaultMaxMemory
	fs.Var(&b.maxMemory, "max-memory", "refuse a trace whose events would take more memory than this, e.g. 512MiB or 4GiB (estimated as it is read)")
	fs.Var(&b.maxTraceBytes, "max-trace-bytes", "refuse a trace of more text than this, decompressed, e.g. 4GiB")
	fs.IntVar(&b.maxTraceEvents, "max-trace-events", chrome.DefaultMaxEvents, "refuse a trace of more events to draw than this")
}

// check refuses budgets that are not above 0.
func (b *budgetOptions) check() error {
	if b.maxMemory <= 0 {
		return usagef("--max-memory %s is not valid: use a size above 0, e.g. 512MiB or 4GiB", b.maxMemory.String())
	}
	if b.maxTraceEvents < 0 {
		return usagef("--max-trace-events %d is not valid: use a number of events above 0 (default %d)", b.maxTraceEvents, chrome.DefaultMaxEvents)
	}
	return nil
}

// traceLimits returns the limits of an imported trace.
func (b *budgetOptions) traceLimits() chrome.Limits {
	return chrome.Limits{Bytes: int64(b.maxTraceBytes), Events: b.maxTraceEvents, Memory: int64(b.maxMemory)}
}

// explainLimit returns an error reading a trace as an input error; the
// message of a trace over one of its limits names the flag that raises
// it.
func explainLimit(err error) error {
	var le *chrome.LimitError
	if !errors.As(err, &le) {
		return &usageError{err.Error()}
	}
	flag := map[string]string{"Bytes": "--max-trace-bytes", "Events": "--max-trace-events", "Memory": "--max-memory"}[le.Limit]
	return usagef("%v (%s raises the limit)", err, flag)
}

// sizeValue is a flag's size in bytes, written as a number of bytes or
// with a unit: 512MiB, 4GiB, 100KB, 2G (K, M and G are powers of 1024,
// as KiB, MiB and GiB; KB, MB and GB powers of 1000).
type sizeValue int64

var sizeUnits = []struct {
	suffix string
	size   float64
}{
	{"kib", 1 << 10}, {"mib", 1 << 20}, {"gib", 1 << 30}, {"tib", 1 << 40},
	{"kb", 1e3}, {"mb", 1e6}, {"gb", 1e9}, {"tb", 1e12},
	{"k", 1 << 10}, {"m", 1 << 20}, {"g", 1 << 30}, {"t", 1 << 40},
	{"b", 1}, {"", 1},
}

func (s *sizeValue) Set(text string) error {
	t := strings.ToLower(strings.TrimSpace(text))
	for _, u := range sizeUnits {
		num, ok := strings.CutSuffix(t, u.suffix)
		if !ok {
			continue
		}
		v, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
		if err != nil || v*u.size > math.MaxInt64 || v < 0 || math.IsNaN(v) {
			break
		}
		*s = sizeValue(v * u.size)
		return nil
	}
	return fmt.Errorf("%q is not a size: write a number of bytes, or one with a unit, e.g. 512MiB or 4GiB", text)
}

func (s *sizeValue) String() string {
	n := int64(*s)
	for _, u := range []struct {
		size int64
		name string
	}{{1 << 40, "TiB"}, {1 << 30, "GiB"}, {1 << 20, "MiB"}, {1 << 10, "KiB"}} {
		if n >= u.size && n%u.size == 0 {
			return strconv.FormatInt(n/u.size, 10) + u.name
		}
	}
	return strconv.FormatInt(n, 10)
}

func (s *sizeValue) Type() string { return "size" }
