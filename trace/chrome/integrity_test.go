package chrome

import (
	"bytes"
	"compress/gzip"
	"errors"
	"reflect"
	"strings"
	"testing"
)

// gzipped compresses data as gzip does.
func gzipped(t *testing.T, data []byte) []byte {
	t.Helper()
	var b bytes.Buffer
	zw := gzip.NewWriter(&b)
	if _, err := zw.Write(data); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// TestGzipIntegrity damages a gzip trace in each way a download or a disk
// can: every one is refused, none reads as a trace. Issue 17, item 5: a
// corrupted CRC or a truncated trailer rendered wrong data with exit 0.
func TestGzipIntegrity(t *testing.T) {
	data := exportSample(t)
	z := gzipped(t, data)
	n := len(z)
	flip := func(i int) []byte {
		b := bytes.Clone(z)
		b[i] ^= 0xff
		return b
	}
	// The array form may end without its "]": a stream cut right after an
	// event would read as a shorter trace, were the stream not checked.
	events := []byte(`[{"ph":"X","name":"a","pid":1,"tid":1,"ts":0,"dur":1},{"ph":"X","name":"b","pid":1,"tid":1,"ts":5,"dur":1}`)
	half := len(data) / 2
	second := gzipped(t, data[half:])
	second[len(second)-8] ^= 0xff
	secondDamaged := append(gzipped(t, data[:half]), second...)
	var cut []byte
	{
		// Compress the first event only and drop the trailer: a valid
		// trace, if the stream's end were not checked.
		first := events[:bytes.Index(events, []byte(`,{"ph"`))]
		var b bytes.Buffer
		zw := gzip.NewWriter(&b)
		zw.Write(first)
		zw.Flush()
		cut = b.Bytes()
	}
	for _, c := range []struct {
		name string
		data []byte
		want string
	}{
		{"CRC", flip(n - 8), "checksum"},
		{"Length", flip(n - 2), "checksum"},
		{"TrailerTruncated", z[:n-4], "truncated"},
		{"TrailerMissing", z[:n-8], "truncated"},
		{"CutAfterAnEvent", cut, "truncated"},
		{"TrailingGarbage", append(bytes.Clone(z), "garbage"...), "gzip"},
		{"SecondMemberDamaged", secondDamaged, "checksum"},
	} {
		t.Run(c.name, func(t *testing.T) {
			tr, _, err := Read(bytes.NewReader(c.data), "t.json.gz")
			if err == nil {
				t.Fatalf("read as a trace of %d runs; want an error", len(tr.Runs))
			}
			if !strings.HasPrefix(err.Error(), "t.json.gz") || !strings.Contains(err.Error(), c.want) {
				t.Errorf("error %q: want it to name the file and say %q", err, c.want)
			}
		})
	}
	if !errors.Is(mustErr(Read(bytes.NewReader(flip(n-8)), "x")), gzip.ErrChecksum) {
		t.Error("a damaged checksum's error is not gzip.ErrChecksum")
	}
	// Concatenated members are one stream, as gzip -d reads them.
	two := append(gzipped(t, data[:len(data)/2]), gzipped(t, data[len(data)/2:])...)
	got, _, err := Read(bytes.NewReader(two), "two.json.gz")
	if err != nil {
		t.Fatalf("two gzip members: %v", err)
	}
	if want := sampleTrace(); !reflect.DeepEqual(got, want) {
		t.Errorf("two gzip members read as:\n%s\nwant:\n%s", summarize(got), summarize(want))
	}
}

func mustErr(_ any, _ *Stats, err error) error { return err }

// TestByteOrderMark reads a trace that starts with a UTF-8 byte order
// mark, as Windows editors write (issue 17, item 9), plain and gzipped;
// errors still give the offset in the file, mark included. UTF-16 is
// refused with a message saying so.
func TestByteOrderMark(t *testing.T) {
	data := append([]byte("\xef\xbb\xbf"), exportSample(t)...)
	want := sampleTrace()
	for name, in := range map[string][]byte{"plain": data, "gzip": gzipped(t, data)} {
		got, _, err := Read(bytes.NewReader(in), "bom.json")
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s reads as:\n%s\nwant:\n%s", name, summarize(got), summarize(want))
		}
	}
	_, _, err := Read(strings.NewReader("\xef\xbb\xbf[{]"), "bad.json")
	if err == nil || err.Error() != `bad.json: byte 5: event 1: invalid JSON: invalid character ']' looking for beginning of object key string` {
		t.Errorf("an error after the mark: %v; want the offset counted from the file's start", err)
	}
	for _, bom := range []string{"\xff\xfe", "\xfe\xff"} {
		_, _, err := Read(strings.NewReader(bom+"[\x00]\x00"), "utf16.json")
		if err == nil || !strings.Contains(err.Error(), "UTF-16") {
			t.Errorf("UTF-16 with mark % x: %v; want a message naming UTF-16", bom, err)
		}
	}
}
