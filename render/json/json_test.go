package json_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
	"github.com/asyncgantt/asyncgantt/render"
	_ "github.com/asyncgantt/asyncgantt/render/json"
	"github.com/asyncgantt/asyncgantt/trace/chrome"
)

// TestSaveJSON saves a trace as JSON by file name and reads it back: the
// Chrome trace export, which restores the trace exactly.
func TestSaveJSON(t *testing.T) {
	tr := testtrace.Full()
	path := filepath.Join(t.TempDir(), "full.json")
	if err := render.Save(path, &render.Document{Trace: tr}); err != nil {
		t.Fatal(err)
	}
	data, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var want bytes.Buffer
	if err := chrome.Write(&want, tr); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(data, want.Bytes()) {
		t.Error("the json format's file differs from chrome.Write's output")
	}
	back, _, err := chrome.Read(bytes.NewReader(data), path)
	if err != nil {
		t.Fatal(err)
	}
	a, _ := json.Marshal(tr.Runs)
	b, _ := json.Marshal(back.Runs)
	if !bytes.Equal(a, b) {
		t.Errorf("the trace read back differs:\n%s\n%s", a, b)
	}
}
