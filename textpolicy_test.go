package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
)

// attacks are texts that would act on a terminal or read as something
// else if they reached one or a page as they are: escape sequences (OSC
// 52 writes the clipboard, CSI 2J clears the screen), a carriage return
// that overwrites its line, C1 controls, every bidirectional formatting
// character ("trojan source": U+202E makes "sdnoces 01" read "10
// seconds"), separators and bytes that are not UTF-8.
var attacks = []string{
	"clip \x1b]52;c;aGVsbG8=\a done",
	"wipe \x1b[2J\x1b[H",
	"ok\rFAILED",
	"csi \u009b31m red",
	"Task A done after \u202e sdnoces 01",
	"\u202d\u202a\u202b\u202c embed",
	"\u2066isolate\u2069 \u2067rtl\u2069 \u2068first\u2069",
	"marks \u200e\u200f\u061c 1 2",
	"line\u2028sep\u2029par",
	"bad \xff\xfe bytes",
	"nul \x00 del \x7f",
}

// hostile returns a trace with an attack in every text a figure, a report
// or a chart may show: title, description, run names, lane names,
// interval details, outcomes, printed lines, warnings and errors.
func hostile() *trace.Trace {
	tr := testtrace.Full()
	k := 0
	next := func() string {
		k++
		return attacks[k%len(attacks)]
	}
	tr.Title, tr.Description = next(), next()
	for _, r := range tr.Runs {
		r.Name = next()
		r.Error = next()
		r.Warnings = append(r.Warnings, next(), next())
		for _, ln := range r.Lanes {
			ln.Name += " " + next()
			if ln.Outcome != nil {
				ln.Outcome.Value = next()
			}
			for i := range ln.Intervals {
				ln.Intervals[i].Detail = next()
			}
		}
		for i := range r.Logs {
			r.Logs[i].Text = next()
		}
	}
	return tr
}

// checkNoUnsafe fails if out holds a character the text policy escapes,
// but for tabs and newlines and the isolates the policy sets around
// right-to-left text (an FSI and its PDI on one line, with no other
// isolate between them), or a byte that is not UTF-8.
func checkNoUnsafe(t *testing.T, what string, out []byte) {
	t.Helper()
	for i := 0; i < len(out); {
		r, size := utf8.DecodeRune(out[i:])
		if r == safetext.FSI {
			if end := bytes.IndexAny(out[i+size:], "\n\u2068\u2069"); end >= 0 && bytes.HasPrefix(out[i+size+end:], []byte("\u2069")) {
				i += size + end + len("\u2069")
				continue
			}
		}
		if r == utf8.RuneError && size == 1 {
			t.Fatalf("%s: byte %d is not UTF-8: ...%q...", what, i, out[max(0, i-40):min(len(out), i+40)])
		}
		if safetext.Unsafe(r) && r != '\n' && r != '\t' {
			t.Fatalf("%s: byte %d holds %U: ...%q...", what, i, r, out[max(0, i-40):min(len(out), i+40)])
		}
		i += size
	}
}

// TestTextPolicyInEveryFormat draws a trace with an attack in every text
// in every format that shows text to a reader: none reaches the output as
// it is, and each is there as its escape. (The json format is the trace
// itself, for programs: encoding/json escapes its control characters, and
// it keeps every text exactly, so that it reads back the same.)
func TestTextPolicyInEveryFormat(t *testing.T) {
	tr := hostile()
	// And a name in a right-to-left script, which a page isolates.
	tr.Runs[0].Lanes[1].Name = "שלום 2 " + tr.Runs[0].Lanes[1].Name
	for _, name := range []string{"svg", "html", "txt", "mermaid"} {
		f, ok := render.LookupFormat(name)
		if !ok {
			t.Fatalf("no format %s", name)
		}
		for _, opts := range []render.Options{{}, {Transcript: true, Animate: true}} {
			d := &render.Document{Trace: tr, Options: opts, Source: strings.Join(attacks, "\n"), SourceName: attacks[0], Python: strings.Join(attacks, "\n")}
			var b bytes.Buffer
			if err := f.Encode(&b, d); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
			checkNoUnsafe(t, name, b.Bytes())
			if !bytes.Contains(b.Bytes(), []byte(`\u20`)) && !bytes.Contains(b.Bytes(), []byte(`\x1b`)) {
				t.Errorf("%s: no escape: the attacks should show as escapes", name)
			}
		}
	}
}

// TestTextPolicyOnTheCommandLine runs a scenario whose file name and
// printed lines hold attacks: standard output (the transcript and the
// text chart) and standard error (the files written, the errors) hold
// none of them as they are.
func TestTextPolicyOnTheCommandLine(t *testing.T) {
	dir := t.TempDir()
	var prints []string
	for _, a := range attacks {
		if !utf8.ValidString(a) || strings.ContainsAny(a, "\r\x00") {
			continue // refused by the parser, tested by the bad-input corpus
		}
		prints = append(prints, "{print: "+strconv.Quote(a)+"}")
	}
	src := "tasks:\n  A: [" + strings.Join(prints, ", ") + ", {sleep: 1s}]\nruns:\n  R: [{await: A}]\n"
	path := filepath.Join(dir, "x\x1b]0;title\a\u202e.yaml")
	if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	var stdout, stderr bytes.Buffer
	err := run([]string{"run", path, "--out", dir, "--chart", "always", "--format", "svg,txt"}, &stdout, &stderr)
	if err != nil {
		t.Fatalf("run: %v\n%s", err, stderr.String())
	}
	checkNoUnsafe(t, "stdout", stdout.Bytes())
	checkNoUnsafe(t, "stderr", stderr.Bytes())
	if !strings.Contains(stdout.String(), `Task A done after \u202e sdnoces 01`) {
		t.Errorf("the transcript does not show the override as an escape:\n%s", stdout.String())
	}
	// An error naming the file.
	bad := filepath.Join(dir, "bad\x1b[2J\u202e.yaml")
	os.WriteFile(bad, []byte("tasks: [\n"), 0o644)
	stderr.Reset()
	code := exitCode(run([]string{"run", bad, "--out", dir}, &stdout, &stderr), &stderr)
	if code != 2 {
		t.Fatalf("exit %d, want 2", code)
	}
	checkNoUnsafe(t, "stderr of an error", stderr.Bytes())
	if !strings.Contains(stderr.String(), `bad\x1b[2J\u202e.yaml`) {
		t.Errorf("the error does not name the file with escapes:\n%s", stderr.String())
	}
}
