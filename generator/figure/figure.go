// Package figure is the model of an exercise's picture: a short
// description of its poses, one or more frames (usually start and end)
// with props, and the posing that places each frame as a body would lie or
// stand. Package draw (figure/draw) draws it as line figures seen from the
// side, with the floor, props and an arrow for the movement.
//
// A pose is a base position (standing, lying on the back, ...) and the
// angles of the main joints in degrees, as a clinician measures them: 0 is
// the joint straight (the arm hanging, the trunk upright or flat), flexion
// is positive. The body is a small skeleton of fixed segment lengths, placed
// by forward kinematics from the pelvis, so limbs keep their lengths in
// every pose. Lying, kneeling on all fours and plank poses settle onto the
// floor as a rigid body would; upright poses stand on their feet (or sit,
// or kneel) and may not reach through the floor.
//
// The package knows nothing of pages or drawing: package schema decodes
// figures from front matter and calls Check, which poses every frame;
// package draw poses them again (Pose) to draw them.
package figure

import (
	"fmt"
	"slices"
	"strings"

	"handbook/generator/diag"
)

// Joint is one of the joints a pose sets.
type Joint int

// The joints, trunk first. Joints from Hips on have a left and a right side.
const (
	Trunk             Joint = iota // the lean of the trunk: forward from upright, up from flat
	Spine                          // the curve of the back: rounded is positive, arched negative
	Neck                           // the head bent forward (positive) or back
	Turn                           // the upper body turned on the hips: to the left is positive
	Hips                           // flexion: the thigh forward of the trunk
	Knees                          // flexion: the heel toward the buttock
	Ankles                         // dorsiflexion (toes up) positive, pointing the foot negative
	Shoulders                      // flexion: the arm forward and up; 180 is overhead
	Elbows                         // flexion
	HipAbduction                   // the leg out to the side
	ShoulderAbduction              // the arm out to the side; 90 is level with the shoulder
	NumJoints
)

// JointNames are the front-matter keys of the joints, in Joint order.
var JointNames = [NumJoints]string{"trunk", "spine", "neck", "turn", "hips", "knees", "ankles", "shoulders", "elbows",
	"hip-abduction", "shoulder-abduction"}

func (j Joint) String() string { return JointNames[j] }

// Sided reports whether the joint may differ between left and right.
func (j Joint) Sided() bool { return j >= Hips }

// Range is the angles a joint may take, in degrees, with a hint for authors.
type Range struct {
	Lo, Hi float64
	Hint   string
}

// Ranges are the joints' ranges: a little wider than typical active range,
// so that every real exercise fits and a slip of the pen does not.
var Ranges = [NumJoints]Range{
	Trunk:     {-60, 120, "0 is upright (or flat when lying); leaning or curling forward is positive"},
	Spine:     {-40, 45, "0 is a neutral back; rounded is positive, arched is negative"},
	Neck:      {-50, 60, "0 is in line with the trunk; chin toward chest is positive"},
	Hips:      {-40, 150, "0 is the thigh in line with the trunk; 90 is sitting; behind the body is negative"},
	Knees:     {0, 160, "0 is a straight knee; 90 is a right angle"},
	Ankles:    {-90, 40, "0 is the foot at a right angle to the shin; pointing the toes is negative"},
	Shoulders: {-90, 190, "0 is the arm by the side; 90 is forward; 180 is overhead"},
	Elbows:    {0, 160, "0 is a straight elbow"},
	Turn:      {-70, 70, "0 faces the way the hips face; turned to the left is positive"},

	HipAbduction:      {-20, 60, "0 is the leg straight down from the hip; out to the side is positive"},
	ShoulderAbduction: {-10, 180, "0 is the arm by the side; 90 is out to the side at shoulder height"},
}

// Angle is a joint's angle on each side, in degrees.
type Angle struct{ Left, Right float64 }

