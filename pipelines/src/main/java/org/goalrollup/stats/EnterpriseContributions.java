package org.goalrollup.stats;

import static org.goalrollup.stats.Amounts.cents;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.goalrollup.model.Enterprise;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.Production;
import org.goalrollup.model.RdCenterLevel;
import org.goalrollup.model.RdRecord;

/**
 * What one enterprise adds to each of its cells in a computed year: production sums, its
 * same-sample share, R&D, register counts and milestones. Each enterprise contributes once per
 * cell, so counts of enterprises are distinct counts.
 */
public final class EnterpriseContributions {
  private EnterpriseContributions() {}

  /** The enterprise's contribution to year {@code year} of the period, before fan-out to cells. */
  public static CellAcc of(EnterpriseFacts facts, int year, Period period) {
    CellAcc acc = new CellAcc();
    boolean any = false;
    boolean anyAbove = false;
    boolean anyPrev = false;
    long aboveVa = 0;
    long prevVa = 0;
    for (Production p : facts.getProduction()) {
      if (period.contains(year, p.getYear(), p.getMonth())) {
        any = true;
        long va = p.getValueAdded();
        acc.add(Measure.OUTPUT_VALUE, p.getOutputValue());
        acc.add(Measure.VALUE_ADDED, va);
        acc.add(Measure.REVENUE, p.getRevenue());
        if (p.getMonth() == period.endMonth()) {
          acc.add(Measure.EMPLOYEES, p.getEmployees());
        }
        if (p.getAboveScale()) {
          anyAbove = true;
          aboveVa = Math.addExact(aboveVa, va);
        }
      } else if (period.contains(year - 1, p.getYear(), p.getMonth())) {
        anyPrev = true;
        long va = p.getValueAdded();
        prevVa = Math.addExact(prevVa, va);
        if (p.getAboveScale()) {
          acc.add(Measure.ABOVE_SCALE_VALUE_ADDED_PREV, va);
        }
      }
    }
    addCounts(acc, any, anyAbove, anyPrev, aboveVa, prevVa);
    for (RdRecord r : facts.getRd()) {
      if (r.getYear() == year) {
        acc.add(Measure.RD_EXPENDITURE, cents(r.getRdExpenditure()));
        acc.add(Measure.RD_PERSONNEL, r.getRdPersonnel());
      }
    }
    addRegister(acc, facts.getEnterprise(), period.lastDay(year));
    for (Milestone m : facts.getMilestones()) {
      if (period.contains(year, m.getDate())) {
        acc.addMilestone(m.getKind(), 1);
      }
    }
    return acc;
  }

  /**
   * The enterprise's contributions to the periods ending in months 1..{@code endMonth} of {@code
   * year}: element m-1 equals {@code of(facts, year, new Period(year, m))}, every measure, but each
   * production row, R&D row and milestone is read once instead of once per month. The rows are
   * added up per month and the month sums accumulated; the distinct counts (enterprises, above
   * scale, the same sample) come from whether any row lies in months 1..m.
   *
   * <p>If a sum could leave the exact range (the absolute values of the amounts and counts read add
   * up beyond a long), an R&D amount is not exact in cents, or a row has a month below 1, the
   * series is computed month by month with {@link #of} instead, so that it fails (or not) exactly
   * as those calls do: adding in another order could overflow where they do not, or the reverse.
   *
   * @param endMonth the last month of the series, 0 to 12 (0 gives an empty series)
   */
  public static List<CellAcc> series(EnterpriseFacts facts, int year, int endMonth) {
    if (endMonth < 0 || endMonth > 12) {
      throw new IllegalArgumentException("a series ends in a month 0..12, not " + endMonth);
    }
    List<CellAcc> series;
    try {
      series = inOnePass(facts, year, endMonth);
    } catch (ArithmeticException notExactInCents) {
      series = null;
    }
    if (series == null) {
      series = new ArrayList<>(endMonth);
      for (int m = 1; m <= endMonth; m++) {
        series.add(of(facts, year, new Period(year, m)));
      }
    }
    return series;
  }

