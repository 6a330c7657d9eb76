// Package svg writes a render.Figure as a standalone SVG document, static
// or animated with SMIL, and registers the svg format (.svg) with render.
//
// It is the only package that imports svgo. Every attribute value it
// writes goes through one escaping helper, Attr; svgo escapes text
// content. It knows figures and themes, and must not import scenarios,
// pytrace or another backend.
package svg
