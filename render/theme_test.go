package render

import (
	"strings"
	"testing"

	"github.com/asyncgantt/asyncgantt/internal/testtrace"
)

// TestLookupThemeCopies checks that a theme looked up is the caller's own:
// changing it changes no built-in theme.
func TestLookupThemeCopies(t *testing.T) {
	a := theme(t, "light")
	a.Background = "#000000"
	a.Styles[ClassTitle] = Style{Fill: "#ff0000"}
	b := theme(t, "light")
	if b.Background != "#ffffff" || b.Styles[ClassTitle].Fill != "#1a1a1a" {
		t.Errorf("changing a looked-up theme changed the built-in: background %s, title %+v", b.Background, b.Styles[ClassTitle])
	}
}

func TestBuiltinThemesAreValid(t *testing.T) {
	for _, name := range ThemeNames() {
		if err := theme(t, name).Validate(); err != nil {
			t.Errorf("built-in theme %s: %v", name, err)
		}
	}
}

func TestThemeErrors(t *testing.T) {
	if _, err := LookupTheme("neon"); err == nil || err.Error() != `unknown theme "neon": choose one of dark, light, print` {
		t.Errorf("LookupTheme(neon): %v", err)
	}
	if _, err := LookupTheme("slide"); err == nil || !strings.Contains(err.Error(), `"slide" is a size`) {
		t.Errorf("LookupTheme(slide): %v", err)
	}
	tests := []struct {
		name   string
		change func(th *Theme)
		want   string
	}{
		{"Background", func(th *Theme) { th.Background = "white" },
			`theme "light": background: colour "white" is not valid: use a CSS hex colour such as #0072b2 or #07b`},
		{"ClassName", func(th *Theme) { th.Styles["a{fill:red}"] = Style{} },
			`theme "light": class "a{fill:red}" is not a CSS class name: use letters, digits, - and _`},
		{"ClassDigit", func(th *Theme) { th.Styles["1x"] = Style{} },
			`theme "light": class "1x" is not a CSS class name: use letters, digits, - and _`},
		{"Fill", func(th *Theme) { th.Styles[ClassTitle] = Style{Fill: "#fff;}</style><script>"} },
			`theme "light": class title: fill: colour "#fff;}</style><script>" is not valid: use a CSS hex colour such as #0072b2 or #07b`},
		{"Stroke", func(th *Theme) { th.Styles[ClassAxis] = Style{Stroke: "#12345", StrokeWidth: 1} },
			`theme "light": class axis: stroke: colour "#12345" is not valid: use a CSS hex colour such as #0072b2 or #07b`},
		{"StrokeWidth", func(th *Theme) { th.Styles[ClassAxis] = Style{Stroke: "#123", StrokeWidth: -1} },
			`theme "light": class axis: stroke width -1 is out of range: use 0 to 100 pixels`},
		{"Opacity", func(th *Theme) { th.Styles[ClassAxis] = Style{Opacity: 2} },
			`theme "light": class axis: opacity 2 is out of range: use 0 to 1 (0 for opaque)`},
		{"Dash", func(th *Theme) { th.Styles[ClassAxis] = Style{Dash: "4 x"} },
			`theme "light": class axis: dash "4 x" is not valid: use lengths in pixels separated by spaces, e.g. "4 3"`},
		{"Pattern", func(th *Theme) { th.Styles[ClassAxis] = Style{Pattern: "stripes", PatternColor: "#000"} },
			`theme "light": class axis: pattern "stripes" is not valid: use hatch, dots, cross or none`},
		{"PatternColor", func(th *Theme) { th.Styles[ClassAxis] = Style{Pattern: "dots"} },
			`theme "light": class axis: pattern dots has no colour: set PatternColor`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			th := theme(t, "light")
			tt.change(th)
			if err := th.Validate(); err == nil || err.Error() != tt.want {
				t.Errorf("Validate: %v\nwant %s", err, tt.want)
			}
			if _, err := Layout(testtrace.Sample("A"), Options{Theme: th}); err == nil || err.Error() != tt.want {
				t.Errorf("Layout: %v\nwant %s", err, tt.want)
			}
		})
	}
}

// TestOwnTheme checks that a theme of one's own draws: the figure uses it,
// and a missing class is drawn without style rather than refused.
func TestOwnTheme(t *testing.T) {
	th := &Theme{Name: "mine", Background: "#fafafa", Styles: map[string]Style{BarClass("waiting"): {Fill: "#abc"}}}
	fig, err := Layout(testtrace.Sample("A"), Options{Theme: th})
	if err != nil {
		t.Fatal(err)
	}
	if fig.Theme != th {
		t.Errorf("the figure's theme is %+v, want the one given", fig.Theme)
	}
}
