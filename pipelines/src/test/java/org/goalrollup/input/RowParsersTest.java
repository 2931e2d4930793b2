package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
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
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * The row parser of every input file (contract section 2 table, section 4 "Reading CSV"): a good
 * row, each applicable reason, and the single reason of a row with several faults (first failing
 * column in contract order, then revision, then cross-column rules).
 */
class RowParsersTest {

  /** A row of a file: a header and a known-good row that a test changes column by column. */
  static final class Fixture {
    private final List<String> header;
    private final List<String> values;
    private long line = 5;

    Fixture(List<String> header, List<String> good) {
      assertEquals(header.size(), good.size(), "fixture header and row differ in length");
      this.header = header;
      this.values = new ArrayList<>(good);
    }

    Fixture with(String column, String value) {
      int i = header.indexOf(column);
      assertTrue(i >= 0, "no column " + column);
      values.set(i, value);
      return this;
    }

    Fixture line(long n) {
      this.line = n;
      return this;
    }

    Row row() {
      try {
        return new Row(
            Header.of("test.csv", header),
            new CsvRecord(line, List.copyOf(values), String.join(",", values), null));
      } catch (InputException e) {
        throw new AssertionError(e);
      }
    }
  }

  static Row row(List<String> header, String... values) {
    return new Fixture(header, List.of(values)).row();
  }

  static RowRejected assertRejected(Reason reason, String column, RowParser<?> parser, Row row) {
    RowRejected e = assertThrows(RowRejected.class, () -> parser.parse(row));
    assertEquals(reason, e.reason(), "reason; detail was: " + e.detail());
    assertEquals(column, e.column(), "column at fault; detail was: " + e.detail());
    assertTrue(e.detail().contains(column), "detail names the column: " + e.detail());
    return e;
  }

  // --------------------------------------------------------------------- enterprises.csv

  @Nested
  class Enterprises {
    RowRejected reject(Reason reason, String column, Row row) {
      return assertRejected(reason, column, RowParsers::enterprise, row);
    }

    final List<String> header =
        List.of(
            "enterprise_id",
            "name",
            "district",
            "industry_code",
            "high_tech_from",
            "high_tech_to",
            "rd_center_level",
            "revision");
    final List<String> good =
        List.of(
            "E1", "宁波甲机械有限公司, 海曙", "海曙区", "3411", "2019-01-01", "2021-12-31", "PROVINCIAL", "2");

    Fixture f() {
      return new Fixture(header, good);
    }

    @Test
    void goodRow() throws RowRejected {
      Enterprise e = RowParsers.enterprise(f().line(9).row());
      assertEquals("E1", e.getEnterpriseId());
      assertEquals("宁波甲机械有限公司, 海曙", e.getName());
      assertEquals("海曙区", e.getDistrict());
      assertEquals("3411", e.getIndustryCode());
      assertEquals(LocalDate.of(2019, 1, 1), e.getHighTechFrom());
      assertEquals(LocalDate.of(2021, 12, 31), e.getHighTechTo());
      assertEquals(RdCenterLevel.PROVINCIAL, e.getRdCenterLevel());
      assertEquals(2, e.getRevision());
      assertEquals(9L, e.getLineNumber());
    }

    @Test
    void emptyOptionalColumns() throws RowRejected {
      Enterprise e =
          RowParsers.enterprise(
              f().with("high_tech_from", "")
                  .with("high_tech_to", "")
                  .with("rd_center_level", "")
                  .with("revision", "")
                  .row());
      assertNull(e.getHighTechFrom());
      assertNull(e.getHighTechTo());
      assertEquals(RdCenterLevel.NONE, e.getRdCenterLevel(), "empty rd_center_level = NONE");
      assertEquals(0, e.getRevision(), "empty revision = 0");
    }

    @Test
    void optionalColumnsMayBeAbsentFromTheHeader() throws RowRejected {
      Enterprise e =
          RowParsers.enterprise(
              row(
                  List.of("industry_code", "district", "name", "enterprise_id"),
                  "13",
                  "江北区",
                  "乙",
                  "E2"));
      assertEquals("E2", e.getEnterpriseId());
      assertEquals("13", e.getIndustryCode());
      assertEquals("江北区", e.getDistrict());
      assertEquals(RdCenterLevel.NONE, e.getRdCenterLevel());
      assertNull(e.getHighTechFrom());
      assertEquals(0, e.getRevision());
    }

    @Test
    void openEndedAndOneDayCertificationsAreValid() throws RowRejected {
      assertNull(RowParsers.enterprise(f().with("high_tech_to", "").row()).getHighTechTo());
      Enterprise sameDay =
          RowParsers.enterprise(
              f().with("high_tech_from", "2020-06-30").with("high_tech_to", "2020-06-30").row());
      assertEquals(sameDay.getHighTechFrom(), sameDay.getHighTechTo());
    }

