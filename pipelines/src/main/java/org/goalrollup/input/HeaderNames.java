package org.goalrollup.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Finds header names that look like a column of the contract but are not it: {@code "revenue "}
 * with a trailing space, a name behind a second byte-order mark, {@code "Revenue"}. The reader
 * trims nothing, so such a column would be an extra column, ignored, and the contract's column
 * missing (or, for an optional one, silently absent); the user is told which character is in the
 * way.
 */
final class HeaderNames {
  private HeaderNames() {}

  /**
   * The message for the first header name of {@code header} that differs from a column of {@code
   * columns} only by characters a human cannot see or by letter case, when the header does not also
   * have that column exactly; null if there is none.
   */
  static String lookalike(Header header, String file, Set<String> columns) {
    List<String> names = header.names();
    for (int i = 0; i < names.size(); i++) {
      String n = names.get(i);
      if (columns.contains(n)) {
        continue;
      }
      int from = 0;
      int to = n.length();
      while (from < to && invisible(n.charAt(from))) {
        from++;
      }
      while (to > from && invisible(n.charAt(to - 1))) {
        to--;
      }
      String visible = n.substring(from, to);
      String column = null;
      for (String c : columns) {
        if (c.equals(visible) || c.equals(visible.toLowerCase(Locale.ROOT))) {
          column = c;
        }
      }
      if (column == null || header.has(column)) {
        continue;
      }
      List<String> faults = new ArrayList<>();
      if (from > 0) {
        faults.add(
            "starts with "
                + describe(n.substring(0, from), i == 0 && header.line() == 1 && from == 1));
      }
      if (to < n.length()) {
        faults.add("ends with " + describe(n.substring(to), false));
      }
      if (!visible.equals(column)) {
        faults.add("differs in letter case");
      }
      return file
          + ": line "
          + header.lineOf(i)
          + ", column "
          + (i + 1)
          + ": the header name '"
          + n
          + "' "
          + String.join(" and ", faults)
          + "; it must be exactly '"
          + column
          + "'";
    }
    return null;
  }

  /** Spaces of any kind, byte-order marks and zero-width characters. */
  static boolean invisible(char c) {
    return Character.isWhitespace(c)
        || Character.isSpaceChar(c)
        || c == '\uFEFF'
        || c == '\u200B'
        || c == '\u200C'
        || c == '\u200D'
        || c == '\u2060';
  }

  /** The characters in words: "a space", "2 spaces", "a second byte-order mark (U+FEFF)". */
  static String describe(String chars, boolean secondMark) {
    List<String> parts = new ArrayList<>();
    int i = 0;
    while (i < chars.length()) {
      char c = chars.charAt(i);
      int j = i;
      while (j < chars.length() && chars.charAt(j) == c) {
        j++;
      }
      int n = j - i;
      String one;
      String many;
      switch (c) {
        case ' ':
          one = "a space";
          many = n + " spaces";
          break;
        case '\t':
          one = "a tab";
          many = n + " tabs";
          break;
        case '\u3000':
          one = "an ideographic space (U+3000)";
          many = n + " ideographic spaces (U+3000)";
          break;
        case '\u00A0':
          one = "a no-break space (U+00A0)";
          many = n + " no-break spaces (U+00A0)";
          break;
        case '\uFEFF':
          one =
              secondMark
                  ? "a second byte-order mark (U+FEFF; save the file with one at most)"
                  : "a byte-order mark (U+FEFF)";
          many = n + " byte-order marks (U+FEFF)";
          break;
        default:
          one = String.format("the invisible character U+%04X", (int) c);
          many = n + String.format(" invisible characters U+%04X", (int) c);
      }
      parts.add(n == 1 ? one : many);
      i = j;
    }
    return String.join(" and ", parts);
  }
}
