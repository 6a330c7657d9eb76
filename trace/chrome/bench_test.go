package chrome

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/trace"
)

// foreignChrome returns a Chrome trace as a profiler writes it: n complete
// ("X") events on 8 threads of 2 processes, with args, names and metadata.
func foreignChrome(n int) []byte {
	var b bytes.Buffer
	b.WriteString(`{"traceEvents":[` + "\n")
	for p := 1; p <= 2; p++ {
		fmt.Fprintf(&b, `{"name":"process_name","ph":"M","pid":%d,"tid":0,"args":{"name":"Renderer %d"}},`+"\n", p, p)
		for t := 1; t <= 4; t++ {
			fmt.Fprintf(&b, `{"name":"thread_name","ph":"M","pid":%d,"tid":%d,"args":{"name":"worker-%d"}},`+"\n", p, t, t)
		}
	}
	ts := make([]int64, 8)
	for i := range n {
		lane := i % 8
		dur := int64(3 + i%17)
		fmt.Fprintf(&b, `{"name":"Task::Run %d","cat":"toplevel,disabled-by-default-devtools","ph":"X","ts":%d.%03d,"dur":%d,"pid":%d,"tid":%d,"args":{"src_file":"../../base/task/sequence_manager.cc","src_func":"RunTask"}}`,
			i%100, 1_000_000+ts[lane], i%1000, dur, 1+lane/4, 1+lane%4)
		ts[lane] += dur + 2
		if i < n-1 {
			b.WriteString(",\n")
		}
	}
	b.WriteString("\n],\"displayTimeUnit\":\"ms\"}\n")
	return b.Bytes()
}

// ownChrome returns n intervals written by Write: 100 lanes.
func ownChrome(n int) []byte {
	r := &trace.Run{Name: "Synthetic"}
	per := max(1, n/100)
	for l := range 100 {
		ln := &trace.Lane{Name: fmt.Sprint("task_", l), Outcome: &trace.Outcome{Value: "None"}}
		var at time.Duration
		for i := range per {
			d := time.Duration(1+(l+i)%7) * time.Millisecond
			ln.Intervals = append(ln.Intervals, trace.Interval{State: []trace.State{trace.Ready, trace.Running, trace.Waiting}[i%3], Start: at, End: at + d, Detail: "sleep"})
			at += d
		}
		ln.End = at
		r.Total = max(r.Total, at)
		r.Lanes = append(r.Lanes, ln)
	}
	var b bytes.Buffer
	if err := Write(&b, &trace.Trace{Title: "Synthetic", Runs: []*trace.Run{r}}); err != nil {
		panic(err)
	}
	return b.Bytes()
}

// BenchmarkReadChrome measures import throughput (MB/s of JSON text) of a
// foreign profile and of asyncgantt's own export.
func BenchmarkReadChrome(b *testing.B) {
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"foreign/events=100000", foreignChrome(100_000)},
		{"own/intervals=100000", ownChrome(100_000)},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(int64(len(c.data)))
			b.ReportAllocs()
			for b.Loop() {
				if _, _, err := Read(bytes.NewReader(c.data), "bench.json"); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// TestImportChild is the child process of BenchmarkReadChromeMemory: it
// imports the file named by $ASYNCGANTT_IMPORT_FILE ("-" for none) and
// prints its peak resident memory. It does nothing in a normal test run.
func TestImportChild(t *testing.T) {
	path := os.Getenv("ASYNCGANTT_IMPORT_FILE")
	if path == "" {
		return
	}
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		if _, _, err := Read(f, path); err != nil {
			t.Fatal(err)
		}
	}
	// VmHWM is the peak resident memory of this process image: unlike
	// getrusage's, it does not include the parent's from before exec.
	status, err := os.ReadFile("/proc/self/status")
	if err != nil {
		t.Skip("no /proc/self/status")
	}
	for _, line := range strings.Split(string(status), "\n") {
		if strings.HasPrefix(line, "VmHWM:") {
			fmt.Println(line)
		}
	}
}

// peakRSS runs the test binary's TestImportChild on path ("-" to import
// nothing) and returns the child's peak resident memory in bytes.
func peakRSS(b *testing.B, path string) int64 {
	cmd := exec.Command(os.Args[0], "-test.run=^TestImportChild$", "-test.count=1", "-test.v")
	cmd.Env = append(os.Environ(), "ASYNCGANTT_IMPORT_FILE="+path)
	out, err := cmd.CombinedOutput()
	if err != nil {
		b.Fatalf("child: %v\n%s", err, out)
	}
	var kb int64
	for _, line := range strings.Split(string(out), "\n") {
		if _, err := fmt.Sscanf(line, "VmHWM: %d kB", &kb); err == nil {
			return kb * 1024
		}
	}
	b.Skipf("no VmHWM in the child's output:\n%s", out)
	return 0
}

// BenchmarkReadChromeMemory measures the peak memory of importing a large
// file in a process of its own, against the file's size: peak-RSS/file is
// the peak resident memory the import added, per byte of the file.
func BenchmarkReadChromeMemory(b *testing.B) {
	for _, c := range []struct {
		name string
		data []byte
	}{
		{"foreign/events=1000000", foreignChrome(1_000_000)},
		{"own/intervals=1000000", ownChrome(1_000_000)},
	} {
		path := filepath.Join(b.TempDir(), "trace.json")
		if err := os.WriteFile(path, c.data, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(c.name, func(b *testing.B) {
			var base, peak int64
			for b.Loop() {
				base, peak = peakRSS(b, "-"), peakRSS(b, path)
			}
			b.ReportMetric(float64(len(c.data))/1e6, "file-MB")
			b.ReportMetric(float64(peak-base)/1e6, "peak-MB")
			b.ReportMetric(float64(peak-base)/float64(len(c.data)), "peak/file")
		})
	}
}
