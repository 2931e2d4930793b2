package org.goalrollup.disclosure;

import java.util.List;
import org.goalrollup.stats.Measure;

/**
 * The groups of additive amounts that are protected together: a cell's group is either published
 * whole or suppressed whole, with the rates derived from it. Each group has its own contributors:
 * enterprises with production records (PRODUCTION), investment projects with records (INVESTMENT),
 * enterprises with rd.csv rows (RD), always in the cell's period.
 */
public enum Group {
  PRODUCTION(
      "production",
      List.of(
          Measure.OUTPUT_VALUE,
          Measure.VALUE_ADDED,
          Measure.REVENUE,
          Measure.EMPLOYEES,
          Measure.ABOVE_SCALE_VALUE_ADDED),
      List.of(
          "output_value",
          "value_added",
          "revenue",
          "employees",
          "above_scale_value_added",
          "value_added_growth",
          "value_added_growth_nominal",
          "rd_revenue_ratio"),
      List.of("value_added_growth", "value_added_growth_nominal")),
  INVESTMENT(
      "investment",
      List.of(
          Measure.INVESTMENT_COMPLETED,
          Measure.INDUSTRIAL_INVESTMENT,
          Measure.HIGH_TECH_INVESTMENT,
          Measure.TECH_RENOVATION_INVESTMENT),
      List.of(
          "investment_completed",
          "industrial_investment",
          "high_tech_investment",
          "tech_renovation_investment",
          "industrial_investment_growth",
          "high_tech_investment_growth",
          "tech_renovation_investment_growth"),
      List.of(
          "industrial_investment_growth",
          "high_tech_investment_growth",
          "tech_renovation_investment_growth")),
  RD(
      "rd",
      List.of(Measure.RD_EXPENDITURE, Measure.RD_PERSONNEL),
      List.of("rd_expenditure", "rd_personnel", "rd_revenue_ratio", "rd_gdp_ratio"),
      List.of());

  /** Number of amount columns over all groups (the width of {@link ContributorStats}). */
  public static final int COLUMNS;

  static {
    int n = 0;
    for (Group g : values()) {
      g.offset = n;
      n += g.measures.size();
    }
    COLUMNS = n;
  }

  private final String label;
  private final List<Measure> measures;
  private final List<String> publishedColumns;
  private final List<String> growthColumns;
  private int offset;

  Group(
      String label,
      List<Measure> measures,
      List<String> publishedColumns,
      List<String> growthColumns) {
    this.label = label;
    this.measures = measures;
    this.publishedColumns = publishedColumns;
    this.growthColumns = growthColumns;
  }

  /** Lower-case name used in column names and the manifest. */
  public String label() {
    return label;
  }

  /** The additive amounts the rules look at; the first one ranks cells for secondary choice. */
  public List<Measure> measures() {
    return measures;
  }

  /** Summary columns set to null when the cell's group is confidential. */
  public List<String> publishedColumns() {
    return publishedColumns;
  }

  /** Growth columns, also null when the group's cell of the previous year is confidential. */
  public List<String> growthColumns() {
    return growthColumns;
  }

  /** Position of the group's first column in the flat per-column arrays. */
  int offset() {
    return offset;
  }
}
