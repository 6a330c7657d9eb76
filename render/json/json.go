package json

import (
	"bytes"
	"io"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace/chrome"
)

func init() {
	render.RegisterFormat("json", []string{".json"}, func(w io.Writer, d *render.Document) error {
		var buf bytes.Buffer
		if err := chrome.Write(&buf, d.Trace); err != nil {
			return err
		}
		_, err := w.Write(buf.Bytes())
		return err
	})
}
