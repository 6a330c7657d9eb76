package html

import (
	"bytes"
	"crypto/sha256"
	"embed"
	"encoding/base64"
	"errors"
	"fmt"
	"html/template"
	"io"
	"math"
	"strconv"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/render/svg"
	"github.com/asyncgantt/asyncgantt/trace"
)

func init() {
	render.RegisterFigureFormat("html", []string{".html", ".htm"}, func(w io.Writer, fig *render.Figure, d *render.Document) error {
		r := &Report{Title: d.Title, Description: d.Description, Trace: d.Trace, Figure: fig,
			Source: d.Source, SourceName: d.SourceName, Python: d.Python, AllRows: d.Options.Exact, Baseline: d.Options.Baseline,
			Script: d.Script, ScriptSources: d.ScriptSources, Alert: d.Alert}
		if r.Title == "" {
			r.Title = d.Trace.Title
		}
		if r.Description == "" {
			r.Description = d.Trace.Description
		}
		return Write(w, r)
	})
}

// Report is everything a self-contained HTML report shows about one
// scenario file or imported trace.
type Report struct {
	// Title heads the page, e.g. "Async basics".
	Title string
	// Description is a paragraph under the title; may be empty.
	Description string
	// Trace is what was recorded; its runs give the tables and transcripts.
	Trace *trace.Trace
	// Figure is the laid-out comparison figure, inlined as SVG.
	Figure *render.Figure
	// Source is the scenario file's text; empty for an imported trace.
	Source string
	// SourceName names the source, e.g. "async-basics.yaml"; shown beside
	// it.
	SourceName string
	// Python is the equivalent Python program; the section is left out
	// when empty.
	Python string
	// Baseline names the run the others are compared with, as
	// render.Options.Baseline does: "" for the default, render.BaselineNone
	// for no comparison.
	Baseline string
	// Alert, when not "", is a problem the page states above its figure,
	// such as watch mode's save that does not run; the figure is then the
	// last good one.
	Alert string
	// AllRows lists every task and every printed line of a run, however
	// many. Otherwise each run's tables stop at MaxReportRows rows and say
	// how many they leave out, so a run of a million tasks gives a page a
	// browser can open.
	AllRows bool
	// Script, when not "", is JavaScript the page runs, in a <script>
	// element at the end of its body, such as watch mode's reload script.
	// The page's Content-Security-Policy allows exactly this script, by
	// its SHA-256 hash, and scripts loaded from ScriptSources (CSP source
	// expressions, e.g. "'self'" or "file:"). It must not contain
	// "</script". A report without a script allows none.
	Script        string
	ScriptSources []string
}

// MaxReportRows is how many rows a report's task table and transcript of
// one run list at most, unless Report.AllRows is set; with many runs
// detailed, each lists fewer (see MaxReportTotalRows).
const MaxReportRows = 1000

// The other bounds of a report, so that its size follows what a reader
// can take in, not the input's (unless Report.AllRows is set):
const (
	// MaxReportRuns is how many runs get a section of their own (their
	// tables and transcript); the summary table lists up to
	// MaxReportRows runs, and the page says how many it leaves out.
	MaxReportRuns = 50
	// MaxReportTotalRows is how many rows the runs' tables list all
	// together: each run's tables list MaxReportTotalRows divided by the
	// runs detailed, between MaxReportRows/10 and MaxReportRows.
	MaxReportTotalRows = 20000
	// MaxCellRunes is the longest text a table cell shows (a printed
	// line, a result, a name), in characters; a longer one is cut and
	// says how much it leaves out.
	MaxCellRunes = 2000
	// MaxListingLines and MaxListingBytes bound the listings of the
	// scenario and of the Python program: a listing stops at whichever
	// comes first and says what it leaves out.
	MaxListingLines = 5000
	MaxListingBytes = 512 << 10
)

