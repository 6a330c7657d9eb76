package render

import "time"

// Figure is a laid-out figure: a display list of primitives in paint
// order, in pixels, with the origin at the top left. Emitters write it out
// and decide nothing about geometry.
type Figure struct {
	// Width and Height are the figure's size in pixels.
	Width, Height float64
	// Title is the figure's accessible title, e.g. "Async basics".
	Title string
	// Desc says the figure's message in words, e.g. "Sequential 6.0 s,
	// Concurrent 3.0 s: 2.0× faster". Title and Desc are made safe and
	// isolate the input's parts as an Item's Text does.
	Desc string
	// Theme gives the colours and patterns of every class.
	Theme *Theme
	// Items are drawn in order.
	Items []Item
	// Span is the elapsed time at the right end of the time axis: the
	// time scale every Timed item refers to.
	Span time.Duration
	// Folded is how many lanes the figure does not draw one by one: each
	// run's lanes beyond the figure's lane budget are summed up in one
	// summary row (see Options.MaxLanes). 0 when every lane is drawn.
	Folded int
	// FoldedRuns is how many runs the figure does not draw as panels of
	// their own: past Options.MaxPanels runs, the last panel sums up the
	// others in one row. 0 when every run has its panel.
	FoldedRuns int
	// Merged is how many intervals are drawn merged with their
	// neighbours, being narrower than a pixel (see Options.Exact).
	Merged int
	// Animation, when not nil, asks emitters that can animate to play the
	// figure: Timed items appear (and bars grow) at their times, and
	// Cursor items sweep the axis. Emitters that cannot animate, and
	// static viewers of an animated SVG, show the end state: the figure
	// as drawn without animation.
	Animation *Animation
}

// Animation says how an animated figure plays.
type Animation struct {
	// Speed is how many seconds of the trace play in one second of real
	// time: 1 plays in real time, 2 twice as fast.
	Speed float64
	// Hold is how long, in real time, the end state stays on screen
	// before the animation starts again.
	Hold time.Duration
}

// Duration returns how long one play of the animation lasts in real time,
// the hold at the end included, for a figure whose axis spans span.
func (a *Animation) Duration(span time.Duration) time.Duration {
	return time.Duration(float64(span)/a.Speed) + a.Hold
}

// ItemKind says what primitive an item is.
type ItemKind int

const (
	// Rect is a rectangle X, Y, W, H, with corners rounded by Radius.
	Rect ItemKind = iota
	// Line is a segment from (X, Y) to (X+W, Y+H).
	Line
	// Text is a single line of text with its baseline at Y, anchored at X.
	Text
	// Diamond is a small diamond centred at (X, Y) with half-width W.
	Diamond
	// Cursor is a vertical line from (X, Y) down to (X, Y+H) that sweeps
	// right to X+W while the animation plays elapsed times From to To.
	// It exists only while a figure plays: emitters that do not animate
	// draw nothing for it.
	Cursor
)

// Anchor says where a text's X lies.
type Anchor int

const (
	// Start: X is the left edge of the text.
	Start Anchor = iota
	// Middle: X is the centre.
	Middle
	// End: X is the right edge.
	End
)

// Item is one primitive of a figure.
type Item struct {
	Kind ItemKind
	// X, Y, W, H are the geometry in pixels; see ItemKind.
	X, Y, W, H float64
	// Radius rounds a Rect's corners, in pixels; 0 for square corners.
	Radius float64
	// Class names the item's style in the theme, e.g. "bar-waiting".
	Class string
	// Text is a Text item's content, already fitted to its space, made
	// safe (safetext.Mixed). Each part of it that comes from the input
	// and holds right-to-left letters (a name, a value, a printed line)
	// is isolated: enclosed in FSI (U+2068) and PDI (U+2069), the
	// input's own isolates being escaped, so that it cannot move the
	// words around it ("שלום 2.0 s" must not read "2.0 שלום s"). Emitters
	// that lay text out bidirectionally isolate those parts (SVG: a tspan
	// with unicode-bidi: plaintext); those that draw text in the order
	// it is written (PNG, PDF) drop the marks (safetext.Strip), which
	// take no width.
	Text string
	// Size is a Text item's font size in pixels.
	Size float64
	// Bold makes a Text item bold.
	Bold bool
	// Anchor places a Text item relative to X.
	Anchor Anchor
	// Tip, when not empty, is a tooltip for the item, made safe and
	// isolated as Text is (safetext.MixedText: it may hold line breaks);
	// emitters keep its isolates as characters.
	Tip string
	// Timed says the item happens at a moment of the trace: From and To
	// are then elapsed times on the figure's axis. An animating emitter
	// shows the item from From on; a Rect grows rightwards from its left
	// edge, and a horizontal Line from its start, between From and To.
	// Static emitters ignore them.
	Timed    bool
	From, To time.Duration
}
