// Package figuretest makes figures for the tests of packages figure and
// draw: frames written as a base and a few joint angles.
package figuretest

import (
	"strings"

	"handbook/generator/figure"
)

// A is joint angles by name ("hips", "left-knees"), in degrees.
type A = map[string]float64

// Frame is a frame of base with angles set, the same on both sides unless
// a key is "left-..." or "right-...". A joint set on one side only keeps
// the base's angle on the other.
func Frame(base string, angles A) figure.Frame {
	fr := figure.Frame{Base: base}
	for k, v := range angles {
		side, name, _ := strings.Cut(k, "-")
		if side != "left" && side != "right" {
			side, name = "", k
		}
		for j := figure.Joint(0); j < figure.NumJoints; j++ {
			if figure.JointNames[j] != name {
				continue
			}
			if !fr.Set[j] {
				d := figure.BaseOf(base).Defaults[j]
				fr.Angles[j] = figure.Angle{Left: d, Right: d}
				fr.Set[j] = true
			}
			switch side {
			default:
				fr.Angles[j] = figure.Angle{Left: v, Right: v}
			case "left":
				fr.Angles[j].Left = v
			case "right":
				fr.Angles[j].Right = v
			}
		}
	}
	return fr
}

// Front is fr seen from the front.
func Front(fr figure.Frame) figure.Frame { fr.Front = true; return fr }
