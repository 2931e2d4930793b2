package org.goalrollup.stats;

import static org.goalrollup.stats.Fixtures.enterprise;
import static org.goalrollup.stats.Fixtures.facts;
import static org.goalrollup.stats.Fixtures.milestone;
import static org.goalrollup.stats.Fixtures.prod;
import static org.goalrollup.stats.Fixtures.rd;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import java.util.List;
import org.goalrollup.model.Enterprise;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.RdCenterLevel;
import org.junit.jupiter.api.Test;

class EnterpriseContributionsTest {
  /**
   * E1 is not above scale in 2019 and above scale in 2020 (it enters the above-scale set), with a
   * negative value added in February 2020.
   *
   * <pre>
   * 2019: m1 va 20, m2 va 30, m7 va 50 (not above scale)
   * 2020: m1 va 25, m2 va -5, m6 va 40 (emp 12), m12 va 10 (emp 15) (above scale)
   * </pre>
   */
  private static EnterpriseFacts entering() {
    return facts(
        enterprise("E1", "D1", "2710"),
        List.of(
            prod("E1", 2019, 1, false, "100", "20", "110", 10),
            prod("E1", 2019, 2, false, "100", "30", "110", 10),
            prod("E1", 2019, 7, false, "100", "50", "110", 10),
            prod("E1", 2020, 1, true, "120", "25", "130", 11),
            prod("E1", 2020, 2, true, "10.5", "-5", "20.25", 11),
            prod("E1", 2020, 6, true, "150", "40", "160", 12),
            prod("E1", 2020, 12, true, "50", "10", "60", 15)),
        List.of(rd("E1", 2019, "7.5", 3), rd("E1", 2020, "12.34", 4)),
        List.of(
            milestone("SMART_FACTORY", "E1", "2020-03-15"),
            milestone("SMART_FACTORY", "E1", "2020-09-01"),
            milestone("INDUSTRIAL_APP", "E1", "2019-05-01")));
  }

  @Test
  void fullYearSumsAndSameSample() {
    CellAcc a = EnterpriseContributions.of(entering(), 2020, Period.allYears());
    assertEquals(1, a.get(Measure.ENTERPRISES));
    assertEquals(1, a.get(Measure.ABOVE_SCALE_ENTERPRISES));
    // 120 + 10.5 + 150 + 50 = 330.50
    assertEquals(33050, a.get(Measure.OUTPUT_VALUE));
    // 25 - 5 + 40 + 10 = 70
    assertEquals(7000, a.get(Measure.VALUE_ADDED));
    assertEquals(7000, a.get(Measure.ABOVE_SCALE_VALUE_ADDED));
    // 130 + 20.25 + 160 + 60 = 370.25
    assertEquals(37025, a.get(Measure.REVENUE));
    // employees of month 12 only
    assertEquals(15, a.get(Measure.EMPLOYEES));
    // in the sample: above scale in 2020, reported in 2019 (all of its 2019 value added counts)
    assertEquals(1, a.get(Measure.SAMPLE_SIZE));
    assertEquals(7000, a.get(Measure.SAMPLE_CURRENT));
    assertEquals(10000, a.get(Measure.SAMPLE_PREVIOUS));
    // not above scale in 2019: nothing for the nominal base
    assertEquals(0, a.get(Measure.ABOVE_SCALE_VALUE_ADDED_PREV));
    assertEquals(1234, a.get(Measure.RD_EXPENDITURE));
    assertEquals(4, a.get(Measure.RD_PERSONNEL));
    assertEquals(2, a.milestones("SMART_FACTORY"));
    assertEquals(0, a.milestones("INDUSTRIAL_APP"));
  }

  @Test
  void yearToDateUsesTheSameMonthsOfBothYears() {
    CellAcc a = EnterpriseContributions.of(entering(), 2020, new Period(2020, 6));
    // 25 - 5 + 40 = 60; prior year months 1..6: 20 + 30 = 50 (July excluded)
    assertEquals(6000, a.get(Measure.VALUE_ADDED));
    assertEquals(6000, a.get(Measure.SAMPLE_CURRENT));
    assertEquals(5000, a.get(Measure.SAMPLE_PREVIOUS));
    assertEquals(12, a.get(Measure.EMPLOYEES));
    // R&D uses the rows of year Y also in an asOf run
    assertEquals(1234, a.get(Measure.RD_EXPENDITURE));
    // only the March milestone lies in 2020-01..06
    assertEquals(1, a.milestones("SMART_FACTORY"));
  }

