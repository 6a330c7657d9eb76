package pytrace

import (
	"fmt"
	"os/exec"
	"strings"
	"sync"
)

// Supported lists the Python versions the probe supports: those whose
// sys.setprofile reports a coroutine's every resume and suspension as a
// call and a return (3.14 changes them). CI tests 3.11.
var Supported = []string{"3.11", "3.12", "3.13"}

var pythonCache sync.Map // interpreter path -> error (nil: usable)

// findPython resolves the interpreter and checks it is a supported CPython.
func findPython(name string) (string, error) {
	if name == "" {
		name = "python3"
	}
	path, err := exec.LookPath(name)
	if err != nil {
		return "", &Error{Kind: ErrPython, Msg: fmt.Sprintf("cannot find %s: tracing a Python program needs CPython %s; install it or name one with --python", name, strings.Join(Supported, ", "))}
	}
	if v, ok := pythonCache.Load(path); ok {
		if v == nil {
			return path, nil
		}
		return "", v.(error)
	}
	err = checkPython(name, path)
	pythonCache.Store(path, err) // a nil error is stored as nil
	return path, err
}

func checkPython(name, path string) error {
	out, err := exec.Command(path, "-I", "-S", "-c", "import sys; print(sys.implementation.name, '%d.%d' % sys.version_info[:2])").Output()
	want := "CPython " + strings.Join(Supported, ", ")
	if err != nil {
		return &Error{Kind: ErrPython, Msg: fmt.Sprintf("%s (%s) does not run as Python 3 (%v); tracing a Python program needs %s", name, path, err, want)}
	}
	f := strings.Fields(string(out))
	if len(f) != 2 || f[0] != "cpython" {
		return &Error{Kind: ErrPython, Msg: fmt.Sprintf("%s (%s) is %s; tracing a Python program needs %s", name, path, strings.TrimSpace(string(out)), want)}
	}
	for _, v := range Supported {
		if f[1] == v {
			return nil
		}
	}
	return &Error{Kind: ErrPython, Msg: fmt.Sprintf("%s (%s) is Python %s; tracing a Python program needs %s", name, path, f[1], want)}
}
