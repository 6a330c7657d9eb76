package schema_test

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"
	"github.com/santhosh-tekuri/jsonschema/v6"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/schema"
)

func compile(t *testing.T) *jsonschema.Schema {
	t.Helper()
	doc, err := jsonschema.UnmarshalJSON(bytes.NewReader(schema.JSON))
	if err != nil {
		t.Fatalf("schema is not JSON: %v", err)
	}
	c := jsonschema.NewCompiler()
	c.AssertFormat()
	if err := c.AddResource("scenario.schema.json", doc); err != nil {
		t.Fatal(err)
	}
	sch, err := c.Compile("scenario.schema.json")
	if err != nil {
		t.Fatalf("schema does not compile: %v", err)
	}
	return sch
}

// validate checks a YAML scenario against the schema, as an editor would.
func validate(t *testing.T, sch *jsonschema.Schema, src string) error {
	t.Helper()
	js, err := yaml.YAMLToJSON([]byte(src))
	if err != nil {
		t.Fatalf("YAML: %v\n%s", err, src)
	}
	inst, err := jsonschema.UnmarshalJSON(bytes.NewReader(js))
	if err != nil {
		t.Fatalf("JSON: %v\n%s", err, js)
	}
	return sch.Validate(inst)
}

func TestSchemaID(t *testing.T) {
	var doc struct {
		ID string `json:"$id"`
	}
	if err := json.Unmarshal(schema.JSON, &doc); err != nil {
		t.Fatal(err)
	}
	if got, want := doc.ID, schema.URL; got != want {
		t.Errorf("$id = %q, want schema.URL %q", got, want)
	}
}

func TestBuiltinsValidate(t *testing.T) {
	sch := compile(t)
	for _, name := range scenarios.Builtins() {
		t.Run(name, func(t *testing.T) {
			src, err := scenarios.BuiltinSource(name)
			if err != nil {
				t.Fatal(err)
			}
			if !strings.HasPrefix(string(src), "# yaml-language-server: $schema=../../schema/scenario.schema.json\n") {
				t.Errorf("%s.yaml does not start with the yaml-language-server $schema line", name)
			}
			if err := validate(t, sch, string(src)); err != nil {
				t.Errorf("%s.yaml does not validate: %v", name, err)
			}
		})
	}
}

// TestSemanticsValidate validates the scenarios the runner is checked
// against CPython with: every construct of the language is in them.
func TestSemanticsValidate(t *testing.T) {
	sch := compile(t)
	files, _ := filepath.Glob(filepath.Join("..", "scenarios", "runner", "testdata", "semantics", "*.yaml"))
	if len(files) < 10 {
		t.Fatalf("found %d semantics scenarios", len(files))
	}
	for _, f := range files {
		if filepath.Base(f) == "hostile.yaml" {
			// Its control characters: the YAML library's YAMLToJSON writes
			// them as \x escapes, which are not JSON.
			continue
		}
		t.Run(filepath.Base(f), func(t *testing.T) {
			src, err := os.ReadFile(f)
			if err != nil {
				t.Fatal(err)
			}
			if err := validate(t, sch, string(src)); err != nil {
				t.Errorf("%s does not validate: %v", f, err)
			}
		})
	}
}

