package version

import (
	"fmt"
	"regexp"
	"runtime/debug"
	"strings"
)

// Module is asyncgantt's module path.
const Module = "github.com/asyncgantt/asyncgantt"

// Devel is the version Go records for a build that knows none: built
// outside version control, in a git worktree, or with -buildvcs=false.
const Devel = "(devel)"

// Info is what a binary records of its build.
type Info struct {
	// Version is the module version: a tag such as "v0.3.0", a
	// pseudo-version, or Devel.
	Version string
	// Revision is the commit built, "" when unknown.
	Revision string
	// Time is the commit's time, RFC 3339, "" when unknown.
	Time string
	// Modified reports uncommitted changes in the tree built.
	Modified bool
	// GoVersion is the Go toolchain that built it, e.g. "go1.26.8".
	GoVersion string
	// OS and Arch are its target, e.g. "linux" and "amd64"; empty when
	// the build info does not say.
	OS, Arch string
}

// Read returns the running binary's Info.
func Read() Info {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return Info{Version: Devel}
	}
	return FromBuildInfo(bi)
}

// FromBuildInfo returns the Info a binary's build info holds.
func FromBuildInfo(bi *debug.BuildInfo) Info {
	i := Info{Version: bi.Main.Version, GoVersion: bi.GoVersion}
	if i.Version == "" {
		i.Version = Devel
	}
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			i.Revision = s.Value
		case "vcs.time":
			i.Time = s.Value
		case "vcs.modified":
			i.Modified = s.Value == "true"
		case "GOOS":
			i.OS = s.Value
		case "GOARCH":
			i.Arch = s.Value
		}
	}
	return i
}

// String returns the one line --version prints, e.g.
// "asyncgantt v0.3.0 (revision 0123456789ab, 2026-02-16)".
func (i Info) String() string {
	s := "asyncgantt " + i.Version
	var about []string
	if i.Revision != "" {
		rev := i.Revision[:min(12, len(i.Revision))]
		if i.Modified {
			rev += ", modified"
		}
		about = append(about, "revision "+rev)
	}
	if len(i.Time) >= 10 {
		about = append(about, i.Time[:10])
	}
	if len(about) > 0 {
		s += " (" + strings.Join(about, ", ") + ")"
	}
	return s
}

// semverRE matches a Go module version: vMAJOR.MINOR.PATCH, a prerelease
// and build metadata.
var semverRE = regexp.MustCompile(`^v(\d+)\.(\d+)\.(\d+)(?:-([0-9A-Za-z.-]+))?(?:\+([0-9A-Za-z.-]+))?$`)

// pseudoRE matches a pseudo-version's prerelease: a timestamp and a
// revision, alone, after "0." (the base is a release) or after "PRE.0."
// (the base is a prerelease).
var pseudoRE = regexp.MustCompile(`^(?:(?:(.+)\.)?0\.)?(\d{14})-([0-9a-f]{12})$`)

// preRE matches a prerelease Python packaging has a word for.
var preRE = regexp.MustCompile(`^(alpha|a|beta|b|rc|c)\.?(\d+)$`)

// PEP440 returns a Go module version as Python packaging writes versions:
// "v0.3.0" is "0.3.0", "v0.3.0-rc.1" is "0.3.0rc1", the pseudo-version
// "v0.3.1-0.20260216120000-abcdef123456" is
// "0.3.1.dev20260216120000+gabcdef123456", and "+dirty" becomes ".dirty"
// in the local part. Devel and other prereleases are an error.
func PEP440(v string) (string, error) {
	m := semverRE.FindStringSubmatch(v)
	if m == nil {
		if v == Devel || v == "" {
			return "", fmt.Errorf("the binary records no version (%s): it was built outside a git clone, in a git worktree, or with -buildvcs=false", Devel)
		}
		return "", fmt.Errorf("%q is not a module version such as v1.2.3", v)
	}
	release := m[1] + "." + m[2] + "." + m[3]
	pre, build := m[4], m[5]
	var local []string
	out := release
	if p := pseudoRE.FindStringSubmatch(pre); p != nil {
		// A pseudo-version comes before the release it names: a
		// development release of it, with the revision as local label.
		base := p[1]
		if base != "" {
			q, err := prerelease(base)
			if err != nil {
				return "", fmt.Errorf("%s: %v", v, err)
			}
			out += q
		}
		out += ".dev" + p[2]
		local = append(local, "g"+p[3])
	} else if pre != "" {
		q, err := prerelease(pre)
		if err != nil {
			return "", fmt.Errorf("%s: %v", v, err)
		}
		out += q
	}
	if build != "" {
		local = append(local, strings.Split(strings.ReplaceAll(build, "-", "."), ".")...)
	}
	if len(local) > 0 {
		out += "+" + strings.ToLower(strings.Join(local, "."))
	}
	return out, nil
}

// prerelease returns a prerelease as PEP 440 writes it: "rc.1" is "rc1".
func prerelease(pre string) (string, error) {
	m := preRE.FindStringSubmatch(strings.ToLower(pre))
	if m == nil {
		return "", fmt.Errorf("prerelease %q has no Python equivalent: use alpha.N, beta.N or rc.N", pre)
	}
	word := map[string]string{"alpha": "a", "a": "a", "beta": "b", "b": "b", "rc": "rc", "c": "rc"}[m[1]]
	return word + m[2], nil
}
