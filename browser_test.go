package main

// Browser tests: the HTML reports, opened in headless Chromium.
//
// They need a Chrome or Chromium binary: /usr/bin/chromium (Debian:
// apt-get install -y chromium), another on PATH, or one named by
// $ASYNCGANTT_CHROMIUM. Without one they skip, unless
// $ASYNCGANTT_BROWSER_TESTS=require (as .ci/run sets), when they fail.
// With $ASYNCGANTT_SHOTS=DIR they save a full-page screenshot of every page
// they check into DIR, for people to look at.

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/png"
	"io"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/render/html"
	"github.com/asyncgantt/asyncgantt/scenarios"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
)

// chromium returns the path of a Chrome or Chromium binary, or "".
func chromium() string {
	if p := os.Getenv("ASYNCGANTT_CHROMIUM"); p != "" {
		return p
	}
	for _, name := range []string{"chromium", "chromium-browser", "google-chrome", "google-chrome-stable"} {
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	return ""
}

// startBrowser starts one headless Chromium for a test's subtests and
// returns its context; it skips the test when there is no browser.
func startBrowser(t *testing.T, extra ...chromedp.ExecAllocatorOption) context.Context {
	t.Helper()
	path := chromium()
	if path == "" {
		msg := "browser tests skipped: no Chromium found. Install it (Debian: apt-get install -y chromium) " +
			"or set ASYNCGANTT_CHROMIUM to a Chrome or Chromium binary; bash .ci/run installs it and requires these tests"
		if os.Getenv("ASYNCGANTT_BROWSER_TESTS") == "require" {
			t.Fatal(msg)
		}
		t.Skip(msg)
	}
	profile, err := os.MkdirTemp("", "asyncgantt-chromium-")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Minute)
	actx, acancel := chromedp.NewExecAllocator(ctx, append([]chromedp.ExecAllocatorOption{
		chromedp.ExecPath(path),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-default-apps", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	}, extra...)...,
	)
	bctx, bcancel := chromedp.NewContext(actx)
	t.Cleanup(func() {
		bcancel()
		acancel()
		cancel()
		// The browser's helpers can write into the profile for a moment
		// after it stops.
		for range 50 {
			if os.RemoveAll(profile) == nil {
				return
			}
			time.Sleep(100 * time.Millisecond)
		}
	})
	// The browser lives as long as the context of its first action.
	if err := chromedp.Do(bctx); err != nil {
		t.Fatalf("starting %s: %v", path, err)
	}
	return bctx
}

// view is how a page is looked at.
type view struct {
	name          string
	width, height int64
	dark, print   bool
	mobile        bool
}

var (
	desktopLight = view{name: "light", width: 1280, height: 900}
	desktopDark  = view{name: "dark", width: 1280, height: 900, dark: true}
	phone        = view{name: "phone", width: 390, height: 844, mobile: true}
	paper        = view{name: "print", width: 794, height: 1123, print: true} // A4 at 96 px per inch
)

// pageLog is what a page did while it was open.
type pageLog struct {
	mu       sync.Mutex
	requests []string // URLs the page requested
	problems []string // console errors and warnings, exceptions, failed loads
	dialogs  []string // alert, confirm, prompt... calls
}

func (l *pageLog) add(list *[]string, s string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	*list = append(*list, s)
}

func (l *pageLog) listen(ev any) {
	switch ev := ev.(type) {
	case *network.EventRequestWillBeSent:
		l.add(&l.requests, ev.Request.URL)
	case *network.EventLoadingFailed:
		l.add(&l.problems, fmt.Sprintf("loading failed: %s %s", ev.ErrorText, ev.BlockedReason))
	case *runtime.EventConsoleAPICalled:
		if ev.Type == runtime.ConsoleAPICalledTypeError || ev.Type == runtime.ConsoleAPICalledTypeWarning || ev.Type == runtime.ConsoleAPICalledTypeAssert {
			var args []string
			for _, a := range ev.Args {
				args = append(args, string(a.Value)+a.Description)
			}
			l.add(&l.problems, fmt.Sprintf("console.%s: %s", ev.Type, strings.Join(args, " ")))
		}
	case *runtime.EventExceptionThrown:
		d := ev.ExceptionDetails
		msg := d.Text
		if d.Exception != nil {
			msg += " " + d.Exception.Description
		}
		l.add(&l.problems, "exception: "+msg)
	case *log.EventEntryAdded:
		if e := ev.Entry; e.Level == log.EntryLevelError || e.Level == log.EntryLevelWarning {
			l.add(&l.problems, fmt.Sprintf("log %s %s: %s", e.Source, e.Level, e.Text))
		}
	case *runtime.EventBindingCalled:
		if ev.Name == dialogBinding {
			l.add(&l.dialogs, ev.Payload)
		}
	case *page.EventJavascriptDialogOpening:
		l.add(&l.dialogs, fmt.Sprintf("%s dialog: %s", ev.Type, ev.Message))
	}
}

const dialogBinding = "asyncganttDialog"

// dialogHook runs before any script of a page: it replaces every way a
// script shows a dialog with a call that reports it to the test.
const dialogHook = `(() => {
  const report = globalThis.` + dialogBinding + `;
  for (const name of ["alert", "confirm", "prompt", "print"]) {
    const hook = (...args) => { report(name + "(" + args.map(String).join(", ") + ")"); return null; };
    Object.defineProperty(window, name, {value: hook, writable: false, configurable: false});
  }
})();`

// openPage opens path in a new tab of the browser as v says and returns
// the tab's context (valid until the test ends) and what the page did.
func openPage(t *testing.T, bctx context.Context, path string, v view) (context.Context, *pageLog) {
	t.Helper()
	pl := &pageLog{}
	// The tab lives as long as the context of its first action: give it
	// a generous timeout for a slow machine.
	tctx, cancelTimeout := context.WithTimeout(bctx, 2*time.Minute)
	t.Cleanup(cancelTimeout)
	ctx, cancel := chromedp.NewContext(tctx, chromedp.WithListener(pl.listen))
	t.Cleanup(cancel)
	media := emulation.SetEmulatedMediaParams{Features: []*emulation.MediaFeature{{Name: "prefers-color-scheme", Value: "light"}}}
	if v.dark {
		media.Features[0].Value = "dark"
	}
	if v.print {
		media.Media = "print"
	}
	var vopts []chromedp.EmulateViewportOption
	if v.mobile {
		vopts = append(vopts, chromedp.EmulateMobile, chromedp.EmulateTouch)
	}
	err := chromedp.Do(ctx,
		chromedp.Func(func(ctx context.Context, _ *chromedp.Target) error {
			if _, err := chromedp.Call(ctx, runtime.AddBinding, runtime.AddBindingParams{Name: dialogBinding}); err != nil {
				return err
			}
			if _, err := chromedp.Call(ctx, page.AddScriptToEvaluateOnNewDocument, page.AddScriptToEvaluateOnNewDocumentParams{Source: dialogHook}); err != nil {
				return err
			}
			_, err := chromedp.Call(ctx, emulation.SetEmulatedMedia, media)
			return err
		}),
		chromedp.EmulateViewport(v.width, v.height, vopts...),
		chromedp.Navigate(fileURL(path)),
	)
	if err != nil {
		t.Fatalf("opening %s (%s): %v", path, v.name, err)
	}
	return ctx, pl
}

func fileURL(path string) string {
	abs, err := filepath.Abs(path)
	if err != nil {
		panic(err)
	}
	return (&url.URL{Scheme: "file", Path: filepath.ToSlash(abs)}).String()
}

// settle waits until every event the page sent before now has been seen:
// a console message round-trips through the same ordered stream.
func settle(t *testing.T, ctx context.Context) {
	t.Helper()
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`void 0`)); err != nil {
		t.Fatal(err)
	}
}

