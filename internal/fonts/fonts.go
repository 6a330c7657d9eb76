package fonts

import (
	"sync"

	"golang.org/x/image/font"
	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/opentype"
)

var (
	once          sync.Once
	regular, bold *opentype.Font
)

func load() {
	var err error
	if regular, err = opentype.Parse(goregular.TTF); err != nil {
		panic(err) // the embedded font is known to parse
	}
	if bold, err = opentype.Parse(gobold.TTF); err != nil {
		panic(err)
	}
}

// Go returns the Go font, regular or bold.
func Go(isBold bool) *opentype.Font {
	once.Do(load)
	if isBold {
		return bold
	}
	return regular
}

// NewFace returns a face of the Go font at size pixels (72 DPI, no
// hinting, so advances scale exactly with the size). A face is not safe
// for concurrent use.
func NewFace(size float64, isBold bool) font.Face {
	f, err := opentype.NewFace(Go(isBold), &opentype.FaceOptions{Size: size, DPI: 72, Hinting: font.HintingNone})
	if err != nil {
		panic(err) // the embedded fonts are known to load at any size
	}
	return f
}
