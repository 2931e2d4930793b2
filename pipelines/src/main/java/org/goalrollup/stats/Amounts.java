package org.goalrollup.stats;

import java.math.BigDecimal;

/** Exact conversions between decimal amounts (scale 2) and longs of cents. */
public final class Amounts {
  private Amounts() {}

  /**
   * The amount times 100 as a long, exactly: an amount with a non-zero digit beyond the second
   * decimal, or whose cents do not fit a long, throws {@link ArithmeticException} (as {@code
   * amount.setScale(2).unscaledValue().longValueExact()} does). Moving the point keeps a value that
   * fits a long in BigDecimal's compact form, and {@code longValueExact} returns a compact integer
   * as it is, so the usual amount (scale 0 to 2) costs no {@code BigInteger}: the old expression
   * allocated one per call, and its BigInteger calls were the top self-time frame of a national
   * run.
   */
  public static long cents(BigDecimal amount) {
    return amount.movePointRight(2).longValueExact();
  }

  /**
   * {@code total + |v|} for a {@code total} >= 0, or -1 once that leaves the range of a long (and
   * for any {@code total} < 0): a bound on every sum of a subset of the values added, in any order.
   */
  static long addAbsolute(long total, long v) {
    if (total < 0 || v == Long.MIN_VALUE) {
      return -1;
    }
    long sum = total + Math.abs(v);
    return sum < 0 ? -1 : sum;
  }

  public static BigDecimal decimal(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }
}
