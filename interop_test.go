package main

import (
	"bytes"
	"cmp"
	"encoding/json"
	"encoding/xml"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/golden"
	"github.com/asyncgantt/asyncgantt/trace/chrome"
)

// TestExportJSON checks the file `run --format json` writes the way a
// Perfetto-style viewer needs it: the object form with a traceEvents
// array, a named process for every run, a named thread for every lane with
// events, and slices that nest properly on each thread.
func TestExportJSON(t *testing.T) {
	dir := t.TempDir()
	_, stderr, code := runCLI(t, "run", "async-basics", "--format", "json", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if got, want := stderr, "wrote "+filepath.Join(dir, "async-basics.json")+"\n"; got != want {
		t.Errorf("stderr = %q, want %q", got, want)
	}
	data, err := os.ReadFile(filepath.Join(dir, "async-basics.json"))
	if err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/golden/async-basics.json", data)
	checkChromeStructure(t, data)
}

// checkChromeStructure validates a Chrome trace in the object form.
func checkChromeStructure(t *testing.T, data []byte) {
	t.Helper()
	var file map[string]json.RawMessage
	if err := json.Unmarshal(data, &file); err != nil {
		t.Fatalf("not a JSON object: %v", err)
	}
	var events []struct {
		Name string          `json:"name"`
		Ph   string          `json:"ph"`
		Ts   *float64        `json:"ts"`
		Dur  *float64        `json:"dur"`
		Pid  *int            `json:"pid"`
		Tid  *int            `json:"tid"`
		S    string          `json:"s"`
		Args json.RawMessage `json:"args"`
	}
	if err := json.Unmarshal(file["traceEvents"], &events); err != nil || len(events) == 0 {
		t.Fatalf("traceEvents is not a non-empty array of events: %v", err)
	}
	type thread struct{ pid, tid int }
	type slice struct {
		start, end float64
		name       string
	}
	procName := map[int]string{}
	threadName := map[thread]string{}
	used := map[thread]bool{}
	slicesOf := map[thread][]slice{}
	for i, e := range events {
		if e.Pid == nil || e.Tid == nil {
			t.Fatalf("event %d (%s %q) lacks a pid or tid", i, e.Ph, e.Name)
		}
		th := thread{*e.Pid, *e.Tid}
		switch e.Ph {
		case "M":
			var args struct {
				Name string `json:"name"`
			}
			json.Unmarshal(e.Args, &args)
			switch e.Name {
			case "process_name":
				procName[th.pid] = args.Name
			case "thread_name":
				threadName[th] = args.Name
			}
		case "X":
			if e.Ts == nil || e.Dur == nil || *e.Ts < 0 || *e.Dur < 0 {
				t.Errorf("event %d (X %q): ts and dur must be present and non-negative", i, e.Name)
				continue
			}
			used[th] = true
			slicesOf[th] = append(slicesOf[th], slice{*e.Ts, *e.Ts + *e.Dur, e.Name})
		case "i":
			if e.Ts == nil {
				t.Errorf("event %d (i %q) lacks ts", i, e.Name)
			}
			if e.S == "t" {
				used[th] = true
			}
		default:
			t.Errorf("event %d: unexpected phase %q", i, e.Ph)
		}
	}
	for th := range used {
		if threadName[th] == "" {
			t.Errorf("pid %d tid %d has events but no thread_name", th.pid, th.tid)
		}
		if procName[th.pid] == "" {
			t.Errorf("pid %d has events but no process_name", th.pid)
		}
	}
	for th, ss := range slicesOf {
		slices.SortStableFunc(ss, func(a, b slice) int { return cmp.Or(cmp.Compare(a.start, b.start), cmp.Compare(b.end, a.end)) })
		var stack []slice
		for _, s := range ss {
			for len(stack) > 0 && stack[len(stack)-1].end <= s.start && s.end > s.start {
				stack = stack[:len(stack)-1]
			}
			if n := len(stack); n > 0 && s.end > stack[n-1].end {
				t.Errorf("%s / %s: slice %q [%v, %v] overlaps %q [%v, %v] without nesting", procName[th.pid], threadName[th], s.name, s.start, s.end, stack[n-1].name, stack[n-1].start, stack[n-1].end)
			}
			stack = append(stack, s)
		}
	}
}

// TestRenderRoundTrip renders the exported trace of a scenario: the
// figure is byte for byte the one run draws.
func TestRenderRoundTrip(t *testing.T) {
	dir, back := t.TempDir(), t.TempDir()
	if _, stderr, code := runCLI(t, "run", "async-basics", "--format", "svg,json,mermaid", "--out", dir); code != 0 {
		t.Fatalf("run: exit %d: %s", code, stderr)
	}
	_, stderr, code := runCLI(t, "render", filepath.Join(dir, "async-basics.json"), "--format", "svg,json,mermaid", "--out", back)
	if code != 0 {
		t.Fatalf("render: exit %d: %s", code, stderr)
	}
	if strings.Contains(stderr, "ignored") {
		t.Errorf("reading our own export reported dropped events: %s", stderr)
	}
	for _, name := range []string{"async-basics.svg", "async-basics.json", "async-basics.md"} {
		a, _ := os.ReadFile(filepath.Join(dir, name))
		b, err := os.ReadFile(filepath.Join(back, name))
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(a, b) {
			t.Errorf("%s differs after the round trip: %s", name, golden.FirstDiff(a, b))
		}
	}
}

// TestRenderFixtures renders every Chrome trace written by another tool
// in trace/chrome/testdata/fixtures: a well-formed SVG naming every lane,
// and the events not drawn reported on stderr.
func TestRenderFixtures(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("trace", "chrome", "testdata", "fixtures", "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("no fixtures: %v", err)
	}
	for _, path := range files {
		t.Run(filepath.Base(path), func(t *testing.T) {
			dir := t.TempDir()
			_, stderr, code := runCLI(t, "render", path, "--out", dir, "--format", "svg,json")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			f, _ := os.Open(path)
			defer f.Close()
			tr, stats, err := chrome.Read(f, path)
			if err != nil {
				t.Fatal(err)
			}
			base := strings.TrimSuffix(filepath.Base(path), ".json")
			var want strings.Builder
			if notable(stats) {
				fmt.Fprintf(&want, "%s: %s\n", path, stats)
			}
			for _, ext := range []string{".svg", ".json"} {
				fmt.Fprintf(&want, "wrote %s\n", filepath.Join(dir, base+ext))
			}
			if got := stderr; got != want.String() {
				t.Errorf("stderr:\n%s\nwant:\n%s", got, want.String())
			}
			svg, err := os.ReadFile(filepath.Join(dir, base+".svg"))
			if err != nil {
				t.Fatal(err)
			}
			text := svgText(t, svg)
			if !strings.Contains(text, filepath.Base(path)) {
				t.Errorf("the figure is not titled after the file %s", filepath.Base(path))
			}
			for _, r := range tr.Runs {
				for _, l := range r.Lanes {
					if !strings.Contains(text, l.Name) {
						t.Errorf("the figure lacks lane %q of run %q", l.Name, r.Name)
					}
				}
			}
			// The re-export is one of ours, and reads back the same.
			data, _ := os.ReadFile(filepath.Join(dir, base+".json"))
			checkChromeStructure(t, data)
		})
	}
}

// svgText checks svg is well-formed XML and returns its text content.
func svgText(t *testing.T, svg []byte) string {
	t.Helper()
	var b strings.Builder
	d := xml.NewDecoder(bytes.NewReader(svg))
	for {
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if cd, ok := tok.(xml.CharData); ok {
			b.Write(cd)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// TestRenderBadInput checks that a truncated or corrupt trace is an error
// naming the file and byte offset, with exit status 2 and no file written
// — not even for the good files named before it.
func TestRenderBadInput(t *testing.T) {
	src := t.TempDir()
	if _, stderr, code := runCLI(t, "run", "async-basics", "--format", "json", "--out", src); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	good := filepath.Join(src, "async-basics.json")
	data, _ := os.ReadFile(good)
	truncated := filepath.Join(src, "truncated.json")
	os.WriteFile(truncated, data[:len(data)/2], 0o644)
	corrupt := filepath.Join(src, "corrupt.json")
	bad := bytes.Replace(data, []byte(`"ph":"X"`), []byte(`"ph":X`), 1)
	os.WriteFile(corrupt, bad, 0o644)
	offset := bytes.Index(bad, []byte(`"ph":X`)) + len(`"ph":`)
	notTrace := filepath.Join(src, "notes.json")
	os.WriteFile(notTrace, []byte(`{"notes": ["a", "b"]}`), 0o644)
	dir := filepath.Join(src, "dir.json")
	os.Mkdir(dir, 0o755)
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"Truncated", []string{good, truncated}, fmt.Sprintf("asyncgantt: %s: byte %d: ", truncated, len(data)/2)},
		{"Corrupt", []string{good, corrupt}, fmt.Sprintf("asyncgantt: %s: byte %d: event ", corrupt, offset)},
		{"NotATrace", []string{notTrace}, notTrace + `: byte 21: not a Chrome trace: the object has no "traceEvents" array`},
		{"Missing", []string{filepath.Join(src, "nope.json")}, "cannot read " + filepath.Join(src, "nope.json")},
		{"Directory", []string{dir}, "is a directory"},
		{"NoArgs", nil, "name one or more Chrome trace files"},
		{"SameName", []string{good, good}, "would both write async-basics.*"},
		{"Clock", []string{good, "--clock", "real"}, "--clock does not apply"},
		{"BadFormat", []string{good, "--format", "jsno"}, `did you mean "json"?`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			out := t.TempDir()
			_, stderr, code := runCLI(t, append([]string{"render", "--out", out}, tt.args...)...)
			if code != 2 {
				t.Errorf("exit %d, want 2; stderr: %s", code, stderr)
			}
			if !strings.Contains(stderr, tt.stderr) {
				t.Errorf("stderr %q does not contain %q", stderr, tt.stderr)
			}
			if entries, _ := os.ReadDir(out); len(entries) > 0 {
				t.Errorf("a failed render wrote %s", entries[0].Name())
			}
		})
	}
}

// TestRenderStdin renders a trace read from standard input, and a gzipped
// one.
func TestRenderStdin(t *testing.T) {
	in := filepath.Join("trace", "chrome", "testdata", "fixtures", "perfetto_flow_events_json_v1.json")
	f, err := os.Open(in)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	old := os.Stdin
	os.Stdin = f
	defer func() { os.Stdin = old }()
	dir := t.TempDir()
	_, stderr, code := runCLI(t, "render", "-", "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	if want := "<stdin>: ignored 5 events"; !strings.HasPrefix(stderr, want) {
		t.Errorf("stderr %q does not start with %q", stderr, want)
	}
	svg, err := os.ReadFile(filepath.Join(dir, "stdin.svg"))
	if err != nil {
		t.Fatal(err)
	}
	if text := svgText(t, svg); !strings.Contains(text, "stdin") {
		t.Errorf("the figure read from stdin is not titled stdin")
	}
}
