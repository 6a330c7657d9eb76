package main

import (
	"bytes"
	"strings"

	"github.com/asyncgantt/asyncgantt/render"
)

// The mermaid format writes NAME.md: a Markdown page whose ```mermaid
// block GitHub, GitLab and many wikis draw as a gantt chart, so a
// figure's content can live in Markdown. A .md file rather than a bare
// .mmd: it renders as it is when opened on GitHub, carries the title and
// what the figure shows as text, and its block can be pasted into any
// Markdown page (Mermaid's own tools also read fenced blocks from .md).
func init() {
	registerFormat(format{name: "mermaid", order: 70, write: func(j *job) ([]outFile, error) {
		var diagram bytes.Buffer
		if err := render.Mermaid(&diagram, j.trace); err != nil {
			return nil, &usageError{j.name + ": --format mermaid: " + err.Error()}
		}
		var b bytes.Buffer
		if t := j.trace.Title; t != "" {
			b.WriteString("# " + markdownText(t) + "\n\n")
		}
		if d := strings.TrimSpace(j.trace.Description); d != "" {
			b.WriteString(markdownText(d) + "\n\n")
		}
		if len(j.trace.Runs) > 0 {
			b.WriteString(markdownText(render.Message(j.trace)) + ".\n\n")
		}
		b.WriteString("```mermaid\n")
		b.Write(diagram.Bytes())
		b.WriteString("```\n")
		return []outFile{{j.name + ".md", b.Bytes()}}, nil
	}})
}

// markdownText escapes s for a line of Markdown text: line breaks become
// spaces, and the characters that would start emphasis, code, links, HTML,
// headings, tables or entities are backslash-escaped.
func markdownText(s string) string {
	var b strings.Builder
	for _, r := range strings.Join(strings.Fields(s), " ") {
		if strings.ContainsRune("\\`*_[]<>#|~&!", r) {
			b.WriteByte('\\')
		}
		b.WriteRune(r)
	}
	return b.String()
}