    @Test
    void eachReason() {
      reject(Reason.MISSING_FIELD, "enterprise_id", f().with("enterprise_id", "").row());
      reject(Reason.MISSING_FIELD, "name", f().with("name", "").row());
      reject(Reason.MISSING_FIELD, "district", f().with("district", "").row());
      reject(Reason.INVALID_CODE, "district", f().with("district", "ALL").row());
      reject(Reason.MISSING_FIELD, "industry_code", f().with("industry_code", "").row());
      reject(Reason.INVALID_CODE, "industry_code", f().with("industry_code", "C34").row());
      reject(Reason.INVALID_CODE, "industry_code", f().with("industry_code", "34111").row());
      reject(Reason.INVALID_DATE, "high_tech_from", f().with("high_tech_from", "2019-02-30").row());
      reject(Reason.INVALID_DATE, "high_tech_to", f().with("high_tech_to", "2021-1-5").row());
      reject(
          Reason.INVALID_CODE, "rd_center_level", f().with("rd_center_level", "provincial").row());
      reject(Reason.INVALID_NUMBER, "revision", f().with("revision", "2.0").row());
      reject(
          Reason.OUT_OF_RANGE,
          "high_tech_to",
          f().with("high_tech_from", "2021-01-01").with("high_tech_to", "2020-12-31").row());
    }

    @Test
    void badRevisionComesBeforeHighTechToBeforeFrom() {
      RowRejected e =
          reject(
              Reason.INVALID_NUMBER,
              "revision",
              f().with("high_tech_from", "2021-01-01")
                  .with("high_tech_to", "2020-12-31")
                  .with("revision", "v2")
                  .row());
      assertTrue(e.detail().contains("v2"), e.detail());
    }

    @Test
    void firstFailingColumnInContractOrderWins() {
      // name (2nd) before district (3rd), whatever the header order.
      reject(Reason.MISSING_FIELD, "name", f().with("name", "").with("district", "ALL").row());
      // district (3rd) before industry_code (4th).
      reject(
          Reason.INVALID_CODE,
          "district",
          f().with("district", "ALL").with("industry_code", "x").row());
      // industry_code before the dates, dates before rd_center_level.
      reject(
          Reason.INVALID_CODE,
          "industry_code",
          f().with("industry_code", "x").with("high_tech_from", "bad").row());
      reject(
          Reason.INVALID_DATE,
          "high_tech_to",
          f().with("high_tech_to", "bad").with("rd_center_level", "bad").row());
      // rd_center_level before revision.
      reject(
          Reason.INVALID_CODE,
          "rd_center_level",
          f().with("rd_center_level", "LEVEL_9").with("revision", "x").row());
    }

    @Test
    void contractOrderHoldsWhenTheHeaderIsShuffled() {
      Row r =
          row(
              List.of("industry_code", "rd_center_level", "district", "enterprise_id", "name"),
              "bad",
              "bad",
              "ALL",
              "E1",
              "");
      reject(Reason.MISSING_FIELD, "name", r);
    }
  }

  // --------------------------------------------------------------------- sectors.csv

  @Nested
  class Sectors {
    RowRejected reject(Reason reason, String column, Row row) {
      return assertRejected(reason, column, RowParsers::sector, row);
    }

    final List<String> header = List.of("sector_id", "sector_name", "match_type", "match_value");

    @Test
    void goodRows() throws RowRejected {
      SectorRule prefix =
          RowParsers.sector(row(header, "EQUIPMENT", "装备制造", "INDUSTRY_PREFIX", "34"));
      assertEquals("EQUIPMENT", prefix.getSectorId());
      assertEquals("装备制造", prefix.getSectorName());
      assertEquals(MatchType.INDUSTRY_PREFIX, prefix.getMatchType());
      assertEquals("34", prefix.getMatchValue());
      SectorRule division =
          RowParsers.sector(row(header, "MANUFACTURING", "制造业", "INDUSTRY_PREFIX", "3"));
      assertEquals("3", division.getMatchValue(), "a 1-digit prefix covers divisions 30-39");
      SectorRule named = RowParsers.sector(row(header, "KEY_FIRMS", "重点企业", "ENTERPRISE", "E404"));
      assertEquals(MatchType.ENTERPRISE, named.getMatchType());
      assertEquals("E404", named.getMatchValue(), "an unknown enterprise id is allowed");
    }

    @Test
    void eachReason() {
      reject(Reason.MISSING_FIELD, "sector_id", row(header, "", "x", "ENTERPRISE", "E1"));
      reject(Reason.INVALID_CODE, "sector_id", row(header, "equipment", "x", "ENTERPRISE", "E1"));
      reject(Reason.INVALID_CODE, "sector_id", row(header, "ALL", "x", "ENTERPRISE", "E1"));
      reject(Reason.MISSING_FIELD, "sector_name", row(header, "S1", "", "ENTERPRISE", "E1"));
      reject(Reason.INVALID_CODE, "match_type", row(header, "S1", "x", "PREFIX", "34"));
      reject(Reason.INVALID_CODE, "match_type", row(header, "S1", "x", "industry_prefix", "34"));
      reject(Reason.MISSING_FIELD, "match_value", row(header, "S1", "x", "ENTERPRISE", ""));
    }

    @Test
    void firstFailingColumnWins() {
      reject(Reason.INVALID_CODE, "sector_id", row(header, "ALL", "", "PREFIX", ""));
      reject(Reason.MISSING_FIELD, "sector_name", row(header, "S1", "", "PREFIX", ""));
    }

