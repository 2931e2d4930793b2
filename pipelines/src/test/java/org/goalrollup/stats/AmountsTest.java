package org.goalrollup.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;

class AmountsTest {
  /** The expression cents() used before it was made allocation-free: the reference. */
  private static long reference(BigDecimal amount) {
    return amount.setScale(2).unscaledValue().longValueExact();
  }

  @Test
  void centsByHand() {
    assertEquals(12345, Amounts.cents(new BigDecimal("123.45")));
    assertEquals(500, Amounts.cents(new BigDecimal("5")));
    assertEquals(-5, Amounts.cents(new BigDecimal("-0.05")));
    assertEquals(120, Amounts.cents(new BigDecimal("1.2")));
    assertEquals(123, Amounts.cents(new BigDecimal("1.2300")));
    assertEquals(0, Amounts.cents(new BigDecimal("0.000")));
    assertEquals(100000, Amounts.cents(new BigDecimal("1E+3")));
    assertEquals(Long.MAX_VALUE, Amounts.cents(new BigDecimal("92233720368547758.07")));
    assertEquals(Long.MIN_VALUE, Amounts.cents(new BigDecimal("-92233720368547758.08")));
  }

  @Test
  void centsThrowsWhereTheCentsAreNotAnExactLong() {
    for (String s :
        new String[] {
          "1.231",
          "0.001",
          "-0.0001",
          "92233720368547758.08",
          "-92233720368547758.09",
          "92233720368547759",
          "1E+17",
          "123456789012345678901234567890.12"
        }) {
      BigDecimal a = new BigDecimal(s);
      assertThrows(ArithmeticException.class, () -> Amounts.cents(a), s);
      assertThrows(ArithmeticException.class, () -> reference(a), s);
    }
  }

  /**
   * Random amounts of scales -1..4 (small magnitudes and ones next to and beyond the long range of
   * cents): cents() returns what the reference returns, and throws where it throws.
   */
  @Test
  void centsEqualsTheReferenceOnRandomAmounts() {
    Random random = new Random(20240611L);
    int returned = 0;
    int thrown = 0;
    for (int i = 0; i < 100_000; i++) {
      BigDecimal a = new BigDecimal(unscaled(random), random.nextInt(6) - 1);
      Long expected;
      try {
        expected = reference(a);
      } catch (ArithmeticException e) {
        expected = null;
      }
      if (expected == null) {
        thrown++;
        assertThrows(ArithmeticException.class, () -> Amounts.cents(a), a::toString);
      } else {
        returned++;
        assertEquals(expected.longValue(), Amounts.cents(a), a::toString);
      }
    }
    // both outcomes are well exercised
    assertTrue(returned > 25_000, "returned " + returned);
    assertTrue(thrown > 25_000, "thrown " + thrown);
  }

  /** Small, medium, near Long.MAX_VALUE / 100 and Long.MAX_VALUE, and beyond a long. */
  private static BigInteger unscaled(Random random) {
    BigInteger v =
        switch (random.nextInt(6)) {
          case 0 -> BigInteger.valueOf(random.nextInt(1_000_000));
          case 1 -> BigInteger.valueOf(random.nextLong() >>> random.nextInt(64));
          case 2 -> BigInteger.valueOf(Long.MAX_VALUE / 100 + random.nextInt(2001) - 1000);
          case 3 -> BigInteger.valueOf(Long.MAX_VALUE - random.nextInt(1000));
          case 4 ->
              BigInteger.valueOf(Long.MAX_VALUE).add(BigInteger.valueOf(random.nextInt(1000)));
          default -> new BigInteger(64 + random.nextInt(40), random);
        };
    if (random.nextInt(3) == 0) {
      // trailing zeros, so that scales 3 and 4 are often exact in cents
      v = v.multiply(BigInteger.TEN.pow(1 + random.nextInt(2)));
    }
    return random.nextBoolean() ? v.negate() : v;
  }
}
