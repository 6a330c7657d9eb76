package svg

import (
	"bytes"
	"strconv"
	"time"

	"github.com/asyncgantt/asyncgantt/render"
)

// player writes SMIL animations for an animated figure: every animation
// lasts one play of the figure (the trace at the animation's speed, then
// the hold) and repeats, so the figure loops with no script. The animated
// elements' own attributes are their end state, which is what a viewer
// without SMIL shows.
type player struct {
	speed float64
	dur   float64 // seconds of real time per play
}

func newPlayer(a *render.Animation, span time.Duration) *player {
	return &player{speed: a.Speed, dur: a.Duration(span).Seconds()}
}

// key returns the key time (0..1 of a play) at which the trace reaches t.
func (p *player) key(t time.Duration) string {
	k := t.Seconds() / p.speed / p.dur
	k = min(1, max(0, k))
	return strconv.FormatFloat(k, 'f', 4, 64)
}

// animate writes the animation of the element id that draws it.
func (p *player) animate(buf *bytes.Buffer, id string, it render.Item) {
	dur := attr("dur", strconv.FormatFloat(p.dur, 'f', 3, 64)+"s")
	href := attr("xlink:href", "#"+id)
	from, to := p.key(it.From), p.key(it.To)
	write := func(attrs ...string) {
		buf.WriteString("<animate")
		for _, a := range append([]string{href}, attrs...) {
			buf.WriteByte(' ')
			buf.WriteString(a)
		}
		buf.WriteString(" " + dur + ` repeatCount="indefinite"/>` + "\n")
	}
	switch {
	case it.Kind == render.Cursor:
		buf.WriteString("<set " + href + ` attributeName="visibility" to="visible" begin="0s"/>` + "\n")
		buf.WriteString("<animateTransform " + href + ` attributeName="transform" type="translate" ` +
			attr("values", "0 0;"+num(it.W)+" 0;"+num(it.W)+" 0") + " " + attr("keyTimes", "0;"+to+";1") +
			" " + dur + ` repeatCount="indefinite"/>` + "\n")
	case it.Kind == render.Rect && it.To > it.From:
		w := num(it.W)
		write(attr("attributeName", "width"), attr("values", "0;0;"+w+";"+w), attr("keyTimes", "0;"+from+";"+to+";1"))
	case it.Kind == render.Line && it.W > 0 && it.To > it.From:
		x0, x1 := num(it.X), num(it.X+it.W)
		write(attr("attributeName", "x2"), attr("values", x0+";"+x0+";"+x1+";"+x1), attr("keyTimes", "0;"+from+";"+to+";1"))
	case from != p.key(0):
		write(attr("attributeName", "visibility"), attr("values", "hidden;visible"), attr("keyTimes", "0;"+from), attr("calcMode", "discrete"))
	}
}
