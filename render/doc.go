// Package render draws a trace.Trace as a figure, in two stages.
//
// Layout turns a trace into a Figure: pure float64 geometry (panels, lanes,
// bars, ticks, labels whose widths are measured with a real font's metrics)
// and no markup. Emitters — SVG, and others beside it — write only what the
// layout decided. Every attribute value reaches the output through one
// escaping helper, Attr.
//
// The package knows traces, not scenarios. Output is deterministic: the same
// trace and options give byte-identical files.
package render
