package fonts

import (
	"encoding/binary"
	"errors"
	"fmt"
	"slices"
	"sync"

	"golang.org/x/image/font/gofont/gobold"
	"golang.org/x/image/font/gofont/goregular"
	"golang.org/x/image/font/sfnt"
)

// Subset returns a TrueType font holding only the glyphs of the Go font,
// regular or bold, that draw the characters of text (and the glyphs they
// are composed of, and the missing-glyph box): what an SVG embeds so that
// a browser draws exactly the widths the layout measured. Characters the
// font has no glyph for are left out (a browser draws them in the next
// font of the stack). The hinting instructions are left out too: browsers
// draw web fonts unhinted or hint them themselves.
//
// The font keeps the Go font's metrics, copyright and license (its name
// table's entries 0 to 6 and 13), so the subset carries the terms it is
// distributed under. The same text always gives the same bytes.
func Subset(text string, bold bool) ([]byte, error) {
	src, err := source(bold)
	if err != nil {
		return nil, err
	}
	var runes []rune
	for _, r := range text {
		runes = append(runes, r)
	}
	slices.Sort(runes)
	runes = slices.Compact(runes)
	return src.subset(runes)
}

// ttf is a parsed TrueType font, its tables by tag.
type ttf struct {
	font   *sfnt.Font
	tables map[string][]byte
	loca   []uint32 // glyph offsets into glyf, numGlyphs+1 of them
	nhm    int      // hhea.numberOfHMetrics
}

var (
	sourceOnce [2]sync.Once
	sources    [2]*ttf
	sourceErr  [2]error
)

func source(bold bool) (*ttf, error) {
	i := index(bold)
	sourceOnce[i].Do(func() {
		data := goregular.TTF
		if bold {
			data = gobold.TTF
		}
		sources[i], sourceErr[i] = parseTTF(data)
	})
	return sources[i], sourceErr[i]
}

var be = binary.BigEndian

func parseTTF(data []byte) (*ttf, error) {
	f, err := sfnt.Parse(data)
	if err != nil {
		return nil, err
	}
	t := &ttf{font: f, tables: map[string][]byte{}}
	if len(data) < 12 {
		return nil, errors.New("font too short")
	}
	n := int(be.Uint16(data[4:]))
	for i := range n {
		rec := data[12+16*i:]
		off, l := be.Uint32(rec[8:]), be.Uint32(rec[12:])
		if int(off)+int(l) > len(data) {
			return nil, fmt.Errorf("table %q out of bounds", rec[:4])
		}
		t.tables[string(rec[:4])] = data[off : off+l]
	}
	for _, tag := range []string{"head", "hhea", "maxp", "hmtx", "loca", "glyf", "OS/2", "name", "post"} {
		if t.tables[tag] == nil {
			return nil, fmt.Errorf("no %s table", tag)
		}
	}
	numGlyphs := int(be.Uint16(t.tables["maxp"][4:]))
	long := be.Uint16(t.tables["head"][50:]) == 1
	loca := t.tables["loca"]
	t.loca = make([]uint32, numGlyphs+1)
	for i := range t.loca {
		if long {
			t.loca[i] = be.Uint32(loca[4*i:])
		} else {
			t.loca[i] = 2 * uint32(be.Uint16(loca[2*i:]))
		}
	}
	t.nhm = int(be.Uint16(t.tables["hhea"][34:]))
	return t, nil
}

// glyph returns glyph gi's data in glyf.
func (t *ttf) glyph(gi int) []byte { return t.tables["glyf"][t.loca[gi]:t.loca[gi+1]] }

// metric returns glyph gi's advance and left side bearing.
func (t *ttf) metric(gi int) (adv, lsb uint16) {
	h := t.tables["hmtx"]
	if gi < t.nhm {
		return be.Uint16(h[4*gi:]), be.Uint16(h[4*gi+2:])
	}
	return be.Uint16(h[4*(t.nhm-1):]), be.Uint16(h[4*t.nhm+2*(gi-t.nhm):])
}

// Composite glyph flags.
const (
	argWords       = 0x0001
	haveScale      = 0x0008
	moreComponents = 0x0020
	haveXYScale    = 0x0040
	haveTwoByTwo   = 0x0080
	haveInstr      = 0x0100
)

// components calls fn with the offset of every component's glyph index in
// a composite glyph, and returns the length of the components' data.
func components(g []byte, fn func(at int)) int {
	p := 10
	for {
		flags := be.Uint16(g[p:])
		fn(p + 2)
		p += 4
		if flags&argWords != 0 {
			p += 4
		} else {
			p += 2
		}
		switch {
		case flags&haveScale != 0:
			p += 2
		case flags&haveXYScale != 0:
			p += 4
		case flags&haveTwoByTwo != 0:
			p += 8
		}
		if flags&moreComponents == 0 {
			return p
		}
	}
}

