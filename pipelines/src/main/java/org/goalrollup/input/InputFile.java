package org.goalrollup.input;

import java.util.List;

/** The input files of the contract: name, whether the run needs it, and its required columns. */
public enum InputFile {
  ENTERPRISES(
      "enterprises.csv", true, List.of("enterprise_id", "name", "district", "industry_code")),
  SECTORS("sectors.csv", true, List.of("sector_id", "sector_name", "match_type", "match_value")),
  PRODUCTION(
      "production.csv",
      true,
      List.of(
          "enterprise_id",
          "year",
          "month",
          "above_scale",
          "output_value",
          "value_added",
          "revenue",
          "employees")),
  INVESTMENT(
      "investment.csv",
      false,
      List.of(
          "project_id",
          "district",
          "industry_code",
          "year",
          "month",
          "category",
          "high_tech",
          "tech_renovation",
          "planned_total",
          "completed")),
  RD("rd.csv", false, List.of("enterprise_id", "year", "rd_expenditure", "rd_personnel")),
  REGION("region.csv", false, List.of("district", "year", "gdp")),
  MILESTONES("milestones.csv", false, List.of("year", "kind", "title", "date")),
  TARGETS("targets.csv", false, List.of("indicator", "year", "direction"));

  private final String fileName;
  private final boolean required;
  private final List<String> requiredColumns;

  InputFile(String fileName, boolean required, List<String> requiredColumns) {
    this.fileName = fileName;
    this.required = required;
    this.requiredColumns = requiredColumns;
  }

  /** Every column of the contract the file may have: the required ones and the optional ones. */
  public java.util.Set<String> columns() {
    java.util.Set<String> all = new java.util.HashSet<>(requiredColumns);
    all.add("revision");
    switch (this) {
      case ENTERPRISES -> all.addAll(List.of("high_tech_from", "high_tech_to", "rd_center_level"));
      case INVESTMENT, MILESTONES -> all.add("enterprise_id");
      case REGION -> all.addAll(List.of("va_price_index", "other_rd_expenditure"));
      case TARGETS -> all.addAll(List.of("sector_id", "district", "ensure", "strive"));
      default -> {}
    }
    return all;
  }

  public String fileName() {
    return fileName;
  }

  public boolean required() {
    return required;
  }

  /** Columns that must be in the header (optional columns of the contract are not listed). */
  public List<String> requiredColumns() {
    return requiredColumns;
  }
}