// checkQuiet fails on any console problem, dialog, or request for
// anything but the page itself and the allowed local files.
func checkQuiet(t *testing.T, ctx context.Context, path string, pl *pageLog, allowed ...string) {
	t.Helper()
	settle(t, ctx)
	pl.mu.Lock()
	defer pl.mu.Unlock()
	for _, p := range pl.problems {
		t.Errorf("%s: %s", filepath.Base(path), p)
	}
	for _, d := range pl.dialogs {
		t.Errorf("%s: a script ran: %s", filepath.Base(path), d)
	}
	ok := map[string]bool{fileURL(path): true}
	for _, a := range allowed {
		ok[fileURL(a)] = true
	}
	for _, u := range pl.requests {
		if !ok[u] && !strings.HasPrefix(u, "data:") {
			t.Errorf("%s: requested %s", filepath.Base(path), u)
		}
	}
	if len(pl.requests) == 0 {
		t.Errorf("%s: saw no request at all, not even for the page: the network listener is broken", filepath.Base(path))
	}
}

// pageFacts is what a script reads from a rendered page.
type pageFacts struct {
	Visible        map[string]bool `json:"visible"`
	Count          map[string]int  `json:"count"`
	ScrollWidth    float64         `json:"scrollWidth"`
	ClientWidth    float64         `json:"clientWidth"`
	Overflowing    []string        `json:"overflowing"`
	Background     string          `json:"background"`
	FigureFilter   string          `json:"figureFilter"`
	TaskNames      []string        `json:"taskNames"`
	Lines          []string        `json:"lines"`
	Title          string          `json:"title"`
	ImagesLoaded   int             `json:"imagesLoaded"`
	ScriptElements int             `json:"scriptElements"`
}

