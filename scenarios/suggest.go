package scenarios

// nearest returns the candidate closest to s by edit distance, if it is
// close enough to be a plausible typo (at most a third of the length, at
// most 3 edits, and keeping some of s: "D" is no typo of "A"), or "".
func nearest(s string, candidates []string) string {
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := editDistance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	limit := min(3, max(1, (len([]rune(s))+2)/3))
	if bestD <= limit && bestD < len([]rune(s)) {
		return best
	}
	return ""
}

// Nearest returns the candidate closest to s by edit distance when it is a
// plausible typo of s, or "". The CLI uses it to suggest flags and names.
func Nearest(s string, candidates []string) string { return nearest(s, candidates) }

// editDistance is the optimal string alignment distance between a and b
// in runes: insertions, deletions, substitutions and swaps of two adjacent
// runes ("rnu" for "run") each count as one edit.
func editDistance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	d := make([][]int, len(ra)+1)
	for i := range d {
		d[i] = make([]int, len(rb)+1)
		d[i][0] = i
	}
	for j := range d[0] {
		d[0][j] = j
	}
	for i := 1; i <= len(ra); i++ {
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			d[i][j] = min(d[i-1][j]+1, d[i][j-1]+1, d[i-1][j-1]+cost)
			if i > 1 && j > 1 && ra[i-1] == rb[j-2] && ra[i-2] == rb[j-1] {
				d[i][j] = min(d[i][j], d[i-2][j-2]+1)
			}
		}
	}
	return d[len(ra)][len(rb)]
}