// Gallery is an index page linking reports, each with a thumbnail.
type Gallery struct {
	// Title heads the page, e.g. "asyncgantt gallery".
	Title string
	// Description is a paragraph under the title; may be empty.
	Description string
	// Entries are listed in order.
	Entries []GalleryEntry
}

// GalleryEntry is one report in a Gallery.
type GalleryEntry struct {
	// Title and Description describe the report.
	Title, Description string
	// Href is the report's URL relative to the index, e.g.
	// "async-basics.html".
	Href string
	// Thumbnail is the URL of the figure's image relative to the index,
	// e.g. "async-basics.svg"; empty for none.
	Thumbnail string
	// Theme names the figure's theme, "" for "light": a light figure's
	// thumbnail is shown inverted in dark mode.
	Theme string
	// Files lists other files worth linking, e.g. the SVG, by URL relative
	// to the index; their base names label the links.
	Files []string
}

// Write writes r as one self-contained HTML document: inline CSS and SVG,
// no script unless r.Script, and a Content-Security-Policy that forbids
// loading anything else. The document is built in memory and written with
// one call, so w receives all of it or an error is returned. The same
// report gives the same bytes.
func Write(w io.Writer, r *Report) error {
	if r.Trace == nil || r.Figure == nil {
		return errors.New("html report: a trace and its figure are required")
	}
	if strings.Contains(strings.ToLower(r.Script), "</script") {
		return errors.New("html report: the script holds </script, which would end its element early")
	}
	for _, src := range r.ScriptSources {
		if !cspSource(src) {
			return fmt.Errorf("html report: script source %q is not one CSP source expression, such as file: or 'self'", src)
		}
	}
	svg, err := inlineSVG(r.Figure)
	if err != nil {
		return err
	}
	v, err := newReportView(r, svg)
	if err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, "report.html.tmpl", v); err != nil {
		return fmt.Errorf("html report: %w", err)
	}
	_, err = w.Write(buf.Bytes())
	return err
}

// WriteGallery writes g as a self-contained HTML index page. Thumbnails
// are images loaded from the same directory; nothing else is loaded.
func WriteGallery(w io.Writer, g *Gallery) error {
	v := galleryView{Gallery: g, CSS: pageCSS}
	for _, e := range g.Entries {
		ev := galleryEntryView{GalleryEntry: e, Invert: true}
		if e.Theme != "" {
			th, err := render.LookupTheme(e.Theme)
			if err != nil {
				return fmt.Errorf("html gallery: %s: %w", e.Title, err)
			}
			ev.Invert = isLight(th)
		}
		for _, f := range e.Files {
			ev.Links = append(ev.Links, link{Href: f, Text: f[strings.LastIndexByte(f, '/')+1:]})
		}
		v.Entries = append(v.Entries, ev)
	}
	var buf bytes.Buffer
	if err := templates.ExecuteTemplate(&buf, "gallery.html.tmpl", v); err != nil {
		return fmt.Errorf("html gallery: %w", err)
	}
	_, err := w.Write(buf.Bytes())
	return err
}

//go:embed templates
var templateFS embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"add1": func(i int) int { return i + 1 },
}).ParseFS(templateFS, "templates/*.tmpl"))

// pageCSS is the pages' stylesheet, inlined in every page.
var pageCSS = func() template.CSS {
	b, err := templateFS.ReadFile("templates/page.css")
	if err != nil {
		panic(err) // embedded above
	}
	return template.CSS(b)
}()

// inlineSVG renders the figure and returns it for inlining in HTML: the
// SVG element alone, without the XML prologue and the generator comment.
// It is the only markup a report inserts unescaped, and it comes from this
// package's own emitter, which escapes every text and attribute.
func inlineSVG(f *render.Figure) (template.HTML, error) {
	var buf bytes.Buffer
	if err := svg.Write(&buf, f); err != nil {
		return "", err
	}
	b := buf.Bytes()
	i := bytes.Index(b, []byte("<svg"))
	if i < 0 {
		return "", errors.New("html report: the SVG emitter wrote no <svg> element")
	}
	return template.HTML(bytes.TrimSpace(b[i:])), nil
}

