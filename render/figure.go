package render

// Figure is a laid-out figure: a display list of primitives in paint
// order, in pixels, with the origin at the top left. Emitters write it out
// and decide nothing about geometry.
type Figure struct {
	// Width and Height are the figure's size in pixels.
	Width, Height float64
	// Title is the figure's accessible title, e.g. "Async basics".
	Title string
	// Desc says the figure's message in words, e.g. "Sequential 6.0 s,
	// Concurrent 3.0 s: 2.0× faster".
	Desc string
	// Theme gives the colours and patterns of every class.
	Theme *Theme
	// Items are drawn in order.
	Items []Item
}

// ItemKind says what primitive an item is.
type ItemKind int

const (
	// Rect is a rectangle X, Y, W, H.
	Rect ItemKind = iota
	// Line is a segment from (X, Y) to (X+W, Y+H).
	Line
	// Text is a single line of text with its baseline at Y, anchored at X.
	Text
	// Diamond is a small diamond centred at (X, Y) with half-width W.
	Diamond
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
	// Class names the item's style in the theme, e.g. "bar-waiting".
	Class string
	// Text is a Text item's content, already fitted to its space.
	Text string
	// Size is a Text item's font size in pixels.
	Size float64
	// Bold makes a Text item bold.
	Bold bool
	// Anchor places a Text item relative to X.
	Anchor Anchor
	// Tip, when not empty, is a tooltip for the item.
	Tip string
}
