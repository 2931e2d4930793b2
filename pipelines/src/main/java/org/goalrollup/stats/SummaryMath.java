package org.goalrollup.stats;

import static org.goalrollup.stats.Amounts.decimal;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.Map;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.model.Summary;

/** Turns a cell's exact sums into its summary row: the contract's rates and ratios. */
public final class SummaryMath {
  private static final MathContext MC = MathContext.DECIMAL128;
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  private SummaryMath() {}

  /** Key of region.csv rows in the lookup map. */
  public static String regionKey(String district, int year) {
    return district + '\u0001' + year;
  }

  public static Summary summarize(
      CellKey cell, CellAcc a, int endMonth, Map<String, RegionRecord> region) {
    RegionRecord own = region.get(regionKey(cell.district(), cell.year()));
    RegionRecord whole = region.get(regionKey(SectorMatcher.ALL, cell.year()));
    long revenue = a.get(Measure.REVENUE);
    long rd = a.get(Measure.RD_EXPENDITURE);
    return Summary.newBuilder()
        .setYear(cell.year())
        .setPeriodEndMonth(endMonth)
        .setSectorId(cell.sector())
        .setDistrict(cell.district())
        .setEnterpriseCount(a.get(Measure.ENTERPRISES))
        .setAboveScaleCount(a.get(Measure.ABOVE_SCALE_ENTERPRISES))
        .setOutputValue(decimal(a.get(Measure.OUTPUT_VALUE)))
        .setValueAdded(decimal(a.get(Measure.VALUE_ADDED)))
        .setRevenue(decimal(revenue))
        .setEmployees(a.get(Measure.EMPLOYEES))
        .setAboveScaleValueAdded(decimal(a.get(Measure.ABOVE_SCALE_VALUE_ADDED)))
        .setValueAddedGrowth(
            sameSampleGrowth(
                a.get(Measure.SAMPLE_SIZE),
                a.get(Measure.SAMPLE_CURRENT),
                a.get(Measure.SAMPLE_PREVIOUS),
                priceIndex(own, whole)))
        .setValueAddedGrowthNominal(
            growth(
                a.get(Measure.ABOVE_SCALE_VALUE_ADDED),
                a.get(Measure.ABOVE_SCALE_VALUE_ADDED_PREV)))
        .setInvestmentCompleted(decimal(a.get(Measure.INVESTMENT_COMPLETED)))
        .setIndustrialInvestment(decimal(a.get(Measure.INDUSTRIAL_INVESTMENT)))
        .setHighTechInvestment(decimal(a.get(Measure.HIGH_TECH_INVESTMENT)))
        .setTechRenovationInvestment(decimal(a.get(Measure.TECH_RENOVATION_INVESTMENT)))
        .setIndustrialInvestmentGrowth(
            growth(a.get(Measure.INDUSTRIAL_INVESTMENT), a.get(Measure.INDUSTRIAL_INVESTMENT_PREV)))
        .setHighTechInvestmentGrowth(
            growth(a.get(Measure.HIGH_TECH_INVESTMENT), a.get(Measure.HIGH_TECH_INVESTMENT_PREV)))
        .setTechRenovationInvestmentGrowth(
            growth(
                a.get(Measure.TECH_RENOVATION_INVESTMENT),
                a.get(Measure.TECH_RENOVATION_INVESTMENT_PREV)))
        .setMajorProjectCount(a.get(Measure.MAJOR_PROJECTS))
        .setRdExpenditure(decimal(rd))
        .setRdPersonnel(a.get(Measure.RD_PERSONNEL))
        .setRdRevenueRatio(endMonth == 12 && revenue > 0 ? ratio(rd, revenue) : null)
        .setRdGdpRatio(
            endMonth == 12 && SectorMatcher.ALL.equals(cell.sector()) && own != null
                ? percent(decimal(rd).add(own.getOtherRdExpenditure()).divide(own.getGdp(), MC))
                : null)
        .setHighTechEnterpriseCount(a.get(Measure.HIGH_TECH_ENTERPRISES))
        .setProvincialRdCenters(a.get(Measure.PROVINCIAL_RD_CENTERS))
        .setNationalRdCenters(a.get(Measure.NATIONAL_RD_CENTERS))
        .build();
  }

  /**
   * P of the contract: the cell district's own (district, Y) row if it exists (an empty index there
   * means 100), else the (ALL, Y) row, else 100. For district ALL both are the same row.
   */
  static BigDecimal priceIndex(RegionRecord own, RegionRecord whole) {
    RegionRecord r = own != null ? own : whole;
    if (r == null) {
      return HUNDRED;
    }
    return r.getVaPriceIndex();
  }

  /** (cur / (P/100) / prev - 1) x 100; null if the sample is empty or prev <= 0. */
  public static Double sameSampleGrowth(long size, long cur, long prev, BigDecimal p) {
    if (size == 0 || prev <= 0) {
      return null;
    }
    BigDecimal deflated =
        BigDecimal.valueOf(cur).multiply(HUNDRED).divide(p.multiply(BigDecimal.valueOf(prev)), MC);
    return percent(deflated.subtract(BigDecimal.ONE));
  }

  /** (cur / prev - 1) x 100; null if prev <= 0. */
  public static Double growth(long cur, long prev) {
    if (prev <= 0) {
      return null;
    }
    return percent(
        BigDecimal.valueOf(cur).divide(BigDecimal.valueOf(prev), MC).subtract(BigDecimal.ONE));
  }

  /** num / den x 100. */
  static Double ratio(long num, long den) {
    return percent(BigDecimal.valueOf(num).divide(BigDecimal.valueOf(den), MC));
  }

  private static Double percent(BigDecimal fraction) {
    return fraction.multiply(HUNDRED).doubleValue();
  }
}
