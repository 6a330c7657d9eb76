package markdown

import (
	"errors"
	"fmt"
	"strings"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"
)

// The page's own options: they change how the page shows a block, not its
// figure, so they are not part of the figure's name.
const (
	// OptAlt is the image's alternative text.
	OptAlt = "alt"
	// OptHideSource keeps the block in a comment (true) or shows it
	// (false).
	OptHideSource = "hide-source"
	// OptTranscriptBlock writes what the program printed as a code block
	// after the figure.
	OptTranscriptBlock = "transcript-block"
)

// classify says what an info string is: an asyncgantt block of some kind
// and where its options begin, or not one (0).
func classify(info string) (Kind, int) {
	word := func(s string, from int) (string, int) {
		i := from
		for i < len(s) && (s[i] == ' ' || s[i] == '\t') {
			i++
		}
		j := i
		for j < len(s) && s[j] != ' ' && s[j] != '\t' && s[j] != '{' {
			j++
		}
		return s[i:j], j
	}
	w, next := word(info, 0)
	switch w {
	case "asyncgantt":
		return Scenario, next
	case "python":
		if w2, next2 := word(info, next); w2 == "asyncgantt" {
			return Program, next2
		}
	}
	return 0, 0
}

// parseOptions reads the options after the keyword(s) of block b's info
// string, which starts at character infoPos of the page: nothing, or a
// YAML flow mapping of scalars and lists of scalars.
func parseOptions(b *Block, rest string, at linePos) error {
	text := strings.TrimSpace(rest)
	if text == "" {
		return nil
	}
	lead := len(rest) - len(strings.TrimLeft(rest, " \t"))
	at.col += lead
	errAt := func(col int, format string, a ...any) error {
		return &Error{Page: b.Page, Line: at.line, Col: at.col + col, Block: b.Line, Kind: b.Kind,
			Msg: fmt.Sprintf(format, a...), Text: b.page.lineText(at.line)}
	}
	example := "e.g. ```asyncgantt {theme: dark, runs: [Concurrent]}"
	if text[0] != '{' {
		return errAt(1, "%q: write the block's options as a mapping in braces after the word asyncgantt, %s", text, example)
	}
	file, err := parser.ParseBytes([]byte(text), 0)
	if err != nil {
		var pe interface {
			GetToken() *token.Token
			GetMessage() string
		}
		if errors.As(err, &pe) && pe.GetToken() != nil && pe.GetToken().Position != nil {
			return errAt(pe.GetToken().Position.Column, "options: YAML syntax: %s (%s)", pe.GetMessage(), example)
		}
		return errAt(1, "options: YAML syntax: %v (%s)", err, example)
	}
	var m *ast.MappingNode
	if len(file.Docs) == 1 {
		m, _ = file.Docs[0].Body.(*ast.MappingNode)
		if v, ok := file.Docs[0].Body.(*ast.MappingValueNode); ok {
			m = &ast.MappingNode{Values: []*ast.MappingValueNode{v}}
		}
	}
	if m == nil {
		return errAt(1, "options: %q is not a mapping of option: value (%s)", text, example)
	}
	for _, mv := range m.Values {
		key, ok := mv.Key.(*ast.StringNode)
		col := mv.Key.GetToken().Position.Column
		if !ok {
			return errAt(col, "options: %q is not an option name", mv.Key.String())
		}
		o := Option{Key: key.Value, Line: at.line, Col: at.col + col}
		if _, dup := b.Option(o.Key); dup || isPageOption(o.Key) && pageOptionGiven(b, o.Key) {
			return errAt(col, "option %s is given twice; give each option once", o.Key)
		}
		if err := optionValue(&o, mv.Value); err != nil {
			return errAt(mv.Value.GetToken().Position.Column, "option %s: %v", o.Key, err)
		}
		if isPageOption(o.Key) {
			if err := setPageOption(b, o); err != nil {
				return errAt(col, "option %s: %v", o.Key, err)
			}
			continue
		}
		b.Options = append(b.Options, o)
	}
	return nil
}

// optionValue reads a scalar, or a list of scalars, into o.
func optionValue(o *Option, v ast.Node) error {
	if seq, ok := v.(*ast.SequenceNode); ok {
		var items []string
		for _, item := range seq.Values {
			s, err := scalar(item)
			if err != nil {
				return err
			}
			if strings.Contains(s, ",") {
				return fmt.Errorf("list item %q holds a comma; each item is one value", s)
			}
			items = append(items, s)
		}
		o.Value, o.List = strings.Join(items, ","), true
		return nil
	}
	s, err := scalar(v)
	o.Value = s
	return err
}

// scalar returns a scalar's text: a string without its quotes, a number or
// a boolean as written.
func scalar(v ast.Node) (string, error) {
	switch v := v.(type) {
	case *ast.StringNode:
		return v.Value, nil
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode:
		return v.GetToken().Value, nil
	case *ast.NullNode:
		return "", errors.New("no value given")
	}
	return "", fmt.Errorf("%q is not a value: use text, a number, true or false, or a list of them in brackets", v.String())
}

func isPageOption(key string) bool {
	return key == OptAlt || key == OptHideSource || key == OptTranscriptBlock
}

func pageOptionGiven(b *Block, key string) bool {
	switch key {
	case OptAlt:
		return b.alt != ""
	case OptHideSource:
		return b.hide != nil
	}
	return b.transcript != nil
}

// setPageOption records one of the page's own options.
func setPageOption(b *Block, o Option) error {
	if o.Key == OptAlt {
		if o.List || strings.TrimSpace(o.Value) == "" {
			return errors.New("give the image's alternative text, e.g. alt: \"Three tasks gathered\"")
		}
		b.alt = o.Value
		return nil
	}
	var v bool
	switch strings.ToLower(o.Value) {
	case "true", "yes", "on":
		v = true
	case "false", "no", "off":
	default:
		return fmt.Errorf("%q is not valid: use true or false", o.Value)
	}
	if o.Key == OptHideSource {
		b.hide = &v
	} else {
		b.transcript = &v
	}
	return nil
}
