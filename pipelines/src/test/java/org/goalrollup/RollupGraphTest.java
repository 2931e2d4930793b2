package org.goalrollup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.goalrollup.input.InputException;
import org.goalrollup.input.Preflight;
import org.goalrollup.model.Attainment;
import org.goalrollup.model.Reject;
import org.goalrollup.model.Summary;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole graph on a small input whose every figure is worked out by hand in the comments (see
 * src/test/resources/RollupGraphTest/). Years 2019 (its data stops in February, so months 1-2) and
 * 2020, months 1-12 (E1's nil return of December makes it a complete year).
 */
@ExtendWith(TestPipelineExtension.class)
class RollupGraphTest {
  final TestPipeline p = TestPipeline.create();

  @TempDir Path out;

  private RollupPipeline.Outputs build(String... extra) throws Exception {
    return buildOn(fixture(), extra);
  }

  private RollupPipeline.Outputs buildOn(String input, String... extra) throws Exception {
    String[] args = new String[2 + extra.length];
    args[0] = "--input=" + input;
    args[1] = "--output=" + out;
    System.arraycopy(extra, 0, args, 2, extra.length);
    RollupOptions o = PipelineOptionsFactory.fromArgs(args).as(RollupOptions.class);
    RunSettings s = RunSettings.from(o);
    Preflight.Checked checked = Preflight.check(input, null, "UTF-8");
    return RollupPipeline.build(p, o, s, checked, out.toString());
  }

  static String fixture() throws URISyntaxException {
    return Paths.get(RollupGraphTest.class.getResource("/RollupGraphTest/production.csv").toURI())
        .getParent()
        .toString();
  }

  static Map<String, Summary> byCell(Iterable<Summary> rows) {
    Map<String, Summary> m = new HashMap<>();
    for (Summary s : rows) {
      m.put(s.getYear() + "/" + s.getSectorId() + "/" + s.getDistrict(), s);
    }
    return m;
  }

  static BigDecimal amt(String s) {
    return new BigDecimal(s);
  }

  @Test
  void summaryFullYear() throws Exception {
    RollupPipeline.Outputs outputs = build();
    PAssert.that(outputs.summary()).satisfies(RollupGraphTest::checkFullYear);
    p.run().waitUntilFinish();
  }

  static Void checkFullYear(Iterable<Summary> rows) {
    Map<String, Summary> m = byCell(rows);
    // Grid: 2 years x (ALL, AUTO, HEALTH, PHARMA) x (ALL, D1, D2, D5). D3 belongs to E4, whose
    // register rows conflict, so it is not a district; D5 comes from investment only.
    assertEquals(32, m.size(), m.keySet().toString());
    Summary all = m.get("2020/ALL/ALL");
    // E1, E2, E3 (E4 is not in the register)
    assertEquals(3, all.getEnterpriseCount());
    assertEquals(3, all.getAboveScaleCount());
    // 110 + 110 + 60 + 60 + 10
    assertEquals(amt("350.00"), all.getOutputValue());
    // 22 + 33 - 4 + 16 + 1
    assertEquals(amt("68.00"), all.getValueAdded());
    assertEquals(amt("68.00"), all.getAboveScaleValueAdded());
    // 120 + 130 + 60 + 60 + 10
    assertEquals(amt("380.00"), all.getRevenue());
    // only E1 reports December, a nil return
    assertEquals(12, all.getPeriodEndMonth());
    assertEquals(0, all.getEmployees());
    // sample E1 (55 vs 50) and E2 (12 vs 10); E3 has no 2019 record. P = 102 (ALL row).
    // 67 / 1.02 / 60 - 1 = 9.477124183...%
    assertThat(all.getValueAddedGrowth(), closeTo(9.477124183006536, 1e-9));
    // nominal: 68 / 50 (only E1 was above scale in 2019) - 1 = 36%
    assertThat(all.getValueAddedGrowthNominal(), closeTo(36.0, 1e-9));
    // P1 150 (industrial, high-tech) + P2 70 (infrastructure); P3 names unknown E9
    assertEquals(amt("220.00"), all.getInvestmentCompleted());
    assertEquals(amt("150.00"), all.getIndustrialInvestment());
    assertEquals(amt("150.00"), all.getHighTechInvestment());
    assertEquals(amt("0.00"), all.getTechRenovationInvestment());
    assertThat(all.getIndustrialInvestmentGrowth(), closeTo(50.0, 1e-9));
    assertNull(all.getHighTechInvestmentGrowth(), "no high-tech investment in 2019");
    assertNull(all.getTechRenovationInvestmentGrowth());
    assertEquals(1, all.getMajorProjectCount());
    assertEquals(amt("150.00"), all.getRdExpenditure());
    assertEquals(21, all.getRdPersonnel());
    // 150 / 380
    assertThat(all.getRdRevenueRatio(), closeTo(39.473684210526315, 1e-9));
    // (150 + 50) / 10000
    assertThat(all.getRdGdpRatio(), closeTo(2.0, 1e-12));
    assertEquals(1, all.getHighTechEnterpriseCount());
    assertEquals(1, all.getProvincialRdCenters());
    assertEquals(1, all.getNationalRdCenters());

    // E1 alone; D1 has no region row, so P falls back to ALL's 102: 55 / 1.02 / 50 - 1
    Summary pharmaD1 = m.get("2020/PHARMA/D1");
    assertThat(pharmaD1.getValueAddedGrowth(), closeTo(7.8431372549019605, 1e-9));
    assertEquals(m.get("2020/HEALTH/ALL").getValueAdded(), pharmaD1.getValueAdded());
    // E2 alone; D2's row has an empty index = 100, no fallback: 12 / 10 - 1 = 20%
    Summary autoD2 = m.get("2020/AUTO/D2");
    assertThat(autoD2.getValueAddedGrowth(), closeTo(20.0, 1e-9));
    assertNull(autoD2.getValueAddedGrowthNominal(), "E2 was not above scale in 2019");
    assertEquals(1, autoD2.getMajorProjectCount());
    assertNull(autoD2.getRdGdpRatio(), "only sector ALL");
    // ALL/D2: (0 + 0) / 4000
    assertThat(m.get("2020/ALL/D2").getRdGdpRatio(), closeTo(0.0, 0));
    assertNull(m.get("2020/ALL/D1").getRdGdpRatio(), "no (D1, 2020) region row");
    // D5 has only the infrastructure project
    Summary d5 = m.get("2020/ALL/D5");
    assertEquals(amt("70.00"), d5.getInvestmentCompleted());
    assertEquals(0, d5.getEnterpriseCount());
    // An empty cell: zeros and nulls
    Summary empty = m.get("2019/HEALTH/D2");
    assertEquals(0, empty.getEnterpriseCount());
    assertEquals(amt("0.00"), empty.getValueAdded());
    assertNull(empty.getValueAddedGrowth());
    // 2019: E1 and E2 only; E3's revision 1 is its in-force register row. Its data stops in
    // February, so it is computed for months 1-2: employees of February (E1 10), no R&D ratios.
    assertEquals(2, m.get("2019/ALL/ALL").getEnterpriseCount());
    assertEquals(amt("60.00"), m.get("2019/ALL/ALL").getValueAdded());
    assertEquals(2, m.get("2019/ALL/ALL").getPeriodEndMonth());
    assertEquals(10, m.get("2019/ALL/ALL").getEmployees());
    return null;
  }

  /**
   * Without --year/--asOf each year is computed up to its own last month with data: here 2019 is
   * complete (a December row of E2 is added) and 2020 stops in February (E1's December nil return
   * is removed), so 2020 is January-February, compared with January-February 2019.
   */
  @Test
  void aYearWhoseDataStopsEarlyIsComputedYearToDate(@TempDir Path in) throws Exception {
    java.nio.file.Files.walk(Path.of(fixture()))
        .filter(java.nio.file.Files::isRegularFile)
        .forEach(f -> copy(f, in.resolve(f.getFileName())));
    Path production = in.resolve("production.csv");
    String rows = java.nio.file.Files.readString(production);
    java.nio.file.Files.writeString(
        production,
        rows.replace("E1,2020,12,true,0,0,0,0\n", "") + "E2,2019,12,false,50,40,50,3\n");
    RollupPipeline.Outputs outputs = buildOn(in.toString());
    PAssert.that(outputs.summary()).satisfies(RollupGraphTest::checkPartialYear);
    PAssert.that(outputs.attainment()).satisfies(RollupGraphTest::checkPartialYearAttainment);
    p.run().waitUntilFinish();
  }

  static Void checkPartialYear(Iterable<Summary> rows) {
    Map<String, Summary> m = byCell(rows);
    assertEquals(32, m.size(), m.keySet().toString());
    Summary y2019 = m.get("2019/ALL/ALL");
    assertEquals(12, y2019.getPeriodEndMonth());
    // 20 + 30 + 10 + 40; employees of December: E2's 3
    assertEquals(amt("100.00"), y2019.getValueAdded());
    assertEquals(3, y2019.getEmployees());
    Summary all = m.get("2020/ALL/ALL");
    assertEquals(2, all.getPeriodEndMonth());
    assertEquals(3, all.getEnterpriseCount());
    assertEquals(amt("68.00"), all.getValueAdded());
    // employees of February: E1 12 + E2 7 (E3 reports January only)
    assertEquals(19, all.getEmployees());
    // the sample's 2019 base is January-February only (E1 50, E2 10), not E2's December 40:
    // 67 / 1.02 / 60 - 1
    assertThat(all.getValueAddedGrowth(), closeTo(9.477124183006536, 1e-9));
    // P1 (May) and P2 (March) lie after February: nothing completed, no major project
    assertEquals(amt("0.00"), all.getInvestmentCompleted());
    assertEquals(0, all.getMajorProjectCount());
    assertNull(all.getIndustrialInvestmentGrowth());
    // R&D sums take the year's rows; the ratios are for complete years only
    assertEquals(amt("150.00"), all.getRdExpenditure());
    assertNull(all.getRdRevenueRatio());
    assertNull(all.getRdGdpRatio());
    // E1 is high-tech from 2019-01-01, so on 2020-02-29 too
    assertEquals(1, all.getHighTechEnterpriseCount());
    return null;
  }

  static Void checkPartialYearAttainment(Iterable<Attainment> rows) {
    List<String> got =
        StreamSupport.stream(rows.spliterator(), false)
            .map(
                a ->
                    a.getIndicator()
                        + "|"
                        + a.getSectorId()
                        + "|"
                        + a.getPeriodEndMonth()
                        + "|"
                        + a.getStatus()
                        + "|"
                        + a.getActual())
            .toList();
    assertThat(
        got,
        containsInAnyOrder(
            "value_added_growth|ALL|2|ENSURE_MET|9.477124183006536",
            // both smart factories are dated June and July
            "milestones.SMART_FACTORY|ALL|2|NOT_MET|0.0",
            "value_added_growth_nominal|AUTO|2|NO_DATA|null",
            "major_project_count|AUTO|2|NOT_MET|0.0"));
    return null;
  }

  @Test
  void yearToDateRun() throws Exception {
    RollupPipeline.Outputs outputs = build("--asOf=2020-01");
    PAssert.that(outputs.summary()).satisfies(RollupGraphTest::checkJanuary);
    p.run().waitUntilFinish();
  }

  static Void checkJanuary(Iterable<Summary> rows) {
    Map<String, Summary> m = byCell(rows);
    // only 2020, 4 sectors x 4 districts
    assertEquals(16, m.size());
    Summary all = m.get("2020/ALL/ALL");
    assertEquals(1, all.getPeriodEndMonth());
    // January: E1 22, E2 -4, E3 1
    assertEquals(amt("19.00"), all.getValueAdded());
    // employees of month 1: 11 + 6 + 1
    assertEquals(18, all.getEmployees());
    // sample E1 (22 vs 20), E2 (-4 vs 10): 18 / 1.02 / 30 - 1 = -41.17647...%
    assertThat(all.getValueAddedGrowth(), closeTo(-41.17647058823529, 1e-9));
    assertNull(all.getRdRevenueRatio(), "R&D ratios are for full years only");
    assertNull(all.getRdGdpRatio());
    // P1 reports in May only: nothing completed by January, so no major project
    assertEquals(0, all.getMajorProjectCount());
    return null;
  }

  @Test
  void attainment() throws Exception {
    RollupPipeline.Outputs outputs = build();
    PAssert.that(outputs.attainment()).satisfies(RollupGraphTest::checkAttainment);
    p.run().waitUntilFinish();
  }

  static Void checkAttainment(Iterable<Attainment> rows) {
    List<String> got =
        StreamSupport.stream(rows.spliterator(), false)
            .map(
                a ->
                    a.getIndicator()
                        + "|"
                        + a.getSectorId()
                        + "|"
                        + a.getDistrict()
                        + "|"
                        + a.getStatus())
            .toList();
    // the 2021 target is validated and skipped
    assertThat(
        got,
        containsInAnyOrder(
            "value_added_growth|ALL|ALL|ENSURE_MET",
            "milestones.SMART_FACTORY|ALL|ALL|ENSURE_MET",
            "value_added_growth_nominal|AUTO|D2|NO_DATA",
            "major_project_count|AUTO|ALL|ENSURE_MET"));
    for (Attainment a : rows) {
      if (a.getIndicator().equals("milestones.SMART_FACTORY")) {
        // one with E1, one without an enterprise; the 2021-dated app is not a 2020 milestone
        assertEquals(2.0, a.getActual(), 0);
        assertEquals(1.0, a.getAttainmentRatio(), 0);
        assertEquals(0.0, a.getGap(), 0);
      }
    }
    return null;
  }

  @Test
  void rejects() throws Exception {
    RollupPipeline.Outputs outputs = build();
    PAssert.that(outputs.rejects()).satisfies(RollupGraphTest::checkRejects);
    p.run().waitUntilFinish();
  }

  static Void checkRejects(Iterable<Reject> rows) {
    List<String> got =
        StreamSupport.stream(rows.spliterator(), false)
            .map(r -> r.getSourceFile() + ":" + r.getLineNumber() + ":" + r.getReason())
            .toList();
    assertThat(
        got,
        containsInAnyOrder(
            "enterprises.csv:6:CONFLICTING_DUPLICATE",
            "enterprises.csv:7:CONFLICTING_DUPLICATE",
            "production.csv:10:UNKNOWN_ENTERPRISE",
            "production.csv:11:INVALID_CODE",
            "investment.csv:5:UNKNOWN_ENTERPRISE"));
    for (Reject r : rows) {
      if (r.getLineNumber() == 11) {
        assertEquals("E1,2020,13,true,1,1,1,1", r.getRaw());
        assertThat(r.getDetail(), org.hamcrest.Matchers.containsString("month"));
      }
    }
    return null;
  }

  @Test
  void unknownTargetDistrictFailsTheRun(@TempDir Path in) throws Exception {
    java.nio.file.Files.walk(Path.of(fixture()))
        .filter(java.nio.file.Files::isRegularFile)
        .forEach(f -> copy(f, in.resolve(f.getFileName())));
    java.nio.file.Files.writeString(
        in.resolve("targets.csv"),
        "indicator,sector_id,district,year,direction,ensure,strive\n"
            + "revenue,,D9,2020,AT_LEAST,1,\n");
    RollupOptions o =
        PipelineOptionsFactory.fromArgs("--input=" + in, "--output=" + out).as(RollupOptions.class);
    RollupPipeline.build(
        p, o, RunSettings.from(o), Preflight.check(in.toString(), null, "UTF-8"), out.toString());
    Exception e = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> p.run());
    assertThat(
        RollupPipeline.rootMessage(e),
        org.hamcrest.Matchers.equalTo(
            "targets.csv: line 2, column district: 'D9' is not a district of enterprises.csv or investment.csv"));
  }

  private static void copy(Path from, Path to) {
    try {
      java.nio.file.Files.copy(from, to);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void preflightRejectsAnUnknownTargetSector(@TempDir Path in) throws Exception {
    java.nio.file.Files.walk(Path.of(fixture()))
        .filter(java.nio.file.Files::isRegularFile)
        .forEach(f -> copy(f, in.resolve(f.getFileName())));
    java.nio.file.Files.writeString(
        in.resolve("targets.csv"),
        "indicator,sector_id,district,year,direction,ensure,strive\n"
            + "revenue,NOPE,,2020,AT_LEAST,1,\n");
    InputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            InputException.class, () -> Preflight.check(in.toString(), null, "UTF-8"));
    assertEquals(
        "targets.csv: line 2, column sector_id: 'NOPE' is not in sectors.csv", e.getMessage());
    p.enableAbandonedNodeEnforcement(false);
  }
}
