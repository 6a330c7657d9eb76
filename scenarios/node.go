package scenarios

import (
	"fmt"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/token"
)

// node is a YAML value with its position: the small tree the parser reads,
// converted from the YAML library's richer syntax tree.
type node struct {
	kind   nodeKind
	value  string // scalar text as written (unquoted)
	quoted bool   // a quoted or block scalar: always a string
	pos    Pos
	keys   []*node // mapping keys, in file order
	vals   []*node // mapping values
	items  []*node // sequence items
	// size is how many nodes the value holds, itself included, once
	// aliases are expanded: what the parser will walk; bytes is the
	// length of the text of its scalars (keys included), expanded too.
	size, bytes int
}

// MaxValues is the most values (scalars, lists and mappings) a scenario
// document may hold once its aliases are expanded: a few anchors and
// aliases can otherwise describe billions of values (the "billion
// laughs"), which would take the parser hours and all the memory.
const MaxValues = 10_000_000

// MaxAliasValues and MaxAliasBytes bound what aliases (*name) may add to a
// scenario document: the values and the bytes of text they stand for,
// counted each time one is used. A file's own values and text are bounded
// by its size (MaxSourceBytes); an alias is not, and a small file can
// otherwise stand for a huge scenario: a 1 MB anchored text printed by 100
// aliases is 100 MB of text to run, print, draw and list, and a 5,000-step
// task aliased a few hundred times a program of millions of lines.
const (
	MaxAliasValues = 1_000_000
	MaxAliasBytes  = 4 << 20
)

type nodeKind int

const (
	scalarNode nodeKind = iota
	nullNode
	mappingNode
	sequenceNode
)

func (k nodeKind) String() string {
	return [...]string{"a scalar", "nothing", "a mapping", "a list"}[k]
}

// describe says what a node is, for messages: `the text "2s"`, `a list`.
func (n *node) describe() string {
	if n.kind == scalarNode {
		return fmt.Sprintf("%q", n.value)
	}
	return n.kind.String()
}

// convert turns the YAML library's node into ours. Anchors and aliases are
// resolved; tags other than the standard ones are refused.
type converter struct {
	anchors map[string]*node
	err     *Error
	// values counts the values converted so far, each alias counting the
	// size of what it stands for; aliasValues and aliasBytes count what
	// aliases stand for.
	values, aliasValues, aliasBytes int
}

func (c *converter) fail(n ast.Node, format string, a ...any) *node {
	if c.err == nil {
		c.err = &Error{Pos: posOf(n), Msg: fmt.Sprintf(format, a...)}
	}
	return &node{kind: nullNode, pos: posOf(n)}
}

func posOf(n ast.Node) Pos {
	if n == nil || n.GetToken() == nil || n.GetToken().Position == nil {
		return Pos{}
	}
	p := n.GetToken().Position
	return Pos{Line: p.Line, Col: p.Column}
}

func (c *converter) convert(n ast.Node, depth int) *node {
	if c.err != nil {
		// One problem is reported; stop converting.
		return &node{kind: nullNode, pos: posOf(n), size: 1}
	}
	v := c.convert1(n, depth)
	if v.size == 0 {
		v.size, v.bytes = 1, len(v.value)
		for _, k := range v.keys {
			v.size += k.size
			v.bytes += k.bytes
		}
		for _, x := range v.vals {
			v.size += x.size
			v.bytes += x.bytes
		}
		for _, x := range v.items {
			v.size += x.size
			v.bytes += x.bytes
		}
		c.count(n, 1)
	}
	return v
}

// count adds n values to the document's total and fails past MaxValues.
func (c *converter) count(at ast.Node, n int) {
	c.values += n
	if c.values > MaxValues && c.err == nil {
		c.fail(at, "the document holds over %d values once its aliases (*name) are expanded; scenario files are limited to %d", MaxValues, MaxValues)
	}
}

