package main

import (
	"bytes"
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/asyncgantt/asyncgantt/render"
	"github.com/asyncgantt/asyncgantt/trace"
)

// bidiJS looks at every text the page shows, in HTML and in inline or
// standalone SVG, character by character, where Chromium drew it. A text
// with no right-to-left letter must read left to right: each character
// drawn right of the one before it on its line. In a text with
// right-to-left letters (which rightly run right to left), each word of
// Latin letters and digits must still read left to right. It returns the
// texts that break this, and how many it checked.
const bidiJS = `(() => {
  const rtl = /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]|\ud802[\udc00-\udfff]|\ud83a[\udc00-\udfff]/;
  const word = /[A-Za-z0-9]/;
  const bad = [];
  let checked = 0;
  const roots = [document.body || document.documentElement];
  for (const root of roots) {
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n; (n = walker.nextNode()); ) {
      const s = n.data;
      const el = n.parentElement;
      if (!s.trim() || !el || el.closest("style, script, title, desc")) continue;
      const boxes = [];
      for (let i = 0; i < s.length; i++) {
        const c = s.charCodeAt(i);
        const len = c >= 0xd800 && c < 0xdc00 ? 2 : 1;
        const r = document.createRange();
        r.setStart(n, i);
        r.setEnd(n, Math.min(s.length, i + len));
        const b = r.getBoundingClientRect();
        if (b.width > 0.1) boxes.push({i, ch: s.slice(i, i + len), x: b.left + b.width / 2, y: b.top + b.height / 2, h: b.height});
        i += len - 1;
      }
      if (boxes.length < 2) continue;
      checked++;
      const hasRTL = rtl.test(s);
      for (let k = 1; k < boxes.length; k++) {
        const a = boxes[k - 1], b = boxes[k];
        if (Math.abs(a.y - b.y) > a.h / 2) continue; // the next line
        if (hasRTL && !(b.i === a.i + a.ch.length && word.test(a.ch) && word.test(b.ch))) continue;
        if (b.x < a.x - 0.5) {
          bad.push(JSON.stringify(s) + ": " + JSON.stringify(a.ch) + " then " + JSON.stringify(b.ch) + " drawn right to left");
          break;
        }
      }
    }
  }
  return {bad, checked};
})()`

// isolationJS (a function of the probes: texts of the input with
// right-to-left letters) finds each probe in every text the page shows,
// a line of SVG <text> or an HTML block, and checks that it keeps its
// place among the words around it: whatever of the text comes before it
// is drawn left of it, whatever comes after it right of it, on its line.
// Without isolation, the "2.0 s" of "שלום 2.0 s" is drawn left of the
// name. It returns the texts that break this, and how many probes it
// found.
const isolationJS = `((probes) => {
  const bad = [];
  let found = 0;
  const containerOf = (n) => {
    for (let el = n.parentElement; el; el = el.parentElement) {
      if (el instanceof SVGElement) {
        if (el.tagName === "text") return el;
        continue;
      }
      const d = getComputedStyle(el).display;
      if (d !== "inline" && d !== "contents") return el;
    }
    return null;
  };
  const groups = new Map();
  const walker = document.createTreeWalker(document.body || document.documentElement, NodeFilter.SHOW_TEXT);
  for (let n; (n = walker.nextNode()); ) {
    if (!n.parentElement || n.parentElement.closest("style, script, title, desc")) continue;
    const c = containerOf(n);
    if (!c) continue;
    if (!groups.has(c)) groups.set(c, []);
    groups.get(c).push(n);
  }
  const box = (n, i) => {
    const r = document.createRange();
    r.setStart(n, i);
    r.setEnd(n, i + 1);
    return r.getBoundingClientRect();
  };
  for (const [c, nodes] of groups) {
    let full = "";
    const at = [];
    for (const n of nodes) {
      for (let i = 0; i < n.data.length; i++) at.push([n, i]);
      full += n.data;
    }
    for (const p of probes) {
      for (let k = full.indexOf(p); k >= 0; k = full.indexOf(p, k + p.length)) {
        found++;
        let lo = Infinity, hi = -Infinity, y = 0, h = 0;
        for (let i = k; i < k + p.length; i++) {
          const b = box(...at[i]);
          if (b.width < 0.1) continue;
          lo = Math.min(lo, b.left); hi = Math.max(hi, b.right);
          y = b.top + b.height / 2; h = b.height;
        }
        const check = (i, before) => {
          const b = box(...at[i]);
          if (b.width < 0.1 || !full[i].trim() || Math.abs(b.top + b.height / 2 - y) > h / 2) return true;
          return before ? b.right <= lo + 0.5 : b.left >= hi - 0.5;
        };
        for (let i = 0; i < full.length; i++) {
          if (i >= k && i < k + p.length) continue;
          if (!check(i, i < k)) {
            bad.push(JSON.stringify(full) + ": " + JSON.stringify(full[i]) + " is drawn " + (i < k ? "after" : "before") + " " + JSON.stringify(p));
            break;
          }
        }
      }
    }
  }
  return {bad, checked: found};
})`

