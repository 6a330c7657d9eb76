package markdown_test

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/asyncgantt/asyncgantt/markdown"
)

// boxRenderer draws every block as the same small SVG.
type boxRenderer struct{}

func (boxRenderer) Render(b *markdown.Block, name string) (*markdown.Figure, error) {
	svg := `<svg xmlns="http://www.w3.org/2000/svg" width="10" height="10"/>`
	return &markdown.Figure{Files: []markdown.File{{Name: name + ".svg", Data: []byte(svg)}}, Alt: "A box"}, nil
}

func ExamplePlan() {
	dir, _ := os.MkdirTemp("", "example")
	defer os.RemoveAll(dir)
	page := filepath.Join(dir, "lesson.md")
	os.WriteFile(page, []byte("# Lesson\n\n```asyncgantt {theme: dark}\ntasks: {A: 1s}\n```\n"), 0o644)

	changes, err := markdown.Plan([]string{page}, boxRenderer{}, markdown.Config{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Println("before:", changes.Pages[0].Summary())
	changes.Apply(nil)
	text, _ := os.ReadFile(page)
	fmt.Print(string(text))

	again, _ := markdown.Plan([]string{page}, boxRenderer{}, markdown.Config{})
	fmt.Println("after:", again.Pages[0].Summary())
	// Output:
	// before: 1 figure file to write, the page to update
	// # Lesson
	//
	// ```asyncgantt {theme: dark}
	// tasks: {A: 1s}
	// ```
	//
	// <!-- asyncgantt:figure (written by asyncgantt markdown from the block above; edits here are replaced) -->
	// ![A box](figures/lesson-652f0fd33285.svg)
	// <!-- asyncgantt:end -->
	// after: up to date
}
