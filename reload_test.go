package main

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"html"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/scenarios"
	"github.com/asyncgantt/asyncgantt/scenarios/runner"
)

func TestReloadScript(t *testing.T) {
	got := reloadScript(`it's "x" </script>`, "0123abcd")
	for _, want := range []string{
		`var version = "0123abcd"`,
		// The file name is URL-escaped, then quoted for JavaScript so that
		// nothing in it can end the script element.
		`src = "it%27s%20%22x%22%20%3C%2Fscript%3E.reload.js"`,
		"location.reload()",
		"setInterval(poll, 1000)",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("reload script lacks %q:\n%s", want, got)
		}
	}
	if strings.Contains(got, "</script") {
		t.Errorf("reload script holds </script, which would end its element")
	}
	if got, want := string(reloadFile("lesson", "0123abcd").data), "asyncganttReload(\"0123abcd\");\n"; got != want {
		t.Errorf("version file = %q, want %q", got, want)
	}
}

func TestReloadVersion(t *testing.T) {
	mk := func(src string, o outputOptions) *job {
		s, err := scenarios.Parse("lesson.yaml", []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		tr, err := runner.Execute(context.Background(), s, runner.Options{})
		if err != nil {
			t.Fatal(err)
		}
		return &job{name: s.Name, scenario: s, trace: tr, opts: o}
	}
	o := outputOptions{formats: []string{"svg", "html"}, theme: "light", width: 1200, clock: "virtual", speed: 1}
	a := reloadVersion(mk(watchScenario("One", "await: A"), o))
	if b := reloadVersion(mk(watchScenario("One", "await: A"), o)); a != b {
		t.Errorf("the same render has versions %s and %s", a, b)
	}
	if b := reloadVersion(mk(watchScenario("Two", "await: A"), o)); a == b {
		t.Errorf("a changed scenario keeps version %s", a)
	}
	dark := o
	dark.theme = "dark"
	if b := reloadVersion(mk(watchScenario("One", "await: A"), dark)); a == b {
		t.Errorf("a changed theme keeps version %s", a)
	}
}

// TestWatchWritesReloadFile checks watch mode's side of self-reloading
// reports: the version file, the page's script and the policy that lets
// it run.
func TestWatchWritesReloadFile(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "lesson.yaml")
	src := []byte(watchScenario("One", "await: A"))
	os.WriteFile(path, src, 0o644)
	o := outputOptions{out: dir, formats: []string{"svg", "html"}, theme: "light", width: 1200, clock: "virtual", speed: 1, quiet: true}
	var stdout, stderr bytes.Buffer
	if err := watchRender(context.Background(), path, src, o, &stdout, &stderr); err != nil {
		t.Fatal(err)
	}
	js, err := os.ReadFile(filepath.Join(dir, "lesson.reload.js"))
	if err != nil {
		t.Fatalf("watch mode wrote no version file: %v", err)
	}
	page, _ := os.ReadFile(filepath.Join(dir, "lesson.html"))
	version := strings.TrimSuffix(strings.TrimPrefix(string(js), `asyncganttReload("`), "\");\n")
	if !strings.Contains(string(page), `var version = "`+version+`"`) {
		t.Errorf("the page does not embed the version %s of lesson.reload.js:\n%s", version, page)
	}
	script := reloadScript("lesson", version)
	sum := sha256.Sum256([]byte(script))
	csp := "script-src 'sha256-" + base64.StdEncoding.EncodeToString(sum[:]) + "' 'self' file:;"
	if !strings.Contains(html.UnescapeString(string(page)), csp) || !strings.Contains(string(page), "<script>"+script+"</script>") {
		t.Errorf("the page's policy does not allow its script by its hash (%s):\n%s", csp, page)
	}

	// Outside watch mode, reports carry no reload script.
	other := t.TempDir()
	o.out = other
	if err := runScenario(context.Background(), mustParse(t, path, src), o, &stdout, &stderr, &stderr); err != nil {
		t.Fatal(err)
	}
	page, _ = os.ReadFile(filepath.Join(other, "lesson.html"))
	if strings.Contains(string(page), "asyncganttReload") {
		t.Errorf("a report written outside watch mode reloads itself:\n%s", page)
	}
	if _, err := os.Stat(filepath.Join(other, "lesson.reload.js")); err == nil {
		t.Errorf("a version file was written outside watch mode")
	}
}

func mustParse(t *testing.T, file string, src []byte) *scenarios.Scenario {
	t.Helper()
	s, err := scenarios.Parse(file, src)
	if err != nil {
		t.Fatal(err)
	}
	return s
}