    /**
     * {@code ENTERPRISE,E0004 } matched no enterprise and silently emptied the sector; the
     * ENTERPRISE rule's value is an identifier, so an invisible end is INVALID_CODE (and makes
     * sectors.csv malformed). The sector's name is text and keeps its spaces.
     */
    @Test
    void aRuleValueWithAnInvisibleEndIsInvalidCode() throws RowRejected {
      RowRejected e =
          reject(
              Reason.INVALID_CODE,
              "match_value",
              row(header, "MEDICAL_HEALTH", "医疗健康", "ENTERPRISE", "E0004 "));
      assertEquals(
          "match_value: 'E0004 ' ends with U+0020 SPACE (invisible; codes are never trimmed)",
          e.detail());
      reject(
          Reason.INVALID_CODE,
          "match_value",
          row(header, "PHARMA", "医药", "INDUSTRY_PREFIX", "27\u3000"));
      reject(
          Reason.INVALID_CODE,
          "sector_id",
          row(header, "\u00a0PHARMA", "医药", "INDUSTRY_PREFIX", "27"));
      assertEquals(
          "医药 ",
          RowParsers.sector(row(header, "PHARMA", "医药 ", "INDUSTRY_PREFIX", "27")).getSectorName());
    }
  }

  // --------------------------------------------------------------------- production.csv

  @Nested
  class ProductionRows {
    RowRejected reject(Reason reason, String column, Row row) {
      return assertRejected(reason, column, RowParsers::production, row);
    }

    final List<String> header =
        List.of(
            "enterprise_id",
            "year",
            "month",
            "above_scale",
            "output_value",
            "value_added",
            "revenue",
            "employees",
            "revision");
    final List<String> good = List.of("E1", "2020", "3", "是", "1234.5", "-12.25", "800", "35", "");

    Fixture f() {
      return new Fixture(header, good);
    }

    @Test
    void goodRow() throws RowRejected {
      Production p = RowParsers.production(f().line(12).row());
      assertEquals("E1", p.getEnterpriseId());
      assertEquals(2020, p.getYear());
      assertEquals(3, p.getMonth());
      assertTrue(p.getAboveScale());
      assertEquals(123450L, p.getOutputValue(), "1234.5 in cents");
      assertEquals(-1225L, p.getValueAdded(), "value_added may be negative");
      assertEquals(80000L, p.getRevenue());
      assertEquals(35L, p.getEmployees());
      assertEquals(0, p.getRevision());
      assertEquals(12L, p.getLineNumber());
      assertEquals("E1,2020,3,是,1234.5,-12.25,800,35,", p.getRaw());
    }

    @Test
    void zeroAmountsAndZeroEmployeesAreValid() throws RowRejected {
      Production p =
          RowParsers.production(
              f().with("output_value", "0")
                  .with("revenue", "0.00")
                  .with("employees", "0")
                  .with("above_scale", "n")
                  .row());
      assertEquals(0L, p.getOutputValue());
      assertEquals(0L, p.getEmployees());
      assertFalse(p.getAboveScale());
    }

    @Test
    void amountsAreExactCents() throws RowRejected {
      Production p =
          RowParsers.production(
              f().with("output_value", "1")
                  .with("value_added", "-0.01")
                  .with("revenue", "1.5")
                  .row());
      assertEquals(100L, p.getOutputValue(), "1 = 100 cents");
      assertEquals(-1L, p.getValueAdded(), "-0.01 = -1 cent; value_added may be negative");
      assertEquals(150L, p.getRevenue(), "1.5 = 150 cents");
      Production largest =
          RowParsers.production(
              f().with("output_value", "999999999999.99")
                  .with("value_added", "-999999999999.99")
                  .with("revenue", "0.07")
                  .row());
      assertEquals(99_999_999_999_999L, largest.getOutputValue());
      assertEquals(-99_999_999_999_999L, largest.getValueAdded());
      assertEquals(7L, largest.getRevenue(), "0.07 is 7 cents, no binary rounding");
      assertEquals(
          RowParsers.production(f().with("revenue", "800.0").row()).getRevenue(),
          RowParsers.production(f().with("revenue", "800.00").row()).getRevenue(),
          "800.0 = 800.00");
    }

    @Test
    void anAmountBeyondTheLimitIsARejectNamingItsColumn() {
      for (String column : List.of("output_value", "value_added", "revenue")) {
        RowRejected e =
            reject(Reason.OUT_OF_RANGE, column, f().with(column, "123456789012345678.99").row());
        assertTrue(e.detail().startsWith(column + ": '123456789012345678.99'"), e.detail());
        assertTrue(e.detail().contains("largest supported amount"), e.detail());
      }
      reject(Reason.INVALID_NUMBER, "revenue", f().with("revenue", "1.234").row());
      reject(Reason.INVALID_NUMBER, "output_value", f().with("output_value", "1.234").row());
    }

    @Test
    void centsBeyondALongAreARejectNotACrash() {
      // Unreachable while MAX_AMOUNT holds; guards the conversion should the limit be raised.
      BigDecimal huge = new BigDecimal("123456789012345678.99");
      RowRejected e =
          assertThrows(
              RowRejected.class, () -> RowParsers.cents("revenue", huge.toPlainString(), huge));
      assertEquals(Reason.OUT_OF_RANGE, e.reason());
      assertEquals("revenue", e.column());
      assertEquals(
          "revenue: '123456789012345678.99' is too large to hold exactly in cents", e.detail());
    }

