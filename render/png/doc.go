// Package png draws a render.Figure as a PNG image with the fonts the
// layout measured its labels with, so bars and labels sit where the SVG
// puts them, and registers the png format (.png) with render.
//
// It owns the rasterizer (golang.org/x/image/vector). It knows figures and
// themes, and must not import scenarios, pytrace or another backend (its
// tests compare it with the SVG drawn by Chromium).
package png
