package chrome

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"slices"
	"strings"
	"testing"
	"testing/iotest"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

var update = flag.Bool("update", false, "rewrite golden files")

const us = time.Microsecond

// sampleTrace is a small hand-made trace: a run with an event loop and
// three tasks (one returns, one raises, one is cancelled) and a coroutine
// never awaited, logs on stdout and stderr, a warning and an error; and a
// second run with an inline coroutine lane whose exception its caller
// catches, and a worker thread.
func sampleTrace() *trace.Trace {
	ms := time.Millisecond
	return &trace.Trace{
		Title:       "Chrome <export> & \"import\"",
		Description: "Three tasks on one loop.",
		Clock:       trace.Virtual,
		Runs: []*trace.Run{
			{
				Name: "Concurrent",
				Lanes: []*trace.Lane{
					{Name: "event loop", Kind: trace.LoopLane, Start: 0, End: 3250500 * time.Nanosecond, Intervals: []trace.Interval{
						{State: trace.Busy, Start: 0, End: 1 * ms, Detail: "A"},
						{State: trace.Busy, Start: 1 * ms, End: 1500 * us, Detail: "B"},
						{State: trace.Idle, Start: 1500 * us, End: 2 * ms},
						{State: trace.Busy, Start: 2 * ms, End: 3 * ms, Detail: "A"},
						{State: trace.Busy, Start: 3 * ms, End: 3250500 * time.Nanosecond, Detail: "B"},
					}},
					{Name: "A", Kind: trace.TaskLane, Start: 0, End: 3 * ms, Intervals: []trace.Interval{
						{State: trace.Running, Start: 0, End: 1 * ms},
						{State: trace.Waiting, Start: 1 * ms, End: 2 * ms, Detail: "sleep 1ms"},
						{State: trace.Running, Start: 2 * ms, End: 3 * ms},
					}, Outcome: &trace.Outcome{Kind: trace.Returned, Value: "'a'"}},
					{Name: "B", Kind: trace.TaskLane, Start: 0, End: 3250500 * time.Nanosecond, Intervals: []trace.Interval{
						{State: trace.Ready, Start: 0, End: 1 * ms},
						{State: trace.Running, Start: 1 * ms, End: 1500 * us},
						{State: trace.Waiting, Start: 1500 * us, End: 3 * ms, Detail: "sleep 1.5ms"},
						{State: trace.Running, Start: 3 * ms, End: 3250500 * time.Nanosecond},
					}, Outcome: &trace.Outcome{Kind: trace.Raised, Value: "ValueError: boom"}},
					{Name: "C", Kind: trace.TaskLane, Start: 500 * us, End: 1200 * us, Intervals: []trace.Interval{
						{State: trace.Created, Start: 500 * us, End: 600 * us},
						{State: trace.Ready, Start: 600 * us, End: 1200 * us},
					}, Outcome: &trace.Outcome{Kind: trace.Cancelled, Value: "CancelledError"}},
					{Name: "c", Kind: trace.TaskLane, Start: 700 * us, End: 700 * us,
						Outcome: &trace.Outcome{Kind: trace.NeverAwaited, Value: "RuntimeWarning: coroutine 'c' was never awaited"}},
				},
				Logs: []trace.Log{
					{At: 250 * us, Lane: 2, Text: "start A"},
					{At: 1 * ms, Lane: 3, Text: `hello <b> & "quoted"`},
					{At: 3250500 * time.Nanosecond, Text: "Traceback (most recent call last):", Stderr: true},
				},
				Total:    3250500 * time.Nanosecond,
				Error:    "ValueError: boom",
				Warnings: []string{"RuntimeWarning: coroutine 'c' was never awaited"},
			},
			{
				Name: "Sequential",
				Lanes: []*trace.Lane{
					{Name: "main", Kind: trace.TaskLane, Start: 0, End: 2 * ms, Intervals: []trace.Interval{
						{State: trace.Running, Start: 0, End: 1 * ms},
						{State: trace.Blocked, Start: 1 * ms, End: 2 * ms, Detail: "time.sleep(0.001)"},
					}},
					{Name: "fetch", Kind: trace.TaskLane, Parent: 1, Start: 1 * ms, End: 1 * ms,
						Outcome: &trace.Outcome{Kind: trace.Raised, Value: "KeyError: 'x'", CaughtBy: 1}},
					{Name: "worker 1", Kind: trace.ThreadLane, Start: 0, End: 2 * ms, Intervals: []trace.Interval{
						{State: trace.Idle, Start: 0, End: 500 * us},
						{State: trace.Busy, Start: 500 * us, End: 1999999 * time.Nanosecond, Detail: "hash()"},
					}},
				},
				Total:       2 * ms,
				Interrupted: true,
			},
		},
	}
}

