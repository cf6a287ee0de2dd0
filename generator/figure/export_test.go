package figure

// For the tests of package figure_test: the posing's error and its roll.

func PoseWithError(fr *Frame, props []Prop) (*Posed, string) {
	ps, err := pose(fr, props)
	if err != nil {
		return ps, err.msg
	}
	return ps, ""
}

func (ps *Posed) Tip() float64 { return ps.tip }

var AllBases = bases

const (
	TorsoLen    = torsoLen
	ThighLen    = thighLen
	ShinLen     = shinLen
	UpperArmLen = upperArmLen
	ForearmLen  = forearmLen
	FootLen     = footLen
	Tolerance   = tolerance
)
