package org.goalrollup.input;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.goalrollup.model.Production;
import org.goalrollup.stats.Amounts;
import org.junit.jupiter.api.Test;

class ProductionCoderTest {
  static final AvroCoder<Production> AVRO = AvroCoder.specific(Production.class);

  static Production row(String id, String ov, String va, String rev, long emp, String raw) {
    return Production.newBuilder()
        .setEnterpriseId(id)
        .setYear(2020)
        .setMonth(12)
        .setAboveScale(true)
        .setOutputValue(Amounts.cents(new BigDecimal(ov)))
        .setValueAdded(Amounts.cents(new BigDecimal(va)))
        .setRevenue(Amounts.cents(new BigDecimal(rev)))
        .setEmployees(emp)
        .setRevision(3)
        .setLineNumber(9_226_657L)
        .setRaw(raw)
        .build();
  }

  /**
   * The decoded row is the row: Avro's own encoding of it, the reference, is byte for byte the same
   * as that of the original.
   */
  static void roundTrips(Production p) throws Exception {
    byte[] compact = CoderUtils.encodeToByteArray(ProductionCoder.of(), p);
    Production back = CoderUtils.decodeFromByteArray(ProductionCoder.of(), compact);
    assertThat(
        CoderUtils.encodeToByteArray(AVRO, back), equalTo(CoderUtils.encodeToByteArray(AVRO, p)));
  }

  @Test
  void keepsEveryFieldExactly() throws Exception {
    for (Production p :
        List.of(
            row("E1", "0.00", "0.00", "0.00", 0, ""),
            row("91330203MA2", "1234.56", "-17.05", "999999999999.99", 999_999_999, "a,b,\"c\""),
            row("企业-7", "999999999999.99", "-999999999999.99", "0.01", 1, "海曙,是,\r\n多行"),
            row("E2", "0.10", "-0.01", "5.00", 12, "x"))) {
      roundTrips(p);
    }
    // a record over three physical lines (a quoted line break) keeps its line count
    Production multiLine = row("E3", "1.00", "1.00", "1.00", 1, "E3,\"a\nb\nc\"");
    multiLine.setLineCount(3);
    roundTrips(multiLine);
  }

  @Test
  void randomRowsRoundTrip() throws Exception {
    Random r = new Random(7);
    for (int i = 0; i < 2000; i++) {
      long ov = Math.floorMod(r.nextLong(), 100_000_000_000_000L);
      long va = r.nextLong() % 100_000_000_000_000L;
      Production p =
          row(
              "E" + r.nextInt(1_000_000),
              BigDecimal.valueOf(ov, 2).toPlainString(),
              BigDecimal.valueOf(va, 2).toPlainString(),
              BigDecimal.valueOf(r.nextInt(1_000_000), 2).toPlainString(),
              r.nextInt(1_000_000_000),
              "row " + i);
      p.setAboveScale(r.nextBoolean());
      p.setMonth(1 + r.nextInt(12));
      p.setRevision(r.nextInt(9) - 4);
      roundTrips(p);
    }
  }

  @Test
  void keepsTheExtremeLongs() throws Exception {
    Production p = row("E1", "0", "0", "0", 0, "");
    for (long v : new long[] {Long.MIN_VALUE, -1, 1, Long.MAX_VALUE}) {
      p.setOutputValue(v);
      p.setValueAdded(-v);
      p.setRevenue(v);
      roundTrips(p);
    }
  }

  @Test
  void isNoLargerThanAvro() throws Exception {
    // Avro writes the longs of cents as zig-zag varints too; the coder must not do worse.
    Production p = row("91330203MA2ABCDE12", "1234.56", "-345.67", "1500.00", 120, "");
    assertThat(
        CoderUtils.encodeToByteArray(ProductionCoder.of(), p).length,
        lessThanOrEqualTo(CoderUtils.encodeToByteArray(AVRO, p).length));
  }
}
