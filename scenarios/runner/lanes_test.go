package runner

import (
	"fmt"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/trace"
)

// TestLaneIdentity checks the lanes a run gets and how they refer to each
// other: unique names (a repeated task is "A #2", a task named like a worker
// thread leaves the thread "asyncio_0 #2"), worker threads right after the
// event loop though created after tasks, each inline coroutine's parent
// the task that awaited it, and each line printed by its own lane.
func TestLaneIdentity(t *testing.T) {
	r := runOne(t, `
tasks:
  c: [{print: in c}]
  A: [{print: in A}, {await: c}, {to_thread: 1s}]
  asyncio_0: [{print: in asyncio_0}]
runs:
  R: [{gather: [A, A, asyncio_0]}, {print: done}]`)
	var lanes []string
	for _, l := range r.Lanes {
		s := l.Kind.String() + " " + l.Name
		if l.Parent != trace.NoLane {
			s += " (in " + r.LaneName(l.Parent) + ")"
		}
		lanes = append(lanes, s)
	}
	want := "loop event loop; thread asyncio_0 #2; thread asyncio_1; task main; task A; task A #2; task asyncio_0; task c (in A); task c #2 (in A #2)"
	if got := strings.Join(lanes, "; "); got != want {
		t.Errorf("lanes:\n%s\nwant:\n%s", got, want)
	}
	var logs []string
	for _, g := range r.Logs {
		logs = append(logs, fmt.Sprintf("%s: %s", r.LaneName(g.Lane), g.Text))
	}
	want = "A: in A; c: in c; A #2: in A; c #2: in c; asyncio_0: in asyncio_0; main: done"
	if got := strings.Join(logs, "; "); got != want {
		t.Errorf("logs:\n%s\nwant:\n%s", got, want)
	}
}
