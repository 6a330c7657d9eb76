package markdown

import (
	"bytes"
	"fmt"
	"strings"

	"github.com/yuin/goldmark"
	gast "github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/text"
)

// The markers the package writes. A figure's section runs from the line
// of figureMarker to the line of endMarker; a hidden block is a comment
// that begins with sourceMarker.
const (
	figureMarker = "<!-- asyncgantt:figure"
	endMarker    = "<!-- asyncgantt:end"
	sourceMarker = "<!-- asyncgantt:source"

	figureLine = figureMarker + " (written by asyncgantt markdown from the block above; edits here are replaced) -->"
	endLine    = endMarker + " -->"
	sourceLine = sourceMarker + " (hidden by asyncgantt markdown --hide-source; edit it here, or show it with --show-source)"
)

// unit is an asyncgantt block as it stands on the page, with the figure
// section that follows it.
type unit struct {
	block *Block
	// start and end are the byte range of the block's lines: its fences
	// and body, or the comment that hides it.
	start, end int
	// prefix is what precedes the block's first line inside its container
	// (a list marker, block quote markers, indentation); cont is what
	// continues that container on the lines after it.
	prefix, cont string
	// open is the opening fence line without prefix or line ending;
	// fence is the fence's characters, e.g. "```".
	open, fence string
	// section is the figure section attached to the block, if any.
	section *section
}

// section is a figure section: the lines from a figure marker to an end
// marker.
type section struct {
	// line is the page line of its figure marker.
	line int
	// start and end are its byte range, whole lines.
	start, end int
}

// parsed is what a page holds: its blocks in page order, and the figure
// sections that follow no block (their block was deleted).
type parsed struct {
	page    *pageText
	units   []*unit
	orphans []*section
}

// doc is Markdown text to find fenced blocks in: a page, or the inside of
// a comment hiding a block, whose lines are mapped back to the page.
type doc struct {
	page *pageText
	// text is the document's source; lines its line index.
	text  *pageText
	where []linePos // where each line of text is on the page
}

func pageDoc(p *pageText) *doc {
	d := &doc{page: p, text: p}
	for i := range p.lines() {
		d.where = append(d.where, linePos{line: i + 1})
	}
	return d
}

var md = goldmark.New()

// parsePage finds the page's blocks, hidden blocks and figure sections.
func parsePage(p *pageText) (*parsed, error) {
	root := md.Parser().Parse(text.NewReader(p.src))
	out := &parsed{page: p}
	d := pageDoc(p)
	var sections []*section
	var markers []gast.Node
	err := gast.Walk(root, func(n gast.Node, entering bool) (gast.WalkStatus, error) {
		if !entering {
			return gast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *gast.FencedCodeBlock:
			u, err := d.fenced(n)
			if u != nil {
				out.units = append(out.units, u)
			}
			return gast.WalkSkipChildren, err
		case *gast.HTMLBlock:
			first := n.Lines().At(0)
			line := strings.TrimSpace(string(first.Value(p.src)))
			switch {
			case strings.HasPrefix(line, sourceMarker):
				u, err := hidden(p, n)
				if u != nil {
					out.units = append(out.units, u)
				}
				return gast.WalkSkipChildren, err
			case strings.HasPrefix(line, figureMarker), strings.HasPrefix(line, endMarker):
				markers = append(markers, n)
			}
		}
		return gast.WalkContinue, nil
	})
	if err != nil {
		return nil, err
	}
	if sections, err = pairMarkers(p, markers); err != nil {
		return nil, err
	}
	attach(out, sections)
	return out, nil
}

