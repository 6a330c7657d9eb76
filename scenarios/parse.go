package scenarios

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"path/filepath"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"github.com/goccy/go-yaml/ast"
	"github.com/goccy/go-yaml/parser"
	"github.com/goccy/go-yaml/token"

	"github.com/asyncgantt/asyncgantt/internal/safetext"
)

// Limits on what a scenario file may ask for.
const (
	// MaxSourceBytes is the largest scenario file read: 64 MiB.
	MaxSourceBytes = 64 << 20
	// MaxDuration is the longest duration a step may have: 24 hours.
	MaxDuration = 24 * time.Hour
	// MaxNameLen is the longest task or run name, in characters.
	MaxNameLen = 80
	// MaxGatherTimes is the largest times: of a gather step.
	MaxGatherTimes = 1_000_000
)

var topKeys = []string{"title", "description", "primitives", "globals", "tasks", "runs", "figure"}
var figureKeys = []string{"theme", "width", "height", "baseline"}
var runKeys = []string{"sleeps", "steps"}

// Parse reads and validates a scenario. file names it in errors and gives
// the scenario its Name (the base name without extension). Problems are
// returned as an ErrorList with positions.
func Parse(file string, src []byte) (*Scenario, error) {
	// A byte order mark, written by some Windows editors, is not text.
	src = bytes.TrimPrefix(src, utf8BOM)
	p := &parseState{file: file, src: src}
	s := p.parse()
	if len(p.errs) > 0 {
		return nil, p.errs
	}
	return s, nil
}

type parseState struct {
	file string
	src  []byte
	errs ErrorList
	// sites are where the expressions were written (see record).
	sites map[Expr]exprSite
	// durationWords are the words written where a duration goes, with
	// what ParseDuration says of them, for when no variable has the name.
	durationWords map[*Name]string
	// scenario is the scenario being read.
	scenario *Scenario
	// quiet drops errors, in the resolver's passes that work out kinds.
	quiet bool
	// params are the kinds of what the calls resolved so far pass to each
	// task's parameters, and whether a call passed each.
	params    map[*Task][]kind
	paramSeen map[*Task][]bool
}

func (p *parseState) errorf(pos Pos, format string, a ...any) {
	if len(p.errs) >= maxErrors || p.quiet {
		return
	}
	line := ""
	if pos.Line > 0 {
		// The YAML library counts some runs of carriage returns as more
		// lines than there are: a position past the end is the end.
		// It can also put a column past the end of a line (an unclosed
		// quoted text spanning lines): that is the line's end.
		lines := splitLines(p.src, pos.Line)
		if len(lines) < pos.Line {
			pos.Line, pos.Col = len(lines), math.MaxInt
		}
		text := lines[pos.Line-1]
		pos.Col = min(pos.Col, utf8.RuneCount(text)+1)
		line = string(text)
	}
	if msg := fmt.Sprintf(format, a...); !p.said(pos, msg) {
		p.errs = append(p.errs, &Error{File: p.file, Pos: pos, Msg: msg, Line: line})
	}
}

// line returns the text of 1-based line n of the source, or "". Lines end
// at a newline, a carriage return and newline, or a lone carriage return,
// as in YAML.
func (p *parseState) line(n int) string {
	if n <= 0 {
		return ""
	}
	lines := splitLines(p.src, n)
	if len(lines) < n {
		return ""
	}
	return string(lines[n-1])
}

// splitLines returns the first max lines of src (all when max < 0),
// without their line breaks: "\n", "\r\n" or a lone "\r".
func splitLines(src []byte, max int) [][]byte {
	var lines [][]byte
	start := 0
	for i := 0; i < len(src) && (max < 0 || len(lines) < max); i++ {
		switch src[i] {
		case '\n':
			lines = append(lines, src[start:i])
			start = i + 1
		case '\r':
			lines = append(lines, src[start:i])
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
			start = i + 1
		}
	}
	if max < 0 || len(lines) < max {
		lines = append(lines, src[start:])
	}
	return lines
}

