package mermaid_test

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/golden"
	"github.com/asyncgantt/asyncgantt/render/mermaid"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
	"github.com/asyncgantt/asyncgantt/trace"
)

func TestMermaidText(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"plain text", "plain text"},
		{"a: b", "a#58; b"},
		{"x;y#z%%q`", "x#59;y#35;z#37;#37;q#96;"},
		{"line\nbreak\r\n\ttab", "line break tab"},
		{"  padded  ", "padded"},
		{"many   spaces", "many spaces"},
		{"#58;", "#35;58#59;"},
		{"ünïcode · ok", "ünïcode · ok"},
		{"", ""},
	} {
		if got := mermaid.Text(c.in); got != c.want {
			t.Errorf("Text(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

// TestMermaidIsolates draws runs and lanes named in right-to-left
// scripts, with numbers: each name set beside other words is isolated,
// so that the lane's "3" cannot move before the run's name, and the
// input's own isolates show as escapes.
func TestMermaidIsolates(t *testing.T) {
	s := time.Second
	lane := func(name, detail string) *trace.Lane {
		return &trace.Lane{Name: name, End: s, Intervals: []trace.Interval{{State: trace.Waiting, End: s, Detail: detail}}}
	}
	tr := &trace.Trace{Runs: []*trace.Run{
		{Name: "عربي", Total: s, Lanes: []*trace.Lane{lane("3 main", "המתנה 4")}},
		{Name: "R\u2068x", Total: s, Lanes: []*trace.Lane{lane("שלום", "")}},
	}}
	var b bytes.Buffer
	if err := mermaid.Write(&b, tr); err != nil {
		t.Fatal(err)
	}
	out := b.String()
	for _, want := range []string{
		"section \u2068عربي\u2069 · 3 main\n",
		"waiting (\u2068המתנה 4\u2069) :done, 0, 1000\n",
		"section R\\u2068x · \u2068שלום\u2069\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("no %q in\n%s", want, out)
		}
	}
}

func asyncBasics(t *testing.T) *trace.Trace {
	t.Helper()
	s, err := scenarios.Builtin("async-basics")
	if err != nil {
		t.Fatal(err)
	}
	tr, err := runner.Execute(context.Background(), s, runner.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return tr
}

// nastyTrace has names using every character Mermaid's syntax gives a
// meaning to, a sub-millisecond span and a lane with nothing to draw.
func nastyTrace() *trace.Trace {
	us := time.Microsecond
	return &trace.Trace{
		Title: "Colons: #hash; 100% `code`\nsecond line",
		Runs: []*trace.Run{{
			Name:  "run: one",
			Total: 900 * us,
			Lanes: []*trace.Lane{
				{Name: "task; #1", Kind: trace.ThreadLane, End: 900 * us, Intervals: []trace.Interval{
					{State: trace.Running, Start: 0, End: 250 * us, Detail: "GET /a?b=1&c=2 HTTP/1.1: 200"},
					{State: trace.Waiting, Start: 250 * us, End: 600 * us, Detail: "%% not a comment"},
					{State: trace.Blocked, Start: 600 * us, End: 900 * us, Detail: "```"},
				}},
				{Name: "empty", Kind: trace.ThreadLane, Start: 10 * us, End: 10 * us},
				{Name: "section x", Kind: trace.ThreadLane, End: 500 * us, Intervals: []trace.Interval{
					{State: trace.Ready, Start: 0, End: 500 * us, Detail: "title y"},
				}},
			},
		}},
	}
}

// mermaidTask is a task as Mermaid understood it (see
// tools/mermaid-check/check.mjs).
type mermaidTask struct {
	Section string   `json:"section"`
	Name    string   `json:"name"`
	Start   int64    `json:"start"`
	End     int64    `json:"end"`
	Tags    []string `json:"tags"`
}

// wantTasks lists the tasks a trace's diagram should hold, in unit u.
func wantTasks(tr *trace.Trace, u time.Duration) []mermaidTask {
	var tasks []mermaidTask
	for _, r := range tr.Runs {
		for _, l := range r.Lanes {
			section := strings.Join(strings.Fields(l.Name), " ")
			if len(tr.Runs) > 1 {
				section = r.Name + " · " + section
			}
			for _, iv := range l.Intervals {
				name := iv.State.String()
				if iv.Detail != "" {
					name += " (" + iv.Detail + ")"
				}
				tags := map[trace.State][]string{trace.Ready: {"active"}, trace.Created: {"active"}, trace.Waiting: {"done"}, trace.Idle: {"done"}, trace.Blocked: {"crit"}}[iv.State]
				if tags == nil {
					tags = []string{}
				}
				tasks = append(tasks, mermaidTask{section, strings.Join(strings.Fields(name), " "), int64(iv.Start / u), int64(iv.End / u), tags})
			}
		}
	}
	return tasks
}

func TestMermaidGolden(t *testing.T) {
	var buf bytes.Buffer
	if err := mermaid.Write(&buf, asyncBasics(t)); err != nil {
		t.Fatal(err)
	}
	golden.Check(t, "testdata/async-basics.mmd", buf.Bytes())
	var again bytes.Buffer
	if err := mermaid.Write(&again, asyncBasics(t)); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(buf.Bytes(), again.Bytes()) {
		t.Errorf("two exports of the same trace differ")
	}
}

func TestMermaidErrors(t *testing.T) {
	t.Run("ErrNothingToDraw", func(t *testing.T) {
		tr := &trace.Trace{Runs: []*trace.Run{{Name: "r", Lanes: []*trace.Lane{{Name: "a"}}}}}
		err := mermaid.Write(&bytes.Buffer{}, tr)
		if err == nil || !strings.Contains(err.Error(), "nothing to draw") {
			t.Errorf("err = %v, want nothing to draw", err)
		}
	})
	t.Run("ErrTooLong", func(t *testing.T) {
		l := &trace.Lane{Name: "busy", Kind: trace.ThreadLane}
		for i := range 3000 {
			l.Intervals = append(l.Intervals, trace.Interval{State: trace.Running, Start: time.Duration(2*i) * time.Second, End: time.Duration(2*i+1) * time.Second})
		}
		l.End = l.Intervals[len(l.Intervals)-1].End
		tr := &trace.Trace{Runs: []*trace.Run{{Name: "r", Lanes: []*trace.Lane{l}, Total: l.End}}}
		err := mermaid.Write(&bytes.Buffer{}, tr)
		if err == nil || !strings.Contains(err.Error(), "maxTextSize") {
			t.Errorf("err = %v, want a maxTextSize error", err)
		}
	})
}

// TestMermaidParsesWithMermaid checks the diagrams with Mermaid itself
// (tools/mermaid-check): they parse, and Mermaid reads every task with
// the section, name, times and tags we meant.
func TestMermaidParsesWithMermaid(t *testing.T) {
	tool := filepath.Join("..", "..", "tools", "mermaid-check")
	// CI sets ASYNCGANTT_REQUIRE_MERMAID so that the check cannot be
	// skipped there.
	skip := t.Skipf
	if os.Getenv("ASYNCGANTT_REQUIRE_MERMAID") != "" {
		skip = t.Fatalf
	}
	node, err := exec.LookPath("node")
	if err != nil {
		skip("node is not installed: skipping the check with Mermaid (CI installs it; see .ci/run)")
	}
	if _, err := os.Stat(filepath.Join(tool, "node_modules", "mermaid")); err != nil {
		skip("Mermaid is not installed: run `npm ci --prefix %s` to check the diagrams with Mermaid itself", filepath.ToSlash(tool))
	}
	dir := t.TempDir()
	cases := []struct {
		name string
		tr   *trace.Trace
		unit time.Duration
	}{
		{"async-basics", asyncBasics(t), time.Millisecond},
		{"nasty", nastyTrace(), time.Nanosecond},
		{"sample", sampleTrace(), time.Millisecond},
	}
	var files []string
	for _, c := range cases {
		var buf bytes.Buffer
		if err := mermaid.Write(&buf, c.tr); err != nil {
			t.Fatalf("%s: %v", c.name, err)
		}
		path := filepath.Join(dir, c.name+".mmd")
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}
		files = append(files, path)
	}
	cmd := exec.Command(node, append([]string{filepath.Join(tool, "check.mjs")}, files...)...)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("Mermaid rejects the diagrams: %v\n%s", err, stderr.String())
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	if got, want := len(lines), len(cases); got != want {
		t.Fatalf("the check reported %d diagrams, want %d:\n%s", got, want, out)
	}
	for i, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			var got struct {
				Type  string        `json:"type"`
				Title string        `json:"title"`
				Tasks []mermaidTask `json:"tasks"`
			}
			if err := json.Unmarshal([]byte(lines[i]), &got); err != nil {
				t.Fatal(err)
			}
			if got.Type != "gantt" {
				t.Errorf("type = %q, want gantt", got.Type)
			}
			if want := strings.Join(strings.Fields(c.tr.Title), " "); got.Title != want {
				t.Errorf("title = %q, want %q", got.Title, want)
			}
			want := wantTasks(c.tr, c.unit)
			if !slices.EqualFunc(got.Tasks, want, func(a, b mermaidTask) bool {
				return a.Section == b.Section && a.Name == b.Name && a.Start == b.Start && a.End == b.End && slices.Equal(a.Tags, b.Tags)
			}) {
				t.Errorf("Mermaid read other tasks:\ngot:  %s\nwant: %s", fmt.Sprint(got.Tasks), fmt.Sprint(want))
			}
		})
	}
}

