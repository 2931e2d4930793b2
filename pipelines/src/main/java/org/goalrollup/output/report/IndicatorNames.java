package org.goalrollup.output.report;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The readable name of every indicator a target may name, in Chinese and English, with its unit and
 * whether it adds up over the months of a year (so that a year-to-date total can be set against an
 * annual target).
 */
final class IndicatorNames {
  /** How an indicator's values are written. */
  enum Unit {
    /** A growth rate in percent; differences are percentage points. */
    GROWTH,
    /** A share in percent (R&D intensity); differences are percentage points. */
    SHARE,
    /** An amount in 10,000 yuan (万元). */
    AMOUNT,
    /** A count of enterprises (家). */
    ENTERPRISES,
    /** A count of projects or achievements (个). */
    ITEMS,
    /** A count of people (人). */
    PEOPLE
  }

  /** A readable name. {@code cumulative}: the year's value is the sum of its months. */
  record Name(String zh, String en, Unit unit, boolean cumulative) {}

  static final String MILESTONE_PREFIX = "milestones.";

  private static final Map<String, Name> COLUMNS = new LinkedHashMap<>();
  private static final Map<String, Name> MILESTONES = new LinkedHashMap<>();

  static {
    col(
        "enterprise_count",
        "报送生产数据的企业数",
        "enterprises reporting production",
        Unit.ENTERPRISES,
        false);
    col("above_scale_count", "规上企业数", "above-scale enterprises", Unit.ENTERPRISES, false);
    col("output_value", "工业总产值", "output value", Unit.AMOUNT, true);
    col("value_added", "增加值", "value added", Unit.AMOUNT, true);
    col("revenue", "营业收入", "revenue", Unit.AMOUNT, true);
    col("employees", "从业人员（期末月）", "employees (last month of the period)", Unit.PEOPLE, false);
    col(
        "above_scale_value_added",
        "规上工业增加值",
        "above-scale industrial value added",
        Unit.AMOUNT,
        true);
    col(
        "value_added_growth",
        "规上工业增加值增速",
        "above-scale industrial value-added growth",
        Unit.GROWTH,
        false);
    col(
        "value_added_growth_nominal",
        "规上工业增加值名义增速",
        "above-scale value-added growth, nominal",
        Unit.GROWTH,
        false);
    col("investment_completed", "完成投资额", "investment completed", Unit.AMOUNT, true);
    col("industrial_investment", "工业投资", "industrial investment", Unit.AMOUNT, true);
    col("high_tech_investment", "高新技术产业投资", "high-tech industry investment", Unit.AMOUNT, true);
    col(
        "tech_renovation_investment",
        "技术改造投资",
        "technical renovation investment",
        Unit.AMOUNT,
        true);
    col(
        "industrial_investment_growth",
        "工业投资增速",
        "industrial investment growth",
        Unit.GROWTH,
        false);
    col(
        "high_tech_investment_growth",
        "高新技术产业投资增速",
        "high-tech industry investment growth",
        Unit.GROWTH,
        false);
    col(
        "tech_renovation_investment_growth",
        "技术改造投资增速",
        "technical renovation investment growth",
        Unit.GROWTH,
        false);
    col(
        "major_project_count",
        "重大工业投资项目",
        "major industrial investment projects",
        Unit.ITEMS,
        true);
    col("rd_expenditure", "R&D经费支出", "R&D expenditure", Unit.AMOUNT, false);
    col("rd_personnel", "R&D人员", "R&D personnel", Unit.PEOPLE, false);
    col("rd_revenue_ratio", "R&D经费占营业收入比重", "R&D expenditure as % of revenue", Unit.SHARE, false);
    col("rd_gdp_ratio", "R&D经费投入强度（占GDP比重）", "R&D expenditure as % of GDP", Unit.SHARE, false);
    col(
        "high_tech_enterprise_count",
        "有效高新技术企业",
        "valid high-tech enterprises",
        Unit.ENTERPRISES,
        false);
    col("provincial_rd_centers", "省级研发中心", "provincial R&D centres", Unit.ENTERPRISES, false);
    col("national_rd_centers", "国家级研发中心", "national R&D centres", Unit.ENTERPRISES, false);

    MILESTONES.put("DIGITAL_WORKSHOP", new Name("数字化车间", "digital workshops", Unit.ITEMS, true));
    MILESTONES.put("SMART_FACTORY", new Name("智能工厂", "smart factories", Unit.ITEMS, true));
    MILESTONES.put(
        "IIOT_5G_DEMO",
        new Name(
            "5G+工业互联网示范项目", "5G + industrial-internet demonstration projects", Unit.ITEMS, true));
    MILESTONES.put("INDUSTRIAL_APP", new Name("优秀工业APP", "industrial apps", Unit.ITEMS, true));
  }

  private IndicatorNames() {}

  private static void col(String column, String zh, String en, Unit unit, boolean cumulative) {
    COLUMNS.put(column, new Name(zh, en, unit, cumulative));
  }

  /**
   * The name of an indicator. A milestone kind without an entry is named after its code; a summary
   * column without one (a column added after this table) keeps its column name.
   */
  static Name of(String indicator) {
    if (indicator.startsWith(MILESTONE_PREFIX)) {
      String kind = indicator.substring(MILESTONE_PREFIX.length());
      Name n = MILESTONES.get(kind);
      return n != null ? n : new Name("里程碑 " + kind, "milestones " + kind, Unit.ITEMS, true);
    }
    Name n = COLUMNS.get(indicator);
    return n != null ? n : new Name(indicator, indicator, Unit.ITEMS, false);
  }

  /** Whether the table names this summary column (for the test that every column is named). */
  static boolean names(String column) {
    return COLUMNS.containsKey(column);
  }
}