// parse reads the whole file: the YAML document, then the scenario's keys
// in the order their names are needed (primitives, tasks, runs), then the
// checks that need the whole scenario.
func (p *parseState) parse() *Scenario {
	name := strings.TrimSuffix(filepath.Base(p.file), filepath.Ext(p.file))
	s := &Scenario{File: p.file, Name: name, Source: p.src}
	p.scenario = s
	body := p.document()
	if body == nil {
		return nil
	}
	tasksNode, runsNode, primNode, globalsNode := p.topKeys(s, body)
	if s.Title == "" {
		// A title is one line of plain text; a file's name may be anything.
		s.Title = safetext.Line(name)
	}
	if primNode != nil {
		p.primitives(s, primNode)
	}
	if globalsNode != nil {
		p.globals(s, globalsNode)
	}
	if tasksNode == nil {
		p.errorf(body.pos, "the scenario has no tasks: key; add one, e.g. tasks: {A: 2s, B: 1s}")
	} else {
		p.tasks(s, tasksNode)
	}
	if runsNode == nil {
		p.errorf(body.pos, "the scenario has no runs: key; add one, e.g. runs: {Concurrent: [{gather: [A, B]}]}")
	} else {
		p.runs(s, runsNode)
	}
	if len(p.errs) == 0 {
		s.taskIndex = make(map[string]*Task, len(s.Tasks))
		for _, t := range s.Tasks {
			s.taskIndex[t.Name] = t
		}
		p.resolve(s)
	}
	if len(p.errs) == 0 {
		p.checkCycles(s)
		p.checkBaseline(s)
	}
	if len(p.errs) == 0 {
		p.checkTaskCount(s)
	}
	return s
}

// document checks the source is a text of one YAML document holding a
// mapping, and returns that mapping; nil after reporting a problem.
func (p *parseState) document() *node {
	switch {
	case len(p.src) > MaxSourceBytes:
		p.errorf(Pos{}, "the file is %d bytes; scenario files are limited to %d bytes (64 MiB)", len(p.src), MaxSourceBytes)
		return nil
	case bytes.IndexByte(p.src, 0) >= 0 || !utf8.Valid(p.src):
		p.notText()
		return nil
	case len(bytes.TrimSpace(p.src)) == 0:
		p.errorf(Pos{}, "the file is empty: a scenario needs at least tasks: and runs: (asyncgantt new FILE writes a starter)")
		return nil
	}
	if pos, msg := prescan(p.src); msg != "" {
		p.errorf(pos, "%s", msg)
		return nil
	}
	f, err := p.parseYAML()
	if err != nil {
		p.yamlError(err)
		return nil
	}
	var docs int
	var body *node
	c := &converter{}
	for _, d := range f.Docs {
		if d.Body == nil {
			continue
		}
		docs++
		if docs == 2 {
			p.errorf(posOf(d.Body), "a scenario file holds one YAML document; this is a second one")
			return nil
		}
		body = c.convert(d.Body, 0)
	}
	if c.err != nil {
		c.err.File, c.err.Line = p.file, p.line(c.err.Pos.Line)
		p.errs = append(p.errs, c.err)
		return nil
	}
	if body == nil || body.kind == nullNode {
		p.errorf(Pos{}, "the file is empty: a scenario needs at least tasks: and runs: (asyncgantt new FILE writes a starter)")
		return nil
	}
	if body.kind != mappingNode {
		p.errorf(body.pos, "a scenario is a mapping with the keys %s; found %s", strings.Join(topKeys, ", "), body.describe())
		return nil
	}
	return body
}

// topKeys reads the scenario's title, description and figure, and returns
// the values of the keys read later: tasks:, runs: and primitives:.
func (p *parseState) topKeys(s *Scenario, body *node) (tasksNode, runsNode, primNode, globalsNode *node) {
	for i, k := range body.keys {
		v := body.vals[i]
		switch k.value {
		case "title":
			s.Title = p.text(v, "title")
			if i := strings.IndexFunc(s.Title, unicode.IsControl); i >= 0 {
				p.errorf(v.pos, "title %q contains a control character (%U); a title is one line of plain text (use description: for more)", s.Title, firstRune(s.Title[i:]))
			}
		case "description":
			s.Description = strings.TrimSpace(p.text(v, "description"))
			if i := strings.IndexFunc(s.Description, func(r rune) bool { return unicode.IsControl(r) && r != '\n' && r != '\t' }); i >= 0 {
				p.errorf(v.pos, "description contains a control character (%U); use plain text, with line breaks if needed", firstRune(s.Description[i:]))
			}
		case "tasks":
			tasksNode = v
		case "runs":
			runsNode = v
		case "primitives":
			primNode = v
		case "globals":
			globalsNode = v
		case "figure":
			p.figure(s, v)
		default:
			p.unknownKey(k, "top-level key", topKeys)
		}
	}
	return tasksNode, runsNode, primNode, globalsNode
}