func (t *ttf) subset(runes []rune) ([]byte, error) {
	var buf sfnt.Buffer
	// The glyphs kept, in their new order: the missing-glyph box, the
	// characters' glyphs by character, then the components they use.
	order := []int{0}
	newID := map[int]int{0: 0}
	keep := func(gi int) {
		if _, ok := newID[gi]; !ok {
			newID[gi] = len(order)
			order = append(order, gi)
		}
	}
	var mapped [][2]int // rune, old glyph
	var symbols []rune  // drawn as strokes (see Symbol)
	for _, r := range runes {
		gi, err := t.font.GlyphIndex(&buf, r)
		if err == nil && gi == 0 && IsSymbol(r) {
			symbols = append(symbols, r)
		}
		if err != nil || gi == 0 || r > 0xFFFF {
			continue
		}
		keep(int(gi))
		mapped = append(mapped, [2]int{int(r), int(gi)})
	}
	for i := 0; i < len(order); i++ { // order grows as components are found
		if g := t.glyph(order[i]); len(g) >= 10 && int16(be.Uint16(g)) < 0 {
			components(g, func(at int) { keep(int(be.Uint16(g[at:]))) })
		}
	}
	glyf, loca := t.glyfLoca(order, newID)
	hmtx := make([]byte, 0, 4*len(order))
	for _, gi := range order {
		adv, lsb := t.metric(gi)
		hmtx = be.AppendUint16(be.AppendUint16(hmtx, adv), lsb)
	}
	cmapped := make([][2]int, 0, len(mapped)+len(symbols)) // rune, new glyph
	for _, m := range mapped {
		cmapped = append(cmapped, [2]int{m[0], newID[m[1]]})
	}
	// The symbols follow, as glyphs of their strokes in the advance of
	// the missing-glyph box, which is what the layout measured for them.
	boxAdv, _ := t.metric(0)
	upem := float64(be.Uint16(t.tables["head"][18:]))
	for _, r := range symbols {
		g, lsb := glyphData(symbolContours(r, float64(boxAdv), upem))
		glyf = append(glyf, g...)
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
		loca = be.AppendUint32(loca, uint32(len(glyf)))
		hmtx = be.AppendUint16(be.AppendUint16(hmtx, boxAdv), uint16(lsb))
		cmapped = append(cmapped, [2]int{int(r), len(order)})
		order = append(order, -1) // counts the glyph
	}
	slices.SortFunc(cmapped, func(a, b [2]int) int { return a[0] - b[0] })
	head := slices.Clone(t.tables["head"])
	be.PutUint32(head[8:], 0)  // checkSumAdjustment, set below
	be.PutUint16(head[50:], 1) // long loca offsets
	hhea := slices.Clone(t.tables["hhea"])
	be.PutUint16(hhea[34:], uint16(len(order)))
	maxp := slices.Clone(t.tables["maxp"])
	be.PutUint16(maxp[4:], uint16(len(order)))
	post := slices.Clone(t.tables["post"][:32])
	be.PutUint32(post, 0x00030000) // no glyph names
	cmap := buildCmap(cmapped)
	name, err := t.subsetName()
	if err != nil {
		return nil, err
	}
	font := assemble(map[string][]byte{
		"OS/2": t.tables["OS/2"], "cmap": cmap, "glyf": glyf, "head": head, "hhea": hhea,
		"hmtx": hmtx, "loca": loca, "maxp": maxp, "name": name, "post": post,
	})
	return font, nil
}

// glyfLoca returns the glyf and loca tables of the glyphs in order, their
// instructions removed and their components renumbered.
func (t *ttf) glyfLoca(order []int, newID map[int]int) (glyf, loca []byte) {
	loca = make([]byte, 0, 4*(len(order)+1))
	for _, gi := range order {
		loca = be.AppendUint32(loca, uint32(len(glyf)))
		g := t.glyph(gi)
		if len(g) < 10 {
			continue
		}
		if n := int(int16(be.Uint16(g))); n >= 0 {
			// A simple glyph: header, endPtsOfContours, then the
			// instructions' length and instructions, then the points.
			at := 10 + 2*n
			il := int(be.Uint16(g[at:]))
			glyf = append(glyf, g[:at]...)
			glyf = append(glyf, 0, 0)
			glyf = append(glyf, g[at+2+il:]...)
		} else {
			start := len(glyf)
			var last int
			end := components(g, func(at int) { last = at - 2 })
			glyf = append(glyf, g[:end]...)
			c := glyf[start:]
			components(c, func(at int) { be.PutUint16(c[at:], uint16(newID[int(be.Uint16(c[at:]))])) })
			be.PutUint16(c[last:], be.Uint16(c[last:])&^haveInstr)
		}
		for len(glyf)%4 != 0 {
			glyf = append(glyf, 0)
		}
	}
	loca = be.AppendUint32(loca, uint32(len(glyf)))
	return glyf, loca
}

