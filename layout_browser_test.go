package main

// The browser layout test: every figure the gallery writes, the HTML
// reports, and a stress set of figures, opened in headless Chromium with
// only the DejaVu fonts (what Debian's fonts-dejavu-core gives a CI
// machine or a fresh desktop), once with the fonts the SVG embeds and once
// with them removed (as librsvg, Inkscape or LaTeX draw it). It reads the
// box of every text and fails when two texts overlap, a text leaves the
// figure, a badge's text leaves its badge or a bar's label its bar. With
// the embedded fonts, it also checks that each text is drawn as wide as
// the Go font draws it in the PNG.
//
// $ASYNCGANTT_SHOTS=DIR saves a screenshot of every figure checked;
// $ASYNCGANTT_LAYOUT_ONLY=TEXT checks only the figures whose path holds
// TEXT.

import (
	"bytes"
	"context"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/asyncgantt/asyncgantt/internal/fonts"
	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/trace/chrome"
)

// dejavuOnly returns the path of a fontconfig file that gives Chromium the
// DejaVu fonts and no other, or "" when they are not installed where
// Debian puts them (the machine's fonts are used then).
func dejavuOnly(t *testing.T) string {
	const dir = "/usr/share/fonts/truetype/dejavu"
	if _, err := os.Stat(filepath.Join(dir, "DejaVuSans.ttf")); err != nil {
		return ""
	}
	tmp := t.TempDir()
	conf := filepath.Join(tmp, "fonts.conf")
	err := os.WriteFile(conf, []byte(`<?xml version="1.0"?>
<!DOCTYPE fontconfig SYSTEM "fonts.dtd">
<fontconfig><dir>`+dir+`</dir><cachedir>`+filepath.Join(tmp, "cache")+`</cachedir></fontconfig>
`), 0o644)
	if err != nil {
		t.Fatal(err)
	}
	return conf
}

// figureBoxes is what the page script reads from a figure.
type figureBoxes struct {
	Width, Height float64
	Texts         []textBox
	Rects         []box
	// Fonts lists the font faces the document loaded, "family weight
	// status".
	Fonts []string
}

type box struct {
	X, Y, W, H float64
	Class      string
}

type textBox struct {
	box
	Text   string
	Length float64 // getComputedTextLength
	Size   float64
	Bold   bool
	Anchor string
}

// boxesJS reads the boxes of a figure's texts and rectangles, in the
// figure's own units, once its fonts are ready; sel selects the <svg> (""
// for the document's root).
const boxesJS = `(async (sel) => {
  await document.fonts.ready;
  const svg = sel ? document.querySelector(sel) : document.documentElement;
  const anim = svg.querySelector("animate");
  if (anim) { // an animated figure: look at its end state
    svg.pauseAnimations();
    svg.setCurrentTime(parseFloat(anim.getAttribute("dur")) * 0.99);
  }
  const vb = svg.viewBox.baseVal;
  const cls = e => e.getAttribute("class") || "";
  const texts = [...svg.querySelectorAll("text")].filter(t => t.textContent !== "").map(t => {
    const b = t.getBBox();
    return {X: b.x, Y: b.y, W: b.width, H: b.height, Class: cls(t), Text: t.textContent,
      Length: t.getComputedTextLength(), Size: parseFloat(t.getAttribute("font-size")),
      Bold: t.getAttribute("font-weight") === "bold", Anchor: t.getAttribute("text-anchor") || "start"};
  });
  const rects = [...svg.querySelectorAll("rect")].map(r => {
    const b = r.getBBox();
    return {X: b.x, Y: b.y, W: b.width, H: b.height, Class: cls(r)};
  });
  const faces = [];
  document.fonts.forEach(f => faces.push(f.family + " " + f.weight + " " + f.status));
  return {Width: vb.width, Height: vb.height, Texts: texts, Rects: rects, Fonts: faces};
})`

