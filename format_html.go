package main

import (
	"bytes"
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/python"
)

func init() {
	registerFormat(format{name: "html", order: 20, byDefault: true, write: writeHTMLReport})
	galleryExtraWriters = append(galleryExtraWriters, writeGalleryIndex)
}

// writeHTMLReport renders the job as one self-contained HTML report:
// NAME.html.
func writeHTMLReport(j *job) ([]outFile, error) {
	fig, err := j.figure()
	if err != nil {
		return nil, err
	}
	r := &render.Report{Title: j.trace.Title, Description: j.trace.Description, Trace: j.trace, Figure: fig, AllRows: j.opts.fig.exact}
	if s := j.scenario; s != nil {
		r.Title, r.Description = s.Title, s.Description
		r.Source = string(s.Source)
		r.SourceName = filepath.Base(s.File)
		py, err := python.Program(s)
		if err != nil {
			return nil, fmt.Errorf("%s: the equivalent Python program: %w", s.File, err)
		}
		r.Python = string(py)
	}
	if r.Title == "" {
		r.Title = j.name
	}
	var buf bytes.Buffer
	if err := render.HTML(&buf, r); err != nil {
		return nil, err
	}
	page := buf.Bytes()
	if j.reload != "" {
		// Watch mode: the page reloads itself when NAME.reload.js changes.
		// Reports written otherwise carry no script at all.
		page = withReloadScript(page, reloadScript(j.name, j.reload))
	}
	return []outFile{{j.name + ".html", page}}, nil
}

// writeGalleryIndex writes the gallery's index.html, linking the report of
// every built-in scenario with its figure as a thumbnail. It writes
// nothing unless HTML reports are among the formats.
func writeGalleryIndex(o outputOptions, report io.Writer) error {
	if !slices.Contains(o.formats, "html") {
		return nil
	}
	withSVG := slices.Contains(o.formats, "svg")
	g := &render.Gallery{
		Title:       "asyncgantt gallery",
		Description: "Every built-in scenario, run on a model of CPython's asyncio event loop. Each report holds the figure, the numbers behind it, the transcript of every run and the scenario itself.",
	}
	for _, n := range scenarios.Builtins() {
		s, err := scenarios.Builtin(n)
		if err != nil {
			return fmt.Errorf("built-in scenario %s: %w", n, err)
		}
		e := render.GalleryEntry{Title: s.Title, Description: s.Description, Href: s.Name + ".html", Theme: o.theme}
		if s.Figure.Theme != "" && !o.set("theme") {
			e.Theme = s.Figure.Theme
		}
		if withSVG {
			e.Thumbnail = s.Name + ".svg"
			e.Files = []string{s.Name + ".svg"}
			if s.Name == galleryShowcase {
				for _, v := range galleryVariants {
					e.Files = append(e.Files, s.Name+v.suffix+".svg")
				}
			}
		}
		if s.Name == galleryShowcase {
			e.Files = append(e.Files, s.Name+".txt")
		}
		g.Entries = append(g.Entries, e)
	}
	var buf bytes.Buffer
	if err := render.GalleryHTML(&buf, g); err != nil {
		return err
	}
	path := filepath.Join(o.out, "index.html")
	if err := writeFileAtomic(path, buf.Bytes()); err != nil {
		return err
	}
	if !o.quiet {
		fmt.Fprintln(report, "wrote", path)
	}
	return nil
}

// withReloadScript puts script just before the page's </body>, and relaxes
// the page's Content-Security-Policy just enough to run it: its own inline
// script and the sibling reload file.
func withReloadScript(page []byte, script string) []byte {
	s := string(page)
	s = strings.Replace(s, "default-src 'none';", "default-src 'none'; script-src 'unsafe-inline' 'self' file:;", 1)
	if i := strings.LastIndex(s, "</body>"); i >= 0 {
		s = s[:i] + script + "\n" + s[i:]
	}
	return []byte(s)
}
