package org.goalrollup.stats;

import static org.goalrollup.model.InvestmentCategory.INDUSTRIAL;
import static org.goalrollup.model.InvestmentCategory.INFRASTRUCTURE;
import static org.goalrollup.stats.Fixtures.inv;
import static org.goalrollup.stats.Fixtures.project;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.goalrollup.model.Investment;
import org.goalrollup.model.InvestmentCategory;
import org.goalrollup.model.ProjectFacts;
import org.junit.jupiter.api.Test;

/**
 * {@link ProjectContributions#series} against the month-by-month {@link ProjectContributions#of}.
 */
class ProjectSeriesTest {
  private static final SectorMatcher SECTORS =
      new SectorMatcher(
          List.of(
              Fixtures.prefix("AUTO", "3670"),
              Fixtures.prefix("PHARMA", "27"),
              Fixtures.byEnterprise("DIGITAL", "E7")));
  private static final long THRESHOLD = 500000; // 5000.00 in cents
  private static final String[] DISTRICTS = {"D1", "D2", "D3"};
  private static final String[] INDUSTRIES = {"3670", "2710", "4810"};

  /** The definition: one call of {@code of} per period 1..m. */
  private static List<Map<String, CellAcc>> byMonth(ProjectFacts p, int year, int endMonth) {
    List<Map<String, CellAcc>> out = new ArrayList<>();
    for (int m = 1; m <= endMonth; m++) {
      out.add(ProjectContributions.of(p, year, new Period(year, m), SECTORS, THRESHOLD));
    }
    return out;
  }

  private static List<Map<String, CellAcc>> series(ProjectFacts p, int year, int endMonth) {
    return ProjectContributions.series(p, year, endMonth, SECTORS, THRESHOLD);
  }

  @Test
  void seriesEqualsTheMonthByMonthContributionsOnRandomProjects() {
    Random random = new Random(7);
    int becomingMajor = 0;
    int majorMoving = 0;
    int priorYearBase = 0;
    for (int i = 0; i < 250; i++) {
      ProjectFacts p = randomProject(random, "P" + i);
      for (int year = 2019; year <= 2021; year++) {
        List<Map<String, CellAcc>> full = null;
        for (int end = 0; end <= 12; end++) {
          String where = p.getProjectId() + " " + year + " months 1.." + end;
          List<Map<String, CellAcc>> series = series(p, year, end);
          assertEquals(byMonth(p, year, end), series, where);
          full = series;
        }
        // what the random data covers, so that a rule left out would show
        for (int m = 1; m < 12; m++) {
          String all = CellKey.encode(year, "ALL", "ALL");
          becomingMajor += majors(full.get(m - 1), all) < majors(full.get(m), all) ? 1 : 0;
          for (String d : DISTRICTS) {
            String cell = CellKey.encode(year, "ALL", d);
            majorMoving +=
                majors(full.get(m - 1), cell) == 1 && majors(full.get(m), cell) == 0 ? 1 : 0;
          }
          CellAcc a = full.get(m).get(all);
          priorYearBase += a != null && a.get(Measure.INDUSTRIAL_INVESTMENT_PREV) > 0 ? 1 : 0;
        }
      }
    }
    assertTrue(becomingMajor > 20, "becoming major mid-year: " + becomingMajor);
    assertTrue(majorMoving > 20, "major count leaving a district mid-year: " + majorMoving);
    assertTrue(priorYearBase > 100, "months with a prior-year base: " + priorYearBase);
  }

  private static long majors(Map<String, CellAcc> month, String cell) {
    CellAcc a = month.get(cell);
    return a == null ? 0 : a.get(Measure.MAJOR_PROJECTS);
  }

  /**
   * A project with records in some months of 2017..2021, gaps, records that change district,
   * industry, enterprise, category and planned total (across the threshold), completed amounts that
   * are often zero, its records in random order; now and then two records of one month (the first
   * in list order is the latest).
   */
  private static ProjectFacts randomProject(Random random, String id) {
    List<Investment> records = new ArrayList<>();
    String district = DISTRICTS[random.nextInt(DISTRICTS.length)];
    String industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
    InvestmentCategory category = random.nextInt(3) > 0 ? INDUSTRIAL : INFRASTRUCTURE;
    int planned = 3000 + random.nextInt(5000);
    int from = 2017 + random.nextInt(4);
    int to = from + random.nextInt(3);
    for (int year = from; year <= to; year++) {
      int gaps = random.nextInt(5);
      for (int month = 1; month <= 12; month++) {
        if (random.nextInt(6) < gaps) {
          continue;
        }
        if (random.nextInt(8) == 0) {
          district = DISTRICTS[random.nextInt(DISTRICTS.length)];
        }
        if (random.nextInt(12) == 0) {
          industry = INDUSTRIES[random.nextInt(INDUSTRIES.length)];
        }
        if (random.nextInt(12) == 0) {
          category = random.nextInt(3) > 0 ? INDUSTRIAL : INFRASTRUCTURE;
        }
        if (random.nextInt(6) == 0) {
          planned = 3000 + random.nextInt(5000);
        }
        int copies = random.nextInt(15) == 0 ? 2 : 1;
        for (int c = 0; c < copies; c++) {
          records.add(
              inv(
                  id,
                  random.nextInt(4) == 0 ? "E7" : null,
                  district,
                  industry,
                  year,
                  month,
                  category,
                  random.nextBoolean(),
                  random.nextBoolean(),
                  String.valueOf(planned + c),
                  random.nextInt(3) == 0 ? "0" : random.nextInt(1000) + "." + random.nextInt(100)));
        }
      }
    }
    Collections.shuffle(records, random);
    return Fixtures.project(id, records.toArray(new Investment[0]));
  }

