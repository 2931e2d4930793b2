package org.goalrollup.input;

import java.math.BigDecimal;
import java.time.LocalDate;
import org.goalrollup.model.Direction;
import org.goalrollup.model.Enterprise;
import org.goalrollup.model.Investment;
import org.goalrollup.model.InvestmentCategory;
import org.goalrollup.model.MatchType;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.Production;
import org.goalrollup.model.RdCenterLevel;
import org.goalrollup.model.RdRecord;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.model.SectorRule;
import org.goalrollup.model.Target;
import org.goalrollup.stats.Amounts;

/**
 * The row parsers of every input file. Columns are checked in the contract's column order, then
 * {@code revision}, then cross-column rules, so a row with several faults gets the contract's one
 * reason.
 */
public final class RowParsers {
  private RowParsers() {}

  public static Enterprise enterprise(Row r) throws RowRejected {
    Enterprise.Builder b = Enterprise.newBuilder();
    b.setEnterpriseId(Values.id("enterprise_id", r.required("enterprise_id")));
    b.setName(Values.text("name", r.required("name")));
    b.setDistrict(Values.district("district", r.required("district")));
    b.setIndustryCode(Values.industryCode("industry_code", r.required("industry_code")));
    String from = r.optional("high_tech_from");
    LocalDate fromDate = from == null ? null : Values.date("high_tech_from", from);
    String to = r.optional("high_tech_to");
    LocalDate toDate = to == null ? null : Values.date("high_tech_to", to);
    String level = r.optional("rd_center_level");
    b.setRdCenterLevel(
        level == null
            ? RdCenterLevel.NONE
            : Values.enumValue("rd_center_level", level, RdCenterLevel.class));
    b.setRevision(r.revision());
    if (fromDate != null && toDate != null && toDate.isBefore(fromDate)) {
      throw new RowRejected(
          Reason.OUT_OF_RANGE,
          "high_tech_to",
          "high_tech_to: '" + to + "' is before high_tech_from '" + from + "'");
    }
    b.setHighTechFrom(fromDate).setHighTechTo(toDate);
    return b.setLineNumber(r.line()).setRaw(r.raw()).build();
  }

  public static SectorRule sector(Row r) throws RowRejected {
    String id = Values.code("sector_id", r.required("sector_id"));
    if ("ALL".equals(id)) {
      throw new RowRejected(
          Reason.INVALID_CODE, "sector_id", "sector_id: 'ALL' is reserved for the whole region");
    }
    String name = Values.text("sector_name", r.required("sector_name"));
    MatchType type = Values.enumValue("match_type", r.required("match_type"), MatchType.class);
    String value = r.required("match_value");
    if (type == MatchType.INDUSTRY_PREFIX) {
      Values.industryPrefix("match_value", value);
    } else {
      Values.id("match_value", value);
    }
    // revision is ignored in sectors.csv (contract 4): every valid rule counts.
    return SectorRule.newBuilder()
        .setSectorId(id)
        .setSectorName(name)
        .setMatchType(type)
        .setMatchValue(value)
        .setLineNumber(r.line())
        .build();
  }

  public static Production production(Row r) throws RowRejected {
    return Production.newBuilder()
        .setEnterpriseId(Values.id("enterprise_id", r.required("enterprise_id")))
        .setYear(Values.year("year", r.required("year")))
        .setMonth(Values.month("month", r.required("month")))
        .setAboveScale(Values.bool("above_scale", r.required("above_scale")))
        .setOutputValue(cents("output_value", r.required("output_value"), true))
        .setValueAdded(cents("value_added", r.required("value_added"), false))
        .setRevenue(cents("revenue", r.required("revenue"), true))
        .setEmployees(Values.count("employees", r.required("employees")))
        .setRevision(r.revision())
        .setLineNumber(r.line())
        .setRaw(r.raw())
        .build();
  }

  /** An amount validated as {@link Values#amount} does, as exact cents (the amount x 100). */
  static long cents(String column, String value, boolean nonNegative) throws RowRejected {
    return cents(column, value, Values.amount(column, value, nonNegative));
  }

  /**
   * The amount's cents. {@link Values#MAX_AMOUNT} keeps every valid amount far inside a long;
   * should that limit ever be raised beyond it, an amount whose cents do not fit is still a row
   * reject naming the column, not a crash.
   */
  static long cents(String column, String value, BigDecimal amount) throws RowRejected {
    try {
      return Amounts.cents(amount);
    } catch (ArithmeticException tooLarge) {
      throw new RowRejected(
          Reason.OUT_OF_RANGE,
          column,
          column + ": " + Values.quote(value) + " is too large to hold exactly in cents");
    }
  }

  public static Investment investment(Row r) throws RowRejected {
    return Investment.newBuilder()
        .setProjectId(Values.id("project_id", r.required("project_id")))
        .setEnterpriseId(optionalId(r, "enterprise_id"))
        .setDistrict(Values.district("district", r.required("district")))
        .setIndustryCode(Values.industryCode("industry_code", r.required("industry_code")))
        .setYear(Values.year("year", r.required("year")))
        .setMonth(Values.month("month", r.required("month")))
        .setCategory(Values.enumValue("category", r.required("category"), InvestmentCategory.class))
        .setHighTech(Values.bool("high_tech", r.required("high_tech")))
        .setTechRenovation(Values.bool("tech_renovation", r.required("tech_renovation")))
        .setPlannedTotal(Values.amount("planned_total", r.required("planned_total"), true))
        .setCompleted(Values.amount("completed", r.required("completed"), true))
        .setRevision(r.revision())
        .setLineNumber(r.line())
        .setRaw(r.raw())
        .build();
  }

