package org.goalrollup.hostile;

import static org.goalrollup.hostile.HostileRun.assertStillPublished;
import static org.goalrollup.hostile.HostileRun.copyOfSample;
import static org.goalrollup.hostile.HostileRun.run;
import static org.goalrollup.hostile.HostileRun.snapshot;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile inputs about periods and sizes (issue 19, item 4): a year with a month of data is not a
 * "full year"; a required input without data rows fails the run; an input that shrank by more than
 * {@code --maxShrink} against the published run, or an empty summary where the published one was
 * not, fails the run unless {@code --allowShrink}.
 *
 * <p>One good run of the shipped sample is published first; every refused run must leave it
 * published byte for byte. The figures of the sample used below: production.csv has 7,067 data
 * rows, 3,509 of 2019 (lines 2-3510) and 3,558 of 2020, and 9 deliberate bad rows (testdata's
 * README), 3 of them in 2019 (lines 1434, 2110, 3510), so 7,058 are accepted, and 3,506 of a 2019
 * export. The summary has 2 years x 9 sectors (8 + ALL) x 14 districts (12 of the register, 鄞江镇 of
 * investment.csv, ALL) = 252 rows.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HostilePeriodsTest {
  static final String HEADER =
      "enterprise_id,year,month,above_scale,output_value,value_added,revenue,employees,revision\n";

  @TempDir static Path tmp;

  Path published;
  Map<String, byte[]> good;

  @BeforeAll
  void publishTheSample() throws IOException {
    published = tmp.resolve("good/out");
    HostileRun.Result r = run(copyOfSample(tmp.resolve("good/in")), published);
    assertEquals(0, r.code(), r.console());
    good = snapshot(published);
  }

  /** A change to a copy of the sample. */
  interface Spoil {
    void apply(Path input) throws IOException;
  }

  static Arguments refused(String name, Spoil spoil, List<String> options, int code, String error) {
    return Arguments.of(Named.of(name, spoil), options, code, error);
  }

  static Stream<Arguments> refusedRuns() {
    return Stream.of(
        refused(
            "production.csv with only its header",
            in -> Files.writeString(in.resolve("production.csv"), HEADER),
            List.of(),
            1,
            "error: production.csv: no data rows after the header"),
        refused(
            "production.csv with its header and blank lines only (LF, CRLF, a lone CR)",
            in -> Files.writeString(in.resolve("production.csv"), HEADER + "\n\r\n\r\n"),
            List.of(),
            1,
            "error: production.csv: no data rows after the header"),
        refused(
            "enterprises.csv with only its header",
            in -> keepLines(in.resolve("enterprises.csv"), 1),
            List.of(),
            1,
            "error: enterprises.csv: no data rows after the header"),
        refused(
            "sectors.csv with only its header",
            in -> keepLines(in.resolve("sectors.csv"), 1),
            List.of(),
            1,
            "error: sectors.csv: no data rows after the header"),
        refused(
            "production.csv of 2019 only: 3,506 accepted rows against 7,058, down 50.3%",
            in -> keepLines(in.resolve("production.csv"), 3510),
            List.of(),
            1,
            "error: production.csv: 3506 accepted rows against 7058 in the published run, down"
                + " 50.3%, more than --maxShrink=0.5 allows"),
        refused(
            "a year-to-date run of a month without data: an empty summary where 252 rows were",
            in -> {},
            List.of("--asOf=2021-01"),
            1,
            "error: the summary would be empty (0 rows) where the published run has 252 rows"),
        refused(
            "--maxShrink above 1",
            in -> {},
            List.of("--maxShrink=1.5"),
            2,
            "error: bad command line: --maxShrink=1.5 must be between 0 and 1"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("refusedRuns")
  void refusedRunLeavesThePublishedRun(Spoil spoil, List<String> options, int code, String error)
      throws IOException {
    Path in = copyOfSample(Files.createTempDirectory(tmp, "in"));
    spoil.apply(in);
    HostileRun.Result r = run(in, published, options.toArray(new String[0]));
    assertEquals(code, r.code(), r.console());
    assertEquals(1, r.errorLines().size(), r.console());
    assertThat(r.errorLines().get(0), startsWith(error));
    assertThat(r.err(), not(containsString("Exception")));
    assertStillPublished(good, published);
  }

  /** With --allowShrink the 2019 export is published: the operator said the input shrank. */
  @Test
  void allowShrinkPublishesTheSmallerInput() throws Exception {
    Path out = copyOfPublished(published, tmp.resolve("allow"));
    Path in = copyOfSample(tmp.resolve("allow/in"));
    keepLines(in.resolve("production.csv"), 3510);
    HostileRun.Result r = run(in, out, "--allowShrink");
    assertEquals(0, r.code(), r.console());
    JsonNode m = manifest(out);
    assertEquals(3506, input(m, "production.csv").path("accepted").asLong());
    assertEquals(true, m.path("options").path("allowShrink").asBoolean());
    assertEquals(List.of("2019"), query(out, "SELECT DISTINCT year FROM summary"));

    // --maxShrink=0.6 lets the same fall (50.3%) through without --allowShrink
    Path out2 = copyOfPublished(published, tmp.resolve("tolerant"));
    HostileRun.Result r2 = run(in, out2, "--maxShrink=0.6");
    assertEquals(0, r2.code(), r2.console());
  }

  /**
   * One January 2021 row of E0015 (南门街道, above scale) used to make 2021 a "January-December, full
   * year" from one enterprise. Now 2021 is January, year to date, compared with January 2020, and
   * said so on the console, in the manifest and in the report; 2019 and 2020 are unchanged.
   *
   * <p>E0015's January 2020 value added is 357.89 (production.csv line 3525); 2021's is written as
   * 715.78, twice that. region.csv has no 2021 row, so P = 100 and the same-sample growth is
   * (715.78 / 357.89 - 1) x 100 = 100%. The 2021 target of the sample (value_added_growth, ALL, at
   * least 6.5) is then ENSURE_MET for months 1-1.
   */
  @Test
  void aYearWithOneMonthOfDataIsYearToDate() throws Exception {
    Path in = copyOfSample(tmp.resolve("partial/in"));
    Files.writeString(
        in.resolve("production.csv"),
        "E0015,2021,1,true,1500.00,715.78,1400.00,131,\n",
        StandardOpenOption.APPEND);
    Path out = tmp.resolve("partial/out");
    HostileRun.Result r = run(in, out);
    assertEquals(0, r.code(), r.console());
    assertThat(r.out(), containsString("rollup: years [2019, 2020, 2021]\n"));
    assertThat(
        r.out(),
        containsString("rollup: 2021: 1-1月, year to date; its production stops in January\n"));

    JsonNode m = manifest(out);
    assertEquals("[2019,2020,2021]", m.path("computed_years").toString());
    assertEquals(true, m.path("period_end_month").isNull(), "the years end in different months");
    JsonNode p2021 = m.path("periods").get(2);
    assertEquals(2021, p2021.path("year").asInt());
    assertEquals(1, p2021.path("period_end_month").asInt());
    assertEquals(true, p2021.path("year_to_date").asBoolean());
    assertEquals(
        "2021: 1-1月, year to date; its production stops in January", p2021.path("note").asText());
    assertEquals(12, m.path("periods").get(1).path("period_end_month").asInt());

    assertEquals(
        List.of("1|1|1|715.78|715.78|1500.00|1400.00|131|100.0|null|null"),
        query(
            out,
            "SELECT period_end_month, enterprise_count, above_scale_count, value_added,"
                + " above_scale_value_added, output_value, revenue, employees, value_added_growth,"
                + " rd_revenue_ratio, rd_gdp_ratio FROM summary"
                + " WHERE year = 2021 AND sector_id = 'ALL' AND district = 'ALL'"));
    assertEquals(
        List.of("1"),
        query(out, "SELECT DISTINCT period_end_month FROM summary WHERE year = 2021"));
    assertEquals(
        List.of("1|ENSURE_MET|100.0"),
        query(out, "SELECT period_end_month, status, actual FROM attainment WHERE year = 2021"));
    // the complete years are exactly as in the good run
    for (String table : List.of("summary", "published", "attainment")) {
      assertEquals(
          query(published, "SELECT * FROM " + table + " WHERE year < 2021 ORDER BY ALL"),
          query(out, "SELECT * FROM " + table + " WHERE year < 2021 ORDER BY ALL"),
          table + " of 2019 and 2020");
    }

    String report = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    assertThat(report, containsString("2021: 1-1月, year to date; its production stops in January"));
    // 2021 has a target, so it is the headline year, for January only
    assertThat(report, containsString("Goal progress, 2021, January, year to date"));
    assertThat(report, not(containsString("2021, January–December")));
  }

  // ---------------------------------------------------------------------------------------

  /** Keeps the first {@code n} lines of a file. */
  static void keepLines(Path file, int n) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    Files.writeString(file, String.join("\n", lines.subList(0, n)) + "\n", StandardCharsets.UTF_8);
  }

  /**
   * A second published output with the same previous run: the link {@code out} and its run folders
   * copied beside a new {@code dir/out}.
   */
  static Path copyOfPublished(Path out, Path dir) throws IOException {
    Files.createDirectories(dir);
    Path runs = out.resolveSibling("." + out.getFileName() + ".runs");
    try (Stream<Path> s = Files.walk(runs)) {
      for (Path p : s.toList()) {
        Path to = dir.resolve(out.getParent().relativize(p).toString());
        if (Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
          Files.createDirectories(to);
        } else {
          Files.copy(p, to);
        }
      }
    }
    Path link = dir.resolve(out.getFileName().toString());
    Files.createSymbolicLink(link, Files.readSymbolicLink(out));
    return link;
  }

  static JsonNode manifest(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
  }

  static JsonNode input(JsonNode manifest, String file) {
    for (JsonNode i : manifest.path("inputs")) {
      if (i.path("file").asText().equals(file)) {
        return i;
      }
    }
    throw new AssertionError(file + " not in the manifest");
  }

  /**
   * Runs {@code sql} with each output table of {@code out} as a view of its name; each row as its
   * columns joined with "|".
   */
  static List<String> query(Path out, String sql) throws SQLException {
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = db.createStatement()) {
      for (String t : List.of("summary", "published", "attainment")) {
        st.execute(
            "CREATE VIEW "
                + t
                + " AS SELECT * FROM read_parquet('"
                + out.resolve(t).toString().replace("'", "''")
                + "/*.parquet')");
      }
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = st.executeQuery(sql)) {
        int n = rs.getMetaData().getColumnCount();
        while (rs.next()) {
          List<String> cells = new ArrayList<>();
          for (int i = 1; i <= n; i++) {
            cells.add(String.valueOf(rs.getString(i)));
          }
          rows.add(String.join("|", cells));
        }
      }
      return rows;
    }
  }
}