  /** {@link #series} in one pass, or null where it has to be computed month by month. */
  private static List<CellAcc> inOnePass(EnterpriseFacts facts, int year, int endMonth) {
    // per month of the year (index 1..endMonth), the month's own sums
    int n = endMonth + 1;
    long[] output = new long[n];
    long[] valueAdded = new long[n];
    long[] revenue = new long[n];
    long[] employees = new long[n];
    long[] aboveVa = new long[n];
    long[] prevVa = new long[n];
    long[] prevAboveVa = new long[n];
    boolean[] any = new boolean[n];
    boolean[] anyAbove = new boolean[n];
    boolean[] anyPrev = new boolean[n];
    // the sum of the absolute values of everything added; negative once beyond a long
    long bound = 0;
    for (Production p : facts.getProduction()) {
      int m = p.getMonth();
      boolean current = p.getYear() == year;
      if ((!current && p.getYear() != year - 1) || m > endMonth) {
        continue;
      }
      if (m < 1) {
        return null;
      }
      long va = p.getValueAdded();
      bound = Amounts.addAbsolute(bound, va);
      if (current) {
        long ov = p.getOutputValue();
        long rev = p.getRevenue();
        bound = Amounts.addAbsolute(bound, ov);
        bound = Amounts.addAbsolute(bound, rev);
        bound = Amounts.addAbsolute(bound, p.getEmployees());
        any[m] = true;
        output[m] += ov;
        valueAdded[m] += va;
        revenue[m] += rev;
        employees[m] += p.getEmployees();
        if (p.getAboveScale()) {
          anyAbove[m] = true;
          aboveVa[m] += va;
        }
      } else {
        anyPrev[m] = true;
        prevVa[m] += va;
        if (p.getAboveScale()) {
          prevAboveVa[m] += va;
        }
      }
    }
    long rdExpenditure = 0;
    long rdPersonnel = 0;
    for (RdRecord r : facts.getRd()) {
      if (r.getYear() == year) {
        long expenditure = cents(r.getRdExpenditure());
        bound = Amounts.addAbsolute(bound, expenditure);
        bound = Amounts.addAbsolute(bound, r.getRdPersonnel());
        rdExpenditure += expenditure;
        rdPersonnel += r.getRdPersonnel();
      }
    }
    if (bound < 0) {
      return null;
    }
    // Every sum below, and every partial sum of()'s calls form in any order, adds a subset of the
    // values counted in bound, so none of them overflows.
    List<CellAcc> series = new ArrayList<>(endMonth);
    Enterprise e = facts.getEnterprise();
    long sumOutput = 0;
    long sumValueAdded = 0;
    long sumRevenue = 0;
    long sumAboveVa = 0;
    long sumPrevVa = 0;
    long sumPrevAboveVa = 0;
    boolean seen = false;
    boolean seenAbove = false;
    boolean seenPrev = false;
    for (int m = 1; m <= endMonth; m++) {
      sumOutput += output[m];
      sumValueAdded += valueAdded[m];
      sumRevenue += revenue[m];
      sumAboveVa += aboveVa[m];
      sumPrevVa += prevVa[m];
      sumPrevAboveVa += prevAboveVa[m];
      seen |= any[m];
      seenAbove |= anyAbove[m];
      seenPrev |= anyPrev[m];
      CellAcc acc = new CellAcc();
      acc.add(Measure.OUTPUT_VALUE, sumOutput);
      acc.add(Measure.VALUE_ADDED, sumValueAdded);
      acc.add(Measure.REVENUE, sumRevenue);
      acc.add(Measure.EMPLOYEES, employees[m]);
      acc.add(Measure.ABOVE_SCALE_VALUE_ADDED_PREV, sumPrevAboveVa);
      addCounts(acc, seen, seenAbove, seenPrev, sumAboveVa, sumPrevVa);
      acc.add(Measure.RD_EXPENDITURE, rdExpenditure);
      acc.add(Measure.RD_PERSONNEL, rdPersonnel);
      addRegister(acc, e, new Period(year, m).lastDay(year));
      series.add(acc);
    }
    Period whole = new Period(year, endMonth);
    for (Milestone milestone : facts.getMilestones()) {
      if (whole.contains(year, milestone.getDate())) {
        for (int m = milestone.getDate().getMonthValue(); m <= endMonth; m++) {
          series.get(m - 1).addMilestone(milestone.getKind(), 1);
        }
      }
    }
    return series;
  }

  /** The register counts: high-tech on {@code day}, R&D centres by level. */
  private static void addRegister(CellAcc acc, Enterprise e, LocalDate day) {
    if (isHighTech(e, day)) {
      acc.add(Measure.HIGH_TECH_ENTERPRISES, 1);
    }
    if (e.getRdCenterLevel() == RdCenterLevel.PROVINCIAL) {
      acc.add(Measure.PROVINCIAL_RD_CENTERS, 1);
    }
    if (e.getRdCenterLevel() == RdCenterLevel.NATIONAL) {
      acc.add(Measure.NATIONAL_RD_CENTERS, 1);
    }
  }

  /**
   * The enterprise counts of a period and the same-sample rule: an enterprise with any row counts
   * once, above scale if any row is, and is in the sample S when it has an above-scale row in the
   * period and a row in the year before's same months.
   */
  private static void addCounts(
      CellAcc acc, boolean any, boolean anyAbove, boolean anyPrev, long aboveVa, long prevVa) {
    acc.add(Measure.ENTERPRISES, any ? 1 : 0);
    acc.add(Measure.ABOVE_SCALE_ENTERPRISES, anyAbove ? 1 : 0);
    acc.add(Measure.ABOVE_SCALE_VALUE_ADDED, aboveVa);
    if (anyAbove && anyPrev) {
      acc.add(Measure.SAMPLE_SIZE, 1);
      acc.add(Measure.SAMPLE_CURRENT, aboveVa);
      acc.add(Measure.SAMPLE_PREVIOUS, prevVa);
    }
  }

  /** high_tech_from <= day <= high_tech_to; no from = not high-tech, no to = open-ended. */
  public static boolean isHighTech(Enterprise e, LocalDate day) {
    LocalDate from = e.getHighTechFrom();
    LocalDate to = e.getHighTechTo();
    return from != null && !from.isAfter(day) && (to == null || !day.isAfter(to));
  }

  /** The cells of an enterprise: each of its sectors (ALL included) x its district and ALL. */
  public static List<String> cells(Enterprise e, int year, SectorMatcher sectors) {
    List<String> out = new ArrayList<>();
    for (String s : sectors.sectorsOf(e.getIndustryCode(), e.getEnterpriseId())) {
      out.add(CellKey.encode(year, s, e.getDistrict()));
      out.add(CellKey.encode(year, s, SectorMatcher.ALL));
    }
    return out;
  }
}
