package main

import (
	"bytes"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// checkCharDevice fails unless path is still a character device.
func checkCharDevice(t *testing.T, path string) {
	t.Helper()
	fi, err := os.Lstat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Mode()&fs.ModeCharDevice == 0 {
		t.Errorf("%s is now %v, no longer a character device", path, fi.Mode())
	}
}

// TestOutputDeviceSurvives writes figures onto character devices made
// with mknod (as root; skipped otherwise): a copy of /dev/null named by
// -o or standing where --out puts a figure is written into, not replaced,
// and a copy of /dev/full gives its error. Issue 17, item 1: as root, a
// temporary file was renamed over /dev/null.
func TestOutputDeviceSurvives(t *testing.T) {
	dir := t.TempDir()
	null := filepath.Join(dir, "null.svg")
	if err := syscall.Mknod(null, syscall.S_IFCHR|0o666, int(devNumber(1, 3))); err != nil {
		t.Skipf("cannot make a device node (needs root): %v", err)
	}
	full := filepath.Join(dir, "full.svg")
	if err := syscall.Mknod(full, syscall.S_IFCHR|0o666, int(devNumber(1, 7))); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "run", "-q", "--format", "svg", "-o", null, "async-basics"); code != 0 {
		t.Errorf("-o NULL: exit %d: %s", code, stderr)
	}
	checkCharDevice(t, null)

	out := filepath.Join(dir, "out")
	os.Mkdir(out, 0o755)
	inOut := filepath.Join(out, "async-basics.svg")
	if err := syscall.Mknod(inOut, syscall.S_IFCHR|0o666, int(devNumber(1, 3))); err != nil {
		t.Fatal(err)
	}
	if _, stderr, code := runCLI(t, "run", "-q", "--format", "svg,json", "--out", out, "async-basics"); code != 0 {
		t.Errorf("--out: exit %d: %s", code, stderr)
	}
	checkCharDevice(t, inOut)
	checkOnly(t, out, "async-basics.svg", "async-basics.json")

	_, stderr, code := runCLI(t, "run", "-q", "--format", "svg", "-o", full, "async-basics")
	if code != 1 || !strings.Contains(stderr, full) || !strings.Contains(stderr, "no space left on device") {
		t.Errorf("-o FULL: exit %d, stderr %q; want 1 and the device's error", code, stderr)
	}
	checkCharDevice(t, full)
	checkOnly(t, dir, "null.svg", "full.svg", "out/async-basics.svg", "out/async-basics.json")
}

// devNumber returns the device number of a major and minor number, as
// Linux encodes it.
func devNumber(major, minor uint64) uint64 {
	return (major&0xfff)<<8 | (minor & 0xff) | (major&^0xfff)<<32 | (minor&^0xff)<<12
}

