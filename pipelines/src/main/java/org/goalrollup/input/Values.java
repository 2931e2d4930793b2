package org.goalrollup.input;

import java.math.BigDecimal;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Pure parsers for the contract's field formats. Each returns the typed value or throws {@link
 * RowRejected} with the reason code of the contract and a detail naming the column and value.
 */
public final class Values {
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");
  private static final Pattern INDUSTRY_CODE = Pattern.compile("\\d{2,4}");
  private static final Pattern INDUSTRY_PREFIX = Pattern.compile("\\d{1,4}");
  private static final Pattern CODE = Pattern.compile("[A-Z0-9_]+");

  /**
   * Largest amount of one input value: just under 10^12 (in 10,000 yuan, i.e. 10^16 yuan, far above
   * any real enterprise, project or region figure). Cell sums are exact longs of cents (up to 9.2 x
   * 10^16 in 10,000 yuan), so tens of thousands of such extreme values still add up exactly, and
   * every sum fits DECIMAL(20,2); a sum beyond that fails the run with a clear message rather than
   * wrapping around.
   */
  public static final BigDecimal MAX_AMOUNT = new BigDecimal("999999999999.99");

  /** Largest count of one input value (employees, R&D personnel). */
  public static final long MAX_COUNT = 999_999_999L;

  /** Price indexes must be below this (DECIMAL(38,18) holds 20 integer digits). */
  public static final BigDecimal MAX_INDEX = new BigDecimal("99999999999999999999");

  /**
   * The longest amount, integer or decimal field. A longer one is INVALID_NUMBER before its
   * characters are looked at (a BigDecimal of a million digits takes most of a minute to build).
   * The largest supported amount has 16 characters with its sign, a price index with 18 decimals
   * 39; the rest is room for leading zeros.
   */
  public static final int MAX_NUMBER_CHARS = 40;

  /** The longest code, identifier, district, boolean or date field. */
  public static final int MAX_CODE_CHARS = 64;

  /** The longest free-text field (enterprise name, sector name, milestone title). */
  public static final int MAX_TEXT_CHARS = 64 * 1024;

  private static final String MILESTONE_PREFIX = "milestones.";

  private Values() {}

  static String quote(String value) {
    return InputText.quote(value);
  }

  /** An amount, integer or decimal field no longer than {@link #MAX_NUMBER_CHARS}. */
  private static void checkNumberLength(String column, String value) throws RowRejected {
    if (value.length() > MAX_NUMBER_CHARS) {
      throw new RowRejected(
          Reason.INVALID_NUMBER,
          column,
          column
              + ": "
              + InputText.tooLong(value)
              + ", more than the "
              + MAX_NUMBER_CHARS
              + " a number may have");
    }
  }

  /**
   * A code-like field (identifier, district, code, enum) that is at most {@code max} characters
   * long and shows every character it has: leading or trailing white space of any kind, or a
   * control or format character anywhere, is INVALID_CODE naming the character, since a key that
   * differs only by what a reader cannot see would be a new key nobody can tell from the old one.
   */
  private static void checkVisibleCode(String column, String value, int max) throws RowRejected {
    if (value.length() > max) {
      throw new RowRejected(
          Reason.INVALID_CODE,
          column,
          column + ": " + InputText.tooLong(value) + ", more than the " + max + " a code may have");
    }
    String hidden = InputText.hidden(value);
    if (hidden != null) {
      throw new RowRejected(
          Reason.INVALID_CODE,
          column,
          column + ": " + quote(value) + " " + hidden + " (invisible; codes are never trimmed)");
    }
  }

  /** {@code "; it starts with U+0020 SPACE"} for a short value with an invisible character. */
  private static String hint(String value) {
    String hidden = value.length() <= MAX_CODE_CHARS ? InputText.hidden(value) : null;
    return hidden == null ? "" : "; it " + hidden;
  }

  /**
   * An identifier (enterprise_id, project_id, an ENTERPRISE sector rule's match_value, a region
   * district, a target's sector or district): any text of at most {@link #MAX_CODE_CHARS}
   * characters, all of them visible ({@link #checkVisibleCode}).
   */
  public static String id(String column, String value) throws RowRejected {
    checkVisibleCode(column, value, MAX_CODE_CHARS);
    return value;
  }

  /**
   * A target's indicator: a code (of up to {@link #MAX_CODE_CHARS} characters after {@code
   * milestones.} for a milestone kind), all of it visible. Whether it names an indicator is checked
   * with the other targets.
   */
  public static String indicator(String column, String value) throws RowRejected {
    checkVisibleCode(column, value, MILESTONE_PREFIX.length() + MAX_CODE_CHARS);
    return value;
  }