// pairMarkers turns figure and end markers into sections.
func pairMarkers(p *pageText, markers []gast.Node) ([]*section, error) {
	var out []*section
	var open *section
	for _, n := range markers {
		seg := n.Lines().At(0)
		line := p.lineOf(seg.Start)
		isFigure := strings.HasPrefix(strings.TrimSpace(string(seg.Value(p.src))), figureMarker)
		switch {
		case isFigure && open != nil:
			return nil, pageError(p, open.line, "this figure section has no end marker %s before the next one at line %d; restore the end marker, or delete the section and run again", endLine, line)
		case isFigure:
			open = &section{line: line, start: p.start(line)}
		case open == nil:
			return nil, pageError(p, line, "an end marker %s without a figure marker before it; delete it", endLine)
		default:
			open.end = p.end(line)
			out = append(out, open)
			open = nil
		}
	}
	if open != nil {
		return nil, pageError(p, open.line, "this figure section has no end marker %s; restore it, or delete the section and run again", endLine)
	}
	return out, nil
}

// attach gives each block the section that follows it with only blank
// lines between; the other sections are orphans.
func attach(out *parsed, sections []*section) {
	p := out.page
	for _, s := range sections {
		var owner *unit
		for _, u := range out.units {
			if u.end > s.start || u.section != nil {
				continue
			}
			between := true
			for l := p.lineOf(u.end); l < s.line; l++ {
				if !p.blank(l) {
					between = false
					break
				}
			}
			if between {
				owner = u
			}
		}
		if owner != nil {
			owner.section = s
		} else {
			out.orphans = append(out.orphans, s)
		}
	}
}

func pageError(p *pageText, line int, format string, a ...any) *Error {
	e := &Error{Page: p.path, Line: line, Text: p.lineText(line)}
	e.Msg = fmt.Sprintf(format, a...)
	return e
}

// fenced returns the unit of a fenced code block of d if it is an
// asyncgantt block, else nil.
func (d *doc) fenced(n *gast.FencedCodeBlock) (*unit, error) {
	if n.Info == nil {
		return nil, nil
	}
	t := d.text
	info := string(n.Info.Segment.Value(t.src))
	kind, rest := classify(info)
	if kind == 0 {
		return nil, nil
	}
	// The fence is the run of fence characters before the info string.
	open := t.lineOf(n.Info.Segment.Start)
	lineStart := t.start(open)
	i := n.Info.Segment.Start
	for i > lineStart && (t.src[i-1] == ' ' || t.src[i-1] == '\t') {
		i--
	}
	fenceEnd := i
	for i > lineStart && (t.src[i-1] == '`' || t.src[i-1] == '~') && t.src[i-1] == t.src[fenceEnd-1] {
		i--
	}
	cs := containersOf(n)
	u := &unit{prefix: string(t.src[lineStart:i]), fence: string(t.src[i:fenceEnd]), cont: cs.prefix()}
	u.open = strings.TrimRight(string(t.src[i:t.end(open)]), "\r\n")
	where := d.where[open-1]
	b := &Block{Kind: kind, Page: d.page.path, Line: where.line, Info: info, page: d.page}
	u.block = b
	infoAt := linePos{line: where.line, col: where.col + chars(t.src[lineStart:n.Info.Segment.Start])}
	last := open
	var body bytes.Buffer
	for k := range n.Lines().Len() {
		seg := n.Lines().At(k)
		l := t.lineOf(seg.Start)
		w := d.where[l-1]
		b.lines = append(b.lines, linePos{line: w.line, col: w.col + chars(t.src[t.start(l):seg.Start]) - seg.Padding})
		v := bytes.TrimRight(seg.Value(t.src), "\r\n")
		body.Write(v)
		body.WriteByte('\n')
		last = l
	}
	b.Body = body.Bytes()
	closing := last + 1
	if closing > t.lines() || !cs.closes(t.lineText(closing), u.fence) {
		return nil, &Error{Page: b.Page, Line: b.Line, Block: b.Line, Kind: kind, Text: d.page.lineText(b.Line),
			Msg: fmt.Sprintf("the block is not closed: end it with a line %s", u.fence)}
	}
	u.start, u.end = t.start(open), t.end(closing)
	if err := parseOptions(b, info[rest:], linePos{line: infoAt.line, col: infoAt.col + chars([]byte(info[:rest]))}); err != nil {
		return nil, err
	}
	return u, nil
}