  @Test
  void noPriorYearRecordsMeansNotInTheSample() {
    CellAcc a = EnterpriseContributions.of(entering(), 2019, Period.allYears());
    assertEquals(0, a.get(Measure.SAMPLE_SIZE));
    assertEquals(0, a.get(Measure.ABOVE_SCALE_ENTERPRISES));
    assertEquals(1, a.get(Measure.ENTERPRISES));
    assertEquals(10000, a.get(Measure.VALUE_ADDED));
    assertEquals(1, a.milestones("INDUSTRIAL_APP"));
  }

  @Test
  void notAboveScaleThisYearMeansNotInTheSample() {
    EnterpriseFacts f =
        facts(
            enterprise("E2", "D1", "1810"),
            List.of(
                prod("E2", 2019, 1, true, "10", "4", "10", 1),
                prod("E2", 2020, 1, false, "10", "5", "10", 1)),
            List.of(),
            List.of());
    CellAcc a = EnterpriseContributions.of(f, 2020, Period.allYears());
    assertEquals(0, a.get(Measure.SAMPLE_SIZE));
    assertEquals(0, a.get(Measure.ABOVE_SCALE_VALUE_ADDED));
    // but the nominal base counts its above-scale value added of 2019
    assertEquals(400, a.get(Measure.ABOVE_SCALE_VALUE_ADDED_PREV));
  }

  @Test
  void registerCountsAtThePeriodEnd() {
    Enterprise e = enterprise("E3", "D2", "3670");
    e.setHighTechFrom(LocalDate.of(2019, 1, 1));
    e.setHighTechTo(LocalDate.of(2020, 6, 30));
    e.setRdCenterLevel(RdCenterLevel.NATIONAL);
    EnterpriseFacts f = facts(e, List.of(), List.of(), List.of());
    // valid on 2020-06-30 (inclusive end), not on 2020-12-31
    assertEquals(
        1,
        EnterpriseContributions.of(f, 2020, new Period(2020, 6))
            .get(Measure.HIGH_TECH_ENTERPRISES));
    CellAcc full = EnterpriseContributions.of(f, 2020, Period.allYears());
    assertEquals(0, full.get(Measure.HIGH_TECH_ENTERPRISES));
    // register counts need no production
    assertEquals(1, full.get(Measure.NATIONAL_RD_CENTERS));
    assertEquals(0, full.get(Measure.PROVINCIAL_RD_CENTERS));
    assertEquals(0, full.get(Measure.ENTERPRISES));
  }

  @Test
  void highTechValidity() {
    Enterprise e = enterprise("E4", "D2", "3670");
    LocalDate day = LocalDate.of(2020, 12, 31);
    assertFalse(EnterpriseContributions.isHighTech(e, day), "no from = not high-tech");
    e.setHighTechFrom(LocalDate.of(2020, 12, 31));
    assertTrue(EnterpriseContributions.isHighTech(e, day), "open-ended, starts on the day");
    e.setHighTechFrom(LocalDate.of(2021, 1, 1));
    assertFalse(EnterpriseContributions.isHighTech(e, day), "starts after the day");
  }

  @Test
  void anEnterpriseInTwoSectorsHasCellsInBoth() {
    SectorMatcher sectors =
        new SectorMatcher(
            List.of(
                Fixtures.prefix("PHARMA", "27"),
                Fixtures.byEnterprise("HEALTH", "E1"),
                Fixtures.prefix("HEALTH", "271"),
                Fixtures.prefix("AUTO", "3670")));
    List<String> cells =
        EnterpriseContributions.cells(enterprise("E1", "D1", "2710"), 2020, sectors);
    // HEALTH matched twice (prefix and enterprise rule) but counted once
    assertThat(
        cells.stream().map(CellKey::decode).map(k -> k.sector() + "/" + k.district()).toList(),
        containsInAnyOrder(
            "ALL/D1", "ALL/ALL", "HEALTH/D1", "HEALTH/ALL", "PHARMA/D1", "PHARMA/ALL"));
    assertThat(sectors.sectorIds(), contains("AUTO", "HEALTH", "PHARMA"));
    assertThat(sectors.sectorsOf("1810", "E9"), contains("ALL"));
  }
}
