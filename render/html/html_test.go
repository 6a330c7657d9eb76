package html

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	stdhtml "html"
	"os"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
)

func sampleReport(t testing.TB, tr *trace.Trace) *Report {
	t.Helper()
	fig, err := render.Layout(tr, render.Options{})
	if err != nil {
		t.Fatal(err)
	}
	return &Report{
		Title: tr.Title, Description: "Two runs <compared> & more.", Trace: tr, Figure: fig,
		Source: "title: x\ntasks: {A: 1s}\n", SourceName: "sample.yaml",
	}
}

func renderHTML(t testing.TB, r *Report) string {
	t.Helper()
	var b bytes.Buffer
	if err := Write(&b, r); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// TestHTMLStructure checks the parts of a report and that nothing in it
// can load or run anything.
func TestHTMLStructure(t *testing.T) {
	page := renderHTML(t, sampleReport(t, testtrace.Sample("A")))
	head, _, ok := strings.Cut(page, "</head>")
	if !ok {
		t.Fatal("no </head>")
	}
	if i, j := strings.Index(head, `http-equiv="Content-Security-Policy"`), strings.Index(head, "<title>"); i < 0 || i > j {
		t.Errorf("the Content-Security-Policy must come before anything else in <head>")
	}
	if !strings.Contains(head, `content="default-src 'none'; style-src 'unsafe-inline'; font-src data:; base-uri 'none'; form-action 'none'"`) {
		t.Errorf("the policy is not the strict one:\n%s", head)
	}
	tests := []struct {
		name, pattern string
		want          int
	}{
		{"OneSVG", `<svg\b`, 1},
		{"NoXMLPrologue", `<\?xml`, 0},
		{"NoComment", `<!--`, 0},
		{"NoScript", `(?i)<script\b`, 0},
		{"NoEventHandler", `(?i)\son[a-z]+\s*=`, 0},
		{"NoRemoteURL", `(?i)(src|href)\s*=\s*"(https?:)?//`, 0},
		{"NoImage", `(?i)<(img|iframe|object|embed|link)\b`, 0},
		{"TaskTables", `<table class="tasks">`, 2},
		{"Transcripts", `<table class="lines">`, 1},
		{"SourceLines", `<span class="ln" id="L\d+">`, 2},
		{"NoPython", `id="python"`, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := len(regexp.MustCompile(tt.pattern).FindAllString(page, -1)); got != tt.want {
				t.Errorf("%d matches of %s, want %d", got, tt.pattern, tt.want)
			}
		})
	}
}

// TestHTMLEscapes checks that text from a trace or a scenario reaches the
// page as text, escaped once.
func TestHTMLEscapes(t *testing.T) {
	const evil = `<img src=x onerror=alert(1)>`
	tr := testtrace.Sample(evil)
	tr.Runs[0].Logs[0].Text = `</script><script>alert(2)</script>`
	tr.Runs[1].Name = `"><b>run</b>`
	r := sampleReport(t, tr)
	r.Source = "# </pre><script>alert(3)</script>\n"
	r.Python = "print('</code>')\n"
	r.SourceName = `<i>x</i>.yaml`
	page := renderHTML(t, r)
	for _, bad := range []string{evil, "<script", "<b>", "<i>", "</code>')"} {
		if strings.Contains(page, bad) {
			t.Errorf("page contains %q unescaped", bad)
		}
	}
	for _, good := range []string{
		`&lt;img src=x onerror=alert(1)&gt;`,                   // task name, in HTML and in the SVG
		`&lt;/script&gt;&lt;script&gt;alert(2)&lt;/script&gt;`, // transcript line
		`&#34;&gt;&lt;b&gt;run&lt;/b&gt;`,                      // run name
		`&lt;i&gt;x&lt;/i&gt;.yaml`,                            // source name
	} {
		if !strings.Contains(page, good) {
			t.Errorf("page lacks %q", good)
		}
	}
}

// TestHTMLDeterministic renders the same report twice.
func TestHTMLDeterministic(t *testing.T) {
	a := renderHTML(t, sampleReport(t, testtrace.Sample("A")))
	b := renderHTML(t, sampleReport(t, testtrace.Sample("A")))
	if a != b {
		t.Error("two renders of the same report differ")
	}
}

