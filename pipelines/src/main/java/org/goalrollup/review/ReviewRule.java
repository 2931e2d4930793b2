package org.goalrollup.review;

import java.util.List;

/**
 * The verification edits (核实性审核) the product knows: each rule's id, the columns it reads, its
 * message in Chinese and English and the parameters it takes. Severities and parameter values come
 * from the rules file ({@link ReviewRules}).
 */
public enum ReviewRule {
  VA_ABOVE_OUTPUT(
      "production.csv: value_added, output_value",
      "工业增加值大于工业总产值",
      "value added is greater than output value"),
  VA_RATIO(
      "production.csv: value_added, output_value",
      "增加值率（增加值/总产值）超出合理区间",
      "value added / output value is outside the plausible range",
      Param.of("min_ratio", Kind.RATIO),
      Param.of("max_ratio", Kind.RATIO)),
  ABOVE_SCALE_LOW_REVENUE(
      "production.csv: above_scale, revenue",
      "标为规上企业，但最近12个月营业收入低于规上标准",
      "marked above scale, but revenue over the last 12 reported months is under the threshold",
      Param.of("threshold", Kind.AMOUNT)),
  BELOW_SCALE_HIGH_REVENUE(
      "production.csv: above_scale, revenue",
      "未标为规上企业，但最近12个月营业收入超过规上标准",
      "not marked above scale, but revenue over the last 12 reported months is over the threshold",
      Param.of("threshold", Kind.AMOUNT)),
  REVENUE_WITHOUT_EMPLOYEES(
      "production.csv: revenue, employees", "有营业收入但从业人员为0", "revenue reported with no employees"),
  EMPLOYEES_WITHOUT_REVENUE(
      "production.csv: revenue, employees",
      "全年有从业人员但营业收入均为0",
      "employees reported but no revenue in any month of the year"),
  MONTH_ON_MONTH_JUMP(
      "production.csv: value_added, revenue",
      "增加值或营业收入环比变动过大",
      "value added or revenue changed too much from the previous month",
      Param.of("factor", Kind.FACTOR),
      Param.of("min_revenue", Kind.AMOUNT)),
  YEAR_ON_YEAR_JUMP(
      "production.csv: value_added, revenue",
      "增加值或营业收入同比变动过大",
      "value added or revenue changed too much from the same month of the previous year",
      Param.of("factor", Kind.FACTOR),
      Param.of("min_revenue", Kind.AMOUNT)),
  MONTH_GAP(
      "production.csv: year, month",
      "月度报表中断：两个报告月之间缺少月份",
      "a month is missing between two reported months"),
  INVESTMENT_OVER_PLAN(
      "investment.csv: completed, planned_total",
      "项目本年完成投资超过计划总投资",
      "the project's completed investment of the year exceeds its planned total"),
  INVESTMENT_AFTER_COMPLETION(
      "investment.csv: completed, planned_total",
      "项目累计完成投资已达计划总投资后仍报告新增投资",
      "the project reports new investment after its cumulative investment reached the planned"
          + " total"),
  RD_ABOVE_REVENUE(
      "rd.csv: rd_expenditure; production.csv: revenue",
      "研发经费支出大于本年营业收入",
      "R&D expenditure is greater than the enterprise's revenue of the year");

  /** How a parameter value is checked. */
  public enum Kind {
    /** A decimal number, may be negative (a ratio bound). */
    RATIO,
    /** An amount in 10,000 yuan, >= 0. */
    AMOUNT,
    /** A factor > 1. */
    FACTOR
  }

  /** A parameter a rule takes. */
  public record Param(String name, Kind kind) {
    static Param of(String name, Kind kind) {
      return new Param(name, kind);
    }
  }

  private final String columns;
  private final String messageZh;
  private final String messageEn;
  private final List<Param> params;

  ReviewRule(String columns, String messageZh, String messageEn, Param... params) {
    this.columns = columns;
    this.messageZh = messageZh;
    this.messageEn = messageEn;
    this.params = List.of(params);
  }

  /** The input columns the rule reads, e.g. {@code production.csv: value_added, output_value}. */
  public String columns() {
    return columns;
  }

  public String messageZh() {
    return messageZh;
  }

  public String messageEn() {
    return messageEn;
  }

  public List<Param> params() {
    return params;
  }

  /** The parameter of this name, or null if the rule takes none by that name. */
  public Param param(String name) {
    return params.stream().filter(p -> p.name().equals(name)).findFirst().orElse(null);
  }

  /** The rule of this id, or null. */
  public static ReviewRule byId(String id) {
    for (ReviewRule r : values()) {
      if (r.name().equals(id)) {
        return r;
      }
    }
    return null;
  }
}