type bidiFacts struct {
	Bad     []string `json:"bad"`
	Checked int      `json:"checked"`
}

// checkBidi runs bidiJS, then isolationJS with the probes, on the page
// at path: no text may break either, or, with wantBad, some must.
func checkBidi(t *testing.T, bctx context.Context, path string, probes []string, wantBad bool) {
	t.Helper()
	ctx, _ := openPage(t, bctx, path, desktopLight)
	js, err := json.Marshal(probes)
	if err != nil {
		t.Fatal(err)
	}
	for _, c := range []struct{ what, js string }{{"texts", bidiJS}, {"probes", isolationJS + "(" + string(js) + ")"}} {
		f, err := chromedp.Run(ctx, chromedp.Evaluate[bidiFacts](c.js))
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if f.Checked < 3 {
			t.Fatalf("%s: only %d %s checked", path, f.Checked, c.what)
		}
		if wantBad {
			if len(f.Bad) == 0 {
				t.Errorf("%s: the check of %s finds no reordered text in a page made to have some", path, c.what)
			}
			continue
		}
		for _, b := range f.Bad {
			t.Errorf("%s: %s", filepath.Base(path), b)
		}
		t.Logf("%s: %d %s read in order", filepath.Base(path), f.Checked, c.what)
	}
}

// rtlProbes are the texts in right-to-left scripts that TestBrowserBidi
// gives a trace: names, a baseline, a printed line, an outcome, an error
// and a bar's detail, each with a number, set beside asyncgantt's words
// and numbers.
var rtlProbes = []string{"שלום", "עברית 1", "عربي 3", "מספר 10 ו-20 done", "שגיאה 5", "כשל 9", "המתנה 2"}

// TestBrowserBidi opens, in Chromium, the report and the SVG figure of a
// trace with an attack in every text (testdata of textpolicy_test.go:
// overrides, embeddings, isolates and marks that would make "sdnoces 01"
// read "10 seconds" or swap numbers), and with names and lines in Hebrew
// and Arabic beside ours: no text reads in an order it was not written
// in. A page written without the policy, with the attacks as they are,
// shows that the check sees a reversal when there is one.
func TestBrowserBidi(t *testing.T) {
	bctx := startBrowser(t)
	dir := t.TempDir()
	tr := hostile()
	tr.Runs[0].Name = "עברית 1"
	tr.Runs[0].Lanes[2].Name = "שלום"
	tr.Runs[0].Logs[1].Text = "מספר 10 ו-20 done"
	tr.Runs[0].Lanes[3].Outcome.Value = "שגיאה 5"
	tr.Runs[0].Lanes[3].Outcome.CaughtBy = 3 // the lane "שלום"
	tr.Runs[0].Lanes[3].Intervals[1].Detail = "המתנה 2"
	tr.Runs[1].Name = "عربي 3"
	tr.Runs[1].Error = "כשל 9"
	tr.Runs = append(tr.Runs, &trace.Run{Name: "after 10 seconds", Total: tr.Runs[1].Total, Lanes: tr.Runs[1].Lanes, Logs: tr.Runs[1].Logs})
	for _, format := range []string{"html", "svg"} {
		f, _ := render.LookupFormat(format)
		for _, opts := range []render.Options{{}, {Transcript: true}} {
			var b bytes.Buffer
			d := &render.Document{Trace: tr, Options: opts, Source: strings.Join(attacks, "\n"), SourceName: "x\u202e.yaml", Python: strings.Join(attacks, "\n")}
			if err := f.Encode(&b, d); err != nil {
				t.Fatal(err)
			}
			path := filepath.Join(dir, format+map[bool]string{true: "-transcript", false: ""}[opts.Transcript]+"."+format)
			if err := os.WriteFile(path, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			checkBidi(t, bctx, path, rtlProbes, false)
		}
	}
	// The control: the attacks as they are.
	var raw strings.Builder
	raw.WriteString("<!DOCTYPE html><meta charset=utf-8><body>")
	for _, a := range attacks {
		raw.WriteString("<p>" + strings.NewReplacer("<", "&lt;", "&", "&amp;").Replace(a) + "</p>")
	}
	// And names beside numbers, not isolated: "2.0 s" drawn before "שלום".
	raw.WriteString("<p>שלום 2.0 s</p><p>abc 1.5× faster than עברית 1 and 2.0 s</p><svg><text x=10 y=20>عربي 3 2.0 s</text></svg>")
	path := filepath.Join(dir, "raw.html")
	os.WriteFile(path, []byte(raw.String()), 0o644)
	checkBidi(t, bctx, path, rtlProbes, true)
}
