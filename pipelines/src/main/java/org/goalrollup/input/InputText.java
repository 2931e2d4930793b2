package org.goalrollup.input;

/**
 * How input values are shown in messages (reject details, error lines, the report): cut to a bound,
 * the cut marked with the value's full length, and characters a reader cannot see named by their
 * Unicode code point and name. Every function does work bounded by its limit, not by the length of
 * the value, so a field of ten million characters costs no more than a short one.
 */
public final class InputText {
  /** A message quotes at most this many characters of a value. */
  public static final int QUOTED_CHARS = 80;

  /** The longest reject detail; a longer one is cut (and says so). */
  public static final int DETAIL_CHARS = 300;

  private InputText() {}

  /**
   * {@code 'value'}, or for a value longer than {@link #QUOTED_CHARS} its start and the length:
   * {@code '1234…' (10485760 characters)}.
   */
  public static String quote(String value) {
    if (value.length() <= QUOTED_CHARS) {
      return "'" + value + "'";
    }
    return "'" + start(value, QUOTED_CHARS) + "…' (" + value.length() + " characters)";
  }

  /**
   * A value that is too long, as {@code 'its start…' has 10485760 characters}: the length is what
   * matters, and the start is enough to find the field.
   */
  public static String tooLong(String value) {
    String start = start(value, QUOTED_CHARS);
    return "'"
        + start
        + (start.length() < value.length() ? "…" : "")
        + "' has "
        + value.length()
        + " characters";
  }

  /**
   * {@link #quote} followed by what a reader cannot see in it, if anything: {@code 'RD ' (ends with
   * U+0020 SPACE)}. For messages about a value that is not one of the expected codes.
   */
  public static String show(String value) {
    String hidden = value.length() <= QUOTED_CHARS ? hidden(value) : null;
    return quote(value) + (hidden == null ? "" : " (" + hidden + ")");
  }

  /**
   * The text itself if it has at most {@code max} characters, else its first {@code max} and a mark
   * of the cut with the full length: {@code "abc… (10485760 characters)"}.
   */
  public static String cut(String text, int max) {
    if (text == null || text.length() <= max) {
      return text;
    }
    return start(text, max) + "… (" + text.length() + " characters)";
  }

  /** At most the first {@code n} characters, never ending inside a surrogate pair. */
  private static String start(String text, int n) {
    int end = Math.min(n, text.length());
    if (end > 0 && end < text.length() && Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end);
  }

  /**
   * Whether a reader cannot see the character: Unicode white space of any kind (space, tab,
   * no-break and ideographic space, line and paragraph separators), control and format characters
   * (zero width space, byte-order mark, direction marks, soft hyphen) and the Hangul fillers, which
   * display as nothing.
   */
  public static boolean invisible(int codePoint) {
    if (Character.isWhitespace(codePoint) || Character.isSpaceChar(codePoint)) {
      return true;
    }
    int type = Character.getType(codePoint);
    return type == Character.CONTROL
        || type == Character.FORMAT
        || codePoint == 0x115F
        || codePoint == 0x1160
        || codePoint == 0x3164
        || codePoint == 0xFFA0;
  }

  /** A character as a statistician can look it up: {@code U+3000 IDEOGRAPHIC SPACE}. */
  public static String describe(int codePoint) {
    String name = Character.getName(codePoint);
    return String.format("U+%04X", codePoint) + (name == null ? "" : " " + name);
  }

  /**
   * What a reader cannot see in a code: {@code "ends with U+3000 IDEOGRAPHIC SPACE"}, {@code
   * "starts with U+0009 CHARACTER TABULATION"}, {@code "has U+200B ZERO WIDTH SPACE at character
   * 4"}; null if nothing. Looks at the first and last character for white space and at every
   * character for control and format characters, which show nowhere; white space inside a value is
   * visible as a gap and allowed. Call it on values already known to be short.
   */
  public static String hidden(String value) {
    if (value.isEmpty()) {
      return null;
    }
    int first = value.codePointAt(0);
    if (invisible(first)) {
      return "starts with " + describe(first);
    }
    int last = value.codePointBefore(value.length());
    if (invisible(last)) {
      return "ends with " + describe(last);
    }
    int position = 1;
    for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
      int c = value.codePointAt(i);
      int type = Character.getType(c);
      if (type == Character.CONTROL || type == Character.FORMAT) {
        return "has " + describe(c) + " at character " + position;
      }
      position++;
    }
    return null;
  }
}
