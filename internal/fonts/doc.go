// Package fonts holds the Go fonts that figures are measured and drawn
// with: embedded, so a label measures the same on every machine, and
// parsed once for every package that needs them (render measures labels,
// render/png draws them).
//
// It knows fonts only, and imports none of the module's packages.
package fonts
