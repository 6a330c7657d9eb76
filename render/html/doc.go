// Package html writes self-contained HTML pages: a report of one trace
// (its figure inlined as SVG, a table of its runs, every task's numbers,
// the transcripts, the scenario's source and its Python program), and a
// gallery index linking reports. It registers the html format (.html)
// with render.
//
// Pages carry their CSS inline and a Content-Security-Policy that loads
// nothing; a report runs a script only when given one, which the policy
// then allows by its hash. Every text is escaped by html/template; the
// one piece of markup inserted as it is comes from render/svg. It knows
// traces, figures and themes, and imports render/svg for the figure; it
// must not import scenarios or pytrace.
package html
