package org.goalrollup.input;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;

import java.math.BigDecimal;
import java.util.Random;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.goalrollup.model.Investment;
import org.goalrollup.model.InvestmentCategory;
import org.junit.jupiter.api.Test;

class InvestmentCoderTest {
  static final AvroCoder<Investment> AVRO = AvroCoder.specific(Investment.class);

  static Investment row(String enterprise, InvestmentCategory c, String planned, String done) {
    return Investment.newBuilder()
        .setProjectId("P2020018")
        .setEnterpriseId(enterprise)
        .setDistrict("石碶街道")
        .setIndustryCode("3670")
        .setYear(2020)
        .setMonth(7)
        .setCategory(c)
        .setHighTech(true)
        .setTechRenovation(false)
        .setPlannedTotal(new BigDecimal(planned))
        .setCompleted(new BigDecimal(done))
        .setRevision(-2)
        .setLineNumber(1189)
        .setRaw("P2020018,E0099,石碶街道,3670,2020,7,INDUSTRIAL,Y,N,8000,250.5")
        .build();
  }

  /** The decoded row is the row: its Avro encoding, the reference, is byte for byte the same. */
  static void roundTrips(Investment r) throws Exception {
    byte[] compact = CoderUtils.encodeToByteArray(InvestmentCoder.of(), r);
    Investment back = CoderUtils.decodeFromByteArray(InvestmentCoder.of(), compact);
    assertThat(
        CoderUtils.encodeToByteArray(AVRO, back), equalTo(CoderUtils.encodeToByteArray(AVRO, r)));
  }

  @Test
  void keepsEveryFieldExactly() throws Exception {
    roundTrips(row("E0099", InvestmentCategory.INDUSTRIAL, "8000.00", "250.50"));
    roundTrips(row(null, InvestmentCategory.INFRASTRUCTURE, "0.00", "0.00"));
    roundTrips(row("E1", InvestmentCategory.OTHER, "999999999999.99", "999999999999.99"));
    // a record over two physical lines (a quoted line break) keeps its line count
    Investment multiLine = row("E2", InvestmentCategory.OTHER, "1.00", "1.00");
    multiLine.setLineCount(2);
    roundTrips(multiLine);
  }

  @Test
  void randomRowsRoundTrip() throws Exception {
    Random rnd = new Random(11);
    InvestmentCategory[] cs = InvestmentCategory.values();
    for (int i = 0; i < 2000; i++) {
      Investment r =
          row(
              rnd.nextBoolean() ? "E" + rnd.nextInt(100000) : null,
              cs[rnd.nextInt(cs.length)],
              BigDecimal.valueOf(Math.floorMod(rnd.nextLong(), 100_000_000_000_000L), 2)
                  .toPlainString(),
              BigDecimal.valueOf(rnd.nextInt(10_000_000), 2).toPlainString());
      r.setHighTech(rnd.nextBoolean());
      r.setTechRenovation(rnd.nextBoolean());
      r.setRevision(rnd.nextInt(7) - 3);
      r.setMonth(1 + rnd.nextInt(12));
      roundTrips(r);
    }
  }

  @Test
  void isSmallerThanAvro() throws Exception {
    Investment r = row("E0099", InvestmentCategory.INDUSTRIAL, "8000.00", "250.50");
    assertThat(
        CoderUtils.encodeToByteArray(InvestmentCoder.of(), r).length,
        lessThan(CoderUtils.encodeToByteArray(AVRO, r).length));
  }
}
