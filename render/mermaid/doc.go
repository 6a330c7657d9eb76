// Package mermaid writes a trace as a Mermaid gantt diagram, and as a
// Markdown page holding it in a ```mermaid fence, and registers the
// mermaid format (.md, the Markdown page) with render.
//
// It reads the trace, not the figure, and escapes every text for
// Mermaid's syntax and for Markdown. It knows traces, and must not import
// scenarios, pytrace or another backend.
package mermaid
