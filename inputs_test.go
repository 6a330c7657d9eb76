package main

import (
	"bytes"
	"compress/gzip"
	"net"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// specialFiles makes, in dir, one input of each kind that is not a
// regular file, named like a scenario or a trace: a FIFO, links to
// /dev/zero and to a directory, a socket. It returns them by kind.
func specialFiles(t *testing.T, dir, ext string) map[string]string {
	t.Helper()
	fifo := filepath.Join(dir, "fifo"+ext)
	if err := syscall.Mkfifo(fifo, 0o644); err != nil {
		t.Fatal(err)
	}
	zero := filepath.Join(dir, "zero"+ext)
	if err := os.Symlink("/dev/zero", zero); err != nil {
		t.Fatal(err)
	}
	sock := filepath.Join(dir, "sock"+ext)
	l, err := net.Listen("unix", sock)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	return map[string]string{
		"/dev/zero": "/dev/zero", "/dev/null": "/dev/null",
		"a named pipe (FIFO)": fifo, "a link to /dev/zero": zero, "a socket": sock,
	}
}

// TestSpecialInputs names, as the input of every command that reads one,
// files that are not regular files: each is refused with exit status 2 at
// once, and nothing is written. Issue 17, item 3: run /dev/zero grew until
// the process ran out of memory, and a FIFO hung run past the first
// Ctrl-C and watch for good.
func TestSpecialInputs(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		command, ext string
	}{
		{"run", ".yaml"}, {"python", ".yaml"}, {"watch", ".yaml"}, {"render", ".json"},
	} {
		for kind, path := range specialFiles(t, t.TempDir(), c.ext) {
			t.Run(c.command+"/"+kind, func(t *testing.T) {
				out := filepath.Join(dir, "out")
				args := []string{c.command, path, "--out", out}
				if c.command == "python" {
					args = args[:2]
				}
				_, stderr, code := runProcess(t, 20*time.Second, args...)
				if code != 2 {
					t.Errorf("exit %d, want 2; stderr: %s", code, clip(stderr))
				}
				if !strings.Contains(stderr, path+" is ") || !strings.Contains(stderr, ", not a regular file") {
					t.Errorf("stderr %q does not say %s is not a regular file", clip(stderr), path)
				}
				checkNothingWritten(t, out)
			})
		}
	}
}

// TestStandardInputIsLimited pipes an endless input into run -: it is
// refused once past the size limit, with exit status 2. (render - has
// the same limit, 1 GiB, too long to reach here: TestReadFileSizeLimit of
// trace/chrome tries it with a small one.)
func TestStandardInputIsLimited(t *testing.T) {
	zero, err := os.Open("/dev/zero")
	if err != nil {
		t.Fatal(err)
	}
	defer zero.Close()
	p := start(t, zero, "run", "-", "--out", t.TempDir())
	code := p.wait(t, 60*time.Second)
	want := "<stdin> is over 67108864 bytes; scenario files are limited to 67108864 bytes"
	if stderr := p.stderr.String(); code != 2 || !strings.Contains(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 2 and %q", code, clip(stderr), want)
	}
}

// TestStandardInputNames pipes a scenario and a trace into the commands
// under the names the system gives standard input: each reads it as "-".
func TestStandardInputNames(t *testing.T) {
	scenario := "tasks: {A: 1s}\nruns: {R: [{await: A}]}\n"
	trace := `[{"ph":"X","name":"work","pid":1,"tid":1,"ts":0,"dur":5000}]`
	for _, name := range []string{"/dev/stdin", "/dev/fd/0", "/proc/self/fd/0"} {
		for _, c := range []struct{ command, input, want string }{
			{"run", scenario, "Task A done after 1 second"},
			{"python", scenario, "async def A():"},
			{"render", trace, ""},
		} {
			args := []string{c.command, name, "--out", t.TempDir()}
			if c.command == "python" {
				args = args[:2]
			}
			p := start(t, strings.NewReader(c.input), args...)
			if code := p.wait(t, 60*time.Second); code != 0 || !strings.Contains(p.stdout.String(), c.want) {
				t.Errorf("%s %s: exit %d, stdout %q, stderr %q", c.command, name, code, clip(p.stdout.String()), p.stderr.String())
			}
		}
	}
}

