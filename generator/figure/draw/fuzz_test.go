package draw

import (
	"bytes"
	"encoding/xml"
	"testing"

	"handbook/generator/diag"
	"handbook/generator/figure"
)

// FuzzFigure: any figure that decoding lets through (angles within range,
// known bases and props) is checked and drawn without a panic, as
// well-formed SVG with no NaN or infinity in it, whatever the angles.
func FuzzFigure(f *testing.F) {
	f.Add([]byte{3, 40, 90, 200, 0, 1}, []byte{0, 5})
	f.Add([]byte{0, 0, 0, 0, 255, 255, 255, 7, 128}, []byte{2, 3, 11})
	f.Add([]byte{6, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}, []byte{12, 1})
	f.Fuzz(func(t *testing.T, data, props []byte) {
		fig := &figure.Figure{}
		for i, b := range props {
			if i >= 4 {
				break
			}
			p := figure.Prop{Name: figure.Props[int(b)%len(figure.Props)]}
			if parts := figure.Places(p.Name); len(parts) > 0 && b >= 128 {
				p.At = parts[int(b)%len(parts)]
			}
			fig.Props = append(fig.Props, p)
		}
		// each frame: a base byte, then one byte per joint and side
		const per = 1 + 2*int(figure.NumJoints)
		for len(data) > 0 && len(fig.Frames) < 6 {
			fr := figure.Frame{Base: figure.Bases[int(data[0])%len(figure.Bases)]}
			fr.Front = data[0]&0x80 != 0 && figure.Upright(fr.Base)
			for j := figure.Joint(0); j < figure.NumJoints; j++ {
				k := 1 + 2*int(j)
				if k+1 >= len(data) {
					break
				}
				r := figure.Ranges[j]
				at := func(b byte) float64 { return r.Lo + (r.Hi-r.Lo)*float64(b)/255 }
				fr.Angles[j], fr.Set[j] = figure.Angle{Left: at(data[k]), Right: at(data[k+1])}, data[k]%3 != 0
				if !j.Sided() {
					fr.Angles[j].Right = fr.Angles[j].Left
				}
			}
			fr.Arrow = []string{"", "none", "hips", "left-foot", "hands"}[len(fig.Frames)%5]
			fig.Frames = append(fig.Frames, fr)
			data = data[min(per, len(data)):]
		}
		if len(fig.Frames) == 0 {
			return
		}
		var errs diag.List
		figure.Check(fig, &errs)
		svg := SVG(fig, "T", "f", nil)
		if err := xml.Unmarshal(svg, new(struct{})); err != nil {
			t.Fatalf("not well-formed: %v\n%s", err, svg)
		}
		if bytes.Contains(svg, []byte("NaN")) || bytes.Contains(svg, []byte("Inf")) {
			t.Fatalf("a number is not finite:\n%s", svg)
		}
		_ = Describe(fig, nil)
	})
}