// notText reports a file that is not UTF-8 text, at its first NUL byte
// or invalid UTF-8 sequence; the line is not shown, as it is not text.
func (p *parseState) notText() {
	line, col := 1, 1
	for i := 0; i < len(p.src); {
		r, size := utf8.DecodeRune(p.src[i:])
		switch {
		case r == 0:
			p.errorf(Pos{Line: line, Col: col}, "this is not a text file (a NUL byte here): a scenario is a YAML text file in UTF-8")
			p.errs[len(p.errs)-1].Line = ""
			return
		case r == utf8.RuneError && size == 1:
			p.errorf(Pos{Line: line, Col: col}, "this is not a text file in UTF-8 (byte 0x%02X here); save it as UTF-8", p.src[i])
			p.errs[len(p.errs)-1].Line = ""
			return
		case r == '\n' || r == '\r' && (i+1 == len(p.src) || p.src[i+1] != '\n'):
			line, col = line+1, 1
		default:
			col++
		}
		i += size
	}
}

// figure reads the figure: key, {theme: dark, width: 1920, height: 1080}.
// The theme's name is checked by the renderer, which knows the themes.
func (p *parseState) figure(s *Scenario, n *node) {
	if n.kind != mappingNode {
		p.errorf(n.pos, "figure: takes keys %s, e.g. figure: {theme: dark, width: 1920}; found %s", strings.Join(figureKeys, ", "), n.describe())
		return
	}
	for i, k := range n.keys {
		v := n.vals[i]
		switch k.value {
		case "theme":
			s.Figure.Theme = p.text(v, "theme")
		case "baseline":
			s.Figure.Baseline, s.Figure.BaselinePos = p.text(v, "baseline"), v.pos
		case "width", "height":
			px, err := strconv.ParseFloat(v.value, 64)
			lo := map[string]float64{"width": 320, "height": 200}[k.value]
			if v.kind != scalarNode || err != nil || !(px >= lo && px <= 20000) {
				p.errorf(v.pos, "%s must be a number of pixels from %v to 20000; found %s", k.value, lo, v.describe())
				continue
			}
			if k.value == "width" {
				s.Figure.Width = px
			} else {
				s.Figure.Height = px
			}
		default:
			p.unknownKey(k, "figure key", figureKeys)
		}
	}
}

// checkBaseline checks that figure: {baseline: ...} names one of the
// scenario's runs, or none.
func (p *parseState) checkBaseline(s *Scenario) {
	b := s.Figure.Baseline
	if b == "" || b == "none" {
		return
	}
	names := make([]string, len(s.Runs))
	quoted := make([]string, len(s.Runs))
	for i, r := range s.Runs {
		if r.Name == b {
			return
		}
		names[i], quoted[i] = r.Name, strconv.Quote(r.Name)
	}
	hint := ""
	if n := Nearest(b, names); n != "" {
		hint = fmt.Sprintf(" (did you mean %q?)", n)
	}
	p.errorf(s.Figure.BaselinePos, "baseline %q is not one of the runs%s: use one of %s, or none for no speed-up badges", b, hint, strings.Join(quoted, ", "))
}

// parseYAML runs the YAML library's parser on the source. A panic inside the library is reported as an
// error about the file, never passed on.
func (p *parseState) parseYAML() (f *ast.File, err error) {
	defer func() {
		if r := recover(); r != nil {
			f, err = nil, fmt.Errorf("the YAML parser failed on this file (%v); please report it with the file", r)
		}
	}()
	return parser.ParseBytes(normalizeBreaks(p.src), 0)
}

