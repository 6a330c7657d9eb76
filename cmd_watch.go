package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/trace"
)

const watchUsage = `Usage: asyncgantt watch FILE [flags]

Runs the scenario FILE (or the Python program FILE.py) and writes its
figures into --out, then again every time FILE is saved, until interrupted
(Ctrl-C). A save that does not parse is reported and the last good figures
stay. HTML reports written in watch mode reload themselves in the browser
after every render.
`

// watchDebounce is how long watch waits after the last change to the file
// before rendering: editors write a file in several steps.
const watchDebounce = 100 * time.Millisecond

func watchCmd(args []string, stdout, stderr io.Writer) error {
	var o outputOptions
	fs := newFlags("watch", watchUsage, stdout)
	o.register(fs)
	o.py.register(fs)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := o.check(); err != nil {
		return err
	}
	if o.output == "-" {
		return usagef("watch: -o - cannot re-render to standard output; use -o FILE or --out DIR")
	}
	if fs.NArg() != 1 {
		return usagef("watch: name one scenario file, e.g. asyncgantt watch lesson.yaml")
	}
	path := fs.Arg(0)
	if _, err := os.Stat(path); err != nil {
		if _, berr := scenarios.BuiltinSource(path); berr == nil {
			return usagef("watch: %s is a built-in scenario, which never changes; copy it to a file to edit: asyncgantt show %s > %s.yaml", path, path, path)
		}
		return usagef("watch: cannot read %s: %v (asyncgantt new %s writes a starter)", path, errors.Unwrap(err), path)
	}
	if _, err := scenarios.ReadFile(path); err != nil {
		return usagef("watch: %v", err)
	}
	o.inputs = []os.FileInfo{inputInfo(path)}
	if err := o.checkOutputs([]string{outName(strings.TrimSuffix(filepath.Base(path), filepath.Ext(path)))}); err != nil {
		return err
	}
	// A render in progress is never worth finishing after a signal: its
	// interrupted figures would replace the last good ones.
	stopAtOnce()
	ctx := commandContext()
	return watch(ctx, path, o, stdout, stderr, nil)
}

// watch renders the scenario file at path now and after every change to
// it until ctx is done. It watches the file's directory, so saves that
// replace the file (write a temporary file, rename it over) are seen, and
// looks at the directory twice a second, so that a directory deleted and
// made again (a checkout, a sync tool) is watched again. The file is read
// as every input is (scenarios.ReadFile): a save that makes it a link to
// a device, a FIFO or a file too large is reported, never read without
// end or waited on. Problems with the scenario are printed on stderr and
// leave the last good output in place. rendered, when not nil, is called
// after each render attempt with its error.
func watch(ctx context.Context, path string, o outputOptions, stdout, stderr io.Writer, rendered func(error)) error {
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	defer w.Close()
	abs, err := filepath.Abs(path)
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	dir := &watchedDir{path: filepath.Dir(abs), w: w}
	if err := dir.add(); err != nil {
		return fmt.Errorf("watch: cannot watch %s: %w", filepath.Dir(path), err)
	}
	if !o.quiet {
		fmt.Fprintf(stderr, "watching %s (Ctrl-C to stop)\n", safetext.Line(path))
	}
	var last []byte // the source last rendered
	var good *job   // the last render that ran, for the report of a failed save
	render := func() {
		if _, err := os.Stat(path); errors.Is(err, os.ErrNotExist) {
			// Mid-rename, or deleted: the next event brings it back.
			return
		}
		src, err := scenarios.ReadFile(path)
		if err == nil && last != nil && bytes.Equal(src, last) {
			return
		}
		if err == nil {
			if last != nil && !o.quiet {
				fmt.Fprintf(stderr, "%s changed: rendering again\n", safetext.Line(path))
			}
			last = src
			var j *job
			if j, err = watchRenderJob(ctx, path, src, o, stdout, stderr); j != nil {
				good = j
			}
		}
		if err != nil {
			printWatchError(err, stderr)
			if aerr := writeWatchAlert(good, err, stderr); aerr != nil {
				fmt.Fprintln(stderr, "asyncgantt:", aerr)
			}
		}
		if rendered != nil {
			rendered(err)
		}
	}
	render()
	debounce := time.NewTimer(time.Hour)
	debounce.Stop()
	defer debounce.Stop()
	look := time.NewTicker(watchLook)
	defer look.Stop()
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if filepath.Clean(ev.Name) == abs && ev.Op&(fsnotify.Write|fsnotify.Create|fsnotify.Rename|fsnotify.Remove) != 0 {
				debounce.Reset(watchDebounce)
			}
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			return fmt.Errorf("watch %s: %w", path, err)
		case <-look.C:
			if dir.renewed() {
				debounce.Reset(watchDebounce)
			}
		case <-debounce.C:
			render()
		}
	}
}

