package runner

import (
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

// taskLaneNames lists the run's task lanes in order.
func taskLaneNames(r *trace.Run) []string {
	var names []string
	for _, l := range r.Lanes {
		if l.Kind == trace.TaskLane && l.Name != "main" {
			names = append(names, l.Name)
		}
	}
	return names
}

// waitDetails lists what the lane waited on, in order.
func waitDetails(l *trace.Lane) []string {
	var ds []string
	for _, iv := range l.Intervals {
		if iv.State == trace.Waiting {
			ds = append(ds, iv.Detail)
		}
	}
	return ds
}

// TestGatherTimesRun checks gather's times: the list is gathered N times
// over, A, B, A, B, ...: each coroutine in a new task every time, the
// tasks starting in that order, their results in that order; a task
// variable is the same task every time, its result repeated; main's
// waiting label says how many times over.
func TestGatherTimesRun(t *testing.T) {
	tests := []struct {
		name, steps, want, lanes, label string
	}{{
		name:  "Coroutines",
		steps: `[{gather: [A, B], times: 3, as: r}, {print: "{r}"}]`,
		want:  "0 A\n0 B\n0 A\n0 B\n0 A\n0 B\n2 ['a', 'b', 'a', 'b', 'a', 'b']\n",
		lanes: "A, B, A #2, B #2, A #3, B #3",
		label: "gather(A, B) × 3",
	}, {
		name:  "Once",
		steps: `[{gather: [A, B], times: 1, as: r}, {print: "{r}"}]`,
		want:  "0 A\n0 B\n2 ['a', 'b']\n",
		lanes: "A, B",
		label: "gather(A, B)",
	}, {
		name:  "TaskVariable",
		steps: `[{create_task: B, as: t}, {gather: [A, t], times: 3, as: r}, {print: "{r}"}]`,
		want:  "0 B\n0 A\n0 A\n0 A\n2 ['a', 'b', 'a', 'b', 'a', 'b']\n",
		lanes: "B, A, A #2, A #3",
		label: "gather(A, t) × 3",
	}, {
		name:  "SameAsListing",
		steps: `[{create_task: B, as: t}, {gather: [A, t, A, t, A, t], as: r}, {print: "{r}"}]`,
		want:  "0 B\n0 A\n0 A\n0 A\n2 ['a', 'b', 'a', 'b', 'a', 'b']\n",
		lanes: "B, A, A #2, A #3",
		label: "gather(A, t, A, t, A, t)",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := runOne(t, "tasks:\n  A: [{print: A}, {sleep: 1s}, {return: a}]\n  B: [{print: B}, {sleep: 2s}, {return: b}]\nruns:\n  R: "+tt.steps+"\n")
			if got := transcript(r); got != tt.want {
				t.Errorf("transcript:\n%s\nwant:\n%s", got, tt.want)
			}
			if got := strings.Join(taskLaneNames(r), ", "); got != tt.lanes {
				t.Errorf("task lanes = %s, want %s", got, tt.lanes)
			}
			if got, want := strings.Join(waitDetails(r.Lane("main")), "; "), tt.label; got != want {
				t.Errorf("main waits on %q, want %q", got, want)
			}
		})
	}
}

// TestGatherTimesMillion gathers a million tasks written as one step: on
// the virtual clock the run takes the 1 s the tasks sleep, with a lane for
// each task.
func TestGatherTimesMillion(t *testing.T) {
	if testing.Short() {
		t.Skip("a million tasks take a few seconds")
	}
	r := runOne(t, "tasks: {T: [{sleep: 1s}]}\nruns:\n  R: [{gather: [T], times: 1000000}]\n")
	if got, want := r.Total, time.Second; got != want {
		t.Errorf("total = %v, want %v", got, want)
	}
	names := taskLaneNames(r)
	if got, want := len(names), 1_000_000; got != want {
		t.Fatalf("%d task lanes, want %d", got, want)
	}
	if got, want := names[len(names)-1], "T #1000000"; got != want {
		t.Errorf("last lane %q, want %q", got, want)
	}
	if got, want := strings.Join(waitDetails(r.Lane("main")), "; "), "gather(T) × 1000000"; got != want {
		t.Errorf("main waits on %q, want %q", got, want)
	}
}

// TestGatherTimesScenarioSize checks that a gather's times: is not
// expanded when the file is read: the step keeps its list as written.
func TestGatherTimesScenarioSize(t *testing.T) {
	s, err := scenarios.Parse("test.yaml", []byte("tasks: {A: 1s, B: 1s}\nruns:\n  R: [{gather: [A, B], times: 1000000}]\n"))
	if err != nil {
		t.Fatal(err)
	}
	st := s.Runs[0].Steps[0]
	if got, want := len(st.Items), 2; got != want {
		t.Errorf("%d items, want %d", got, want)
	}
	if got, want := cap(st.Items), 2; got > want {
		t.Errorf("the items have room for %d, want at most %d", got, want)
	}
}
