package markdown

import (
	"fmt"
	"net/url"
	"strings"
)

// link is a figure file as the page links it.
type link struct {
	// href is the file's path relative to the page, slash-separated and
	// escaped for a Markdown link.
	href string
	// ext is its extension without the dot, e.g. "svg".
	ext string
}

// imageExts are the extensions a page shows as images; other files are
// linked.
var imageExts = []string{"svg", "png", "gif", "jpg", "jpeg", "webp"}

// linkLabels name the files a page links rather than shows.
var linkLabels = map[string]string{
	"html": "interactive report",
	"pdf":  "PDF",
	"png":  "PNG",
	"svg":  "SVG",
	"txt":  "text chart",
	"json": "trace (JSON)",
	"md":   "Mermaid",
}

// sectionText returns a block's figure section: the markers, the first
// image shown, the other files linked, and the transcript as a code block
// when transcript is not empty. Every line begins with cont and ends with
// nl.
func sectionText(cont, nl, alt string, links []link, transcript string) string {
	var b strings.Builder
	line := func(s string) {
		if s == "" {
			b.WriteString(strings.TrimRight(cont, " \t"))
		} else {
			b.WriteString(cont + s)
		}
		b.WriteString(nl)
	}
	line(figureLine)
	shown := -1
	for i, l := range links {
		if isImage(l.ext) {
			shown = i
			line(fmt.Sprintf("![%s](%s)", escapeText(alt), l.href))
			break
		}
	}
	var others []string
	for i, l := range links {
		if i == shown {
			continue
		}
		label, ok := linkLabels[l.ext]
		if !ok {
			label = strings.ToUpper(l.ext)
		}
		others = append(others, fmt.Sprintf("[%s](%s)", escapeText(label), l.href))
	}
	if len(others) > 0 {
		if shown >= 0 {
			line("")
		}
		line(strings.Join(others, " · "))
	}
	if transcript != "" {
		fence := codeFence(transcript)
		line("")
		line(fence + "text")
		for _, l := range strings.Split(strings.TrimSuffix(transcript, "\n"), "\n") {
			line(l)
		}
		line(fence)
	}
	line(endLine)
	return b.String()
}

func isImage(ext string) bool {
	for _, e := range imageExts {
		if strings.EqualFold(e, ext) {
			return true
		}
	}
	return false
}

// codeFence returns a backtick fence longer than any run of backticks in
// s, so that s cannot close it.
func codeFence(s string) string {
	longest, run := 0, 0
	for i := 0; i < len(s); i++ {
		if s[i] == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	return strings.Repeat("`", max(3, longest+1))
}

// escapeText escapes s for the text of a Markdown link or image: one
// line, with the characters that would end it or start markup escaped, as
// both CommonMark and Python-Markdown read them.
func escapeText(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '\\', '[', ']', '*', '_', '`', '!':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// escapeHref escapes a relative, slash-separated path for a Markdown link
// destination: each segment percent-encoded, and parentheses too.
func escapeHref(rel string) string {
	segs := strings.Split(rel, "/")
	for i, s := range segs {
		s = url.PathEscape(s)
		s = strings.NewReplacer("(", "%28", ")", "%29").Replace(s)
		segs[i] = s
	}
	return strings.Join(segs, "/")
}

// blockText returns the block's lines as the page should hold them:
// visible, or hidden in a comment when hide.
func blockText(u *unit, nl string, hide bool) (string, error) {
	var b strings.Builder
	line := func(first bool, s string) {
		p := u.cont
		if first {
			p = u.prefix
		}
		if s == "" {
			p = strings.TrimRight(p, " \t")
		}
		b.WriteString(p + s + nl)
	}
	body := strings.Split(strings.TrimSuffix(string(u.block.Body), "\n"), "\n")
	if len(u.block.Body) == 0 {
		body = nil
	}
	if !hide {
		line(true, u.open)
		for _, l := range body {
			line(false, l)
		}
		line(false, u.fence)
		return b.String(), nil
	}
	check := append([]string{u.open}, body...)
	for i, l := range check {
		if strings.Contains(l, "-->") {
			if i == 0 {
				return "", u.block.OptionErrorf(Option{Key: OptHideSource, Line: u.block.Line, Col: 1}, "the info string holds -->, which would end the comment hiding the block")
			}
			return "", u.block.Errorf(i, strings.Index(l, "-->")+1, "this line holds -->, which would end the comment that hides the block; the block cannot be hidden")
		}
	}
	line(true, sourceLine)
	line(false, u.open)
	for _, l := range body {
		line(false, l)
	}
	line(false, u.fence)
	line(false, "-->")
	return b.String(), nil
}