// watchLook is how often watch looks whether its directory was replaced.
const watchLook = 500 * time.Millisecond

// watchedDir is the directory watch watches, and the one it watched
// last: a directory deleted and made again under the same path is
// another directory, whose events the old watch never sees.
type watchedDir struct {
	path string
	w    *fsnotify.Watcher
	fi   os.FileInfo // the directory watched; nil when it is gone
}

// add starts watching the directory at the path.
func (d *watchedDir) add() error {
	fi, err := os.Stat(d.path)
	if err != nil {
		return err
	}
	if err := d.w.Add(d.path); err != nil {
		return err
	}
	d.fi = fi
	return nil
}

// renewed watches the directory at the path again if it is not the one
// watched, and says whether it did: its file may have changed unseen.
func (d *watchedDir) renewed() bool {
	fi, err := os.Stat(d.path)
	if err == nil && d.fi != nil && os.SameFile(fi, d.fi) {
		return false
	}
	if d.fi != nil {
		d.w.Remove(d.path) // gone already, or another directory now
		d.fi = nil
	}
	return err == nil && d.add() == nil
}

// watchRender parses, runs and writes the scenario; in watch mode HTML
// reports get their reload script and version file.
func watchRender(ctx context.Context, path string, src []byte, o outputOptions, stdout, stderr io.Writer) error {
	_, err := watchRenderJob(ctx, path, src, o, stdout, stderr)
	return err
}

// watchRenderJob is watchRender, and returns the job it wrote, or nil if
// it wrote nothing.
func watchRenderJob(ctx context.Context, path string, src []byte, o outputOptions, stdout, stderr io.Writer) (*job, error) {
	var j *job
	var runErr error
	if isPython(path) {
		var tr *trace.Trace
		tr, runErr = tracePrograms(ctx, []string{path}, o, stdout, stderr)
		if tr == nil {
			return nil, runErr
		}
		j = &job{name: outName(strings.TrimSuffix(filepath.Base(path), ".py")), trace: tr, opts: o}
	} else {
		s, err := scenarios.Parse(path, src)
		if err != nil {
			return nil, err
		}
		if s, err = selectRuns(s, o.py.runs); err != nil {
			return nil, err
		}
		if err := o.checkBaseline(s.File, runNames(s)); err != nil {
			return nil, err
		}
		var tr *trace.Trace
		tr, runErr = execute(ctx, s, o, stderr)
		runErr = explainRunError(runErr, o)
		if tr == nil {
			return nil, runErr
		}
		writeTranscript(stdout, stderr, tr)
		j = &job{name: outName(s.Name), scenario: s, trace: tr, opts: o}
	}
	if o.output != "" {
		if err := writeSingle(j, stdout, stderr, stderr); err != nil {
			return nil, err
		}
		return j, runErr
	}
	html := slices.Contains(o.formats, "html")
	if html {
		j.reload = reloadVersion(j)
	}
	files, err := renderJob(j)
	if err != nil {
		return nil, err
	}
	if html {
		files = append(files, reloadFile(j.name, j.reload))
	}
	if err := writeFiles(o, files, stderr); err != nil {
		return nil, err
	}
	return j, runErr
}

// writeWatchAlert rewrites the HTML report of the last good render, good,
// with the problem of the save that failed above its figure, and
// announces it, so that the open page reloads and shows it; the figure
// stays the last good one. The next good save writes the report anew.
// Without an HTML report written into --out, there is nothing to do.
func writeWatchAlert(good *job, failed error, stderr io.Writer) error {
	if good == nil || good.opts.output != "" || !slices.Contains(good.opts.formats, "html") {
		return nil
	}
	msg := failed.Error()
	var list scenarios.ErrorList
	if errors.As(failed, &list) {
		msg = list.Detail()
	}
	j := &job{name: good.name, scenario: good.scenario, trace: good.trace, opts: good.opts, alert: msg}
	j.opts.formats = []string{"html"}
	j.opts.quiet = true
	sum := sha256.Sum256([]byte(good.reload + "\x00" + msg))
	j.reload = hex.EncodeToString(sum[:])[:16]
	files, err := renderJob(j)
	if err != nil {
		return err
	}
	return writeFiles(j.opts, append(files, reloadFile(j.name, j.reload)), stderr)
}

// printWatchError reports a failed render, as the command would when run
// once, and says that the last good output stays.
func printWatchError(err error, stderr io.Writer) {
	printError(stderr, err)
	fmt.Fprintln(stderr, "(the last good figures stay; watching for the next save)")
}