// readBoxes reads the boxes of the figure sel selects on the page.
func readBoxes(t *testing.T, ctx context.Context, sel string) figureBoxes {
	t.Helper()
	js := fmt.Sprintf("%s(%q)", boxesJS, sel)
	b, err := chromedp.Run(ctx, chromedp.Evaluate[figureBoxes](js, chromedp.EvalAwaitPromise))
	if err != nil {
		t.Fatalf("reading the figure's boxes: %v", err)
	}
	return b
}

// layoutSlack is how far, in pixels, boxes may overlap or stick out
// before the test counts it: less than any visible collision.
const layoutSlack = 0.5

func (b box) right() float64  { return b.X + b.W }
func (b box) bottom() float64 { return b.Y + b.H }

func overlap(a, b box) bool {
	return min(a.right(), b.right())-max(a.X, b.X) > layoutSlack && min(a.bottom(), b.bottom())-max(a.Y, b.Y) > layoutSlack
}

func inside(in, out box) bool {
	return in.X >= out.X-layoutSlack && in.right() <= out.right()+layoutSlack && in.Y >= out.Y-layoutSlack && in.bottom() <= out.bottom()+layoutSlack
}

// layoutProblems lists what is wrong with a figure's boxes.
func layoutProblems(f figureBoxes, embedded bool) []string {
	var probs []string
	frame := box{W: f.Width, H: f.Height}
	for i, a := range f.Texts {
		if !inside(a.box, frame) {
			probs = append(probs, fmt.Sprintf("%q (%s) leaves the %gx%g figure: %s", a.Text, a.Class, f.Width, f.Height, a.box.String()))
		}
		for _, b := range f.Texts[i+1:] {
			if overlap(a.box, b.box) {
				probs = append(probs, fmt.Sprintf("%q (%s) overlaps %q (%s): %s and %s", a.Text, a.Class, b.Text, b.Class, a.box.String(), b.box.String()))
			}
		}
		switch {
		case a.Class == "speedup-text":
			if !inAny(a, f.Rects, func(r box) bool { return strings.HasPrefix(r.Class, "speedup-") }) {
				probs = append(probs, fmt.Sprintf("badge text %q leaves its badge: %s", a.Text, a.box.String()))
			}
		case strings.HasPrefix(a.Class, "bar-text"):
			if !inAny(a, f.Rects, func(r box) bool { return strings.HasPrefix(r.Class, "bar-") }) {
				probs = append(probs, fmt.Sprintf("bar label %q leaves its bar: %s", a.Text, a.box.String()))
			}
		}
		if embedded && drawnInGo(a.Text, a.Bold) {
			if want := fonts.GoWidth(a.Text, a.Size, a.Bold); abs(a.Length-want) > 0.5+want*0.005 {
				probs = append(probs, fmt.Sprintf("%q is drawn %.1f px wide, the Go font (the PNG) %.1f px: not as the PNG draws it (the embedded font is not used, or spaces collapse)", a.Text, a.Length, want))
			}
		}
	}
	return probs
}

func (b box) String() string {
	return fmt.Sprintf("[%.1f, %.1f]×[%.1f, %.1f]", b.X, b.right(), b.Y, b.bottom())
}

// inAny reports whether the text lies inside one of the rectangles keep
// selects that holds its start, horizontally: the badge or bar it labels.
func inAny(t textBox, rects []box, keep func(box) bool) bool {
	for _, r := range rects {
		if keep(r) && t.X >= r.X-layoutSlack && t.X <= r.right() && t.Y+t.H/2 >= r.Y && t.Y+t.H/2 <= r.bottom() {
			return t.right() <= r.right()+layoutSlack
		}
	}
	return false
}

// drawnInGo reports whether the embedded font has every character of s
// (the Go font's glyphs, and the symbols drawn as strokes), so that a
// browser draws all of it in the embedded font.
func drawnInGo(s string, bold bool) bool {
	for _, r := range s {
		if !fonts.Embeds(r, bold) {
			return false
		}
	}
	return true
}

