package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.goalrollup.model.Enterprise;
import org.goalrollup.model.Investment;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.Production;
import org.goalrollup.model.RdCenterLevel;
import org.goalrollup.model.RdRecord;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.model.Reject;
import org.junit.jupiter.api.Test;

/**
 * The revision and duplicate rule (contract section 2 "Revisions and duplicates", section 4
 * "Revisions, duplicates, rejects") and {@link EnterpriseResolver}. Rows are parsed with {@link
 * RowParsers}, so "identical" is judged on parsed values as the contract says.
 */
class RevisionsTest {
  static final List<String> PRODUCTION =
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
  static final List<String> ENTERPRISES =
      List.of(
          "enterprise_id",
          "name",
          "district",
          "industry_code",
          "high_tech_from",
          "high_tech_to",
          "rd_center_level",
          "revision");
  static final List<String> REGION =
      List.of("district", "year", "gdp", "va_price_index", "other_rd_expenditure", "revision");
  static final List<String> RD =
      List.of("enterprise_id", "year", "rd_expenditure", "rd_personnel", "revision");
  static final List<String> MILESTONES = List.of("year", "kind", "enterprise_id", "title", "date");
  static final List<String> INVESTMENT =
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

  /** Parses a simple comma-separated line (no quoting) of a file with the given header. */
  static <T> T parse(RowParser<T> parser, List<String> header, long line, String csv) {
    List<String> fields = Arrays.asList(csv.split(",", -1));
    try {
      return parser.parse(
          new Row(Header.of("test.csv", header), new CsvRecord(line, fields, csv, null)));
    } catch (RowRejected | InputException e) {
      throw new AssertionError("fixture row did not parse: " + csv, e);
    }
  }

  static Production prod(long line, String csv) {
    return parse(RowParsers::production, PRODUCTION, line, csv);
  }

  static Enterprise ent(long line, String csv) {
    return parse(RowParsers::enterprise, ENTERPRISES, line, csv);
  }

  static RegionRecord region(long line, String csv) {
    return parse(RowParsers::region, REGION, line, csv);
  }

  static final Function<Production, String> PRODUCTION_KEY =
      p ->
          "enterprise_id="
              + p.getEnterpriseId()
              + " year="
              + p.getYear()
              + " month="
              + p.getMonth();

  static List<Long> lines(List<? extends org.apache.avro.specific.SpecificRecordBase> rows) {
    return rows.stream().map(Records::line).sorted().collect(Collectors.toList());
  }

  // ------------------------------------------------------------------ Revisions.resolve

  /**
   * The lines of the accepted rows, for the line accounting: in force, superseded and collapsed
   * rows count, conflicting rows do not (they are rejects). Line counts set by hand.
   */
  @Test
  void acceptedLinesAreThoseOfEveryRowButTheConflictingOnes() {
    Production inForce = prod(2, "E1,2020,1,Y,110,11,95,5,2");
    Production superseded = prod(4, "E1,2020,1,Y,100,10,90,5,0");
    superseded.setLineCount(3); // lines 4-6, a quoted line break in a note
    Production collapsedA = prod(7, "E1,2020,2,Y,1,1,1,1,0");
    Production collapsedB = prod(8, "E1,2020,2,Y,1.00,1,1,1,");
    collapsedB.setLineCount(2);
    Production conflictA = prod(10, "E1,2020,3,Y,1,1,1,1,0");
    Production conflictB = prod(11, "E1,2020,3,Y,2,1,1,1,0");
    conflictB.setLineCount(4);
    Production alone = prod(15, "E2,2020,3,Y,2,1,1,1,0");
    Revisions.Outcome<Production> o =
        Revisions.resolve(
            List.of(inForce, superseded, collapsedA, collapsedB, conflictA, conflictB, alone),
            PRODUCTION_KEY);
    // 1 + 3 (E1 2020-01) + 1 + 2 (E1 2020-02) + 1 (E2); E1 2020-03's 1 + 4 lines are rejected
    assertEquals(8, o.acceptedLines);
    assertEquals(1, o.superseded);
    assertEquals(1, o.collapsed);
    assertEquals(4, Revisions.conflictRejects(InputFile.PRODUCTION, o).get(1).getLineCount());
  }

