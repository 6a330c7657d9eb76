// Command wheels builds the Python wheels that carry the asyncgantt
// binary, so that teachers without Go can install it with pip or pipx:
//
//	go run ./tools/wheels                       every platform, into dist/
//	go run ./tools/wheels --platforms linux/amd64 --out /tmp/dist
//
// It runs from the module's root, in a git clone (Go records no version in
// a git worktree). For each platform it cross-compiles a static binary
// (CGO_ENABLED=0, -trimpath), reads the version back from the binary's
// build info, as asyncgantt --version does, and writes
// asyncgantt-VERSION-py3-none-PLATFORM.whl: the binary in the .data
// scripts folder (pip puts it on PATH), the asyncgantt Python package of
// python/asyncgantt (python -m asyncgantt, the Sphinx extension, the
// MkDocs hook), METADATA with python/README.md as its description, WHEEL
// with the platform tags, and RECORD with every file's SHA-256. Entries
// carry the commit's time, so a commit builds the same bytes. It prints
// each wheel's path and SHA-256, and writes them to SHA256SUMS.
package main

import (
	"bytes"
	"crypto/sha256"
	"debug/buildinfo"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"slices"
	"strings"
	"time"

	"github.com/asyncgantt/asyncgantt/internal/version"
)

func main() {
	if err := run(os.Args[1:], os.Stdout, os.Stderr); err != nil {
		fmt.Fprintln(os.Stderr, "wheels:", err)
		os.Exit(1)
	}
}

func run(args []string, stdout, stderr io.Writer) error {
	fs := flag.NewFlagSet("wheels", flag.ContinueOnError)
	fs.SetOutput(stderr)
	out := fs.String("out", "dist", "folder to write the wheels into")
	var all []string
	for _, p := range platforms(runtime.Version()) {
		all = append(all, p.name())
	}
	only := fs.String("platforms", strings.Join(all, ","), "the platforms to build, comma-separated")
	goCmd := fs.String("go", "go", "the go command")
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: the wheels are built from the module in the current folder", fs.Args())
	}
	if mod, err := os.ReadFile("go.mod"); err != nil || !bytes.HasPrefix(mod, []byte("module "+version.Module+"\n")) {
		return fmt.Errorf("run it from the root of the %s module (go run ./tools/wheels)", version.Module)
	}
	goVersion, err := exec.Command(*goCmd, "env", "GOVERSION").Output()
	if err != nil {
		return fmt.Errorf("%s env GOVERSION: %v", *goCmd, err)
	}
	targets, err := choose(platforms(strings.TrimSpace(string(goVersion))), *only)
	if err != nil {
		return err
	}
	python, err := pythonFiles("python/asyncgantt")
	if err != nil {
		return err
	}
	description, err := os.ReadFile("python/README.md")
	if err != nil {
		return err
	}
	license, err := os.ReadFile("LICENSE")
	if err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	tmp, err := os.MkdirTemp("", "asyncgantt-wheels")
	if err != nil {
		return err
	}
	defer os.RemoveAll(tmp)
	if err := os.MkdirAll(*out, 0o755); err != nil {
		return err
	}
	var sums strings.Builder
	var first *version.Info
	for _, p := range targets {
		bin, info, err := build(*goCmd, p, tmp)
		if err != nil {
			return err
		}
		if first == nil {
			first = &info
		} else if info.Version != first.Version {
			return fmt.Errorf("the %s binary is version %s, the %s one %s", p.name(), info.Version, targets[0].name(), first.Version)
		}
		pyVersion, err := version.PEP440(info.Version)
		if err != nil {
			return err
		}
		w := &wheel{version: pyVersion, platform: p, binary: bin, python: python, license: license,
			metadata: metadata(pyVersion, string(description), len(license) > 0), modified: commitTime(info)}
		data, err := w.bytes()
		if err != nil {
			return err
		}
		path := filepath.Join(*out, w.fileName())
		if err := os.WriteFile(path, data, 0o644); err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(&sums, "%s  %s\n", hex.EncodeToString(sum[:]), w.fileName())
		fmt.Fprintf(stdout, "%s  %s (%s, %d bytes)\n", hex.EncodeToString(sum[:]), path, info.Version, len(data))
	}
	return os.WriteFile(filepath.Join(*out, "SHA256SUMS"), []byte(sums.String()), 0o644)
}

// choose returns the platforms named in a comma-separated list.
func choose(known []platform, list string) ([]platform, error) {
	var out []platform
	var names []string
	for _, p := range known {
		names = append(names, p.name())
	}
	for _, n := range strings.Split(list, ",") {
		i := slices.Index(names, strings.TrimSpace(n))
		if i < 0 {
			return nil, fmt.Errorf("unknown platform %q: use any of %s", n, strings.Join(names, ", "))
		}
		if !slices.ContainsFunc(out, func(p platform) bool { return p.name() == names[i] }) {
			out = append(out, known[i])
		}
	}
	return out, nil
}

// build cross-compiles the binary for a platform and reads back what it
// records of its build.
func build(goCmd string, p platform, tmp string) ([]byte, version.Info, error) {
	path := filepath.Join(tmp, p.goos+"-"+p.goarch, p.exe())
	cmd := exec.Command(goCmd, "build", "-trimpath", "-ldflags=-s -w", "-o", path, ".")
	// Go records the version from git only with -buildvcs, which a
	// GOFLAGS of the environment may turn off.
	cmd.Env = append(os.Environ(), "GOOS="+p.goos, "GOARCH="+p.goarch, "CGO_ENABLED=0",
		"GOFLAGS="+strings.TrimSpace(os.Getenv("GOFLAGS")+" -buildvcs=true"))
	cmd.Stderr = os.Stderr
	if err := cmd.Run(); err != nil {
		return nil, version.Info{}, fmt.Errorf("building for %s: %v", p.name(), err)
	}
	bi, err := buildinfo.ReadFile(path)
	if err != nil {
		return nil, version.Info{}, fmt.Errorf("reading the %s binary's build info: %v", p.name(), err)
	}
	bin, err := os.ReadFile(path)
	return bin, version.FromBuildInfo(bi), err
}

// pythonFiles reads the Python package's .py files, by name.
func pythonFiles(dir string) ([]namedFile, error) {
	paths, err := filepath.Glob(filepath.Join(dir, "*.py"))
	if err != nil || len(paths) == 0 {
		return nil, fmt.Errorf("no Python files in %s", dir)
	}
	slices.Sort(paths)
	var out []namedFile
	for _, p := range paths {
		data, err := os.ReadFile(p)
		if err != nil {
			return nil, err
		}
		out = append(out, namedFile{filepath.Base(p), data})
	}
	return out, nil
}

// commitTime is the time of the commit built, which every entry of the
// wheels carries; zip files cannot say times before 1980.
func commitTime(i version.Info) time.Time {
	t, err := time.Parse(time.RFC3339, i.Time)
	if floor := time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC); err != nil || t.Before(floor) {
		return floor
	}
	return t.UTC()
}
