package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"path/filepath"
	"slices"

	"github.com/asyncgantt/asyncgantt/internal/outfile"
	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/render/html"
	"github.com/asyncgantt/asyncgantt/scenarios"
)

// galleryExtras writes the gallery's files beyond each scenario's own:
// the showcase's variants, then the index page that links them.
func galleryExtras(ctx context.Context, o outputOptions, report io.Writer) error {
	if err := writeGalleryVariants(ctx, o, report); err != nil {
		return err
	}
	return writeGalleryIndex(o, report)
}

// writeGalleryIndex writes the gallery's index.html, linking the report of
// every built-in scenario with its figure as a thumbnail. It writes
// nothing unless HTML reports are among the formats.
func writeGalleryIndex(o outputOptions, report io.Writer) error {
	if !slices.Contains(o.formats, "html") {
		return nil
	}
	withSVG := slices.Contains(o.formats, "svg")
	g := &html.Gallery{
		Title:       "asyncgantt gallery",
		Description: "Every built-in scenario, run on a model of CPython's asyncio event loop. Each report holds the figure, the numbers behind it, the transcript of every run and the scenario itself.",
	}
	for _, n := range scenarios.Builtins() {
		s, err := scenarios.Builtin(n)
		if err != nil {
			return fmt.Errorf("built-in scenario %s: %w", n, err)
		}
		e := html.GalleryEntry{Title: s.Title, Description: s.Description, Href: s.Name + ".html", Theme: o.theme}
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
	if err := html.WriteGallery(&buf, g); err != nil {
		return err
	}
	path := filepath.Join(o.out, "index.html")
	if err := outfile.Write(path, buf.Bytes()); err != nil {
		return err
	}
	if !o.quiet {
		fmt.Fprintln(report, "wrote", safetext.Line(path))
	}
	return nil
}
