package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/csv"
	"fmt"
	"io"
	"slices"
	"strings"
	"testing"
	"time"
)

func testWheel(p platform) *wheel {
	return &wheel{
		version:  "0.3.1.dev20260216120000+gabcdef123456",
		platform: p,
		binary:   []byte("\x7fELF binary"),
		python:   []namedFile{{"__init__.py", []byte("x = 1\n")}, {"sphinx.py", []byte("y = 2\n")}},
		metadata: metadata("0.3.1.dev20260216120000+gabcdef123456", "# asyncgantt\n", true),
		license:  []byte("license text\n"),
		modified: time.Date(2026, 2, 16, 12, 0, 0, 0, time.UTC),
	}
}

func TestWheelContents(t *testing.T) {
	p := platforms("go1.26.8")[0]
	w := testWheel(p)
	if got, want := w.fileName(), "asyncgantt-0.3.1.dev20260216120000+gabcdef123456-py3-none-manylinux_2_17_x86_64.manylinux2014_x86_64.musllinux_1_1_x86_64.whl"; got != want {
		t.Errorf("file name %s, want %s", got, want)
	}
	data, err := w.bytes()
	if err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	info := "asyncgantt-0.3.1.dev20260216120000+gabcdef123456.dist-info/"
	files := map[string][]byte{}
	var names []string
	for _, f := range zr.File {
		rc, _ := f.Open()
		b, _ := io.ReadAll(rc)
		rc.Close()
		files[f.Name] = b
		names = append(names, f.Name)
		if !f.Modified.Equal(w.modified) {
			t.Errorf("%s: modified %v, want the commit's time", f.Name, f.Modified)
		}
		wantMode := "-rw-r--r--"
		if strings.HasSuffix(f.Name, "/scripts/asyncgantt") {
			wantMode = "-rwxr-xr-x"
		}
		if f.Mode().String() != wantMode {
			t.Errorf("%s: mode %s, want %s", f.Name, f.Mode(), wantMode)
		}
	}
	wantNames := []string{"asyncgantt/__init__.py", "asyncgantt/sphinx.py",
		"asyncgantt-0.3.1.dev20260216120000+gabcdef123456.data/scripts/asyncgantt",
		info + "METADATA", info + "WHEEL", info + "licenses/LICENSE", info + "RECORD"}
	if !slices.Equal(names, wantNames) {
		t.Errorf("entries:\n%s\nwant:\n%s", strings.Join(names, "\n"), strings.Join(wantNames, "\n"))
	}
	// RECORD holds every other file's hash and size, and itself without.
	rows, err := csv.NewReader(bytes.NewReader(files[info+"RECORD"])).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != len(names) {
		t.Fatalf("RECORD has %d rows for %d files", len(rows), len(names))
	}
	for _, row := range rows {
		if row[0] == info+"RECORD" {
			if row[1] != "" || row[2] != "" {
				t.Errorf("RECORD's own row: %v", row)
			}
			continue
		}
		sum := sha256.Sum256(files[row[0]])
		if want := "sha256=" + base64.RawURLEncoding.EncodeToString(sum[:]); row[1] != want || row[2] != fmt.Sprint(len(files[row[0]])) {
			t.Errorf("RECORD row %v, want %s,%d", row, want, len(files[row[0]]))
		}
	}
	wheelFile := string(files[info+"WHEEL"])
	for _, want := range []string{"Wheel-Version: 1.0\n", "Root-Is-Purelib: false\n", "Tag: py3-none-manylinux_2_17_x86_64\n", "Tag: py3-none-manylinux2014_x86_64\n", "Tag: py3-none-musllinux_1_1_x86_64\n"} {
		if !strings.Contains(wheelFile, want) {
			t.Errorf("WHEEL lacks %q:\n%s", want, wheelFile)
		}
	}
	meta := string(files[info+"METADATA"])
	for _, want := range []string{"Metadata-Version: 2.1\n", "Name: asyncgantt\n", "Version: 0.3.1.dev20260216120000+gabcdef123456\n", "License-File: LICENSE\n", "\n\n# asyncgantt\n"} {
		if !strings.Contains(meta, want) {
			t.Errorf("METADATA lacks %q:\n%s", want, meta)
		}
	}
	// The same input writes the same bytes.
	again, _ := testWheel(p).bytes()
	if !bytes.Equal(again, data) {
		t.Errorf("two wheels of the same input differ")
	}
}

func TestPlatforms(t *testing.T) {
	tags := map[string]string{}
	for _, p := range platforms("go1.26.8") {
		tags[p.name()] = strings.Join(p.tags, ".")
	}
	want := map[string]string{
		"linux/amd64":   "manylinux_2_17_x86_64.manylinux2014_x86_64.musllinux_1_1_x86_64",
		"linux/arm64":   "manylinux_2_17_aarch64.manylinux2014_aarch64.musllinux_1_1_aarch64",
		"darwin/amd64":  "macosx_12_0_x86_64",
		"darwin/arm64":  "macosx_12_0_arm64",
		"windows/amd64": "win_amd64",
	}
	for k, v := range want {
		if tags[k] != v {
			t.Errorf("%s: tags %q, want %q", k, tags[k], v)
		}
	}
	if len(tags) != len(want) {
		t.Errorf("platforms %v", tags)
	}
	for goVersion, mac := range map[string]string{"go1.24.3": "11.0", "go1.25.0": "12.0", "go1.26.8": "12.0", "go1.27.1": "13.0"} {
		if got := macOSMinimum(goVersion); got != mac {
			t.Errorf("macOSMinimum(%s) = %s, want %s", goVersion, got, mac)
		}
	}
	if w := (&wheel{platform: platforms("go1.26.8")[4]}); w.platform.exe() != "asyncgantt.exe" {
		t.Errorf("the Windows binary is %s", w.platform.exe())
	}
	if _, err := choose(platforms("go1.26.8"), "linux/amd64,plan9/386"); err == nil || !strings.Contains(err.Error(), `unknown platform "plan9/386"`) {
		t.Errorf("choose an unknown platform: %v", err)
	}
	if ps, _ := choose(platforms("go1.26.8"), "darwin/arm64, linux/amd64,darwin/arm64"); len(ps) != 2 || ps[0].name() != "darwin/arm64" {
		t.Errorf("choose: %v", ps)
	}
}
