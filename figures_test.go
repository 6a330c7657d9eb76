package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestFigureFlags(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		file   string
		want   []string
		reject []string
	}{
		{"Slide", []string{"--size", "slide"}, "async-basics.svg", []string{`width="1920.00" height="1080.00"`}, []string{"<animate"}},
		{"SlideNarrower", []string{"--size", "slide", "--width", "1280", "--height", "720"}, "async-basics.svg", []string{`width="1280.00" height="720.00"`}, nil},
		{"Dark", []string{"--theme", "dark"}, "async-basics.svg", []string{`fill="#16181d"`}, nil},
		{"Animate", []string{"--animate", "--animate-speed", "2"}, "async-basics.svg", []string{"<animate ", `dur="5.500s"`, `class="cursor"`}, []string{"<script"}},
		{"Transcript", []string{"--transcript"}, "async-basics.svg", []string{`class="transcript"`, "Task C done after 3 seconds</text>"}, nil},
		{"Text", []string{"--format", "txt"}, "async-basics.txt", []string{"Blocking  6.0 s · no gain over Sequential (1.0×) · loop idle 0%", "│ run total"}, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			_, stderr, code := runCLI(t, append([]string{"run", "async-basics", "--out", dir}, tt.args...)...)
			if code != 0 {
				t.Fatalf("exit %d: %s", code, stderr)
			}
			data, err := os.ReadFile(filepath.Join(dir, tt.file))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range tt.want {
				if !strings.Contains(string(data), w) {
					t.Errorf("%s lacks %q", tt.file, w)
				}
			}
			for _, r := range tt.reject {
				if strings.Contains(string(data), r) {
					t.Errorf("%s holds %q", tt.file, r)
				}
			}
		})
	}
}

func TestFigureFlagErrors(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"ErrThemeIsSize", []string{"--theme", "slide"}, `"slide" is a size: use it as the size, with any theme`},
		{"ErrSize", []string{"--size", "poster"}, `--size: unknown size "poster": choose one of default, slide`},
		{"ErrSizeIsTheme", []string{"--size", "dark"}, `"dark" is a theme`},
		{"ErrAnimateSpeed", []string{"--animate-speed", "0"}, "--animate-speed 0 is not valid"},
		{"ErrChart", []string{"--chart", "sometimes"}, `--chart "sometimes" is not valid`},
		{"ErrFormat", []string{"--format", "text"}, `did you mean "txt"?`},
		{"ErrMaxLanes", []string{"--max-lanes", "-1"}, "--max-lanes -1 is not valid: use 1 or more, or 0 for automatic"},
		{"ErrExactMaxLanes", []string{"--exact", "--max-lanes", "5"}, "--exact draws every lane; it cannot be combined with --max-lanes 5"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			_, stderr, code := runCLI(t, append([]string{"run", "async-basics", "--out", dir}, tt.args...)...)
			if code != 2 || !strings.Contains(stderr, tt.stderr) {
				t.Errorf("exit %d, stderr %q; want 2 and %q", code, stderr, tt.stderr)
			}
			if entries, _ := os.ReadDir(dir); len(entries) > 0 {
				t.Errorf("a rejected command wrote %d files", len(entries))
			}
		})
	}
}

func TestChartAfterTranscript(t *testing.T) {
	dir := t.TempDir()
	// Not a terminal: no chart unless asked for.
	plain, _, _ := runCLI(t, "run", "async-basics", "--out", dir, "-q")
	if strings.Contains(plain, "▕") {
		t.Error("a chart was printed to a pipe with --chart auto")
	}
	withChart, _, _ := runCLI(t, "run", "async-basics", "--out", dir, "-q", "--chart", "always")
	rest, ok := strings.CutPrefix(withChart, plain)
	if !ok {
		t.Fatalf("--chart always changed the transcript:\n%s", withChart)
	}
	if !strings.HasPrefix(rest, "\nSequential  6.0 s · loop idle 100%\n") || !strings.Contains(rest, "event loop ▕A███") {
		t.Errorf("the chart after the transcript is\n%s", rest)
	}
	if strings.Contains(rest, "Async basics") {
		t.Error("the compact chart repeats the title")
	}
}

// TestDocShowsTextChart checks the text chart shown in docs/figures.md is
// the gallery's out/async-basics.txt.
func TestDocShowsTextChart(t *testing.T) {
	readme, err := os.ReadFile(filepath.Join("docs", "figures.md"))
	if err != nil {
		t.Fatal(err)
	}
	chart, err := os.ReadFile(filepath.Join("out", "async-basics.txt"))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(readme), "```text\n"+string(chart)+"```\n") {
		t.Error("docs/figures.md does not show out/async-basics.txt in a ```text block: copy it in after `go run .`")
	}
}

// TestLevelOfDetailFlags runs a gather of 300 tasks: by default the figure
// folds the lanes past 200 into a summary row, --max-lanes 20 folds more,
// and --exact draws all 300.
func TestLevelOfDetailFlags(t *testing.T) {
	var src strings.Builder
	src.WriteString("tasks:\n")
	var names []string
	for i := range 300 {
		fmt.Fprintf(&src, "  T%d: 1s\n", i)
		names = append(names, fmt.Sprintf("T%d", i))
	}
	fmt.Fprintf(&src, "runs: {Gathered: [{gather: [%s]}]}\n", strings.Join(names, ", "))
	dir := t.TempDir()
	file := filepath.Join(dir, "many.yaml")
	if err := os.WriteFile(file, []byte(src.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		args   []string
		folded string // the fold note, or "" for none
	}{
		{nil, "103 more lanes, from T197 to T299, folded"},
		{[]string{"--max-lanes", "20"}, "283 more lanes, from T17 to T299, folded"},
		{[]string{"--exact"}, ""},
	} {
		out := filepath.Join(dir, "many.svg")
		_, stderr, code := runCLI(t, append([]string{"run", file, "-o", out, "-q", "--chart", "never"}, tt.args...)...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tt.args, code, stderr)
		}
		data, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		svg := string(data)
		if tt.folded == "" {
			if strings.Contains(svg, "folded") || !strings.Contains(svg, ">T299<") {
				t.Errorf("%v: the figure folds lanes or lacks T299", tt.args)
			}
		} else if !strings.Contains(svg, tt.folded) {
			t.Errorf("%v: the figure lacks %q", tt.args, tt.folded)
		}
	}
}
