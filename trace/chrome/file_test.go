package chrome

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func TestReadFile(t *testing.T) {
	dir := t.TempDir()
	data := exportSample(t)
	plain := filepath.Join(dir, "sample.json")
	if err := os.WriteFile(plain, data, 0o644); err != nil {
		t.Fatal(err)
	}
	var zb bytes.Buffer
	zw := gzip.NewWriter(&zb)
	zw.Write(data)
	zw.Close()
	zipped := filepath.Join(dir, "sample.json.gz")
	if err := os.WriteFile(zipped, zb.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	want := sampleTrace()
	for _, path := range []string{plain, zipped} {
		got, _, err := ReadFile(path)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s reads as:\n%s\nwant:\n%s", path, summarize(got), summarize(want))
		}
	}

	untitled := filepath.Join(dir, "untitled.json")
	if err := os.WriteFile(untitled, []byte(`[{"ph":"X","name":"a","pid":1,"tid":1,"ts":0,"dur":1}]`), 0o644); err != nil {
		t.Fatal(err)
	}
	if tr, _, err := ReadFile(untitled); err != nil || tr.Title != "untitled.json" {
		t.Errorf("a trace without a title: title %q, error %v; want it titled after the file", tr.Title, err)
	}

	badZip := filepath.Join(dir, "bad.json.gz")
	if err := os.WriteFile(badZip, []byte{0x1f, 0x8b, 0, 0}, 0o644); err != nil {
		t.Fatal(err)
	}
	truncZip := filepath.Join(dir, "trunc.json.gz")
	if err := os.WriteFile(truncZip, zb.Bytes()[:len(zb.Bytes())/2], 0o644); err != nil {
		t.Fatal(err)
	}
	missing := filepath.Join(dir, "missing.json")
	for _, c := range []struct {
		name, path, want string
	}{
		{"Missing", missing, "cannot read " + missing + ": no such file or directory"},
		{"Directory", dir, dir + " is a directory; name a Chrome trace file"},
		{"BadGzip", badZip, badZip + ": not a valid gzip file: unexpected EOF"},
		{"TruncatedGzip", truncZip, truncZip + ": the gzip file is truncated: "},
	} {
		t.Run(c.name, func(t *testing.T) {
			_, _, err := ReadFile(c.path)
			if err == nil || !strings.HasPrefix(err.Error(), c.want) {
				t.Fatalf("error %v, want %q", err, c.want)
			}
			if c.name == "Missing" && !errors.Is(err, fs.ErrNotExist) {
				t.Errorf("error %v is not fs.ErrNotExist", err)
			}
			if c.name == "TruncatedGzip" && !errors.Is(err, io.ErrUnexpectedEOF) {
				t.Errorf("error %v is not io.ErrUnexpectedEOF", err)
			}
		})
	}
}
