package org.goalrollup.stats;

import static org.goalrollup.stats.Amounts.cents;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.goalrollup.model.Investment;
import org.goalrollup.model.InvestmentCategory;
import org.goalrollup.model.ProjectFacts;

/**
 * What one investment project adds to the cells of a computed year. Monthly sums go to the cells of
 * each monthly record (its own district, industry code and enterprise); the major-project count
 * goes to the cells of the project's latest record up to (Y, M).
 */
public final class ProjectContributions {
  private ProjectContributions() {}

  public static Map<String, CellAcc> of(
      ProjectFacts project, int year, Period period, SectorMatcher sectors, long thresholdCents) {
    Map<String, CellAcc> out = new TreeMap<>();
    Investment latest = null;
    long completedInPeriod = 0;
    for (Investment r : project.getRecords()) {
      boolean current = period.contains(year, r.getYear(), r.getMonth());
      boolean previous = period.contains(year - 1, r.getYear(), r.getMonth());
      if (r.getYear() < year || (r.getYear() == year && r.getMonth() <= period.endMonth())) {
        if (isLater(r, latest)) {
          latest = r;
        }
      }
      if (!current && !previous) {
        continue;
      }
      long completed = cents(r.getCompleted());
      if (current) {
        completedInPeriod = Math.addExact(completedInPeriod, completed);
      }
      addInto(out, cells(r, year, sectors), contribution(r, completed, current));
    }
    if (isMajor(latest, completedInPeriod, thresholdCents)) {
      for (String cell : cells(latest, year, sectors)) {
        out.computeIfAbsent(cell, k -> new CellAcc()).add(Measure.MAJOR_PROJECTS, 1);
      }
    }
    return out;
  }

  /**
   * The project's contributions to the periods ending in months 1..{@code endMonth} of {@code
   * year}: element m-1 equals {@code of(project, year, new Period(year, m), sectors,
   * thresholdCents)}, but each record is read, converted to cents and placed in its cells once
   * instead of once per month. The records' sums are added up per month and accumulated; the latest
   * record up to (year, m) is the first record of the last month up to m that has one, else the
   * latest of the earlier years.
   *
   * <p>If a sum could leave the exact range (the absolute values of the completed amounts read add
   * up beyond a long), an amount is not exact in cents, or a record of the year or the year before
   * has a month below 1, the series is computed month by month with {@link #of} instead, so that it
   * fails (or not) exactly as those calls do.
   *
   * @param endMonth the last month of the series, 0 to 12 (0 gives an empty series)
   */
  public static List<Map<String, CellAcc>> series(
      ProjectFacts project, int year, int endMonth, SectorMatcher sectors, long thresholdCents) {
    if (endMonth < 0 || endMonth > 12) {
      throw new IllegalArgumentException("a series ends in a month 0..12, not " + endMonth);
    }
    List<Map<String, CellAcc>> series;
    try {
      series = inOnePass(project, year, endMonth, sectors, thresholdCents);
    } catch (ArithmeticException notExactInCents) {
      series = null;
    }
    if (series == null) {
      series = new ArrayList<>(endMonth);
      for (int m = 1; m <= endMonth; m++) {
        series.add(of(project, year, new Period(year, m), sectors, thresholdCents));
      }
    }
    return series;
  }