  @Test
  void lowerRevisionsAreSupersededAndCounted() {
    List<Production> rows =
        List.of(
            prod(2, "E1,2020,1,Y,100,10,90,5,0"),
            prod(3, "E1,2020,1,Y,110,11,95,5,2"),
            prod(4, "E1,2020,1,Y,105,10.5,92,5,1"));
    Revisions.Outcome<Production> o = Revisions.resolve(rows, PRODUCTION_KEY);
    assertEquals(1, o.inForce.size());
    Production p = o.inForce.get(0);
    assertEquals(3L, p.getLineNumber());
    assertEquals(2, p.getRevision());
    assertEquals(9500L, p.getRevenue());
    assertEquals(2, o.superseded);
    assertEquals(0, o.collapsed);
    assertTrue(o.conflicting.isEmpty());
  }

  @Test
  void resultDoesNotDependOnArrivalOrder() {
    List<Production> rows =
        new ArrayList<>(
            List.of(
                prod(2, "E1,2020,1,Y,100,10,90,5,0"),
                prod(3, "E1,2020,1,Y,110,11,95,5,2"),
                prod(4, "E1,2020,1,Y,105,10.5,92,5,1")));
    Collections.reverse(rows);
    Revisions.Outcome<Production> o = Revisions.resolve(rows, PRODUCTION_KEY);
    assertEquals(List.of(3L), lines(o.inForce));
    assertEquals(2, o.superseded);
  }

  @Test
  void identicalTopRevisionRowsWrittenDifferentlyCollapse() {
    List<Production> rows =
        List.of(
            prod(2, "E1,2020,2,N,1,1,1,1,0"),
            prod(3, "E1,2020,2,true,100.0,-5.5,90,12,1"),
            prod(4, "E1,2020,2,Y,100.00,-5.50,90.00,12,1"),
            prod(5, "E1,2020,2,是,100,-5.5,90.0,012,1"));
    Revisions.Outcome<Production> o = Revisions.resolve(rows, PRODUCTION_KEY);
    assertTrue(o.conflicting.isEmpty(), "1.0 = 1.00, true = Y = 是 after parsing");
    assertEquals(1, o.inForce.size());
    Production p = o.inForce.get(0);
    assertTrue(p.getAboveScale());
    assertEquals(10000L, p.getOutputValue());
    assertEquals(-550L, p.getValueAdded());
    assertEquals(9000L, p.getRevenue());
    assertEquals(12L, p.getEmployees());
    assertEquals(2, o.collapsed, "three identical rows collapse into one: 2 collapsed");
    assertEquals(1, o.superseded);
  }

  @Test
  void emptyRevisionEqualsRevisionZero() {
    List<Production> rows =
        List.of(prod(2, "E1,2020,3,0,5,5,5,5,"), prod(3, "E1,2020,3,false,5.0,5.00,5,5,0"));
    Revisions.Outcome<Production> o = Revisions.resolve(rows, PRODUCTION_KEY);
    assertEquals(1, o.inForce.size());
    assertEquals(1, o.collapsed);
    assertEquals(0, o.superseded);
  }

  @Test
  void conflictingTopRevisionRowsAreAllRejectedAndTheKeyHasNoValue() {
    List<Production> rows =
        List.of(
            prod(2, "E1,2020,4,Y,100,10,80,5,0"),
            prod(3, "E1,2020,4,Y,100,10,90,5,3"),
            prod(4, "E1,2020,4,Y,100,10,85,5,1"),
            prod(5, "E1,2020,4,Y,100,10,91,5,3"));
    Revisions.Outcome<Production> o = Revisions.resolve(rows, PRODUCTION_KEY);
    assertTrue(o.inForce.isEmpty(), "the key has no in-force row");
    assertEquals(2, o.superseded, "revisions 0 and 1 are still only superseded");
    assertEquals(0, o.collapsed);
    assertEquals(1, o.conflicting.size());
    assertEquals(List.of(3L, 5L), lines(o.conflicting.values().iterator().next()));

    List<Reject> rejects = Revisions.conflictRejects(InputFile.PRODUCTION, o);
    assertEquals(2, rejects.size());
    List<String> got =
        rejects.stream()
            .map(
                r ->
                    r.getSourceFile()
                        + "|"
                        + r.getLineNumber()
                        + "|"
                        + r.getReason()
                        + "|"
                        + r.getRaw())
            .sorted()
            .collect(Collectors.toList());
    assertEquals(
        List.of(
            "production.csv|3|CONFLICTING_DUPLICATE|E1,2020,4,Y,100,10,90,5,3",
            "production.csv|5|CONFLICTING_DUPLICATE|E1,2020,4,Y,100,10,91,5,3"),
        got);
    for (Reject r : rejects) {
      assertTrue(r.getDetail().contains("E1"), r.getDetail());
    }
  }

