package scenarios

import (
	"fmt"
	"testing"
	"time"
)

// gatherScenario is a run gathering n tasks that each print, sleep 1 s
// (in 1000 distinct deadlines) and print again.
func gatherScenario(n int) *Scenario {
	s := &Scenario{Name: "bench", Title: "bench"}
	for i := range 1000 {
		name := fmt.Sprintf("T%d", i)
		s.Tasks = append(s.Tasks, &Task{Name: name, Steps: shorthandSteps(name, time.Second+time.Duration(i)*time.Millisecond, Pos{})})
	}
	refs := make([]Ref, n)
	for i := range refs {
		refs[i] = Ref{Name: fmt.Sprintf("T%d", i%1000), Kind: RefCoroutine}
	}
	s.Runs = []*RunDef{{Name: "R", Steps: []Step{{Kind: Gather, Refs: refs}}}}
	return s
}

// BenchmarkGather measures a run gathering 100,000 tasks.
func BenchmarkGather(b *testing.B) {
	s := gatherScenario(100_000)
	b.ReportAllocs()
	for b.Loop() {
		if _, err := Execute(s, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