func exportSample(t *testing.T) []byte {
	t.Helper()
	tr := sampleTrace()
	if err := trace.Validate(tr); err != nil {
		t.Fatalf("sample trace is invalid: %v", err)
	}
	var buf bytes.Buffer
	if err := Write(&buf, tr); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestChromeRoundTrip(t *testing.T) {
	data := exportSample(t)
	got, stats, err := Read(bytes.NewReader(data), "sample.json")
	if err != nil {
		t.Fatal(err)
	}
	if want := sampleTrace(); !reflect.DeepEqual(got, want) {
		t.Errorf("round trip changed the trace:\ngot:\n%s\nwant:\n%s", summarize(got), summarize(want))
	}
	if got, want := stats.String(), "every event drawn"; got != want {
		t.Errorf("stats = %q, want %q", got, want)
	}
	var again bytes.Buffer
	if err := Write(&again, got); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(again.Bytes(), data) {
		t.Errorf("exporting the imported trace gives other bytes")
	}

	t.Run("Empty", func(t *testing.T) {
		var buf bytes.Buffer
		if err := Write(&buf, &trace.Trace{Title: "nothing", Clock: trace.Measured}); err != nil {
			t.Fatal(err)
		}
		got, _, err := Read(&buf, "empty.json")
		if err != nil {
			t.Fatal(err)
		}
		if want := (&trace.Trace{Title: "nothing", Clock: trace.Measured}); !reflect.DeepEqual(got, want) {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
}

func TestWriteChromeGolden(t *testing.T) {
	data := exportSample(t)
	path := filepath.Join("testdata", "sample.json")
	if *update {
		if err := os.WriteFile(path, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(data, want) {
		got := path + ".got"
		_ = os.WriteFile(got, data, 0o644)
		t.Errorf("Write output differs from %s; wrote %s (diff them, and run go test -update if the change is right)", path, got)
	}
}

// TestWriteChromeStructure checks the export the way Perfetto needs it.
func TestWriteChromeStructure(t *testing.T) {
	data := exportSample(t)
	if !bytes.HasSuffix(data, []byte("\n")) {
		t.Errorf("output does not end with a newline")
	}
	var file struct {
		TraceEvents []struct {
			Name string          `json:"name"`
			Ph   string          `json:"ph"`
			Ts   *float64        `json:"ts"`
			Dur  *float64        `json:"dur"`
			Pid  *int            `json:"pid"`
			Tid  *int            `json:"tid"`
			S    string          `json:"s"`
			Args json.RawMessage `json:"args"`
		} `json:"traceEvents"`
		DisplayTimeUnit string `json:"displayTimeUnit"`
	}
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatalf("output is not a JSON object with traceEvents: %v", err)
	}
	if got, want := file.DisplayTimeUnit, "ms"; got != want {
		t.Errorf("displayTimeUnit = %q, want %q", got, want)
	}
	if got, want := strings.Count(string(data), "\n"), len(file.TraceEvents)+2; got != want {
		t.Errorf("%d lines for %d events, want one event a line", got, len(file.TraceEvents))
	}
	type thread struct{ pid, tid int }
	type slice struct {
		start, end float64
		name       string
	}
	procNames := map[int]bool{}
	threadNames := map[thread]bool{}
	used := map[thread]bool{}
	usedProcs := map[int]bool{}
	slicesOf := map[thread][]slice{}
	for i, e := range file.TraceEvents {
		if e.Pid == nil || e.Tid == nil {
			t.Errorf("event %d (%s %q) has no pid or tid", i, e.Ph, e.Name)
			continue
		}
		th := thread{*e.Pid, *e.Tid}
		switch e.Ph {
		case "M":
			var args struct {
				Name      *string `json:"name"`
				SortIndex *int    `json:"sort_index"`
			}
			if err := json.Unmarshal(e.Args, &args); err != nil {
				t.Errorf("event %d: metadata args: %v", i, err)
			}
			switch e.Name {
			case "process_name":
				procNames[th.pid] = args.Name != nil
			case "thread_name":
				threadNames[th] = args.Name != nil
			case "process_sort_index", "thread_sort_index":
				if args.SortIndex == nil {
					t.Errorf("event %d: %s without sort_index", i, e.Name)
				}
			default:
				t.Errorf("event %d: unexpected metadata %q", i, e.Name)
			}
			continue
		case "X":
			if e.Ts == nil || e.Dur == nil || *e.Ts < 0 || *e.Dur < 0 {
				t.Errorf("event %d (X %q): ts and dur must be present and non-negative", i, e.Name)
				continue
			}
			slicesOf[th] = append(slicesOf[th], slice{*e.Ts, *e.Ts + *e.Dur, e.Name})
			used[th] = true
		case "i":
			if e.Ts == nil || *e.Ts < 0 {
				t.Errorf("event %d (i %q): ts must be present and non-negative", i, e.Name)
			}
			switch e.S {
			case "t":
				used[th] = true
			case "p":
			default:
				t.Errorf("event %d (i %q): scope %q, want t or p", i, e.Name, e.S)
			}
		default:
			t.Errorf("event %d: unexpected phase %q", i, e.Ph)
		}
		usedProcs[th.pid] = true
	}
	for th := range used {
		if !threadNames[th] {
			t.Errorf("pid %d tid %d has events but no thread_name", th.pid, th.tid)
		}
	}
	for pid := range usedProcs {
		if !procNames[pid] {
			t.Errorf("pid %d has events but no process_name", pid)
		}
	}
	for th, ss := range slicesOf {
		// Sort as Perfetto does: by start, longer (enclosing) slices first.
		slices.SortStableFunc(ss, func(a, b slice) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end)) })
		var stack []slice
		for _, s := range ss {
			for len(stack) > 0 && stack[len(stack)-1].end <= s.start && !(stack[len(stack)-1].end == s.start && s.end == s.start && stack[len(stack)-1].start == s.start) {
				stack = stack[:len(stack)-1]
			}
			if n := len(stack); n > 0 && s.end > stack[n-1].end {
				t.Errorf("pid %d tid %d: slice %q [%v, %v] overlaps %q [%v, %v] without nesting", th.pid, th.tid, s.name, s.start, s.end, stack[n-1].name, stack[n-1].start, stack[n-1].end)
			}
			stack = append(stack, s)
		}
	}
}

func TestWriteChromeClampsChildren(t *testing.T) {
	// Not a valid trace: intervals overlap and stick out of the lane's life.
	tr := &trace.Trace{Runs: []*trace.Run{{Name: "r", Lanes: []*trace.Lane{{Name: "t", Start: 10 * us, End: 20 * us, Intervals: []trace.Interval{
		{State: trace.Running, Start: 5 * us, End: 15 * us},
		{State: trace.Waiting, Start: 12 * us, End: 30 * us},
	}}}}}}
	var buf bytes.Buffer
	if err := Write(&buf, tr); err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{
		`{"name":"t","cat":"lane","ph":"X","ts":5,"dur":25,"pid":1,"tid":1}`,
		`{"name":"running","cat":"state","ph":"X","ts":5,"dur":10,"pid":1,"tid":1}`,
		`{"name":"waiting","cat":"state","ph":"X","ts":15,"dur":15,"pid":1,"tid":1}`,
	} {
		if !strings.Contains(buf.String(), want+",\n") && !strings.Contains(buf.String(), want+"\n") {
			t.Errorf("output lacks %s:\n%s", want, buf.String())
		}
	}
}

func TestMicros(t *testing.T) {
	for _, c := range []struct {
		d    time.Duration
		want string
	}{
		{0, "0"}, {1, "0.001"}, {1500, "1.5"}, {2 * time.Millisecond, "2000"},
		{1234567, "1234.567"}, {-1500, "-1.5"}, {10, "0.01"},
	} {
		if got := micros(c.d); string(got) != c.want {
			t.Errorf("micros(%d) = %s, want %s", int64(c.d), got, c.want)
		}
	}
}

// summarize prints a trace compactly for test failures and comparisons.
func summarize(t *trace.Trace) string {
	var b strings.Builder
	if t.Title != "" {
		fmt.Fprintf(&b, "title %q\n", t.Title)
	}
	for _, r := range t.Runs {
		fmt.Fprintf(&b, "run %q total=%v", r.Name, r.Total)
		if r.Error != "" {
			fmt.Fprintf(&b, " error=%q", r.Error)
		}
		b.WriteString("\n")
		for _, l := range r.Lanes {
			fmt.Fprintf(&b, "  %s %q [%v,%v]", l.Kind, l.Name, l.Start, l.End)
			if l.Parent != trace.NoLane {
				fmt.Fprintf(&b, " parent=%q", r.LaneName(l.Parent))
			}
			for _, iv := range l.Intervals {
				fmt.Fprintf(&b, " %s(%q)%v-%v", iv.State, iv.Detail, iv.Start, iv.End)
			}
			if l.Outcome != nil {
				fmt.Fprintf(&b, " -> %s %q", l.Outcome.Kind, l.Outcome.Value)
				if c := l.Outcome.CaughtBy; c != trace.NoLane {
					fmt.Fprintf(&b, " caught by %q", r.LaneName(c))
				}
			}
			b.WriteString("\n")
		}
		for _, g := range r.Logs {
			fmt.Fprintf(&b, "  log %v %q %q\n", g.At, r.LaneName(g.Lane), g.Text)
		}
	}
	return b.String()
}

func TestReadChromeForms(t *testing.T) {
	const x1 = `{"ph":"X","name":"a","pid":1,"tid":1,"ts":10,"dur":5}`
	const x2 = `{"ph":"X","name":"b","pid":1,"tid":1,"ts":20,"dur":2.5}`
	const xs = "run \"pid 1\" total=12.5µs\n  thread \"tid 1\" [0s,12.5µs] running(\"a\")0s-5µs running(\"b\")10µs-12.5µs\n"
	for _, c := range []struct {
		name, in, want, stats string
	}{
		{"ArrayForm", `[` + x1 + `,` + x2 + `]`, xs, ""},
		{"ObjectForm", `{"meta":{"a":[1,2,{"b":null}]},"traceEvents":[` + x1 + `,` + x2 + `],"displayTimeUnit":"ns","stackFrames":{}}`, xs, ""},
		{"UnterminatedArray", "[" + x1 + ",\n" + x2, xs, ""},
		{"UnterminatedArrayTrailingComma", "[\n" + x1 + ",\n" + x2 + ",\n", xs, ""},
		{"TrailingComma", `[` + x1 + `,` + x2 + `,]`, xs, ""},
		{"TrailingCommaObject", `{"traceEvents":[` + x1 + `,` + x2 + ` , ],"x":1,}`, xs, ""},
		{"CommaInString", `[{"ph":"X","name":"a,]","pid":1,"tid":1,"ts":0,"dur":1},]`,
			"run \"pid 1\" total=1µs\n  thread \"tid 1\" [0s,1µs] running(\"a,]\")0s-1µs\n", ""},
		{"EmptyArray", `[]`, "", ""},
		{"Unsorted", `[` + x2 + `,` + x1 + `]`, xs, ""},
		{"BeginEnd", `[
			{"ph":"E","pid":1,"tid":1,"ts":30},
			{"ph":"B","name":"outer","pid":1,"tid":1,"ts":10},
			{"ph":"B","name":"inner","pid":1,"tid":1,"ts":12},
			{"ph":"E","pid":1,"tid":1,"ts":14},
			{"ph":"B","name":"other thread","pid":1,"tid":2,"ts":11},
			{"ph":"E","pid":1,"tid":2,"ts":12}]`,
			"run \"pid 1\" total=20µs\n  thread \"tid 1\" [0s,20µs] running(\"outer\")0s-20µs\n  thread \"tid 2\" [1µs,2µs] running(\"other thread\")1µs-2µs\n",
			"hid 1 nested span"},
		{"UnclosedBegin", `[{"ph":"B","name":"open","pid":1,"tid":1,"ts":10},{"ph":"X","name":"late","pid":1,"tid":2,"ts":15,"dur":5}]`,
			"run \"pid 1\" total=10µs\n  thread \"tid 1\" [0s,10µs] running(\"open\")0s-10µs\n  thread \"tid 2\" [5µs,10µs] running(\"late\")5µs-10µs\n",
			"closed 1 unclosed span at the end of the trace"},
		{"UnmatchedEnd", `[{"ph":"E","pid":1,"tid":1,"ts":10},` + x1 + `]`,
			"run \"pid 1\" total=5µs\n  thread \"tid 1\" [0s,5µs] running(\"a\")0s-5µs\n",
			"dropped 1 unmatched end event"},
		{"PartialOverlap", `[{"ph":"X","name":"a","pid":1,"tid":1,"ts":0,"dur":10},{"ph":"X","name":"b","pid":1,"tid":1,"ts":5,"dur":10}]`,
			"run \"pid 1\" total=15µs\n  thread \"tid 1\" [0s,15µs] running(\"a\")0s-10µs running(\"b\")10µs-15µs\n",
			"hid 1 nested span"},
		{"AsyncEvents", `[
			{"ph":"b","cat":"fs","id":"0x1","name":"open","pid":7,"tid":1,"ts":100},
			{"ph":"b","cat":"fs","id":"0x2","name":"read","pid":7,"tid":1,"ts":110},
			{"ph":"n","cat":"fs","id":"0x1","name":"progress","pid":7,"tid":2,"ts":120},
			{"ph":"e","cat":"fs","id":"0x1","name":"open","pid":7,"tid":3,"ts":150},
			{"ph":"e","cat":"fs","id2":{"local":"0x2"},"name":"read","pid":7,"tid":1,"ts":160},
			{"ph":"e","cat":"fs","id":"0x2","name":"read","pid":7,"tid":1,"ts":170}]`,
			"run \"pid 7\" total=70µs\n  task \"open\" [0s,50µs] running(\"open\")0s-50µs\n  task \"read\" [10µs,70µs] running(\"read\")10µs-70µs\n  log 20µs \"open\" \"progress\"\n",
			"dropped 1 unmatched end event"},
		{"LegacyAsync", `[
			{"ph":"S","cat":"r","id":1,"name":"job","pid":1,"tid":1,"ts":0},
			{"ph":"T","cat":"r","id":1,"name":"job","pid":1,"tid":1,"ts":5,"args":{"step":"half"}},
			{"ph":"F","cat":"r","id":1,"name":"job","pid":1,"tid":1,"ts":10},
			{"ph":"S","cat":"r","id":1,"name":"job","pid":1,"tid":1,"ts":20},
			{"ph":"F","cat":"r","id":1,"name":"job","pid":1,"tid":1,"ts":30}]`,
			"run \"pid 1\" total=30µs\n  task \"job\" [0s,30µs] running(\"job\")0s-10µs running(\"job\")20µs-30µs\n  log 5µs \"job\" \"job: half\"\n", ""},
		{"Instants", `[
			{"ph":"i","name":"thread","pid":1,"tid":1,"ts":1,"s":"t"},
			{"ph":"I","name":"default scope","pid":1,"tid":2,"ts":2},
			{"ph":"i","name":"process","pid":1,"tid":1,"ts":3,"s":"p"},
			{"ph":"i","name":"global","pid":1,"ts":0,"s":"g"}]`,
			"run \"pid 1\" total=3µs\n  thread \"tid 1\" [1µs,1µs]\n  thread \"tid 2\" [2µs,2µs]\n  log 0s \"\" \"global\"\n  log 1µs \"tid 1\" \"thread\"\n  log 2µs \"tid 2\" \"default scope\"\n  log 3µs \"\" \"process\"\n", ""},
		{"Metadata", `[
			{"ph":"M","name":"process_name","pid":2,"args":{"name":"Browser"}},
			{"ph":"M","name":"process_sort_index","pid":2,"args":{"sort_index":-1}},
			{"ph":"M","name":"thread_name","pid":2,"tid":5,"args":{"name":"Main"}},
			{"ph":"M","name":"thread_name","pid":2,"tid":6,"args":{"name":"IO"}},
			{"ph":"M","name":"thread_sort_index","pid":2,"tid":6,"args":{"sort_index":-5}},
			{"ph":"M","name":"thread_name","pid":2,"tid":7,"args":{"name":"no events"}},
			{"ph":"M","name":"process_labels","pid":2,"args":{"labels":"x"}},
			{"ph":"X","name":"p1","pid":1,"tid":1,"ts":0,"dur":1},
			{"ph":"X","name":"main","pid":2,"tid":5,"ts":0,"dur":1},
			{"ph":"X","name":"io","pid":2,"tid":6,"ts":0,"dur":1},
			{"ph":"X","name":"w","pid":2,"tid":8,"ts":0,"dur":1},
			{"ph":"X","name":"w","pid":2,"tid":9,"ts":0,"dur":1},
			{"ph":"M","name":"thread_name","pid":2,"tid":8,"args":{"name":"Worker"}},
			{"ph":"M","name":"thread_name","pid":2,"tid":9,"args":{"name":"Worker"}}]`,
			"run \"Browser\" total=1µs\n  thread \"IO\" [0s,1µs] running(\"io\")0s-1µs\n  thread \"Main\" [0s,1µs] running(\"main\")0s-1µs\n  thread \"Worker (tid 8)\" [0s,1µs] running(\"w\")0s-1µs\n  thread \"Worker (tid 9)\" [0s,1µs] running(\"w\")0s-1µs\n" +
				"run \"pid 1\" total=1µs\n  thread \"tid 1\" [0s,1µs] running(\"p1\")0s-1µs\n",
			"ignored 1 event: 1 metadata (M)"},
		{"StringIDs", `[
			{"ph":"X","name":"a","pid":"1","tid":"main","ts":0,"dur":1},
			{"ph":"X","name":"b","pid":1,"tid":"main","ts":1,"dur":1},
			{"ph":"X","name":"c","pid":1,"tid":3,"ts":2,"dur":1},
			{"ph":"X","name":"d","pid":"renderer","tid":1.0,"ts":3,"dur":1}]`,
			"run \"pid 1\" total=3µs\n  thread \"tid 3\" [2µs,3µs] running(\"c\")2µs-3µs\n  thread \"tid main\" [0s,2µs] running(\"a\")0s-1µs running(\"b\")1µs-2µs\n" +
				"run \"pid renderer\" total=4µs\n  thread \"tid 1\" [3µs,4µs] running(\"d\")3µs-4µs\n", ""},
		{"FractionalMicros", `[{"ph":"X","name":"a","pid":1,"tid":1,"ts":1000.25,"dur":0.0015},{"ph":"X","name":"b","pid":1,"tid":1,"ts":1000.5,"dur":1e1}]`,
			"run \"pid 1\" total=10.25µs\n  thread \"tid 1\" [0s,10.25µs] running(\"a\")0s-2ns running(\"b\")250ns-10.25µs\n", ""},
		{"Rebase", `[{"ph":"X","name":"late","pid":1,"tid":1,"ts":9000000000000,"dur":5},{"ph":"X","name":"early","pid":2,"tid":1,"ts":8999999999990,"dur":1}]`,
			"run \"pid 1\" total=15µs\n  thread \"tid 1\" [10µs,15µs] running(\"late\")10µs-15µs\n" +
				"run \"pid 2\" total=1µs\n  thread \"tid 1\" [0s,1µs] running(\"early\")0s-1µs\n", ""},
		{"IgnoredPhases", `[` + x1 + `,
			{"ph":"C","name":"heap","pid":1,"ts":1,"args":{"v":1}},
			{"ph":"C","name":"heap","pid":1,"ts":2,"args":{"v":2}},
			{"ph":"s","name":"flow","pid":1,"tid":1,"ts":1,"id":1},
			{"ph":"f","name":"flow","pid":1,"tid":1,"ts":1,"id":1},
			{"ph":"P","pid":1,"tid":1,"ts":1},
			{"ph":"N","pid":1,"ts":1,"id":"0x1"},{"ph":"O","pid":1,"ts":1,"id":"0x1"},{"ph":"D","pid":1,"ts":1,"id":"0x1"},
			{"ph":"R","name":"mark","pid":1,"tid":1,"ts":1},
			{"ph":"c","pid":1,"ts":1},
			{"ph":"X","name":"no ts","pid":1,"tid":1},
			{"ph":"?","pid":1,"ts":1},
			{"pid":1,"ts":1},` + x2 + `]`,
			xs, `ignored 12 events: 2 counter (C), 1 unknown phase (""), 1 unknown phase (?), 1 object destroyed (D), 1 object created (N), 1 object snapshot (O), 1 sample (P), 1 mark (R), 1 clock sync (c), 1 flow (f), 1 flow (s); skipped 1 malformed event`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, stats, err := Read(strings.NewReader(c.in), c.name+".json")
			if err != nil {
				t.Fatal(err)
			}
			if err := trace.Validate(tr); err != nil {
				t.Errorf("Validate: %v", err)
			}
			if got, want := summarize(tr), c.want; got != want {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
			if c.stats == "" {
				c.stats = "every event drawn"
			}
			if got, want := stats.String(), c.stats; got != want {
				t.Errorf("stats = %q, want %q", got, want)
			}
			if got, want := tr.Clock, trace.Measured; got != want {
				t.Errorf("clock = %v, want %v", got, want)
			}
		})
	}
}

func TestReadChromeErrors(t *testing.T) {
	const ev = `{"ph":"X","name":"a","pid":1,"tid":1,"ts":10,"dur":5}`
	const own = `{"otherData":{"generator":"asyncgantt"},"traceEvents":[` // 55 bytes
	thread := func(name string, tid int) string {
		return fmt.Sprintf(`{"name":"thread_name","ph":"M","pid":1,"tid":%d,"args":{"name":%q,"kind":"task","start_us":0,"end_us":0}}`, tid, name)
	}
	for _, c := range []struct {
		name, in string
		offset   int64
		msg      string
	}{
		{"Empty", "", 0, "empty file: expected a JSON array"},
		{"Blank", " \n\t", 0, "empty file"},
		{"NotJSON", "hello", 0, "not a Chrome trace: invalid JSON: invalid character 'h'"},
		{"Number", " 42", 3, "not a Chrome trace: expected a JSON array of trace events or an object with a \"traceEvents\" array, found number 42"},
		{"String", `"trace"`, 7, `found string "trace"`},
		{"NoTraceEvents", `{"foo":[1,2]}`, 13, `the object has no "traceEvents" array`},
		{"TraceEventsNotArray", `{"traceEvents":{"a":1}}`, 14, `"traceEvents" must be an array of events, found "{"`},
		{"NotAnEvent", `[` + ev + `,17]`, len64(ev) + 1, "event 2: expected an event object, found a number"},
		{"WrongType", `[` + ev + `,{"ph":"X","name":5}]`, len64(ev) + 1, `event 2: "name" is a number, expected a string`},
		{"BadTs", `[{"ph":"X","ts":"soon"}]`, 1, `event 1: json: invalid number literal`},
		{"Truncated", `[` + ev + `,{"ph":"X","ts":1`, -1, "event 2: the file ends too early (truncated?)"},
		{"TruncatedObject", `{"traceEvents":[` + ev + `]`, len64(ev) + 17, `expected "}" closing the trace object: the file ends too early`},
		{"TruncatedObjectArray", `{"traceEvents":[` + ev + `,`, len64(ev) + 17, `expected "]" closing the events: the file ends too early`},
		{"MissingComma", `[` + ev + ` ` + ev + `]`, len64(ev) + 2, "event 2: invalid JSON: expected comma after array element"},
		{"Corrupt", `[{"ph":"X","name":"a"` + "\x00" + `}]`, 21, "event 1: invalid JSON: invalid character '\\x00' after object key:value pair"},
		{"TrailingGarbage", `[` + ev + `] x`, len64(ev) + 3, "invalid character 'x' looking for beginning of value"},
		// The offset is the bad byte's, however many events come before it.
		{"CorruptLater", "[" + ev + ",\n" + ev + " , \n" + ev + `,{"ph":X}]`, 3*len64(ev) + 14, "event 4: invalid JSON: invalid character 'X'"},
		{"CorruptInObject", `{"traceEvents":[` + ev + ",\n" + ev + `,{"ph":"X","ts":1e}]}`, 2*len64(ev) + 36, "event 3: invalid JSON: invalid character '}' in exponent of numeric literal"},
		{"TwoValues", `[] []`, 4, `unexpected "[" after the end of the trace`},
		{"OwnBadState", `{"otherData":{"generator":"asyncgantt"},"traceEvents":[{"name":"dreaming","cat":"state","ph":"X","ts":0,"dur":1,"pid":1,"tid":1}]}`, 55,
			`event 1: X: unknown state "dreaming", expected one of`},
		{"OwnUnknownParent", own + `{"name":"thread_name","ph":"M","pid":1,"tid":2,"args":{"name":"c","kind":"task","parent":"main","start_us":0,"end_us":0}}]}`, 55,
			`event 1: thread_name: parent "main" is not the name of a lane of run "pid 1"`},
		{"OwnUnknownLogLane", own + thread("A", 1) + `,{"name":"hi","cat":"log","ph":"i","ts":0,"pid":1,"s":"p","args":{"text":"hi","lane":"B"}}]}`, 55 + len64(thread("A", 1)),
			`event 2: log: lane "B" is not the name of a lane of run "pid 1"`},
		{"OwnUnknownCatcher", own + thread("A", 1) + `,{"name":"raised","cat":"outcome","ph":"i","ts":0,"pid":1,"tid":1,"s":"t","args":{"exception":"E","caught_by":"main"}}]}`, 55 + len64(thread("A", 1)),
			`event 2: outcome: caught_by "main" is not the name of a lane of run "pid 1"`},
		{"OwnUnknownOutcome", own + thread("A", 1) + `,{"name":"vanished","cat":"outcome","ph":"i","ts":0,"pid":1,"tid":1,"s":"t","args":{}}]}`, 55 + len64(thread("A", 1)),
			`event 2: i: unknown outcome "vanished", expected returned, raised, cancelled or never awaited`},
		{"OwnNeverAwaitedRan", own + thread("A", 1) + `,{"name":"running","cat":"state","ph":"X","ts":0,"dur":0,"pid":1,"tid":1},{"name":"never awaited","cat":"outcome","ph":"i","ts":0,"pid":1,"tid":1,"s":"t","args":{"warning":"W"}}]}`, -1,
			`the trace read is inconsistent: run "pid 1": lane "A": never awaited, yet it has intervals (from 0s)`},
		{"OwnDuplicateLaneNames", own + thread("A", 1) + "," + thread("A", 2) + `]}`, -1,
			`the trace read is inconsistent: run "pid 1": lanes 1 and 2 are both named "A"`},
		{"OwnParentItself", own + `{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"c","kind":"task","parent":"c","start_us":0,"end_us":0}}]}`, -1,
			`the trace read is inconsistent: run "pid 1": lane "c" is its own parent`},
		{"OwnInconsistent", `{"otherData":{"generator":"asyncgantt"},"traceEvents":[{"name":"running","cat":"state","ph":"X","ts":0,"dur":5,"pid":1,"tid":1},{"name":"waiting","cat":"state","ph":"X","ts":2,"dur":5,"pid":1,"tid":1}]}`, -1,
			`the trace read is inconsistent: run "pid 1": lane "tid 1" interval 1 (waiting) starts at 2µs before the previous one ends at 5µs`},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, _, err := Read(strings.NewReader(c.in), "trace.json")
			if err == nil {
				t.Fatalf("no error; read:\n%s", summarize(tr))
			}
			var ce *Error
			if !errors.As(err, &ce) {
				t.Fatalf("error %v is a %T, want *Error", err, err)
			}
			if got, want := ce.File, "trace.json"; got != want {
				t.Errorf("File = %q, want %q", got, want)
			}
			if c.offset < 0 {
				c.offset = len64(c.in)
			}
			if got, want := ce.Offset, c.offset; got != want {
				t.Errorf("Offset = %d, want %d (%v)", got, want, err)
			}
			if !strings.Contains(ce.Msg, c.msg) {
				t.Errorf("Msg = %q, want it to contain %q", ce.Msg, c.msg)
			}
			if !strings.HasPrefix(err.Error(), fmt.Sprintf("trace.json: byte %d: ", ce.Offset)) {
				t.Errorf("Error() = %q, want it to start with the file and offset", err)
			}
		})
	}
}

