package org.goalrollup.stats;

import static org.goalrollup.stats.Fixtures.region;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.HashMap;
import java.util.Map;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.model.Summary;
import org.junit.jupiter.api.Test;

class SummaryMathTest {
  private static final BigDecimal P100 = BigDecimal.valueOf(100);

  @Test
  void sameSampleGrowthAtComparablePrices() {
    // cur 60.00, prev 50.00: nominal 20%; deflated by 104: 1.2 / 1.04 - 1 = 15.384615...%
    assertEquals(20.0, SummaryMath.sameSampleGrowth(1, 6000, 5000, P100), 1e-12);
    assertThat(
        SummaryMath.sameSampleGrowth(1, 6000, 5000, new BigDecimal("104")),
        closeTo(15.384615384615385, 1e-12));
    // a price index below 100 raises the real growth: 1.2 / 0.98 - 1 = 22.448979...%
    assertThat(
        SummaryMath.sameSampleGrowth(2, 6000, 5000, new BigDecimal("98.0")),
        closeTo(22.448979591836735, 1e-12));
  }

  @Test
  void growthIsNullWithoutABase() {
    assertNull(SummaryMath.sameSampleGrowth(0, 6000, 5000, P100), "empty sample");
    assertNull(SummaryMath.sameSampleGrowth(1, 6000, 0, P100), "prev = 0");
    assertNull(SummaryMath.sameSampleGrowth(1, 6000, -100, P100), "prev < 0");
    assertNull(SummaryMath.growth(100, 0));
    assertNull(SummaryMath.growth(100, -1));
    // negative current value: (-50 / 200 - 1) x 100 = -125%
    assertEquals(-125.0, SummaryMath.growth(-5000, 20000), 1e-12);
  }

  private static CellAcc sample() {
    return new CellAcc()
        .add(Measure.SAMPLE_SIZE, 2)
        .add(Measure.SAMPLE_CURRENT, 10200)
        .add(Measure.SAMPLE_PREVIOUS, 10000)
        .add(Measure.ABOVE_SCALE_VALUE_ADDED, 10200)
        .add(Measure.ABOVE_SCALE_VALUE_ADDED_PREV, 8000)
        .add(Measure.REVENUE, 15000)
        .add(Measure.RD_EXPENDITURE, 300);
  }

  @Test
  void priceIndexFallsBackFromDistrictToRegionTo100() {
    Map<String, RegionRecord> region = new HashMap<>();
    CellKey d1 = new CellKey(2020, "ALL", "D1");
    // no rows at all: P = 100 -> 102 / 100 - 1 = 2%
    assertEquals(2.0, SummaryMath.summarize(d1, sample(), 12, region).getValueAddedGrowth(), 1e-12);
    // only the region row: P = 102 -> 1.02 / 1.02 - 1 = 0
    region.put(SummaryMath.regionKey("ALL", 2020), region("ALL", 2020, "1000", "102", "0"));
    assertEquals(0.0, SummaryMath.summarize(d1, sample(), 12, region).getValueAddedGrowth(), 1e-12);
    // the district's own row with an empty index means 100, no fallback: 2%
    region.put(SummaryMath.regionKey("D1", 2020), region("D1", 2020, "500", null, "0"));
    assertEquals(2.0, SummaryMath.summarize(d1, sample(), 12, region).getValueAddedGrowth(), 1e-12);
    // district ALL uses the (ALL, Y) row
    assertEquals(
        0.0,
        SummaryMath.summarize(new CellKey(2020, "ALL", "ALL"), sample(), 12, region)
            .getValueAddedGrowth(),
        1e-12);
    // nominal growth ignores prices: 102 / 80 - 1 = 27.5%
    assertEquals(
        27.5, SummaryMath.summarize(d1, sample(), 12, region).getValueAddedGrowthNominal(), 1e-12);
  }

  @Test
  void rdRatiosOnlyForFullYearsAndRdGdpOnlyForSectorAll() {
    Map<String, RegionRecord> region = new HashMap<>();
    region.put(SummaryMath.regionKey("D1", 2020), region("D1", 2020, "200", null, "1"));
    Summary s = SummaryMath.summarize(new CellKey(2020, "ALL", "D1"), sample(), 12, region);
    // 3.00 / 150.00 = 2%
    assertEquals(2.0, s.getRdRevenueRatio(), 1e-12);
    // (3.00 + 1.00) / 200.00 = 2%
    assertEquals(2.0, s.getRdGdpRatio(), 1e-12);
    Summary sector = SummaryMath.summarize(new CellKey(2020, "AUTO", "D1"), sample(), 12, region);
    assertNull(sector.getRdGdpRatio());
    assertEquals(2.0, sector.getRdRevenueRatio(), 1e-12);
    Summary ytd = SummaryMath.summarize(new CellKey(2020, "ALL", "D1"), sample(), 6, region);
    assertNull(ytd.getRdRevenueRatio());
    assertNull(ytd.getRdGdpRatio());
    // without the (district, Y) row: no GDP, no ratio (no fallback for GDP)
    assertNull(
        SummaryMath.summarize(new CellKey(2020, "ALL", "D2"), sample(), 12, region)
            .getRdGdpRatio());
    // an empty cell still gets an rd_gdp_ratio where the region row exists: (0 + 1) / 200 = 0.5%
    Summary empty =
        SummaryMath.summarize(new CellKey(2020, "ALL", "D1"), new CellAcc(), 12, region);
    assertEquals(0.5, empty.getRdGdpRatio(), 1e-12);
    assertNull(empty.getRdRevenueRatio());
    assertNull(empty.getValueAddedGrowth());
    assertEquals(new BigDecimal("0.00"), empty.getValueAdded());
  }

  @Test
  void amountsAreExactDecimals() {
    CellAcc a = new CellAcc().add(Measure.OUTPUT_VALUE, 10).add(Measure.OUTPUT_VALUE, 20);
    Summary s = SummaryMath.summarize(new CellKey(2020, "ALL", "ALL"), a, 12, Map.of());
    // 0.10 + 0.20 is exactly 0.30 (a double sum would give 0.30000000000000004)
    assertEquals(new BigDecimal("0.30"), s.getOutputValue());
  }
}