  @Test
  void oneDifferingRowAmongIdenticalOnesMakesThemAllConflict() {
    List<Production> rows =
        List.of(
            prod(2, "E1,2020,5,Y,100,10,90,5,1"),
            prod(3, "E1,2020,5,Y,100.0,10,90,5,1"),
            prod(4, "E1,2020,5,N,100,10,90,5,1"));
    Revisions.Outcome<Production> o = Revisions.resolve(rows, PRODUCTION_KEY);
    assertTrue(o.inForce.isEmpty());
    assertEquals(0, o.collapsed);
    assertEquals(List.of(2L, 3L, 4L), lines(o.conflicting.values().iterator().next()));
    assertEquals(3, Revisions.conflictRejects(InputFile.PRODUCTION, o).size());
  }

  @Test
  void rowsOfDifferentKeysAreIndependent() {
    List<Production> rows =
        List.of(
            // key E1/2020/1: conflict at revision 0
            prod(2, "E1,2020,1,Y,1,1,1,1,"),
            prod(3, "E1,2020,1,Y,2,1,1,1,"),
            // key E1/2020/2: one row
            prod(4, "E1,2020,2,Y,7,7,7,7,"),
            // key E2/2020/1: two identical rows, one superseded row
            prod(5, "E2,2020,1,N,3,3,3,3,1"),
            prod(6, "E2,2020,1,0,3.00,3,3,3,1"),
            prod(7, "E2,2020,1,0,9,9,9,9,0"),
            // key E1/2021/1: same enterprise and month, other year
            prod(8, "E1,2021,1,Y,8,8,8,8,"));
    Revisions.Outcome<Production> o = Revisions.resolve(rows, PRODUCTION_KEY);
    assertEquals(List.of(4L, 5L, 8L), lines(o.inForce));
    assertEquals(1, o.conflicting.size());
    assertTrue(o.conflicting.containsKey("enterprise_id=E1 year=2020 month=1"));
    assertEquals(1, o.collapsed);
    assertEquals(1, o.superseded);
  }

  @Test
  void emptyRdCenterLevelEqualsNone() {
    List<Enterprise> rows =
        List.of(ent(2, "E1,甲,海曙区,3411,2019-01-01,,,1"), ent(3, "E1,甲,海曙区,3411,2019-01-01,,NONE,1"));
    Revisions.Outcome<Enterprise> o =
        Revisions.resolve(rows, e -> "enterprise_id=" + e.getEnterpriseId());
    assertEquals(1, o.inForce.size());
    assertEquals(RdCenterLevel.NONE, o.inForce.get(0).getRdCenterLevel());
    assertEquals(1, o.collapsed);
  }

  @Test
  void registerRowsDifferingInAnyContractColumnConflict() {
    List<Enterprise> rows =
        List.of(
            ent(2, "E1,甲,海曙区,3411,2019-01-01,,,1"),
            ent(3, "E1,甲,海曙区,3411,2019-01-01,2022-12-31,,1"));
    Revisions.Outcome<Enterprise> o =
        Revisions.resolve(rows, e -> "enterprise_id=" + e.getEnterpriseId());
    assertTrue(o.inForce.isEmpty());
    assertEquals(1, o.conflicting.size());
  }

  @Test
  void emptyOtherRdExpenditureEqualsZero() {
    List<RegionRecord> rows =
        List.of(region(2, "海曙区,2020,500000,103,,"), region(3, "海曙区,2020,500000.00,103,0,"));
    Revisions.Outcome<RegionRecord> o =
        Revisions.resolve(rows, r -> "district=" + r.getDistrict() + " year=" + r.getYear());
    assertEquals(1, o.inForce.size());
    assertEquals(1, o.collapsed);
  }

