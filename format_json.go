package main

import (
	"bytes"

	"github.com/asyncgantt/asyncgantt/trace/chrome"
)

// The json format exports the trace in the Chrome Trace Event Format, for
// Perfetto (ui.perfetto.dev), chrome://tracing and other trace viewers;
// `asyncgantt render` reads it back.
func init() {
	registerFormat(format{name: "json", order: 60, write: func(j *job) ([]outFile, error) {
		var buf bytes.Buffer
		if err := chrome.Write(&buf, j.trace); err != nil {
			return nil, err
		}
		return []outFile{{j.name + ".json", buf.Bytes()}}, nil
	}})
}