// fifoReader makes a FIFO at path and opens it as its reader, for reading
// and writing: such a reader neither waits for a writer nor sees the end
// when a writer is gone. It is closed when the test ends.
func fifoReader(t *testing.T, path string) *os.File {
	t.Helper()
	if err := syscall.Mkfifo(path, 0o644); err != nil {
		t.Fatal(err)
	}
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// TestOutputFIFO writes a figure into a FIFO a reader reads: the reader
// gets all of it and the FIFO stays. A FIFO nobody reads is refused at
// once, not waited on.
func TestOutputFIFO(t *testing.T) {
	dir := t.TempDir()
	fifo := filepath.Join(dir, "fig.svg")
	// The figure is smaller than the pipe's buffer, so the write does not
	// wait for the reads.
	f := fifoReader(t, fifo)
	if _, stderr, code := runCLI(t, "run", "-q", "--format", "svg", "-o", fifo, "async-basics"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	f.SetReadDeadline(time.Now().Add(time.Second))
	data, _ := io.ReadAll(f)
	checkWellFormed(t, data)
	f.Close()
	if fi, err := os.Lstat(fifo); err != nil || fi.Mode()&fs.ModeNamedPipe == 0 {
		t.Errorf("the FIFO was replaced: %v, %v", fi.Mode(), err)
	}

	_, stderr, code := runProcess(t, 20*time.Second, "run", "-q", "--format", "svg", "-o", fifo, "async-basics")
	if code != 1 || !strings.Contains(stderr, fifo) || !strings.Contains(stderr, "no process reads") {
		t.Errorf("a FIFO without a reader: exit %d, stderr %q; want 1 and a message", code, stderr)
	}
	checkOnly(t, dir, "fig.svg")
}

// TestOutputStandardStreams names standard output by its names in /dev
// and /proc: the figure reaches standard output, whether it is a pipe or
// a regular file, and nothing is written or replaced elsewhere. (Only
// the names whose replacement the system refuses are tried, so that a
// regression cannot replace /dev/stdout of the machine; stdoutAlias has
// the rest.)
func TestOutputStandardStreams(t *testing.T) {
	for _, name := range []string{"/dev/fd/1", "/proc/self/fd/1"} {
		t.Run(strings.ReplaceAll(name, "/", "_"), func(t *testing.T) {
			stdout, stderr, code := runProcess(t, 60*time.Second, "run", "-q", "--format", "svg", "-o", name, "async-basics")
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			checkWellFormed(t, []byte(stdout))
		})
	}
	for _, name := range []string{"-", "/dev/stdout", "/dev/fd/1", "/proc/self/fd/1"} {
		if !isStdout(name) {
			t.Errorf("%s is not taken for standard output", name)
		}
	}
	for _, name := range []string{"/dev/stdout2", "dev/stdout", "/dev/fd/10", "./-"} {
		if isStdout(name) {
			t.Errorf("%s is taken for standard output", name)
		}
	}
}

// TestOutputIsAnInput names an input as an output: each time the command
// is refused with exit status 2 before anything runs, and the input is
// unchanged. Issue 17, item 2: render trace.json --out . --format
// svg,json replaced the trace with its own export, and run lesson.yaml -o
// lesson.yaml overwrote the scenario.
func TestOutputIsAnInput(t *testing.T) {
	dir := t.TempDir()
	lesson := filepath.Join(dir, "lesson.yaml")
	src := []byte("tasks: {A: 1s}\nruns: {R: [{await: A}]}\n")
	os.WriteFile(lesson, src, 0o644)
	tr := filepath.Join(dir, "trace.json")
	trData := []byte(`[{"ph":"X","name":"outer","pid":1,"tid":1,"ts":0,"dur":50},{"ph":"X","name":"inner","pid":1,"tid":1,"ts":10,"dur":5}]`)
	os.WriteFile(tr, trData, 0o644)
	linked := filepath.Join(dir, "linked.svg")
	os.Symlink(lesson, linked)
	hard := filepath.Join(dir, "hard.svg")
	os.Link(lesson, hard)
	for _, c := range []struct {
		name string
		args []string
	}{
		{"RunDashO", []string{"run", "--format", "svg", "-o", lesson, lesson}},
		{"RunSymlink", []string{"run", "--format", "svg", "-o", linked, lesson}},
		{"RunHardLink", []string{"run", "--format", "svg", "-o", hard, lesson}},
		{"RenderOut", []string{"render", "--format", "svg,json", "--out", dir, tr}},
		{"RenderDashO", []string{"render", "--format", "json", "-o", tr, tr}},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, stderr, code := runCLI(t, c.args...)
			if code != 2 || !strings.Contains(stderr, "is an input") {
				t.Errorf("exit %d, stderr %q; want 2 and a message saying the output is an input", code, stderr)
			}
			if got, _ := os.ReadFile(lesson); !bytes.Equal(got, src) {
				t.Errorf("the scenario now holds %.60q", got)
			}
			if got, _ := os.ReadFile(tr); !bytes.Equal(got, trData) {
				t.Errorf("the trace now holds %.60q", got)
			}
			checkOnly(t, dir, "lesson.yaml", "trace.json", "linked.svg", "hard.svg")
		})
	}
}

// TestDuplicateOutputNames runs two scenario files of the same name from
// two directories: refused with exit status 2, as render refuses two
// traces of one name, and nothing is written (issue 17, item 9: the second
// silently won).
func TestDuplicateOutputNames(t *testing.T) {
	dir := t.TempDir()
	src := []byte("tasks: {A: 1s}\nruns: {R: [{await: A}]}\n")
	for _, d := range []string{"va", "vb"} {
		os.Mkdir(filepath.Join(dir, d), 0o755)
		os.WriteFile(filepath.Join(dir, d, "x.yaml"), src, 0o644)
	}
	os.WriteFile(filepath.Join(dir, "async-basics.yaml"), src, 0o644)
	for _, args := range [][]string{
		{filepath.Join(dir, "va", "x.yaml"), filepath.Join(dir, "vb", "x.yaml")},
		{filepath.Join(dir, "va", "x.yaml"), filepath.Join(dir, "va", "x.yaml")},
		{"async-basics", filepath.Join(dir, "async-basics.yaml")},
	} {
		out := filepath.Join(dir, "out")
		_, stderr, code := runCLI(t, append([]string{"run", "--out", out}, args...)...)
		if code != 2 || !strings.Contains(stderr, "would both write") {
			t.Errorf("run %q: exit %d, stderr %q; want 2 and a message", args, code, stderr)
		}
		checkNothingWritten(t, out)
	}
}

