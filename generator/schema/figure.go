package schema

import (
	"fmt"
	"strconv"
	"strings"

	"go.yaml.in/yaml/v3"

	"handbook/generator/diag"
	"handbook/generator/figure"
	"handbook/generator/handbook"
)

// figure decodes an exercise's figure:
//
//	figure:
//	  props: [mat, {prop: band, at: feet}]
//	  frames:
//	    - base: lying-back
//	      knees: 90
//	      hips: {left: 90, right: 0}
//	      arrow: hips
//
// and checks that every frame can be posed.
func (d *decoder) figure(n *yaml.Node) *figure.Figure {
	f := &figure.Figure{Pos: d.pos(n)}
	d.mapping(n, "figure", []field{
		{key: "props", decode: func(n *yaml.Node) {
			d.list(n, "props", func(c *yaml.Node) { f.Props = append(f.Props, d.prop(c)) })
		}},
		{key: "frames", required: true, decode: func(n *yaml.Node) {
			d.list(n, "frames", func(c *yaml.Node) { f.Frames = append(f.Frames, d.frame(c)) })
			if len(f.Frames) == 0 {
				d.errs.AddHint(d.pos(n), "add a frame for the start position, and one for the end", "frames is empty")
			}
		}},
	})
	if len(f.Frames) > 6 {
		d.errs.AddHint(f.Pos, "show the start and end, and at most four steps between", "a figure may have at most 6 frames, not %d", len(f.Frames))
		f.Frames = f.Frames[:6]
	}
	figure.Check(f, d.errs)
	return f
}

func (d *decoder) prop(n *yaml.Node) figure.Prop {
	p := figure.Prop{Pos: d.pos(n)}
	if n.Kind == yaml.MappingNode {
		d.mapping(n, "prop", []field{
			{key: "prop", required: true, decode: func(n *yaml.Node) { p.Name = d.enum(n, "prop", figure.Props) }},
			{key: "at", decode: func(n *yaml.Node) { p.At = d.enum(n, "at", figure.Parts) }},
		})
		return p
	}
	p.Name = d.enum(n, "prop", figure.Props)
	return p
}

func (d *decoder) frame(n *yaml.Node) figure.Frame {
	fr := figure.Frame{Pos: d.pos(n)}
	var viewPos diag.Pos
	fields := []field{
		{key: "base", required: true, decode: func(n *yaml.Node) {
			fr.Base = d.enum(n, "base", figure.Bases)
			fr.Pos = d.pos(n)
		}},
		{key: "arrow", decode: func(n *yaml.Node) {
			fr.Arrow = d.enum(n, "arrow", append([]string{"none"}, figure.Parts...))
		}},
		{key: "view", decode: func(n *yaml.Node) {
			fr.Front = d.enum(n, "view", []string{"side", "front"}) == "front"
			viewPos = d.pos(n)
		}},
	}
	for j := figure.Joint(0); j < figure.NumJoints; j++ {
		fields = append(fields, field{key: j.String(), decode: func(n *yaml.Node) {
			fr.Angles[j], fr.Set[j] = d.angle(n, j)
			fr.At[j] = d.pos(n)
		}})
	}
	d.mapping(n, "frame", fields)
	if fr.Front && !figure.Upright(fr.Base) {
		d.errs.AddHint(viewPos, "draw lying, all-fours and plank frames from the side", "a %s frame cannot be seen from the front", fr.Base)
		fr.Front = false
	}
	return fr
}

// angle decodes a joint's angle: a number of degrees, or for a joint with
// sides, {left: n, right: n}.
func (d *decoder) angle(n *yaml.Node, j figure.Joint) (figure.Angle, bool) {
	if n.Kind == yaml.MappingNode && j.Sided() {
		var a figure.Angle
		ok := true
		d.mapping(n, j.String(), []field{
			{key: "left", required: true, decode: func(n *yaml.Node) {
				var good bool
				a.Left, good = d.degrees(n, j, "left ")
				ok = ok && good
			}},
			{key: "right", required: true, decode: func(n *yaml.Node) {
				var good bool
				a.Right, good = d.degrees(n, j, "right ")
				ok = ok && good
			}},
		})
		return a, ok
	}
	v, ok := d.degrees(n, j, "")
	return figure.Angle{Left: v, Right: v}, ok
}

func (d *decoder) degrees(n *yaml.Node, j figure.Joint, side string) (float64, bool) {
	name := side + j.String()
	if n.Kind != yaml.ScalarNode || n.Tag != "!!int" && n.Tag != "!!float" {
		hint := "write a number of degrees, such as 90"
		if j.Sided() && side == "" {
			hint += ", or {left: 90, right: 0} when the sides differ"
		}
		d.errs.AddHint(d.pos(n), hint, "%s must be a number of degrees, not %s", name, kindName(n))
		return 0, false
	}
	v, err := strconv.ParseFloat(strings.ReplaceAll(n.Value, "_", ""), 64)
	r := figure.Ranges[j]
	if err != nil || v < r.Lo || v > r.Hi || v != v {
		d.errs.AddHint(d.pos(n), r.Hint, "%s of %s° is outside the %s's range (%s to %s°)",
			name, n.Value, strings.TrimSuffix(j.String(), "s"), fmtDeg(r.Lo), fmtDeg(r.Hi))
		return 0, false
	}
	return v, true
}

func fmtDeg(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// checkImage checks an exercise's own picture: its path, credit and licence
// all given, and no figure besides. Whether the file exists is checked with
// the other links, when the pages are converted.
func (d *decoder) checkImage(root *yaml.Node, e *handbook.Exercise) {
	img := e.Image
	if img == nil {
		return
	}
	for _, k := range []struct{ key, value string }{{"image", img.Path}, {"image-credit", img.Credit}, {"image-license", img.License}} {
		if k.value == "" && !hasKey(root, k.key) {
			d.errs.AddHint(img.Pos, fmt.Sprintf("add a line %s: ... so that readers know whose picture it is and how it may be used", k.key),
				"an exercise's image needs %s", k.key)
		}
	}
	if e.Figure != nil {
		d.errs.AddHint(img.Pos, "keep the figure or the image, not both", "an exercise has a figure and an image")
	}
}

func hasKey(m *yaml.Node, key string) bool {
	for i := 0; i+1 < len(m.Content); i += 2 {
		if m.Content[i].Value == key {
			return true
		}
	}
	return false
}
