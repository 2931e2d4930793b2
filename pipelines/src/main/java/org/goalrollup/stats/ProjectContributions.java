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
        if (latest == null
            || r.getYear() > latest.getYear()
            || (r.getYear() == latest.getYear() && r.getMonth() > latest.getMonth())) {
          latest = r;
        }
      }
      if (!current && !previous) {
        continue;
      }
      long completed = cents(r.getCompleted());
      CellAcc acc = new CellAcc();
      boolean industrial = r.getCategory() == InvestmentCategory.INDUSTRIAL;
      if (current) {
        completedInPeriod = Math.addExact(completedInPeriod, completed);
        acc.add(Measure.INVESTMENT_COMPLETED, completed);
        acc.add(Measure.INDUSTRIAL_INVESTMENT, industrial ? completed : 0);
        acc.add(Measure.HIGH_TECH_INVESTMENT, r.getHighTech() ? completed : 0);
        acc.add(Measure.TECH_RENOVATION_INVESTMENT, r.getTechRenovation() ? completed : 0);
      } else {
        acc.add(Measure.INDUSTRIAL_INVESTMENT_PREV, industrial ? completed : 0);
        acc.add(Measure.HIGH_TECH_INVESTMENT_PREV, r.getHighTech() ? completed : 0);
        acc.add(Measure.TECH_RENOVATION_INVESTMENT_PREV, r.getTechRenovation() ? completed : 0);
      }
      for (String cell : cells(r, year, sectors)) {
        out.computeIfAbsent(cell, k -> new CellAcc()).merge(acc);
      }
    }
    if (latest != null
        && latest.getCategory() == InvestmentCategory.INDUSTRIAL
        && cents(latest.getPlannedTotal()) >= thresholdCents
        && completedInPeriod > 0) {
      for (String cell : cells(latest, year, sectors)) {
        out.computeIfAbsent(cell, k -> new CellAcc()).add(Measure.MAJOR_PROJECTS, 1);
      }
    }
    return out;
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
