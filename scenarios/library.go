package scenarios

import (
	"embed"
	"fmt"
	"io/fs"
	"path"
	"slices"
	"strings"
)

//go:embed library/*.yaml
var library embed.FS

// Builtins returns the names of the built-in scenarios, sorted.
func Builtins() []string {
	entries, err := fs.ReadDir(library, "library")
	if err != nil {
		panic(err) // the embedded directory always exists
	}
	var names []string
	for _, e := range entries {
		names = append(names, strings.TrimSuffix(e.Name(), ".yaml"))
	}
	slices.Sort(names)
	return names
}

// BuiltinSource returns the source of the built-in scenario name.
func BuiltinSource(name string) ([]byte, error) {
	src, err := library.ReadFile(path.Join("library", name+".yaml"))
	if err != nil {
		hint := ""
		if n := nearest(name, Builtins()); n != "" {
			hint = fmt.Sprintf("; did you mean %q?", n)
		}
		return nil, fmt.Errorf("no built-in scenario %q%s (asyncgantt list shows them all)", name, hint)
	}
	return src, nil
}

// Builtin parses the built-in scenario name.
func Builtin(name string) (*Scenario, error) {
	src, err := BuiltinSource(name)
	if err != nil {
		return nil, err
	}
	return Parse(name+".yaml", src)
}
