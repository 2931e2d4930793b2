package org.goalrollup.stats;

import java.math.BigDecimal;

/** Exact conversions between decimal amounts (scale 2) and longs of cents. */
public final class Amounts {
  private Amounts() {}

  public static long cents(BigDecimal amount) {
    return amount.setScale(2).unscaledValue().longValueExact();
  }

  public static BigDecimal decimal(long cents) {
    return BigDecimal.valueOf(cents, 2);
  }
}
