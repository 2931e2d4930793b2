package org.goalrollup.stats;

import static org.goalrollup.stats.Fixtures.enterprise;
import static org.goalrollup.stats.Fixtures.facts;
import static org.goalrollup.stats.Fixtures.milestone;
import static org.goalrollup.stats.Fixtures.prod;
import static org.goalrollup.stats.Fixtures.rd;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.goalrollup.model.Enterprise;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.Production;
import org.goalrollup.model.RdCenterLevel;
import org.goalrollup.model.RdRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link EnterpriseContributions#series} against the month-by-month {@link
 * EnterpriseContributions#of}.
 */
class EnterpriseSeriesTest {
  private static final String[] KINDS = {"SMART_FACTORY", "DIGITAL_WORKSHOP", "INDUSTRIAL_APP"};

  /** The definition: one call of {@code of} per period 1..m. */
  private static List<CellAcc> byMonth(EnterpriseFacts f, int year, int endMonth) {
    List<CellAcc> out = new ArrayList<>();
    for (int m = 1; m <= endMonth; m++) {
      out.add(EnterpriseContributions.of(f, year, new Period(year, m)));
    }
    return out;
  }

  @Test
  void seriesEqualsTheMonthByMonthContributionsOnRandomEnterprises() {
    Random random = new Random(42);
    int enteringTheSample = 0;
    int highTechChanging = 0;
    int employeesGap = 0;
    int milestones = 0;
    for (int i = 0; i < 300; i++) {
      EnterpriseFacts f = randomFacts(random, "E" + i);
      for (int year = 2019; year <= 2021; year++) {
        List<CellAcc> full = null;
        for (int end = 0; end <= 12; end++) {
          String where = f.getEnterprise().getEnterpriseId() + " " + year + " months 1.." + end;
          List<CellAcc> series = EnterpriseContributions.series(f, year, end);
          assertEquals(byMonth(f, year, end), series, where);
          full = series;
        }
        // what the random data covers, so that a rule left out would show
        for (int m = 1; m < 12; m++) {
          CellAcc a = full.get(m - 1);
          CellAcc b = full.get(m);
          enteringTheSample += a.get(Measure.SAMPLE_SIZE) < b.get(Measure.SAMPLE_SIZE) ? 1 : 0;
          highTechChanging +=
              a.get(Measure.HIGH_TECH_ENTERPRISES) != b.get(Measure.HIGH_TECH_ENTERPRISES) ? 1 : 0;
          employeesGap += b.get(Measure.ENTERPRISES) == 1 && b.get(Measure.EMPLOYEES) == 0 ? 1 : 0;
          milestones += b.milestones.isEmpty() ? 0 : 1;
        }
      }
    }
    assertTrue(enteringTheSample > 20, "entering the sample mid-year: " + enteringTheSample);
    assertTrue(highTechChanging > 20, "high-tech changing mid-year: " + highTechChanging);
    assertTrue(employeesGap > 20, "months without a row after the first: " + employeesGap);
    assertTrue(milestones > 20, "months with milestones: " + milestones);
  }

  /**
   * An enterprise with rows in some of 2018..2021, gaps between months, above scale switching on
   * and off, negative value added, R&D rows, milestones, a high-tech validity that may begin or end
   * within a year, its rows in random order; now and then two rows of one month (the series does
   * not rely on one row per month).
   */
  private static EnterpriseFacts randomFacts(Random random, String id) {
    Enterprise e = enterprise(id, "D1", "2710");
    if (random.nextInt(3) > 0) {
      LocalDate from = randomDate(random, 2018, 2021);
      e.setHighTechFrom(from);
      if (random.nextBoolean()) {
        e.setHighTechTo(from.plusDays(random.nextInt(900)));
      }
    }
    e.setRdCenterLevel(RdCenterLevel.values()[random.nextInt(RdCenterLevel.values().length)]);
    List<Production> rows = new ArrayList<>();
    for (int year = 2018; year <= 2021; year++) {
      if (random.nextInt(5) == 0) {
        continue;
      }
      boolean above = random.nextBoolean();
      int gaps = random.nextInt(4);
      for (int month = 1; month <= 12; month++) {
        if (random.nextInt(6) < gaps) {
          continue;
        }
        if (random.nextInt(6) == 0) {
          above = !above;
        }
        int copies = random.nextInt(15) == 0 ? 2 : 1;
        for (int c = 0; c < copies; c++) {
          rows.add(
              prod(
                  id,
                  year,
                  month,
                  above,
                  amount(random, false),
                  amount(random, true),
                  amount(random, false),
                  random.nextInt(4) == 0 ? 0 : random.nextInt(2000)));
        }
      }
    }
    Collections.shuffle(rows, random);
    List<RdRecord> rd = new ArrayList<>();
    for (int year = 2018; year <= 2021; year++) {
      for (int k = random.nextInt(3); k > 0; k--) {
        rd.add(rd(id, year, amount(random, false), random.nextInt(50)));
      }
    }
    List<Milestone> ms = new ArrayList<>();
    for (int k = random.nextInt(5); k > 0; k--) {
      ms.add(
          milestone(
              KINDS[random.nextInt(KINDS.length)], id, randomDate(random, 2018, 2021).toString()));
    }
    return facts(e, rows, rd, ms);
  }