// normalizeBreaks returns src with every line break a line feed, as
// YAML's specification asks of a parser before it reads scalars (a line
// break "\r\n" or a lone "\r" is read as "\n", section 5.4): the YAML
// library folds a quoted scalar's "\r\n" into a newline where it folds
// "\n" into a space. Lines and columns stay as they were (splitLines
// counts the same breaks); src is not changed.
func normalizeBreaks(src []byte) []byte {
	if !bytes.ContainsRune(src, '\r') {
		return src
	}
	src = bytes.ReplaceAll(src, []byte("\r\n"), []byte("\n"))
	return bytes.ReplaceAll(src, []byte("\r"), []byte("\n"))
}

// utf8BOM is the byte order mark some Windows editors start files with.
var utf8BOM = []byte("\ufeff")

// duplicateKeyRE matches the YAML library's message for a key given twice.
var duplicateKeyRE = regexp.MustCompile(`^mapping key (".*") already defined at \[(\d+):(\d+)\]$`)

// yamlError turns the YAML library's error into ours, keeping its position.
func (p *parseState) yamlError(err error) {
	var pe interface {
		GetToken() *token.Token
		GetMessage() string
	}
	if errors.As(err, &pe) && pe.GetToken() != nil && pe.GetToken().Position != nil {
		pos := pe.GetToken().Position
		msg := pe.GetMessage()
		if m := duplicateKeyRE.FindStringSubmatch(msg); m != nil {
			msg = fmt.Sprintf("%s is given twice in this mapping (first at line %s, column %s); each name may appear once", m[1], m[2], m[3])
			p.errorf(Pos{Line: pos.Line, Col: pos.Column}, "%s", msg)
			return
		}
		if strings.Contains(msg, "'\t'") {
			msg = "a tab character here: YAML indents with spaces only"
		}
		p.errorf(Pos{Line: pos.Line, Col: pos.Column}, "YAML syntax: %s", msg)
		return
	}
	p.errorf(Pos{}, "YAML syntax: %v", err)
}

func (p *parseState) unknownKey(k *node, what string, valid []string) {
	hint := ""
	if s := nearest(k.value, valid); s != "" {
		hint = fmt.Sprintf("; did you mean %q?", s)
	}
	p.errorf(k.pos, "unknown %s %q%s (valid: %s)", what, k.value, hint, strings.Join(valid, ", "))
}

// text returns a scalar's text; other kinds are an error.
func (p *parseState) text(v *node, what string) string {
	switch v.kind {
	case scalarNode:
		return v.value
	case nullNode:
		return ""
	}
	p.errorf(v.pos, "%s must be text, not %s", what, v.describe())
	return ""
}

var identRE = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)

// pythonKeywords are Python's keywords, which no name may be. Names that
// would hide a built-in or a name of the generated program are renamed in
// it (see PythonName).
var pythonKeywords = []string{
	"False", "None", "True", "and", "as", "assert", "async", "await", "break", "class", "continue",
	"def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if", "import", "in",
	"is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try", "while", "with", "yield",
}

// pythonName checks that k is usable as a Python identifier in the
// generated program: what names a task ("task") or a primitive
// ("primitive"), and why names the rule for the task's sake, e.g. "a task
// is a Python coroutine, so its name is". It reports a problem and
// returns false when the name is too long, not an identifier, or reserved.
func (p *parseState) pythonName(k *node, what, why, example string) bool {
	if msg := checkPythonName(k.value, what, why, example); msg != "" {
		p.errorf(k.pos, "%s", msg)
		return false
	}
	return true
}

// checkPythonName says what is wrong with name as the name of a task or
// primitive (see pythonName), or "".
func checkPythonName(name, what, why, example string) string {
	switch {
	case len(name) > MaxNameLen:
		return fmt.Sprintf("%s name is %d characters long; the limit is %d", what, len(name), MaxNameLen)
	case !identRE.MatchString(name):
		return fmt.Sprintf("%s name %q is not valid: %s letters, digits and _ (not starting with a digit), e.g. %s", what, name, why, example)
	case slices.Contains(pythonKeywords, name):
		return fmt.Sprintf("%s name %q is reserved (a Python keyword or a name the generated program uses); choose another", what, name)
	case name == "elapsed":
		return fmt.Sprintf("%s name %q is reserved: {elapsed} is the time since the run started; choose another", what, name)
	}
	return ""
}

