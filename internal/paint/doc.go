// Package paint holds what the painting emitters, render/png and
// render/pdf, share: theme colours read as RGB, and the symbols the Go
// fonts have no glyph for (✓ ✗ ⊘ ⚠) drawn as strokes where the layout
// measured them.
//
// It knows figures' text and colours, and imports render for its
// measurements; it must not import scenarios, pytrace or any emitter.
package paint