func TestHTMLNeedsTraceAndFigure(t *testing.T) {
	var b bytes.Buffer
	if err := Write(&b, &Report{Title: "x"}); err == nil {
		t.Error("Write without a trace and a figure returned no error")
	}
	if b.Len() != 0 {
		t.Errorf("Write wrote %d bytes on error", b.Len())
	}
}

// TestHTMLTaskRows checks the per-task numbers and outcomes.
func TestHTMLTaskRows(t *testing.T) {
	s, ms := time.Second, time.Millisecond
	lane := &trace.Lane{Name: "A", Start: 0, End: 3 * s, Intervals: []trace.Interval{
		{State: trace.Ready, End: 500 * ms},
		{State: trace.Running, Start: 500 * ms, End: s},
		{State: trace.Waiting, Start: s, End: 2 * s},
		{State: trace.Blocked, Start: 2 * s, End: 3 * s},
	}}
	clk := newClockFormat(3 * s)
	tests := []struct {
		name    string
		outcome *trace.Outcome
		result  string
		class   string
		end     string
	}{
		{"Returned", &trace.Outcome{Kind: trace.Returned, Value: "'a'"}, "'a'", "result-ok", "3.000"},
		{"Raised", &trace.Outcome{Kind: trace.Raised, Value: "ValueError: boom"}, "ValueError: boom", "result-error", "3.000"},
		{"Cancelled", &trace.Outcome{Kind: trace.Cancelled}, "cancelled", "result-cancelled", "3.000"},
		{"CancelledWith", &trace.Outcome{Kind: trace.Cancelled, Value: "why"}, "why", "result-cancelled", "3.000"},
		{"Unfinished", nil, "did not finish", "result-none", "—"},
		{"Caught", &trace.Outcome{Kind: trace.Raised, Value: "ValueError: boom", CaughtBy: 1}, "ValueError: boom (caught by main)", "result-error", "3.000"},
		{"NeverAwaited", &trace.Outcome{Kind: trace.NeverAwaited, Value: "RuntimeWarning: coroutine 'c' was never awaited"}, "RuntimeWarning: coroutine 'c' was never awaited", "result-none", "—"},
	}
	run := &trace.Run{Lanes: []*trace.Lane{{Name: "main"}, lane}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			lane.Outcome = tt.outcome
			row := newTaskRow(run, lane, clk)
			result := row.Result
			if row.CaughtBy != "" {
				result += " (caught by " + row.CaughtBy + ")"
			}
			if got, want := result, tt.result; got != want {
				t.Errorf("result = %q, want %q", got, want)
			}
			if got, want := row.ResultClass, tt.class; got != want {
				t.Errorf("class = %q, want %q", got, want)
			}
			if got, want := row.End, tt.end; got != want {
				t.Errorf("end = %q, want %q", got, want)
			}
			got := []string{row.Start, row.Ready, row.Running, row.Waiting, row.Blocked}
			if want := []string{"0.000", "0.500", "0.500", "1.000", "1.000"}; fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("start, ready, running, waiting, blocked = %q, want %q", got, want)
			}
		})
	}
}

func TestClockFormat(t *testing.T) {
	tests := []struct {
		span, at time.Duration
		unit     string
		want     string
	}{
		{6 * time.Second, 1500 * time.Millisecond, "s", "1.500"},
		{250 * time.Millisecond, 12500 * time.Microsecond, "ms", "12.500"},
		{800 * time.Microsecond, 12345 * time.Nanosecond, "µs", "12.3"},
		{10 * time.Minute, 90 * time.Second, "s", "90.000"},
	}
	for _, tt := range tests {
		c := newClockFormat(tt.span)
		if c.unit != tt.unit || c.at(tt.at) != tt.want {
			t.Errorf("span %v: %v = %s %s, want %s %s", tt.span, tt.at, c.at(tt.at), c.unit, tt.want, tt.unit)
		}
	}
	if got, want := newClockFormat(time.Second).span(0), "—"; got != want {
		t.Errorf("span(0) = %q, want %q", got, want)
	}
}

