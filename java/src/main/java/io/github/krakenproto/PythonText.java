package io.github.krakenproto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The few Python behaviours the error messages depend on, so that Java's errors read exactly like the
 * Python package's (and like the Go and TypeScript helpers'): {@code repr()} of a str, {@code str.strip()},
 * {@code str.upper()} and {@code str.casefold()} (for the inputs that matter here), and
 * {@code difflib.get_close_matches()} with its {@code SequenceMatcher} (isjunk=None, autojunk=True).
 * Every function works on code points, as Python's str does, never on UTF-16 units.
 */
final class PythonText {
  private PythonText() {}

  /** Python's {@code repr()} of a str. */
  static String repr(String value) {
    String quote = value.contains("'") && !value.contains("\"") ? "\"" : "'";
    StringBuilder out = new StringBuilder(value.length() + 2).append(quote);
    value.codePoints().forEach(ch -> {
      if (ch == quote.charAt(0) || ch == '\\') {
        out.append('\\').appendCodePoint(ch);
      } else if (ch == '\t') {
        out.append("\\t");
      } else if (ch == '\n') {
        out.append("\\n");
      } else if (ch == '\r') {
        out.append("\\r");
      } else if (ch < 0x20 || ch == 0x7f) {
        out.append(String.format("\\x%02x", ch));
      } else if (ch < 0x7f || printable(ch)) {
        out.appendCodePoint(ch);
      } else if (ch <= 0xff) {
        out.append(String.format("\\x%02x", ch));
      } else if (ch <= 0xffff) {
        out.append(String.format("\\u%04x", ch));
      } else {
        out.append(String.format("\\U%08x", ch));
      }
    });
    return out.append(quote).toString();
  }

  /** Python's {@code str.isprintable()} for one non-ASCII code point: not Cc, Cf, Cs, Co, Cn, Zl, Zp or Zs. */
  private static boolean printable(int ch) {
    switch (Character.getType(ch)) {
      case Character.CONTROL:
      case Character.FORMAT:
      case Character.SURROGATE:
      case Character.PRIVATE_USE:
      case Character.UNASSIGNED:
      case Character.LINE_SEPARATOR:
      case Character.PARAGRAPH_SEPARATOR:
      case Character.SPACE_SEPARATOR:
        return false;
      default:
        return true;
    }
  }

  /** Python's {@code str.isspace()} for one code point (its set, which is neither Java's nor Go's). */
  private static boolean pySpace(int r) {
    return r == '\t' || r == '\n' || r == 0x0b || r == '\f' || r == '\r' || (r >= 0x1c && r <= 0x1f) || r == ' ' || r == 0x85 || r == 0xa0
        || r == 0x1680 || (r >= 0x2000 && r <= 0x200a) || r == 0x2028 || r == 0x2029 || r == 0x202f || r == 0x205f || r == 0x3000;
  }