func abs(x float64) float64 { return max(x, -x) }

// fontFaceRule matches the @font-face rules an SVG embeds.
var fontFaceRule = regexp.MustCompile(`@font-face\{[^}]*\}\n`)

// withoutFonts writes a copy of the file at path without its embedded
// fonts, as a viewer that ignores them sees it, and returns its path.
func withoutFonts(t *testing.T, path, dir string) string {
	t.Helper()
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !fontFaceRule.Match(data) {
		t.Fatalf("%s embeds no font", path)
	}
	out := filepath.Join(dir, "nofonts-"+filepath.Base(path))
	if err := os.WriteFile(out, fontFaceRule.ReplaceAll(data, nil), 0o644); err != nil {
		t.Fatal(err)
	}
	return out
}

// stressScenarios are figures made to break a layout: long names and
// titles, non-ASCII text, many tasks on a slide, transcripts, themes.
var stressScenarios = map[string]string{
	"long.yaml": `title: "A very long title that goes on and on about what the figure shows, how asyncio schedules its tasks, and why the teacher chose it for this lesson of the course"
description: A long description.
tasks:
  download_the_first_very_large_file_from_the_server: [{print: "starting the download of the first very large file from the remote server, which takes a while"}, {sleep: 2s}, {return: "the contents of a very large file that we downloaded"}]
  parse: [{sleep: 0.5s}, {raise: "ValueError: the input could not be parsed because it was malformed in a way nobody expected"}]
  b: [{sleep: 1s}]
runs:
  "The first run, with a name far longer than any panel header should hold":
    - gather: [download_the_first_very_large_file_from_the_server, parse, b]
      return_exceptions: true
  Second: [{await: b}, {await: download_the_first_very_large_file_from_the_server}]
  "Third, which fails":
    - gather: [b, parse]
`,
	"polish.yaml": `title: "Zadanie: współbieżność"
description: Zadania wykonywane współbieżnie — przykład dla studentów.
tasks:
  pobieranie: [{print: "Zaczynam pobieranie…"}, {sleep: 2s}, {print: "Pobrano plik źródłowy"}]
  przetwarzanie: [{sleep: 1s}, {print: "Przetworzono dane wejściowe"}]
runs:
  Sekwencyjnie: [{await: pobieranie}, {await: przetwarzanie}]
  Współbieżnie: [{gather: [pobieranie, przetwarzanie]}]
`,
	"chatty.yaml": chatty(),
}

// chatty is a scenario whose task prints 70 lines, 50 ms apart, beside a
// quiet task, and whose run prints its total last; its second run prints
// one long line and an indented one with two spaces in a row (which a
// browser collapses unless told not to).
func chatty() string {
	var b strings.Builder
	b.WriteString("title: A task that prints a lot\ntasks:\n  talker:\n")
	for i := range 70 {
		fmt.Fprintf(&b, "    - print: \"tick %d, a line of the transcript\"\n    - sleep: 50ms\n", i+1)
	}
	b.WriteString(`  quiet: [{sleep: 1s}]
runs:
  Chatty:
    - gather: [talker, quiet]
    - print: "Total: {elapsed:.1f} s, the punch line"
  Quiet:
    - await: quiet
    - print: "RuntimeWarning: coroutine 'a_coroutine_with_a_long_name' was never awaited, and this line goes on"
    - print: "    indented by four,  then two spaces  (as a traceback prints)"
`)
	return b.String()
}

