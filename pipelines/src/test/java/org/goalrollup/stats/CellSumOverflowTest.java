package org.goalrollup.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.KV;
import org.goalrollup.Packed;
import org.goalrollup.disclosure.ContributorStats;
import org.goalrollup.disclosure.Group;
import org.junit.jupiter.api.Test;

/**
 * A cell sum beyond the exact range fails the run with one line naming the summary column and the
 * cell (year, sector, district), wherever the sums meet: in a bundle, after the shuffle, or in the
 * disclosure statistics.
 */
class CellSumOverflowTest {
  static final String CELL = CellKey.encode(2020, "ALL", "海曙区");
  static final String MESSAGE =
      "the sum behind the column revenue in the cell year 2020, sector ALL, district 海曙区"
          + " exceeds the exact range (9.2 x 10^16 in 10,000 yuan); check the input for absurd"
          + " amounts";

  static byte[] packed(CellAcc acc) {
    Packed.Buffers<KV<String, CellAcc>> b =
        new Packed.Buffers<>(KvCoder.of(StringUtf8Coder.of(), CellAcc.Coder.of()), 1);
    b.add(0, KV.of(CELL, acc));
    return b.drain()[0];
  }

  @Test
  void afterTheShuffleTheCellIsNamed() {
    List<byte[]> bundles =
        List.of(
            packed(new CellAcc().add(Measure.REVENUE, Long.MAX_VALUE - 5)),
            packed(new CellAcc().add(Measure.REVENUE, 6)));
    CellAcc.SumOverflowException e =
        assertThrows(
            CellAcc.SumOverflowException.class, () -> SumPerCell.addUp(bundles, CellAcc.sum()));
    assertEquals(MESSAGE, e.getMessage());
  }

  @Test
  void anInternalMeasureIsNamedByTheColumnItFeeds() {
    CellAcc a = new CellAcc().add(Measure.SAMPLE_CURRENT, Long.MAX_VALUE);
    CellAcc.SumOverflowException e =
        assertThrows(
            CellAcc.SumOverflowException.class,
            () -> a.merge(new CellAcc().add(Measure.SAMPLE_CURRENT, 1)));
    assertEquals(
        "the sum behind the column value_added_growth in the cell year 2020, sector ALL,"
            + " district 海曙区 exceeds the exact range (9.2 x 10^16 in 10,000 yuan); check the"
            + " input for absurd amounts",
        e.inCell(CELL).getMessage());
    // said of its cell once: an outer step does not rename it
    assertEquals(
        e.inCell(CELL).getMessage(),
        e.inCell(CELL).inCell(CellKey.encode(2019, "X", "Y")).getMessage());
  }

  @Test
  void theDisclosureStatisticsNameTheColumnToo() {
    int revenue = Group.PRODUCTION.measures().indexOf(Measure.REVENUE);
    long[] big = new long[Group.PRODUCTION.measures().size()];
    big[revenue] = Long.MAX_VALUE;
    long[] one = new long[big.length];
    one[revenue] = 1;
    ContributorStats s = ContributorStats.contributor(Group.PRODUCTION, big);
    CellAcc.SumOverflowException e =
        assertThrows(
            CellAcc.SumOverflowException.class,
            () -> s.merge(ContributorStats.contributor(Group.PRODUCTION, one)));
    assertEquals(MESSAGE, e.inCell(CELL).getMessage());
  }
}
