package diag

import "strings"

// Suggest returns the candidate closest to word, or "" if none is close
// enough to be a likely typo. Underscores and case are ignored first, so
// "avoid_if" suggests "avoid-if".
func Suggest(word string, candidates []string) string {
	norm := strings.ReplaceAll(strings.ToLower(word), "_", "-")
	best, bestDist := "", 0
	for _, c := range candidates {
		if c == norm {
			return c
		}
		d := distance(norm, c)
		if best == "" || d < bestDist {
			best, bestDist = c, d
		}
	}
	limit := 2
	if len(norm) > 8 {
		limit = 3
	}
	if best == "" || bestDist > limit || bestDist >= len(norm) {
		return ""
	}
	return best
}

// distance is the Levenshtein edit distance between a and b, in bytes.
func distance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
