package render

import (
	"fmt"
	"slices"
	"strings"
)

// Theme gives every class of item its look. Colours are CSS hex colours.
type Theme struct {
	// Name is the theme's name, e.g. "light".
	Name string
	// Background fills the whole figure.
	Background string
	// Styles maps a class to its look.
	Styles map[string]Style
}

// Style is the look of one class.
type Style struct {
	// Fill and Stroke are colours; "" means none.
	Fill, Stroke string
	// StrokeWidth is in pixels.
	StrokeWidth float64
	// Dash is an SVG dash array, e.g. "4 3"; "" for solid.
	Dash string
	// Pattern overlays a fill pattern: "", "hatch" (diagonal lines),
	// "dots" or "cross"; PatternColor is its ink.
	Pattern, PatternColor string
	// Opacity is 0..1; zero means 1.
	Opacity float64
	// Halo draws a text's stroke under its fill, as an outline that keeps
	// it legible over patterns.
	Halo bool
}

// Class names used by the layout.
const (
	ClassTitle      = "title"
	ClassSubtitle   = "subtitle"
	ClassPanelTitle = "panel-title"
	ClassPanelNote  = "panel-note"
	ClassLabel      = "label"
	ClassLoopLabel  = "loop-label"
	ClassTick       = "tick"
	ClassGrid       = "grid"
	ClassAxis       = "axis"
	ClassBand       = "band"
	ClassLife       = "life"
	ClassTotal      = "total"
	ClassTotalText  = "total-text"
	ClassPrint      = "print"
	ClassBarText    = "bar-text"
	// ClassBarTextDark is text on a dark bar.
	ClassBarTextDark = "bar-text-dark"
	ClassLegend      = "legend"
	ClassOK          = "outcome-ok"
	ClassError       = "outcome-error"
	ClassCancelled   = "outcome-cancelled"
	ClassTiny        = "tiny"
)

// BarClass returns the class of a bar drawn for a state name, e.g.
// "bar-waiting".
func BarClass(state string) string { return "bar-" + state }

// Okabe–Ito colours, safe for the common forms of colour blindness.
const (
	okBlue      = "#0072B2"
	okSky       = "#56B4E9"
	okOrange    = "#E69F00"
	okVermilion = "#D55E00"
	okGreen     = "#009E73"
	okPurple    = "#CC79A7"
)

var themes = map[string]*Theme{
	"light": {
		Name:       "light",
		Background: "#ffffff",
		Styles: map[string]Style{
			ClassTitle:          {Fill: "#1a1a1a"},
			ClassSubtitle:       {Fill: "#4a4a4a"},
			ClassPanelTitle:     {Fill: "#1a1a1a"},
			ClassPanelNote:      {Fill: "#555555"},
			ClassLabel:          {Fill: "#222222"},
			ClassLoopLabel:      {Fill: "#555555"},
			ClassTick:           {Fill: "#555555"},
			ClassGrid:           {Stroke: "#e3e3e3", StrokeWidth: 1},
			ClassAxis:           {Stroke: "#888888", StrokeWidth: 1},
			ClassBand:           {Fill: "#f6f7f9"},
			ClassLife:           {Stroke: "#9a9a9a", StrokeWidth: 1},
			ClassTotal:          {Stroke: "#1a1a1a", StrokeWidth: 1.5, Dash: "5 3"},
			ClassTotalText:      {Fill: "#1a1a1a"},
			ClassPrint:          {Fill: "#1a1a1a", Stroke: "#ffffff", StrokeWidth: 1},
			ClassBarText:        {Fill: "#1a1a1a", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassBarTextDark:    {Fill: "#ffffff"},
			ClassLegend:         {Fill: "#333333"},
			ClassOK:             {Fill: "#00704f"},
			ClassError:          {Fill: "#b34400"},
			ClassCancelled:      {Fill: "#6b6b6b"},
			ClassTiny:           {Stroke: "#1a1a1a", StrokeWidth: 0.75},
			BarClass("running"): {Fill: okBlue, Stroke: "#005080", StrokeWidth: 1},
			BarClass("waiting"): {Fill: "#d5ebf8", Stroke: okSky, StrokeWidth: 1},
			BarClass("ready"):   {Fill: "#fbe3b0", Stroke: okOrange, StrokeWidth: 1, Pattern: "dots", PatternColor: "#b07800"},
			BarClass("blocked"): {Fill: "#f6c9a8", Stroke: okVermilion, StrokeWidth: 1, Pattern: "hatch", PatternColor: okVermilion},
			BarClass("created"): {Fill: "#eeeeee", Stroke: "#aaaaaa", StrokeWidth: 1, Dash: "2 2"},
			BarClass("busy"):    {Fill: "#5a5a5a", Stroke: "#3a3a3a", StrokeWidth: 1},
			BarClass("idle"):    {Fill: "#efefef", Stroke: "#c8c8c8", StrokeWidth: 1, Pattern: "cross", PatternColor: "#d0d0d0"},
		},
	},
}

// ThemeNames returns the names of the available themes, sorted.
func ThemeNames() []string {
	names := make([]string, 0, len(themes))
	for n := range themes {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// LookupTheme returns the theme called name.
func LookupTheme(name string) (*Theme, error) {
	if t, ok := themes[name]; ok {
		return t, nil
	}
	return nil, fmt.Errorf("unknown theme %q: choose one of %s", name, strings.Join(ThemeNames(), ", "))
}