  @Test
  void priceIndexWrittenWithDifferentDecimalsIsIdentical() {
    List<RegionRecord> rows =
        List.of(region(2, "海曙区,2020,500000,103.5,,"), region(3, "海曙区,2020,500000,103.50,,"));
    Revisions.Outcome<RegionRecord> o =
        Revisions.resolve(rows, r -> "district=" + r.getDistrict() + " year=" + r.getYear());
    assertEquals(1, o.inForce.size());
    assertEquals(1, o.collapsed);
  }

  /**
   * Contract: va_price_index "empty = 100", and "Identical values compares parsed values of the
   * contract's columns". An empty index and an explicit 100 are the same parsed value.
   */
  @Test
  void emptyPriceIndexEqualsOneHundred() {
    List<RegionRecord> rows =
        List.of(region(2, "海曙区,2020,500000,,,"), region(3, "海曙区,2020,500000,100,,"));
    Revisions.Outcome<RegionRecord> o =
        Revisions.resolve(rows, r -> "district=" + r.getDistrict() + " year=" + r.getYear());
    assertTrue(o.conflicting.isEmpty(), "empty va_price_index (= 100) conflicts with 100");
    assertEquals(1, o.inForce.size());
    assertEquals(1, o.collapsed);
  }

  // ------------------------------------------------------------------ EnterpriseResolver

  @Test
  void rowsNamingAnEnterpriseAbsentFromTheRegisterAreUnknownEnterprise() {
    Production p = prod(4, "E9,2020,1,Y,1,1,1,1,");
    RdRecord rd = parse(RowParsers::rd, RD, 6, "E9,2020,3,1,");
    Milestone m = parse(RowParsers::milestone, MILESTONES, 7, "2020,SMART_FACTORY,E9,t,2020-05-01");
    Investment inv =
        parse(RowParsers::investment, INVESTMENT, 8, "P1,E9,海曙区,3411,2020,1,INDUSTRIAL,Y,N,1,1,");
    EnterpriseResolver.Result r =
        EnterpriseResolver.resolve(
            "E9", List.of(), List.of(p), List.of(rd), List.of(m), List.of(inv));
    assertNull(r.facts);
    assertTrue(r.knownInvestment.isEmpty());
    assertEquals(
        List.of(
            "investment.csv|8|UNKNOWN_ENTERPRISE|P1,E9,海曙区,3411,2020,1,INDUSTRIAL,Y,N,1,1,",
            "milestones.csv|7|UNKNOWN_ENTERPRISE|2020,SMART_FACTORY,E9,t,2020-05-01",
            "production.csv|4|UNKNOWN_ENTERPRISE|E9,2020,1,Y,1,1,1,1,",
            "rd.csv|6|UNKNOWN_ENTERPRISE|E9,2020,3,1,"),
        describe(r.rejects));
    for (Reject x : r.rejects) {
      assertTrue(
          x.getDetail().contains("enterprise_id") && x.getDetail().contains("E9"), x.getDetail());
    }
  }

  @Test
  void conflictingRegisterRowsLeaveTheIdUnknown() {
    List<Enterprise> register =
        List.of(
            ent(2, "E1,甲,海曙区,3411,,,,0"),
            ent(3, "E1,甲,海曙区,3411,,,,1"),
            ent(4, "E1,甲,江北区,3411,,,,1"));
    List<Production> production =
        List.of(prod(2, "E1,2020,1,Y,1,1,1,1,"), prod(3, "E1,2020,2,Y,1,1,1,1,"));
    EnterpriseResolver.Result r =
        EnterpriseResolver.resolve("E1", register, production, List.of(), List.of(), List.of());
    assertNull(r.facts);
    assertEquals(
        List.of(
            "enterprises.csv|3|CONFLICTING_DUPLICATE|E1,甲,海曙区,3411,,,,1",
            "enterprises.csv|4|CONFLICTING_DUPLICATE|E1,甲,江北区,3411,,,,1",
            "production.csv|2|UNKNOWN_ENTERPRISE|E1,2020,1,Y,1,1,1,1,",
            "production.csv|3|UNKNOWN_ENTERPRISE|E1,2020,2,Y,1,1,1,1,"),
        describe(r.rejects));
    assertEquals(1, r.superseded[InputFile.ENTERPRISES.ordinal()]);
  }