// reportView is what the report template reads. Every text from the
// trace or the report's fields is in it made safe to show (safetext) and
// cut to the report's bounds; the template escapes it for HTML.
type reportView struct {
	*Report
	// Title, Description and SourceName are the report's, made safe.
	Title, Description, SourceName string
	CSS                            template.CSS
	SVG                            template.HTML
	Invert                         bool // the figure is light: invert it in dark mode
	// Message says the figure's message, e.g. "Sequential 6.0 s, ...".
	Message   string
	ClockNote string
	// Unit is the unit of every time in the tables, e.g. "s".
	Unit string
	// Baseline names the run the others are compared with; "" for none.
	Baseline string
	Runs     []runView
	// Cut says a run's tables leave rows out; CutRows is how many they
	// keep at most, e.g. "1,000".
	Cut     bool
	CutRows string
	// Runs are the runs the summary lists, Sections those detailed
	// below it; RunsLeft and DetailsLeft say what they leave out, or "".
	Sections              []runView
	RunsLeft, DetailsLeft string
	// Source and Python are the listings' lines; SourceLeft and
	// PythonLeft say what they leave out, or "".
	Source, Python         []string
	SourceLeft, PythonLeft string
	// Script is the report's script, and ScriptSrc the policy's
	// script-src sources that allow it: its hash, and its sources.
	Script    template.JS
	ScriptSrc string
}

type runView struct {
	ID, Name           string
	Total, Compare     string
	CompareLong        template.HTML
	LoopBusy, LoopIdle string
	HasLoop            bool
	Tasks, Lines       int
	Error              string
	Interrupted        bool
	Warnings           []string
	TaskRows           []taskRow
	Logs               []logRow
	// TasksLeft and LinesLeft say what the tables leave out, or "".
	TasksLeft, LinesLeft     string
	LoopBusyPct, LoopIdlePct string
}

type taskRow struct {
	Name, Parent                       string
	Start, End, Duration               string
	Running, Waiting, Ready, Blocked   string
	Result, ResultClass, ResultKindTxt string
	// CaughtBy names the lane whose try/except caught an exception: set
	// apart from the result, so that a result in a right-to-left script
	// cannot move the words around it (the template isolates each).
	CaughtBy string
}

type logRow struct {
	At, Lane, Text string
	Stderr         bool
}

type link struct{ Href, Text string }

type galleryView struct {
	*Gallery
	CSS     template.CSS
	Entries []galleryEntryView
}

type galleryEntryView struct {
	GalleryEntry
	Invert bool // a light thumbnail: invert it in dark mode
	Links  []link
}