const factsJS = `(() => {
  const sels = ["h1", "figure svg", "table.summary", "table.tasks", "table.lines", "pre.code", ".gallery .card", ".thumb img"];
  const visible = {}, count = {};
  for (const s of sels) {
    const all = [...document.querySelectorAll(s)];
    count[s] = all.length;
    visible[s] = all.length > 0 && all.every(e => {
      const r = e.getBoundingClientRect(), st = getComputedStyle(e);
      return r.width > 2 && r.height > 2 && st.visibility !== "hidden" && st.display !== "none" && Number(st.opacity) > 0;
    });
  }
  // Anything wider than the page, outside a scrolling box, is clipped.
  const W = document.documentElement.clientWidth, overflowing = [];
  for (const e of document.querySelectorAll("body *")) {
    if (e.closest(".scroll, pre") || e.closest("svg") && e.tagName.toLowerCase() !== "svg") continue;
    const r = e.getBoundingClientRect();
    if (r.width > 0 && (r.right > W + 1 || r.left < -1)) overflowing.push(e.tagName.toLowerCase() + (e.className && typeof e.className === "string" ? "." + e.className : "") + " " + Math.round(r.left) + ".." + Math.round(r.right));
  }
  for (const e of document.querySelectorAll(".scroll, pre")) {
    const r = e.getBoundingClientRect();
    if (r.right > W + 1) overflowing.push("scroll box " + Math.round(r.right));
  }
  const svg = document.querySelector("figure svg");
  return {
    visible, count, overflowing,
    scrollWidth: document.documentElement.scrollWidth, clientWidth: W,
    background: getComputedStyle(document.body).backgroundColor,
    figureFilter: svg ? getComputedStyle(svg).filter : "",
    taskNames: [...document.querySelectorAll("table.tasks tbody th")].map(e => e.firstChild.textContent),
    lines: [...document.querySelectorAll("table.lines samp")].map(e => e.textContent),
    title: document.title,
    imagesLoaded: [...document.images].filter(i => i.complete && i.naturalWidth > 0).length,
    scriptElements: document.scripts.length,
  };
})()`