func len64(s string) int64 { return int64(len(s)) }

// TestReadChromeDuplicateNames reads threads and async operations that
// share names, and names that collide with the names given to tell them
// apart: every lane gets a name of its own, and logs keep their lanes.
func TestReadChromeDuplicateNames(t *testing.T) {
	in := `[
		{"ph":"M","name":"thread_name","pid":1,"tid":1,"args":{"name":"W"}},
		{"ph":"M","name":"thread_name","pid":1,"tid":2,"args":{"name":"W"}},
		{"ph":"M","name":"thread_name","pid":1,"tid":3,"args":{"name":"W (tid 1)"}},
		{"ph":"M","name":"thread_name","pid":1,"tid":5,"args":{"name":"tid 4"}},
		{"ph":"X","name":"a","pid":1,"tid":1,"ts":0,"dur":1},
		{"ph":"X","name":"b","pid":1,"tid":2,"ts":0,"dur":1},
		{"ph":"X","name":"c","pid":1,"tid":3,"ts":0,"dur":1},
		{"ph":"X","name":"d","pid":1,"tid":4,"ts":0,"dur":1},
		{"ph":"X","name":"e","pid":1,"tid":5,"ts":0,"dur":1},
		{"ph":"b","cat":"k","id":1,"name":"W","pid":1,"tid":1,"ts":0},
		{"ph":"e","cat":"k","id":1,"name":"W","pid":1,"tid":1,"ts":2},
		{"ph":"i","name":"on 2","pid":1,"tid":2,"ts":1,"s":"t"},
		{"ph":"n","cat":"k","id":1,"name":"W","pid":1,"ts":1},
		{"ph":"M","name":"process_name","pid":2,"args":{"name":"P"}},
		{"ph":"M","name":"process_name","pid":3,"args":{"name":"P"}},
		{"ph":"M","name":"thread_name","pid":2,"tid":1,"args":{"name":"W"}},
		{"ph":"M","name":"thread_name","pid":3,"tid":1,"args":{"name":"W"}},
		{"ph":"X","name":"f","pid":2,"tid":1,"ts":0,"dur":1},
		{"ph":"X","name":"g","pid":3,"tid":1,"ts":0,"dur":1}]`
	tr, _, err := Read(strings.NewReader(in), "dup.json")
	if err != nil {
		t.Fatal(err)
	}
	if err := trace.Validate(tr); err != nil {
		t.Fatalf("Validate: %v", err)
	}
	want := "run \"pid 1\" total=2µs\n" +
		"  thread \"W (tid 1)\" [0s,1µs] running(\"a\")0s-1µs\n" +
		"  thread \"W (tid 2)\" [0s,1µs] running(\"b\")0s-1µs\n" +
		"  thread \"W (tid 1) #2\" [0s,1µs] running(\"c\")0s-1µs\n" +
		"  thread \"tid 4 (tid 4)\" [0s,1µs] running(\"d\")0s-1µs\n" +
		"  thread \"tid 4 (tid 5)\" [0s,1µs] running(\"e\")0s-1µs\n" +
		"  task \"W (id 1)\" [0s,2µs] running(\"W\")0s-2µs\n" +
		"  log 1µs \"W (tid 2)\" \"on 2\"\n" +
		"  log 1µs \"W (id 1)\" \"W\"\n" +
		// Processes of one name are runs of one name: lanes are unique
		// within their run.
		"run \"P\" total=1µs\n  thread \"W\" [0s,1µs] running(\"f\")0s-1µs\n" +
		"run \"P\" total=1µs\n  thread \"W\" [0s,1µs] running(\"g\")0s-1µs\n"
	if got := summarize(tr); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	// The names survive an export and an import.
	var b bytes.Buffer
	if err := Write(&b, tr); err != nil {
		t.Fatal(err)
	}
	back, _, err := Read(&b, "back.json")
	if err != nil {
		t.Fatal(err)
	}
	if got := summarize(back); got != want {
		t.Errorf("after a round trip:\n%s\nwant:\n%s", got, want)
	}
}

func TestReadChromeFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "fixtures", "*.json"))
	if err != nil {
		t.Fatal(err)
	}
	if len(files) == 0 {
		t.Skip("no fixtures")
	}
	wantStats := map[string]string{
		"catapult_async_begin_end.json":     "hid 1 nested span; dropped 3 unmatched end events; closed 3 unclosed spans at the end of the trace",
		"perfetto_flow_events_json_v1.json": "ignored 5 events: 2 flow (f), 2 flow (s), 1 flow (t)",
		"viztracer_old.json":                "hid 4 nested spans",
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := os.Open(path)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			tr, stats, err := Read(f, path)
			if err != nil {
				t.Fatal(err)
			}
			if err := trace.Validate(tr); err != nil {
				t.Errorf("Validate: %v", err)
			}
			if len(tr.Runs) == 0 {
				t.Fatalf("no runs")
			}
			for _, r := range tr.Runs {
				if r.Name == "" {
					t.Errorf("run without a name")
				}
				names := map[string]bool{}
				for _, l := range r.Lanes {
					if l.Name == "" || names[l.Name] {
						t.Errorf("run %q: lane name %q empty or repeated", r.Name, l.Name)
					}
					names[l.Name] = true
				}
			}
			if want, ok := wantStats[filepath.Base(path)]; ok && stats.String() != want {
				t.Errorf("stats = %q, want %q", stats, want)
			}
			if testing.Verbose() {
				t.Logf("%s\n%s", stats, summarize(tr))
			}
		})
	}
}

