package main

import (
	"bytes"
	"context"
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

type bidiFacts struct {
	Bad     []string `json:"bad"`
	Checked int      `json:"checked"`
}

func checkBidi(t *testing.T, bctx context.Context, path string, wantBad bool) {
	t.Helper()
	ctx, _ := openPage(t, bctx, path, desktopLight)
	f, err := chromedp.Run(ctx, chromedp.Evaluate[bidiFacts](bidiJS))
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	if f.Checked < 3 {
		t.Fatalf("%s: only %d texts checked", path, f.Checked)
	}
	if wantBad {
		if len(f.Bad) == 0 {
			t.Errorf("%s: the check finds no reversed text in a page made to have some", path)
		}
		return
	}
	for _, b := range f.Bad {
		t.Errorf("%s: %s", filepath.Base(path), b)
	}
	t.Logf("%s: %d texts read in order", filepath.Base(path), f.Checked)
}

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
	tr.Runs[0].Lanes[2].Name = "שלום"
	tr.Runs[0].Logs[1].Text = "מספר 10 ו-20 done"
	tr.Runs[1].Name = "عربي 3"
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
			checkBidi(t, bctx, path, false)
		}
	}
	// The control: the attacks as they are.
	var raw strings.Builder
	raw.WriteString("<!DOCTYPE html><meta charset=utf-8><body>")
	for _, a := range attacks {
		raw.WriteString("<p>" + strings.NewReplacer("<", "&lt;", "&", "&amp;").Replace(a) + "</p>")
	}
	path := filepath.Join(dir, "raw.html")
	os.WriteFile(path, []byte(raw.String()), 0o644)
	checkBidi(t, bctx, path, true)
}