func newReportView(r *Report, figure template.HTML) (*reportView, error) {
	t := r.Trace
	stats, err := render.Stats(t, r.Baseline)
	if err != nil {
		return nil, err
	}
	msg := render.MessageOf(t, stats)
	v := &reportView{
		Report:      r,
		Title:       cell(r.Title),
		Description: cut(r.Description, safetext.Text, 5*MaxCellRunes),
		SourceName:  cell(r.SourceName),
		CSS:         pageCSS,
		SVG:         figure,
		Invert:      isLight(r.Figure.Theme),
		Message:     safetext.Line(msg),
	}
	v.Source, v.SourceLeft = listing(r.Source, r.AllRows, "the scenario file has them all")
	v.Python, v.PythonLeft = listing(r.Python, r.AllRows, "asyncgantt python writes the whole program")
	if r.Script != "" {
		// The script is trusted code, inserted as it is (Write refused
		// one that could end its element).
		v.Script = template.JS(r.Script)
		sum := sha256.Sum256([]byte(r.Script))
		v.ScriptSrc = strings.Join(append([]string{"'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "'"}, r.ScriptSources...), " ")
	}
	if t.Clock == trace.Measured {
		v.ClockNote = "Times were measured on a real clock."
	} else {
		v.ClockNote = "Times are virtual: computed exactly by a model of CPython's asyncio event loop, without waiting."
	}
	clk := newClockFormat(t.Span())
	v.Unit = clk.unit
	// How many runs are listed and detailed, and how many rows each of
	// their tables lists.
	listed, detailed, limit := len(t.Runs), len(t.Runs), math.MaxInt
	if !r.AllRows {
		listed, detailed = min(listed, MaxReportRows), min(detailed, MaxReportRuns)
		limit = min(MaxReportRows, max(MaxReportRows/10, MaxReportTotalRows/max(1, detailed)))
	}
	v.CutRows = render.FormatCount(min(limit, MaxReportRows))
	if n := len(t.Runs); listed < n {
		v.RunsLeft = fmt.Sprintf("The first %s of %s runs; the other %s are left out to keep the page small (the Chrome trace export lists every run).", render.FormatCount(listed), render.FormatCount(n), render.FormatCount(n-listed))
	}
	if n := len(t.Runs); detailed < n {
		v.DetailsLeft = fmt.Sprintf("The first %s of %s runs have a section of their own below.", render.FormatCount(detailed), render.FormatCount(n))
	}
	for i, st := range stats {
		if st.IsBaseline {
			v.Baseline = cell(t.Runs[i].Name)
		}
	}
	for i, run := range t.Runs[:listed] {
		rv := newRunView(run, stats, i, clk, limit, i < detailed)
		v.Cut = v.Cut || rv.TasksLeft != "" || rv.LinesLeft != ""
		v.Runs = append(v.Runs, rv)
		if i < detailed {
			v.Sections = append(v.Sections, rv)
		}
	}
	return v, nil
}

// newRunView returns what the report shows of one run: a row of the
// summary and, when detailed, its tables of at most limit rows each.
func newRunView(run *trace.Run, stats []render.RunStats, i int, clk clockFormat, limit int, detailed bool) runView {
	st := stats[i]
	rv := runView{
		Name:        cell(run.Name),
		Total:       render.FormatDuration(st.Total),
		HasLoop:     st.HasLoop,
		Lines:       len(run.Logs),
		Error:       cell(run.Error),
		Interrupted: run.Interrupted,
	}
	if detailed {
		rv.ID = "run-" + strconv.Itoa(i+1)
	}
	switch {
	case st.IsBaseline:
		rv.Compare = "baseline"
	case st.SpeedUp > 0:
		rv.Compare = render.SpeedUpText(st.SpeedUp)
		// Our words around the baseline's name, isolated: a name in a
		// right-to-left script cannot move the words or the number.
		rv.CompareLong = template.HTML(render.CompareText(st.SpeedUp, "<bdi>"+template.HTMLEscapeString(cell(st.Baseline))+"</bdi>"))
	case st.Ended != "" && render.Comparing(stats):
		rv.Compare = "not compared: " + st.Ended
	default:
		rv.Compare = "—"
	}
	if st.HasLoop {
		rv.LoopBusy, rv.LoopBusyPct = render.FormatDuration(st.LoopBusy), share(st.LoopBusy, st.Total)
		rv.LoopIdle, rv.LoopIdlePct = render.FormatDuration(st.LoopIdle), share(st.LoopIdle, st.Total)
	}
	for _, ln := range run.Lanes {
		if ln.Kind == trace.TaskLane {
			rv.Tasks++
		}
	}
	if !detailed {
		return rv
	}
	for _, w := range run.Warnings[:min(len(run.Warnings), limit)] {
		rv.Warnings = append(rv.Warnings, cell(w))
	}
	for _, ln := range run.Lanes {
		if ln.Kind == trace.TaskLane && len(rv.TaskRows) < limit {
			rv.TaskRows = append(rv.TaskRows, newTaskRow(run, ln, clk))
		}
	}
	for _, lg := range run.Logs[:min(len(run.Logs), limit)] {
		rv.Logs = append(rv.Logs, logRow{At: clk.at(lg.At), Lane: cell(run.LaneName(lg.Lane)), Text: cell(lg.Text), Stderr: lg.Stderr})
	}
	if n := len(rv.TaskRows); n < rv.Tasks {
		rv.TasksLeft = fmt.Sprintf("The first %s of %s tasks; the other %s are left out to keep the page small (the Chrome trace export lists every task).", render.FormatCount(n), render.FormatCount(rv.Tasks), render.FormatCount(rv.Tasks-n))
	}
	if n := len(rv.Logs); n < rv.Lines {
		rv.LinesLeft = fmt.Sprintf("The first %s of %s lines printed; the other %s are left out to keep the page small.", render.FormatCount(n), render.FormatCount(rv.Lines), render.FormatCount(rv.Lines-n))
	}
	if n := len(run.Warnings); len(rv.Warnings) < n {
		rv.Warnings = append(rv.Warnings, fmt.Sprintf("… and %s more", render.FormatCount(n-len(rv.Warnings))))
	}
	return rv
}

// cell returns a text from the trace as a table cell, or any one-line
// place of the page, shows it: on one line, with the characters that
// could reorder or hide text made visible (safetext.Line), cut after
// MaxCellRunes characters with a note saying how many more there are.
func cell(s string) string { return cut(s, safetext.Line, MaxCellRunes) }

// cut returns s made safe by clean, cut after n characters with a note
// saying how many more there are.
func cut(s string, clean func(string) string, n int) string {
	if len(s) > n {
		if head := render.FirstRunes(s, n); len(head) < len(s) {
			return clean(head) + fmt.Sprintf(" … (%s more characters)", render.FormatCount(utf8.RuneCountInString(s[len(head):])))
		}
	}
	return clean(s)
}

// listing splits a listed text (the scenario, the Python program) into
// its lines, each made safe to show (safetext.Text; a tab is kept), and,
// unless all is set, cuts a line after MaxCellRunes characters and stops
// after MaxListingLines lines or MaxListingBytes bytes: then left says
// what is left out, and where to find it (where).
func listing(text string, all bool, where string) (ls []string, left string) {
	ls = lines(text)
	if all {
		for i, l := range ls {
			ls[i] = safetext.Text(l)
		}
		return ls, ""
	}
	size := 0
	for i, l := range ls {
		l = cut(l, safetext.Text, MaxCellRunes)
		if i == MaxListingLines || size+len(l)+1 > MaxListingBytes {
			left = fmt.Sprintf("The first %s of %s lines (%s of %s); the rest is left out to keep the page small: %s.",
				render.FormatCount(i), render.FormatCount(len(ls)), byteSize(size), byteSize(len(text)), where)
			ls = ls[:i]
			break
		}
		ls[i] = l
		size += len(l) + 1
	}
	return ls, left
}

// byteSize writes a number of bytes for a reader, e.g. "512 KiB".
func byteSize(n int) string {
	switch {
	case n >= 10<<20:
		return fmt.Sprintf("%d MiB", n>>20)
	case n >= 10<<10:
		return fmt.Sprintf("%d KiB", n>>10)
	}
	return render.FormatCount(n) + " bytes"
}

func newTaskRow(r *trace.Run, ln *trace.Lane, clk clockFormat) taskRow {
	row := taskRow{
		Name:     cell(ln.Name),
		Parent:   cell(r.LaneName(ln.Parent)),
		Start:    clk.at(ln.Start),
		End:      clk.at(ln.End),
		Duration: clk.at(ln.End - ln.Start),
		Running:  clk.span(ln.Time(trace.Running)),
		Waiting:  clk.span(ln.Time(trace.Waiting)),
		Ready:    clk.span(ln.Time(trace.Ready)),
		Blocked:  clk.span(ln.Time(trace.Blocked)),
	}
	switch o := ln.Outcome; {
	case o == nil:
		row.End, row.Duration = "—", "—"
		row.Result, row.ResultClass, row.ResultKindTxt = "did not finish", "result-none", "unfinished"
	case o.Kind == trace.Returned:
		row.Result, row.ResultClass, row.ResultKindTxt = cell(o.Value), "result-ok", "returned"
	case o.Kind == trace.Raised:
		row.Result, row.ResultClass, row.ResultKindTxt = cell(o.Value), "result-error", "raised"
		if c := r.LaneName(o.CaughtBy); c != "" {
			row.CaughtBy = cell(c)
		}
	case o.Kind == trace.NeverAwaited:
		row.End, row.Duration = "—", "—"
		row.Result, row.ResultClass, row.ResultKindTxt = cell(o.Value), "result-none", "never awaited"
	case o.Kind == trace.Cancelled:
		row.Result, row.ResultClass, row.ResultKindTxt = "cancelled", "result-cancelled", "cancelled"
		if o.Value != "" {
			row.Result = cell(o.Value) // after the kind, "cancelled"
		}
	}
	return row
}

// clockFormat writes the times of one report in one unit with a fixed
// number of decimals, so table columns line up and compare.
type clockFormat struct {
	unit     string
	size     time.Duration
	decimals int
}

func newClockFormat(span time.Duration) clockFormat {
	switch u := render.UnitFor(span); u.Name {
	case "µs":
		return clockFormat{u.Name, u.Size, 1}
	case "ms":
		return clockFormat{u.Name, u.Size, 3}
	}
	return clockFormat{"s", time.Second, 3}
}

// at writes a point in time, e.g. "2.000".
func (c clockFormat) at(d time.Duration) string {
	return strconv.FormatFloat(float64(d)/float64(c.size), 'f', c.decimals, 64)
}

// span writes a duration, or "—" for none at all.
func (c clockFormat) span(d time.Duration) string {
	if d == 0 {
		return "—"
	}
	return c.at(d)
}

// share writes part as a whole percentage of total, e.g. "67%".
func share(part, total time.Duration) string {
	if total <= 0 {
		return "—"
	}
	return strconv.FormatFloat(100*float64(part)/float64(total), 'f', 0, 64) + "%"
}

// lines splits text into lines without their line breaks; no text gives
// no lines.
func lines(s string) []string {
	if s == "" {
		return nil
	}
	s = strings.TrimSuffix(strings.ReplaceAll(s, "\r\n", "\n"), "\n")
	return strings.Split(s, "\n")
}

// isLight reports whether the theme's background is light, judged by its
// relative luminance; a colour it cannot read counts as not light.
func isLight(t *render.Theme) bool {
	if t == nil {
		return false
	}
	c := strings.TrimPrefix(t.Background, "#")
	if len(c) == 3 {
		c = string([]byte{c[0], c[0], c[1], c[1], c[2], c[2]})
	}
	if len(c) != 6 {
		return false
	}
	n, err := strconv.ParseUint(c, 16, 32)
	if err != nil {
		return false
	}
	r, g, b := float64(n>>16&0xff), float64(n>>8&0xff), float64(n&0xff)
	return 0.2126*r+0.7152*g+0.0722*b > 128
}

// cspSource reports whether s is one source expression of a
// Content-Security-Policy directive: no spaces, semicolons, commas or
// quotes other than a keyword's ('self', 'none', ...), and nothing that
// could end the attribute it is written into.
func cspSource(s string) bool {
	if s == "" || strings.ContainsAny(s, " \t\n\r\f;,\"<>&") {
		return false
	}
	if strings.Contains(s, "'") {
		return len(s) > 2 && s[0] == '\'' && s[len(s)-1] == '\'' && !strings.Contains(s[1:len(s)-1], "'")
	}
	return true
}