func readFacts(t *testing.T, ctx context.Context) pageFacts {
	t.Helper()
	f, err := chromedp.Run(ctx, chromedp.Evaluate[pageFacts](factsJS))
	if err != nil {
		t.Fatalf("reading the page: %v", err)
	}
	return f
}

// screenshot takes a full-page screenshot, fails if it is blank, and
// saves it into $ASYNCGANTT_SHOTS when set.
func screenshot(t *testing.T, ctx context.Context, name string) {
	t.Helper()
	buf, err := chromedp.Run(ctx, chromedp.FullScreenshot(100))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	img, err := png.Decode(bytes.NewReader(buf))
	if err != nil {
		t.Fatalf("screenshot: %v", err)
	}
	if colours, inked := inkStats(img); colours < 16 || inked < 0.02 {
		t.Errorf("screenshot %s looks blank: %d colours, %.1f%% of pixels differ from the background", name, colours, 100*inked)
	}
	if dir := os.Getenv("ASYNCGANTT_SHOTS"); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(dir, name+".png"), buf, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

// inkStats samples an image and returns how many distinct colours it has
// and the share of pixels that differ from its top-left pixel.
func inkStats(img image.Image) (colours int, inked float64) {
	b := img.Bounds()
	bg := img.At(b.Min.X, b.Min.Y)
	br, bgc, bb, _ := bg.RGBA()
	seen := map[[3]uint32]bool{}
	n, diff := 0, 0
	for y := b.Min.Y; y < b.Max.Y; y += 3 {
		for x := b.Min.X; x < b.Max.X; x += 3 {
			r, g, bl, _ := img.At(x, y).RGBA()
			seen[[3]uint32{r >> 8, g >> 8, bl >> 8}] = true
			n++
			if r != br || g != bgc || bl != bb {
				diff++
			}
		}
	}
	return len(seen), float64(diff) / float64(max(n, 1))
}

// luminance returns the relative brightness, 0..255, of a CSS rgb() colour.
func luminance(t *testing.T, css string) float64 {
	t.Helper()
	var r, g, b float64
	if _, err := fmt.Sscanf(css, "rgb(%g, %g, %g)", &r, &g, &b); err != nil {
		t.Fatalf("colour %q: %v", css, err)
	}
	return 0.2126*r + 0.7152*g + 0.0722*b
}

// TestBrowser opens the gallery's reports and index, and reports of
// hostile input, in headless Chromium.
func TestBrowser(t *testing.T) {
	bctx := startBrowser(t)
	dir := t.TempDir()
	if _, stderr, code := runCLI(t, "--out", dir, "-q"); code != 0 {
		t.Fatalf("gallery: exit %d: %s", code, stderr)
	}
	report := filepath.Join(dir, "async-basics.html")

	t.Run("DetectorsWork", func(t *testing.T) {
		// A page that does everything the reports must not: the checks
		// below must see it, or their silence means nothing.
		bad := filepath.Join(t.TempDir(), "bad.html")
		os.WriteFile(bad, []byte(`<!DOCTYPE html><title>bad</title><img src="x.png"><script>alert(1); console.error("oops"); nope();</script>`), 0o644)
		ctx, pl := openPage(t, bctx, bad, desktopLight)
		settle(t, ctx)
		pl.mu.Lock()
		defer pl.mu.Unlock()
		if got := strings.Join(pl.dialogs, ";"); got != "alert(1)" {
			t.Errorf("dialogs = %q, want alert(1)", got)
		}
		if !anyHasPrefix(pl.requests, "file://") || len(pl.requests) < 2 {
			t.Errorf("requests = %q, want the page and x.png", pl.requests)
		}
		if p := strings.Join(pl.problems, "\n"); !strings.Contains(p, "oops") || !strings.Contains(p, "nope") {
			t.Errorf("problems = %q, want the console error and the exception", p)
		}
	})

	t.Run("CSPBlocks", func(t *testing.T) {
		// The reports' policy: an inline script and a remote image are
		// refused, and the refusal is seen as a problem.
		page := filepath.Join(t.TempDir(), "csp.html")
		os.WriteFile(page, []byte(`<!DOCTYPE html><meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'"><title>csp</title><img src="https://example.invalid/x.png"><script>alert(1)</script>`), 0o644)
		ctx, pl := openPage(t, bctx, page, desktopLight)
		settle(t, ctx)
		pl.mu.Lock()
		defer pl.mu.Unlock()
		if len(pl.dialogs) != 0 {
			t.Errorf("the policy let a script run: %q", pl.dialogs)
		}
		if p := strings.Join(pl.problems, "\n"); !strings.Contains(p, "Content Security Policy") {
			t.Errorf("problems = %q, want the policy's refusals", p)
		}
	})

	for _, v := range []view{desktopLight, desktopDark, phone, paper} {
		t.Run("Report/"+v.name, func(t *testing.T) {
			ctx, pl := openPage(t, bctx, report, v)
			f := readFacts(t, ctx)
			checkQuiet(t, ctx, report, pl)
			for _, sel := range []string{"h1", "figure svg", "table.summary", "table.tasks", "table.lines", "pre.code"} {
				if !f.Visible[sel] {
					t.Errorf("%s is not visible (found %d)", sel, f.Count[sel])
				}
			}
			if got, want := f.Count["table.tasks"], 3; got != want {
				t.Errorf("%d task tables, want %d (one per run)", got, want)
			}
			if got, want := f.Count["table.lines"], 3; got != want {
				t.Errorf("%d transcripts, want %d (one per run)", got, want)
			}
			if f.ScrollWidth > f.ClientWidth {
				t.Errorf("the page is %v px wide in a %v px window: it scrolls sideways", f.ScrollWidth, f.ClientWidth)
			}
			for _, o := range f.Overflowing {
				t.Errorf("overflows the page: %s", o)
			}
			if f.ScriptElements != 0 {
				t.Errorf("the report has %d script elements, want none", f.ScriptElements)
			}
			switch {
			case v.dark:
				if l := luminance(t, f.Background); l > 60 {
					t.Errorf("dark mode background %s is not dark", f.Background)
				}
				if !strings.Contains(f.FigureFilter, "invert") {
					t.Errorf("dark mode figure filter = %q, want it inverted", f.FigureFilter)
				}
			default:
				if l := luminance(t, f.Background); l < 200 {
					t.Errorf("background %s is not light", f.Background)
				}
				if f.FigureFilter != "none" {
					t.Errorf("figure filter = %q, want none", f.FigureFilter)
				}
			}
			screenshot(t, ctx, "async-basics-"+v.name)
		})
	}

	for _, v := range []view{desktopLight, desktopDark, phone} {
		t.Run("Index/"+v.name, func(t *testing.T) {
			index := filepath.Join(dir, "index.html")
			ctx, pl := openPage(t, bctx, index, v)
			f := readFacts(t, ctx)
			// Thumbnails are the gallery's own SVG files, one per built-in
			// scenario.
			var thumbs []string
			for _, n := range scenarios.Builtins() {
				thumbs = append(thumbs, filepath.Join(dir, n+".svg"))
			}
			checkQuiet(t, ctx, index, pl, thumbs...)
			if got, want := f.Count[".gallery .card"], len(thumbs); got != want || !f.Visible[".gallery .card"] {
				t.Errorf("%d cards (visible: %v), want %d", got, f.Visible[".gallery .card"], want)
			}
			if got, want := f.ImagesLoaded, len(thumbs); got != want {
				t.Errorf("%d thumbnails loaded, want %d", got, want)
			}
			if f.ScrollWidth > f.ClientWidth {
				t.Errorf("the page is %v px wide in a %v px window", f.ScrollWidth, f.ClientWidth)
			}
			screenshot(t, ctx, "index-"+v.name)
		})
	}

	t.Run("HostileText", func(t *testing.T) {
		hostile := filepath.Join(t.TempDir(), "hostile.html")
		writeHostileReport(t, hostile)
		ctx, pl := openPage(t, bctx, hostile, desktopLight)
		f := readFacts(t, ctx)
		checkQuiet(t, ctx, hostile, pl)
		if !slices.Contains(f.TaskNames, hostileTask) {
			t.Errorf("task names %q lack %q as text", f.TaskNames, hostileTask)
		}
		if !slices.Contains(f.Lines, hostileLine) {
			t.Errorf("transcript lines %q lack %q as text", f.Lines, hostileLine)
		}
		if f.Title != hostileTitle {
			t.Errorf("title = %q, want %q", f.Title, hostileTitle)
		}
		if f.ScriptElements != 0 || f.Count[".thumb img"] != 0 {
			t.Errorf("hostile text made elements: %d scripts", f.ScriptElements)
		}
		imgs, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("img, script, iframe, object, embed").length`))
		if err != nil || imgs != 0 {
			t.Errorf("hostile text made %d img/script/iframe elements (%v)", imgs, err)
		}
		screenshot(t, ctx, "hostile")
	})

	t.Run("HostileScenario", func(t *testing.T) {
		// The same through the command line: a scenario file whose text
		// and printed lines are markup.
		d := t.TempDir()
		src := filepath.Join(d, "hostile.yaml")
		os.WriteFile(src, []byte(`title: "</title><script>alert(6)</script>"
description: "<img src=x onerror=alert(7)> & </p>"
tasks:
  A:
    - print: "`+hostileLine+`"
    - sleep: 1s
runs:
  "Run <b>1</b>":
    - gather: [A]
`), 0o644)
		if _, stderr, code := runCLI(t, "run", src, "--out", d, "--format", "html", "-q"); code != 0 {
			t.Fatalf("exit %d: %s", code, stderr)
		}
		out := filepath.Join(d, "hostile.html")
		ctx, pl := openPage(t, bctx, out, desktopLight)
		f := readFacts(t, ctx)
		checkQuiet(t, ctx, out, pl)
		if !slices.Contains(f.Lines, hostileLine) {
			t.Errorf("transcript lines %q lack %q as text", f.Lines, hostileLine)
		}
		if f.Title != "</title><script>alert(6)</script>" {
			t.Errorf("title = %q", f.Title)
		}
		n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("img, script, b").length`))
		if err != nil || n != 0 {
			t.Errorf("hostile text made %d img/script/b elements (%v)", n, err)
		}
	})
}