  @Test
  void productionOfAnUnknownEnterpriseIsUnknownEvenIfItsRowsConflict() {
    // UNKNOWN_ENTERPRISE comes before CONFLICTING_DUPLICATE in the contract's order.
    List<Production> production =
        List.of(prod(2, "E9,2020,1,Y,1,1,1,1,"), prod(3, "E9,2020,1,Y,2,1,1,1,"));
    EnterpriseResolver.Result r =
        EnterpriseResolver.resolve("E9", List.of(), production, List.of(), List.of(), List.of());
    assertEquals(
        List.of(
            "production.csv|2|UNKNOWN_ENTERPRISE|E9,2020,1,Y,1,1,1,1,",
            "production.csv|3|UNKNOWN_ENTERPRISE|E9,2020,1,Y,2,1,1,1,"),
        describe(r.rejects));
  }

  @Test
  void knownEnterpriseGetsItsInForceProductionAndRd() {
    List<Enterprise> register =
        List.of(ent(2, "E1,甲,海曙区,3411,,,,0"), ent(3, "E1,甲,海曙区,3411,,,NONE,0"));
    List<Production> production =
        List.of(
            prod(2, "E1,2020,2,Y,20,2,2,2,"),
            prod(3, "E1,2020,1,Y,10,1,1,1,0"),
            prod(4, "E1,2020,1,Y,11,1,1,1,1"),
            prod(5, "E1,2020,2,1,20.0,2,2,2,0"),
            prod(6, "E1,2020,3,Y,30,3,3,3,"),
            prod(7, "E1,2020,3,Y,31,3,3,3,"));
    List<RdRecord> rd =
        List.of(
            parse(RowParsers::rd, RD, 2, "E1,2020,50,4,0"),
            parse(RowParsers::rd, RD, 3, "E1,2020,55,4,1"));
    Investment inv =
        parse(RowParsers::investment, INVESTMENT, 2, "P1,E1,海曙区,3411,2020,1,INDUSTRIAL,Y,N,1,1,");
    EnterpriseResolver.Result r =
        EnterpriseResolver.resolve("E1", register, production, rd, List.of(), List.of(inv));
    assertNotNull(r.facts);
    assertEquals("E1", r.facts.getEnterprise().getEnterpriseId());
    // month 1: revision 1 (line 4) in force; month 2: lines 2 and 5 collapse; month 3 conflicts.
    assertEquals(2, r.facts.getProduction().size());
    assertEquals(1, r.facts.getProduction().get(0).getMonth());
    assertEquals(1100L, r.facts.getProduction().get(0).getOutputValue());
    assertEquals(2, r.facts.getProduction().get(1).getMonth());
    assertEquals(1, r.facts.getRd().size());
    assertEquals(new BigDecimal("55.00"), r.facts.getRd().get(0).getRdExpenditure());
    assertEquals(List.of(inv), r.knownInvestment);
    assertEquals(
        List.of(
            "production.csv|6|CONFLICTING_DUPLICATE|E1,2020,3,Y,30,3,3,3,",
            "production.csv|7|CONFLICTING_DUPLICATE|E1,2020,3,Y,31,3,3,3,"),
        describe(r.rejects));
    assertEquals(1, r.collapsed[InputFile.ENTERPRISES.ordinal()], "empty level = NONE");
    assertEquals(1, r.superseded[InputFile.PRODUCTION.ordinal()]);
    assertEquals(1, r.collapsed[InputFile.PRODUCTION.ordinal()]);
    assertEquals(1, r.superseded[InputFile.RD.ordinal()]);
  }

  static List<String> describe(List<Reject> rejects) {
    return rejects.stream()
        .map(
            r ->
                r.getSourceFile()
                    + "|"
                    + r.getLineNumber()
                    + "|"
                    + r.getReason()
                    + "|"
                    + r.getRaw())
        .sorted()
        .collect(Collectors.toList());
  }
}
