// Package json registers the json format with render: a document's trace
// exported in the Chrome Trace Event Format, for Perfetto
// (ui.perfetto.dev), chrome://tracing and other trace viewers, which
// `asyncgantt render` reads back. Import it for its side effect:
//
//	import _ "github.com/asyncgantt/asyncgantt/render/json"
//
// It knows the document's trace, not its figure, and writes it with
// trace/chrome's Write. It must not import scenarios or pytrace.
package json
