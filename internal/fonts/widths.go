package fonts

//go:generate go run gen_dejavu.go

// widthTable holds a font's advance widths as runs of characters of equal
// advance, for fonts whose glyphs are not embedded (see dejavu_widths.go).
type widthTable struct {
	upem int
	runs []widthRun
}

// widthRun is the characters lo to hi, each adv font units wide.
type widthRun struct {
	lo, hi rune
	adv    uint16
}

// advance returns r's advance in ems, and whether the table has it.
func (t *widthTable) advance(r rune) (float64, bool) {
	lo, hi := 0, len(t.runs)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		switch run := t.runs[m]; {
		case r < run.lo:
			hi = m
		case r > run.hi:
			lo = m + 1
		default:
			return float64(run.adv) / float64(t.upem), true
		}
	}
	return 0, false
}
