package main

import (
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/asyncgantt/asyncgantt/internal/outfile"
	"github.com/asyncgantt/asyncgantt/internal/safetext"
	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/schema"
)

// libraryschemaLine is the $schema comment of the built-in scenarios,
// relative to the repository; shown sources point at the published schema.
const librarySchemaLine = "# yaml-language-server: $schema=../../schema/scenario.schema.json\n"

// schemaLine is the comment that gives editors the schema.
const schemaLine = "# yaml-language-server: $schema=" + schema.URL + "\n"

const showUsage = `Usage: asyncgantt show NAME

Prints the source of the built-in scenario NAME, to read or to start a
scenario of your own: asyncgantt show async-basics > mine.yaml
`

func showCmd(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("show", showUsage, stdout)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("show: name one built-in scenario (asyncgantt list shows them)")
	}
	src, err := scenarios.BuiltinSource(fs.Arg(0))
	if err != nil {
		return &usageError{err.Error()}
	}
	if rest, ok := bytes.CutPrefix(src, []byte(librarySchemaLine)); ok {
		src = append([]byte(schemaLine), rest...)
	}
	_, err = stdout.Write(src)
	return err
}

const newUsage = `Usage: asyncgantt new FILE [flags]

Writes a starter scenario to FILE (.yaml is added when FILE has no
extension; - writes it to standard output): a few tasks and the
sequential, concurrent and blocking runs, with comments saying what each
line means in Python. It does not overwrite a file unless --force.
`

func newCmd(args []string, stdout, stderr io.Writer) error {
	var force, quiet bool
	fs := newFlags("new", newUsage, stdout)
	fs.BoolVarP(&force, "force", "f", false, "overwrite FILE if it exists")
	fs.BoolVarP(&quiet, "quiet", "q", false, "do not report the file written")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() != 1 {
		return usagef("new: name the file to write, e.g. asyncgantt new lesson.yaml")
	}
	path := fs.Arg(0)
	if path == "-" {
		_, err := io.WriteString(stdout, starterScenario("my-scenario"))
		return err
	}
	if filepath.Ext(path) == "" {
		path += ".yaml"
	}
	if fi, err := os.Stat(path); err == nil {
		if fi.IsDir() {
			return usagef("new: %s is a directory; name a file, e.g. %s", path, filepath.Join(path, "lesson.yaml"))
		}
		if !force {
			return usagef("new: %s exists; choose another name, or --force to overwrite it", path)
		}
	}
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	if err := outfile.Write(path, []byte(starterScenario(name))); err != nil {
		return err
	}
	if !quiet {
		p := safetext.Line(path)
		fmt.Fprintf(stderr, "wrote %s\nnext: asyncgantt run %s, or asyncgantt watch %s to re-render on every save\n", p, p, p)
	}
	return nil
}

// starterScenario returns the commented starter scenario for a file
// named name (without extension).
func starterScenario(name string) string {
	return schemaLine + strings.ReplaceAll(starterTemplate, "TITLE", titleFromName(name))
}

// titleFromName turns a file's base name into a title: "lesson-1" →
// "Lesson 1".
func titleFromName(name string) string {
	t := []rune(strings.Map(func(r rune) rune {
		if r == '-' || r == '_' {
			return ' '
		}
		return r
	}, name))
	if len(t) == 0 || strings.TrimSpace(string(t)) == "" {
		return "My scenario"
	}
	t[0] = unicode.ToUpper(t[0])
	return strings.Join(strings.Fields(string(t)), " ")
}

const starterTemplate = `# An asyncgantt scenario: tasks (asyncio coroutines) and runs (bodies of
# main() in asyncio.run(main())), executed on a model of asyncio's event
# loop and drawn on one time axis.
#   asyncgantt run FILE      prints what Python would print, writes figures
#   asyncgantt watch FILE    re-renders on every save
#   asyncgantt python FILE   prints the equivalent Python program
# Every step and its Python equivalent:
#   https://github.com/asyncgantt/asyncgantt/blob/main/docs/scenarios.md
title: "TITLE"
description: >
  What the figure shows, in a sentence or two: one coroutine called three
  times, awaited one call after another, then gathered, then gathered while
  blocking the loop.

# Tasks are coroutines, with their parameters:
#   async def task(name, seconds):
#       print(f"Task {name} starting...")
#       await asyncio.sleep(seconds)
#       print(f"Task {name} done after {seconds} seconds")
tasks:
  task(name, seconds):
    - print: "Task {name} starting..."
    - sleep: seconds                    # await asyncio.sleep(seconds)
    - print: "Task {name} done after {seconds} seconds"
  # A few more steps: a loop, a condition, time.sleep, a return.
  fetch(urls):
    - for: url                          # for url in urls:
      in: urls
      steps:
        - if: url == "slow"             # if url == "slow": ...
          steps: [{block: 500ms}]       # time.sleep(0.5): holds the loop
          else: [{sleep: 0.5s}]
    - return: "fetched {len(urls)} pages at {elapsed:.1f} s"

# Runs are drawn top to bottom and compared with the first.
runs:
  Sequential:
    - await: task("A", 2)               # await task('A', 2): inside main's task
    - await: task("B", 1)
    - await: task("C", 3)
    - print: "Sequential total: ~{elapsed} seconds"
  Concurrent:
    # await asyncio.gather(task('A', 2), task('B', 1), task('C', 3), fetch(...))
    - gather: task("A", 2), task("B", 1), task("C", 3), fetch(["fast", "slow"])
      as: results
    - print: "{results[-1]}; total: ~{elapsed} seconds"
  Blocking:
    sleeps: block                       # every sleep in this run is time.sleep
    steps:
      - gather: task("A", 2), task("B", 1), task("C", 3)
      - print: "Blocking total: ~{elapsed} seconds"
`

const schemaUsage = `Usage: asyncgantt schema

Prints the JSON Schema of scenario files. Editors using the YAML language
server (VS Code's YAML extension, Neovim, Helix...) complete, document and
check a scenario that starts with the line

  # yaml-language-server: $schema=scenario.schema.json

(a path relative to the scenario, or the schema's URL):
asyncgantt schema > scenario.schema.json
`

func schemaCmd(args []string, stdout, stderr io.Writer) error {
	fs := newFlags("schema", schemaUsage, stdout)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if fs.NArg() > 0 {
		return usagef("schema takes no arguments")
	}
	_, err := stdout.Write(schema.JSON)
	return err
}
