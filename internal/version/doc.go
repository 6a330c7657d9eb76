// Package version says which asyncgantt a binary is: the module version
// and version control revision the Go toolchain records in every binary
// (runtime/debug.ReadBuildInfo, debug/buildinfo for another binary), and
// the same version as Python packaging writes it (PEP 440), for the wheels
// that carry the binary.
//
// The version has one source: the git tag a release is built from
// ("v0.3.0"), which go install NAME@v0.3.0 and a build in a git clone
// record alike; between tags Go records a pseudo-version
// ("v0.3.1-0.20260216120000-abcdef123456"). The command's --version and
// the wheels' metadata both read it from the binary.
//
// It imports only the standard library, and nothing of ours.
package version
