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
        long va = cents(p.getValueAdded());
        acc.add(Measure.OUTPUT_VALUE, cents(p.getOutputValue()));
        acc.add(Measure.VALUE_ADDED, va);
        acc.add(Measure.REVENUE, cents(p.getRevenue()));
        if (p.getMonth() == period.endMonth()) {
          acc.add(Measure.EMPLOYEES, p.getEmployees());
        }
        if (p.getAboveScale()) {
          anyAbove = true;
          aboveVa = Math.addExact(aboveVa, va);
        }
      } else if (period.contains(year - 1, p.getYear(), p.getMonth())) {
        anyPrev = true;
        long va = cents(p.getValueAdded());
        prevVa = Math.addExact(prevVa, va);
        if (p.getAboveScale()) {
          acc.add(Measure.ABOVE_SCALE_VALUE_ADDED_PREV, va);
        }
      }
    }
    acc.add(Measure.ENTERPRISES, any ? 1 : 0);
    acc.add(Measure.ABOVE_SCALE_ENTERPRISES, anyAbove ? 1 : 0);
    acc.add(Measure.ABOVE_SCALE_VALUE_ADDED, aboveVa);
    if (anyAbove && anyPrev) {
      acc.add(Measure.SAMPLE_SIZE, 1);
      acc.add(Measure.SAMPLE_CURRENT, aboveVa);
      acc.add(Measure.SAMPLE_PREVIOUS, prevVa);
    }
    for (RdRecord r : facts.getRd()) {
      if (r.getYear() == year) {
        acc.add(Measure.RD_EXPENDITURE, cents(r.getRdExpenditure()));
        acc.add(Measure.RD_PERSONNEL, r.getRdPersonnel());
      }
    }
    Enterprise e = facts.getEnterprise();
    if (isHighTech(e, period.lastDay(year))) {
      acc.add(Measure.HIGH_TECH_ENTERPRISES, 1);
    }
    if (e.getRdCenterLevel() == RdCenterLevel.PROVINCIAL) {
      acc.add(Measure.PROVINCIAL_RD_CENTERS, 1);
    }
    if (e.getRdCenterLevel() == RdCenterLevel.NATIONAL) {
      acc.add(Measure.NATIONAL_RD_CENTERS, 1);
    }
    for (Milestone m : facts.getMilestones()) {
      if (period.contains(year, m.getDate())) {
        acc.addMilestone(m.getKind(), 1);
      }
    }
    return acc;
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