// sampleTrace is a small trace with a loop, a task that runs and one that
// is created late, over 2.5 s.
func sampleTrace() *trace.Trace {
	ms := time.Millisecond
	return &trace.Trace{
		Title: "Sample",
		Runs: []*trace.Run{{
			Name:  "Only",
			Total: 2500 * ms,
			Lanes: []*trace.Lane{
				{Name: "event loop", Kind: trace.LoopLane, End: 2500 * ms, Intervals: []trace.Interval{
					{State: trace.Busy, End: 500 * ms, Detail: "A"}, {State: trace.Idle, Start: 500 * ms, End: 2500 * ms}}},
				{Name: "A", End: 2500 * ms, Intervals: []trace.Interval{
					{State: trace.Running, End: 500 * ms}, {State: trace.Waiting, Start: 500 * ms, End: 2500 * ms, Detail: "sleep 2 s"}}},
				{Name: "B", Start: 1200 * ms, End: 2500 * ms, Intervals: []trace.Interval{
					{State: trace.Created, Start: 1200 * ms, End: 1300 * ms}, {State: trace.Ready, Start: 1300 * ms, End: 2500 * ms}}},
			},
		}},
	}
}

// TestMermaidStopsEarly gives Write a trace whose diagram would be
// hundreds of megabytes: it is refused without being built (the error
// says it would be over the limit), in a time that does not grow with
// the trace.
func TestMermaidStopsEarly(t *testing.T) {
	l := &trace.Lane{Name: "busy", Kind: trace.ThreadLane}
	for i := range 1_000_000 {
		l.Intervals = append(l.Intervals, trace.Interval{State: trace.Running, Start: time.Duration(2*i) * time.Millisecond, End: time.Duration(2*i+1) * time.Millisecond, Detail: strings.Repeat("x", 100)})
	}
	l.End = l.Intervals[len(l.Intervals)-1].End
	tr := &trace.Trace{Runs: []*trace.Run{{Name: "r", Lanes: []*trace.Lane{l}, Total: l.End}}}
	allocs := testing.AllocsPerRun(1, func() {
		err := mermaid.Write(&bytes.Buffer{}, tr)
		if err == nil || !strings.Contains(err.Error(), "would be over 200000 characters long") {
			t.Errorf("err = %v, want it over the limit", err)
		}
	})
	// About three allocations a task line written, for the first 200 kB
	// of lines; building all 1,000,000 would take millions.
	if allocs > 100_000 {
		t.Errorf("%.0f allocations: the diagram was built past its limit", allocs)
	}
}