// TestTraceWithByteOrderMark renders a trace file that starts with a
// UTF-8 byte order mark, plain and gzipped (issue 17, item 9).
func TestTraceWithByteOrderMark(t *testing.T) {
	dir := t.TempDir()
	data := []byte("\xef\xbb\xbf" + `[{"ph":"X","name":"work","pid":1,"tid":1,"ts":0,"dur":5000}]`)
	plain := filepath.Join(dir, "bom.json")
	os.WriteFile(plain, data, 0o644)
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write(data)
	zw.Close()
	zipped := filepath.Join(dir, "bomz.json.gz")
	os.WriteFile(zipped, zb.Bytes(), 0o644)
	out := filepath.Join(dir, "out")
	if _, stderr, code := runCLI(t, "render", "-q", "--format", "svg", "--out", out, plain, zipped); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	checkOnly(t, out, "bom.svg", "bomz.svg")
}

// TestCorruptGzipTrace renders gzip traces damaged at the end: each is
// refused with exit status 2 and nothing is written (issue 17, item 5: a
// corrupted CRC or a truncated trailer rendered with exit 0).
func TestCorruptGzipTrace(t *testing.T) {
	dir := t.TempDir()
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write([]byte(`[{"ph":"X","name":"work","pid":1,"tid":1,"ts":0,"dur":5000}]`))
	zw.Close()
	z := zb.Bytes()
	crc := bytes.Clone(z)
	crc[len(crc)-8] ^= 1
	for name, data := range map[string][]byte{"crc": crc, "trailer": z[:len(z)-8]} {
		t.Run(name, func(t *testing.T) {
			path := filepath.Join(dir, name+".json.gz")
			os.WriteFile(path, data, 0o644)
			out := filepath.Join(dir, "out-"+name)
			_, stderr, code := runCLI(t, "render", "--out", out, path)
			if code != 2 || !strings.HasPrefix(stderr, "asyncgantt: "+path+": the gzip ") {
				t.Errorf("exit %d, stderr %q; want 2 and a message on the gzip file", code, stderr)
			}
			checkNothingWritten(t, out)
		})
	}
}

// TestQuotedScalarCRLF reads a scenario saved with CRLF line ends whose
// quoted text runs over two lines: YAML folds the line break into a space,
// as it does with LF ends (issue 17, item 9: it printed two lines).
func TestQuotedScalarCRLF(t *testing.T) {
	dir := t.TempDir()
	src := "tasks:\n  A:\n    - print: \"hello\n      world\"\n    - print: 'single\n      quoted'\nruns:\n  R: [{await: A}]\n"
	var outs []string
	for _, eol := range []string{"\n", "\r\n"} {
		path := filepath.Join(dir, "crlf.yaml")
		os.WriteFile(path, []byte(strings.ReplaceAll(src, "\n", eol)), 0o644)
		stdout, stderr, code := runCLI(t, "run", "-q", "--chart", "never", "--format", "svg", "--out", dir, path)
		if code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		outs = append(outs, stdout)
	}
	if want := "hello world\nsingle quoted\n"; outs[0] != want || outs[1] != want {
		t.Errorf("LF prints %q, CRLF prints %q; want both %q", outs[0], outs[1], want)
	}
}