// Frame is one pose of a figure.
type Frame struct {
	Base   string
	Angles [NumJoints]Angle
	Set    [NumJoints]bool     // the angles the author gave; others take the base's
	At     [NumJoints]diag.Pos // where each was given
	Arrow  string              // a Part to draw the movement of, "none", or "" to choose
	Front  bool                // seen from the front (view: front) rather than the side
	Pos    diag.Pos            // the frame's base key
}

// Prop is a piece of equipment drawn with the figure.
type Prop struct {
	Name string
	At   string // where it goes: a Part, or "" for the prop's usual place
	Pos  diag.Pos
}

// Figure is an exercise's picture.
type Figure struct {
	Frames []Frame
	Props  []Prop
	Pos    diag.Pos
}

// Bases are the base positions, in the order the schema lists them.
var Bases = []string{"standing", "sitting", "kneeling", "lying-back", "lying-front", "side-lying", "hands-knees", "plank"}

// Upright reports whether base stands, sits or kneels: the bases that may
// be seen from the front.
func Upright(Base string) bool {
	b := BaseOf(Base)
	return b != nil && !b.Rest
}

// Props are the props that can be drawn.
var Props = []string{"mat", "wall", "chair", "bench", "step", "band", "dumbbell", "kettlebell", "foam-roller", "bar", "cable", "bike", "water"}

// Parts are the places a prop or an arrow can be put.
var Parts = []string{"head", "chest", "upper-back", "hips", "hands", "left-hand", "right-hand",
	"left-elbow", "right-elbow", "knees", "left-knee", "right-knee", "feet", "left-foot", "right-foot", "back", "calves"}

// propParts are where each prop may be put. A prop written without "at"
// goes to its usual place (see place); mat, bike and water have no choice.
var propParts = map[string][]string{
	"mat":         nil,
	"wall":        {"hands", "back", "feet"},
	"chair":       {"hips", "hands"},
	"bench":       {"hips", "hands"},
	"step":        {"feet", "left-foot", "right-foot", "hands"},
	"band":        {"hands", "feet", "knees"},
	"dumbbell":    {"hands", "left-hand", "right-hand"},
	"kettlebell":  {"hands"},
	"foam-roller": {"upper-back", "back", "hips", "calves"},
	"bar":         {"hands"},
	"cable":       {"hands"},
	"bike":        nil,
	"water":       nil,
}

// Place is where p goes: where the author put it, or the prop's usual
// place; "" for a prop with no choice (mat, bike, water).
func (p Prop) Place() string {
	if p.At == "" && len(propParts[p.Name]) > 0 {
		return propParts[p.Name][0]
	}
	return p.At
}

// Places are the places prop may be put, its usual place first; none for
// a prop with no choice.
func Places(prop string) []string { return slices.Clone(propParts[prop]) }

// Check reports every problem with f that decoding cannot see: a prop at a
// place it cannot go, and a frame that cannot be posed (the body through the
// floor, or tipping over). Names and angles were checked as they were read.
func Check(f *Figure, errs *diag.List) {
	for _, p := range f.Props {
		parts, known := propParts[p.Name]
		if !known || p.At == "" {
			continue
		}
		if !contains(parts, p.At) {
			hint := "leave out at: it has one place"
			if len(parts) > 0 {
				hint = "use one of: " + strings.Join(parts, ", ")
			}
			errs.AddHint(p.Pos, hint, "a %s cannot go at %q", p.Name, p.At)
		}
	}
	for i := range f.Frames {
		fr := &f.Frames[i]
		if BaseOf(fr.Base) == nil {
			continue // reported when read
		}
		if _, err := pose(fr, f.Props); err != nil {
			errs.AddHint(fr.Pos, err.hint, "%s", err.msg)
		}
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// poseError is why a frame cannot be posed.
type poseError struct{ msg, hint string }

func errorf(hint, format string, args ...any) *poseError {
	return &poseError{msg: fmt.Sprintf(format, args...), hint: hint}
}
