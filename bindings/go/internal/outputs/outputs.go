// Package outputs holds what the tests share to hold a Go program's output to what
// TypeScript writes: the files a synthesis wrote, and where two texts first differ.
package outputs

import (
	"fmt"
	"os"
	"strings"
)

// FileNames lists the names of the files in dir, in name order.
func FileNames(dir string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, err
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names, nil
}

// FirstDifference says where want and got first differ, or "" when they are equal.
func FirstDifference(want, got string) string {
	if want == got {
		return ""
	}
	wl, gl := strings.SplitAfter(want, "\n"), strings.SplitAfter(got, "\n")
	for i := 0; i < len(wl) || i < len(gl); i++ {
		var w, g string
		if i < len(wl) {
			w = wl[i]
		}
		if i < len(gl) {
			g = gl[i]
		}
		if w != g {
			return fmt.Sprintf("line %d: want %q, got %q (%d bytes wanted, %d got)", i+1, w, g, len(want), len(got))
		}
	}
	return fmt.Sprintf("%d bytes wanted, %d got", len(want), len(got))
}