// buildCmap returns a cmap table with one format 4 subtable (Windows,
// Unicode BMP) mapping runes to glyphs, given sorted by rune.
func buildCmap(mapped [][2]int) []byte {
	type seg struct{ start, end, gid int }
	var segs []seg
	for _, m := range mapped {
		r, gid := m[0], m[1]
		if n := len(segs); n > 0 && segs[n-1].end == r-1 && segs[n-1].gid+(r-segs[n-1].start) == gid {
			segs[n-1].end = r
			continue
		}
		segs = append(segs, seg{r, r, gid})
	}
	segs = append(segs, seg{0xFFFF, 0xFFFF, 0}) // the required last segment
	n := len(segs)
	sub := make([]byte, 0, 16+8*n)
	length := 16 + 8*n
	search := 1
	for search*2 <= n {
		search *= 2
	}
	sub = be.AppendUint16(sub, 4)
	sub = be.AppendUint16(sub, uint16(length))
	sub = be.AppendUint16(sub, 0) // language
	sub = be.AppendUint16(sub, uint16(2*n))
	sub = be.AppendUint16(sub, uint16(2*search))
	sub = be.AppendUint16(sub, uint16(log2(search)))
	sub = be.AppendUint16(sub, uint16(2*n-2*search))
	for _, s := range segs {
		sub = be.AppendUint16(sub, uint16(s.end))
	}
	sub = be.AppendUint16(sub, 0) // reservedPad
	for _, s := range segs {
		sub = be.AppendUint16(sub, uint16(s.start))
	}
	for _, s := range segs {
		delta := uint16(s.gid - s.start) // modulo 65536
		if s.start == 0xFFFF {
			delta = 1
		}
		sub = be.AppendUint16(sub, delta)
	}
	for range segs {
		sub = be.AppendUint16(sub, 0) // idRangeOffset
	}
	cmap := []byte{0, 0, 0, 1, 0, 3, 0, 1, 0, 0, 0, 12}
	return append(cmap, sub...)
}

func log2(n int) int {
	k := 0
	for n > 1 {
		n >>= 1
		k++
	}
	return k
}

// subsetName returns a name table of the source's Macintosh-platform
// entries 0 to 6 (copyright, names, version) and 13 (the license), and
// the Windows-platform entries 1, 2, 4 and 6 (the names).
func (t *ttf) subsetName() ([]byte, error) {
	src := t.tables["name"]
	count := int(be.Uint16(src[2:]))
	strs := int(be.Uint16(src[4:]))
	type rec struct {
		pid, eid, lid, nid uint16
		s                  []byte
	}
	var recs []rec
	for i := range count {
		r := src[6+12*i:]
		pid, eid, lid, nid := be.Uint16(r), be.Uint16(r[2:]), be.Uint16(r[4:]), be.Uint16(r[6:])
		l, o := int(be.Uint16(r[8:])), int(be.Uint16(r[10:]))
		if strs+o+l > len(src) {
			return nil, errors.New("name table out of bounds")
		}
		mac := pid == 1 && eid == 0 && lid == 0 && (nid <= 6 || nid == 13)
		win := pid == 3 && eid == 1 && lid == 0x409 && (nid == 1 || nid == 2 || nid == 4 || nid == 6)
		if mac || win {
			recs = append(recs, rec{pid, eid, lid, nid, src[strs+o : strs+o+l]})
		}
	}
	out := be.AppendUint16(nil, 0)
	out = be.AppendUint16(out, uint16(len(recs)))
	out = be.AppendUint16(out, uint16(6+12*len(recs)))
	var data []byte
	for _, r := range recs { // already sorted by platform, encoding, language, name
		for _, v := range []uint16{r.pid, r.eid, r.lid, r.nid, uint16(len(r.s)), uint16(len(data))} {
			out = be.AppendUint16(out, v)
		}
		data = append(data, r.s...)
	}
	return append(out, data...), nil
}

// assemble writes the tables as one font file: the table directory
// sorted by tag, each table 4-byte aligned with its checksum, and head's
// checkSumAdjustment set.
func assemble(tables map[string][]byte) []byte {
	tags := make([]string, 0, len(tables))
	for tag := range tables {
		tags = append(tags, tag)
	}
	slices.Sort(tags)
	n := len(tags)
	search := 1
	for search*2 <= n {
		search *= 2
	}
	out := be.AppendUint32(nil, 0x00010000)
	out = be.AppendUint16(out, uint16(n))
	out = be.AppendUint16(out, uint16(16*search))
	out = be.AppendUint16(out, uint16(log2(search)))
	out = be.AppendUint16(out, uint16(16*n-16*search))
	off := 12 + 16*n
	var body []byte
	headAt := 0
	for _, tag := range tags {
		tb := tables[tag]
		out = append(out, tag...)
		out = be.AppendUint32(out, checksum(tb))
		out = be.AppendUint32(out, uint32(off+len(body)))
		out = be.AppendUint32(out, uint32(len(tb)))
		if tag == "head" {
			headAt = off + len(body)
		}
		body = append(body, tb...)
		for len(body)%4 != 0 {
			body = append(body, 0)
		}
	}
	out = append(out, body...)
	be.PutUint32(out[headAt+8:], 0xB1B0AFBA-checksum(out))
	return out
}

// checksum is the TrueType table checksum: the sum of big-endian uint32s,
// the last padded with zeros.
func checksum(b []byte) uint32 {
	var sum uint32
	for i := 0; i < len(b); i += 4 {
		var w [4]byte
		copy(w[:], b[i:])
		sum += be.Uint32(w[:])
	}
	return sum
}