    @Test
    void eachReason() {
      reject(Reason.MISSING_FIELD, "enterprise_id", f().with("enterprise_id", "").row());
      reject(Reason.MISSING_FIELD, "year", f().with("year", "").row());
      reject(Reason.INVALID_NUMBER, "year", f().with("year", "2020a").row());
      reject(Reason.INVALID_CODE, "month", f().with("month", "13").row());
      reject(Reason.INVALID_NUMBER, "month", f().with("month", "3.0").row());
      reject(Reason.INVALID_CODE, "above_scale", f().with("above_scale", "yes").row());
      reject(Reason.OUT_OF_RANGE, "output_value", f().with("output_value", "-1").row());
      reject(Reason.INVALID_NUMBER, "output_value", f().with("output_value", "1,234.50").row());
      reject(Reason.INVALID_NUMBER, "value_added", f().with("value_added", "1.234").row());
      reject(Reason.MISSING_FIELD, "value_added", f().with("value_added", "").row());
      reject(Reason.OUT_OF_RANGE, "revenue", f().with("revenue", "-0.01").row());
      reject(Reason.INVALID_NUMBER, "revenue", f().with("revenue", " 12").row());
      reject(Reason.OUT_OF_RANGE, "employees", f().with("employees", "-1").row());
      reject(Reason.INVALID_NUMBER, "employees", f().with("employees", "35.5").row());
      reject(Reason.MISSING_FIELD, "employees", f().with("employees", "").row());
      reject(Reason.INVALID_NUMBER, "revision", f().with("revision", "r1").row());
    }

    @Test
    void badYearAndBadRevisionGetsTheYearsFault() {
      // Both would be INVALID_NUMBER; the column tells them apart.
      RowRejected e =
          reject(
              Reason.INVALID_NUMBER, "year", f().with("year", "20x0").with("revision", "x").row());
      assertTrue(e.detail().contains("20x0"), e.detail());
    }

    @Test
    void badMonthAndBadRevisionGetsTheMonthsReason() {
      reject(Reason.INVALID_CODE, "month", f().with("month", "13").with("revision", "x").row());
    }

    @Test
    void firstFailingColumnInContractOrderWins() {
      reject(
          Reason.MISSING_FIELD, "month", f().with("month", "").with("above_scale", "maybe").row());
      reject(
          Reason.OUT_OF_RANGE,
          "output_value",
          f().with("output_value", "-5").with("value_added", "x").with("revenue", "-1").row());
      reject(
          Reason.INVALID_NUMBER,
          "value_added",
          f().with("value_added", "1e3").with("revenue", "-1").row());
      reject(
          Reason.OUT_OF_RANGE, "revenue", f().with("revenue", "-1").with("employees", "x").row());
    }

    @Test
    void columnsAreFoundByNameInAnyOrderAndExtraColumnsAreIgnored() throws RowRejected {
      Production p =
          RowParsers.production(
              row(
                  List.of(
                      "备注",
                      "employees",
                      "revenue",
                      "value_added",
                      "output_value",
                      "above_scale",
                      "month",
                      "year",
                      "note",
                      "enterprise_id"),
                  "随便",
                  "35",
                  "800",
                  "-12.25",
                  "1234.5",
                  "Y",
                  "3",
                  "2020",
                  "anything",
                  "E1"));
      Production expected = RowParsers.production(f().row());
      assertEquals(expected.getEnterpriseId(), p.getEnterpriseId());
      assertEquals(expected.getYear(), p.getYear());
      assertEquals(expected.getMonth(), p.getMonth());
      assertEquals(expected.getAboveScale(), p.getAboveScale());
      assertEquals(expected.getOutputValue(), p.getOutputValue());
      assertEquals(expected.getValueAdded(), p.getValueAdded());
      assertEquals(expected.getRevenue(), p.getRevenue());
      assertEquals(expected.getEmployees(), p.getEmployees());
      assertEquals(0, p.getRevision(), "no revision column = 0");
    }

    @Test
    void shuffledHeaderStillUsesContractOrderForTheReason() {
      // employees (last in the contract) is first in the file; year is the first fault.
      Row r =
          row(
              List.of(
                  "employees",
                  "revenue",
                  "value_added",
                  "output_value",
                  "above_scale",
                  "month",
                  "year",
                  "enterprise_id"),
              "-1",
              "-1",
              "x",
              "-1",
              "maybe",
              "13",
              "y2020",
              "E1");
      reject(Reason.INVALID_NUMBER, "year", r);
    }
  }

  // --------------------------------------------------------------------- investment.csv

  @Nested
  class InvestmentRows {
    RowRejected reject(Reason reason, String column, Row row) {
      return assertRejected(reason, column, RowParsers::investment, row);
    }

    final List<String> header =
        List.of(
            "project_id",
            "enterprise_id",
            "district",
            "industry_code",
            "year",
            "month",
            "category",
            "high_tech",
            "tech_renovation",
            "planned_total",
            "completed",
            "revision");
    final List<String> good =
        List.of(
            "P1",
            "E1",
            "海曙区",
            "3411",
            "2020",
            "4",
            "INDUSTRIAL",
            "true",
            "否",
            "6000",
            "150.75",
            "1");

