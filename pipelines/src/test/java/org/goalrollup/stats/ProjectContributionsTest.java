package org.goalrollup.stats;

import static org.goalrollup.model.InvestmentCategory.INDUSTRIAL;
import static org.goalrollup.model.InvestmentCategory.INFRASTRUCTURE;
import static org.goalrollup.stats.Fixtures.inv;
import static org.goalrollup.stats.Fixtures.project;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.goalrollup.model.ProjectFacts;
import org.junit.jupiter.api.Test;

class ProjectContributionsTest {
  private static final SectorMatcher SECTORS =
      new SectorMatcher(
          List.of(Fixtures.prefix("AUTO", "3670"), Fixtures.byEnterprise("DIGITAL", "E7")));
  private static final long THRESHOLD = 500000; // 5000.00 in cents

  /**
   * P1 is industrial, in AUTO; its planned total is revised from 4000 to 6000 in May 2020, when it
   * also moves from D2 to D3 and gains an enterprise named by a DIGITAL rule.
   */
  private static ProjectFacts revisedAcrossThreshold() {
    return project(
        "P1",
        inv("P1", null, "D2", "3670", 2019, 3, INDUSTRIAL, false, true, "4000", "100"),
        inv("P1", null, "D2", "3670", 2020, 2, INDUSTRIAL, true, true, "4000", "200"),
        inv("P1", "E7", "D3", "3670", 2020, 5, INDUSTRIAL, true, true, "6000", "300.5"));
  }

  private static long get(Map<String, CellAcc> m, String sector, String district, Measure x) {
    CellAcc a = m.get(CellKey.encode(2020, sector, district));
    return a == null ? 0 : a.get(x);
  }

  @Test
  void monthlySumsGoToEachRecordsOwnCell() {
    Map<String, CellAcc> m =
        ProjectContributions.of(
            revisedAcrossThreshold(), 2020, Period.allYears(), SECTORS, THRESHOLD);
    assertEquals(20000, get(m, "ALL", "D2", Measure.INDUSTRIAL_INVESTMENT));
    assertEquals(30050, get(m, "ALL", "D3", Measure.INDUSTRIAL_INVESTMENT));
    assertEquals(50050, get(m, "ALL", "ALL", Measure.INVESTMENT_COMPLETED));
    assertEquals(50050, get(m, "AUTO", "ALL", Measure.HIGH_TECH_INVESTMENT));
    // only the May record names E7, so only it is in DIGITAL
    assertEquals(30050, get(m, "DIGITAL", "ALL", Measure.INVESTMENT_COMPLETED));
    assertEquals(0, get(m, "DIGITAL", "D2", Measure.INVESTMENT_COMPLETED));
    // prior-year base: March 2019 in D2; not high-tech then
    assertEquals(10000, get(m, "ALL", "D2", Measure.TECH_RENOVATION_INVESTMENT_PREV));
    assertEquals(0, get(m, "ALL", "D2", Measure.HIGH_TECH_INVESTMENT_PREV));
    assertEquals(10000, get(m, "ALL", "ALL", Measure.INDUSTRIAL_INVESTMENT_PREV));
  }

  @Test
  void majorProjectTakesPlannedTotalAndCellFromTheLatestRecord() {
    Map<String, CellAcc> full =
        ProjectContributions.of(
            revisedAcrossThreshold(), 2020, Period.allYears(), SECTORS, THRESHOLD);
    assertEquals(1, get(full, "ALL", "ALL", Measure.MAJOR_PROJECTS));
    assertEquals(1, get(full, "ALL", "D3", Measure.MAJOR_PROJECTS));
    assertEquals(1, get(full, "DIGITAL", "D3", Measure.MAJOR_PROJECTS));
    assertEquals(0, get(full, "ALL", "D2", Measure.MAJOR_PROJECTS));
    // As of April the latest record is February's: 4000 < 5000
    Map<String, CellAcc> april =
        ProjectContributions.of(
            revisedAcrossThreshold(), 2020, new Period(2020, 4), SECTORS, THRESHOLD);
    assertEquals(0, get(april, "ALL", "ALL", Measure.MAJOR_PROJECTS));
    assertEquals(20000, get(april, "ALL", "ALL", Measure.INVESTMENT_COMPLETED));
    // A lower threshold (4000) counts it in April, in D2
    Map<String, CellAcc> low =
        ProjectContributions.of(
            revisedAcrossThreshold(), 2020, new Period(2020, 4), SECTORS, 400000);
    assertEquals(1, get(low, "ALL", "D2", Measure.MAJOR_PROJECTS));
  }

  @Test
  void majorProjectNeedsCompletedInvestmentInThePeriodAndIndustrialCategory() {
    // Latest record in 2019 (an earlier year), planned 9000, but nothing completed in 2020.
    ProjectFacts idle =
        project(
            "P2", inv("P2", null, "D1", "3670", 2019, 11, INDUSTRIAL, false, false, "9000", "50"));
    Map<String, CellAcc> m =
        ProjectContributions.of(idle, 2020, Period.allYears(), SECTORS, THRESHOLD);
    assertEquals(0, get(m, "ALL", "ALL", Measure.MAJOR_PROJECTS));
    assertEquals(5000, get(m, "ALL", "ALL", Measure.INDUSTRIAL_INVESTMENT_PREV));
    // Infrastructure is never a major industrial project.
    ProjectFacts road =
        project(
            "P3",
            inv("P3", null, "D1", "4810", 2020, 1, INFRASTRUCTURE, false, false, "90000", "10"));
    Map<String, CellAcc> r =
        ProjectContributions.of(road, 2020, Period.allYears(), SECTORS, THRESHOLD);
    assertEquals(0, get(r, "ALL", "ALL", Measure.MAJOR_PROJECTS));
    assertEquals(1000, get(r, "ALL", "ALL", Measure.INVESTMENT_COMPLETED));
    assertEquals(0, get(r, "ALL", "ALL", Measure.INDUSTRIAL_INVESTMENT));
  }
}