// The schema and the parser agree: what one accepts the other accepts.
func TestSchemaAgreesWithParser(t *testing.T) {
	sch := compile(t)
	valid := []struct{ name, src string }{
		{"Shorthand", "tasks: {A: 2s}\nruns: {R: [{await: A}]}\n"},
		{"Everything", `title: All of it
description: |
  Every key and step.
figure: {theme: dark, width: 1920, height: 1080}
tasks:
  A: 1.5s
  b_2: 0
  fetch:
    - print: "fetching {elapsed:.2f}"
    - sleep: 500ms
    - sleep: 0
    - block: 1m30s
    - print:
    - await: A
runs:
  Sequential: [{await: fetch}, {print: 42}]
  "Blocking, with time.sleep":
    sleeps: block
    steps: [{gather: [A, b_2, fetch]}]
  Explicit:
    sleeps: await
    steps: []
`},
		{"Micro", "tasks: {A: 250us, B: 250µs, C: .5s, D: 2.s, E: 1h2m3s}\nruns: {R: [{gather: [A, B, C, D, E]}]}\n"},
		{"Vocabulary", `primitives: {sem: {semaphore: 2}, lock: lock, ev: event, q: {queue: 3}, q2: queue}
tasks:
  A: [{cpu: 10ms}, {return: a}]
  B: [{raise: "ValueError: boom"}]
  C: [{async_with: sem, steps: [{to_thread: 1s, as: r}]}, {put: q, item: [1, two, null]}, {get: q, as: x}, {set: ev}, {clear: ev}]
  D: [{await: ev}]
runs:
  R:
    - create_task: A
      as: t
    - gather: [A, B]
      return_exceptions: true
      as: results
    - wait: [A, t]
      return_when: FIRST_COMPLETED
      timeout: 1s
      as: [done, pending]
    - cancel: pending
    - wait_for: A
      timeout: 500ms
    - timeout: 1s
      steps: [{await: A}]
    - try: [{task_group: [A, B]}]
      except: {ExceptionGroup: [{print: "{e!r}"}], asyncio.CancelledError: }
      finally: [{print: done}]
    - as_completed: [A, C]
      as: x
      steps: [{print: "{x}"}]
    - call: A
    - asyncio_run: A
  S: {sleeps: no-await, steps: [{gather: [C, D]}]}
`},
		{"Lesson", `primitives: {sem: {semaphore: 2}, q: queue, pool: {process_pool: 2}}
globals: {counter: 0, names: [], label: "x", flag: true, none: null, by_name: {}, ages: {alice: 30}}
tasks:
  task(name, seconds=1):
    - print: "Task {name} starting..."
    - sleep: seconds
    - return: "{name} done"
  worker(name, sem):
    - async_with: sem
      steps: [{sleep: 1s}]
  consumer(q):
    - while: true
      steps:
        - {get: q, as: item}
        - if: item is None
          steps: [break]
          else: [{print: "{item}"}, {task_done: q}]
  chain(*delays):
    - for: d
      in: delays
      steps: [{sleep: d}, continue]
runs:
  R:
    - await: task("A", 2)
    - gather: task("B"), task(seconds=0.5s, name="C")
      as: results
    - let: {total: 0, names: []}
    - for: [n, r]
      in: [[1, a], [2, b]]
      steps:
        - let:
            total: total + n
        - {append: names, item: r}
        - let: {"by_name[n]": r}
    - gather: worker(f"T{i}", sem) for i in range(3)
    - create_task: consumer(q)
      as: c
    - {put: q, item: 1}
    - {put: q, item: null}
    - {join: q}
    - task_group: [task("D"), task("E")]
      as: [td, te]
    - print: "{td.result()} {type(te).__name__} {len(results)}"
    - try:
        - raise: "ValueError: bad {total}"
      "except*":
        ValueError as err: [{print: "{err!r}"}]
    - run_in_executor: pool, crunch, 1s
    - run_in_executor: [None, time.sleep, 0.5s]
    - wait: "[asyncio.create_task(chain(1s, 2s))]" 
      as: [done, pending]
`},
		{"GatherOneName", "tasks: {A: 2s}\nruns: {R: [{gather: A}]}\n"},
		{"FloatValue", "tasks: {A: [{return: 1.5}]}\nruns: {R: [{await: A}]}\n"},
		{"GatherTimes", `tasks: {A: 1s, B: 2s}
runs:
  R:
    - {create_task: A, as: t}
    - {gather: [A, B], times: 3}
    - gather: [t, B]
      times: 1000000
      return_exceptions: true
      as: results
    - {gather: [A], times: 1}
`},
	}
	for _, tt := range valid {
		t.Run("Valid"+tt.name, func(t *testing.T) {
			if _, err := scenarios.Parse("x.yaml", []byte(tt.src)); err != nil {
				t.Fatalf("the parser refuses it: %v", err)
			}
			if err := validate(t, sch, tt.src); err != nil {
				t.Errorf("the schema refuses it: %v", err)
			}
		})
	}
	invalid := []struct{ name, src string }{
		{"UnknownStep", "tasks: {A: 2s}\nruns:\n  R: [{slep: 1s}]\n"},
		{"UnknownTopKey", "tasks: {A: 2s}\nruns: {R: [{await: A}]}\ncolor: red\n"},
		{"NoRuns", "tasks: {A: 2s}\n"},
		{"NoTasks", "runs: {R: [{print: hi}]}\n"},
		{"EmptyTasks", "tasks: {}\nruns: {R: [{print: hi}]}\n"},
		{"DurationWithoutUnit", "tasks: {A: 2}\nruns: {R: [{await: A}]}\n"},
		{"NegativeDuration", "tasks: {A: -2s}\nruns: {R: [{await: A}]}\n"},
		{"BadUnit", "tasks: {A: 2 seconds}\nruns: {R: [{await: A}]}\n"},
		{"TwoKeysInAStep", "tasks: {A: 2s}\nruns: {R: [{sleep: 1s, print: hi}]}\n"},
		{"StepIsText", "tasks: {A: 2s}\nruns: {R: [sleep]}\n"},
		{"GatherNotAList", "tasks: {A: 2s}\nruns: {R: [{gather: {A: 1}}]}\n"},
		{"GatherEmpty", "tasks: {A: 2s}\nruns: {R: [{gather: []}]}\n"},
		{"AwaitAList", "tasks: {A: 2s}\nruns: {R: [{await: [A]}]}\n"},
		{"TaskNameNotIdentifier", "tasks: {fetch-data: 2s}\nruns: {R: [{await: fetch-data}]}\n"},
		{"TaskNameKeyword", "tasks: {class: 2s}\nruns: {R: [{await: class}]}\n"},
		{"BadSleepsMode", "tasks: {A: 2s}\nruns:\n  R: {sleeps: blocking, steps: [{await: A}]}\n"},
		{"RunWithoutSteps", "tasks: {A: 2s}\nruns:\n  R: {sleeps: block}\n"},
		{"UnknownRunKey", "tasks: {A: 2s}\nruns:\n  R: {sleeps: block, step: [{await: A}]}\n"},
		{"FigureTooNarrow", "figure: {width: 100}\ntasks: {A: 2s}\nruns: {R: [{await: A}]}\n"},
		{"UnknownFigureKey", "figure: {colour: red}\ntasks: {A: 2s}\nruns: {R: [{await: A}]}\n"},
		{"RunNameBlank", "tasks: {A: 2s}\nruns: {\"  \": [{await: A}]}\n"},
		{"RunNameTab", "tasks: {A: 2s}\nruns: {\"a\\tb\": [{await: A}]}\n"},
		{"NotAMapping", "- tasks\n- runs\n"},
		{"WaitForWithoutTimeout", "tasks: {A: 2s}\nruns: {R: [{wait_for: A}]}\n"},
		{"BadReturnWhen", "tasks: {A: 2s}\nruns: {R: [{wait: [A], return_when: FIRST}]}\n"},
		{"ReturnExceptionsNotBool", "tasks: {A: 2s}\nruns: {R: [{gather: [A], return_exceptions: 2s}]}\n"},
		{"OptionOfAnotherStep", "tasks: {A: 2s}\nruns: {R: [{sleep: 1s, as: x}]}\n"},
		{"TryWithoutHandler", "tasks: {A: 2s}\nruns: {R: [{try: [{await: A}]}]}\n"},
		{"UnknownException", "tasks: {A: [{raise: Boom}]}\nruns: {R: [{await: A}]}\n"},
		{"GlobalNotIdentifier", "globals: {my-count: 0}\ntasks: {A: 2s}\nruns: {R: [{await: A}]}\n"},
		{"AppendWithoutItem", "tasks: {A: 2s}\nruns: {R: [{let: {xs: []}}, {append: xs}]}\n"},
		{"NegativeSemaphore", "primitives: {sem: {semaphore: -1}}\ntasks: {A: 2s}\nruns: {R: [{await: A}]}\n"},
		{"UnknownPrimitive", "primitives: {x: barrier}\ntasks: {A: 2s}\nruns: {R: [{await: A}]}\n"},
		{"PutWithoutItem", "primitives: {q: queue}\ntasks: {A: 2s}\nruns: {R: [{put: q}]}\n"},
		{"WaitAsOneName", "tasks: {A: 2s}\nruns: {R: [{wait: [A], as: done}]}\n"},
		{"TimeoutWithoutSteps", "tasks: {A: 2s}\nruns: {R: [{timeout: 1s}]}\n"},
		{"GatherTimesZero", "tasks: {A: 2s}\nruns: {R: [{gather: [A], times: 0}]}\n"},
		{"GatherTimesHuge", "tasks: {A: 2s}\nruns: {R: [{gather: [A], times: 1000001}]}\n"},
		{"GatherTimesDuration", "tasks: {A: 2s}\nruns: {R: [{gather: [A], times: 2s}]}\n"},
		{"GatherTimesQuoted", "tasks: {A: 2s}\nruns: {R: [{gather: [A], times: \"3\"}]}\n"},
		{"GatherTimesFloat", "tasks: {A: 2s}\nruns: {R: [{gather: [A], times: 1.5}]}\n"},
		{"WaitTimes", "tasks: {A: 2s}\nruns: {R: [{wait: [A], times: 2}]}\n"},
		{"ForWithoutIn", "tasks: {A: 2s}\nruns: {R: [{for: i, steps: []}]}\n"},
		{"LetNotMapping", "tasks: {A: 2s}\nruns: {R: [{let: x}]}\n"},
		{"ExceptAndExceptStar", "tasks: {A: 2s}\nruns: {R: [{try: [{await: A}], except: {ValueError: []}, \"except*\": {TypeError: []}}]}\n"},
		{"ExecutorTwoItems", "primitives: {pool: process_pool}\ntasks: {A: 2s}\nruns: {R: [{run_in_executor: [pool, crunch]}]}\n"},
		{"ProcessPoolZero", "primitives: {pool: {process_pool: 0}}\ntasks: {A: 2s}\nruns: {R: [{await: A}]}\n"},
		{"ParamsShorthand", "tasks: {\"f(x)\": 2s}\nruns: {R: [{await: f(1)}]}\n"},
	}
	for _, tt := range invalid {
		t.Run("Invalid"+tt.name, func(t *testing.T) {
			if _, err := scenarios.Parse("x.yaml", []byte(tt.src)); err == nil {
				t.Errorf("the parser accepts it")
			}
			if err := validate(t, sch, tt.src); err == nil {
				t.Errorf("the schema accepts it")
			}
		})
	}
}