  @Test
  void aSumThatOverflowsInSomeMonthFailsThereAsTheMonthlyCallsDo() {
    // 9 x 10^16 (10,000 yuan) is 9 x 10^18 cents: two of them exceed a long
    ProjectFacts p =
        project(
            "P1",
            inv("P1", null, "D1", "3670", 2020, 2, INDUSTRIAL, false, false, "9000", "9E+16"),
            inv("P1", null, "D1", "3670", 2020, 4, INDUSTRIAL, false, false, "9000", "9E+16"));
    assertEquals(byMonth(p, 2020, 3), series(p, 2020, 3));
    Class<? extends Throwable> expected =
        assertThrows(RuntimeException.class, () -> byMonth(p, 2020, 4)).getClass();
    assertEquals(
        expected, assertThrows(RuntimeException.class, () -> series(p, 2020, 4)).getClass());
  }

  @Test
  void hugeAmountsInDifferentCellsGiveTheMonthlyResult() {
    // the absolute values exceed a long, no sum does: computed month by month
    ProjectFacts p =
        project(
            "P1",
            inv("P1", null, "D1", "3670", 2019, 2, INDUSTRIAL, false, false, "9000", "9E+16"),
            inv("P1", null, "D2", "3670", 2020, 2, INFRASTRUCTURE, false, false, "9000", "9E+16"));
    List<Map<String, CellAcc>> series = series(p, 2020, 12);
    assertEquals(byMonth(p, 2020, 12), series);
    assertEquals(
        9_000_000_000_000_000_000L,
        series.get(11).get(CellKey.encode(2020, "ALL", "ALL")).get(Measure.INVESTMENT_COMPLETED));
  }

  @Test
  void aPlannedTotalNotExactInCentsFailsWhileItsRecordIsTheLatestIndustrialOne() {
    Investment may = inv("P1", null, "D1", "3670", 2020, 5, INDUSTRIAL, false, false, "1", "10");
    may.setPlannedTotal(new BigDecimal("9000.001"));
    ProjectFacts p =
        project(
            "P1",
            inv("P1", null, "D1", "3670", 2020, 1, INDUSTRIAL, false, false, "9000", "10"),
            may,
            inv("P1", null, "D1", "3670", 2020, 7, INDUSTRIAL, false, false, "9000", "10"));
    assertEquals(byMonth(p, 2020, 4), series(p, 2020, 4));
    assertThrows(ArithmeticException.class, () -> byMonth(p, 2020, 5));
    assertThrows(ArithmeticException.class, () -> series(p, 2020, 5));
    assertThrows(ArithmeticException.class, () -> series(p, 2020, 12));
    // not industrial: the planned total is never read, so nothing fails
    may.setCategory(INFRASTRUCTURE);
    assertEquals(byMonth(p, 2020, 12), series(p, 2020, 12));
  }

  @Test
  void theLatestRecordOfAnEarlierYearIsReadUntilTheYearHasOne() {
    // of() reads the planned total of the 2019 record for months 1 and 2 of 2020, and fails
    Investment december =
        inv("P1", null, "D1", "3670", 2019, 12, INDUSTRIAL, false, false, "1", "10");
    december.setPlannedTotal(new BigDecimal("9000.001"));
    ProjectFacts p =
        project(
            "P1",
            december,
            inv("P1", null, "D1", "3670", 2020, 3, INDUSTRIAL, false, false, "9000", "10"));
    assertThrows(ArithmeticException.class, () -> byMonth(p, 2020, 1));
    assertThrows(ArithmeticException.class, () -> series(p, 2020, 1));
    assertThrows(ArithmeticException.class, () -> series(p, 2020, 12));
    assertEquals(byMonth(p, 2021, 12), series(p, 2021, 12));
  }

  @Test
  void aMonthBelowOneCountsInEveryPeriodAsInOf() {
    // not valid input (the parser rejects it), but the series still agrees with of()
    ProjectFacts p =
        project(
            "P1",
            inv("P1", null, "D1", "3670", 2020, 0, INDUSTRIAL, false, false, "9000", "10"),
            inv("P1", null, "D2", "3670", 2019, 0, INDUSTRIAL, false, false, "9000", "10"));
    List<Map<String, CellAcc>> series = series(p, 2020, 3);
    assertEquals(byMonth(p, 2020, 3), series);
    assertEquals(1, majors(series.get(0), CellKey.encode(2020, "ALL", "D1")));
  }
}
