package krakenproto

// The few Python behaviours the error messages depend on, so that Go's errors read exactly like
// kraken_proto's (and like the npm package's, see ts/python.ts): repr() of a str, str.strip(),
// str.casefold() and str.upper() (for the inputs that matter here), and difflib.get_close_matches()
// with its SequenceMatcher (isjunk=None, autojunk=True).

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
)

// pyRepr is Python's repr() of a str.
func pyRepr(value string) string {
	quote := "'"
	if strings.Contains(value, "'") && !strings.Contains(value, `"`) {
		quote = `"`
	}
	var out strings.Builder
	out.WriteString(quote)
	for _, ch := range value {
		switch {
		case string(ch) == quote || ch == '\\':
			out.WriteString(`\` + string(ch))
		case ch == '\t':
			out.WriteString(`\t`)
		case ch == '\n':
			out.WriteString(`\n`)
		case ch == '\r':
			out.WriteString(`\r`)
		case ch < 0x20 || ch == 0x7f:
			fmt.Fprintf(&out, `\x%02x`, ch)
		case ch < 0x7f || printable(ch):
			out.WriteRune(ch)
		case ch <= 0xff:
			fmt.Fprintf(&out, `\x%02x`, ch)
		case ch <= 0xffff:
			fmt.Fprintf(&out, `\u%04x`, ch)
		default:
			fmt.Fprintf(&out, `\U%08x`, ch)
		}
	}
	out.WriteString(quote)
	return out.String()
}

// printable is Python's str.isprintable() for one non-ASCII character: not in Cc, Cf, Cs, Co, Cn,
// Zl, Zp or Zs.
func printable(ch rune) bool {
	if !unicode.In(ch, unicode.L, unicode.M, unicode.N, unicode.P, unicode.S, unicode.Z, unicode.C) {
		return false // unassigned (Cn)
	}
	return !unicode.In(ch, unicode.Cc, unicode.Cf, unicode.Cs, unicode.Co, unicode.Zl, unicode.Zp, unicode.Zs)
}

// pyStrip is Python's str.strip() (its whitespace set, which is not strings.TrimSpace's).
func pyStrip(text string) string {
	return strings.TrimFunc(text, func(r rune) bool {
		return r == '\t' || r == '\n' || r == '\v' || r == '\f' || r == '\r' || (r >= 0x1c && r <= 0x1f) || r == ' ' ||
			r == 0x85 || r == 0xa0 || r == 0x1680 || (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 ||
			r == 0x202f || r == 0x205f || r == 0x3000
	})
}

// pyUpper is Python's str.upper() for the inputs that matter here: Go's simple case mapping plus ß.
func pyUpper(text string) string {
	return strings.ToUpper(strings.ReplaceAll(text, "ß", "SS"))
}

// casefold is Python's str.casefold(), approximately as ts/python.ts does it: upper- then lower-case.
func casefold(text string) string {
	return strings.ToLower(pyUpper(text))
}

// getCloseMatches is Python's difflib.get_close_matches(word, possibilities, n, cutoff).
func getCloseMatches(word string, possibilities []string, n int, cutoff float64) []string {
	b := []rune(word)
	b2j := indexOf(b)
	type scored struct {
		score float64
		text  string
	}
	var found []scored
	for _, x := range possibilities {
		// real_quick_ratio() and quick_ratio() are upper bounds of ratio(): filtering on ratio()
		// alone keeps exactly what difflib keeps.
		a := []rune(x)
		total := len(a) + len(b)
		score := 1.0
		if total > 0 {
			score = 2.0 * float64(matches(a, b, b2j)) / float64(total)
		}
		if score >= cutoff {
			found = append(found, scored{score, x})
		}
	}
	// heapq.nlargest(n, [(score, x)]): by score, then by the string (code points), both descending.
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].score != found[j].score {
			return found[i].score > found[j].score
		}
		return compareRunes(found[i].text, found[j].text) > 0
	})
	var out []string
	for i := 0; i < len(found) && i < n; i++ {
		out = append(out, found[i].text)
	}
	return out
}

func compareRunes(p, q string) int {
	a, b := []rune(p), []rune(q)
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return int(a[i]) - int(b[i])
		}
	}
	return len(a) - len(b)
}

// indexOf is SequenceMatcher.__chain_b with isjunk=None, autojunk=True: popular elements of long
// sequences are left out of the index (but are not junk).
func indexOf(b []rune) map[rune][]int {
	b2j := map[rune][]int{}
	for i, elt := range b {
		b2j[elt] = append(b2j[elt], i)
	}
	if len(b) >= 200 {
		ntest := len(b)/100 + 1
		for elt, idxs := range b2j {
			if len(idxs) > ntest {
				delete(b2j, elt)
			}
		}
	}
	return b2j
}

// matches is the total size of SequenceMatcher(None, a, b).get_matching_blocks().
func matches(a, b []rune, b2j map[rune][]int) int {
	total := 0
	queue := [][4]int{{0, len(a), 0, len(b)}}
	for len(queue) > 0 {
		q := queue[len(queue)-1]
		queue = queue[:len(queue)-1]
		alo, ahi, blo, bhi := q[0], q[1], q[2], q[3]
		i, j, k := longestMatch(a, b, b2j, alo, ahi, blo, bhi)
		if k > 0 {
			total += k
			if alo < i && blo < j {
				queue = append(queue, [4]int{alo, i, blo, j})
			}
			if i+k < ahi && j+k < bhi {
				queue = append(queue, [4]int{i + k, ahi, j + k, bhi})
			}
		}
	}
	return total
}

// longestMatch is SequenceMatcher.find_longest_match with no junk.
func longestMatch(a, b []rune, b2j map[rune][]int, alo, ahi, blo, bhi int) (int, int, int) {
	besti, bestj, bestsize := alo, blo, 0
	j2len := map[int]int{}
	for i := alo; i < ahi; i++ {
		newj2len := map[int]int{}
		for _, j := range b2j[a[i]] {
			if j < blo {
				continue
			}
			if j >= bhi {
				break
			}
			k := j2len[j-1] + 1
			newj2len[j] = k
			if k > bestsize {
				besti, bestj, bestsize = i-k+1, j-k+1, k
			}
		}
		j2len = newj2len
	}
	for besti > alo && bestj > blo && a[besti-1] == b[bestj-1] {
		besti, bestj, bestsize = besti-1, bestj-1, bestsize+1
	}
	for besti+bestsize < ahi && bestj+bestsize < bhi && a[besti+bestsize] == b[bestj+bestsize] {
		bestsize++
	}
	return besti, bestj, bestsize
}