    Fixture f() {
      return new Fixture(header, good);
    }

    @Test
    void goodRow() throws RowRejected {
      Investment i = RowParsers.investment(f().row());
      assertEquals("P1", i.getProjectId());
      assertEquals("E1", i.getEnterpriseId());
      assertEquals("海曙区", i.getDistrict());
      assertEquals("3411", i.getIndustryCode());
      assertEquals(2020, i.getYear());
      assertEquals(4, i.getMonth());
      assertEquals(InvestmentCategory.INDUSTRIAL, i.getCategory());
      assertTrue(i.getHighTech());
      assertFalse(i.getTechRenovation());
      assertEquals(new BigDecimal("6000.00"), i.getPlannedTotal());
      assertEquals(new BigDecimal("150.75"), i.getCompleted());
      assertEquals(1, i.getRevision());
    }

    @Test
    void emptyOptionalEnterpriseIdIsFine() throws RowRejected {
      assertNull(RowParsers.investment(f().with("enterprise_id", "").row()).getEnterpriseId());
    }

    @Test
    void enterpriseIdColumnMayBeAbsent() throws RowRejected {
      Investment i =
          RowParsers.investment(
              row(
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
                      "completed"),
                  "P2",
                  "江北区",
                  "39",
                  "2021",
                  "12",
                  "OTHER",
                  "0",
                  "1",
                  "0",
                  "0"));
      assertNull(i.getEnterpriseId());
      assertEquals(InvestmentCategory.OTHER, i.getCategory());
      assertTrue(i.getTechRenovation());
    }

    @Test
    void eachReason() {
      reject(Reason.MISSING_FIELD, "project_id", f().with("project_id", "").row());
      reject(Reason.MISSING_FIELD, "district", f().with("district", "").row());
      reject(Reason.INVALID_CODE, "district", f().with("district", "ALL").row());
      reject(Reason.INVALID_CODE, "industry_code", f().with("industry_code", "34A").row());
      reject(Reason.INVALID_NUMBER, "year", f().with("year", "2020.5").row());
      reject(Reason.INVALID_CODE, "month", f().with("month", "0").row());
      reject(Reason.INVALID_CODE, "category", f().with("category", "industrial").row());
      reject(Reason.INVALID_CODE, "high_tech", f().with("high_tech", "maybe").row());
      reject(Reason.MISSING_FIELD, "tech_renovation", f().with("tech_renovation", "").row());
      reject(Reason.OUT_OF_RANGE, "planned_total", f().with("planned_total", "-5").row());
      reject(Reason.INVALID_NUMBER, "completed", f().with("completed", "+5").row());
      reject(Reason.INVALID_NUMBER, "completed", f().with("completed", ".5").row());
      reject(Reason.OUT_OF_RANGE, "completed", f().with("completed", "-0.5").row());
      reject(Reason.INVALID_NUMBER, "revision", f().with("revision", "1.5").row());
    }

