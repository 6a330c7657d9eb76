package svg

import (
	"bytes"
	"encoding/xml"
	"io"
	"regexp"
	"testing"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/golden"
	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
)

func renderSVG(t testing.TB, tr *trace.Trace, opts render.Options) []byte {
	t.Helper()
	fig, err := render.Layout(tr, opts)
	if err != nil {
		t.Fatal(err)
	}
	var b bytes.Buffer
	if err := Write(&b, fig); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// checkXML fails unless doc is well-formed XML.
func checkXML(t testing.TB, doc []byte) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(doc))
	for {
		_, err := d.Token()
		if err == io.EOF {
			return
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v\n%s", err, doc)
		}
	}
}

func TestSVGIsWellFormedAndEscaped(t *testing.T) {
	name := `<script>alert(1)</script>" &`
	doc := renderSVG(t, testtrace.Sample(name), render.Options{})
	checkXML(t, doc)
	if bytes.Contains(doc, []byte("<script>")) {
		t.Error("a task name reached the SVG as markup")
	}
	if !bytes.Contains(doc, []byte("&lt;script&gt;alert(1)&lt;/script&gt;")) {
		t.Error("the task name is not in the SVG as text")
	}
}

func TestSVGDeterministic(t *testing.T) {
	a := renderSVG(t, testtrace.Sample("A"), render.Options{})
	b := renderSVG(t, testtrace.Sample("A"), render.Options{})
	if !bytes.Equal(a, b) {
		t.Error("rendering twice gave different bytes")
	}
}

var animRE = regexp.MustCompile(`(?m)^<(animate|set|animateTransform) [^\n]*/>\n| id="a[0-9]+p?"|<line [^\n]*class="cursor"[^\n]*/>\n`)

// TestAnimationStillFrame checks that an animated SVG without its
// animations is the static SVG: what a viewer without SMIL shows is the
// end state.
func TestAnimationStillFrame(t *testing.T) {
	static := renderSVG(t, testtrace.Full(), render.Options{})
	anim := renderSVG(t, testtrace.Full(), render.Options{Animate: true, AnimateSpeed: 2})
	checkXML(t, anim)
	if bytes.Contains(static, []byte("<animate")) {
		t.Error("a static SVG holds animations")
	}
	for _, want := range []string{`attributeName="width"`, `type="translate"`, `attributeName="visibility"`, `dur="7.500s"`, `repeatCount="indefinite"`} {
		if !bytes.Contains(anim, []byte(want)) {
			t.Errorf("animated SVG lacks %s", want)
		}
	}
	if bytes.Contains(anim, []byte("<script")) {
		t.Error("animated SVG uses a script")
	}
	still := animRE.ReplaceAll(anim, nil)
	if !bytes.Equal(still, static) {
		t.Errorf("animated SVG's still frame differs from the static SVG: %s", golden.FirstDiff(static, still))
	}
}

func TestAnimationKeyTimes(t *testing.T) {
	// 6 s at speed 2 is 3 s of play plus 2.5 s of hold: a bar from 1 s
	// to 2 s of the trace grows from 0.5/5.5 to 1/5.5 of the play.
	p := newPlayer(&render.Animation{Speed: 2, Hold: 2500 * time.Millisecond}, 6*time.Second)
	var b bytes.Buffer
	p.animate(&b, "a1", render.Item{Kind: render.Rect, W: 100, Timed: true, From: time.Second, To: 2 * time.Second})
	want := `<animate xlink:href="#a1" attributeName="width" values="0;0;100;100" keyTimes="0;0.0909;0.1818;1" dur="5.500s" repeatCount="indefinite"/>` + "\n"
	if got := b.String(); got != want {
		t.Errorf("animate =\n%s\nwant\n%s", got, want)
	}
}

// TestSVGKeepsSpaces checks that texts keep their spaces, two in a row
// and leading ones, as the layout measured them: in browsers (CSS
// white-space) and in librsvg (xml:space).
func TestSVGKeepsSpaces(t *testing.T) {
	tr := testtrace.Sample("A")
	tr.Runs[0].Logs[0].Text = "    indented,  twice"
	doc := renderSVG(t, tr, render.Options{Transcript: true})
	for _, want := range []string{`xml:space="preserve"`, "text{white-space:pre;", ">    indented,  twice</text>"} {
		if !bytes.Contains(doc, []byte(want)) {
			t.Errorf("the SVG lacks %s", want)
		}
	}
}
