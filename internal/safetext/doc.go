// Package safetext is asyncgantt's one policy for the characters of text
// that leaves it: on a terminal (standard output and error, text charts),
// in a page (SVG, HTML) or in a diagram (Mermaid).
//
// Text from a scenario file or an imported trace — names, printed lines,
// results, error messages that quote them, file names — may hold
// characters that do something other than show themselves: C0 and C1
// control characters and DEL (a terminal runs ESC sequences: OSC 52 writes
// the clipboard, others clear the screen or retitle the window; a carriage
// return overwrites what a line said), the bidirectional formatting
// characters (U+202E RIGHT-TO-LEFT OVERRIDE makes the "sdnoces 01"
// written after it read "10 seconds": the "trojan source" attack), line
// and paragraph separators, and bytes that are not UTF-8. Every such character becomes a
// visible escape, written as Python writes it in a string literal
// ("\x1b", "\u202e"; an invalid byte "\xff"), so that no
// text can act on a terminal or read as something else, and what was
// there can still be read. Every other character, in any script, is kept:
// right-to-left letters show as they should, and the joiners that emoji
// and many scripts need are not escaped.
//
// Line escapes everything it covers, tabs and newlines included, for text
// that must stay on one line (a label, a table cell); Text keeps tabs and
// newlines, for messages and listings; Writer applies Text to a stream,
// for standard error. Escaping is idempotent: an escaped text is plain
// ASCII where it was escaped, and escaping it again changes nothing.
//
// Right-to-left text stays, and is kept from moving what is around it:
// Isolate encloses a part of the input that holds right-to-left letters
// or Arabic digits in FSI and PDI (the input's own isolates being
// escaped), so that "2.0 s" set after "שלום" stays after it; Mixed
// escapes a text composed of such parts and asyncgantt's words, keeping
// those isolates; Parts splits it for an emitter that isolates with
// markup (SVG's tspans), and Strip drops the marks for one that draws
// text in the order written (PNG, PDF). Terminals get no isolates.
//
// The package knows characters only: it imports none of the module's
// packages and may be imported by any of them but trace (whose model
// keeps text exactly as it was recorded).
package safetext
