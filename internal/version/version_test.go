package version

import (
	"fmt"
	"runtime/debug"
	"strings"
	"testing"
)

func TestPEP440(t *testing.T) {
	for _, tc := range []struct{ in, want string }{
		{"v0.3.0", "0.3.0"},
		{"v1.12.0", "1.12.0"},
		{"v0.3.0-rc.1", "0.3.0rc1"},
		{"v0.3.0-beta.2", "0.3.0b2"},
		{"v2.0.0-alpha1", "2.0.0a1"},
		{"v0.0.0-20260216120000-abcdef123456", "0.0.0.dev20260216120000+gabcdef123456"},
		{"v0.3.1-0.20260216120000-abcdef123456", "0.3.1.dev20260216120000+gabcdef123456"},
		{"v0.3.0-rc.1.0.20260216120000-abcdef123456", "0.3.0rc1.dev20260216120000+gabcdef123456"},
		{"v0.3.1-0.20260216120000-abcdef123456+dirty", "0.3.1.dev20260216120000+gabcdef123456.dirty"},
		{"v0.3.0+dirty", "0.3.0+dirty"},
	} {
		got, err := PEP440(tc.in)
		if err != nil || got != tc.want {
			t.Errorf("PEP440(%q) = %q, %v; want %q", tc.in, got, err, tc.want)
		}
	}
	for _, bad := range []string{Devel, "", "1.2.3", "v1.2", "v1.2.3-nightly"} {
		if got, err := PEP440(bad); err == nil {
			t.Errorf("PEP440(%q) = %q, want an error", bad, got)
		}
	}
	if _, err := PEP440(Devel); !strings.Contains(err.Error(), "git worktree") {
		t.Errorf("the error for a build without a version does not say why: %v", err)
	}
}

func TestFromBuildInfo(t *testing.T) {
	bi := &debug.BuildInfo{GoVersion: "go1.26.8", Main: debug.Module{Path: Module, Version: "v0.3.0"}, Settings: []debug.BuildSetting{
		{Key: "vcs.revision", Value: "0123456789abcdef0123456789abcdef01234567"},
		{Key: "vcs.time", Value: "2026-02-16T12:00:00Z"},
		{Key: "vcs.modified", Value: "true"},
		{Key: "GOOS", Value: "darwin"},
		{Key: "GOARCH", Value: "arm64"},
	}}
	i := FromBuildInfo(bi)
	if i.Version != "v0.3.0" || i.OS != "darwin" || i.Arch != "arm64" || !i.Modified || i.GoVersion != "go1.26.8" {
		t.Errorf("FromBuildInfo = %+v", i)
	}
	if got, want := i.String(), "asyncgantt v0.3.0 (revision 0123456789ab, modified, 2026-02-16)"; got != want {
		t.Errorf("String() = %q, want %q", got, want)
	}
	if got := FromBuildInfo(&debug.BuildInfo{}).String(); got != "asyncgantt (devel)" {
		t.Errorf("no build info: %q", got)
	}
}

func ExamplePEP440() {
	for _, v := range []string{"v0.3.0", "v0.3.1-0.20260216120000-abcdef123456"} {
		p, _ := PEP440(v)
		fmt.Println(v, "is", p)
	}
	// Output:
	// v0.3.0 is 0.3.0
	// v0.3.1-0.20260216120000-abcdef123456 is 0.3.1.dev20260216120000+gabcdef123456
}
