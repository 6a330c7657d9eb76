package markdown

import (
	"bytes"
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/asyncgantt/asyncgantt/internal/infile"
)

// Renderer draws the figure of a block.
type Renderer interface {
	// Render draws block b into files named name plus an extension, e.g.
	// name + ".svg". Problems with the block are returned as an *Error
	// made with b.Errorf or b.OptionErrorf, or an ErrorList of them; any
	// other error stops Plan.
	Render(b *Block, name string) (*Figure, error)
}

// Figure is what a Renderer made of a block.
type Figure struct {
	// Files are the figure's files in the order the page lists them: the
	// first image (SVG, PNG, ...) is shown, the others are linked.
	Files []File
	// Alt describes the figure, for the image's alternative text unless
	// the block's alt option gives one.
	Alt string
	// Transcript is what the program printed, one line per line; the page
	// shows it as a code block after the figure when asked to.
	Transcript string
	// Warnings are things to tell about the block that do not stop it,
	// such as a deadlock that the figure shows.
	Warnings []string
}

// File is one file of a figure.
type File struct {
	// Name is the file's base name: the name Render was given, a dot and
	// an extension.
	Name string
	// Data is its content.
	Data []byte
}

// SourceMode says what becomes of the blocks' text on the page.
type SourceMode int

const (
	// KeepSource leaves each block shown or hidden as it is.
	KeepSource SourceMode = iota
	// HideSource keeps every block in a comment, so that the page shows
	// only its figure.
	HideSource
	// ShowSource shows every block again.
	ShowSource
)

// Config says how Plan keeps pages fresh.
type Config struct {
	// Assets is the folder figures are written into: relative to each
	// page's folder, or absolute. Empty means "figures".
	Assets string
	// Settings describes the command's settings that change figures (its
	// flags); it is hashed into every figure's name.
	Settings string
	// Source says whether blocks are hidden or shown. A block's own
	// hide-source option wins.
	Source SourceMode
	// TranscriptBlock writes what each program printed as a code block
	// after its figure. A block's own transcript-block option wins.
	TranscriptBlock bool
}

// MaxPageBytes is the largest page Plan reads.
const MaxPageBytes = 16 << 20

// Changes are what keeping a set of pages fresh takes.
type Changes struct {
	// Pages are the pages read, in the order given (folders in lexical
	// order of their files).
	Pages []*PageChange
}

// PageChange is what keeping one page fresh takes.
type PageChange struct {
	// Page is the page's path.
	Page string
	// Blocks is the number of asyncgantt blocks on it.
	Blocks int
	// Text is the page's new text, nil when it does not change.
	Text []byte
	// Write are the figure files that are missing or differ.
	Write []Output
	// Remove are stale figure files: of blocks that changed or went away.
	Remove []string
	// Warnings are said about its blocks, each starting "page:line:".
	Warnings []string

	// mode is the page's permissions, kept when it is rewritten; file is
	// the file to rewrite, the page's target when the page is a link.
	mode fs.FileMode
	file string
}

// Output is a file to write.
type Output struct {
	// Path is where, joined to the page's folder.
	Path string
	// Data is its content.
	Data []byte
}

// Stale reports whether the page or its figures need to change.
func (p *PageChange) Stale() bool {
	return p.Text != nil || len(p.Write) > 0 || len(p.Remove) > 0
}

// Stale returns the pages that need to change.
func (c *Changes) Stale() []*PageChange {
	var out []*PageChange
	for _, p := range c.Pages {
		if p.Stale() {
			out = append(out, p)
		}
	}
	return out
}

// ErrorList is every problem Plan found, in page order.
type ErrorList []*Error

// Error returns the problems, one per line.
func (l ErrorList) Error() string { return errors.Join(l.Unwrap()...).Error() }

// Unwrap returns the individual errors.
func (l ErrorList) Unwrap() []error {
	errs := make([]error, len(l))
	for i, e := range l {
		errs[i] = e
	}
	return errs
}

// maxErrors is how many problems Plan reports before it stops.
const maxErrors = 20

