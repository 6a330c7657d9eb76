package main

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"fmt"
	"io"
	"strings"
	"time"
)

// platform is a target the wheels are built for.
type platform struct {
	// goos and goarch are Go's names for it.
	goos, goarch string
	// tags are the wheel's platform tags, most specific first.
	tags []string
}

// exe is the binary's file name on the platform.
func (p platform) exe() string {
	if p.goos == "windows" {
		return "asyncgantt.exe"
	}
	return "asyncgantt"
}

// name is the platform as --platforms takes it, e.g. "linux/amd64".
func (p platform) name() string { return p.goos + "/" + p.goarch }

// platforms are the targets, with the tags pip matches against. The
// binary is static (CGO_ENABLED=0), so a Linux wheel runs on any glibc
// (manylinux, here the oldest tag pip still widely takes) and on musl.
// macOS needs the version the Go toolchain requires (macOSMinimum).
func platforms(goVersion string) []platform {
	mac := strings.ReplaceAll(macOSMinimum(goVersion), ".", "_")
	return []platform{
		{"linux", "amd64", []string{"manylinux_2_17_x86_64", "manylinux2014_x86_64", "musllinux_1_1_x86_64"}},
		{"linux", "arm64", []string{"manylinux_2_17_aarch64", "manylinux2014_aarch64", "musllinux_1_1_aarch64"}},
		{"darwin", "amd64", []string{"macosx_" + mac + "_x86_64"}},
		{"darwin", "arm64", []string{"macosx_" + mac + "_arm64"}},
		{"windows", "amd64", []string{"win_amd64"}},
	}
}

// macOSMinimum is the oldest macOS that binaries of a Go release run on,
// from the Go release notes: 1.23 and 1.24 need macOS 11 Big Sur, 1.25 and
// 1.26 macOS 12 Monterey, later ones macOS 13 Ventura.
func macOSMinimum(goVersion string) string {
	var minor int
	fmt.Sscanf(strings.TrimPrefix(goVersion, "go1."), "%d", &minor)
	switch {
	case minor <= 24:
		return "11.0"
	case minor <= 26:
		return "12.0"
	}
	return "13.0"
}

// distName is the distribution's name in file names.
const distName = "asyncgantt"

// wheel is what goes into one wheel.
type wheel struct {
	// version is the PEP 440 version.
	version string
	// platform is the target.
	platform platform
	// binary is the asyncgantt binary for it.
	binary []byte
	// python are the files of the asyncgantt Python package, by name
	// (e.g. "__init__.py"), in the order written.
	python []namedFile
	// metadata is the METADATA file's content.
	metadata string
	// license is the LICENSE file's content; empty when there is none.
	license []byte
	// modified is the time every entry carries, for reproducible wheels.
	modified time.Time
}

type namedFile struct {
	name string
	data []byte
}

// fileName returns the wheel's file name, as the binary distribution
// format says: name-version-python-abi-platform.whl, with the platform
// tags joined by dots.
func (w *wheel) fileName() string {
	return fmt.Sprintf("%s-%s-py3-none-%s.whl", distName, w.version, strings.Join(w.platform.tags, "."))
}

// wheelFile is WHEEL: the format version, that the wheel is not pure
// Python, and every tag it fits.
func (w *wheel) wheelFile() string {
	var b strings.Builder
	b.WriteString("Wheel-Version: 1.0\nGenerator: asyncgantt tools/wheels\nRoot-Is-Purelib: false\n")
	for _, t := range w.platform.tags {
		fmt.Fprintf(&b, "Tag: py3-none-%s\n", t)
	}
	return b.String()
}

// write writes the wheel as a zip file: the Python package, the binary in
// the scripts folder of the .data directory (pip installs it on PATH,
// executable), then the .dist-info files, RECORD last with every other
// file's hash and size.
func (w *wheel) write(out io.Writer) error {
	dataDir := fmt.Sprintf("%s-%s.data", distName, w.version)
	infoDir := fmt.Sprintf("%s-%s.dist-info", distName, w.version)
	zw := zip.NewWriter(out)
	var record strings.Builder
	add := func(name string, data []byte, executable bool) error {
		h := &zip.FileHeader{Name: name, Method: zip.Deflate, Modified: w.modified}
		h.SetMode(0o644)
		if executable {
			h.SetMode(0o755)
		}
		f, err := zw.CreateHeader(h)
		if err != nil {
			return err
		}
		if _, err := f.Write(data); err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&record, "%s,sha256=%s,%d\n", name, base64.RawURLEncoding.EncodeToString(sum[:]), len(data))
		return nil
	}
	for _, f := range w.python {
		if err := add("asyncgantt/"+f.name, f.data, false); err != nil {
			return err
		}
	}
	if err := add(dataDir+"/scripts/"+w.platform.exe(), w.binary, true); err != nil {
		return err
	}
	if err := add(infoDir+"/METADATA", []byte(w.metadata), false); err != nil {
		return err
	}
	if err := add(infoDir+"/WHEEL", []byte(w.wheelFile()), false); err != nil {
		return err
	}
	if len(w.license) > 0 {
		if err := add(infoDir+"/licenses/LICENSE", w.license, false); err != nil {
			return err
		}
	}
	fmt.Fprintf(&record, "%s/RECORD,,\n", infoDir)
	h := &zip.FileHeader{Name: infoDir + "/RECORD", Method: zip.Deflate, Modified: w.modified}
	h.SetMode(0o644)
	f, err := zw.CreateHeader(h)
	if err != nil {
		return err
	}
	if _, err := io.WriteString(f, record.String()); err != nil {
		return err
	}
	return zw.Close()
}

// bytes returns the wheel's content.
func (w *wheel) bytes() ([]byte, error) {
	var buf bytes.Buffer
	err := w.write(&buf)
	return buf.Bytes(), err
}

// metadata returns the METADATA file (core metadata 2.1) for a version,
// with the description that package indexes show.
func metadata(version, description string, hasLicense bool) string {
	var b strings.Builder
	fields := [][2]string{
		{"Metadata-Version", "2.1"},
		{"Name", distName},
		{"Version", version},
		{"Summary", "Gantt figures of asyncio tasks, for teaching concurrency: what CPython's event loop really runs, drawn deterministically"},
		{"Home-page", "https://github.com/asyncgantt/asyncgantt"},
		{"Project-URL", "Source, https://github.com/asyncgantt/asyncgantt"},
		{"Project-URL", "Documentation, https://github.com/asyncgantt/asyncgantt/blob/main/docs/course.md"},
		{"Keywords", "asyncio,concurrency,gantt,teaching,mkdocs,sphinx"},
		{"Classifier", "Environment :: Console"},
		{"Classifier", "Framework :: AsyncIO"},
		{"Classifier", "Framework :: Sphinx :: Extension"},
		{"Classifier", "Intended Audience :: Education"},
		{"Classifier", "Programming Language :: Go"},
		{"Classifier", "Programming Language :: Python :: 3"},
		{"Classifier", "Topic :: Documentation"},
		{"Classifier", "Topic :: Education"},
		{"Requires-Python", ">=3.8"},
		{"Description-Content-Type", "text/markdown"},
	}
	if hasLicense {
		fields = append(fields, [2]string{"License-File", "LICENSE"})
	}
	for _, f := range fields {
		fmt.Fprintf(&b, "%s: %s\n", f[0], f[1])
	}
	b.WriteString("\n")
	b.WriteString(description)
	return b.String()
}
