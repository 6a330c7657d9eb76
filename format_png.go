package main

import (
	"bytes"

	"github.com/asyncgantt/asyncgantt/render"
)

// PNG and PDF are emitters of the same layout as the SVG.
func init() {
	registerFormat(format{name: "png", order: 40, write: func(j *job) ([]outFile, error) {
		fig, err := j.figure()
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := render.PNG(&buf, fig, j.opts.scale); err != nil {
			return nil, err
		}
		return []outFile{{j.name + ".png", buf.Bytes()}}, nil
	}})
	registerFormat(format{name: "pdf", order: 50, write: func(j *job) ([]outFile, error) {
		fig, err := j.figure()
		if err != nil {
			return nil, err
		}
		var buf bytes.Buffer
		if err := render.PDF(&buf, fig); err != nil {
			return nil, err
		}
		return []outFile{{j.name + ".pdf", buf.Bytes()}}, nil
	}})
}
