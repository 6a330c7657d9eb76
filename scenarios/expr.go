package scenarios

// Expr is an expression of the language: a small part of Python's,
// written where a step takes a value, a condition, a duration or a call
// (see docs/scenarios.md, Expressions). The parser builds it
// (ParseExpr); the resolver binds its names; the runner evaluates it and
// the Python generator writes it back as Python.
//
// The concrete types are *Const, *Name, *FString, *ListExpr, *TupleExpr,
// *Comp, *Starred, *CallExpr, *Attr, *Unary, *Binary, *Compare, *BoolOp,
// *IfExp and *Index.
type Expr interface {
	// Offset is the byte offset of the expression in the text it was
	// parsed from.
	Offset() int
}

// Const is a constant: None (nil), True or False (bool), an integer
// (int64, or *big.Int past 64 bits), a float (float64) or text (string).
type Const struct {
	Off   int
	Value any
	// Duration says the constant was written as a duration, e.g. 500ms
	// (Value is then its seconds).
	Duration bool
}

// NameKind says what a name refers to, once resolved.
type NameKind uint8

const (
	// NameUnresolved: not resolved (yet).
	NameUnresolved NameKind = iota
	// NameLocal: a local variable of the coroutine (Slot).
	NameLocal
	// NamePrimitive: a primitive of the scenario (Index in
	// Scenario.Primitives).
	NamePrimitive
	// NameTask: a task of the scenario (a coroutine function), only called.
	NameTask
	// NameBuiltin: a built-in function (len, range, ...) or the asyncio
	// module, only called or used for an attribute.
	NameBuiltin
	// NameExcType: a built-in exception type (isinstance's second
	// argument).
	NameExcType
	// NameElapsed: the seconds since the run started.
	NameElapsed
	// NameText: a word written where a value goes that names no variable
	// or primitive: the text of the word (return: rows).
	NameText
	// NameModule: the asyncio module (asyncio.current_task()).
	NameModule
	// NameGlobal: a module-level variable (Slot in Scenario.Globals).
	NameGlobal
)

// Name is a name: a variable, a primitive, a task, a built-in.
type Name struct {
	Off int
	ID  string
	// Kind and Slot (a local's slot, a primitive's index) say what it
	// refers to, once resolved.
	Kind NameKind
	Slot int
}

// FString is text with placeholders: an f-string, the text of print, or
// quoted text where a value is expected.
type FString struct {
	Off   int
	Parts []FPart
}

// FPart is a literal part of an f-string (X nil) or a placeholder:
// {X!Conv:Spec}.
type FPart struct {
	Lit string
	X   Expr
	// Conv is 'r' (repr), 's' (str) or 0.
	Conv byte
	// Spec is the format spec after ':', without it; HasSpec says there
	// was one.
	Spec    string
	HasSpec bool
	// Off is the placeholder's byte offset in its text.
	Off int
}

// ListExpr is a list display, [a, b].
type ListExpr struct {
	Off  int
	Elts []Expr
}

// DictExpr is a dict display, {k: v, ...}.
type DictExpr struct {
	Off        int
	Keys, Vals []Expr
}

// TupleExpr is a tuple, (a, b) or a, b.
type TupleExpr struct {
	Off  int
	Elts []Expr
}

// Comp is a comprehension: [Elt for Vars in Iter if Cond], a generator
// expression (Elt for ...) when Gen, or a dict comprehension {Key: Elt
// for ...} when Key is set.
type Comp struct {
	Off  int
	Key  Expr
	Elt  Expr
	Vars []*Name
	Iter Expr
	Cond Expr
	Gen  bool
	// Bare says the comprehension was written without brackets, x for x
	// in xs: the items of a step (gather: f(n) for n in names), or, as
	// YAML's [x for x in xs] gives it, a list's one item.
	Bare bool
}

// Starred is *X in a call's arguments or a list display.
type Starred struct {
	Off int
	X   Expr
}

// Keyword is NAME=X in a call's arguments.
type Keyword struct {
	Off  int
	Name string
	X    Expr
}

// CallExpr is a call: of a task (a coroutine), of a built-in function, or of a
// method (Func is an *Attr).
type CallExpr struct {
	Off  int
	Func Expr
	Args []Expr
	Kw   []Keyword
	// Task is the task called, once resolved, when Func names a task.
	Task *Task
}

