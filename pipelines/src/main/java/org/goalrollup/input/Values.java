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

  private Values() {}

  static String quote(String value) {
    return "'" + value + "'";
  }

  /** An amount in 10,000 yuan: {@code -?\d+(\.\d{1,2})?}, returned with scale 2. */
  public static BigDecimal amount(String column, String value, boolean nonNegative)
      throws RowRejected {
    if (!isAmount(value)) {
      throw new RowRejected(
          Reason.INVALID_NUMBER,
          column,
          column + ": " + quote(value) + " is not a plain amount (digits, at most 2 decimals)");
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
    if (!DECIMAL.matcher(value).matches()) {
      throw new RowRejected(
          Reason.INVALID_NUMBER, column, column + ": " + quote(value) + " is not a plain decimal");
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
    if (!isInteger(value) || value.length() - (value.startsWith("-") ? 1 : 0) > 18) {
      throw new RowRejected(
          Reason.INVALID_NUMBER, column, column + ": " + quote(value) + " is not an integer");
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
            column + ": " + quote(value) + " is not a boolean (true/false, 1/0, Y/N, 是/否)");
    }
  }

  /** A calendar date YYYY-MM-DD. */
  public static LocalDate date(String column, String value) throws RowRejected {
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
        Reason.INVALID_DATE, column, column + ": " + quote(value) + " is not a date YYYY-MM-DD");
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
    if (!pattern.matcher(value).matches()) {
      throw new RowRejected(
          Reason.INVALID_CODE, column, column + ": " + quote(value) + " is not " + expected);
    }
    return value;
  }

  /** A district name; {@code ALL} is reserved for the whole region. */
  public static String district(String column, String value) throws RowRejected {
    if ("ALL".equals(value)) {
      throw new RowRejected(
          Reason.INVALID_CODE, column, column + ": 'ALL' is reserved for the whole region");
    }
    return value;
  }

  /** One of the given enum constants, case-sensitive. */
  public static <E extends Enum<E>> E enumValue(String column, String value, Class<E> type)
      throws RowRejected {
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