func FuzzReadChrome(f *testing.F) {
	f.Add([]byte(`[{"ph":"B","name":"a","pid":1,"tid":1,"ts":1},{"ph":"E","pid":1,"tid":1,"ts":2}`))
	f.Add([]byte(`{"traceEvents":[{"ph":"b","cat":"c","id":1,"pid":1,"ts":1},{"ph":"e","cat":"c","id":1,"pid":1,"ts":3},],}`))
	f.Add([]byte(`[{"ph":"X","name":"a","pid":"p","tid":1.5,"ts":1e300,"dur":-1}]`))
	f.Add([]byte(tinyOwn))
	f.Add([]byte(tinyForeign))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput {
			return
		}
		tr, stats, err := Read(bytes.NewReader(data), "fuzz.json")
		if err != nil {
			// Errors about the text are *Error; a gzip stream that cannot
			// be read names the file and wraps the cause.
			var ce *Error
			if !errors.As(err, &ce) && !(bytes.HasPrefix(data, []byte{0x1f, 0x8b}) && strings.HasPrefix(err.Error(), "fuzz.json")) {
				t.Fatalf("error %v is a %T, want *Error", err, err)
			}
			return
		}
		if err := trace.Validate(tr); err != nil {
			t.Fatalf("Validate: %v", err)
		}
		_ = stats.String()
		var buf bytes.Buffer
		if err := Write(&buf, tr); err != nil {
			t.Fatal(err)
		}
		back, _, err := Read(&buf, "again.json")
		if err != nil {
			t.Fatalf("re-reading our export: %v", err)
		}
		if !reflect.DeepEqual(back, tr) {
			t.Fatalf("export of an imported trace does not round-trip:\ngot:\n%s\nwant:\n%s", summarize(back), summarize(tr))
		}
	})
}