  /**
   * Free text (a name or title): anything but longer than {@link #MAX_TEXT_CHARS}, which is
   * OUT_OF_RANGE. Text is not a key, so white space is kept as written.
   */
  public static String text(String column, String value) throws RowRejected {
    if (value.length() > MAX_TEXT_CHARS) {
      throw new RowRejected(
          Reason.OUT_OF_RANGE,
          column,
          column
              + ": "
              + InputText.tooLong(value)
              + ", more than the "
              + MAX_TEXT_CHARS
              + " a text may have");
    }
    return value;
  }

  /** An amount in 10,000 yuan: {@code -?\d+(\.\d{1,2})?}, returned with scale 2. */
  public static BigDecimal amount(String column, String value, boolean nonNegative)
      throws RowRejected {
    checkNumberLength(column, value);
    if (!isAmount(value)) {
      throw new RowRejected(
          Reason.INVALID_NUMBER,
          column,
          column
              + ": "
              + quote(value)
              + " is not a plain amount (digits, at most 2 decimals)"
              + hint(value));
    }
    BigDecimal d = new BigDecimal(value).setScale(2);
    if (d.abs().compareTo(MAX_AMOUNT) > 0) {
      throw new RowRejected(
          Reason.OUT_OF_RANGE,
          column,
          column
              + ": "
              + quote(value)
              + " is larger than the largest supported amount "
              + MAX_AMOUNT.toPlainString());
    }
    if (nonNegative && d.signum() < 0) {
      throw new RowRejected(
          Reason.OUT_OF_RANGE, column, column + ": " + quote(value) + " is negative");
    }
    return d;
  }

  /**
   * Whether {@code value} is {@code -?[0-9]+(\\.[0-9]{1,2})?}. Written out rather than a regular
   * expression: it runs for three columns of every production row, and JFR showed the regex
   * matchers as a sixth of the parse.
   */
  static boolean isAmount(String value) {
    int i = value.startsWith("-") ? 1 : 0;
    int digits = digits(value, i);
    if (digits == 0) {
      return false;
    }
    i += digits;
    if (i == value.length()) {
      return true;
    }
    if (value.charAt(i) != '.') {
      return false;
    }
    int decimals = digits(value, i + 1);
    return decimals >= 1 && decimals <= 2 && i + 1 + decimals == value.length();
  }

  /** Whether {@code value} is {@code -?[0-9]+} (see {@link #isAmount} for why not a regex). */
  static boolean isInteger(String value) {
    int i = value.startsWith("-") ? 1 : 0;
    int digits = digits(value, i);
    return digits > 0 && i + digits == value.length();
  }

  /** The number of ASCII digits from {@code from} on. */
  private static int digits(String value, int from) {
    int i = from;
    while (i < value.length() && value.charAt(i) >= '0' && value.charAt(i) <= '9') {
      i++;
    }
    return i - from;
  }

  /** A plain decimal with any number of fractional digits (price indexes, target levels). */
  public static BigDecimal decimal(String column, String value) throws RowRejected {
    checkNumberLength(column, value);
    if (!DECIMAL.matcher(value).matches()) {
      throw new RowRejected(
          Reason.INVALID_NUMBER,
          column,
          column + ": " + quote(value) + " is not a plain decimal" + hint(value));
    }
    return new BigDecimal(value);
  }

  /**
   * A target level: a plain decimal as the nearest double, which must be finite and must not round
   * a non-zero value to 0.
   */
  public static double level(String column, String value) throws RowRejected {
    BigDecimal d = decimal(column, value);
    double x = d.doubleValue();
    if (Double.isInfinite(x) || (x == 0 && d.signum() != 0)) {
      throw new RowRejected(
          Reason.INVALID_NUMBER,
          column,
          column + ": " + quote(value) + " is beyond the range of a target level");
    }
    return x;
  }

  /** An integer {@code -?\d+} that fits a long. */
  public static long integer(String column, String value) throws RowRejected {
    checkNumberLength(column, value);
    if (!isInteger(value) || value.length() - (value.startsWith("-") ? 1 : 0) > 18) {
      throw new RowRejected(
          Reason.INVALID_NUMBER,
          column,
          column + ": " + quote(value) + " is not an integer" + hint(value));
    }
    return Long.parseLong(value);
  }

  /** A count: an integer >= 0. */
  public static long count(String column, String value) throws RowRejected {
    long n = integer(column, value);
    if (n < 0) {
      throw new RowRejected(
          Reason.OUT_OF_RANGE, column, column + ": " + quote(value) + " is negative");
    }
    if (n > MAX_COUNT) {
      throw new RowRejected(
          Reason.OUT_OF_RANGE,
          column,
          column
              + ": "
              + quote(value)
              + " is larger than the largest supported count "
              + MAX_COUNT);
    }
    return n;
  }

