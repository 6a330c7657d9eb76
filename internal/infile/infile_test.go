package infile

import (
	"bytes"
	"errors"
	"io"
	"testing"
	"testing/iotest"
)

func TestLimitReader(t *testing.T) {
	for _, c := range []struct {
		n, limit int64
		tooLarge bool
	}{
		{0, 0, false}, {5, 5, false}, {4, 5, false}, {6, 5, true}, {1 << 20, 100, true},
	} {
		src := bytes.Repeat([]byte("x"), int(c.n))
		for _, r := range []io.Reader{bytes.NewReader(src), iotest.OneByteReader(bytes.NewReader(src))} {
			got, err := ReadAll(r, c.limit)
			var tl *TooLargeError
			if errors.As(err, &tl) != c.tooLarge {
				t.Errorf("%d bytes, limit %d: error %v", c.n, c.limit, err)
			}
			if !c.tooLarge && (err != nil || int64(len(got)) != c.n) {
				t.Errorf("%d bytes, limit %d: read %d, %v", c.n, c.limit, len(got), err)
			}
			if c.tooLarge && int64(len(got)) > c.limit {
				t.Errorf("%d bytes, limit %d: read %d bytes past the limit", c.n, c.limit, len(got))
			}
		}
	}
	// An endless input stops at the limit.
	_, err := ReadAll(endless{}, 1<<20)
	if err == nil || err.Error() != "over 1 MiB" {
		t.Errorf("an endless input: %v, want over 1 MiB", err)
	}
}

type endless struct{}

func (endless) Read(p []byte) (int, error) { return len(p), nil }

func TestSize(t *testing.T) {
	for n, want := range map[int64]string{
		0: "0 bytes", 1023: "1023 bytes", 1024: "1 KiB", 64 << 20: "64 MiB", 3 << 29: "1.5 GiB", 1 << 30: "1 GiB",
	} {
		if got := Size(n); got != want {
			t.Errorf("Size(%d) = %q, want %q", n, got, want)
		}
	}
}
