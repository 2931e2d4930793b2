package org.goalrollup.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** Merging cell sums: exact addition per measure, and an overflow named, never wrapped. */
class CellAccTest {
  @Test
  void mergeAddsEveryMeasureAndMilestone() {
    Random r = new Random(3);
    for (int n = 0; n < 1000; n++) {
      CellAcc a = new CellAcc();
      CellAcc b = new CellAcc();
      long[] expected = new long[Measure.COUNT];
      for (Measure m : Measure.values()) {
        long x = r.nextLong() >> 2;
        long y = r.nextLong() >> 2;
        a.add(m, x);
        b.add(m, y);
        expected[m.ordinal()] = Math.addExact(x, y);
      }
      b.addMilestone("SMART_FACTORY", 2);
      a.merge(b);
      for (Measure m : Measure.values()) {
        assertEquals(expected[m.ordinal()], a.get(m), m.name());
      }
      assertEquals(2, a.milestones("SMART_FACTORY"));
    }
  }

  @Test
  void anOverflowInAMergeNamesTheMeasure() {
    for (long edge : new long[] {Long.MAX_VALUE, Long.MIN_VALUE}) {
      CellAcc a = new CellAcc().add(Measure.REVENUE, edge);
      CellAcc b = new CellAcc().add(Measure.REVENUE, edge > 0 ? 1 : -1);
      CellAcc.SumOverflowException e =
          assertThrows(CellAcc.SumOverflowException.class, () -> a.merge(b));
      assertTrue(e.getMessage().contains("revenue"), e.getMessage());
    }
    // the largest sums that still fit are kept exactly
    CellAcc c = new CellAcc().add(Measure.VALUE_ADDED, Long.MAX_VALUE - 1);
    c.merge(new CellAcc().add(Measure.VALUE_ADDED, 1));
    assertEquals(Long.MAX_VALUE, c.get(Measure.VALUE_ADDED));
  }
}