// taskKey reads a task's key: NAME, or NAME(PARAMS) with its parameters,
// as Python's async def writes them: name, name=DEFAULT, *name.
func (p *parseState) taskKey(k *node) (*Task, bool) {
	name, params, hasParams := strings.Cut(k.value, "(")
	name = strings.TrimSpace(name)
	nk := *k
	nk.value = name
	if hasParams && !strings.HasSuffix(strings.TrimSpace(params), ")") {
		p.errorf(k.pos, "task %q: the parameters are not closed with ')'; in a YAML flow mapping {...} a comma ends the key: write the task in block style, one key per line", k.value)
		return nil, false
	}
	if !p.pythonName(&nk, "task", "a task is a Python coroutine, so its name is", "A or fetch_1") {
		return nil, false
	}
	t := &Task{Name: name, Pos: k.pos}
	if !hasParams {
		return t, true
	}
	params = strings.TrimSuffix(strings.TrimSpace(params), ")")
	site := exprSite{pos: k.pos, text: k.value, plain: !k.quoted}
	off := strings.Index(k.value, "(") + 1
	if strings.TrimSpace(params) == "" {
		return t, true
	}
	for _, raw := range splitTopLevel(params) {
		text := strings.TrimSpace(raw)
		at := site.at(off + len(raw) - len(strings.TrimLeft(raw, " ")))
		off += len(raw) + 1
		prm := Param{Pos: at}
		if strings.HasPrefix(text, "*") {
			prm.Star = true
			text = strings.TrimSpace(text[1:])
		}
		pname, def, hasDef := strings.Cut(text, "=")
		pname = strings.TrimSpace(pname)
		switch {
		case !identRE.MatchString(pname):
			p.errorf(at, "task %s: parameter %q is not a name: letters, digits and _, e.g. %s(name, seconds)", name, pname, name)
			return nil, false
		case slices.Contains(pythonKeywords, pname) || pname == "elapsed":
			p.errorf(at, "task %s: parameter %q is reserved (a Python keyword, or elapsed); choose another", name, pname)
			return nil, false
		case slices.ContainsFunc(t.Params, func(q Param) bool { return q.Name == pname }):
			p.errorf(at, "task %s: parameter %q is given twice", name, pname)
			return nil, false
		case len(t.Params) > 0 && t.Params[len(t.Params)-1].Star:
			p.errorf(at, "task %s: *%s must be the last parameter", name, t.Params[len(t.Params)-1].Name)
			return nil, false
		case prm.Star && hasDef:
			p.errorf(at, "task %s: *%s takes the extra arguments and has no default", name, pname)
			return nil, false
		case !hasDef && !prm.Star && slices.ContainsFunc(t.Params, func(q Param) bool { return q.Default != nil }):
			p.errorf(at, "task %s: parameter %s has no default but follows one that has (Python refuses it)", name, pname)
			return nil, false
		}
		prm.Name = pname
		if hasDef {
			d, ok := p.defaultValue(strings.TrimSpace(def), at, name, pname)
			if !ok {
				return nil, false
			}
			prm.Default = d
		}
		t.Params = append(t.Params, prm)
	}
	return t, true
}

// defaultValue reads a parameter's default: a constant (a number, a
// duration, text, True/False/None, a list or tuple of those).
func (p *parseState) defaultValue(text string, at Pos, task, param string) (Expr, bool) {
	e, err := ParseExpr(text)
	if err == nil && isConstant(e) {
		return e, true
	}
	p.errorf(at, "task %s: the default of %s must be a constant (a number, a duration such as 0.5s, text, True, False, None or a list of those); found %q", task, param, text)
	return nil, false
}

func isConstant(e Expr) bool {
	switch e := e.(type) {
	case *Const:
		return true
	case *Unary:
		_, ok := e.X.(*Const)
		return ok && e.Op != "not"
	case *ListExpr:
		for _, x := range e.Elts {
			if !isConstant(x) {
				return false
			}
		}
		return true
	case *TupleExpr:
		for _, x := range e.Elts {
			if !isConstant(x) {
				return false
			}
		}
		return true
	case *DictExpr:
		for i := range e.Keys {
			if !isConstant(e.Keys[i]) || !isConstant(e.Vals[i]) {
				return false
			}
		}
		return true
	case *Name:
		return e.Kind == NameText // a bare word, text here
	}
	return false
}