  private static LocalDate randomDate(Random random, int fromYear, int toYear) {
    return LocalDate.of(fromYear, 1, 1).plusDays(random.nextInt(365 * (toYear - fromYear + 1)));
  }

  /** An amount in 10,000 yuan with 0 to 2 decimals, zero now and then, negative if allowed. */
  private static String amount(Random random, boolean signed) {
    if (random.nextInt(10) == 0) {
      return "0";
    }
    String a = random.nextInt(100_000) + "." + random.nextInt(100);
    return signed && random.nextInt(4) == 0 ? "-" + a : a;
  }

  @Test
  void aSumThatOverflowsInSomeMonthFailsThereAsTheMonthlyCallsDo() {
    // 9 x 10^16 (10,000 yuan) is 9 x 10^18 cents: two of them exceed a long
    EnterpriseFacts f =
        facts(
            enterprise("E1", "D1", "2710"),
            List.of(
                prod("E1", 2020, 1, true, "1", "90000000000000000", "1", 5),
                prod("E1", 2020, 3, true, "1", "90000000000000000", "1", 5)),
            List.of(),
            List.of());
    assertEquals(byMonth(f, 2020, 2), EnterpriseContributions.series(f, 2020, 2));
    Class<? extends Throwable> expected =
        assertThrows(RuntimeException.class, () -> byMonth(f, 2020, 3)).getClass();
    assertEquals(
        expected,
        assertThrows(RuntimeException.class, () -> EnterpriseContributions.series(f, 2020, 3))
            .getClass());
  }

  @Test
  void hugeAmountsThatCancelOutGiveTheMonthlyResult() {
    // the absolute values exceed a long, the sums do not: computed month by month
    EnterpriseFacts f =
        facts(
            enterprise("E1", "D1", "2710"),
            List.of(
                prod("E1", 2019, 2, true, "1", "-90000000000000000", "1", 5),
                prod("E1", 2020, 1, true, "1", "90000000000000000", "1", 5),
                prod("E1", 2020, 2, true, "1", "-90000000000000000", "1", 5),
                prod("E1", 2020, 4, true, "1", "90000000000000000", "1", 5)),
            List.of(),
            List.of());
    List<CellAcc> series = EnterpriseContributions.series(f, 2020, 12);
    assertEquals(byMonth(f, 2020, 12), series);
    assertEquals(9_000_000_000_000_000_000L, series.get(11).get(Measure.VALUE_ADDED));
    assertEquals(9_000_000_000_000_000_000L, series.get(11).get(Measure.SAMPLE_CURRENT));
    assertEquals(0, series.get(2).get(Measure.SAMPLE_CURRENT));
  }

  @Test
  void anRdAmountNotExactInCentsFailsItsYear() {
    // Production amounts are cents already; an R&D amount is still a decimal and counts in every
    // month of its year.
    RdRecord inexact = rd("E1", 2020, "1", 2);
    inexact.setRdExpenditure(new BigDecimal("1.234"));
    EnterpriseFacts f =
        facts(
            enterprise("E1", "D1", "2710"),
            List.of(
                prod("E1", 2019, 1, true, "1", "2", "3", 4),
                prod("E1", 2020, 1, true, "1", "2", "3", 4)),
            List.of(inexact),
            List.of());
    assertEquals(byMonth(f, 2019, 12), EnterpriseContributions.series(f, 2019, 12));
    assertThrows(ArithmeticException.class, () -> byMonth(f, 2020, 1));
    assertThrows(ArithmeticException.class, () -> EnterpriseContributions.series(f, 2020, 1));
  }

  @Test
  void aMonthBelowOneCountsInEveryPeriodAsInOf() {
    // not valid input (the parser rejects it), but the series still agrees with of()
    EnterpriseFacts f =
        facts(
            enterprise("E1", "D1", "2710"),
            List.of(
                prod("E1", 2020, 0, true, "1", "2", "3", 4),
                prod("E1", 2019, 0, false, "1", "2", "3", 4)),
            List.of(),
            List.of());
    List<CellAcc> series = EnterpriseContributions.series(f, 2020, 3);
    assertEquals(byMonth(f, 2020, 3), series);
    assertEquals(1, series.get(0).get(Measure.SAMPLE_SIZE));
  }
}
