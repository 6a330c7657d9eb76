package scenarios

import (
	"strings"
	"unicode"
)

// Python names. The generated program defines one coroutine function per
// task. A run with sleeps: block or sleeps: no-await needs other bodies for
// the tasks whose sleeps change (and for the tasks that call those), so
// those get a variant with a suffix: A_blocking, A_no_await. The runner
// uses the same names in its warnings ("coroutine 'A_blocking' was never
// awaited"), exactly as Python prints them.

var variantSuffix = []string{"", "_blocking", "_no_await"}

// PythonFuncNames returns the Python function name of every task in a run
// of the given sleep mode, by task name: the task's own name, or for a
// task whose body changes in that mode a variant, e.g. A_blocking.
func (s *Scenario) PythonFuncNames(mode SleepMode) map[string]string {
	names := make(map[string]string, len(s.Tasks))
	if mode == SleepAwait {
		for _, t := range s.Tasks {
			names[t.Name] = t.Name
		}
		return names
	}
	needs := map[string]bool{}
	var visit func(t *Task) bool
	visit = func(t *Task) bool {
		if v, ok := needs[t.Name]; ok {
			return v
		}
		needs[t.Name] = false // no cycles (checked), but be safe
		n := false
		Walk(t.Steps, func(st *Step) {
			if st.Kind == Sleep {
				n = true
			}
			for _, r := range st.Refs {
				if r.Kind == RefCoroutine && visit(s.Task(r.Name)) {
					n = true
				}
			}
		})
		needs[t.Name] = n
		return n
	}
	for _, t := range s.Tasks {
		name := t.Name
		if visit(t) {
			name += variantSuffix[mode]
			for s.Task(name) != nil {
				name += "_"
			}
		}
		names[t.Name] = name
	}
	return names
}

// PythonMainNames returns the Python name of each run's main coroutine, in
// run order: main for a single run, else main_ and the run's name in snake
// case (main_sequential), unique among themselves and the tasks.
func (s *Scenario) PythonMainNames() []string {
	names := make([]string, len(s.Runs))
	if len(s.Runs) == 1 {
		names[0] = "main"
		return names
	}
	used := map[string]bool{}
	for _, t := range s.Tasks {
		used[t.Name] = true
	}
	for i, r := range s.Runs {
		var b strings.Builder
		b.WriteString("main_")
		under := false
		for _, c := range strings.ToLower(r.Name) {
			if c < 128 && (unicode.IsLetter(c) || unicode.IsDigit(c)) {
				if under && b.Len() > len("main_") {
					b.WriteByte('_')
				}
				b.WriteRune(c)
				under = false
			} else {
				under = true
			}
		}
		name := strings.TrimSuffix(b.String(), "_")
		if name == "main" {
			name = "main_run"
		}
		base := name
		for n := 2; used[name]; n++ {
			name = base + "_" + itoa(n)
		}
		used[name] = true
		names[i] = name
	}
	return names
}

func itoa(n int) string {
	if n < 10 {
		return string(rune('0' + n))
	}
	return itoa(n/10) + string(rune('0'+n%10))
}
