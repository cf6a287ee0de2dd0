package draw

import (
	"testing"

	"handbook/generator/figure"
)

// BenchmarkPoseAndDraw: the work a build does per exercise figure: pose
// every frame (Check) and draw it (SVG), for a two-frame bridge.
func BenchmarkPoseAndDraw(b *testing.B) {
	for i := 0; i < b.N; i++ {
		f := &figure.Figure{Props: []figure.Prop{{Name: "mat"}}, Frames: []figure.Frame{
			frame("lying-back", a{"hips": 45, "knees": 105}),
			frame("lying-back", a{"hips": 0, "knees": 105, "shoulders": 20}),
		}}
		figure.Check(f, nil)
		SVG(f, "Bridge", "fig", nil)
	}
}
