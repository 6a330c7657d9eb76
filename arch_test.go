package main

import (
	"go/ast"
	"go/parser"
	"go/token"
	"io/fs"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"
)

// The layout's rules, checked on every non-test Go file of the module.
const (
	// maxFileLines is the most lines a Go file may have.
	maxFileLines = 800
	// maxFuncLines is the most lines a function (or method) may have.
	maxFuncLines = 100
)

// archKnown lists the files and functions that broke a size rule when the
// rule was written; the restructuring empties it. Entries are
// "path" (a file too long) or "path:func" (a function too long).
var archKnown = map[string]bool{}

// importRules says, for a package (by its path inside the module), which
// of the module's packages it must not import. A package not listed here
// may import any package the flow allows; see each package's doc.go.
var importRules = []struct {
	pkg    string // a package path inside the module, or a prefix ending in "/"
	forbid []string
}{
	{"trace", []string{"scenarios", "scenarios/", "render", "pytrace", "internal/"}},
	{"trace/", []string{"scenarios", "scenarios/", "render", "pytrace"}},
	{"scenarios", []string{"render", "pytrace", "scenarios/"}},
	{"scenarios/", []string{"render", "pytrace"}},
	{"scenarios/runner", []string{"scenarios/python"}},
	{"scenarios/python", []string{"scenarios/runner", "trace"}},
	{"render", []string{"scenarios", "scenarios/", "pytrace"}},
	{"render/", []string{"scenarios", "scenarios/", "pytrace"}},
	{"pytrace", []string{"scenarios", "scenarios/", "render"}},
	{"pytrace/", []string{"scenarios", "scenarios/", "render"}},
	{"markdown", []string{"trace", "trace/", "scenarios", "scenarios/", "render", "render/", "pytrace", "pytrace/"}},
}

const modulePath = "github.com/asyncgantt/asyncgantt"

// sourceFiles returns the module's non-test Go files outside testdata,
// tools and hidden folders, by path relative to the module root.
func sourceFiles(t *testing.T) []string {
	t.Helper()
	var files []string
	err := filepath.WalkDir(".", func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		name := d.Name()
		if d.IsDir() {
			if path != "." && (strings.HasPrefix(name, ".") || name == "testdata" || name == "tools" || name == "node_modules") {
				return filepath.SkipDir
			}
			return nil
		}
		if strings.HasSuffix(name, ".go") && !strings.HasSuffix(name, "_test.go") {
			files = append(files, filepath.ToSlash(path))
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	return files
}

// TestSizes checks that no Go file is over maxFileLines lines and no
// function over maxFuncLines, outside tests and generated code.
func TestSizes(t *testing.T) {
	fset := token.NewFileSet()
	seen := map[string]bool{}
	for _, path := range sourceFiles(t) {
		f, err := parser.ParseFile(fset, path, nil, parser.ParseComments)
		if err != nil {
			t.Fatal(err)
		}
		if ast.IsGenerated(f) {
			continue
		}
		if n := fset.File(f.Pos()).LineCount(); n > maxFileLines {
			seen[path] = true
			if !archKnown[path] {
				t.Errorf("%s has %d lines (at most %d): split it by subject", path, n, maxFileLines)
			}
		}
		for _, decl := range f.Decls {
			fn, ok := decl.(*ast.FuncDecl)
			if !ok || fn.Body == nil {
				continue
			}
			lines := fset.Position(fn.End()).Line - fset.Position(fn.Pos()).Line + 1
			if lines > maxFuncLines {
				key := path + ":" + funcName(fn)
				seen[key] = true
				if !archKnown[key] {
					t.Errorf("%s: %s has %d lines (at most %d)", path, funcName(fn), lines, maxFuncLines)
				}
			}
		}
	}
	for k := range archKnown {
		if !seen[k] {
			t.Errorf("archKnown lists %s, which no longer breaks a rule: remove it from the list", k)
		}
	}
}

// funcName returns "Name" or "Recv.Name".
func funcName(fn *ast.FuncDecl) string {
	if fn.Recv == nil || len(fn.Recv.List) == 0 {
		return fn.Name.Name
	}
	typ := fn.Recv.List[0].Type
	for {
		switch x := typ.(type) {
		case *ast.StarExpr:
			typ = x.X
			continue
		case *ast.IndexExpr:
			typ = x.X
			continue
		case *ast.IndexListExpr:
			typ = x.X
			continue
		case *ast.Ident:
			return x.Name + "." + fn.Name.Name
		}
		return fn.Name.Name
	}
}

// TestImportDirection checks that packages import only along the data
// flow: source → trace ← render, everything ← main.
func TestImportDirection(t *testing.T) {
	fset := token.NewFileSet()
	for _, path := range sourceFiles(t) {
		dir := filepath.ToSlash(filepath.Dir(path))
		if dir == "." {
			continue // the command may import anything
		}
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly)
		if err != nil {
			t.Fatal(err)
		}
		for _, imp := range f.Imports {
			p := strings.Trim(imp.Path.Value, `"`)
			rel, ok := strings.CutPrefix(p, modulePath+"/")
			if !ok {
				continue
			}
			for _, r := range importRules {
				if !matchPkg(dir, r.pkg) {
					continue
				}
				for _, bad := range r.forbid {
					if matchPkg(rel, bad) {
						t.Errorf("%s imports %s: package %s must not import %s (imports follow the data flow)", path, rel, dir, bad)
					}
				}
			}
		}
	}
}

// matchPkg reports whether the package path p is pattern, or, for a
// pattern ending in "/", inside it.
func matchPkg(p, pattern string) bool {
	if strings.HasSuffix(pattern, "/") {
		return strings.HasPrefix(p, pattern)
	}
	return p == pattern
}

// TestTraceDepsStandardLibraryOnly checks that the shared model depends on
// the standard library alone.
func TestTraceDepsStandardLibraryOnly(t *testing.T) {
	out, err := exec.Command("go", "list", "-deps", "-f", "{{if not .Standard}}{{.ImportPath}}{{end}}", "./trace").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	var bad []string
	for _, p := range strings.Fields(string(out)) {
		if p != modulePath+"/trace" {
			bad = append(bad, p)
		}
	}
	slices.Sort(bad)
	if len(bad) > 0 {
		t.Errorf("trace depends on packages outside the standard library: %s", strings.Join(bad, ", "))
	}
}