// countAlias adds what an alias of target stands for to what aliases
// add, and fails past MaxAliasValues or MaxAliasBytes.
func (c *converter) countAlias(at ast.Node, name string, target *node) {
	c.aliasValues += target.size
	c.aliasBytes += target.bytes
	switch {
	case c.err != nil:
	case c.aliasBytes > MaxAliasBytes:
		c.fail(at, "with this *%s, the aliases (*name) stand for more than %d MiB of text; aliases may add at most %d MiB to a scenario (write the text out where it is used, or shorten it)", name, MaxAliasBytes>>20, MaxAliasBytes>>20)
	case c.aliasValues > MaxAliasValues:
		c.fail(at, "with this *%s, the aliases (*name) stand for more than %d values; aliases may add at most %d to a scenario (use times: to repeat a step, or write the values out)", name, MaxAliasValues, MaxAliasValues)
	}
}

func (c *converter) convert1(n ast.Node, depth int) *node {
	if depth > 100 {
		return c.fail(n, "the document is nested more than 100 levels deep")
	}
	if n == nil {
		return &node{kind: nullNode}
	}
	switch v := n.(type) {
	case *ast.MappingNode:
		m := &node{kind: mappingNode, pos: posOf(n)}
		if len(v.Values) > 0 {
			m.pos = posOf(v.Values[0].Key)
		}
		for _, mv := range v.Values {
			c.pair(m, mv, depth)
		}
		return m
	case *ast.MappingValueNode:
		m := &node{kind: mappingNode, pos: posOf(v.Key)}
		c.pair(m, v, depth)
		return m
	case *ast.SequenceNode:
		s := &node{kind: sequenceNode, pos: posOf(n)}
		for _, item := range v.Values {
			s.items = append(s.items, c.convert(item, depth+1))
		}
		return s
	case *ast.StringNode:
		quoted := v.Token != nil && (v.Token.Type == token.SingleQuoteType || v.Token.Type == token.DoubleQuoteType)
		return &node{kind: scalarNode, value: v.Value, quoted: quoted, pos: posOf(n)}
	case *ast.LiteralNode:
		s := ""
		if v.Value != nil {
			s = v.Value.Value
		}
		return &node{kind: scalarNode, value: s, quoted: true, pos: posOf(n)}
	case *ast.IntegerNode, *ast.FloatNode, *ast.BoolNode, *ast.InfinityNode, *ast.NanNode:
		return &node{kind: scalarNode, value: n.GetToken().Value, pos: posOf(n)}
	case *ast.NullNode:
		return &node{kind: nullNode, pos: posOf(n)}
	case *ast.TagNode:
		switch tag := v.Start.Value; tag {
		case "!!str", "!!int", "!!float", "!!bool", "!!null", "!!map", "!!seq":
			inner := c.convert(v.Value, depth+1)
			if tag == "!!str" {
				inner.quoted = true
			}
			return inner
		default:
			return c.fail(n, "YAML tag %s is not supported here; write the value without it", tag)
		}
	case *ast.AnchorNode:
		inner := c.convert(v.Value, depth+1)
		if c.anchors == nil {
			c.anchors = map[string]*node{}
		}
		c.anchors[v.Name.GetToken().Value] = inner
		return inner
	case *ast.AliasNode:
		name := v.Value.GetToken().Value
		target, ok := c.anchors[name]
		if !ok {
			return c.fail(n, "alias *%s refers to no anchor &%s defined before it", name, name)
		}
		c.count(n, target.size)
		c.countAlias(n, name, target)
		return target
	case *ast.CommentGroupNode:
		return &node{kind: nullNode, pos: posOf(n)}
	default:
		return c.fail(n, "this YAML construct (%s) is not supported in scenario files", n.Type())
	}
}

func (c *converter) pair(m *node, mv *ast.MappingValueNode, depth int) {
	if mv.Key != nil && mv.Key.IsMergeKey() {
		c.fail(mv.Key, "merge keys (<<) are not supported in scenario files")
		return
	}
	k := c.convert(mv.Key, depth+1)
	if k.kind != scalarNode {
		c.fail(mv.Key, "a key must be a plain name, not %s", k.kind)
		return
	}
	m.keys = append(m.keys, k)
	m.vals = append(m.vals, c.convert(mv.Value, depth+1))
}
