// Package render draws a trace.Trace as a figure, in two stages, and saves
// it in any registered format by file name.
//
// Layout turns a trace into a Figure: pure float64 geometry (panels, lanes,
// bars, ticks, labels whose widths are measured with a real font's metrics)
// and no markup. Emitters — one package per backend, beside this one —
// write only what the layout decided: render/svg, render/png, render/pdf
// and render/html draw the figure; render/text, render/mermaid and
// render/json write the trace itself in their forms.
//
// Each backend registers its format with RegisterFormat when it is
// imported, as image/png registers PNG with image. A Document holds what
// every format may need — the trace, the figure's Options, what a report
// shows beside it — and lays the figure out once, on first use. Save
// writes a Document to a file in the format its extension names,
// atomically:
//
//	import _ "github.com/asyncgantt/asyncgantt/render/svg"
//
//	err := render.Save("figure.svg", &render.Document{Trace: t})
//
// Themes are values: LookupTheme returns a copy of a built-in theme, and
// Options.Theme takes any theme that passes Theme.Validate.
//
// The package knows traces, figures and themes, not scenarios: it must not
// import scenarios or pytrace, nor any backend (they import it). Output is
// deterministic: the same trace and options give byte-identical files.
package render