// container is a block quote or a list item that holds a block.
type container struct {
	// quote is a block quote; otherwise a list item whose content is
	// indented by indent columns.
	quote  bool
	indent int
}

// containers are the containers of a block, outermost first.
type containers []container

// containersOf returns the containers of node n.
func containersOf(n gast.Node) containers {
	var cs containers
	for p := n.Parent(); p != nil; p = p.Parent() {
		switch p := p.(type) {
		case *gast.Blockquote:
			cs = append(containers{{quote: true}}, cs...)
		case *gast.ListItem:
			cs = append(containers{{indent: p.Offset}}, cs...)
		}
	}
	return cs
}

// prefix returns what begins a line that continues the containers.
func (cs containers) prefix() string {
	var b strings.Builder
	for _, c := range cs {
		if c.quote {
			b.WriteString("> ")
		} else {
			b.WriteString(strings.Repeat(" ", c.indent))
		}
	}
	return b.String()
}

// closes reports whether line closes a block opened with fence inside
// the containers: the line continues each container (a '>' for a block
// quote, the item's indentation for a list item), then holds at most
// three spaces, at least as many of the same fence characters, and
// nothing else.
func (cs containers) closes(line, fence string) bool {
	s := line
	for _, c := range cs {
		if c.quote {
			t := strings.TrimLeft(s, " ")
			if len(s)-len(t) > 3 || !strings.HasPrefix(t, ">") {
				return false
			}
			s = strings.TrimPrefix(t[1:], " ")
			continue
		}
		for col := 0; col < c.indent; {
			switch {
			case strings.HasPrefix(s, " "):
				col++
			case strings.HasPrefix(s, "\t"):
				col += 4 - col%4
			default:
				return false
			}
			s = s[1:]
		}
	}
	t := strings.TrimLeft(s, " ")
	if len(s)-len(t) > 3 {
		return false
	}
	n := len(t) - len(strings.TrimLeft(t, fence[:1]))
	return n >= len(fence) && strings.TrimSpace(t[n:]) == ""
}

// hidden returns the unit of a comment hiding a block.
func hidden(p *pageText, n *gast.HTMLBlock) (*unit, error) {
	first := n.Lines().At(0)
	line := p.lineOf(first.Start)
	bad := func(msg string) error {
		return pageError(p, line, "this comment hides an asyncgantt block, but %s; it should hold the block's fences and text, and end with a line -->", msg)
	}
	if !n.HasClosure() || strings.Contains(string(first.Value(p.src)), "-->") {
		return nil, bad("it is not closed")
	}
	closeLine := p.lineOf(n.ClosureLine.Start)
	if strings.TrimSpace(string(n.ClosureLine.Value(p.src))) != "-->" {
		return nil, pageError(p, closeLine, "the comment hiding the block at line %d must end with a line holding only -->", line)
	}
	// The comment's inside, without its container's markers, is a
	// document of its own whose lines are mapped back to the page.
	inner := &doc{page: p}
	var src []byte
	for k := 1; k < n.Lines().Len(); k++ {
		seg := n.Lines().At(k)
		l := p.lineOf(seg.Start)
		inner.where = append(inner.where, linePos{line: l, col: chars(p.src[p.start(l):seg.Start]) - seg.Padding})
		src = append(src, bytes.TrimRight(seg.Value(p.src), "\r\n")...)
		src = append(src, '\n')
	}
	inner.text = newPageText(p.path, src)
	root := md.Parser().Parse(text.NewReader(src))
	fcb, ok := root.FirstChild().(*gast.FencedCodeBlock)
	if !ok || root.ChildCount() != 1 {
		return nil, bad("it holds something else than one fenced block")
	}
	u, err := inner.fenced(fcb)
	if err != nil {
		return nil, err
	}
	if u == nil {
		return nil, bad("the block in it is not an asyncgantt block")
	}
	u.block.Hidden = true
	u.prefix = string(p.src[p.start(line):first.Start])
	u.cont = containersOf(n).prefix()
	u.start, u.end = p.start(line), p.end(closeLine)
	return u, nil
}
