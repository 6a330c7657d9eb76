package markdown

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/asyncgantt/asyncgantt/internal/outfile"
)

// pageExts are the extensions of the pages a folder is searched for.
var pageExts = []string{".md", ".markdown"}

// skipDirs are folders never searched for pages: build outputs and
// installed packages.
var skipDirs = []string{"node_modules", "_build", "site", "__pycache__"}

// findPages returns the pages named: files as given, folders searched
// (without following links, skipping hidden folders, build outputs and
// assets folders) for .md and .markdown files, in lexical order. A page
// named twice is read once.
func findPages(paths []string, assets string) ([]string, error) {
	if len(paths) == 0 {
		return nil, errors.New("name the pages to update: Markdown files or folders")
	}
	var pages []string
	seen := map[string]bool{}
	add := func(p string) {
		if c := filepath.Clean(p); !seen[c] {
			seen[c] = true
			pages = append(pages, p)
		}
	}
	assetsName := ""
	if !filepath.IsAbs(assets) && !strings.ContainsAny(filepath.Clean(assets), `/\`) {
		assetsName = filepath.Clean(assets)
	}
	for _, arg := range paths {
		fi, err := os.Stat(arg)
		if err != nil {
			return nil, ErrorList{{Page: arg, Msg: fmt.Sprintf("cannot read it: %v", errors.Unwrap(err))}}
		}
		if !fi.IsDir() {
			add(arg)
			continue
		}
		err = filepath.WalkDir(arg, func(p string, d fs.DirEntry, err error) error {
			if err != nil {
				return err
			}
			if d.IsDir() {
				name := d.Name()
				if p != arg && (strings.HasPrefix(name, ".") || slices.Contains(skipDirs, name) || name == assetsName) {
					return filepath.SkipDir
				}
				return nil
			}
			if d.Type().IsRegular() && slices.Contains(pageExts, strings.ToLower(filepath.Ext(p))) {
				add(p)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	return pages, nil
}

// Apply makes the changes: for each stale page, it writes the page's
// figures and the page itself as one set, all or nothing (a full disk
// leaves the page and its figures as they were), then removes its stale
// figures, reporting each file on report (nil: nothing is reported).
func (c *Changes) Apply(report io.Writer) error {
	if report == nil {
		report = io.Discard
	}
	for _, p := range c.Pages {
		var set []outfile.File
		for _, f := range p.Write {
			set = append(set, outfile.File{Path: f.Path, Data: f.Data})
		}
		if p.Text != nil {
			set = append(set, outfile.File{Path: p.file, Data: p.Text, Mode: p.mode})
		}
		if err := outfile.WriteAll(set); err != nil {
			return err
		}
		for _, f := range p.Write {
			fmt.Fprintln(report, "wrote", f.Path)
		}
		if p.Text != nil {
			fmt.Fprintln(report, "updated", p.Page)
		}
		for _, f := range p.Remove {
			if err := os.Remove(f); err != nil && !errors.Is(err, fs.ErrNotExist) {
				return err
			}
			fmt.Fprintln(report, "removed", f)
		}
	}
	return nil
}

// Summary says in a few words what the page needs, e.g. "2 figures to
// write, 1 to remove, the page to update".
func (p *PageChange) Summary() string {
	var parts []string
	if n := len(p.Write); n > 0 {
		parts = append(parts, fmt.Sprintf("%d %s to write", n, plural(n, "figure file", "figure files")))
	}
	if n := len(p.Remove); n > 0 {
		parts = append(parts, fmt.Sprintf("%d stale %s to remove", n, plural(n, "figure file", "figure files")))
	}
	if p.Text != nil {
		parts = append(parts, "the page to update")
	}
	if len(parts) == 0 {
		return "up to date"
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
