package chrome

import (
	"bytes"
	"compress/gzip"
	"errors"
	"fmt"
	"io"
	"strings"
	"testing"
)

// spans returns the text of n "X" events on thread tid(i), with names of
// nameLen bytes.
func spans(n, nameLen int, tid func(i int) int) []byte {
	var b bytes.Buffer
	b.WriteString("[")
	name := strings.Repeat("n", nameLen)
	for i := range n {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, `{"name":"%s","ph":"X","ts":%d,"dur":1,"pid":1,"tid":%d}`, name, 2*i, tid(i))
	}
	b.WriteString("]")
	return b.Bytes()
}

func one(int) int { return 1 }

// TestLimits reads files over each limit: each stops there with a
// *LimitError naming the limit, the file and where it stopped; at the
// limit, the file reads.
func TestLimits(t *testing.T) {
	for _, c := range []struct {
		name  string
		data  []byte
		lim   Limits
		limit string
		want  string
	}{
		{"Events", spans(1001, 1, one), Limits{Events: 1000}, "Events", "more than 1,000 events to draw: traces are limited to 1,000"},
		{"Bytes", spans(1000, 1, one), Limits{Bytes: 10 << 10}, "Bytes", "t.json: byte 10240: more than 10 KiB of text"},
		{"MemoryNames", spans(20, 100_000, one), Limits{Memory: 1 << 20}, "Memory", "the events read so far take more than 1 MiB of memory"},
		{"MemoryThreads", spans(5000, 1, func(i int) int { return i }), Limits{Memory: 1 << 20}, "Memory", "more than 1 MiB"},
	} {
		t.Run(c.name, func(t *testing.T) {
			for _, slow := range []bool{false, true} {
				_, _, err := c.lim.read(bytes.NewReader(c.data), "t.json", slow)
				var le *LimitError
				if !errors.As(err, &le) || le.Limit != c.limit || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "t.json: byte ") {
					t.Fatalf("slow %v: err = %v, want a %s LimitError saying %q", slow, err, c.limit, c.want)
				}
			}
			// Raised, the limit lets the file through.
			big := Limits{Bytes: 1 << 30, Events: 1 << 20, Memory: 1 << 30}
			if _, _, err := big.Read(bytes.NewReader(c.data), "t.json"); err != nil {
				t.Errorf("within the limits: %v", err)
			}
		})
	}
	// Events that are not drawn do not count.
	var b strings.Builder
	b.WriteString("[")
	for i := range 3000 {
		fmt.Fprintf(&b, `{"name":"c","ph":"C","ts":%d,"pid":1,"args":{"v":1}},`, i)
	}
	b.WriteString(`{"name":"x","ph":"X","ts":0,"dur":1,"pid":1,"tid":1}]`)
	if _, _, err := (Limits{Events: 10}).Read(strings.NewReader(b.String()), "c.json"); err != nil {
		t.Errorf("counters counted as events to draw: %v", err)
	}
}

// bombReader is a gzip stream without end: a member that opens the
// array, then members that each are the same compressed chunk of
// identical events. It stands for a gzip file whose text is as long as a
// test needs, and counts the bytes read from it.
type bombReader struct {
	head, chunk []byte
	pos         int
	n           int64
}

func newBomb() *bombReader {
	compress := func(data []byte) []byte {
		var z bytes.Buffer
		zw := gzip.NewWriter(&z)
		zw.Write(data)
		zw.Close()
		return z.Bytes()
	}
	line := []byte(`{"name":"x","ph":"X","ts":0,"dur":1,"pid":1,"tid":1},` + "\n")
	return &bombReader{head: compress([]byte("[")), chunk: compress(bytes.Repeat(line, 100_000))}
}

func (b *bombReader) Read(p []byte) (int, error) {
	var n int
	if len(b.head) > 0 {
		n = copy(p, b.head)
		b.head = b.head[n:]
	} else {
		n = copy(p, b.chunk[b.pos:])
		b.pos = (b.pos + n) % len(b.chunk)
	}
	b.n += int64(n)
	return n, nil
}

var _ io.Reader = (*bombReader)(nil)

// TestGzipBombStops reads a gzip stream of valid events that never ends
// (issue 17: 35 MB held 5.4 GB and took 6 GB of memory): Read stops at a
// limit, having read a small part of the stream.
func TestGzipBombStops(t *testing.T) {
	bomb := newBomb()
	_, _, err := Limits{Events: 200_000}.Read(bomb, "bomb.json.gz")
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "Events" || le.File != "bomb.json.gz (decompressed)" {
		t.Fatalf("err = %v, want an Events LimitError", err)
	}
	if bomb.n > 1<<20 {
		t.Errorf("read %d compressed bytes for 200,000 events", bomb.n)
	}
	bomb = newBomb()
	_, _, err = Limits{Bytes: 50 << 20}.Read(bomb, "bomb.json.gz")
	if !errors.As(err, &le) || le.Limit != "Bytes" || !strings.Contains(err.Error(), "more than 50 MiB of text") {
		t.Fatalf("err = %v, want a Bytes LimitError", err)
	}
}

// TestTrailingBlanksLimit reads a gzip stream of a valid trace followed
// by blanks past the text limit: Read reads to the end to check the
// stream, and stops at the limit there too.
func TestTrailingBlanksLimit(t *testing.T) {
	var z bytes.Buffer
	zw := gzip.NewWriter(&z)
	zw.Write([]byte(tinyForeign))
	zw.Write(bytes.Repeat([]byte(" "), 2<<20))
	zw.Close()
	_, _, err := Limits{Bytes: 1 << 20}.Read(bytes.NewReader(z.Bytes()), "blanks.json.gz")
	var le *LimitError
	if !errors.As(err, &le) || le.Limit != "Bytes" {
		t.Fatalf("err = %v, want a Bytes LimitError", err)
	}
	if _, _, err := (Limits{Bytes: 4 << 20}).Read(bytes.NewReader(z.Bytes()), "blanks.json.gz"); err != nil {
		t.Errorf("within the limit: %v", err)
	}
}
