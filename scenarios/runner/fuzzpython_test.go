package runner

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"os/exec"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/python"
)

// pyCompiler is a python3 process that compiles the programs it is sent,
// so that a fuzzer checks thousands of them without starting Python for
// each.
type pyCompiler struct {
	mu  sync.Mutex
	in  io.WriteCloser
	out *bufio.Reader
}

const compilerScript = `
import sys
while True:
    n = sys.stdin.readline()
    if not n:
        break
    src = sys.stdin.read(int(n))
    try:
        compile(src, "gen.py", "exec")
        sys.stdout.write("ok\n")
    except SyntaxError as e:
        sys.stdout.write(("error: %s at line %s: %r" % (e.msg, e.lineno, e.text)).replace("\n", " ") + "\n")
    sys.stdout.flush()
`

var (
	compilerOnce sync.Once
	compiler     *pyCompiler
)

// compilePython compiles src with CPython: "" when it compiles, else the
// SyntaxError.
func compilePython(t *testing.T, py string, src []byte) string {
	t.Helper()
	compilerOnce.Do(func() {
		cmd := exec.Command(py, "-c", compilerScript)
		in, _ := cmd.StdinPipe()
		out, _ := cmd.StdoutPipe()
		if err := cmd.Start(); err != nil {
			return
		}
		compiler = &pyCompiler{in: in, out: bufio.NewReader(out)}
	})
	if compiler == nil {
		t.Skip("python3 does not start")
	}
	compiler.mu.Lock()
	defer compiler.mu.Unlock()
	// The length is in characters, as the script's read counts them.
	fmt.Fprintf(compiler.in, "%d\n%s", len([]rune(string(src))), src)
	reply, err := compiler.out.ReadString('\n')
	if err != nil {
		t.Fatalf("the Python compiler stopped: %v", err)
	}
	if reply = strings.TrimSpace(reply); reply == "ok" {
		return ""
	}
	return reply
}

// FuzzPython writes the Python program of random valid scenarios (built
// by genScenario, with hostile text and names among them) and checks that
// CPython compiles it; for the cheap ones (runs of at most a second),
// it runs the program under the differential harness and checks it prints
// and raises what the runner's execution does, line for line.
func FuzzPython(f *testing.F) {
	for _, seed := range [][]byte{
		{},
		{0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
		[]byte("print hostile text from tasks with hostile names"),
		{3, 0x21, 0x42, 0x63, 0x84, 0xa5, 0xc6, 0xe7, 0x08, 0x29, 0x4a, 0x6b, 0x8c, 0xad, 0xce, 0xef},
	} {
		f.Add(seed)
	}
	py := python3(f)
	f.Fuzz(func(t *testing.T, data []byte) {
		g := genScenario(data)
		s, err := scenarios.Parse("gen.yaml", []byte(g.src))
		if err != nil {
			t.Fatalf("the generator wrote an invalid scenario: %v\n%s", err, g.src)
		}
		tr, err := Execute(context.Background(), s, fuzzOptions)
		if err != nil {
			return // a limit: the program would not end the same way
		}
		var opts python.Options
		for _, r := range tr.Runs {
			opts.Raises = append(opts.Raises, r.Error)
		}
		src, err := python.Program(s, opts)
		if err != nil {
			t.Fatalf("Python: %v", err)
		}
		if msg := compilePython(t, py, src); msg != "" {
			t.Fatalf("CPython does not compile the program: %s\nscenario:\n%s\nprogram:\n%s", msg, g.src, src)
		}
		if tr.Span().Seconds() > 1 || len(data)%8 != 0 {
			return
		}
		pt := runCPython(t, py, s, tr, 0.05, src)
		for i, r := range tr.Runs {
			var model, got []string
			for _, lg := range r.Logs {
				if !lg.Stderr {
					model = append(model, lg.Text)
				}
			}
			for _, ev := range pt.Runs[i].Events {
				if ev.Kind == "print" {
					got = append(got, ev.Text)
				}
			}
			if strings.Join(model, "\n") != strings.Join(got, "\n") {
				t.Fatalf("run %s printed\n%s\nthe program printed\n%s\nscenario:\n%s", r.Name, strconv.Quote(strings.Join(model, "\n")), strconv.Quote(strings.Join(got, "\n")), g.src)
			}
			pyErr := ""
			if e := pt.Runs[i].Error; e != nil {
				pyErr = *e
			}
			if r.Error != pyErr {
				t.Fatalf("run %s raised %q, the program %q\nscenario:\n%s", r.Name, r.Error, pyErr, g.src)
			}
		}
	})
}
