package org.goalrollup.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.Map;
import org.goalrollup.model.Published;
import org.goalrollup.model.Summary;
import org.goalrollup.stats.CellAcc;
import org.goalrollup.stats.CellKey;
import org.goalrollup.stats.Measure;
import org.goalrollup.stats.SummaryMath;
import org.junit.jupiter.api.Test;

class PublishSummariesTest {
  /** A 2020 ALL/D1 row where every amount, growth and ratio is defined. */
  static Summary row() {
    CellAcc a = new CellAcc();
    for (Measure m : Measure.values()) {
      a.add(m, 1000);
    }
    return SummaryMath.summarize(new CellKey(2020, "ALL", "D1"), a, 12, Map.of());
  }

  @Test
  void freeCellIsPublishedAsIs() {
    Summary s = row();
    Published p = PublishSummaries.publish(s, null, null);
    for (org.apache.avro.Schema.Field f : Summary.SCHEMA$.getFields()) {
      assertEquals(s.get(f.name()), p.get(f.name()), f.name());
    }
    assertEquals("F", p.getProductionConfStatus());
    assertEquals("F", p.getInvestmentConfStatus());
    assertEquals("F", p.getRdConfStatus());
  }

  @Test
  void suppressedGroupLosesItsAmountsAndRates() {
    Summary s = row();
    Published p = PublishSummaries.publish(s, "KFD", "FFF");
    assertEquals("C", p.getProductionConfStatus());
    assertEquals("F", p.getInvestmentConfStatus());
    assertEquals("D", p.getRdConfStatus());
    assertNull(p.getOutputValue());
    assertNull(p.getValueAdded());
    assertNull(p.getRevenue());
    assertNull(p.getEmployees());
    assertNull(p.getAboveScaleValueAdded());
    assertNull(p.getValueAddedGrowth());
    assertNull(p.getValueAddedGrowthNominal());
    assertNull(p.getRdExpenditure());
    assertNull(p.getRdPersonnel());
    assertNull(p.getRdRevenueRatio());
    assertEquals(new BigDecimal("10.00"), p.getInvestmentCompleted());
    assertNotNull(p.getIndustrialInvestmentGrowth());
    // counts are not confidential
    assertEquals(1000L, p.getEnterpriseCount());
    assertEquals(1000L, p.getMajorProjectCount());
  }

  @Test
  void growthIsSuppressedWhenThePreviousYearsCellIs() {
    Published p = PublishSummaries.publish(row(), "FFF", "FNF");
    assertEquals("F", p.getInvestmentConfStatus());
    assertEquals(new BigDecimal("10.00"), p.getIndustrialInvestment());
    assertNull(p.getIndustrialInvestmentGrowth());
    assertNull(p.getHighTechInvestmentGrowth());
    assertNull(p.getTechRenovationInvestmentGrowth());
    assertNotNull(p.getValueAddedGrowth());
  }

  @Test
  void rdRevenueRatioNeedsBothGroupsFree() {
    assertNull(PublishSummaries.publish(row(), "FFN", null).getRdRevenueRatio());
    assertNull(PublishSummaries.publish(row(), "NFF", null).getRdRevenueRatio());
    assertNotNull(PublishSummaries.publish(row(), "FFF", null).getRdRevenueRatio());
  }
}