// Plan reads the pages (files, or folders searched for .md and .markdown
// files), has every block drawn by r and works out the changes, writing
// nothing. Problems with the pages or their blocks are returned as an
// ErrorList.
func Plan(paths []string, r Renderer, cfg Config) (*Changes, error) {
	if cfg.Assets == "" {
		cfg.Assets = "figures"
	}
	pages, err := findPages(paths, cfg.Assets)
	if err != nil {
		return nil, err
	}
	c := &Changes{}
	var errs ErrorList
	written := map[string]bool{}
	owners := map[string]string{}
	var removals [][]string
	for _, path := range pages {
		pc, refs, err := planPage(path, r, cfg, written, owners)
		var list ErrorList
		switch {
		case errors.As(err, &list):
			errs = append(errs, list...)
		case err != nil:
			return nil, err
		}
		if len(errs) >= maxErrors {
			break
		}
		if pc != nil {
			c.Pages = append(c.Pages, pc)
			removals = append(removals, refs)
		}
	}
	if len(errs) > 0 {
		return nil, errs[:min(len(errs), maxErrors)]
	}
	for i, pc := range c.Pages {
		for _, f := range removals[i] {
			if f = filepath.Clean(f); !written[f] && !slices.Contains(pc.Remove, f) {
				pc.Remove = append(pc.Remove, f)
			}
		}
		slices.Sort(pc.Remove)
	}
	return c, nil
}

// readPage reads a page under the policy of every input (internal/infile):
// a regular file, or a link to one, of at most MaxPageBytes; a device, a
// FIFO or a socket is refused without reading from it or waiting on it.
func readPage(path string) ([]byte, fs.FileInfo, error) {
	f, fi, err := infile.Open(path)
	var nr *infile.NotRegularError
	switch {
	case errors.As(err, &nr):
		return nil, nil, fmt.Errorf("the page is %s, not a regular file", infile.Kind(nr.Mode))
	case err != nil:
		return nil, nil, fmt.Errorf("cannot read the page: %v", infile.Cause(err))
	}
	defer f.Close()
	if fi.Size() > MaxPageBytes {
		return nil, nil, fmt.Errorf("the page is %d bytes; pages are limited to %d bytes", fi.Size(), MaxPageBytes)
	}
	src, err := infile.ReadAll(f, MaxPageBytes)
	if err != nil {
		return nil, nil, fmt.Errorf("cannot read the page: %v", infile.Cause(err))
	}
	return src, fi, nil
}