// TestWatchHostileSaves replaces the watched file with what is not a
// scenario file, then deletes and recreates its directory: each bad save
// is reported at once and the watch goes on; the recreated file is seen.
// Issue 17: watch read with no size limit (a link to /dev/zero reached
// 4.5 GB in 5 s), hung on a FIFO, and went deaf after its directory was
// deleted and recreated (item 9).
func TestWatchHostileSaves(t *testing.T) {
	root := t.TempDir()
	dir := filepath.Join(root, "lessons")
	os.Mkdir(dir, 0o755)
	path := filepath.Join(dir, "lesson.yaml")
	out := filepath.Join(root, "out")
	svg := filepath.Join(out, "lesson.svg")
	os.WriteFile(path, []byte(watchScenario("First", "await: A")), 0o644)
	w := startWatch(t, path, "--out", out, "--format", "svg")
	if err := w.next(t, "start"); err != nil {
		t.Fatal(err)
	}
	svgHas := func(text string) bool {
		data, err := os.ReadFile(svg)
		return err == nil && bytes.Contains(data, []byte(text))
	}
	swap := func(t *testing.T, make func(tmp string) error) {
		t.Helper()
		tmp := filepath.Join(dir, "tmp")
		if err := make(tmp); err != nil {
			t.Fatal(err)
		}
		if err := os.Rename(tmp, path); err != nil {
			t.Fatal(err)
		}
	}
	for _, c := range []struct {
		name string
		make func(tmp string) error
		want string
	}{
		{"LinkToDevZero", func(tmp string) error { return os.Symlink("/dev/zero", tmp) }, "is a character device, not a regular file"},
		{"FIFO", func(tmp string) error { return syscall.Mkfifo(tmp, 0o644) }, "is a named pipe (FIFO), not a regular file"},
		{"Directory", func(tmp string) error { return os.Mkdir(tmp, 0o755) }, "is a directory"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if c.name == "Directory" {
				os.Remove(path)
			}
			swap(t, c.make)
			err := w.next(t, c.name)
			if err == nil || !strings.Contains(err.Error(), c.want) {
				t.Errorf("render: %v, want a refusal", err)
			}
			if !svgHas("First") {
				t.Error("the last good figure was replaced")
			}
			os.Remove(path)
		})
	}
	t.Run("GoodAgain", func(t *testing.T) {
		saveByRename(t, path, watchScenario("Second", "await: A"))
		if err := w.next(t, "good save"); err != nil || !svgHas("Second") {
			t.Errorf("render: %v; figure re-rendered: %v", err, svgHas("Second"))
		}
	})
	t.Run("DirectoryRecreated", func(t *testing.T) {
		if err := os.RemoveAll(dir); err != nil {
			t.Fatal(err)
		}
		// Wait until the watch has seen the directory go, as an editor or
		// a checkout of another branch would take a moment.
		time.Sleep(300 * time.Millisecond)
		os.Mkdir(dir, 0o755)
		os.WriteFile(path, []byte(watchScenario("Third", "await: A")), 0o644)
		for {
			err := w.next(t, "recreated")
			if err == nil && svgHas("Third") {
				break
			}
			if err != nil {
				t.Fatalf("render: %v", err)
			}
		}
	})
}

// TestFileNamesWithControls names a scenario file with escape sequences
// (one sets the terminal's title, one its colour): no control character
// of the name reaches standard error, standard output or any file
// written, in a message, a report or a program listing (issue 17, item 9:
// raw ESC from file names reached stderr and the HTML).
func TestFileNamesWithControls(t *testing.T) {
	dir := t.TempDir()
	name := "evil\x1b]0;pwned\a\x1b[31m\u009b2J"
	path := filepath.Join(dir, name+".yaml")
	out := filepath.Join(dir, "out\x1b[1m")
	check := func(t *testing.T, what, text string) {
		t.Helper()
		if strings.ContainsAny(text, "\x1b\a\u009b") {
			t.Errorf("%s holds a control character of the name: %q", what, clip(text))
		}
	}
	os.WriteFile(path, []byte("tasks: {A: 1s}\nruns: {R: [{await: B}]}\n"), 0o644)
	stdout, stderr, code := runCLI(t, "run", "--out", out, path)
	check(t, "stdout", stdout)
	if code != 2 || !strings.Contains(stderr, `evil\x1b]0;pwned\x07\x1b[31m\x9b2J.yaml:2:20: task "B" is not defined`) {
		t.Errorf("exit %d, stderr %q; want 2 and the name escaped", code, stderr)
	}
	check(t, "stderr", stderr)
	os.WriteFile(path, []byte("tasks: {A: 1s}\nruns: {R: [{await: A}]}\n"), 0o644)
	stdout, stderr, code = runCLI(t, "run", "--format", "svg,html,txt,json,mermaid", "--out", out, path)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	check(t, "stdout", stdout)
	check(t, "stderr", stderr)
	stdout, _, _ = runCLI(t, "python", path)
	check(t, "the Python program", stdout)
	entries, _ := os.ReadDir(out)
	if len(entries) != 5 {
		t.Errorf("%d files written, want 5", len(entries))
	}
	for _, e := range entries {
		data, _ := os.ReadFile(filepath.Join(out, e.Name()))
		check(t, e.Name(), e.Name()+string(data))
	}
}
