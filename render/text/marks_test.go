package text

import (
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/trace"
)

// TestTotalMarksAtEveryWidth checks that every lane row of every run
// keeps its run-total mark, whatever the width: a bar never covers it,
// and an outcome label moves past it where there is room (where there is
// not, the label crosses it, whole).
func TestTotalMarksAtEveryWidth(t *testing.T) {
	for _, tr := range []*trace.Trace{testtrace.Full(), testtrace.Outcomes(), testtrace.Sample("A")} {
		for cols := 40; cols <= 160; cols++ {
			chart := Chart(tr, Options{Columns: cols})
			for _, line := range strings.Split(chart, "\n") {
				if strings.Contains(line, " ▕") && !strings.Contains(line, "│") && !strings.ContainsAny(line, "✓✗⊘◇") {
					t.Errorf("%s at %d columns: a lane row without its run's total mark:\n%s", tr.Title, cols, line)
				}
			}
		}
	}
}
