package runner

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Methods of text, as CPython 3.11's str has them: upper, lower, strip,
// lstrip, rstrip, split, startswith, endswith and replace (the forms
// course programs use; the language's resolver checks their arity).

// pyWhitespace reports whether r is whitespace as str.isspace() has it
// (Unicode's White_Space and the separators \x1c-\x1f).
func pyWhitespace(r rune) bool {
	switch r {
	case '\t', '\n', '\v', '\f', '\r', 0x1c, 0x1d, 0x1e, 0x1f, ' ', 0x85, 0xa0, 0x1680,
		0x2028, 0x2029, 0x202f, 0x205f, 0x3000:
		return true
	}
	return r >= 0x2000 && r <= 0x200a
}

// strMethod calls the method name of text s with the arguments args.
func strMethod(s, name string, args []value) (value, *pyExc) {
	strArg := func(i int, what string) (string, *pyExc) {
		a, ok := args[i].(string)
		if !ok {
			return "", typeError("%s argument %d must be str, not %s", what, i+1, typeName(args[i]))
		}
		return a, nil
	}
	switch name {
	case "upper":
		return mapCase(s, pyUpper, true), nil
	case "lower":
		if strings.ContainsRune(s, 'Σ') {
			return lowerSigma(s), nil
		}
		return mapCase(s, pyLower, false), nil
	case "strip", "lstrip", "rstrip":
		cut := pyWhitespace
		if len(args) == 1 && args[0] != nil {
			chars, ok := args[0].(string)
			if !ok {
				return nil, typeError("%s arg must be None or str", name)
			}
			cut = func(r rune) bool { return strings.ContainsRune(chars, r) }
		}
		if name != "rstrip" {
			s = strings.TrimLeftFunc(s, cut)
		}
		if name != "lstrip" {
			s = strings.TrimRightFunc(s, cut)
		}
		return s, nil
	case "split":
		if len(args) == 0 || args[0] == nil {
			return stringList(strings.FieldsFunc(s, pyWhitespace)), nil
		}
		sep, ok := args[0].(string)
		if !ok {
			return nil, typeError("must be str or None, not %s", typeName(args[0]))
		}
		if sep == "" {
			return nil, newExc("ValueError", "empty separator")
		}
		return stringList(strings.Split(s, sep)), nil
	case "startswith", "endswith":
		affixes := []value{args[0]}
		if t, ok := args[0].(tuple); ok {
			affixes = t
		}
		for _, a := range affixes {
			x, ok := a.(string)
			if !ok {
				if _, isTuple := args[0].(tuple); isTuple {
					return nil, typeError("tuple for %s must only contain str, not %s", name, typeName(a))
				}
				return nil, typeError("%s first arg must be str or a tuple of str, not %s", name, typeName(a))
			}
			if name == "startswith" && strings.HasPrefix(s, x) || name == "endswith" && strings.HasSuffix(s, x) {
				return true, nil
			}
		}
		return false, nil
	case "replace":
		old, exc := strArg(0, "replace()")
		if exc != nil {
			return nil, exc
		}
		repl, exc := strArg(1, "replace()")
		if exc != nil {
			return nil, exc
		}
		n := strings.Count(s, old) // an empty old matches between every character
		if old == "" {
			n = utf8.RuneCountInString(s) + 1
		}
		if int64(len(s))+int64(n)*int64(len(repl)-len(old)) > maxSequence {
			return nil, tooLong()
		}
		return strings.ReplaceAll(s, old, repl), nil
	}
	return nil, noAttr("str", name)
}

// mapCase maps each character of s as str.upper() (up) or str.lower() does:
// Go's simple mapping, or CPython's where the table says it differs.
func mapCase(s string, table map[rune]string, up bool) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		if m, ok := table[r]; ok {
			b.WriteString(m)
		} else if up {
			b.WriteRune(unicode.ToUpper(r))
		} else {
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}

// stringList is a list of texts.
func stringList(parts []string) *pyList {
	items := make([]any, len(parts))
	for i, p := range parts {
		items[i] = p
	}
	return newList(items)
}

// lowerSigma is str.lower() of a text holding Σ, which lowers to ς where it
// ends a word (Unicode's Final_Sigma: after a cased letter, and before
// none, case-ignorable characters skipped either way), else to σ.
// "Cased" and "case-ignorable" are read from Go's categories (letters of
// either case or title case; marks, format characters, modifier letters
// and symbols, and the apostrophe, period, colon and middle dot), which
// is Unicode's definition but for a few rare characters.
func lowerSigma(s string) string {
	rs := []rune(s)
	var b strings.Builder
	for i, r := range rs {
		if r != 'Σ' {
			b.WriteString(mapCase(string(r), pyLower, false))
			continue
		}
		if cased(rs, i, -1) && !cased(rs, i, 1) {
			b.WriteRune('ς')
		} else {
			b.WriteRune('σ')
		}
	}
	return b.String()
}

// cased reports whether the first character from rs[i] in direction dir
// (-1 before, 1 after) that is not case-ignorable is cased.
func cased(rs []rune, i, dir int) bool {
	for j := i + dir; j >= 0 && j < len(rs); j += dir {
		r := rs[j]
		if caseIgnorable(r) {
			continue
		}
		return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) ||
			unicode.Is(unicode.Other_Lowercase, r) || unicode.Is(unicode.Other_Uppercase, r)
	}
	return false
}

func caseIgnorable(r rune) bool {
	switch r {
	case '\'', '.', ':', '·', '\u2018', '\u2019', '\u2024', '\ufe52', '\uff07', '\uff0e', '\u00ad':
		return true
	}
	return unicode.In(r, unicode.Mn, unicode.Me, unicode.Cf, unicode.Lm, unicode.Sk)
}
