// Package printable makes text safe to print where control characters
// act instead of showing: a terminal (an ESC starts a sequence that can
// clear the screen, set the window's title or the clipboard) and the
// pages and figures asyncgantt writes. It escapes the C0 and C1 control
// characters, DEL and invalid UTF-8 as Go writes them in a quoted string
// (\x1b, \u009b), so that they show as text.
//
// It is the interim home of the policy for file names (issue 17, item 9:
// raw ESC from file names reached standard error and the HTML report);
// the policy for all text leaving asyncgantt (bidi controls included)
// belongs with it.
//
// It imports the standard library only.
package printable
