package org.goalrollup.crosscheck;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.goalrollup.RollupPipeline;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Independent cross-check of the published summary and attainment Parquet against the contract's
 * formulas written as DuckDB SQL ({@code src/test/resources/crosscheck/*.sql}).
 *
 * <p>Each run executes the real pipeline on the shipped sample {@code testdata/haishu}, then
 * rebuilds the expected outputs from the CSV inputs alone. The only thing taken from the pipeline
 * is its rejects list (file, line, reason): the rejected physical lines are dropped from copies of
 * the CSVs, except CONFLICTING_DUPLICATE rows, because the SQL applies the revision and duplicate
 * rule itself. The SQL also re-validates every remaining row and recomputes the conflicting rows;
 * both are checked against the pipeline's rejects.
 *
 * <p>Three runs: a full run (every year with production, months 1..12), {@code --asOf=2020-06}
 * (2020, months 1..6, compared with 2019 months 1..6), and a full run of the sample with a 2021
 * that stops in March ({@link #partialInput}): 2021 is computed year to date, months 1..3, while
 * 2019 and 2020 stay complete years.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DuckDbCrossCheckTest {

  /** Input files of CONTRACT 2, in the order the SQL reads them. */
  static final List<String> INPUT_FILES =
      List.of(
          "enterprises.csv",
          "sectors.csv",
          "production.csv",
          "investment.csv",
          "rd.csv",
          "region.csv",
          "milestones.csv",
          "targets.csv");

  static final int MAJOR_PROJECT_THRESHOLD = 5000; // the pipeline's default

  static final List<String> SUMMARY_KEY = List.of("year", "sector_id", "district");
  static final List<String> SUMMARY_COUNTS =
      List.of(
          "period_end_month",
          "enterprise_count",
          "above_scale_count",
          "employees",
          "major_project_count",
          "rd_personnel",
          "high_tech_enterprise_count",
          "provincial_rd_centers",
          "national_rd_centers");
  static final List<String> SUMMARY_AMOUNTS =
      List.of(
          "output_value",
          "value_added",
          "revenue",
          "above_scale_value_added",
          "investment_completed",
          "industrial_investment",
          "high_tech_investment",
          "tech_renovation_investment",
          "rd_expenditure");
  static final List<String> SUMMARY_RATES =
      List.of(
          "value_added_growth",
          "value_added_growth_nominal",
          "industrial_investment_growth",
          "high_tech_investment_growth",
          "tech_renovation_investment_growth",
          "rd_revenue_ratio",
          "rd_gdp_ratio");

  static final List<String> ATTAINMENT_KEY = List.of("year", "indicator", "sector_id", "district");
  static final List<String> ATTAINMENT_EXACT = List.of("period_end_month", "direction", "status");
  static final List<String> ATTAINMENT_DOUBLES =
      List.of("ensure_target", "strive_target", "actual", "attainment_ratio", "gap");

  /** Doubles agree when within this relative difference (or this absolute one, near 0). */
  static final double TOLERANCE = 1e-9;

  static final int MAX_REPORTED = 20;

  @TempDir static Path tmp;

  private final Map<String, Object> runs = new HashMap<>();

  // ---------------------------------------------------------------------------------------
  // The two runs.

  private Run fullRun() {
    return run("full", null, null, 12);
  }

  private Run asOfRun() {
    return run("asof-2020-06", "--asOf=2020-06", 2020, 6);
  }

  private Run partialRun() {
    return run("partial-2021", null, null, 12, () -> partialInput(tmp.resolve("partial-input")));
  }

  private Run run(String label, String periodOption, Integer periodYear, int periodMonth) {
    return run(label, periodOption, periodYear, periodMonth, DuckDbCrossCheckTest::sampleInput);
  }

  /** Where a run reads its input; may write it first. */
  interface Input {
    Path get() throws IOException;
  }

  /** Runs the pipeline and the SQL once per label; later calls reuse the result (or error). */
  private Run run(
      String label, String periodOption, Integer periodYear, int periodMonth, Input input) {
    Object cached =
        runs.computeIfAbsent(
            label,
            l -> {
              try {
                return Run.execute(
                    tmp.resolve(l), input.get(), periodOption, periodYear, periodMonth);
              } catch (Exception | AssertionError e) {
                return e;
              }
            });
    if (cached instanceof Run) {
      return (Run) cached;
    }
    if (cached instanceof AssertionError) {
      throw (AssertionError) cached;
    }
    throw new IllegalStateException("run " + label + " failed", (Throwable) cached);
  }

  @AfterAll
  void closeDatabases() throws SQLException {
    for (Object r : runs.values()) {
      if (r instanceof Run) {
        ((Run) r).db.close();
      }
    }
  }

  // ---------------------------------------------------------------------------------------
  // Tests.

  /**
   * The published table's primary confidential cells (status C) are exactly those that
   * disclosure.sql finds with the default rules, group by group.
   */
  @Test
  void fullRun_primaryConfidentialCellsMatchSql() throws Exception {
    checkPrimaryCells(fullRun());
  }

  @Test
  void asOf_primaryConfidentialCellsMatchSql() throws Exception {
    checkPrimaryCells(asOfRun());
  }

  private static void checkPrimaryCells(Run r) throws Exception {
    String actual =
        "SELECT year, sector_id, district, 'production' AS grp FROM actual_published"
            + " WHERE production_conf_status = 'C'"
            + " UNION ALL SELECT year, sector_id, district, 'investment' FROM actual_published"
            + " WHERE investment_conf_status = 'C'"
            + " UNION ALL SELECT year, sector_id, district, 'rd' FROM actual_published"
            + " WHERE rd_conf_status = 'C'";
    List<String> missing =
        r.queryRows("SELECT * FROM expected_primary EXCEPT (" + actual + ") ORDER BY ALL");
    List<String> extra =
        r.queryRows("(" + actual + ") EXCEPT SELECT * FROM expected_primary ORDER BY ALL");
    assertEquals(List.of(), missing, r.label + ": primary cells the pipeline did not suppress");
    assertEquals(List.of(), extra, r.label + ": suppressed cells the rules do not ask for");
    long n = r.queryLong("SELECT count(*) FROM expected_primary");
    assertTrue(n > 10, r.label + ": only " + n + " primary cells");
  }

  @Test
  void fullRun_cleanedInputsAreOneRecordPerLineAndPassIndependentValidation() throws Exception {
    checkCleanedInputs(fullRun());
  }

  @Test
  void fullRun_conflictingDuplicatesAreExactlyThoseOfTheRevisionRule() throws Exception {
    Run r = fullRun();
    Set<String> sql =
        r.queryStrings(
            "SELECT source_file || ':' || line_number FROM conflicting_rows ORDER BY ALL");
    Set<String> pipeline =
        r.rejects.stream()
            .filter(x -> x.reason.equals("CONFLICTING_DUPLICATE"))
            .map(x -> x.sourceFile + ":" + x.lineNumber)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(
        sql,
        pipeline,
        "rows at the top revision of a key whose values differ (SQL) vs the pipeline's"
            + " CONFLICTING_DUPLICATE rejects");
  }

  @Test
  void fullRun_summaryMatchesContractSql() throws Exception {
    checkSummary(fullRun());
  }

  @Test
  void fullRun_attainmentMatchesContractSql() throws Exception {
    checkAttainment(fullRun());
  }

  /**
   * The review flags of the default rules, rebuilt in SQL from the in-force rows
   * (crosscheck/review.sql), equal the pipeline's review table: same records, same rules.
   */
  @Test
  void fullRun_reviewMatchesSql() throws Exception {
    Run r = fullRun();
    String flag = "source_file || ':' || line_number || ':' || rule_id";
    Set<String> sql = r.queryStrings("SELECT " + flag + " FROM expected_review");
    assertThat("the sample raises review flags", sql.size(), greaterThan(10));
    assertEquals(sql, r.queryStrings("SELECT " + flag + " FROM actual_review"));
  }

  /** The review does not depend on --asOf: the same flags as the full run. */
  @Test
  void asOf_reviewIsTheSameAsInTheFullRun() throws Exception {
    String flag = "SELECT source_file || ':' || line_number || ':' || rule_id FROM actual_review";
    assertEquals(fullRun().queryStrings(flag), asOfRun().queryStrings(flag));
  }

  @Test
  void asOf_cleanedInputsAreOneRecordPerLineAndPassIndependentValidation() throws Exception {
    checkCleanedInputs(asOfRun());
  }

  @Test
  void asOf_summaryMatchesContractSql() throws Exception {
    Run r = asOfRun();
    assertEquals(
        Set.of("2020/6"),
        r.queryStrings("SELECT DISTINCT year || '/' || period_end_month FROM expected_summary"),
        "--asOf=2020-06 computes 2020 with months 1..6 only");
    checkSummary(r);
  }

  @Test
  void asOf_attainmentMatchesContractSql() throws Exception {
    checkAttainment(asOfRun());
  }

  /**
   * OUT/progress of the {@code --asOf=2020-06} run holds, for each target and month m = 1..6, the
   * indicator for months 1..m: the contract SQL run once per month with M = m must give the same
   * actual figures.
   */
  @Test
  void asOf_progressMatchesContractSqlForEveryMonth() throws Exception {
    checkProgress(asOfRun(), 2020, 6);
  }

  /**
   * The progress of the targets of a year: for each month m = 1..{@code months}, the contract SQL
   * run with M = m gives the actual figures of OUT/progress's rows of that year and month.
   */
  static void checkProgress(Run r, int year, int months) throws Exception {
    Path dir = tmp.resolve(r.label);
    Path progress = dir.resolve("out").resolve("progress");
    assertTrue(hasParquet(progress), "no OUT/progress/*.parquet written");
    assertEquals(
        0,
        r.queryLong(
            "SELECT count(*) FROM read_parquet('"
                + sqlPath(progress)
                + "/*.parquet') WHERE year = "
                + year
                + " AND month > "
                + months),
        "progress rows after month " + months + " of " + year);
    for (int m = 1; m <= months; m++) {
      try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("input_dir", sqlPath(dir.resolve("clean")));
        params.put("period_year", Integer.toString(year));
        params.put("period_month", Integer.toString(m));
        params.put("major_project_threshold", Integer.toString(MAJOR_PROJECT_THRESHOLD));
        runScript(db, resource("/crosscheck/summary.sql"), params);
        runScript(db, resource("/crosscheck/attainment.sql"), params);
        try (Statement st = db.createStatement()) {
          st.execute(
              "CREATE VIEW expected_progress AS SELECT year, indicator, sector_id, district,"
                  + " actual FROM expected_attainment");
          st.execute(
              "CREATE VIEW actual_progress AS SELECT year, indicator, sector_id, district,"
                  + " actual FROM read_parquet('"
                  + sqlPath(progress)
                  + "/*.parquet') WHERE year = "
                  + year
                  + " AND month = "
                  + m);
        }
        Run month = new Run(r.label + " month " + m, db, r.rejects, r.linesKept, true, true);
        assertThat(
            "targets followed in month " + m,
            month.queryLong("SELECT count(*) FROM expected_progress"),
            greaterThan(0L));
        compareTables(
            month,
            "progress",
            "expected_progress",
            "actual_progress",
            ATTAINMENT_KEY,
            List.of("actual"),
            List.of("actual"),
            null);
      }
    }
  }

  /**
   * The partial run computes 2019 and 2020 as complete years and 2021 up to March, its last month
   * with accepted production: the April and May 2021 rows and a month 13 are rejected, so they do
   * not extend it.
   */
  @Test
  void partial_eachYearEndsInItsOwnLastMonthWithData() throws Exception {
    Run r = partialRun();
    Set<String> periods = Set.of("2019/12", "2020/12", "2021/3");
    assertEquals(
        periods,
        r.queryStrings("SELECT DISTINCT year || '/' || period_end_month FROM expected_summary"));
    assertEquals(
        periods,
        r.queryStrings("SELECT DISTINCT year || '/' || period_end_month FROM actual_summary"));
    Set<String> rejected =
        r.rejects.stream()
            .filter(x -> x.sourceFile.equals("production.csv") && x.raw.contains(",2021,"))
            .map(x -> x.reason)
            .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("INVALID_CODE", "OUT_OF_RANGE", "UNKNOWN_ENTERPRISE"), rejected);
  }

  @Test
  void partial_summaryMatchesContractSql() throws Exception {
    checkSummary(partialRun());
  }

  @Test
  void partial_attainmentMatchesContractSql() throws Exception {
    Run r = partialRun();
    assertThat(
        "targets of 2021 evaluated for months 1-3",
        r.queryLong(
            "SELECT count(*) FROM actual_attainment WHERE year = 2021 AND period_end_month = 3"),
        greaterThan(3L));
    checkAttainment(r);
  }

  @Test
  void partial_primaryConfidentialCellsMatchSql() throws Exception {
    checkPrimaryCells(partialRun());
  }

  @Test
  void partial_progressMatchesContractSqlForEveryMonth() throws Exception {
    checkProgress(partialRun(), 2021, 3);
  }

  @Test
  void partial_cleanedInputsPassIndependentValidation() throws Exception {
    checkCleanedInputs(partialRun());
  }

  @Test
  void asOf_rejectsAreTheSameAsInTheFullRun() {
    // CONTRACT 4: validation does not depend on the period options.
    assertEquals(rejectKeys(fullRun()), rejectKeys(asOfRun()));
  }

  @Test
  void outputColumnsHaveTheContractTypes() throws Exception {
    Run r = fullRun();
    assertTrue(r.hasSummaryFiles, "no OUT/summary/*.parquet written");
    List<String> problems = new ArrayList<>();
    Map<String, String> summary = r.columnTypes("actual_summary");
    for (String c : List.of("sector_id", "district")) {
      expectType(problems, "summary", summary, c, "VARCHAR");
    }
    for (String c : List.of("year", "period_end_month")) {
      expectType(problems, "summary", summary, c, "INTEGER");
    }
    for (String c : SUMMARY_COUNTS) {
      if (!c.equals("period_end_month")) {
        expectType(problems, "summary", summary, c, "INTEGER|BIGINT");
      }
    }
    for (String c : SUMMARY_AMOUNTS) {
      expectType(problems, "summary", summary, c, "DECIMAL\\(20,\\s*2\\)");
    }
    for (String c : SUMMARY_RATES) {
      expectType(problems, "summary", summary, c, "DOUBLE");
    }
    if (r.hasAttainmentFiles) {
      Map<String, String> att = r.columnTypes("actual_attainment");
      for (String c : List.of("indicator", "sector_id", "district", "direction", "status")) {
        expectType(problems, "attainment", att, c, "VARCHAR");
      }
      for (String c : List.of("year", "period_end_month")) {
        expectType(problems, "attainment", att, c, "INTEGER");
      }
      for (String c : ATTAINMENT_DOUBLES) {
        expectType(problems, "attainment", att, c, "DOUBLE");
      }
    }
    assertThat(String.join("\n", problems), problems, is(empty()));
  }

  // ---------------------------------------------------------------------------------------
  // Checks shared by the runs.

  static void checkCleanedInputs(Run r) throws SQLException {
    List<String> problems = new ArrayList<>();
    // One record per physical line: DuckDB must read exactly the lines that were kept. (A
    // multi-line record that the pipeline rejected is dropped whole by cleanInputs.)
    for (Map.Entry<String, Integer> e : r.linesKept.entrySet()) {
      String table = "raw_" + e.getKey().replace(".csv", "");
      long read = r.queryLong("SELECT count(*) FROM " + table);
      if (read != e.getValue()) {
        problems.add(
            e.getKey()
                + ": kept "
                + e.getValue()
                + " data lines but DuckDB read "
                + read
                + " records (a record spanning lines?)");
      }
    }
    // Every row the pipeline accepted passes the SQL's own validation of CONTRACT 2 and 4.
    problems.addAll(
        r.queryRows(
            "SELECT source_file, line_number, problem FROM validation_problems"
                + " UNION ALL SELECT * FROM target_problems ORDER BY 1, 2 LIMIT "
                + MAX_REPORTED));
    assertThat(String.join("\n", problems), problems, is(empty()));
  }

  static void checkSummary(Run r) throws SQLException {
    long expectedRows = r.queryLong("SELECT count(*) FROM expected_summary");
    assertThat("expected summary rows", expectedRows, greaterThan(0L));
    assertThat(
        "ALL/ALL has enterprises",
        r.queryLong(
            "SELECT min(enterprise_count) FROM expected_summary"
                + " WHERE sector_id = 'ALL' AND district = 'ALL'"),
        greaterThan(0L));
    assertTrue(r.hasSummaryFiles, "no OUT/summary/*.parquet written");

    List<String> columns = new ArrayList<>();
    columns.addAll(SUMMARY_COUNTS);
    columns.addAll(SUMMARY_AMOUNTS);
    columns.addAll(SUMMARY_RATES);
    compareTables(
        r,
        "summary",
        "expected_summary",
        "actual_summary",
        SUMMARY_KEY,
        columns,
        SUMMARY_RATES,
        null);
  }

  static void checkAttainment(Run r) throws SQLException {
    long expectedRows = r.queryLong("SELECT count(*) FROM expected_attainment");
    if (!r.hasAttainmentFiles) {
      assertEquals(0, expectedRows, "no OUT/attainment/*.parquet written but targets apply");
      return;
    }
    List<String> columns = new ArrayList<>(ATTAINMENT_EXACT);
    columns.addAll(ATTAINMENT_DOUBLES);
    // A status may differ only when a computed rate lies within the tolerance of a target
    // (the two implementations may round the last bit differently); counts and amounts are
    // exact, so there a tie must be decided exactly as the contract says.
    String statusTieAllowed =
        "(e.indicator IN ("
            + SUMMARY_RATES.stream().map(c -> "'" + c + "'").collect(Collectors.joining(", "))
            + ") AND ("
            + "COALESCE("
            + near("e.actual", "e.ensure_target")
            + ", false) OR COALESCE("
            + near("e.actual", "e.strive_target")
            + ", false)))";
    compareTables(
        r,
        "attainment",
        "expected_attainment",
        "actual_attainment",
        ATTAINMENT_KEY,
        columns,
        ATTAINMENT_DOUBLES,
        statusTieAllowed);
  }

  /**
   * Asserts that both tables have the same keys, no duplicate key in the actual one, and equal
   * values in every column: exact (decimals, integers, strings) or, for {@code doubles}, within
   * {@link #TOLERANCE}; null equals only null. {@code statusTieAllowed} (SQL over the expected row
   * {@code e}, or null) excuses a differing {@code status}.
   */
  static void compareTables(
      Run r,
      String what,
      String expected,
      String actual,
      List<String> key,
      List<String> columns,
      List<String> doubles,
      String statusTieAllowed)
      throws SQLException {
    List<String> problems = new ArrayList<>();
    Set<String> actualColumns = r.columnTypes(actual).keySet();
    for (String c : key) {
      if (!actualColumns.contains(c)) {
        fail(what + ": the Parquet output has no key column " + c + "; it has " + actualColumns);
      }
    }
    for (String c : columns) {
      if (!actualColumns.contains(c)) {
        problems.add("missing column " + c);
      }
    }

    String keyList = String.join(", ", key);
    String keyText = keyText(key, "");
    String onlyIn =
        "SELECT %s FROM (SELECT %s FROM %s EXCEPT SELECT %s FROM %s) ORDER BY ALL LIMIT %d";
    problems.addAll(
        prefix(
            "missing row (expected, not in output): ",
            r.queryRows(
                String.format(onlyIn, keyText, keyList, expected, keyList, actual, MAX_REPORTED))));
    problems.addAll(
        prefix(
            "unexpected row (in output, not expected): ",
            r.queryRows(
                String.format(onlyIn, keyText, keyList, actual, keyList, expected, MAX_REPORTED))));
    problems.addAll(
        prefix(
            "duplicate key in output: ",
            r.queryRows(
                String.format(
                    "SELECT %s, count(*) FROM %s GROUP BY ALL HAVING count(*) > 1"
                        + " ORDER BY ALL LIMIT %d",
                    keyText, actual, MAX_REPORTED))));

    // One SELECT per column listing the joined rows where the values differ.
    String join =
        key.stream().map(k -> "e." + k + " = a." + k).collect(Collectors.joining(" AND "));
    List<String> perColumn = new ArrayList<>();
    for (String c : columns) {
      if (!actualColumns.contains(c)) {
        continue;
      }
      String e = "e." + c;
      String a = "a." + c;
      String same =
          doubles.contains(c)
              ? String.format(
                  "((%s IS NULL AND %s IS NULL) OR (%s IS NOT NULL AND %s IS NOT NULL AND %s))",
                  e, a, e, a, near(e, "CAST(" + a + " AS DOUBLE)"))
              : String.format("(%s IS NOT DISTINCT FROM %s)", e, a);
      if (c.equals("status") && statusTieAllowed != null) {
        same = "(" + same + " OR " + statusTieAllowed + ")";
      }
      perColumn.add(
          String.format(
              "SELECT %s AS cell, '%s' AS col, CAST(%s AS VARCHAR) AS expected,"
                  + " CAST(%s AS VARCHAR) AS actual"
                  + " FROM %s e JOIN %s a ON %s WHERE NOT COALESCE(%s, false)",
              keyText(key, "e."), c, e, a, expected, actual, join, same));
    }
    if (!perColumn.isEmpty()) {
      String mismatches = String.join("\nUNION ALL\n", perColumn);
      long total = r.queryLong("SELECT count(*) FROM (" + mismatches + ")");
      if (total > 0) {
        problems.add(total + " cell values differ; the first ones:");
        problems.addAll(
            r.queryRows(
                "SELECT 'cell ' || cell || ' column ' || col || ': expected '"
                    + " || COALESCE(expected, 'NULL') || ', actual ' || COALESCE(actual, 'NULL')"
                    + " FROM ("
                    + mismatches
                    + ") ORDER BY cell, col LIMIT "
                    + MAX_REPORTED));
      }
    }
    if (!problems.isEmpty()) {
      fail(
          what
              + " of run '"
              + r.label
              + "' differs from the contract SQL (at most "
              + MAX_REPORTED
              + " listed of each kind):\n"
              + String.join("\n", problems));
    }
  }

  /** SQL: the key columns (with a table prefix) as one text, e.g. 2020/ALL/ALL. */
  private static String keyText(List<String> key, String tablePrefix) {
    return key.stream()
        .map(k -> "CAST(" + tablePrefix + k + " AS VARCHAR)")
        .collect(Collectors.joining(" || '/' || "));
  }

  /** SQL: the two doubles agree within {@link #TOLERANCE} (relative, or absolute near 0). */
  static String near(String x, String y) {
    return "(abs("
        + x
        + " - "
        + y
        + ") <= "
        + TOLERANCE
        + " * greatest(1.0, abs("
        + x
        + "), abs("
        + y
        + ")))";
  }

  private static List<String> prefix(String p, List<String> rows) {
    return rows.stream().map(s -> p + s).collect(Collectors.toList());
  }

  private static void expectType(
      List<String> problems, String what, Map<String, String> types, String column, String regex) {
    String t = types.get(column);
    if (t == null) {
      problems.add(what + ": missing column " + column);
    } else if (!t.matches(regex)) {
      problems.add(what + "." + column + " is " + t + ", expected " + regex);
    }
  }

  private static Set<String> rejectKeys(Run r) {
    return r.rejects.stream()
        .map(x -> x.sourceFile + ":" + x.lineNumber + ":" + x.reason)
        .collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * A copy of the sample ({@link #sampleInput}) in {@code dir} with a 2021 that stops in March:
   * production of four enterprises in months 1-3 (one revised, one duplicated, one not above scale
   * in March) and rejected rows of April (negative revenue), May (unknown enterprise) and month 13;
   * investment in February, April and May and a new high-tech project in March; R&D, region rows
   * (an empty district index), milestones of February and June, and 2021 targets beside the
   * sample's one.
   */
  static Path partialInput(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> files = Files.list(sampleInput())) {
      for (Path f : files.toList()) {
        Files.copy(f, dir.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    append(
        dir.resolve("production.csv"),
        "E0001,2021,1,true,21000.00,5500.00,21500.00,8900,",
        "E0001,2021,2,true,19000.00,4800.00,19200.00,8850,",
        "E0001,2021,3,true,22000.00,5900.00,22400.00,8950,",
        "E0002,2021,1,true,25000.00,7000.00,26000.00,10100,",
        "E0002,2021,2,true,24000.00,6500.00,25000.00,10050,",
        "E0002,2021,2,true,24100.00,6550.00,25100.00,10060,1",
        "E0015,2021,1,true,1500.00,715.78,1400.00,131,",
        "E0015,2021,3,false,1450.00,300.00,1380.00,130,",
        "E0003,2021,3,true,12000.00,2900.00,12500.00,660,",
        "E0003,2021,3,true,12000.0,2900,12500.00,660,0",
        "E0004,2021,4,true,100.00,20.00,-5.00,10,",
        "E9999,2021,5,true,100.00,20.00,100.00,10,",
        "E0001,2021,13,true,1.00,1.00,1.00,1,");
    append(
        dir.resolve("investment.csv"),
        "P2018001,雅戈尔西服智能工厂技改项目,E0001,望春街道,1810,2021,2,INDUSTRIAL,false,true,20000,300.00",
        "P2018001,雅戈尔西服智能工厂技改项目,E0001,望春街道,1810,2021,4,INDUSTRIAL,false,true,20000,250.00",
        "P2018002,太平鸟智能工厂及供应链中台项目,E0002,段塘街道,1810,2021,5,INDUSTRIAL,N,N,32000,100.00",
        "P2021001,百川照明新建高新项目,E0015,南门街道,3872,2021,3,INDUSTRIAL,true,false,8000,500.00");
    append(dir.resolve("rd.csv"), "E0001,2021,3000.00,290");
    append(dir.resolve("region.csv"), "ALL,2021,12500000,101.0,60000.00", "石碶街道,2021,2500000,,");
    append(
        dir.resolve("milestones.csv"),
        "2021,SMART_FACTORY,E0002,2021年智能工厂,2021-02-10",
        "2021,SMART_FACTORY,,2021年区级示范,2021-06-01");
    append(
        dir.resolve("targets.csv"),
        "major_project_count,,,2021,AT_LEAST,1,,交叉核对",
        "milestones.SMART_FACTORY,,,2021,AT_LEAST,1,2,交叉核对",
        "revenue,,南门街道,2021,AT_LEAST,1000,,交叉核对",
        "employees,,,2021,AT_LEAST,1000,,交叉核对",
        "value_added_growth,,石碶街道,2021,AT_LEAST,5,,交叉核对");
    return dir;
  }

  private static void append(Path file, String... lines) throws IOException {
    Files.writeString(
        file,
        String.join("\n", lines) + "\n",
        StandardCharsets.UTF_8,
        java.nio.file.StandardOpenOption.APPEND);
  }

  /**
   * The shipped sample, found from the working directory (pipelines/) or the repo root; the system
   * property {@code crosscheck.input} names another input folder.
   */
  static Path sampleInput() {
    String other = System.getProperty("crosscheck.input");
    if (other != null && !other.isEmpty()) {
      return Paths.get(other).toAbsolutePath();
    }
    Path dir = Paths.get("").toAbsolutePath();
    for (Path p = dir; p != null; p = p.getParent()) {
      Path candidate = p.resolve("testdata").resolve("haishu");
      if (Files.isRegularFile(candidate.resolve("production.csv"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("testdata/haishu not found above " + dir);
  }

  // ---------------------------------------------------------------------------------------
  // One run: the pipeline's output, the cleaned inputs and the SQL's expected tables, all
  // in one in-memory DuckDB database.

  /** One row of OUT/rejects. */
  static final class Reject {
    final String sourceFile;
    final long lineNumber;
    final String reason;
    final String raw;

    Reject(String sourceFile, long lineNumber, String reason, String raw) {
      this.sourceFile = sourceFile;
      this.lineNumber = lineNumber;
      this.reason = reason;
      this.raw = raw;
    }
  }

  static final class Run {
    final String label;
    final Connection db;
    final List<Reject> rejects;
    final Map<String, Integer> linesKept;
    final boolean hasSummaryFiles;
    final boolean hasAttainmentFiles;

    private Run(
        String label,
        Connection db,
        List<Reject> rejects,
        Map<String, Integer> linesKept,
        boolean hasSummaryFiles,
        boolean hasAttainmentFiles) {
      this.label = label;
      this.db = db;
      this.rejects = rejects;
      this.linesKept = linesKept;
      this.hasSummaryFiles = hasSummaryFiles;
      this.hasAttainmentFiles = hasAttainmentFiles;
    }

    /**
     * Runs the pipeline into {@code dir/out}, cleans the inputs into {@code dir/clean} and computes
     * the expected tables; {@code periodOption} is null for a full run.
     */
    static Run execute(
        Path dir, Path input, String periodOption, Integer periodYear, int periodMonth)
        throws Exception {
      Path out = dir.resolve("out");
      Files.createDirectories(dir);
      List<String> args = new ArrayList<>();
      args.add("--input=" + input);
      args.add("--output=" + out);
      if (periodOption != null) {
        args.add(periodOption);
      }
      int rc = RollupPipeline.run(args.toArray(new String[0]));
      assertEquals(0, rc, "pipeline exit code for " + args);

      Connection db = DriverManager.getConnection("jdbc:duckdb:");
      try {
        List<Reject> rejects = readRejects(db, out.resolve("rejects"));
        Path clean = dir.resolve("clean");
        Map<String, Integer> kept = cleanInputs(input, clean, rejects);
        Map<String, String> params = new LinkedHashMap<>();
        params.put("input_dir", sqlPath(clean));
        params.put("period_year", periodYear == null ? "NULL" : Integer.toString(periodYear));
        params.put("period_month", Integer.toString(periodMonth));
        params.put("major_project_threshold", Integer.toString(MAJOR_PROJECT_THRESHOLD));
        runScript(db, resource("/crosscheck/summary.sql"), params);
        runScript(db, resource("/crosscheck/attainment.sql"), params);
        runScript(db, resource("/crosscheck/disclosure.sql"), params);
        runScript(db, resource("/crosscheck/review.sql"), params);

        boolean summaryFiles = hasParquet(out.resolve("summary"));
        boolean attainmentFiles = hasParquet(out.resolve("attainment"));
        try (Statement st = db.createStatement()) {
          if (summaryFiles) {
            st.execute(
                "CREATE VIEW actual_summary AS SELECT * FROM read_parquet('"
                    + sqlPath(out.resolve("summary"))
                    + "/*.parquet')");
          }
          if (hasParquet(out.resolve("published"))) {
            st.execute(
                "CREATE VIEW actual_published AS SELECT * FROM read_parquet('"
                    + sqlPath(out.resolve("published"))
                    + "/*.parquet')");
          }
          st.execute(
              "CREATE VIEW actual_review AS SELECT * FROM read_parquet('"
                  + sqlPath(out.resolve("review"))
                  + "/*.parquet')");
          if (attainmentFiles) {
            st.execute(
                "CREATE VIEW actual_attainment AS SELECT * FROM read_parquet('"
                    + sqlPath(out.resolve("attainment"))
                    + "/*.parquet')");
          }
        }
        return new Run(
            dir.getFileName().toString(), db, rejects, kept, summaryFiles, attainmentFiles);
      } catch (Exception | AssertionError e) {
        db.close();
        throw e;
      }
    }

    Set<String> queryStrings(String sql) throws SQLException {
      Set<String> result = new TreeSet<>();
      try (Statement st = db.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          result.add(rs.getString(1));
        }
      }
      return result;
    }

    long queryLong(String sql) throws SQLException {
      try (Statement st = db.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      }
    }

    /** Each row as its columns joined with " | ". */
    List<String> queryRows(String sql) throws SQLException {
      return Run.queryRows(db, sql);
    }

    static List<String> queryRows(Connection db, String sql) throws SQLException {
      List<String> rows = new ArrayList<>();
      try (Statement st = db.createStatement();
          ResultSet rs = st.executeQuery(sql)) {
        ResultSetMetaData md = rs.getMetaData();
        while (rs.next()) {
          List<String> cells = new ArrayList<>();
          for (int i = 1; i <= md.getColumnCount(); i++) {
            cells.add(String.valueOf(rs.getString(i)));
          }
          rows.add(String.join(" | ", cells));
        }
      }
      return rows;
    }

    /** Column name to DuckDB type name of a table or view. */
    Map<String, String> columnTypes(String table) throws SQLException {
      Map<String, String> types = new LinkedHashMap<>();
      try (Statement st = db.createStatement();
          ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + table)) {
        while (rs.next()) {
          types.put(rs.getString("column_name"), rs.getString("column_type"));
        }
      }
      return types;
    }
  }

  // ---------------------------------------------------------------------------------------
  // Helpers, also usable outside JUnit (the SQL was developed with them standalone).

  static List<Reject> readRejects(Connection db, Path rejectsDir) throws SQLException {
    List<Reject> rejects = new ArrayList<>();
    if (!hasParquet(rejectsDir)) {
      return rejects;
    }
    try (Statement st = db.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT source_file, line_number, reason, raw FROM read_parquet('"
                    + sqlPath(rejectsDir)
                    + "/*.parquet') ORDER BY source_file, line_number")) {
      while (rs.next()) {
        rejects.add(new Reject(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
      }
    }
    return rejects;
  }

  /**
   * Writes a copy of each input CSV to {@code clean}: the UTF-8 BOM removed, blank lines (empty or
   * a lone CR) and the rejected physical lines dropped (all lines of a multi-line rejected record),
   * except CONFLICTING_DUPLICATE rows, which the SQL recomputes; every kept line gets an extra last
   * column {@code __line} with its physical line number. An absent optional file becomes a
   * header-only file. Works on bytes, so the text is kept exactly.
   *
   * @return per file, the number of data lines kept
   */
  static Map<String, Integer> cleanInputs(Path input, Path clean, List<Reject> rejects)
      throws IOException {
    Files.createDirectories(clean);
    Map<String, Set<Long>> drop = new HashMap<>();
    for (Reject r : rejects) {
      if (r.reason.equals("CONFLICTING_DUPLICATE")) {
        continue;
      }
      Set<Long> lines = drop.computeIfAbsent(r.sourceFile, f -> new HashSet<>());
      for (long l = r.lineNumber; l < r.lineNumber + physicalLines(r.raw); l++) {
        lines.add(l);
      }
    }
    Map<String, Integer> kept = new LinkedHashMap<>();
    for (String name : INPUT_FILES) {
      Path src = input.resolve(name);
      Path dst = clean.resolve(name);
      if (!Files.exists(src)) {
        Files.write(dst, "__line\n".getBytes(StandardCharsets.UTF_8));
        kept.put(name, 0);
        continue;
      }
      byte[] bytes = Files.readAllBytes(src);
      int start = 0;
      if (bytes.length >= 3
          && (bytes[0] & 0xff) == 0xEF
          && (bytes[1] & 0xff) == 0xBB
          && (bytes[2] & 0xff) == 0xBF) {
        start = 3;
      }
      Set<Long> dropLines = drop.getOrDefault(name, Set.of());
      ByteArrayOutputStream outBytes = new ByteArrayOutputStream(bytes.length + bytes.length / 4);
      long lineNo = 0;
      int count = 0;
      int i = start;
      while (i < bytes.length) {
        int end = i;
        while (end < bytes.length && bytes[end] != '\n') {
          end++;
        }
        lineNo++;
        int contentEnd = end;
        if (contentEnd > i && bytes[contentEnd - 1] == '\r') {
          contentEnd--;
        }
        boolean blank = contentEnd == i;
        if (lineNo == 1) {
          outBytes.write(bytes, i, contentEnd - i);
          outBytes.writeBytes(",__line\n".getBytes(StandardCharsets.UTF_8));
        } else if (!blank && !dropLines.contains(lineNo)) {
          outBytes.write(bytes, i, contentEnd - i);
          outBytes.writeBytes(("," + lineNo + "\n").getBytes(StandardCharsets.UTF_8));
          count++;
        }
        i = end + 1;
      }
      Files.write(dst, outBytes.toByteArray());
      kept.put(name, count);
    }
    return kept;
  }

  /** Physical lines a rejected record's raw text spans (a trailing line break not counted). */
  static long physicalLines(String raw) {
    if (raw == null) {
      return 1;
    }
    String text = raw.replaceAll("[\\r\\n]+$", "");
    return 1 + text.chars().filter(ch -> ch == '\n').count();
  }

  /**
   * Runs a script of statements, each ending with ';' at the end of a line, after replacing each
   * {@code ${name}} by its value. A failing statement is reported with its text.
   */
  static void runScript(Connection db, String script, Map<String, String> params)
      throws SQLException {
    String text = script;
    for (Map.Entry<String, String> p : params.entrySet()) {
      text = text.replace("${" + p.getKey() + "}", p.getValue());
    }
    if (text.contains("${")) {
      throw new IllegalArgumentException(
          "unreplaced parameter in script near: "
              + text.substring(
                  text.indexOf("${"), Math.min(text.length(), text.indexOf("${") + 40)));
    }
    String code0 =
        Stream.of(text.split("\\r?\\n"))
            .filter(l -> !l.trim().startsWith("--"))
            .collect(Collectors.joining("\n", "", "\n"));
    for (String statement : code0.split(";[ \\t]*\\n")) {
      String code = statement.trim();
      if (code.isEmpty()) {
        continue;
      }
      try (Statement st = db.createStatement()) {
        st.execute(code);
      } catch (SQLException e) {
        throw new SQLException(
            "cross-check SQL failed: " + e.getMessage() + "\nin statement:\n" + code, e);
      }
    }
  }

  static String resource(String name) {
    try (InputStream in = DuckDbCrossCheckTest.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("test resource " + name + " not found");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static boolean hasParquet(Path dir) {
    if (!Files.isDirectory(dir)) {
      return false;
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A path as a DuckDB string literal body: forward slashes, quotes doubled. */
  static String sqlPath(Path p) {
    return p.toAbsolutePath().toString().replace('\\', '/').replace("'", "''");
  }
}