// Attr is X.Name: a method (called) or an attribute (__name__, args,
// exceptions).
type Attr struct {
	Off  int
	X    Expr
	Name string
}

// Unary is -X, +X or not X.
type Unary struct {
	Off int
	Op  string
	X   Expr
}

// Binary is X Op Y, for + - * / // %.
type Binary struct {
	Off  int
	Op   string
	X, Y Expr
}

// Compare is Xs[0] Ops[0] Xs[1] Ops[1] ...: a chain of comparisons (==,
// !=, <, <=, >, >=, is, is not, in, not in).
type Compare struct {
	Off int
	Ops []string
	Xs  []Expr
}

// BoolOp is Xs[0] Op Xs[1] ..., Op "and" or "or".
type BoolOp struct {
	Off int
	Op  string
	Xs  []Expr
}

// IfExp is X if Cond else Y.
type IfExp struct {
	Off     int
	Cond    Expr
	X, Else Expr
}

// Index is X[I].
type Index struct {
	Off int
	X   Expr
	I   Expr
}

// Slice is the index of x[lo:hi] and x[lo:hi:step]; a part left out is
// nil.
type Slice struct {
	Off          int
	Lo, Hi, Step Expr
}

func (e *Const) Offset() int     { return e.Off }
func (e *Name) Offset() int      { return e.Off }
func (e *FString) Offset() int   { return e.Off }
func (e *ListExpr) Offset() int  { return e.Off }
func (e *TupleExpr) Offset() int { return e.Off }
func (e *Comp) Offset() int      { return e.Off }
func (e *Starred) Offset() int   { return e.Off }
func (e *CallExpr) Offset() int  { return e.Off }
func (e *Attr) Offset() int      { return e.Off }
func (e *Unary) Offset() int     { return e.Off }
func (e *Binary) Offset() int    { return e.Off }
func (e *Compare) Offset() int   { return e.Off }
func (e *BoolOp) Offset() int    { return e.Off }
func (e *IfExp) Offset() int     { return e.Off }
func (e *Index) Offset() int     { return e.Off }
func (e *Slice) Offset() int     { return e.Off }
func (e *DictExpr) Offset() int  { return e.Off }

// WalkExpr calls fn for e and every expression inside it, parents first;
// fn returning false skips what is inside that expression.
func WalkExpr(e Expr, fn func(Expr) bool) {
	if e == nil || !fn(e) {
		return
	}
	switch e := e.(type) {
	case *FString:
		for _, p := range e.Parts {
			WalkExpr(p.X, fn)
		}
	case *ListExpr:
		for _, x := range e.Elts {
			WalkExpr(x, fn)
		}
	case *TupleExpr:
		for _, x := range e.Elts {
			WalkExpr(x, fn)
		}
	case *DictExpr:
		for i := range e.Keys {
			WalkExpr(e.Keys[i], fn)
			WalkExpr(e.Vals[i], fn)
		}
	case *Comp:
		WalkExpr(e.Iter, fn)
		for _, v := range e.Vars {
			WalkExpr(v, fn)
		}
		WalkExpr(e.Cond, fn)
		WalkExpr(e.Key, fn)
		WalkExpr(e.Elt, fn)
	case *Starred:
		WalkExpr(e.X, fn)
	case *CallExpr:
		WalkExpr(e.Func, fn)
		for _, x := range e.Args {
			WalkExpr(x, fn)
		}
		for _, k := range e.Kw {
			WalkExpr(k.X, fn)
		}
	case *Attr:
		WalkExpr(e.X, fn)
	case *Unary:
		WalkExpr(e.X, fn)
	case *Binary:
		WalkExpr(e.X, fn)
		WalkExpr(e.Y, fn)
	case *Compare:
		for _, x := range e.Xs {
			WalkExpr(x, fn)
		}
	case *BoolOp:
		for _, x := range e.Xs {
			WalkExpr(x, fn)
		}
	case *IfExp:
		WalkExpr(e.Cond, fn)
		WalkExpr(e.X, fn)
		WalkExpr(e.Else, fn)
	case *Index:
		WalkExpr(e.X, fn)
		WalkExpr(e.I, fn)
	case *Slice:
		WalkExpr(e.Lo, fn)
		WalkExpr(e.Hi, fn)
		WalkExpr(e.Step, fn)
	}
}
