package mermaid

import (
	"bytes"
	"io"
	"strings"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
)

// The mermaid format writes NAME.md: a Markdown page whose ```mermaid
// block GitHub, GitLab and many wikis draw as a gantt chart, so a
// figure's content can live in Markdown. A .md file rather than a bare
// .mmd: it renders as it is when opened on GitHub, carries the title and
// what the figure shows as text, and its block can be pasted into any
// Markdown page (Mermaid's own tools also read fenced blocks from .md).
func init() {
	render.RegisterFormat("mermaid", []string{".md"}, func(w io.Writer, d *render.Document) error {
		return WriteMarkdown(w, d.Trace)
	})
}

// WriteMarkdown writes t as a Markdown page: its title as a heading, its
// description and message as paragraphs, and the diagram Write writes in
// a ```mermaid fence. Every text is escaped for Markdown. It fails, and
// writes nothing, when Write would.
func WriteMarkdown(w io.Writer, t *trace.Trace) error {
	var diagram bytes.Buffer
	if err := Write(&diagram, t); err != nil {
		return err
	}
	var b bytes.Buffer
	if t.Title != "" {
		b.WriteString("# " + markdownText(t.Title) + "\n\n")
	}
	if d := strings.TrimSpace(t.Description); d != "" {
		b.WriteString(markdownText(d) + "\n\n")
	}
	if len(t.Runs) > 0 {
		b.WriteString(markdownText(message(t)) + ".\n\n")
	}
	b.WriteString("```mermaid\n")
	b.Write(diagram.Bytes())
	b.WriteString("```\n")
	_, err := w.Write(b.Bytes())
	return err
}

// markdownText escapes s for a line of Markdown text: line breaks become
// spaces, the characters that could reorder or hide text become visible
// escapes (safetext.Line), and the characters that would start emphasis,
// code, links, HTML, headings, tables or entities are backslash-escaped.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range safetext.Line(strings.Join(strings.Fields(s), " ")) {
		if strings.ContainsRune("\\`*_[]<>#|~&!", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