  /** A year: an integer from 1000 to 9999. */
  public static int year(String column, String value) throws RowRejected {
    long y = integer(column, value);
    if (y < 1000 || y > 9999) {
      throw new RowRejected(
          Reason.OUT_OF_RANGE, column, column + ": " + quote(value) + " is not a 4-digit year");
    }
    return (int) y;
  }

  /** A month: an integer from 1 to 12 (a non-integer is INVALID_NUMBER, else INVALID_CODE). */
  public static int month(String column, String value) throws RowRejected {
    long m = integer(column, value);
    if (m < 1 || m > 12) {
      throw new RowRejected(
          Reason.INVALID_CODE, column, column + ": " + quote(value) + " is not a month 1-12");
    }
    return (int) m;
  }

  /** A boolean: true/false, 1/0, Y/N, 是/否, case-insensitive. */
  public static boolean bool(String column, String value) throws RowRejected {
    if (value.length() > MAX_CODE_CHARS) {
      throw new RowRejected(
          Reason.INVALID_CODE,
          column,
          column
              + ": "
              + InputText.tooLong(value)
              + ", more than the "
              + MAX_CODE_CHARS
              + " a boolean field may have");
    }
    switch (value.toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
      case "y":
      case "是":
        return true;
      case "false":
      case "0":
      case "n":
      case "否":
        return false;
      default:
        throw new RowRejected(
            Reason.INVALID_CODE,
            column,
            column
                + ": "
                + quote(value)
                + " is not a boolean (true/false, 1/0, Y/N, 是/否)"
                + hint(value));
    }
  }

  /** A calendar date YYYY-MM-DD. */
  public static LocalDate date(String column, String value) throws RowRejected {
    if (value.length() > MAX_CODE_CHARS) {
      throw new RowRejected(
          Reason.INVALID_DATE,
          column,
          column
              + ": "
              + InputText.tooLong(value)
              + ", more than the "
              + MAX_CODE_CHARS
              + " a date field may have");
    }
    if (DATE.matcher(value).matches()) {
      try {
        return LocalDate.of(
            Integer.parseInt(value.substring(0, 4)),
            Integer.parseInt(value.substring(5, 7)),
            Integer.parseInt(value.substring(8, 10)));
      } catch (DateTimeException e) {
        // falls through to the rejection below
      }
    }
    throw new RowRejected(
        Reason.INVALID_DATE,
        column,
        column + ": " + quote(value) + " is not a date YYYY-MM-DD" + hint(value));
  }

  /** A GB/T 4754 industry code: 2 to 4 digits. */
  public static String industryCode(String column, String value) throws RowRejected {
    return code(INDUSTRY_CODE, column, value, "a GB/T 4754 code of 2-4 digits");
  }

  /** An industry code prefix of a sector rule: 1 to 4 digits (e.g. 3 for divisions 30-39). */
  public static String industryPrefix(String column, String value) throws RowRejected {
    return code(INDUSTRY_PREFIX, column, value, "a GB/T 4754 code prefix of 1-4 digits");
  }

  /** A code matching {@code [A-Z0-9_]+}. */
  public static String code(String column, String value) throws RowRejected {
    return code(CODE, column, value, "a code [A-Z0-9_]+");
  }

  /** The value if it matches the pattern, else INVALID_CODE saying what was expected. */
  private static String code(Pattern pattern, String column, String value, String expected)
      throws RowRejected {
    checkVisibleCode(column, value, MAX_CODE_CHARS);
    if (!pattern.matcher(value).matches()) {
      throw new RowRejected(
          Reason.INVALID_CODE, column, column + ": " + quote(value) + " is not " + expected);
    }
    return value;
  }

  /**
   * A district name of enterprises.csv or investment.csv: an identifier ({@link #id}); {@code ALL}
   * is reserved for the whole region.
   */
  public static String district(String column, String value) throws RowRejected {
    checkVisibleCode(column, value, MAX_CODE_CHARS);
    if ("ALL".equals(value)) {
      throw new RowRejected(
          Reason.INVALID_CODE, column, column + ": 'ALL' is reserved for the whole region");
    }
    return value;
  }

  /** One of the given enum constants, case-sensitive. */
  public static <E extends Enum<E>> E enumValue(String column, String value, Class<E> type)
      throws RowRejected {
    checkVisibleCode(column, value, MAX_CODE_CHARS);
    for (E e : type.getEnumConstants()) {
      if (e.name().equals(value)) {
        return e;
      }
    }
    StringBuilder allowed = new StringBuilder();
    for (E e : type.getEnumConstants()) {
      allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name());
    }
    throw new RowRejected(
        Reason.INVALID_CODE, column, column + ": " + quote(value) + " is not one of " + allowed);
  }
}