  public static RdRecord rd(Row r) throws RowRejected {
    return RdRecord.newBuilder()
        .setEnterpriseId(Values.id("enterprise_id", r.required("enterprise_id")))
        .setYear(Values.year("year", r.required("year")))
        .setRdExpenditure(Values.amount("rd_expenditure", r.required("rd_expenditure"), true))
        .setRdPersonnel(Values.count("rd_personnel", r.required("rd_personnel")))
        .setRevision(r.revision())
        .setLineNumber(r.line())
        .setRaw(r.raw())
        .build();
  }

  public static RegionRecord region(Row r) throws RowRejected {
    RegionRecord.Builder b = RegionRecord.newBuilder();
    // a district of the register or ALL (the whole region)
    b.setDistrict(Values.id("district", r.required("district")));
    b.setYear(Values.year("year", r.required("year")));
    var gdp = Values.amount("gdp", r.required("gdp"), false);
    if (gdp.signum() <= 0) {
      throw new RowRejected(
          Reason.OUT_OF_RANGE, "gdp", "gdp: '" + r.optional("gdp") + "' is not positive");
    }
    b.setGdp(gdp);
    String index = r.optional("va_price_index");
    if (index != null) {
      var p = Values.decimal("va_price_index", index);
      // Exact up to 18 decimals; beyond that rounded half-even (a change below 1e-18), and
      // checked after rounding, so a tiny positive index that rounds to 0 is out of range too.
      p = p.setScale(18, java.math.RoundingMode.HALF_EVEN);
      if (p.signum() <= 0 || p.compareTo(Values.MAX_INDEX) > 0) {
        throw new RowRejected(
            Reason.OUT_OF_RANGE,
            "va_price_index",
            "va_price_index: '" + index + "' is not a positive index below 10^20");
      }
      b.setVaPriceIndex(p);
    } else {
      b.setVaPriceIndex(java.math.BigDecimal.valueOf(100).setScale(18));
    }
    String other = r.optional("other_rd_expenditure");
    b.setOtherRdExpenditure(
        other == null
            ? java.math.BigDecimal.ZERO.setScale(2)
            : Values.amount("other_rd_expenditure", other, true));
    return b.setRevision(r.revision()).setLineNumber(r.line()).setRaw(r.raw()).build();
  }

  public static Milestone milestone(Row r) throws RowRejected {
    Milestone.Builder b = Milestone.newBuilder();
    b.setYear(Values.year("year", r.required("year")));
    b.setKind(Values.code("kind", r.required("kind")));
    b.setEnterpriseId(optionalId(r, "enterprise_id"));
    b.setTitle(Values.text("title", r.required("title")));
    b.setDate(Values.date("date", r.required("date")));
    // revision is ignored in milestones.csv (contract 4): every accepted row counts.
    return b.setLineNumber(r.line()).setRaw(r.raw()).build();
  }

  public static Target target(Row r) throws RowRejected {
    Target.Builder b = Target.newBuilder();
    b.setIndicator(Values.indicator("indicator", r.required("indicator")));
    String sector = optionalId(r, "sector_id");
    b.setSectorId(sector == null ? "ALL" : sector);
    String district = optionalId(r, "district");
    b.setDistrict(district == null ? "ALL" : district);
    b.setYear(Values.year("year", r.required("year")));
    Direction direction = Values.enumValue("direction", r.required("direction"), Direction.class);
    b.setDirection(direction);
    String ensure = r.optional("ensure");
    b.setEnsure(ensure == null ? null : Values.level("ensure", ensure));
    String strive = r.optional("strive");
    b.setStrive(strive == null ? null : Values.level("strive", strive));
    b.setRevision(r.revision());
    if (ensure == null && strive == null) {
      throw new RowRejected(
          Reason.MISSING_FIELD, "ensure", "ensure/strive: a target needs at least one level");
    }
    if (ensure != null && strive != null) {
      checkLevelsInOrder(direction, ensure, strive);
    }
    return b.setLineNumber(r.line()).build();
  }

  /**
   * The strive level (力争) is the harder goal: for AT_LEAST and ABOVE it must be at least the ensure
   * level (确保), for AT_MOST and BELOW at most; equal levels are fine. Levels in the wrong order
   * would make "strive met" possible while the ensure level is missed. Compared exactly as written.
   */
  private static void checkLevelsInOrder(Direction direction, String ensure, String strive)
      throws RowRejected {
    int order = Values.decimal("strive", strive).compareTo(Values.decimal("ensure", ensure));
    boolean upward = direction == Direction.AT_LEAST || direction == Direction.ABOVE;
    if (upward ? order < 0 : order > 0) {
      throw new RowRejected(
          Reason.OUT_OF_RANGE,
          "strive",
          "strive: "
              + Values.quote(strive)
              + " is "
              + (upward ? "below" : "above")
              + " ensure "
              + Values.quote(ensure)
              + "; for "
              + direction
              + " the strive level must be "
              + (upward ? "at least" : "at most")
              + " the ensure level (ensure and strive swapped?)");
    }
  }

  /** An optional identifier column: null when empty, else checked as {@link Values#id}. */
  private static String optionalId(Row r, String column) throws RowRejected {
    String v = r.optional(column);
    return v == null ? null : Values.id(column, v);
  }
}
