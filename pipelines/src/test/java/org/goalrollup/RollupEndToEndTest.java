package org.goalrollup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The product as a user runs it: {@link RollupPipeline#run} on the shipped sample, reading the
 * published Parquet back with DuckDB; exit codes and what is left in the output folder when a run
 * fails.
 */
class RollupEndToEndTest {
  static final Path SAMPLE = findSample();
  @TempDir static Path shared;
  static Path out;
  static int rc;

  static Path findSample() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("testdata/haishu"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("testdata/haishu not found above the working directory");
    }
    return p.resolve("testdata/haishu");
  }

  @BeforeAll
  static void runOnTheSample() {
    out = shared.resolve("out");
    rc = RollupPipeline.run(new String[] {"--input=" + SAMPLE, "--output=" + out});
  }

  static List<String> query(String sql) throws Exception {
    List<String> rows = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(sql)) {
      int n = r.getMetaData().getColumnCount();
      while (r.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= n; i++) {
          sb.append(i > 1 ? "|" : "").append(r.getString(i));
        }
        rows.add(sb.toString());
      }
    }
    return rows;
  }

  @Test
  void publishesEveryOutput() throws Exception {
    assertEquals(0, rc);
    for (String f :
        List.of(
            "summary/part-00000.parquet",
            "published/part-00000.parquet",
            "attainment/part-00000.parquet",
            "rejects/part-00000.parquet",
            "_manifest.json",
            "_SUCCESS")) {
      assertTrue(Files.exists(out.resolve(f)), f);
    }
    // beside the output only its run folder (the link's target) and the lock file
    try (Stream<Path> s = Files.list(shared)) {
      assertThat(
          s.map(p -> p.getFileName().toString()).toList(),
          containsInAnyOrder("out", ".out.runs", ".out.lock"));
    }
    try (Stream<Path> s = Files.list(shared.resolve(".out.runs"))) {
      assertEquals(List.of(out.toRealPath()), s.map(p -> p.toAbsolutePath()).toList());
    }
  }

  /** The deliberate bad rows listed in testdata/README.md, each with its reason. */
  @Test
  void rejectsAreTheDeliberateBadRows() throws Exception {
    List<String> rejects =
        query(
            "select source_file || ':' || line_number || ':' || reason from '"
                + out
                + "/rejects/*.parquet'");
    assertThat(
        rejects,
        containsInAnyOrder(
            "enterprises.csv:152:INVALID_DATE",
            "enterprises.csv:264:OUT_OF_RANGE",
            "investment.csv:353:INVALID_CODE",
            "investment.csv:598:INVALID_CODE",
            "production.csv:1434:INVALID_NUMBER",
            "production.csv:2110:OUT_OF_RANGE",
            "production.csv:3510:INVALID_CODE",
            "production.csv:4426:MISSING_FIELD",
            "production.csv:4687:UNKNOWN_ENTERPRISE",
            "production.csv:4729:CONFLICTING_DUPLICATE",
            "production.csv:4730:CONFLICTING_DUPLICATE",
            "production.csv:5744:MALFORMED_ROW",
            "production.csv:5919:INVALID_CODE",
            "rd.csv:152:OUT_OF_RANGE"));
    // the raw text is the line as written, and the detail names the column
    String line1434 = Files.readAllLines(SAMPLE.resolve("production.csv")).get(1433);
    assertEquals(
        List.of(line1434 + "|revenue"),
        query(
            "select raw, regexp_extract(detail, '^([a-z_]+):', 1) from '"
                + out
                + "/rejects/*.parquet' where source_file = 'production.csv' and line_number = 1434"));
  }

  /** Every data row of every file is accepted or rejected: the counts add up. */
  @Test
  void everyRowIsAccountedFor() throws Exception {
    JsonNode m = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
    Map<String, Long> dataLines =
        Map.of(
            "enterprises.csv", dataLines("enterprises.csv"),
            "production.csv", dataLines("production.csv"),
            "investment.csv", dataLines("investment.csv"),
            "rd.csv", dataLines("rd.csv"),
            "region.csv", dataLines("region.csv"),
            "milestones.csv", dataLines("milestones.csv"),
            "sectors.csv", dataLines("sectors.csv"),
            "targets.csv", dataLines("targets.csv"));
    assertEquals(dataLines.size(), m.get("inputs").size());
    long rejectedTotal = 0;
    for (JsonNode f : m.get("inputs")) {
      String name = f.get("file").asText();
      long read = f.get("rows_read").asLong();
      // the sample has one record per line: data rows = non-blank lines after the header
      assertEquals(dataLines.get(name).longValue(), read, name);
      assertEquals(read, f.get("accepted").asLong() + f.get("rejected").asLong(), name);
      long byReason = 0;
      for (JsonNode n : f.get("rejected_by_reason")) {
        byReason += n.asLong();
      }
      assertEquals(f.get("rejected").asLong(), byReason, name);
      rejectedTotal += f.get("rejected").asLong();
      if (name.equals("production.csv")) {
        // testdata/README.md: 6 superseded rows, 1 collapsed duplicate
        assertEquals(6, f.get("superseded").asLong());
        assertEquals(1, f.get("duplicates_collapsed").asLong());
      }
    }
    assertEquals(14, rejectedTotal);
    assertEquals(14, m.get("rows_written").get("rejects.rows").asLong());
    assertEquals(List.of("14"), query("select count(*) from '" + out + "/rejects/*.parquet'"));
    assertEquals("[2019,2020]", m.get("computed_years").toString());
  }

  /**
   * published/ is the summary with confidential cells suppressed: the sample has primary cells by
   * the frequency rule and by the dominance rule, and secondary cells; no line (a sector's
   * districts with their ALL margin) has exactly one suppressed cell; summary/ stays complete.
   */
  @Test
  void publishedTableSuppressesConfidentialCells() throws Exception {
    String pub = "'" + out + "/published/*.parquet'";
    String sum = "'" + out + "/summary/*.parquet'";
    JsonNode m = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
    assertEquals(252, m.get("rows_written").get("published.rows").asLong());
    assertEquals(List.of("252"), query("select count(*) from " + pub));
    JsonNode suppressed = m.get("disclosure").get("suppressed_cells");
    for (String rule : List.of("frequency", "dominance", "secondary")) {
      long n = 0;
      for (String g : List.of("production", "investment", "rd")) {
        n += suppressed.get(g).get(rule).asLong();
      }
      assertTrue(n > 0, "no cell suppressed by the " + rule + " rule: " + suppressed);
    }
    assertEquals(85, m.get("disclosure").get("rules").get("production").get("dominance_k").asInt());
    // frequency: one enterprise
    assertEquals(
        List.of("1|C|null|null"),
        query(
            "select enterprise_count, production_conf_status, output_value, value_added_growth"
                + " from "
                + pub
                + " where year = 2020 and sector_id = 'TEXTILE_APPAREL' and district = '南门街道'"));
    // dominance: four enterprises, E0002 makes 338,504.01 of the 378,859.57 output value (89%)
    assertEquals(
        List.of("4|4|C|null|null"),
        query(
            "select enterprise_count, above_scale_count, production_conf_status, output_value,"
                + " revenue from "
                + pub
                + " where year = 2020 and sector_id = 'TEXTILE_APPAREL' and district = '段塘街道'"));
    assertEquals(
        List.of("378859.57"),
        query(
            "select output_value from "
                + sum
                + " where year = 2020 and sector_id = 'TEXTILE_APPAREL' and district = '段塘街道'"));
    // secondary: AUTO_PARTS's only primary production cell is 古林镇; 石碶街道 protects it
    assertEquals(
        List.of("古林镇|C", "石碶街道|D"),
        query(
            "select district, production_conf_status from "
                + pub
                + " where year = 2020 and sector_id = 'AUTO_PARTS'"
                + " and production_conf_status <> 'F' order by district"));
    // no line with exactly one suppressed cell, in any group
    for (String g : List.of("production", "investment", "rd")) {
      assertEquals(
          List.of(),
          query(
              "select year, sector_id from "
                  + pub
                  + " group by all having count(*) filter (where "
                  + g
                  + "_conf_status <> 'F') = 1"),
          g);
    }
    // suppressed amounts are null, free ones equal the summary's; the summary has no gaps
    assertEquals(
        List.of("0|0"),
        query(
            "select count(*) filter (where (p.production_conf_status = 'F') <> (p.output_value is"
                + " not null)), count(*) filter (where p.production_conf_status = 'F' and"
                + " p.revenue <> s.revenue) from "
                + pub
                + " p join "
                + sum
                + " s using (year, sector_id, district)"));
    assertEquals(
        List.of("0"),
        query(
            "select count(*) from "
                + sum
                + " where output_value is null or rd_expenditure is null"));
  }

  static long dataLines(String file) throws IOException {
    try (Stream<String> lines = Files.lines(SAMPLE.resolve(file), StandardCharsets.UTF_8)) {
      return lines.skip(1).filter(l -> !l.isEmpty()).count();
    }
  }

  /** The 2020 goals of the report, with the statuses the sample was designed for. */
  @Test
  void attainmentOfTheDistrictGoals() throws Exception {
    List<String> rows =
        query(
            "select indicator || '|' || sector_id || '|' || district || '|' || status from '"
                + out
                + "/attainment/*.parquet' where year = 2020");
    assertEquals(13, rows.size(), rows.toString());
    assertThat(
        rows,
        org.hamcrest.Matchers.hasItems(
            "value_added_growth|ALL|ALL|ENSURE_MET",
            "industrial_investment_growth|ALL|ALL|STRIVE_MET",
            "rd_gdp_ratio|ALL|ALL|ENSURE_MET",
            "high_tech_enterprise_count|ALL|ALL|ENSURE_MET",
            "major_project_count|ALL|ALL|ENSURE_MET",
            "milestones.SMART_FACTORY|ALL|ALL|ENSURE_MET",
            "milestones.IIOT_5G_DEMO|ALL|ALL|STRIVE_MET",
            "value_added_growth|ALL|石碶街道|NOT_MET",
            "rd_gdp_ratio|ALL|古林镇|NO_DATA"));
  }

  /**
   * The data review lists exactly the planted and natural cases of testdata/README.md ("Review
   * flags"), each at its line and with the rule the README names.
   */
  @Test
  void reviewFlagsExactlyTheDocumentedRecords() throws Exception {
    List<String> flags =
        query(
            "select source_file || ':' || line_number || ':' || rule_id || ':' || severity"
                + " || ':' || coalesce(enterprise_id, '-') || ':' || coalesce(project_id, '-')"
                + " from '"
                + out
                + "/review/*.parquet'");
    assertThat(
        flags,
        containsInAnyOrder(
            // planted
            "production.csv:975:VA_ABOVE_OUTPUT:QUERY:E0099:-",
            "production.csv:1961:REVENUE_WITHOUT_EMPLOYEES:QUERY:E0210:-",
            "production.csv:3389:EMPLOYEES_WITHOUT_REVENUE:QUERY:E0180:-",
            "production.csv:3414:BELOW_SCALE_HIGH_REVENUE:WARNING:E0206:-",
            "production.csv:6863:MONTH_ON_MONTH_JUMP:WARNING:E0100:-",
            "production.csv:6863:YEAR_ON_YEAR_JUMP:WARNING:E0100:-",
            "rd.csv:138:RD_ABOVE_REVENUE:QUERY:E0172:-",
            // natural: gaps left by bad rows, E0155's negative value added, E0069, two projects
            "production.csv:2402:MONTH_GAP:WARNING:E0062:-",
            "production.csv:4722:MONTH_GAP:WARNING:E0036:-",
            "production.csv:5025:MONTH_GAP:WARNING:E0043:-",
            "production.csv:6042:MONTH_GAP:WARNING:E0172:-",
            "production.csv:3952:VA_RATIO:WARNING:E0155:-",
            "production.csv:4246:VA_RATIO:WARNING:E0155:-",
            "production.csv:6833:ABOVE_SCALE_LOW_REVENUE:QUERY:E0069:-",
            "investment.csv:1118:INVESTMENT_OVER_PLAN:QUERY:E0138:P2020018",
            "investment.csv:1328:INVESTMENT_OVER_PLAN:QUERY:E0072:P2020019",
            "investment.csv:1189:INVESTMENT_AFTER_COMPLETION:WARNING:E0138:P2020018"));
    // what the rule read, as written in the input (E0099 2019-04: a digit dropped)
    assertEquals(
        List.of("2019|4|value_added=23.94; output_value=8.65"),
        query(
            "select year, month, observed from '"
                + out
                + "/review/*.parquet' where rule_id = 'VA_ABOVE_OUTPUT'"));
    // a flag is not a reject: the flagged rows are accepted
    assertEquals(
        List.of("0"),
        query(
            "select count(*) from '"
                + out
                + "/rejects/*.parquet' r join '"
                + out
                + "/review/*.parquet' f using (source_file, line_number)"));
    JsonNode review =
        new ObjectMapper().readTree(out.resolve("_manifest.json").toFile()).get("review");
    assertEquals(17, review.get("flags").asLong());
    assertEquals(7, review.get("flags_by_severity").get("QUERY").asLong());
    assertEquals(10, review.get("flags_by_severity").get("WARNING").asLong());
    assertEquals(4, review.get("flags_by_rule").get("MONTH_GAP").asLong());
    assertEquals(12, review.get("flags_by_rule").size());
    assertEquals("review-rules.csv (built-in)", review.get("rules_file").asText());
  }

  /**
   * The review never changes a figure: with every rule switched off in the input folder's
   * review-rules.csv, the summary and attainment tables are byte for byte those of the run above.
   */
  @Test
  void summaryIsTheSameWithoutTheReview(@TempDir Path in, @TempDir Path work) throws Exception {
    copyDir(SAMPLE, in);
    StringBuilder off = new StringBuilder("rule_id,severity,enabled\n");
    for (org.goalrollup.review.ReviewRule r : org.goalrollup.review.ReviewRule.values()) {
      off.append(r.name()).append(",WARNING,false\n");
    }
    Files.writeString(in.resolve("review-rules.csv"), off.toString());
    Path quiet = work.resolve("out");
    assertEquals(0, RollupPipeline.run(new String[] {"--input=" + in, "--output=" + quiet}));
    assertEquals(List.of("0"), query("select count(*) from '" + quiet + "/review/*.parquet'"));
    JsonNode review =
        new ObjectMapper().readTree(quiet.resolve("_manifest.json").toFile()).get("review");
    assertEquals(in.resolve("review-rules.csv").toString(), review.get("rules_file").asText());
    assertEquals(
        java.util.HexFormat.of()
            .formatHex(
                java.security.MessageDigest.getInstance("SHA-256")
                    .digest(Files.readAllBytes(in.resolve("review-rules.csv")))),
        review.get("rules_sha256").asText());
    assertEquals(0, review.get("flags").asLong());
    for (String table : List.of("summary", "attainment")) {
      assertTrue(
          java.util.Arrays.equals(
              Files.readAllBytes(out.resolve(table + "/part-00000.parquet")),
              Files.readAllBytes(quiet.resolve(table + "/part-00000.parquet"))),
          table);
    }
  }

  /** --failOnQuery: the sample raises QUERY flags, so the run fails and publishes nothing. */
  @Test
  void failOnQueryPublishesNothing(@TempDir Path work) throws Exception {
    Path target = work.resolve("out");
    String err = runCapturingErr(SAMPLE, target, "--failOnQuery");
    assertThat(
        err,
        containsString(
            "error: review: 7 QUERY-level flags raised (ABOVE_SCALE_LOW_REVENUE 1,"
                + " EMPLOYEES_WITHOUT_REVENUE 1, INVESTMENT_OVER_PLAN 2, RD_ABOVE_REVENUE 1,"
                + " REVENUE_WITHOUT_EMPLOYEES 1, VA_ABOVE_OUTPUT 1) and --failOnQuery is set"));
    assertTrue(!Files.exists(target), "nothing published");
  }

  /** A bad review-rules.csv in the input folder fails the run before anything is written. */
  @Test
  void badReviewRulesFailBeforeAnythingIsWritten(@TempDir Path in, @TempDir Path work)
      throws Exception {
    copyDir(SAMPLE, in);
    Files.writeString(
        in.resolve("review-rules.csv"),
        "rule_id,severity,parameters\nVA_RATIO,WARNING,max_ratio=0.9\nVA_RATO,QUERY,\n");
    String err = runCapturingErr(in, work.resolve("out"));
    assertThat(
        err,
        containsString(
            "error: review-rules.csv: line 3, column 1 (rule_id): unknown rule 'VA_RATO'"));
    Files.writeString(
        in.resolve("review-rules.csv"),
        "rule_id,severity,parameters\nMONTH_ON_MONTH_JUMP,WARNING,factor=x3\n");
    err = runCapturingErr(in, work.resolve("out"));
    assertThat(
        err,
        containsString(
            "error: review-rules.csv: line 2, column 3 (parameters): MONTH_ON_MONTH_JUMP"
                + " parameter factor='x3' is not a number"));
    try (Stream<Path> s = Files.list(work)) {
      assertEquals(List.of(), s.toList(), "nothing written, not even the lock");
    }
  }

  @Test
  void badCommandLineExitsTwo() {
    assertEquals(2, RollupPipeline.run(new String[] {"--input=x", "--output=y", "--bogus=1"}));
    assertEquals(2, RollupPipeline.run(new String[] {"--input=x", "--output=y", "--asOf=2020-13"}));
    assertEquals(
        2,
        RollupPipeline.run(
            new String[] {"--input=x", "--output=y", "--year=2020", "--asOf=2020-06"}));
    assertEquals(2, RollupPipeline.run(new String[] {"--output=y"}));
    // publishing swaps a symbolic link: an HDFS or object-store URL cannot be the output
    assertEquals(2, RollupPipeline.run(new String[] {"--input=x", "--output=hdfs://nn/out"}));
    assertEquals(2, RollupPipeline.run(new String[] {"--input=x", "--output=/"}));
  }

  /** A failed run prints one line naming the problem and leaves the output exactly as it was. */
  @Test
  void failedRunLeavesThePreviousOutput(@TempDir Path in, @TempDir Path work) throws Exception {
    Path published = work.resolve("out");
    Path fixture = Path.of(RollupGraphTest.fixture());
    copyDir(fixture, in);
    // the fixture has 2 bad register rows of 6: allow them, so only the checks below fail
    assertEquals(
        0,
        RollupPipeline.run(
            new String[] {"--input=" + in, "--output=" + published, "--maxRejectRate=0.5"}));
    byte[] summaryBefore = Files.readAllBytes(published.resolve("summary/part-00000.parquet"));
    byte[] manifestBefore = Files.readAllBytes(published.resolve("_manifest.json"));

    // 1. missing required file
    Files.delete(in.resolve("production.csv"));
    String err = runCapturingErr(in, published, "--maxRejectRate=0.5");
    assertThat(err, containsString("production.csv: required file not found"));
    // 2. reject rate over the limit: 3 of 4 rd rows bad (75% > 5%)
    copyDir(fixture, in);
    Files.writeString(
        in.resolve("rd.csv"),
        "enterprise_id,year,rd_expenditure,rd_personnel\nE1,2020,150,20\n"
            + "E1,2019,x,1\nE2,2019,-1,1\nE2,2018,1,-5\n");
    err = runCapturingErr(in, published, "--maxRejectRate=0.5");
    assertThat(
        err,
        containsString("rd.csv: 75.00% of its 4 data lines were rejected (3 lines in 3 rows)"));
    assertThat(err, containsString("OUT_OF_RANGE 2, INVALID_NUMBER 1"));
    // 3. malformed disclosure rules: fails before anything is written
    copyDir(fixture, in);
    Files.writeString(
        in.resolve("disclosure.csv"),
        "group,min_contributors,dominance_n,dominance_k\nPRODUCTION,3,1,85\nRD,3,1,eighty\n");
    err = runCapturingErr(in, published, "--maxRejectRate=0.5");
    assertThat(
        err,
        containsString(
            "error: disclosure.csv: line 3, column 4 (dominance_k): 'eighty' is not a percent"));

    assertTrue(
        java.util.Arrays.equals(
            summaryBefore, Files.readAllBytes(published.resolve("summary/part-00000.parquet"))));
    assertTrue(
        java.util.Arrays.equals(
            manifestBefore, Files.readAllBytes(published.resolve("_manifest.json"))));
    try (Stream<Path> s = Files.list(work.resolve(".out.runs"))) {
      assertEquals(1, s.count(), "no staging folder left behind");
    }
  }

  @Test
  void refusesToReplaceAFolderThatIsNotARollupOutput(@TempDir Path work) throws Exception {
    Path precious = work.resolve("thesis");
    Files.createDirectories(precious);
    Files.writeString(precious.resolve("chapter1.txt"), "do not delete");
    String err = runCapturingErr(Path.of(RollupGraphTest.fixture()), precious);
    assertThat(err, containsString("is a folder this rollup did not create"));
    assertEquals("do not delete", Files.readString(precious.resolve("chapter1.txt")));
  }

  @Test
  void refusesToReplaceASymbolicLinkItDidNotMake(@TempDir Path work) throws Exception {
    Path userData = work.resolve("userdata");
    Files.createDirectories(userData.resolve("keep"));
    Files.writeString(userData.resolve("keep/file.txt"), "do not delete");
    Path link = work.resolve("out-link");
    Files.createSymbolicLink(link, userData);
    String err = runCapturingErr(Path.of(RollupGraphTest.fixture()), link, "--maxRejectRate=0.5");
    assertThat(err, containsString("is a symbolic link to " + userData));
    assertEquals("do not delete", Files.readString(userData.resolve("keep/file.txt")));
  }

  @Test
  void invalidBytesInTheMiddleOfAFileAreReportedWithTheFileName(@TempDir Path in) throws Exception {
    copyDir(Path.of(RollupGraphTest.fixture()), in);
    // well past the header and the decoder's first buffer, so only the pipeline's own read of
    // the file meets the bad byte (the preflight reads headers only)
    StringBuilder rows = new StringBuilder();
    for (int m = 0; m < 12 * 500; m++) {
      rows.append("E1,")
          .append(1200 + m / 12)
          .append(',')
          .append(1 + m % 12)
          .append(",true,1,1,1,1\n");
    }
    rows.append("E1,2018,2,true,1,1,\u00ff,1\n");
    Files.write(
        in.resolve("production.csv"),
        rows.toString().getBytes(StandardCharsets.ISO_8859_1),
        java.nio.file.StandardOpenOption.APPEND);
    String err =
        runCapturingErr(
            in, in.resolveSibling(in.getFileName() + "-out"), "--maxRejectRate=0.5", "--year=2020");
    // the fixture's 12 lines, 6000 rows, then the bad row: "E1,2018,2,true,1,1," is 19 characters
    assertThat(
        err, containsString("production.csv: line 6013, column 20: byte FF is not valid UTF-8"));
  }

  private static String runCapturingErr(Path in, Path outDir, String... extra) {
    PrintStream old = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    int code;
    try {
      List<String> args = new ArrayList<>(List.of("--input=" + in, "--output=" + outDir));
      args.addAll(List.of(extra));
      code = RollupPipeline.run(args.toArray(new String[0]));
    } finally {
      System.setErr(old);
    }
    String err = buf.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, err);
    assertThat(
        err.lines().filter(l -> l.startsWith("error:")).toList(), org.hamcrest.Matchers.hasSize(1));
    return err;
  }

  private static void copyDir(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.list(from)) {
      for (Path f : s.toList()) {
        Files.copy(
            f, to.resolve(f.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }
}