// TestStaleTemporaryFiles leaves in --out temporary files as a killed
// run leaves them (issue 17, item 9: they were never cleaned): ours older
// than a day are removed by the next run; recent ones, which another run
// may be writing, and files not ours stay.
func TestStaleTemporaryFiles(t *testing.T) {
	out := t.TempDir()
	old := time.Now().Add(-48 * time.Hour)
	files := map[string]bool{ // name: removed
		".async-basics.svg.tmp123456": true,
		".other.html.tmp42":           true,
		".async-basics.svg.tmp777":    false, // recent
		".notes.tmp1":                 false, // not a name of ours
		".async-basics.svg.tmpx":      false,
		"notes.svg.tmp1":              false,
	}
	for name, removed := range files {
		path := filepath.Join(out, name)
		os.WriteFile(path, []byte("partial"), 0o644)
		if removed || name != ".async-basics.svg.tmp777" {
			os.Chtimes(path, old, old)
		}
	}
	if _, stderr, code := runCLI(t, "run", "-q", "--format", "svg", "--out", out, "async-basics"); code != 0 {
		t.Fatalf("exit %d: %s", code, stderr)
	}
	for name, removed := range files {
		_, err := os.Stat(filepath.Join(out, name))
		if gone := os.IsNotExist(err); gone != removed {
			t.Errorf("%s: removed %v, want %v", name, gone, removed)
		}
	}
}

// TestFullDiskKeepsTheOldSet writes a set of formats onto a file system
// with room for one of them (a tmpfs, mounted as root; skipped otherwise):
// the command fails and the old set stays whole, with no temporary file
// left (issue 17, item 9: a full disk left a mix of old and new files).
func TestFullDiskKeepsTheOldSet(t *testing.T) {
	out := t.TempDir()
	if err := syscall.Mount("tmpfs", out, "tmpfs", 0, "size=1m"); err != nil {
		t.Skipf("cannot mount a small file system (needs root): %v", err)
	}
	t.Cleanup(func() { syscall.Unmount(out, 0) })
	old := map[string]string{"async-basics.svg": "old svg", "async-basics.png": "old png"}
	for name, data := range old {
		os.WriteFile(filepath.Join(out, name), []byte(data), 0o644)
	}
	// Leave room for the SVG (24 KB) but not the PNG (240 KB).
	filler := make([]byte, 1<<20-96<<10)
	if err := os.WriteFile(filepath.Join(out, "filler"), filler, 0o644); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := runCLI(t, "run", "-q", "--format", "svg,png", "--out", out, "async-basics")
	if code != 1 || !strings.Contains(stderr, "no space left on device") {
		t.Errorf("exit %d, stderr %q; want 1 and no space left", code, stderr)
	}
	for name, data := range old {
		if got, _ := os.ReadFile(filepath.Join(out, name)); string(got) != data {
			t.Errorf("%s holds %.40q, want the old %q", name, got, data)
		}
	}
	checkOnly(t, out, "async-basics.svg", "async-basics.png", "filler")
}

// TestTranscriptWriteError sends standard output to /dev/full: the
// command fails, with exit status 1 and a message (issue 17, item 9: it
// exited 0).
func TestTranscriptWriteError(t *testing.T) {
	full, err := os.OpenFile("/dev/full", os.O_WRONLY, 0)
	if err != nil {
		t.Skipf("no /dev/full: %v", err)
	}
	defer full.Close()
	for _, args := range [][]string{
		{"run", "-q", "--format", "svg", "--out", t.TempDir(), "async-basics"},
		{"python", "async-basics"},
		{"show", "async-basics"},
		{"run", "-q", "--format", "svg", "-o", "-", "async-basics"},
	} {
		p := startTo(t, nil, full, args...)
		code := p.wait(t, 60*time.Second)
		if stderr := p.stderr.String(); code != 1 || !strings.Contains(stderr, "standard output") || !strings.Contains(stderr, "no space left on device") {
			t.Errorf("%q > /dev/full: exit %d, stderr %q; want 1 and a message", args, code, clip(stderr))
		}
	}
}

// TestReservedDeviceNames: every name Windows reserves, COM0 and LPT0
// included, is prefixed (issue 17, item 9).
func TestReservedDeviceNames(t *testing.T) {
	for _, n := range []string{"CON", "PRN", "AUX", "NUL", "COM0", "COM1", "COM9", "LPT0", "LPT9", "com0.x", "Lpt0"} {
		if got := outName(n); got != "_"+n {
			t.Errorf("outName(%q) = %q, want %q", n, got, "_"+n)
		}
	}
}
