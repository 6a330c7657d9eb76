// Package pdf writes a render.Figure as a one-page vector PDF with the Go
// fonts embedded, and registers the pdf format (.pdf) with render.
//
// It is the only package that imports fpdf. It knows figures and themes,
// and must not import scenarios, pytrace or another backend.
package pdf