    @Test
    void firstFailingColumnInContractOrderWins() {
      reject(
          Reason.INVALID_CODE,
          "district",
          f().with("district", "ALL").with("category", "x").with("completed", "x").row());
      reject(
          Reason.OUT_OF_RANGE,
          "planned_total",
          f().with("planned_total", "-1").with("completed", "x").row());
      reject(
          Reason.INVALID_CODE, "high_tech", f().with("high_tech", "x").with("revision", "x").row());
    }
  }

  // --------------------------------------------------------------------- rd.csv

  @Nested
  class RdRows {
    RowRejected reject(Reason reason, String column, Row row) {
      return assertRejected(reason, column, RowParsers::rd, row);
    }

    final List<String> header = List.of("enterprise_id", "year", "rd_expenditure", "rd_personnel");

    @Test
    void goodRow() throws RowRejected {
      RdRecord r = RowParsers.rd(row(header, "E1", "2020", "120.5", "12"));
      assertEquals("E1", r.getEnterpriseId());
      assertEquals(2020, r.getYear());
      assertEquals(new BigDecimal("120.50"), r.getRdExpenditure());
      assertEquals(12L, r.getRdPersonnel());
      assertEquals(0, r.getRevision());
    }

    @Test
    void eachReason() {
      reject(Reason.MISSING_FIELD, "enterprise_id", row(header, "", "2020", "1", "1"));
      reject(Reason.INVALID_NUMBER, "year", row(header, "E1", "FY2020", "1", "1"));
      reject(Reason.OUT_OF_RANGE, "rd_expenditure", row(header, "E1", "2020", "-1", "1"));
      reject(Reason.INVALID_NUMBER, "rd_expenditure", row(header, "E1", "2020", "1e3", "1"));
      reject(Reason.OUT_OF_RANGE, "rd_personnel", row(header, "E1", "2020", "1", "-2"));
      reject(Reason.INVALID_NUMBER, "rd_personnel", row(header, "E1", "2020", "1", "2.5"));
      reject(Reason.MISSING_FIELD, "rd_personnel", row(header, "E1", "2020", "1", ""));
    }

    @Test
    void firstFailingColumnWins() {
      reject(Reason.OUT_OF_RANGE, "rd_expenditure", row(header, "E1", "2020", "-1", "x"));
      reject(
          Reason.INVALID_NUMBER,
          "rd_personnel",
          row(
              List.of("enterprise_id", "year", "rd_expenditure", "rd_personnel", "revision"),
              "E1",
              "2020",
              "1",
              "x",
              "-"));
    }
  }

  // --------------------------------------------------------------------- region.csv

  @Nested
  class RegionRows {
    RowRejected reject(Reason reason, String column, Row row) {
      return assertRejected(reason, column, RowParsers::region, row);
    }

    final List<String> header =
        List.of("district", "year", "gdp", "va_price_index", "other_rd_expenditure", "revision");
    final List<String> good = List.of("ALL", "2020", "1500000", "103.5", "2000.5", "");

    Fixture f() {
      return new Fixture(header, good);
    }

    /** {@code ALL\u3000} silently fell back to price index 100; now it is a reject. */
    @Test
    void aDistrictWithAnInvisibleEndIsInvalidCode() {
      RowRejected e =
          reject(Reason.INVALID_CODE, "district", f().with("district", "ALL\u3000").row());
      assertTrue(e.detail().contains("ends with U+3000 IDEOGRAPHIC SPACE"), e.detail());
      reject(Reason.INVALID_CODE, "district", f().with("district", "\t石碶街道").row());
    }

    @Test
    void goodRowWithDistrictAll() throws RowRejected {
      RegionRecord r = RowParsers.region(f().row());
      assertEquals("ALL", r.getDistrict(), "ALL is the whole region in region.csv");
      assertEquals(2020, r.getYear());
      assertEquals(new BigDecimal("1500000.00"), r.getGdp());
      assertEquals(0, new BigDecimal("103.5").compareTo(r.getVaPriceIndex()));
      assertEquals(new BigDecimal("2000.50"), r.getOtherRdExpenditure());
    }

    @Test
    void emptyOptionalColumns() throws RowRejected {
      RegionRecord r =
          RowParsers.region(f().with("va_price_index", "").with("other_rd_expenditure", "").row());
      assertEquals(
          0, new BigDecimal("100").compareTo(r.getVaPriceIndex()), "empty va_price_index = 100");
      assertEquals(0, r.getOtherRdExpenditure().signum(), "empty other_rd_expenditure = 0");
    }

    @Test
    void optionalColumnsMayBeAbsent() throws RowRejected {
      RegionRecord r =
          RowParsers.region(row(List.of("year", "gdp", "district"), "2021", "5", "海曙区"));
      assertEquals(
          0, new BigDecimal("100").compareTo(r.getVaPriceIndex()), "absent va_price_index = 100");
      assertEquals(0, r.getOtherRdExpenditure().signum());
      assertEquals(new BigDecimal("5.00"), r.getGdp());
    }

    @Test
    void vaPriceIndexIsAnyPositiveDecimal() throws RowRejected {
      assertEquals(
          0,
          new BigDecimal("98.125")
              .compareTo(
                  RowParsers.region(f().with("va_price_index", "98.125").row()).getVaPriceIndex()));
      assertEquals(
          0,
          new BigDecimal("0.5")
              .compareTo(
                  RowParsers.region(f().with("va_price_index", "0.5").row()).getVaPriceIndex()));
    }

    @Test
    void eachReason() {
      reject(Reason.MISSING_FIELD, "district", f().with("district", "").row());
      reject(Reason.INVALID_NUMBER, "year", f().with("year", "2020.0").row());
      reject(Reason.MISSING_FIELD, "gdp", f().with("gdp", "").row());
      reject(Reason.OUT_OF_RANGE, "gdp", f().with("gdp", "0").row());
      reject(Reason.OUT_OF_RANGE, "gdp", f().with("gdp", "0.00").row());
      reject(Reason.OUT_OF_RANGE, "gdp", f().with("gdp", "-100").row());
      reject(Reason.INVALID_NUMBER, "gdp", f().with("gdp", "1.5e6").row());
      reject(Reason.OUT_OF_RANGE, "va_price_index", f().with("va_price_index", "0").row());
      // positive, but 0 once kept to 18 decimals: it would divide by zero
      reject(
          Reason.OUT_OF_RANGE,
          "va_price_index",
          f().with("va_price_index", "0.0000000000000000001").row());
      reject(Reason.OUT_OF_RANGE, "va_price_index", f().with("va_price_index", "-1.5").row());
      reject(Reason.INVALID_NUMBER, "va_price_index", f().with("va_price_index", "103%").row());
      reject(
          Reason.OUT_OF_RANGE,
          "other_rd_expenditure",
          f().with("other_rd_expenditure", "-1").row());
      reject(
          Reason.INVALID_NUMBER,
          "other_rd_expenditure",
          f().with("other_rd_expenditure", "1.234").row());
      reject(Reason.INVALID_NUMBER, "revision", f().with("revision", "x").row());
    }

    @Test
    void detailOfZeroGdpQuotesTheValue() {
      RowRejected e = reject(Reason.OUT_OF_RANGE, "gdp", f().with("gdp", "0").row());
      assertTrue(e.detail().contains("'0'"), e.detail());
    }

    @Test
    void firstFailingColumnWins() {
      reject(Reason.OUT_OF_RANGE, "gdp", f().with("gdp", "0").with("va_price_index", "x").row());
      reject(
          Reason.OUT_OF_RANGE,
          "va_price_index",
          f().with("va_price_index", "0").with("revision", "x").row());
      reject(
          Reason.INVALID_NUMBER,
          "va_price_index",
          f().with("va_price_index", "x").with("other_rd_expenditure", "-1").row());
    }
  }

  // --------------------------------------------------------------------- milestones.csv

  @Nested
  class Milestones {
    RowRejected reject(Reason reason, String column, Row row) {
      return assertRejected(reason, column, RowParsers::milestone, row);
    }

    final List<String> header = List.of("year", "kind", "enterprise_id", "title", "date");

    @Test
    void goodRows() throws RowRejected {
      Milestone m =
          RowParsers.milestone(
              row(header, "2020", "SMART_FACTORY", "E1", "智能工厂, 一期", "2020-11-30"));
      assertEquals(2020, m.getYear());
      assertEquals("SMART_FACTORY", m.getKind());
      assertEquals("E1", m.getEnterpriseId());
      assertEquals("智能工厂, 一期", m.getTitle());
      assertEquals(LocalDate.of(2020, 11, 30), m.getDate());
      Milestone noEnterprise =
          RowParsers.milestone(row(header, "2020", "INDUSTRIAL_APP", "", "App", "2021-01-15"));
      assertNull(noEnterprise.getEnterpriseId(), "empty optional enterprise_id is fine");
      // contract 4: revision in milestones.csv is ignored, so even a bad one does not reject
      RowParsers.milestone(
          row(
              List.of("year", "kind", "enterprise_id", "title", "date", "revision"),
              "2020",
              "SMART_FACTORY",
              "E1",
              "x",
              "2020-11-30",
              "x"));
      assertEquals(
          LocalDate.of(2021, 1, 15),
          noEnterprise.getDate(),
          "year is only validated; the date need not be in it");
    }

    @Test
    void eachReason() {
      reject(
          Reason.INVALID_NUMBER,
          "year",
          row(header, "20-20", "SMART_FACTORY", "E1", "t", "2020-01-01"));
      reject(Reason.MISSING_FIELD, "kind", row(header, "2020", "", "E1", "t", "2020-01-01"));
      reject(
          Reason.INVALID_CODE,
          "kind",
          row(header, "2020", "smart_factory", "E1", "t", "2020-01-01"));
      reject(
          Reason.MISSING_FIELD,
          "title",
          row(header, "2020", "SMART_FACTORY", "E1", "", "2020-01-01"));
      reject(
          Reason.INVALID_DATE,
          "date",
          row(header, "2020", "SMART_FACTORY", "E1", "t", "2020-02-30"));
      reject(Reason.MISSING_FIELD, "date", row(header, "2020", "SMART_FACTORY", "E1", "t", ""));
    }

    @Test
    void firstFailingColumnWins() {
      reject(Reason.INVALID_CODE, "kind", row(header, "2020", "Smart", "E1", "", "2020-02-30"));
      reject(Reason.MISSING_FIELD, "title", row(header, "2020", "SMART_FACTORY", "E1", "", "bad"));
    }
  }

  // --------------------------------------------------------------------- targets.csv

  @Nested
  class Targets {
    RowRejected reject(Reason reason, String column, Row row) {
      return assertRejected(reason, column, RowParsers::target, row);
    }

    final List<String> header =
        List.of("indicator", "sector_id", "district", "year", "direction", "ensure", "strive");

    @Test
    void goodRows() throws RowRejected {
      Target t =
          RowParsers.target(
              row(
                  header,
                  "value_added_growth",
                  "EQUIPMENT",
                  "海曙区",
                  "2020",
                  "AT_LEAST",
                  "6",
                  "6.5"));
      assertEquals("value_added_growth", t.getIndicator());
      assertEquals("EQUIPMENT", t.getSectorId());
      assertEquals("海曙区", t.getDistrict());
      assertEquals(2020, t.getYear());
      assertEquals(Direction.AT_LEAST, t.getDirection());
      assertEquals(6.0, t.getEnsure());
      assertEquals(6.5, t.getStrive());
    }

    @Test
    void emptySectorAndDistrictMeanAllAndOneLevelIsEnough() throws RowRejected {
      Target strive =
          RowParsers.target(
              row(header, "industrial_investment_growth", "", "", "2020", "ABOVE", "", "10"));
      assertEquals("ALL", strive.getSectorId());
      assertEquals("ALL", strive.getDistrict());
      assertNull(strive.getEnsure());
      assertEquals(10.0, strive.getStrive());
      Target ensure =
          RowParsers.target(
              row(header, "milestones.SMART_FACTORY", "", "", "2020", "AT_LEAST", "2", ""));
      assertEquals(2.0, ensure.getEnsure());
      assertNull(ensure.getStrive());
    }

    @Test
    void eachReason() {
      reject(
          Reason.MISSING_FIELD, "indicator", row(header, "", "", "", "2020", "AT_LEAST", "1", ""));
      reject(
          Reason.INVALID_NUMBER,
          "year",
          row(header, "revenue", "", "", "2020年", "AT_LEAST", "1", ""));
      reject(
          Reason.MISSING_FIELD, "direction", row(header, "revenue", "", "", "2020", "", "1", ""));
      reject(
          Reason.INVALID_CODE,
          "direction",
          row(header, "revenue", "", "", "2020", "GREATER", "1", ""));
      reject(
          Reason.INVALID_CODE,
          "direction",
          row(header, "revenue", "", "", "2020", "at_least", "1", ""));
      reject(
          Reason.INVALID_NUMBER,
          "ensure",
          row(header, "revenue", "", "", "2020", "AT_LEAST", "6%", ""));
      reject(
          Reason.INVALID_NUMBER,
          "strive",
          row(header, "revenue", "", "", "2020", "AT_LEAST", "", "1e3"));
      RowRejected neither =
          assertThrows(
              RowRejected.class,
              () -> RowParsers.target(row(header, "revenue", "", "", "2020", "AT_MOST", "", "")));
      assertEquals(Reason.MISSING_FIELD, neither.reason());
      assertTrue(
          neither.detail().contains("ensure") && neither.detail().contains("strive"),
          neither.detail());
    }

    @Test
    void revisionIsAnOptionalInteger() throws RowRejected {
      List<String> withRevision = List.of("indicator", "year", "direction", "ensure", "revision");
      assertEquals(
          2,
          RowParsers.target(row(withRevision, "revenue", "2020", "AT_LEAST", "1", "2"))
              .getRevision());
      assertEquals(
          0,
          RowParsers.target(row(withRevision, "revenue", "2020", "AT_LEAST", "1", ""))
              .getRevision());
      assertEquals(
          0,
          RowParsers.target(row(header, "revenue", "", "", "2020", "AT_LEAST", "1", ""))
              .getRevision(),
          "no revision column = 0");
      reject(
          Reason.INVALID_NUMBER,
          "revision",
          row(withRevision, "revenue", "2020", "AT_LEAST", "1", "r2"));
    }

    @Test
    void badRevisionComesBeforeTheMissingLevel() {
      reject(
          Reason.INVALID_NUMBER,
          "revision",
          row(
              List.of("indicator", "year", "direction", "ensure", "strive", "revision"),
              "revenue",
              "2020",
              "AT_LEAST",
              "",
              "",
              "x"));
    }

    /**
     * A target's sector, district and indicator are keys: an invisible end would name a cell that
     * does not exist (or, for a district, fail later without saying why).
     */
    @Test
    void keysWithAnInvisibleEndAreInvalidCode() {
      RowRejected d =
          reject(
              Reason.INVALID_CODE,
              "district",
              row(header, "value_added_growth", "", "石碶街道\u3000", "2020", "AT_LEAST", "7", ""));
      assertEquals(
          "district: '石碶街道\u3000' ends with U+3000 IDEOGRAPHIC SPACE (invisible; codes are never"
              + " trimmed)",
          d.detail());
      reject(
          Reason.INVALID_CODE,
          "sector_id",
          row(header, "revenue", "MEDICAL_HEALTH ", "", "2020", "AT_LEAST", "1", ""));
      reject(
          Reason.INVALID_CODE,
          "indicator",
          row(header, "revenue\u00a0", "", "", "2020", "AT_LEAST", "1", ""));
      reject(
          Reason.INVALID_CODE,
          "sector_id",
          row(header, "revenue", " ", "", "2020", "AT_LEAST", "1", ""));
    }

    /**
     * Ensure 3, strive 2 for AT_LEAST gave STRIVE_MET for an actual of 2 while the ensure level was
     * missed. The strive level must be the harder one for the direction; equal is fine.
     */
    @Test
    void ensureAndStriveInTheWrongOrderForTheDirectionAreRejected() throws RowRejected {
      for (String up : List.of("AT_LEAST", "ABOVE")) {
        RowRejected e =
            reject(
                Reason.OUT_OF_RANGE,
                "strive",
                row(header, "milestones.SMART_FACTORY", "", "", "2020", up, "3", "2"));
        assertEquals(
            "strive: '2' is below ensure '3'; for "
                + up
                + " the strive level must be at least the ensure level (ensure and strive"
                + " swapped?)",
            e.detail());
        assertEquals(
            3.0,
            RowParsers.target(row(header, "revenue", "", "", "2020", up, "2", "3")).getStrive());
        assertEquals(
            2.0,
            RowParsers.target(row(header, "revenue", "", "", "2020", up, "2", "2.00")).getStrive());
      }
      for (String down : List.of("AT_MOST", "BELOW")) {
        RowRejected e =
            reject(
                Reason.OUT_OF_RANGE,
                "strive",
                row(header, "value_added", "", "", "2020", down, "-1.5", "-1.25"));
        assertTrue(e.detail().contains("is above ensure '-1.5'; for " + down), e.detail());
        assertEquals(
            -2.0,
            RowParsers.target(row(header, "value_added", "", "", "2020", down, "-1.5", "-2"))
                .getStrive());
      }
      // compared exactly as written, not as the nearest doubles (which are equal here)
      reject(
          Reason.OUT_OF_RANGE,
          "strive",
          row(
              header,
              "revenue",
              "",
              "",
              "2020",
              "AT_LEAST",
              "6.0000000000000000000001",
              "6.0000000000000000000000"));
    }

    @Test
    void badDirectionComesBeforeTheMissingLevel() {
      reject(
          Reason.INVALID_CODE, "direction", row(header, "revenue", "", "", "2020", "UP", "", ""));
    }
  }
}
