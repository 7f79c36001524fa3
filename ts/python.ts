// The few Python behaviours the error messages depend on, so that TypeScript's errors read exactly
// like kraken_proto's: repr() of a str, str.strip(), str.casefold() (approximately: see casefold), and
// difflib.get_close_matches() with its SequenceMatcher (isjunk=None, autojunk=True).

const NOT_PRINTABLE = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]/u;

/** Python's repr() of a str or an int. */
export function pyRepr(value: string | number): string {
  if (typeof value === "number") return String(value);
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = quote;
  for (const ch of value) {
    const code = ch.codePointAt(0)!;
    if (ch === quote || ch === "\\") out += "\\" + ch;
    else if (ch === "\t") out += "\\t";
    else if (ch === "\n") out += "\\n";
    else if (ch === "\r") out += "\\r";
    else if (code < 0x20 || code === 0x7f) out += "\\x" + hex(code, 2);
    else if (code < 0x7f || !NOT_PRINTABLE.test(ch)) out += ch;
    else if (code <= 0xff) out += "\\x" + hex(code, 2);
    else if (code <= 0xffff) out += "\\u" + hex(code, 4);
    else out += "\\U" + hex(code, 8);
  }
  return out + quote;
}

function hex(code: number, width: number): string {
  return code.toString(16).padStart(width, "0");
}

const PY_SPACE = "[\\t\\n\\v\\f\\r\\x1c-\\x1f \\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000]";
const STRIP = new RegExp(`^${PY_SPACE}+|${PY_SPACE}+$`, "gu");

/** Python's str.strip() (its whitespace set, which is not String.prototype.trim's). */
export function pyStrip(text: string): string {
  return text.replace(STRIP, "");
}

/** Python's str.casefold(), for the inputs that matter here: ASCII exactly, and the common special
 * cases (ß -> ss) through upper- then lower-casing. */
export function casefold(text: string): string {
  return text.toUpperCase().toLowerCase();
}

/** Python's difflib.get_close_matches(word, possibilities, n, cutoff), result for result. */
export function getCloseMatches(word: string, possibilities: Iterable<string>, n = 3, cutoff = 0.6): string[] {
  const b = Array.from(word);
  const b2j = indexOf(b);
  const scored: [number, string][] = [];
  for (const x of possibilities) {
    // real_quick_ratio() and quick_ratio() are upper bounds of ratio(): filtering on ratio() alone
    // keeps exactly what difflib keeps.
    const a = Array.from(x);
    const total = a.length + b.length;
    const score = total === 0 ? 1.0 : (2.0 * matches(a, b, b2j)) / total;
    if (score >= cutoff) scored.push([score, x]);
  }
  // heapq.nlargest(n, [(score, x)]): by score, then by the string, both descending.
  scored.sort((p, q) => (q[0] - p[0]) || compareCodePoints(q[1], p[1]));
  return scored.slice(0, n).map(([, x]) => x);
}

function compareCodePoints(p: string, q: string): number {
  const a = Array.from(p, (c) => c.codePointAt(0)!);
  const b = Array.from(q, (c) => c.codePointAt(0)!);
  for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return a.length - b.length;
}

/** SequenceMatcher.__chain_b with isjunk=None, autojunk=True: popular elements of long sequences
 * are left out of the index (but are not junk). */
function indexOf(b: string[]): Map<string, number[]> {
  const b2j = new Map<string, number[]>();
  b.forEach((elt, i) => {
    const at = b2j.get(elt);
    if (at) at.push(i);
    else b2j.set(elt, [i]);
  });
  if (b.length >= 200) {
    const ntest = Math.floor(b.length / 100) + 1;
    for (const [elt, idxs] of [...b2j]) if (idxs.length > ntest) b2j.delete(elt);
  }
  return b2j;
}

/** The total size of SequenceMatcher(None, a, b).get_matching_blocks(). */
function matches(a: string[], b: string[], b2j: Map<string, number[]>): number {
  let total = 0;
  const queue: [number, number, number, number][] = [[0, a.length, 0, b.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop()!;
    const [i, j, k] = longestMatch(a, b, b2j, alo, ahi, blo, bhi);
    if (k > 0) {
      total += k;
      if (alo < i && blo < j) queue.push([alo, i, blo, j]);
      if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
    }
  }
  return total;
}

/** SequenceMatcher.find_longest_match with no junk (so only the first pair of extension loops runs). */
function longestMatch(a: string[], b: string[], b2j: Map<string, number[]>, alo: number, ahi: number, blo: number, bhi: number): [number, number, number] {
  let besti = alo, bestj = blo, bestsize = 0;
  let j2len = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const newj2len = new Map<number, number>();
    for (const j of b2j.get(a[i]!) ?? []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const k = (j2len.get(j - 1) ?? 0) + 1;
      newj2len.set(j, k);
      if (k > bestsize) {
        besti = i - k + 1;
        bestj = j - k + 1;
        bestsize = k;
      }
    }
    j2len = newj2len;
  }
  while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
    besti--;
    bestj--;
    bestsize++;
  }
  while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) bestsize++;
  return [besti, bestj, bestsize];
}
