package main

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"strings"
)

// Watch mode's self-reloading HTML reports.
//
// A page opened from disk (file://) may not fetch() its neighbours, but it
// may load a <script> from them. So watch mode writes, next to NAME.html,
// a tiny script NAME.reload.js that calls asyncganttReload("VERSION"), and
// the page, written in watch mode only, carries reloadScript: it knows its
// own VERSION, loads NAME.reload.js anew every second, and reloads itself
// (keeping its scroll position) when the version announced differs. The
// version is a hash of what was rendered, so an unchanged render does not
// reload the page, and a page from an earlier watch session reloads only if
// the figure changed since.

// reloadSuffix ends the name of the version file beside NAME.html.
const reloadSuffix = ".reload.js"

// reloadFileName returns the version file's base name for the job name.
func reloadFileName(name string) string { return name + reloadSuffix }

// reloadVersion returns the version of a job's render: a hash of the
// scenario's source, the output options and the recorded trace, which
// together decide every file written.
func reloadVersion(j *job) string {
	h := sha256.New()
	if j.scenario != nil {
		h.Write(j.scenario.Source)
	}
	o := j.opts
	fmt.Fprintf(h, "\x00%q %q %v %v %q %v\x00", o.formats, o.theme, o.width, o.height, o.clock, o.speed)
	if data, err := json.Marshal(j.trace); err == nil {
		h.Write(data)
	}
	return hex.EncodeToString(h.Sum(nil))[:16]
}

// reloadFile returns the version file for the job: its base name, and a
// script announcing version.
func reloadFile(name, version string) outFile {
	return outFile{name: reloadFileName(name), data: []byte("asyncganttReload(" + jsString(version) + ");\n")}
}

// reloadScript returns the script a watch-mode HTML report runs (at the
// end of its <body>) so that it reloads itself when the version file of
// the job name announces another version than its own. Reports written
// outside watch mode carry no such script.
func reloadScript(name, version string) string {
	src := url.PathEscape(reloadFileName(name))
	return strings.NewReplacer("VERSION", jsString(version), "SRC", jsString(src)).Replace(reloadScriptTemplate)
}

// reloadScriptSources are where the reload script loads the version file
// from, as a report's Content-Security-Policy allows it: the page's own
// directory, which for a page opened from disk is a file: URL.
var reloadScriptSources = []string{"'self'", "file:"}

const reloadScriptTemplate = `
/* asyncgantt watch: reload this page when the scenario is saved again. */
(function () {
  var version = VERSION, src = SRC, key = "asyncgantt-scroll:" + location.pathname;
  try {
    var y = sessionStorage.getItem(key);
    if (y !== null) { sessionStorage.removeItem(key); window.scrollTo(0, +y); }
  } catch (e) {}
  window.asyncganttReload = function (v) {
    if (v === version) return;
    try { sessionStorage.setItem(key, String(window.scrollY)); } catch (e) {}
    location.reload();
  };
  function poll() {
    var s = document.createElement("script");
    s.src = src + "?" + Date.now();
    s.onload = s.onerror = function () { s.remove(); };
    document.head.appendChild(s);
  }
  setInterval(poll, 1000);
})();
`

// jsString returns s as a JavaScript string literal safe inside an HTML
// <script> element: encoding/json escapes <, > and & as \u003c and so on.
func jsString(s string) string {
	b, _ := json.Marshal(s) // a string always marshals
	return string(b)
}
