package figure

import "testing"

// BenchmarkPoseAndDraw: the work a build does per exercise figure: pose
// every frame (Check) and draw it (SVG), for a two-frame bridge.
func BenchmarkPoseAndDraw(b *testing.B) {
	for i := 0; i < b.N; i++ {
		f := &Figure{Props: []Prop{{Name: "mat"}}, Frames: []Frame{
			frame("lying-back", a{"hips": 45, "knees": 105}),
			frame("lying-back", a{"hips": 0, "knees": 105, "shoulders": 20}),
		}}
		Check(f, nil)
		SVG(f, "Bridge", "fig", nil)
	}
}