// stressFigures lists the command lines of the stress set: each writes an
// SVG and an HTML report into a directory of dir of its own.
func stressFigures(dir string) [][]string {
	sc := func(name string) string { return filepath.Join(dir, name) }
	tasks30 := []string{"quick"}
	for i := range 30 {
		tasks30 = append(tasks30, fmt.Sprintf("task_%02d=%dms", i, 500+100*i))
	}
	out := func(name string, args ...string) []string {
		return append(args, "--out", filepath.Join(dir, name), "--format", "svg,html", "-q")
	}
	runs := [][]string{
		out("long", "run", sc("long.yaml")),
		out("long-narrow", "run", sc("long.yaml"), "--width", "480", "--transcript"),
		out("long-slide-dark", "run", sc("long.yaml"), "--size", "slide", "--theme", "dark", "--transcript"),
		out("polish", "run", sc("polish.yaml"), "--transcript"),
		out("polish-print", "run", sc("polish.yaml"), "--theme", "print", "--width", "640"),
		out("chatty", "run", sc("chatty.yaml"), "--transcript"),
		out("chatty-slide", "run", sc("chatty.yaml"), "--transcript", "--size", "slide"),
		out("quick30-slide", append(tasks30, "--size", "slide")...),
		out("quick30-slide-lanes", append(tasks30, "--size", "slide", "--max-lanes", "12")...),
		out("quick30-transcript", append(tasks30, "--transcript", "--theme", "dark")...),
		out("basics-transcript-slide", "run", "async-basics", "--transcript", "--size", "slide", "--theme", "print"),
		out("basics-320", "run", "async-basics", "--width", "320"),
	}
	return runs
}

