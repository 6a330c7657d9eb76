package markdown

import (
	"bytes"
	"errors"
	"fmt"
	"net/url"
)

// placeFunc stores a block's figure files and returns how the page links
// them.
type placeFunc func(name string, f *Figure) ([]link, error)

// rewrite returns the page's new text: every block with its figure
// section after it, written anew, and the orphan sections gone. Problems
// with blocks are returned as an ErrorList; the figures of all blocks are
// drawn first so that every problem is reported.
func rewrite(p *parsed, r Renderer, cfg Config, prefix string, place placeFunc, warnings *[]string) ([]byte, error) {
	src, nl := p.page.src, p.page.nl
	var errs ErrorList
	var out bytes.Buffer
	pos := 0
	orphans := p.orphans
	flushOrphans := func(before int) {
		for len(orphans) > 0 && orphans[0].start < before {
			s := orphans[0]
			orphans = orphans[1:]
			// The blank lines before the section go with it, but for one
			// when text follows it directly.
			first := s.line
			for first > 1 && p.page.blank(first-1) && p.page.start(first-1) >= pos {
				first--
			}
			if next := p.page.lineOf(s.end); first < s.line && s.end < len(src) && !p.page.blank(next) {
				first++
			}
			start := p.page.start(first)
			out.Write(src[pos:start])
			pos = s.end
		}
	}
	for _, u := range p.units {
		flushOrphans(u.start)
		b := u.block
		name := figureName(prefix, b, cfg.Settings)
		fig, err := r.Render(b, name)
		var list ErrorList
		var e *Error
		switch {
		case errors.As(err, &list):
			errs = append(errs, list...)
			continue
		case errors.As(err, &e):
			errs = append(errs, e)
			continue
		case err != nil:
			return nil, err
		}
		for _, w := range fig.Warnings {
			*warnings = append(*warnings, fmt.Sprintf("%s:%d: block at line %d: %s", b.Page, b.Line, b.Line, w))
		}
		links, err := place(name, fig)
		if err != nil {
			return nil, err
		}
		hide := b.Hidden
		switch {
		case b.hide != nil:
			hide = *b.hide
		case cfg.Source == HideSource:
			hide = true
		case cfg.Source == ShowSource:
			hide = false
		}
		out.Write(src[pos:u.start])
		if hide == b.Hidden {
			out.Write(src[u.start:u.end])
			if !bytes.HasSuffix(src[u.start:u.end], []byte("\n")) {
				out.WriteString(nl)
			}
		} else {
			text, err := blockText(u, nl, hide)
			if err != nil {
				errs = append(errs, err.(*Error))
				continue
			}
			out.WriteString(text)
		}
		alt := fig.Alt
		if b.alt != "" {
			alt = b.alt
		}
		transcript := ""
		if (b.transcript == nil && cfg.TranscriptBlock) || (b.transcript != nil && *b.transcript) {
			transcript = fig.Transcript
		}
		out.WriteString(blankLine(u.cont, nl))
		out.WriteString(sectionText(u.cont, nl, alt, links, transcript))
		pos = u.end
		if u.section != nil {
			pos = u.section.end
		} else if l := p.page.lineOf(u.end); u.end < len(src) && !p.page.blank(l) {
			out.WriteString(blankLine(u.cont, nl))
		}
	}
	flushOrphans(len(src) + 1)
	out.Write(src[pos:])
	if len(errs) > 0 {
		return nil, errs
	}
	return out.Bytes(), nil
}

// blankLine is an empty line that stays inside the container cont
// continues.
func blankLine(cont, nl string) string {
	for len(cont) > 0 && (cont[len(cont)-1] == ' ' || cont[len(cont)-1] == '\t') {
		cont = cont[:len(cont)-1]
	}
	return cont + nl
}

// unescapeHref undoes escapeHref.
func unescapeHref(href string) (string, error) {
	return url.PathUnescape(href)
}
