package render

import (
	"fmt"
	"maps"
	"slices"
	"strconv"
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
	// ClassThreadLabel labels a worker-thread lane.
	ClassThreadLabel = "thread-label"
	ClassTick        = "tick"
	ClassGrid        = "grid"
	ClassAxis        = "axis"
	ClassBand        = "band"
	// ClassSeparator is the rule between the event-loop lane and the
	// task lanes below it.
	ClassSeparator = "separator"
	ClassLife      = "life"
	ClassTotal     = "total"
	ClassTotalText = "total-text"
	ClassPrint     = "print"
	ClassBarText   = "bar-text"
	// ClassBarTextDark is text on a solid bar (running, loop busy), whose
	// colour contrasts with that bar in every theme.
	ClassBarTextDark = "bar-text-dark"
	ClassLegend      = "legend"
	ClassOK          = "outcome-ok"
	ClassError       = "outcome-error"
	ClassCancelled   = "outcome-cancelled"
	// ClassCaught is an exception a try/except caught ("✗ ValueError:
	// boom · caught by safe"); ClassNeverAwaited a coroutine's "never
	// awaited" label, and ClassNeverMark its marker, where the coroutine
	// object was created.
	ClassCaught       = "outcome-caught"
	ClassNeverAwaited = "never-awaited"
	ClassNeverMark    = "never-mark"
	ClassTiny         = "tiny"
	// ClassWarning is a run's warning note in its header.
	ClassWarning = "warning"
	// ClassSpeedFaster, ClassSpeedSame and ClassSpeedSlower are the
	// badges holding a run's speed-up against the baseline run,
	// ClassSpeedNone the badge of a run not compared because it did not
	// end normally ("failed at 1.0 s"); ClassSpeedText is the text inside
	// them.
	ClassSpeedFaster = "speedup-faster"
	ClassSpeedSame   = "speedup-same"
	ClassSpeedSlower = "speedup-slower"
	ClassSpeedNone   = "speedup-none"
	ClassSpeedText   = "speedup-text"
	// ClassTranscript is a printed line in the transcript panel,
	// ClassTranscriptErr one written to stderr, ClassTranscriptTime the
	// time it was printed at, and ClassTranscriptRule the rule left of
	// the panel.
	ClassTranscript     = "transcript"
	ClassTranscriptErr  = "transcript-err"
	ClassTranscriptTime = "transcript-time"
	ClassTranscriptRule = "transcript-rule"
	// ClassCursor is the animated cursor sweeping the time axis.
	ClassCursor = "cursor"
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

// The states are told apart three ways, so that colour is never the only
// cue: running and loop-busy bars are solid and dark (light in the dark
// theme), waiting bars pale and plain, ready bars dotted, blocked bars
// hatched, created bars dashed outlines and loop-idle bars thin and
// cross-ruled.
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
			ClassThreadLabel:    {Fill: "#6a3d5a"},
			ClassTick:           {Fill: "#555555"},
			ClassGrid:           {Stroke: "#e3e3e3", StrokeWidth: 1},
			ClassAxis:           {Stroke: "#888888", StrokeWidth: 1},
			ClassBand:           {Fill: "#f6f7f9"},
			ClassSeparator:      {Stroke: "#c9ccd2", StrokeWidth: 1},
			ClassLife:           {Stroke: "#9a9a9a", StrokeWidth: 1},
			ClassTotal:          {Stroke: "#1a1a1a", StrokeWidth: 1.5, Dash: "5 3"},
			ClassTotalText:      {Fill: "#1a1a1a"},
			ClassPrint:          {Fill: "#1a1a1a", Stroke: "#ffffff", StrokeWidth: 1},
			ClassBarText:        {Fill: "#1a1a1a", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassBarTextDark:    {Fill: "#ffffff"},
			ClassLegend:         {Fill: "#333333"},
			ClassOK:             {Fill: "#00704f", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassError:          {Fill: "#b34400", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassCaught:         {Fill: "#8f4a1c", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassNeverAwaited:   {Fill: "#8a5a00", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassNeverMark:      {Fill: "#ffffff", Stroke: "#8a5a00", StrokeWidth: 1.5, Dash: "2 1.5"},
			ClassCancelled:      {Fill: "#6b6b6b", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassTiny:           {Stroke: "#1a1a1a", StrokeWidth: 0.75},
			ClassWarning:        {Fill: "#8a5a00"},
			ClassSpeedFaster:    {Fill: "#e3f4ee", Stroke: okGreen, StrokeWidth: 1.5},
			ClassSpeedSame:      {Fill: "#f0f0f0", Stroke: "#8a8a8a", StrokeWidth: 1.5},
			ClassSpeedNone:      {Fill: "#ffffff", Stroke: "#8a8a8a", StrokeWidth: 1.5, Dash: "4 3"},
			ClassSpeedSlower:    {Fill: "#fbe6da", Stroke: okVermilion, StrokeWidth: 1.5},
			ClassSpeedText:      {Fill: "#1a1a1a"},
			ClassTranscript:     {Fill: "#222222"},
			ClassTranscriptErr:  {Fill: "#b34400"},
			ClassTranscriptTime: {Fill: "#777777"},
			ClassTranscriptRule: {Stroke: "#dddddd", StrokeWidth: 1},
			ClassCursor:         {Stroke: okVermilion, StrokeWidth: 2},
			BarClass("running"): {Fill: okBlue, Stroke: "#005080", StrokeWidth: 1},
			BarClass("waiting"): {Fill: "#d5ebf8", Stroke: okSky, StrokeWidth: 1},
			BarClass("ready"):   {Fill: "#fbe3b0", Stroke: okOrange, StrokeWidth: 1, Pattern: "dots", PatternColor: "#b07800"},
			BarClass("blocked"): {Fill: "#f6c9a8", Stroke: okVermilion, StrokeWidth: 1, Pattern: "hatch", PatternColor: okVermilion},
			BarClass("created"): {Fill: "#f4f4f4", Stroke: "#8a8a8a", StrokeWidth: 1, Dash: "3 2"},
			BarClass("busy"):    {Fill: "#5a5a5a", Stroke: "#3a3a3a", StrokeWidth: 1},
			BarClass("idle"):    {Fill: "#efefef", Stroke: "#c8c8c8", StrokeWidth: 1, Pattern: "cross", PatternColor: "#d0d0d0"},
		},
	},
	"dark": {
		Name:       "dark",
		Background: "#16181d",
		Styles: map[string]Style{
			ClassTitle:          {Fill: "#f2f2f2"},
			ClassSubtitle:       {Fill: "#c4c7cc"},
			ClassPanelTitle:     {Fill: "#f2f2f2"},
			ClassPanelNote:      {Fill: "#b4b8bf"},
			ClassLabel:          {Fill: "#eeeeee"},
			ClassLoopLabel:      {Fill: "#b4b8bf"},
			ClassThreadLabel:    {Fill: "#e7a8cb"},
			ClassTick:           {Fill: "#b4b8bf"},
			ClassGrid:           {Stroke: "#2c3038", StrokeWidth: 1},
			ClassAxis:           {Stroke: "#80858e", StrokeWidth: 1},
			ClassBand:           {Fill: "#1d2027"},
			ClassSeparator:      {Stroke: "#3a3f49", StrokeWidth: 1},
			ClassLife:           {Stroke: "#6d727b", StrokeWidth: 1},
			ClassTotal:          {Stroke: "#f2f2f2", StrokeWidth: 1.5, Dash: "5 3"},
			ClassTotalText:      {Fill: "#f2f2f2"},
			ClassPrint:          {Fill: "#f2f2f2", Stroke: "#16181d", StrokeWidth: 1},
			ClassBarText:        {Fill: "#f2f2f2", Stroke: "#16181d", StrokeWidth: 3, Halo: true},
			ClassBarTextDark:    {Fill: "#0c0d10"},
			ClassLegend:         {Fill: "#d4d7dc"},
			ClassOK:             {Fill: "#3fd0a4", Stroke: "#16181d", StrokeWidth: 3, Halo: true},
			ClassError:          {Fill: "#ff8a4c", Stroke: "#16181d", StrokeWidth: 3, Halo: true},
			ClassCaught:         {Fill: "#e0a27a", Stroke: "#16181d", StrokeWidth: 3, Halo: true},
			ClassNeverAwaited:   {Fill: "#f0c04a", Stroke: "#16181d", StrokeWidth: 3, Halo: true},
			ClassNeverMark:      {Fill: "#16181d", Stroke: "#f0c04a", StrokeWidth: 1.5, Dash: "2 1.5"},
			ClassCancelled:      {Fill: "#a0a4ab", Stroke: "#16181d", StrokeWidth: 3, Halo: true},
			ClassTiny:           {Stroke: "#f2f2f2", StrokeWidth: 0.75},
			ClassWarning:        {Fill: "#f0c04a"},
			ClassSpeedFaster:    {Fill: "#123a2f", Stroke: "#3fd0a4", StrokeWidth: 1.5},
			ClassSpeedSame:      {Fill: "#2a2d33", Stroke: "#8d929a", StrokeWidth: 1.5},
			ClassSpeedNone:      {Fill: "#1b1d21", Stroke: "#8d929a", StrokeWidth: 1.5, Dash: "4 3"},
			ClassSpeedSlower:    {Fill: "#42220f", Stroke: "#ff8a4c", StrokeWidth: 1.5},
			ClassSpeedText:      {Fill: "#f2f2f2"},
			ClassTranscript:     {Fill: "#e4e6ea"},
			ClassTranscriptErr:  {Fill: "#ff8a4c"},
			ClassTranscriptTime: {Fill: "#8d929a"},
			ClassTranscriptRule: {Stroke: "#3a3f49", StrokeWidth: 1},
			ClassCursor:         {Stroke: "#ff8a4c", StrokeWidth: 2},
			BarClass("running"): {Fill: okSky, Stroke: "#9fd6f5", StrokeWidth: 1},
			BarClass("waiting"): {Fill: "#16344a", Stroke: "#3d8fc4", StrokeWidth: 1},
			BarClass("ready"):   {Fill: "#4a3a12", Stroke: okOrange, StrokeWidth: 1, Pattern: "dots", PatternColor: "#f0b429"},
			BarClass("blocked"): {Fill: "#4f2410", Stroke: "#ff7a33", StrokeWidth: 1, Pattern: "hatch", PatternColor: "#ff7a33"},
			BarClass("created"): {Fill: "#22252b", Stroke: "#8d929a", StrokeWidth: 1, Dash: "3 2"},
			BarClass("busy"):    {Fill: "#c9ccd2", Stroke: "#e6e8eb", StrokeWidth: 1},
			BarClass("idle"):    {Fill: "#262a31", Stroke: "#3e434c", StrokeWidth: 1, Pattern: "cross", PatternColor: "#444952"},
		},
	},
	// print is for paper and greyscale projectors: no hue at all, so the
	// states differ by lightness, pattern and outline alone.
	"print": {
		Name:       "print",
		Background: "#ffffff",
		Styles: map[string]Style{
			ClassTitle:          {Fill: "#000000"},
			ClassSubtitle:       {Fill: "#333333"},
			ClassPanelTitle:     {Fill: "#000000"},
			ClassPanelNote:      {Fill: "#333333"},
			ClassLabel:          {Fill: "#000000"},
			ClassLoopLabel:      {Fill: "#333333"},
			ClassThreadLabel:    {Fill: "#333333"},
			ClassTick:           {Fill: "#333333"},
			ClassGrid:           {Stroke: "#d9d9d9", StrokeWidth: 0.75},
			ClassAxis:           {Stroke: "#000000", StrokeWidth: 1},
			ClassBand:           {Fill: "#f7f7f7"},
			ClassSeparator:      {Stroke: "#999999", StrokeWidth: 1},
			ClassLife:           {Stroke: "#777777", StrokeWidth: 1},
			ClassTotal:          {Stroke: "#000000", StrokeWidth: 1.5, Dash: "5 3"},
			ClassTotalText:      {Fill: "#000000"},
			ClassPrint:          {Fill: "#000000", Stroke: "#ffffff", StrokeWidth: 1},
			ClassBarText:        {Fill: "#000000", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassBarTextDark:    {Fill: "#ffffff"},
			ClassLegend:         {Fill: "#000000"},
			ClassOK:             {Fill: "#000000", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassError:          {Fill: "#000000", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassCaught:         {Fill: "#333333", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassNeverAwaited:   {Fill: "#000000", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassNeverMark:      {Fill: "#ffffff", Stroke: "#000000", StrokeWidth: 1.5, Dash: "2 1.5"},
			ClassCancelled:      {Fill: "#555555", Stroke: "#ffffff", StrokeWidth: 3, Halo: true},
			ClassTiny:           {Stroke: "#000000", StrokeWidth: 0.75},
			ClassWarning:        {Fill: "#000000"},
			ClassSpeedFaster:    {Fill: "#ffffff", Stroke: "#000000", StrokeWidth: 2},
			ClassSpeedSame:      {Fill: "#ffffff", Stroke: "#777777", StrokeWidth: 1.5, Dash: "4 2"},
			ClassSpeedNone:      {Fill: "#ffffff", Stroke: "#777777", StrokeWidth: 1, Dash: "2 2"},
			ClassSpeedSlower:    {Fill: "#e6e6e6", Stroke: "#000000", StrokeWidth: 1.5},
			ClassSpeedText:      {Fill: "#000000"},
			ClassTranscript:     {Fill: "#000000"},
			ClassTranscriptErr:  {Fill: "#000000"},
			ClassTranscriptTime: {Fill: "#555555"},
			ClassTranscriptRule: {Stroke: "#bbbbbb", StrokeWidth: 1},
			ClassCursor:         {Stroke: "#000000", StrokeWidth: 2},
			BarClass("running"): {Fill: "#262626", Stroke: "#000000", StrokeWidth: 1},
			BarClass("waiting"): {Fill: "#ffffff", Stroke: "#4d4d4d", StrokeWidth: 1.25},
			BarClass("ready"):   {Fill: "#e8e8e8", Stroke: "#4d4d4d", StrokeWidth: 1, Pattern: "dots", PatternColor: "#333333"},
			BarClass("blocked"): {Fill: "#bdbdbd", Stroke: "#000000", StrokeWidth: 1, Pattern: "hatch", PatternColor: "#000000"},
			BarClass("created"): {Fill: "#ffffff", Stroke: "#666666", StrokeWidth: 1, Dash: "3 2"},
			BarClass("busy"):    {Fill: "#595959", Stroke: "#000000", StrokeWidth: 1},
			BarClass("idle"):    {Fill: "#ffffff", Stroke: "#999999", StrokeWidth: 1, Pattern: "cross", PatternColor: "#aaaaaa"},
		},
	},
}

// Clone returns a deep copy of the theme.
func (t *Theme) Clone() *Theme {
	c := *t
	c.Styles = maps.Clone(t.Styles)
	return &c
}

// Validate reports whether the theme can be written into every format: its
// class names are CSS identifiers (letters, digits, "-" and "_", not
// starting with a digit or "-"), its colours CSS hex colours (#rgb or
// #rrggbb), its dash arrays lists of non-negative numbers, its patterns
// known, its stroke widths and opacities numbers in range. A class's
// style may be missing: its items are then drawn without fill or stroke.
func (t *Theme) Validate() error {
	where := "theme " + strconv.Quote(t.Name)
	if err := checkColor(t.Background); err != nil {
		return fmt.Errorf("%s: background: %w", where, err)
	}
	for _, class := range slices.Sorted(maps.Keys(t.Styles)) {
		if !cssIdent(class) {
			return fmt.Errorf("%s: class %q is not a CSS class name: use letters, digits, - and _", where, class)
		}
		if err := t.Styles[class].check(); err != nil {
			return fmt.Errorf("%s: class %s: %w", where, class, err)
		}
	}
	return nil
}

// check reports whether the style's values are valid; see Theme.Validate.
func (s Style) check() error {
	for _, c := range []struct{ name, value string }{{"fill", s.Fill}, {"stroke", s.Stroke}, {"pattern colour", s.PatternColor}} {
		if c.value == "" {
			continue
		}
		if err := checkColor(c.value); err != nil {
			return fmt.Errorf("%s: %w", c.name, err)
		}
	}
	if !(s.StrokeWidth >= 0 && s.StrokeWidth <= 100) {
		return fmt.Errorf("stroke width %v is out of range: use 0 to 100 pixels", s.StrokeWidth)
	}
	if !(s.Opacity >= 0 && s.Opacity <= 1) {
		return fmt.Errorf("opacity %v is out of range: use 0 to 1 (0 for opaque)", s.Opacity)
	}
	for _, f := range strings.Fields(s.Dash) {
		if v, err := strconv.ParseFloat(f, 64); err != nil || !(v >= 0 && v <= 1000) {
			return fmt.Errorf("dash %q is not valid: use lengths in pixels separated by spaces, e.g. \"4 3\"", s.Dash)
		}
	}
	switch s.Pattern {
	case "", "hatch", "dots", "cross":
	default:
		return fmt.Errorf("pattern %q is not valid: use hatch, dots, cross or none", s.Pattern)
	}
	if s.Pattern != "" && s.PatternColor == "" {
		return fmt.Errorf("pattern %s has no colour: set PatternColor", s.Pattern)
	}
	return nil
}

// checkColor reports whether c is a CSS hex colour, #rgb or #rrggbb.
func checkColor(c string) error {
	h, ok := strings.CutPrefix(c, "#")
	if ok && (len(h) == 3 || len(h) == 6) && strings.Trim(h, "0123456789abcdefABCDEF") == "" {
		return nil
	}
	return fmt.Errorf("colour %q is not valid: use a CSS hex colour such as #0072b2 or #07b", c)
}

// cssIdent reports whether s is a plain CSS identifier: ASCII letters,
// digits, "-" and "_", starting with a letter or "_".
func cssIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		letter := c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c == '_'
		if !letter && (i == 0 || !(c >= '0' && c <= '9' || c == '-')) {
			return false
		}
	}
	return s != ""
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

// LookupTheme returns a copy of the built-in theme called name, for
// Options.Theme: changing it changes no other figure's theme.
func LookupTheme(name string) (*Theme, error) {
	if t, ok := themes[name]; ok {
		return t.Clone(), nil
	}
	hint := ""
	if _, ok := sizes[name]; ok {
		hint = fmt.Sprintf(" (%q is a size: use it as the size, with any theme)", name)
	}
	return nil, fmt.Errorf("unknown theme %q%s: choose one of %s", name, hint, strings.Join(ThemeNames(), ", "))
}

// Size is a size preset: a figure's dimensions and type size, which
// combine with any theme.
type Size struct {
	// Name is the preset's name, e.g. "slide".
	Name string
	// Width is the figure's width in pixels.
	Width float64
	// Height is the figure's height in pixels; 0 means as tall as the
	// content needs.
	Height float64
	// FontSize is the base font size in pixels.
	FontSize float64
	// Fill lets the type grow (up to a third) as well as shrink so the
	// content fills Height, as a slide should.
	Fill bool
}

var sizes = map[string]Size{
	"default": {Name: "default", Width: 1200, FontSize: 14},
	// slide is a 16:9 slide at full HD, with type legible from the back
	// of a lecture hall.
	"slide": {Name: "slide", Width: 1920, Height: 1080, FontSize: 24, Fill: true},
}

// SizeNames returns the names of the size presets, sorted.
func SizeNames() []string {
	names := make([]string, 0, len(sizes))
	for n := range sizes {
		names = append(names, n)
	}
	slices.Sort(names)
	return names
}

// LookupSize returns the size preset called name; "" is "default".
func LookupSize(name string) (Size, error) {
	if name == "" {
		name = "default"
	}
	if s, ok := sizes[name]; ok {
		return s, nil
	}
	hint := ""
	if _, ok := themes[name]; ok {
		hint = fmt.Sprintf(" (%q is a theme)", name)
	}
	return Size{}, fmt.Errorf("unknown size %q%s: choose one of %s", name, hint, strings.Join(SizeNames(), ", "))
}
