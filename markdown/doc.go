// Package markdown keeps asyncgantt figures in Markdown pages: it finds a
// page's asyncgantt blocks, has each drawn, and writes or refreshes the
// link to its figure right after the block, between markers, so that
// running it again changes nothing when nothing changed.
//
// A block is a fenced code block whose info string is "asyncgantt" (a
// scenario, in the scenario language) or "python asyncgantt" (a Python
// program), optionally followed by options as a YAML flow mapping:
//
//	```asyncgantt {theme: dark, runs: [Concurrent]}
//	tasks: ...
//	```
//
// The package knows Markdown (CommonMark, parsed by goldmark, so that a
// fence inside a longer fence, an indented code block or an HTML block is
// not taken for a block), the markers it writes, the options that concern
// the page (alt, hide-source, transcript-block) and how figure files are
// named: after the page and a hash of the block, its options and the
// command's settings, so names are deterministic and a figure whose block
// changed or went away is removed. It knows nothing of scenarios, Python
// or figure formats: a Renderer supplied by the caller draws each block.
//
// Plan reads pages and works out what keeping them fresh takes, writing
// nothing; Changes.Stale says which pages are stale (for --check) and
// Changes.Apply writes the figures and pages atomically and removes stale
// figures.
//
// It must not import scenarios, render or pytrace: the command line wires
// them in through Renderer.
package markdown