// FuzzReadChromeFast checks that the fast path reads every input exactly
// as encoding/json alone does: the same trace, stats and error.
func FuzzReadChromeFast(f *testing.F) {
	f.Add([]byte(`[{"ph":"B","name":"a","pid":1,"tid":1,"ts":1},{"ph":"E","pid":1,"tid":1,"ts":2}`))
	f.Add([]byte(`{"traceEvents":[{"ph":"b","cat":"c","id":1,"pid":1,"ts":1},{"ph":"e","cat":"c","id":1,"pid":1,"ts":3},],}`))
	f.Add([]byte(`[{"ph":"X","name":"a\u00e9\n","pid":"p","tid":1.5,"ts":1e300,"dur":-1,"Name":"b"}]`))
	f.Add([]byte(`[{"ph":"X","name":"a","pid":1,"tid":1,"ts":10,"dur":5} {"ph":"X"}]`))
	f.Add([]byte(`[{"ph":"n","id2":{"local":"0x1"},"pid":-0,"tid":007,"ts":"1","args":{"step":"s"}},null,17]`))
	f.Add([]byte(tinyOwnStates))
	f.Add([]byte(tinyForeign))
	f.Fuzz(func(t *testing.T, data []byte) {
		if len(data) > maxFuzzInput/2 {
			return // each input is read twice: half the size costs the same
		}
		// The fast path reads through a buffer of 16 to 79 bytes, smaller
		// than most events: its refills and resumptions, which a large
		// file reaches at 64 KiB, are reached by small inputs.
		fast, fstats, ferr := read(sizedReader{bytes.NewReader(data), 16 + len(data)%64}, "fuzz.json", false)
		slow, sstats, serr := read(bytes.NewReader(data), "fuzz.json", true)
		if a, b := fmt.Sprint(ferr), fmt.Sprint(serr); a != b {
			t.Fatalf("fast path error %v, encoding/json's %v", ferr, serr)
		}
		if !reflect.DeepEqual(fast, slow) || !reflect.DeepEqual(fstats, sstats) {
			t.Fatalf("fast path read:\n%s\n%v\nencoding/json:\n%s\n%v", summarize(fast), fstats, summarize(slow), sstats)
		}
	})
}