// planPage works out one page's changes, and the files that may be stale:
// those its sections linked and those of its assets folder named after
// it. written collects the figures of every page; owners the page each
// assets folder and prefix belong to.
func planPage(path string, r Renderer, cfg Config, written map[string]bool, owners map[string]string) (*PageChange, []string, error) {
	src, fi, err := readPage(path)
	if err != nil {
		return nil, nil, ErrorList{{Page: path, Msg: err.Error()}}
	}
	dir := filepath.Dir(path)
	assets := cfg.Assets
	if !filepath.IsAbs(assets) {
		assets = filepath.Join(dir, assets)
	}
	prefix := pagePrefix(path, assets)
	key := filepath.Join(assets, prefix)
	if other, ok := owners[key]; ok {
		return nil, nil, ErrorList{{Page: path, Msg: fmt.Sprintf("its figures would be named like those of %s (%s-*); give the pages different names or separate assets folders", other, filepath.Join(assets, prefix))}}
	}
	owners[key] = path
	pc := &PageChange{Page: path, mode: fi.Mode().Perm(), file: path}
	if real, err := filepath.EvalSymlinks(path); err == nil {
		// A page that is a link is rewritten where it points, so the
		// link stays a link.
		pc.file = real
	}
	stale := sweep(assets, prefix)
	if !bytes.Contains(src, []byte("asyncgantt")) {
		return pc, stale, nil
	}
	pg := newPageText(path, src)
	parsed, err := parsePage(pg)
	if err != nil {
		var e *Error
		if errors.As(err, &e) {
			return nil, nil, ErrorList{e}
		}
		return nil, nil, err
	}
	pc.Blocks = len(parsed.units)
	for _, s := range append(sectionsOf(parsed), parsed.orphans...) {
		stale = append(stale, linked(dir, src[s.start:s.end])...)
	}
	text, err := rewrite(parsed, r, cfg, prefix, func(name string, f *Figure) ([]link, error) {
		var links []link
		for _, file := range f.Files {
			ext, ok := strings.CutPrefix(file.Name, name+".")
			if !ok || strings.ContainsAny(ext, `/\`) || ext == "" {
				return nil, fmt.Errorf("markdown: the renderer named a file %q; it must be %s.EXT", file.Name, name)
			}
			out := filepath.Join(assets, file.Name)
			if !written[filepath.Clean(out)] {
				written[filepath.Clean(out)] = true
				// A figure is compared only if it is a regular file of
				// the new one's size: a FIFO or a device is written into.
				if old, err := infile.ReadFile(out, int64(len(file.Data))); err != nil || !bytes.Equal(old, file.Data) {
					pc.Write = append(pc.Write, Output{Path: out, Data: file.Data})
				}
			}
			links = append(links, link{href: hrefFrom(dir, out), ext: ext})
		}
		return links, nil
	}, &pc.Warnings)
	if err != nil {
		return nil, nil, err
	}
	if !bytes.Equal(text, src) {
		pc.Text = text
	}
	return pc, stale, nil
}

func sectionsOf(p *parsed) []*section {
	var out []*section
	for _, u := range p.units {
		if u.section != nil {
			out = append(out, u.section)
		}
	}
	return out
}

// ourName matches the names of the figure files the package writes.
var ourName = regexp.MustCompile(`^[a-z0-9_-]+-[0-9a-f]{12}\.[A-Za-z0-9.]+$`)

// linkRE matches the destinations of a section's links.
var linkRE = regexp.MustCompile(`\]\(([^()\s]+)\)`)

// linked returns the figure files a section links that exist, are named
// as the package names them and lie in the page's folder or below.
func linked(dir string, section []byte) []string {
	var out []string
	for _, m := range linkRE.FindAllSubmatch(section, -1) {
		rel, err := unescapeHref(string(m[1]))
		if err != nil || strings.Contains(rel, ":") || strings.HasPrefix(rel, "/") {
			continue
		}
		p := filepath.Join(dir, filepath.FromSlash(rel))
		if fi, err := os.Lstat(p); err == nil && fi.Mode().IsRegular() && ourName.MatchString(filepath.Base(p)) {
			out = append(out, p)
		}
	}
	return out
}

// sweep returns the files of the assets folder named after the page.
func sweep(assets, prefix string) []string {
	entries, err := os.ReadDir(assets)
	if err != nil {
		return nil
	}
	re := regexp.MustCompile(`^` + regexp.QuoteMeta(prefix) + `-[0-9a-f]{12}\.[A-Za-z0-9.]+$`)
	var out []string
	for _, e := range entries {
		if e.Type().IsRegular() && re.MatchString(e.Name()) {
			out = append(out, filepath.Join(assets, e.Name()))
		}
	}
	return out
}

// pagePrefix is how the figures of a page are named: the page's path from
// the assets folder's parent, without extension, or its base name when
// the page is not below that folder; lower case, with what is not a
// letter, digit, '-' or '_' turned to '-'.
func pagePrefix(page, assets string) string {
	stem := strings.TrimSuffix(page, filepath.Ext(page))
	name := filepath.Base(stem)
	absStem, err1 := filepath.Abs(stem)
	absAssets, err2 := filepath.Abs(assets)
	if err1 == nil && err2 == nil {
		if rel, err := filepath.Rel(filepath.Dir(absAssets), absStem); err == nil && !strings.HasPrefix(rel, "..") {
			name = rel
		}
	}
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(name) {
		ok := r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_'
		if !ok {
			if !dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = true
			continue
		}
		b.WriteRune(r)
		dash = false
	}
	s := strings.Trim(b.String(), "-")
	if len(s) > 60 {
		s = strings.Trim(s[:60], "-")
	}
	if s == "" {
		return "page"
	}
	return s
}

// figureName is the base name of a block's figure files: the page's
// prefix and a hash of the block's kind, body and figure options and the
// command's settings.
func figureName(prefix string, b *Block, settings string) string {
	h := sha256.New()
	fmt.Fprintf(h, "asyncgantt markdown 1\x00%s\x00%s\x00", b.Kind, settings)
	opts := slices.Clone(b.Options)
	slices.SortFunc(opts, func(x, y Option) int { return strings.Compare(x.Key, y.Key) })
	for _, o := range opts {
		fmt.Fprintf(h, "%s=%s\x00", o.Key, o.Value)
	}
	h.Write(b.Body)
	return prefix + "-" + hex.EncodeToString(h.Sum(nil))[:12]
}

// hrefFrom returns the link from a page in dir to file.
func hrefFrom(dir, file string) string {
	absDir, err1 := filepath.Abs(dir)
	absFile, err2 := filepath.Abs(file)
	rel := file
	if err1 == nil && err2 == nil {
		if r, err := filepath.Rel(absDir, absFile); err == nil {
			rel = r
		}
	}
	return escapeHref(filepath.ToSlash(rel))
}