  /** Python's {@code str.strip()}; every character it strips is in the BMP. */
  static String strip(String text) {
    int start = 0;
    int end = text.length();
    while (start < end && pySpace(text.charAt(start))) {
      start++;
    }
    while (end > start && pySpace(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(start, end);
  }

  /** Python's {@code str.upper()}: Java's full (locale-independent) upper-case mapping, ß to SS included. */
  static String upper(String text) {
    return text.toUpperCase(Locale.ROOT);
  }

  /** Python's {@code str.casefold()}, approximately, as the Go and TypeScript helpers do it: upper- then lower-case. */
  static String casefold(String text) {
    return upper(text).toLowerCase(Locale.ROOT);
  }

  /** Python's {@code difflib.get_close_matches(word, possibilities, n, cutoff)}. */
  static List<String> closeMatches(String word, Iterable<String> possibilities, int n, double cutoff) {
    int[] b = word.codePoints().toArray();
    Map<Integer, List<Integer>> b2j = indexOf(b);
    List<Object[]> found = new ArrayList<>();
    for (String x : possibilities) {
      // real_quick_ratio() and quick_ratio() are upper bounds of ratio(): filtering on ratio() alone
      // keeps exactly what difflib keeps.
      int[] a = x.codePoints().toArray();
      int total = a.length + b.length;
      double score = total > 0 ? 2.0 * matches(a, b, b2j) / total : 1.0;
      if (score >= cutoff) {
        found.add(new Object[] {score, x});
      }
    }
    // heapq.nlargest(n, [(score, x)]): by score, then by the string (code points), both descending.
    found.sort((p, q) -> {
      int byScore = Double.compare((Double) q[0], (Double) p[0]);
      return byScore != 0 ? byScore : compareCodePoints((String) q[1], (String) p[1]);
    });
    List<String> out = new ArrayList<>();
    for (int i = 0; i < found.size() && i < n; i++) {
      out.add((String) found.get(i)[1]);
    }
    return out;
  }

  private static int compareCodePoints(String p, String q) {
    int[] a = p.codePoints().toArray();
    int[] b = q.codePoints().toArray();
    for (int i = 0; i < a.length && i < b.length; i++) {
      if (a[i] != b[i]) {
        return Integer.compare(a[i], b[i]);
      }
    }
    return Integer.compare(a.length, b.length);
  }

  /**
   * {@code SequenceMatcher.__chain_b} with isjunk=None, autojunk=True: the elements of a sequence of 200 or
   * more that occur in more than 1% of it are left out of the index (but are not junk).
   */
  private static Map<Integer, List<Integer>> indexOf(int[] b) {
    Map<Integer, List<Integer>> b2j = new HashMap<>();
    for (int i = 0; i < b.length; i++) {
      b2j.computeIfAbsent(b[i], k -> new ArrayList<>()).add(i);
    }
    if (b.length >= 200) {
      int ntest = b.length / 100 + 1;
      b2j.values().removeIf(indexes -> indexes.size() > ntest);
    }
    return b2j;
  }

  /** The total size of {@code SequenceMatcher(None, a, b).get_matching_blocks()}. */
  private static int matches(int[] a, int[] b, Map<Integer, List<Integer>> b2j) {
    int total = 0;
    List<int[]> queue = new ArrayList<>();
    queue.add(new int[] {0, a.length, 0, b.length});
    while (!queue.isEmpty()) {
      int[] q = queue.remove(queue.size() - 1);
      int alo = q[0];
      int ahi = q[1];
      int blo = q[2];
      int bhi = q[3];
      int[] m = longestMatch(a, b, b2j, alo, ahi, blo, bhi);
      int i = m[0];
      int j = m[1];
      int k = m[2];
      if (k > 0) {
        total += k;
        if (alo < i && blo < j) {
          queue.add(new int[] {alo, i, blo, j});
        }
        if (i + k < ahi && j + k < bhi) {
          queue.add(new int[] {i + k, ahi, j + k, bhi});
        }
      }
    }
    return total;
  }

  /** {@code SequenceMatcher.find_longest_match} with no junk: {besti, bestj, bestsize}. */
  private static int[] longestMatch(int[] a, int[] b, Map<Integer, List<Integer>> b2j, int alo, int ahi, int blo, int bhi) {
    int besti = alo;
    int bestj = blo;
    int bestsize = 0;
    Map<Integer, Integer> j2len = new HashMap<>();
    for (int i = alo; i < ahi; i++) {
      Map<Integer, Integer> newj2len = new HashMap<>();
      for (int j : b2j.getOrDefault(a[i], List.of())) {
        if (j < blo) {
          continue;
        }
        if (j >= bhi) {
          break;
        }
        int k = j2len.getOrDefault(j - 1, 0) + 1;
        newj2len.put(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = newj2len;
    }
    while (besti > alo && bestj > blo && a[besti - 1] == b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] == b[bestj + bestsize]) {
      bestsize++;
    }
    return new int[] {besti, bestj, bestsize};
  }
}