// maxFuzzInput bounds the inputs the Chrome fuzz targets try, in bytes.
// Go's fuzzer minimises each input it finds in time quadratic in its size
// (it tries removing every span of bytes): inputs mutated from seeds of a
// few kilobytes made it minimise for a minute at a time, at 0 execs/s.
// Small seeds and small buffers (sizedReader) reach every path of the
// reader with inputs of a few hundred bytes.
const maxFuzzInput = 1024

// tinyForeign is a small foreign file: metadata, a complete span, an
// instant, an async pair, a counter.
const tinyForeign = `[{"name":"process_name","ph":"M","pid":1,"args":{"name":"R"}},` +
	`{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"w"}},` +
	`{"name":"a","ph":"X","ts":1.5,"dur":2,"pid":1,"tid":1},{"name":"i","ph":"i","ts":2,"pid":1,"tid":1,"s":"t"},` +
	`{"ph":"b","cat":"c","id":"0x1","name":"op","ts":1,"pid":1},{"ph":"e","cat":"c","id":"0x1","ts":3,"pid":1},` +
	`{"ph":"C","name":"n","ts":1,"pid":1,"args":{"v":1}}]`

// tinyOwn is a small file as Write writes them, without what Read does
// not need: a run of one task with two intervals, its outcome and a line
// it printed.
const tinyOwn = `{"otherData":{"generator":"asyncgantt","format":"1","title":"t"},"traceEvents":[` +
	`{"name":"process_name","ph":"M","pid":1,"args":{"name":"R","total_us":2}},` +
	`{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"A","kind":"task","start_us":0,"end_us":2}},` +
	`{"name":"running","cat":"state","ph":"X","ts":0,"dur":1,"pid":1,"tid":1},` +
	`{"name":"waiting","cat":"state","ph":"X","ts":1,"dur":1,"pid":1,"tid":1,"args":{"detail":"s"}},` +
	`{"name":"returned","cat":"outcome","ph":"i","ts":2,"pid":1,"tid":1,"args":{"result":"1"}},` +
	`{"name":"hi","cat":"log","ph":"i","ts":1,"pid":1,"tid":1,"args":{"text":"hi","lane":"A"}}]}`