// splitTopLevel splits s at the commas outside brackets and quotes.
func splitTopLevel(s string) []string {
	var parts []string
	depth, start := 0, 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '\'' || c == '"':
			quote = c
		case c == '(' || c == '[':
			depth++
		case c == ')' || c == ']':
			depth--
		case c == ',' && depth == 0:
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

func (p *parseState) tasks(s *Scenario, n *node) {
	if n.kind != mappingNode {
		p.errorf(n.pos, "tasks: must map task names to a duration or a list of steps, e.g. tasks: {A: 2s}; found %s", n.describe())
		return
	}
	cut := false
	for i, k := range n.keys {
		if cut && strings.Contains(k.value, ")") && !strings.Contains(k.value, "(") {
			continue // the rest of a key YAML cut, reported with its start
		}
		t, ok := p.taskKey(k)
		if !ok {
			cut = strings.Contains(k.value, "(") && !strings.Contains(k.value, ")")
			continue
		}
		if s.Primitive(t.Name) != nil {
			p.errorf(k.pos, "task name %q is already the name of a primitive; choose another", t.Name)
			continue
		}
		if s.Global(t.Name) != nil {
			p.errorf(k.pos, "task name %q is already the name of a global; choose another", t.Name)
			continue
		}
		if s.Task(t.Name) != nil {
			p.errorf(k.pos, "task %q is defined twice", t.Name)
			continue
		}
		v := n.vals[i]
		switch v.kind {
		case scalarNode:
			if len(t.Params) > 0 {
				p.errorf(v.pos, "task %s has parameters: write its steps, a list, e.g. [{sleep: 1s}]", t.Name)
				continue
			}
			d, ok := p.duration(v, "a shorthand task", true)
			if !ok {
				continue
			}
			t.Shorthand = d
			t.Steps = ShorthandSteps(t.Name, d, v.pos)
		case sequenceNode:
			t.Steps = p.steps(v)
		default:
			p.errorf(v.pos, "task %s must be a duration (A: 2s) or a list of steps; found %s", k.value, v.describe())
			continue
		}
		s.Tasks = append(s.Tasks, t)
	}
	if len(n.keys) == 0 {
		p.errorf(n.pos, "tasks: is empty; define at least one, e.g. tasks: {A: 2s}")
	}
}

// ShorthandSteps are the steps of a task written "NAME: D": print "Task
// NAME starting...", sleep D, print "Task NAME done after D seconds"; pos
// is where the steps are written.
func ShorthandSteps(name string, d time.Duration, pos Pos) []Step {
	secs := strconv.FormatFloat(d.Seconds(), 'f', -1, 64)
	unit := "seconds"
	if d == time.Second {
		unit = "second"
	}
	return []Step{
		{Kind: Print, Pos: pos, Text: Literal(fmt.Sprintf("Task %s starting...", name))},
		{Kind: Sleep, Pos: pos, Duration: d},
		{Kind: Print, Pos: pos, Text: Literal(fmt.Sprintf("Task %s done after %s %s", name, secs, unit))},
	}
}

func (p *parseState) runs(s *Scenario, n *node) {
	if n.kind != mappingNode || len(n.keys) == 0 {
		p.errorf(n.pos, "runs: must map run names to lists of steps, e.g. runs: {Concurrent: [{gather: [A, B]}]}; found %s", n.describe())
		return
	}
	for i, k := range n.keys {
		r := &RunDef{Name: k.value, Pos: k.pos}
		if !p.runName(k) {
			continue
		}
		v := n.vals[i]
		switch v.kind {
		case sequenceNode:
			r.Steps = p.steps(v)
		case mappingNode:
			var steps *node
			for j, rk := range v.keys {
				rv := v.vals[j]
				switch rk.value {
				case "sleeps":
					mode := p.text(rv, "sleeps")
					idx := slices.Index(sleepModeNames, mode)
					if idx < 0 {
						p.errorf(rv.pos, "sleeps: must be await (await asyncio.sleep), block (time.sleep) or no-await (asyncio.sleep without await); found %s", rv.describe())
						continue
					}
					r.Sleeps = SleepMode(idx)
				case "steps":
					steps = rv
				default:
					p.unknownKey(rk, "run key", runKeys)
				}
			}
			if steps == nil || steps.kind != sequenceNode {
				p.errorf(v.pos, "run %s needs steps: [...], a list of steps", k.value)
				continue
			}
			r.Steps = p.steps(steps)
		default:
			p.errorf(v.pos, "run %s must be a list of steps, or {sleeps: block, steps: [...]}; found %s", k.value, v.describe())
			continue
		}
		s.Runs = append(s.Runs, r)
	}
}

func (p *parseState) runName(k *node) bool {
	switch {
	case strings.TrimSpace(k.value) == "":
		p.errorf(k.pos, "a run name must not be empty")
	case len([]rune(k.value)) > MaxNameLen:
		p.errorf(k.pos, "run name is %d characters long; the limit is %d", len([]rune(k.value)), MaxNameLen)
	case strings.IndexFunc(k.value, unicode.IsControl) >= 0:
		p.errorf(k.pos, "run name %q contains a control character (a newline or tab?); use plain text", k.value)
	default:
		return true
	}
	return false
}

// duration parses a duration such as 2s, 1.5s, 500ms or 0.
func (p *parseState) duration(v *node, what string, zeroOK bool) (time.Duration, bool) {
	if v.kind != scalarNode {
		p.errorf(v.pos, "%s takes a duration such as 2s or 500ms; found %s", what, v.describe())
		return 0, false
	}
	d, err := ParseDuration(v.value)
	if err != nil {
		p.errorf(v.pos, "%s: %v", what, err)
		return 0, false
	}
	if d == 0 && !zeroOK {
		p.errorf(v.pos, "%s must last longer than 0", what)
		return 0, false
	}
	return d, true
}

// wellFormedDuration matches what time.ParseDuration reads when the value
// is in range: when it refuses such a text, the duration overflowed.
var wellFormedDuration = regexp.MustCompile(`^\+?(([0-9]+(\.[0-9]*)?|\.[0-9]+)(ns|us|µs|μs|ms|s|m|h))+$`)

// exponentDuration matches a number with an exponent and a unit, 1e3ms.
var exponentDuration = regexp.MustCompile(`^\+?[0-9.]+[eE][-+]?[0-9]+[a-zµμ]+$`)

// ParseDuration parses a duration with a unit — ns, us (or µs), ms, s, m or
// h, e.g. 2s, 1.5s, 500ms, 1m30s — or a bare 0. Negative durations, bare
// numbers and durations over MaxDuration are refused with a message saying
// what is valid.
func ParseDuration(s string) (time.Duration, error) {
	s = strings.TrimSpace(s)
	if s == "0" {
		return 0, nil
	}
	if word := strings.TrimLeft(strings.ToLower(s), "+-."); strings.HasPrefix(word, "nan") || strings.HasPrefix(word, "inf") {
		return 0, fmt.Errorf("duration %q is not a number; write a number and a unit, e.g. 2s, 1.5s or 500ms", s)
	}
	if _, err := strconv.ParseFloat(s, 64); err == nil {
		return 0, fmt.Errorf("duration %q has no unit; write e.g. %ss or %sms", s, s, s)
	}
	if strings.HasPrefix(s, "-") {
		return 0, fmt.Errorf("duration %q is negative; durations are 0 or more", s)
	}
	d, err := time.ParseDuration(s)
	if err != nil {
		if strings.Contains(err.Error(), "invalid duration") && !strings.ContainsAny(s, "0123456789") {
			return 0, fmt.Errorf("%q is not a duration; write a number and a unit, e.g. 2s, 1.5s or 500ms", s)
		}
		if strings.Contains(err.Error(), "overflow") || wellFormedDuration.MatchString(s) {
			return 0, fmt.Errorf("duration %q is too long; the limit is 24h", s)
		}
		if exponentDuration.MatchString(s) {
			return 0, fmt.Errorf("duration %q has an exponent; write the number out, e.g. 1500ms for 1.5e3ms", s)
		}
		return 0, fmt.Errorf("%q is not a duration; write a number and a unit (ns, us, ms, s, m, h), e.g. 2s or 500ms", s)
	}
	if d > MaxDuration {
		return 0, fmt.Errorf("duration %q is too long; the limit is 24h", s)
	}
	return d, nil
}

// firstRune is the first character of s.
func firstRune(s string) rune {
	r, _ := utf8.DecodeRuneInString(s)
	return r
}