  /** {@link #series} in one pass, or null where it has to be computed month by month. */
  private static List<Map<String, CellAcc>> inOnePass(
      ProjectFacts project, int year, int endMonth, SectorMatcher sectors, long thresholdCents) {
    // per month of the year (index 1..endMonth): the sums of its records of the year and the
    // year before per cell, its completed investment of the year, its first record of the year
    List<Map<String, CellAcc>> ofMonth = new ArrayList<>(endMonth + 1);
    for (int m = 0; m <= endMonth; m++) {
      ofMonth.add(null);
    }
    long[] completedIn = new long[endMonth + 1];
    Investment[] firstIn = new Investment[endMonth + 1];
    // the latest record of the earlier years: the latest until the year has a record. It is never
    // major then (nothing completed in the period), but of() reads its planned total all the same.
    Investment latestBefore = null;
    // the sum of the absolute values of the completed amounts; negative once beyond a long
    long bound = 0;
    for (Investment r : project.getRecords()) {
      int m = r.getMonth();
      if (r.getYear() < year && isLater(r, latestBefore)) {
        latestBefore = r;
      }
      boolean current = r.getYear() == year;
      if ((!current && r.getYear() != year - 1) || m > endMonth) {
        continue;
      }
      if (m < 1) {
        return null;
      }
      long completed = cents(r.getCompleted());
      bound = Amounts.addAbsolute(bound, completed);
      if (current) {
        completedIn[m] += completed;
        if (firstIn[m] == null) {
          firstIn[m] = r;
        }
      }
      if (ofMonth.get(m) == null) {
        ofMonth.set(m, new TreeMap<>());
      }
      addInto(ofMonth.get(m), cells(r, year, sectors), contribution(r, completed, current));
    }
    if (bound < 0) {
      return null;
    }
    // Every sum below, and every partial sum of()'s calls form in any order, adds a subset of the
    // amounts counted in bound, so none of them overflows.
    List<Map<String, CellAcc>> series = new ArrayList<>(endMonth);
    Map<String, CellAcc> running = new TreeMap<>();
    Investment latest = latestBefore;
    List<String> latestCells = null;
    long completedInPeriod = 0;
    for (int m = 1; m <= endMonth; m++) {
      if (ofMonth.get(m) != null) {
        for (Map.Entry<String, CellAcc> e : ofMonth.get(m).entrySet()) {
          running.computeIfAbsent(e.getKey(), k -> new CellAcc()).merge(e.getValue());
        }
      }
      completedInPeriod += completedIn[m];
      if (firstIn[m] != null) {
        latest = firstIn[m];
        latestCells = null;
      }
      Map<String, CellAcc> month = new TreeMap<>();
      for (Map.Entry<String, CellAcc> e : running.entrySet()) {
        month.put(e.getKey(), new CellAcc().merge(e.getValue()));
      }
      if (isMajor(latest, completedInPeriod, thresholdCents)) {
        if (latestCells == null) {
          latestCells = cells(latest, year, sectors);
        }
        for (String cell : latestCells) {
          month.computeIfAbsent(cell, k -> new CellAcc()).add(Measure.MAJOR_PROJECTS, 1);
        }
      }
      series.add(month);
    }
    return series;
  }

  /**
   * Whether {@code r} is later than {@code latest} (or there is none); the first of a month wins.
   */
  private static boolean isLater(Investment r, Investment latest) {
    return latest == null
        || r.getYear() > latest.getYear()
        || (r.getYear() == latest.getYear() && r.getMonth() > latest.getMonth());
  }

  /** What one record adds to each of its cells: sums of the year, or the prior-year base. */
  private static CellAcc contribution(Investment r, long completed, boolean current) {
    CellAcc acc = new CellAcc();
    boolean industrial = r.getCategory() == InvestmentCategory.INDUSTRIAL;
    if (current) {
      acc.add(Measure.INVESTMENT_COMPLETED, completed);
      acc.add(Measure.INDUSTRIAL_INVESTMENT, industrial ? completed : 0);
      acc.add(Measure.HIGH_TECH_INVESTMENT, r.getHighTech() ? completed : 0);
      acc.add(Measure.TECH_RENOVATION_INVESTMENT, r.getTechRenovation() ? completed : 0);
    } else {
      acc.add(Measure.INDUSTRIAL_INVESTMENT_PREV, industrial ? completed : 0);
      acc.add(Measure.HIGH_TECH_INVESTMENT_PREV, r.getHighTech() ? completed : 0);
      acc.add(Measure.TECH_RENOVATION_INVESTMENT_PREV, r.getTechRenovation() ? completed : 0);
    }
    return acc;
  }

  private static void addInto(Map<String, CellAcc> out, List<String> cells, CellAcc acc) {
    for (String cell : cells) {
      out.computeIfAbsent(cell, k -> new CellAcc()).merge(acc);
    }
  }

  /**
   * A major project: the latest record is industrial with a planned total at or above the
   * threshold, and investment was completed in the period.
   */
  private static boolean isMajor(Investment latest, long completedInPeriod, long thresholdCents) {
    return latest != null
        && latest.getCategory() == InvestmentCategory.INDUSTRIAL
        && cents(latest.getPlannedTotal()) >= thresholdCents
        && completedInPeriod > 0;
  }

  /** The cells of one monthly record: its sectors (ALL included) x its district and ALL. */
  public static List<String> cells(Investment r, int year, SectorMatcher sectors) {
    List<String> out = new ArrayList<>();
    for (String s : sectors.sectorsOf(r.getIndustryCode(), r.getEnterpriseId())) {
      out.add(CellKey.encode(year, s, r.getDistrict()));
      out.add(CellKey.encode(year, s, SectorMatcher.ALL));
    }
    return out;
  }
}