// tinyOwnStates is tinyOwn without its outcome and line, for the fast
// path's fuzz target, whose inputs are half as long.
const tinyOwnStates = `{"otherData":{"generator":"asyncgantt","format":"1"},"traceEvents":[` +
	`{"name":"process_name","ph":"M","pid":1,"args":{"name":"R","total_us":2}},` +
	`{"name":"thread_name","ph":"M","pid":1,"tid":1,"args":{"name":"A","kind":"task","start_us":0,"end_us":2}},` +
	`{"name":"running","cat":"state","ph":"X","ts":0,"dur":2,"pid":1,"tid":1}]}`

// TestFuzzSeeds checks that the fuzz targets' seeds read as what they
// stand for: a file of ours and a foreign one, each with lanes.
func TestFuzzSeeds(t *testing.T) {
	for _, seed := range []string{tinyOwn, tinyOwnStates, tinyForeign} {
		tr, _, err := Read(strings.NewReader(seed), "seed.json")
		if err != nil || len(tr.Runs) != 1 || len(tr.Runs[0].Lanes) < 1 {
			t.Errorf("seed %.40s...: %v", seed, err)
		}
	}
	if tr, _, _ := Read(strings.NewReader(tinyOwn), "own.json"); tr.Runs[0].Logs[0].Text != "hi" || tr.Runs[0].Lanes[0].Outcome == nil {
		t.Error("the own seed is not read as a file of ours")
	}
}

func TestReadChromeFastLarge(t *testing.T) {
	// Events larger than the fast path's buffer, and files read a few
	// bytes at a time, read as encoding/json reads them.
	big := []byte(`[{"ph":"X","name":"` + strings.Repeat("x", 200_000) + `","pid":1,"tid":1,"ts":1,"dur":2,"args":{"a":[` + strings.Repeat("1,", 50_000) + `1]}},`)
	for _, data := range [][]byte{big, ownChrome(5000), foreignChrome(5000)} {
		fast, _, ferr := read(iotest.OneByteReader(bytes.NewReader(data)), "a.json", false)
		slow, _, serr := read(bytes.NewReader(data), "a.json", true)
		if ferr != nil || serr != nil || !reflect.DeepEqual(fast, slow) {
			t.Errorf("fast %v, slow %v; equal traces: %v", ferr, serr, reflect.DeepEqual(fast, slow))
		}
	}
}
