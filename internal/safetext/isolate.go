package safetext

import (
	"iter"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/unicode/bidi"
)

// FSI (FIRST STRONG ISOLATE, U+2068) and PDI (POP DIRECTIONAL ISOLATE,
// U+2069) enclose a part of the input set beside other text (see Isolate).
// The policy escapes every isolate of the input's own, so that in a text
// made by Isolate and Mixed each pair is asyncgantt's.
const (
	FSI = '\u2068'
	PDI = '\u2069'
)

const (
	fsi = string(FSI)
	pdi = string(PDI)
)

// NeedsIsolation reports whether s holds a character that the Unicode
// bidirectional algorithm can move what is around it with: a
// right-to-left letter (bidi class R or AL: Hebrew, Arabic, Syriac,
// Thaana, N'Ko, ...) or an Arabic-Indic digit (AN). Text without one
// reads the same isolated or not, beside left-to-right text: set after
// "שלום", the "2.0 s" of "שלום 2.0 s" jumps to the name's left, set after
// "abc" it stays.
func NeedsIsolation(s string) bool {
	for i := 0; i < len(s); {
		c := s[i]
		if c < 0xd6 { // ASCII, and up to U+0590: no right-to-left character
			i++
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		if r >= 0x0590 {
			p, _ := bidi.LookupRune(r)
			if k := p.Class(); k == bidi.R || k == bidi.AL || k == bidi.AN {
				return true
			}
		}
		i += size
	}
	return false
}

// Isolate returns Line(s), between FSI and PDI when it needs isolation
// (see NeedsIsolation): a part of the input — a name, a printed line, a
// value — to set beside asyncgantt's words in a text that a page lays out
// bidirectionally. In "שלום took 2.0 s", the isolated name keeps "2.0 s"
// after it, and reads in its own direction, the direction of its first
// letter, as HTML's <bdi> reads. Compose the result with other text and
// pass the whole through Mixed, which keeps the isolates that Isolate set
// and escapes every other character the policy escapes. A text that needs
// no isolation is returned as Line returns it.
func Isolate(s string) string {
	s = Line(s)
	if !NeedsIsolation(s) {
		return s
	}
	return fsi + s + pdi
}

// IsolateText is Isolate for a text of several lines (a tooltip, a
// message): it returns Text(s) with each line that needs isolation
// isolated on its own, since a line break ends every isolate.
func IsolateText(s string) string {
	s = Text(s)
	if !NeedsIsolation(s) {
		return s
	}
	lines := strings.Split(s, "\n")
	for i, ln := range lines {
		if NeedsIsolation(ln) {
			lines[i] = fsi + ln + pdi
		}
	}
	return strings.Join(lines, "\n")
}

// Mixed returns s, a text that mixes asyncgantt's words with parts of the
// input made by Isolate, escaped as Line escapes it but for its isolates:
// an FSI followed by a PDI, with no other isolate mark or line break
// between them, is kept as a pair; every other FSI or PDI is escaped. It
// is idempotent, and Mixed of a text without isolates is Line.
func Mixed(s string) string { return mixed(s, false) }

// MixedText is Mixed for a text of several lines: tabs and newlines are
// kept, as Text keeps them.
func MixedText(s string) string { return mixed(s, true) }

func mixed(s string, lines bool) string {
	if clean(s, lines) {
		return s
	}
	if !strings.Contains(s, fsi) {
		return escape(s, lines)
	}
	var b strings.Builder
	b.Grow(len(s) + 16)
	for s != "" {
		// The text up to the next pair, escaped; then the pair's text,
		// escaped, between its marks.
		i := strings.Index(s, fsi)
		if i < 0 {
			b.WriteString(escape(s, lines))
			break
		}
		rest := s[i+len(fsi):]
		end := strings.IndexAny(rest, fsi+pdi+"\n")
		if end < 0 || !strings.HasPrefix(rest[end:], pdi) {
			// An FSI without its PDI: escaped, and the text after it
			// looked at again.
			b.WriteString(escape(s[:i+len(fsi)], lines))
			s = rest
			continue
		}
		b.WriteString(escape(s[:i], lines))
		b.WriteString(fsi)
		b.WriteString(escape(rest[:end], lines))
		b.WriteString(pdi)
		s = rest[end+len(pdi):]
	}
	return b.String()
}

// Open reports whether s ends inside an isolate: an FSI not followed by
// its PDI.
func Open(s string) bool {
	i := strings.LastIndex(s, fsi)
	return i >= 0 && !strings.Contains(s[i:], pdi)
}

// Close returns s with an isolate left open at its end (see Open) closed:
// for a text cut short in the middle of an isolated part, whose cut (an
// ellipsis, say) belongs to that part.
func Close(s string) string {
	if Open(s) {
		return s + pdi
	}
	return s
}

// Strip returns s without its isolates' marks: for a destination that
// draws text in the order it is written (PNG, PDF), or measures it.
func Strip(s string) string {
	if !strings.Contains(s, fsi) && !strings.Contains(s, pdi) {
		return s
	}
	return strings.NewReplacer(fsi, "", pdi, "").Replace(s)
}

// Parts returns the parts of s, a text made by Mixed, in order: each
// isolated part without its marks, with isolated true, and the text
// between them, with isolated false. An FSI left open isolates the rest
// of s. Empty parts are skipped.
func Parts(s string) iter.Seq2[string, bool] {
	return func(yield func(string, bool) bool) {
		for s != "" {
			i := strings.Index(s, fsi)
			if i < 0 {
				yield(s, false)
				return
			}
			if i > 0 && !yield(s[:i], false) {
				return
			}
			rest := s[i+len(fsi):]
			end := strings.Index(rest, pdi)
			if end < 0 {
				end = len(rest)
			}
			if end > 0 && !yield(rest[:end], true) {
				return
			}
			s = strings.TrimPrefix(rest[end:], pdi)
		}
	}
}
