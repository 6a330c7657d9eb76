// Package text draws a trace as a chart of Unicode block characters, for
// terminals and READMEs, and registers the txt format (.txt) with render.
//
// It reads the trace, not the figure: cells, not pixels. Names and text
// are cleaned of control and bidirectional-override characters, so a
// chart cannot drive the terminal. It knows traces, and must not import
// scenarios, pytrace or another backend.
package text