func TestIsLight(t *testing.T) {
	tests := []struct {
		bg   string
		want bool
	}{
		{"#ffffff", true}, {"#fff", true}, {"#f6f7f9", true},
		{"#000000", false}, {"#1e1e1e", false}, {"#0072B2", false},
		{"white", false}, {"", false},
	}
	for _, tt := range tests {
		if got := isLight(&render.Theme{Background: tt.bg}); got != tt.want {
			t.Errorf("isLight(%q) = %v, want %v", tt.bg, got, tt.want)
		}
	}
}

// TestPageCSSClassesAreNotFigureClasses guards the inlined figure: its
// <style> applies to the whole page, and the page's to the figure, so
// the two must not share a class name.
func TestPageCSSClassesAreNotFigureClasses(t *testing.T) {
	css, err := os.ReadFile("templates/page.css")
	if err != nil {
		t.Fatal(err)
	}
	page := map[string]bool{}
	for _, m := range regexp.MustCompile(`\.([a-zA-Z][\w-]*)`).FindAllStringSubmatch(string(css), -1) {
		page[m[1]] = true
	}
	for _, name := range render.ThemeNames() {
		th, _ := render.LookupTheme(name)
		for class := range th.Styles {
			if page[class] {
				t.Errorf("class %q is styled both by the page and by the %s theme", class, name)
			}
		}
	}
}

