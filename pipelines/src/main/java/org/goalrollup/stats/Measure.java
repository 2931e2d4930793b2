package org.goalrollup.stats;

/**
 * The additive quantities a cell accumulates. Amounts are in cents of 10,000 yuan (the input's two
 * decimals as an exact long); counts are plain counts. Rates are derived from these at the end
 * ({@link SummaryMath}).
 */
public enum Measure {
  ENTERPRISES,
  ABOVE_SCALE_ENTERPRISES,
  OUTPUT_VALUE,
  VALUE_ADDED,
  REVENUE,
  EMPLOYEES,
  ABOVE_SCALE_VALUE_ADDED,
  /** Above-scale value added of Y-1, same months: the base of the nominal growth. */
  ABOVE_SCALE_VALUE_ADDED_PREV,
  /** Enterprises in the same-sample set S. */
  SAMPLE_SIZE,
  /** Above-scale value added of S in (Y, 1..M). */
  SAMPLE_CURRENT,
  /** Value added of S in (Y-1, 1..M). */
  SAMPLE_PREVIOUS,
  INVESTMENT_COMPLETED,
  INDUSTRIAL_INVESTMENT,
  HIGH_TECH_INVESTMENT,
  TECH_RENOVATION_INVESTMENT,
  INDUSTRIAL_INVESTMENT_PREV,
  HIGH_TECH_INVESTMENT_PREV,
  TECH_RENOVATION_INVESTMENT_PREV,
  MAJOR_PROJECTS,
  RD_EXPENDITURE,
  RD_PERSONNEL,
  HIGH_TECH_ENTERPRISES,
  PROVINCIAL_RD_CENTERS,
  NATIONAL_RD_CENTERS;

  public static final int COUNT = values().length;
}