const (
	hostileTask  = `<img src=x onerror=alert(1)>`
	hostileLine  = `</script><script>alert(2)</script>`
	hostileTitle = `<script>alert(3)</script> "quoted" & 'single'`
)

// writeHostileReport writes a report of a trace whose every string is
// markup, as an imported trace could hold.
func writeHostileReport(t *testing.T, path string) {
	t.Helper()
	s := time.Second
	tr := &trace.Trace{
		Title:       hostileTitle,
		Description: `<iframe src="https://example.com"></iframe>`,
		Runs: []*trace.Run{{
			Name:  `"><svg onload=alert(4)>`,
			Total: 2 * s,
			Lanes: []*trace.Lane{
				{Name: "event loop", Kind: trace.LoopLane, End: 2 * s, Intervals: []trace.Interval{{State: trace.Idle, End: 2 * s}}},
				{Name: hostileTask, End: 2 * s, Intervals: []trace.Interval{{State: trace.Waiting, End: 2 * s, Detail: `<a href="javascript:alert(5)">x</a>`}},
					Outcome: &trace.Outcome{Kind: trace.Raised, Value: `ValueError: <img src=x onerror=alert(8)>`}},
			},
			Logs:     []trace.Log{{At: s, Lane: 2, Text: hostileLine}, {At: 2 * s, Text: `<style>body{display:none}</style>`, Stderr: true}},
			Error:    `<script>alert(9)</script>`,
			Warnings: []string{`<img src=x onerror=alert(10)>`},
		}},
	}
	fig, err := render.Layout(tr, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	err = html.Write(&b, &html.Report{
		Title: tr.Title, Description: tr.Description, Trace: tr, Figure: fig,
		Source: "tasks: {A: 1s}\n# </pre><script>alert(11)</script>\n", SourceName: `<b>x</b>.yaml`,
		Python: "print('</code></pre><script>alert(12)</script>')\n",
	})
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func anyHasPrefix(list []string, prefix string) bool {
	for _, x := range list {
		if strings.HasPrefix(x, prefix) {
			return true
		}
	}
	return false
}

// TestBrowserWatchReload renders a scenario as watch mode does, opens its
// report, renders a changed scenario, and checks that the page reloads
// itself, under its own Content-Security-Policy, with no console error.
func TestBrowserWatchReload(t *testing.T) {
	bctx := startBrowser(t)
	dir := t.TempDir()
	path := filepath.Join(dir, "lesson.yaml")
	var o outputOptions
	fs := newFlags("watch", "", io.Discard)
	o.register(fs)
	if err := fs.Parse([]string{"--out", dir, "--format", "svg,html"}); err != nil {
		t.Fatal(err)
	}
	render := func(src string) {
		t.Helper()
		if err := os.WriteFile(path, []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		if err := watchRender(context.Background(), path, []byte(src), o, io.Discard, io.Discard); err != nil {
			t.Fatal(err)
		}
	}
	render("tasks: {A: 2s}\nruns:\n  R: [{await: A}]\n")
	report := filepath.Join(dir, "lesson.html")
	ctx, pl := openPage(t, bctx, report, desktopLight)
	if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](`window.beforeSave = true; void 0`)); err != nil {
		t.Fatal(err)
	}
	render("tasks: {A: 3s}\nruns:\n  R: [{await: A}]\n")
	deadline := time.Now().Add(20 * time.Second)
	for {
		reloaded, err := chromedp.Run(ctx, chromedp.Evaluate[bool](`window.beforeSave === undefined && document.readyState === "complete"`))
		if err == nil && reloaded {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the report did not reload within 20 s of the save; problems: %v", pl.problems)
		}
		time.Sleep(200 * time.Millisecond)
	}
	text, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.querySelector("main").textContent`))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(text, "3.0") {
		t.Errorf("the reloaded report does not show the new 3 s total")
	}
	// A save that does not run: the page reloads and shows the problem
	// above the last good figure.
	good, err := watchRenderJob(context.Background(), path, []byte("tasks: {A: 3s}\nruns:\n  R: [{await: A}]\n"), o, io.Discard, io.Discard)
	if err != nil {
		t.Fatal(err)
	}
	bad := "tasks: {A: 3s}\nruns:\n  R: [{slep: 1s}]\n"
	_, failed := watchRenderJob(context.Background(), path, []byte(bad), o, io.Discard, io.Discard)
	if failed == nil {
		t.Fatal("an invalid scenario rendered")
	}
	if err := writeWatchAlert(good, failed, io.Discard); err != nil {
		t.Fatal(err)
	}
	deadline = time.Now().Add(20 * time.Second)
	for {
		alert, err := chromedp.Run(ctx, chromedp.Evaluate[string](`(document.querySelector("[role=alert]") || {}).textContent || ""`))
		if err == nil && strings.Contains(alert, `unknown step "slep"`) {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the report did not show the failed save within 20 s; problems: %v", pl.problems)
		}
		time.Sleep(200 * time.Millisecond)
	}
	if n, err := chromedp.Run(ctx, chromedp.Evaluate[int](`document.querySelectorAll("figure svg").length`)); err != nil || n != 1 {
		t.Errorf("the report of a failed save shows %d figures (%v), want the last good one", n, err)
	}
	screenshot(t, ctx, "watch-failed-save")
	settle(t, ctx)
	pl.mu.Lock()
	defer pl.mu.Unlock()
	if len(pl.problems) > 0 {
		t.Errorf("console problems in watch mode: %v", pl.problems)
	}
}