func TestWriteGallery(t *testing.T) {
	var b bytes.Buffer
	err := WriteGallery(&b, &Gallery{Title: "Gallery <1>", Entries: []GalleryEntry{
		{Title: "A & B", Description: "<b>x</b>", Href: "a.html", Thumbnail: "a.svg", Files: []string{"a.svg"}},
		{Title: "C", Href: "javascript:alert(1)"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	page := b.String()
	if err := WriteGallery(&b, &Gallery{Entries: []GalleryEntry{{Title: "x", Theme: "neon"}}}); err == nil {
		t.Error("a gallery entry with an unknown theme gave no error")
	}
	for _, want := range []string{
		`<title>Gallery &lt;1&gt;</title>`,
		`<a class="card-link" href="a.html">`,
		`<span class="thumb invert"><img src="a.svg" alt="">`, // light by default

		`<span class="card-title">A &amp; B</span>`,
		`<p>&lt;b&gt;x&lt;/b&gt;</p>`,
		`<a href="a.svg">a.svg</a>`,
		`href="#ZgotmplZ"`, // html/template refuses a javascript: URL
		`img-src 'self'`,
	} {
		if !strings.Contains(page, want) {
			t.Errorf("gallery lacks %q", want)
		}
	}
}

// FuzzHTML renders reports of arbitrary names and printed text and checks
// that none of it becomes markup: every tag in the page is one the
// templates or the SVG emitter write, with no event handler attribute.
func FuzzHTML(f *testing.F) {
	for _, s := range []string{"A", `<script>alert(1)</script>`, `"><img src=x onerror=alert(1)>`, "]]>", "\x00\x1b", "🎉", "\xff", "</svg><script>", "<!--", "<style>"} {
		f.Add(s, s)
	}
	base := tagCounts(f, renderHTML(f, sampleReport(f, testtrace.Sample("A"))))
	// A right-to-left name is isolated: the SVG emitter writes it as a
	// <tspan> of its own (see safetext.Isolate), a tag of ours.
	for tag, n := range tagCounts(f, renderHTML(f, sampleReport(f, testtrace.Sample("שלום")))) {
		if base[tag] == 0 {
			base[tag] = n
		}
	}
	f.Fuzz(func(t *testing.T, name, text string) {
		tr := testtrace.Sample(name)
		tr.Title = text
		tr.Runs[0].Name = text
		tr.Runs[0].Logs[0].Text = text
		tr.Runs[0].Lanes[1].Intervals[0].Detail = text
		r := sampleReport(t, tr)
		r.Source, r.Python, r.Description = text, name, text
		got := tagCounts(t, renderHTML(t, r))
		for tag, n := range got {
			if base[tag] == 0 {
				t.Fatalf("page has %d <%s> from name %q, text %q", n, tag, name, text)
			}
		}
		for _, tag := range []string{"svg", "style", "script", "meta", "body"} {
			if got[tag] != base[tag] {
				t.Fatalf("page has %d <%s>, want %d, from name %q, text %q", got[tag], tag, base[tag], name, text)
			}
		}
	})
}

// tagCounts scans a page written by our templates and emitter, where
// every "<" in text is escaped, and counts the start tags by name. It
// fails on an attribute named on... (an event handler).
func tagCounts(t testing.TB, page string) map[string]int {
	t.Helper()
	counts := map[string]int{}
	for i := 0; i < len(page); i++ {
		if page[i] != '<' {
			continue
		}
		j := i + 1
		for j < len(page) && page[j] != '>' && page[j] != ' ' && page[j] != '\n' && page[j] != '/' {
			j++
		}
		if j == i+1 { // "</..."
			continue
		}
		name := strings.ToLower(page[i+1 : j])
		counts[name]++
		// Attributes, up to the tag's closing ">", skipping quoted values.
		var quote byte
		attrStart := -1
		for ; j < len(page); j++ {
			c := page[j]
			switch {
			case quote != 0:
				if c == quote {
					quote = 0
				}
			case c == '"' || c == '\'':
				quote = c
			case c == '>':
				i = j
				j = len(page)
			case c == ' ' || c == '\n' || c == '\t':
				attrStart = j + 1
			case attrStart >= 0 && c == '=':
				if a := strings.ToLower(page[attrStart:j]); strings.HasPrefix(a, "on") {
					t.Fatalf("<%s> has an event handler attribute %q", name, a)
				}
				attrStart = -1
			}
		}
	}
	return counts
}

// TestHTMLRowLimit checks that a run's tables stop at MaxReportRows rows
// and say what they leave out, unless AllRows asks for every row.
func TestHTMLRowLimit(t *testing.T) {
	n := MaxReportRows + 234
	run := &trace.Run{Name: "Many"}
	for i := range n {
		name := fmt.Sprintf("T%d", i)
		run.Lanes = append(run.Lanes, &trace.Lane{Name: name, End: time.Second,
			Intervals: []trace.Interval{{State: trace.Waiting, End: time.Second}},
			Outcome:   &trace.Outcome{Kind: trace.Returned, Value: "None"}})
		run.Logs = append(run.Logs, trace.Log{Lane: trace.LaneID(len(run.Lanes)), Text: "line of " + name})
	}
	tr := &trace.Trace{Title: "Many", Runs: []*trace.Run{run}}
	r := sampleReport(t, tr)
	page := renderHTML(t, r)
	if got := strings.Count(page, `<tr><th scope="row">T`); got != MaxReportRows {
		t.Errorf("%d task rows, want %d", got, MaxReportRows)
	}
	if got := strings.Count(page, "<samp>line of "); got != MaxReportRows {
		t.Errorf("%d transcript rows, want %d", got, MaxReportRows)
	}
	for _, want := range []string{
		"The first 1,000 of 1,234 tasks; the other 234 are left out",
		"The first 1,000 of 1,234 lines printed; the other 234 are left out",
		"the tables below give the numbers of the first 1,000 tasks and lines of each run.",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	r.AllRows = true
	page = renderHTML(t, r)
	if got := strings.Count(page, `<tr><th scope="row">T`); got != n {
		t.Errorf("AllRows: %d task rows, want %d", got, n)
	}
	if strings.Contains(page, "left out") {
		t.Error("AllRows: the page says rows are left out")
	}
}

// TestHTMLScript checks a report with a script: the page runs it at the end
// of its body, and its policy allows exactly it, by its hash, and the
// sources it loads from; a report without one allows no script at all.
func TestHTMLScript(t *testing.T) {
	r := sampleReport(t, testtrace.Sample("A"))
	plain := renderHTML(t, r)
	if strings.Contains(plain, "script-src") || strings.Contains(plain, "<script") {
		t.Errorf("a report without a script allows or holds one")
	}
	r.Script = "\nconsole.log(\"hi\" < 2 && true);\n"
	r.ScriptSources = []string{"'self'", "file:"}
	page := renderHTML(t, r)
	sum := sha256.Sum256([]byte(r.Script))
	csp := `content="default-src 'none'; script-src 'sha256-` + base64.StdEncoding.EncodeToString(sum[:]) + `' 'self' file:; style-src 'unsafe-inline';`
	if !strings.Contains(stdhtml.UnescapeString(page), csp) {
		t.Errorf("the policy does not allow the script by its hash, %s:\n%.600s", csp, page)
	}
	if !strings.Contains(page, "<script>"+r.Script+"</script>\n</body>") {
		t.Errorf("the script is not at the end of the body as given:\n%s", page[len(page)-300:])
	}
	for _, bad := range []Report{
		{Script: "a = '</SCRIPT>';"},
		{Script: "x()", ScriptSources: []string{"'self' https:"}},
		{Script: "x()", ScriptSources: []string{"\"><b>"}},
		{Script: "x()", ScriptSources: []string{"'unclosed"}},
	} {
		r := sampleReport(t, testtrace.Sample("A"))
		r.Script, r.ScriptSources = bad.Script, bad.ScriptSources
		var b bytes.Buffer
		if err := Write(&b, r); err == nil || b.Len() > 0 {
			t.Errorf("script %q from %q: error %v, %d bytes written", bad.Script, bad.ScriptSources, err, b.Len())
		}
	}
}

// TestHTMLBounds gives a report more than it shows: a printed line of a
// megabyte, listings of many lines and of a long line, and many runs. The
// page cuts each and says what it leaves out; AllRows shows everything.
func TestHTMLBounds(t *testing.T) {
	long := strings.Repeat("é", 1_000_000)
	tr := testtrace.Sample("A")
	tr.Runs[0].Logs[0].Text = long
	for i := range MaxReportRuns + 5 {
		r := *tr.Runs[1]
		r.Name = fmt.Sprintf("extra %d", i)
		tr.Runs = append(tr.Runs, &r)
	}
	rep := sampleReport(t, tr)
	rep.Source = strings.Repeat("tasks: {A: 1s}\n", MaxListingLines+10)
	rep.Python = "x = '" + long + "'\n" + strings.Repeat("print('"+strings.Repeat("x", 400)+"')\n", 2000)
	rep.Description = long
	page := renderHTML(t, rep)
	if len(page) > 2<<20 {
		t.Errorf("the page is %d bytes", len(page))
	}
	for _, want := range []string{
		strings.Repeat("é", MaxCellRunes) + " … (998,000 more characters)",
		"The first 5,000 of 5,010 lines (",
		"the scenario file has them all.",
		"The first 50 of 57 runs have a section of their own below.",
		"asyncgantt python writes the whole program",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
	if got := strings.Count(page, `<section id="run-`); got != MaxReportRuns {
		t.Errorf("%d run sections, want %d", got, MaxReportRuns)
	}
	rep.AllRows = true
	page = renderHTML(t, rep)
	if !strings.Contains(page, long) || strings.Contains(page, "left out") || strings.Count(page, `<section id="run-`) != len(tr.Runs) {
		t.Errorf("AllRows: the page still cuts")
	}
}

// TestHTMLBidi checks that the report shows bidirectional controls as
// escapes, and isolates names set beside its own words.
func TestHTMLBidi(t *testing.T) {
	tr := testtrace.Sample("A\u202eB")
	tr.Runs[0].Name = "שלום"
	tr.Runs[0].Logs[0].Text = "done after \u202e sdnoces 01"
	page := renderHTML(t, sampleReport(t, tr))
	if strings.ContainsRune(page, '\u202e') {
		t.Error("the page holds U+202E as it is")
	}
	for _, want := range []string{`done after \u202e sdnoces 01`, `A\u202eB`, "over <bdi>שלום</bdi>", "Compared with <bdi>שלום</bdi>"} {
		if !strings.Contains(page, want) {
			t.Errorf("the page lacks %q", want)
		}
	}
}