// TestBrowserLayout checks that the texts of every figure fit, in
// Chromium with the DejaVu fonts only, with and without the fonts the
// figures embed.
func TestBrowserLayout(t *testing.T) {
	bctx := layoutBrowser(t)
	dir := t.TempDir()
	if _, stderr, code := runCLI(t, "--out", dir, "-q"); code != 0 {
		t.Fatalf("gallery: exit %d: %s", code, stderr)
	}
	stress := filepath.Join(dir, "stress")
	if err := os.MkdirAll(stress, 0o755); err != nil {
		t.Fatal(err)
	}
	for name, src := range stressScenarios {
		if err := os.WriteFile(filepath.Join(stress, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	for _, args := range stressFigures(stress) {
		if _, stderr, code := runCLI(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
	outcomes := filepath.Join(stress, "outcomes.json")
	var js bytes.Buffer
	if err := chrome.Write(&js, testtrace.Outcomes()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(outcomes, js.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, f := range []string{"trace/chrome/testdata/fixtures/viztracer_old.json", "trace/chrome/testdata/fixtures/catapult_async_begin_end.json", outcomes} {
		args := []string{"render", f, "--out", filepath.Join(stress, "imported"), "--format", "svg,html", "-q"}
		if _, stderr, code := runCLI(t, args...); code != 0 {
			t.Fatalf("%s: exit %d: %s", strings.Join(args, " "), code, stderr)
		}
	}
	t.Run("DetectorsWork", func(t *testing.T) {
		// A figure with every fault the checks look for: they must see
		// each, or their silence means nothing.
		bad := filepath.Join(t.TempDir(), "bad.svg")
		os.WriteFile(bad, []byte(`<svg xmlns="http://www.w3.org/2000/svg" width="300" height="100" viewBox="0 0 300 100" font-family="DejaVu Sans">
<text x="10" y="20" font-size="14">overlapping one</text><text x="60" y="22" font-size="14">overlapping two</text>
<text x="250" y="60" font-size="14">leaves the figure</text>
<rect x="10" y="70" width="40" height="20" class="speedup-faster"/><text x="14" y="85" font-size="14" class="speedup-text">2.0× faster</text>
<rect x="120" y="70" width="30" height="20" class="bar-waiting"/><text x="122" y="85" font-size="14" class="bar-text">sleep 2 s</text>
</svg>`), 0o644)
		ctx, _ := openPage(t, bctx, bad, view{name: "layout", width: 400, height: 200})
		probs := strings.Join(layoutProblems(readBoxes(t, ctx, ""), true), "\n")
		for _, want := range []string{`"overlapping one" () overlaps "overlapping two"`, `"leaves the figure" () leaves the 300x100 figure`,
			`badge text "2.0× faster" leaves its badge`, `bar label "sleep 2 s" leaves its bar`, "not as the PNG draws it"} {
			if !strings.Contains(probs, want) {
				t.Errorf("the checks missed %q; they found:\n%s", want, probs)
			}
		}
	})
	checkLayouts(t, bctx, dir)
}

// TestBrowserLayoutDir checks the figures of the directory
// $ASYNCGANTT_LAYOUT_DIR, and of its subdirectories, as TestBrowserLayout
// checks the gallery's: a course author's own figures, or a set of
// figures made to break the layout. It is skipped when the variable is
// not set.
func TestBrowserLayoutDir(t *testing.T) {
	dir := os.Getenv("ASYNCGANTT_LAYOUT_DIR")
	if dir == "" {
		t.Skip("set ASYNCGANTT_LAYOUT_DIR to a directory of figures to check them")
	}
	checkLayouts(t, layoutBrowser(t), dir)
}

// layoutBrowser starts a browser with the DejaVu fonts only, where
// Debian puts them.
func layoutBrowser(t *testing.T) context.Context {
	var opts []chromedp.ExecAllocatorOption
	if conf := dejavuOnly(t); conf != "" {
		opts = append(opts, chromedp.Env("FONTCONFIG_FILE="+conf))
	}
	return startBrowser(t, opts...)
}

// pagesPerBrowser is how many pages one browser checks before a new one
// takes over: a browser lives at most startBrowser's ten minutes.
const pagesPerBrowser = 80

// checkLayouts checks every SVG figure and HTML report under dir, with
// and without the fonts they embed.
func checkLayouts(t *testing.T, bctx context.Context, dir string) {
	var pages []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err == nil && !d.IsDir() && (strings.HasSuffix(path, ".svg") || strings.HasSuffix(path, ".html")) {
			pages = append(pages, path)
		}
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(pages)
	scratch := t.TempDir()
	for i, page := range pages {
		if i > 0 && i%pagesPerBrowser == 0 {
			chromedp.Cancel(bctx)
			bctx = layoutBrowser(t)
		}
		if filepath.Base(page) == "index.html" {
			continue // thumbnails: the figures themselves are checked
		}
		if only := os.Getenv("ASYNCGANTT_LAYOUT_ONLY"); only != "" && !strings.Contains(page, only) {
			continue
		}
		rel, _ := filepath.Rel(dir, page)
		for _, embedded := range []bool{true, false} {
			name := rel
			if !embedded {
				name += "/without-fonts"
			}
			t.Run(name, func(t *testing.T) {
				path := page
				if !embedded {
					path = withoutFonts(t, page, scratch)
				}
				ctx, pl := openPage(t, bctx, path, view{name: "layout", width: 1300, height: 900})
				sel := ""
				if strings.HasSuffix(page, ".html") {
					sel = "figure svg"
				}
				f := readBoxes(t, ctx, sel)
				checkQuiet(t, ctx, path, pl)
				if len(f.Texts) == 0 {
					t.Fatalf("no text found in the figure")
				}
				if embedded && !slices.ContainsFunc(f.Fonts, func(s string) bool {
					return strings.Contains(s, fonts.EmbeddedFamily) && strings.HasSuffix(s, "loaded")
				}) {
					t.Errorf("the embedded fonts did not load: %q", f.Fonts)
				}
				for _, p := range layoutProblems(f, embedded) {
					t.Error(p)
				}
				if t.Failed() || os.Getenv("ASYNCGANTT_SHOTS") != "" {
					if sel == "" { // the figure alone: its ink is measured against its own area
						if _, err := chromedp.Run(ctx, chromedp.EmulateViewport(int64(math.Ceil(f.Width)), int64(math.Ceil(f.Height)))); err != nil {
							t.Fatal(err)
						}
					}
					shotName := strings.NewReplacer("/", "_", ".", "_").Replace(name)
					screenshot(t, ctx, "layout-"+shotName)
				}
			})
		}
	}
}
