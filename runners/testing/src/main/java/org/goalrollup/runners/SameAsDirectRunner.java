package org.goalrollup.runners;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.goalrollup.RollupPipeline;

/**
 * Runs the rollup on the shipped sample ({@code testdata/haishu}) on the direct runner and on
 * another runner, each publishing into its own folder, and checks that the two publish the same
 * tables row for row (same rows, same order, every column) and the same counts in {@code
 * _manifest.json}; and that a run failing inside the job on that runner exits 1 with one {@code
 * error:} line and publishes nothing. The runner modules' tests call these with their runner's
 * options.
 */
public final class SameAsDirectRunner {
  /** Every table a run writes, each compared in full. */
  public static final List<String> TABLES =
      List.of("summary", "published", "attainment", "rejects", "progress", "review");

  private SameAsDirectRunner() {}

  /** The shipped sample: the first {@code testdata/haishu} above the working directory. */
  public static Path sample() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("testdata/haishu"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("testdata/haishu not found above the working directory");
    }
    return p.resolve("testdata/haishu");
  }

  /** Runs the rollup with the sample as input and {@code output}; returns the exit code. */
  public static int runOnSample(Path output, String... runnerOptions) {
    List<String> args = new ArrayList<>();
    args.add("--input=" + sample());
    args.add("--output=" + output);
    args.addAll(List.of(runnerOptions));
    long t0 = System.nanoTime();
    int rc = RollupPipeline.run(args.toArray(new String[0]));
    System.out.printf(
        "runner-conformance: %s finished with exit code %d in %.1f s%n",
        runnerOptions.length == 0 ? "direct runner" : String.join(" ", runnerOptions),
        rc,
        (System.nanoTime() - t0) / 1e9);
    return rc;
  }

  /**
   * Runs the sample on the direct runner into {@code work/direct} and with {@code runnerOptions}
   * into {@code work/runner}, and asserts that both publish the same rows of every table and the
   * same manifest counts.
   */
  public static void assertSameAsDirect(Path work, String... runnerOptions) throws Exception {
    Path direct = work.resolve("direct");
    Path other = work.resolve("runner");
    assertEquals(0, runOnSample(other, runnerOptions), "exit code on the runner");
    assertEquals(0, runOnSample(direct), "exit code on the direct runner");
    assertSameTables(direct, other);
  }

  /**
   * Asserts that the run published in {@code other} has the same rows of every table, in the same
   * order, and the same manifest counts as the direct runner's in {@code direct}.
   */
  public static void assertSameTables(Path direct, Path other) throws Exception {
    for (String table : TABLES) {
      List<String> expected = rows(direct, table);
      List<String> actual = rows(other, table);
      assertTrue(!expected.isEmpty(), table + ": the direct runner wrote no rows");
      assertEquals(expected.size(), actual.size(), table + ": row count");
      for (int i = 0; i < expected.size(); i++) {
        assertEquals(expected.get(i), actual.get(i), table + ": row " + (i + 1));
      }
    }
    assertEquals(counts(direct), counts(other), "_manifest.json counts");
    assertTrue(Files.exists(other.resolve("_SUCCESS")), "_SUCCESS");
  }

  /**
   * Every row of a published table in file order, each as {@code column=value|...} over all
   * columns, read with DuckDB the way a user would.
   */
  public static List<String> rows(Path output, String table) throws Exception {
    List<String> rows = new ArrayList<>();
    String files = output.resolve(table).toString() + "/*.parquet";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("select * from read_parquet('" + files + "')")) {
      ResultSetMetaData md = r.getMetaData();
      while (r.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          sb.append(i > 1 ? "|" : "")
              .append(md.getColumnName(i))
              .append('=')
              .append(r.getString(i));
        }
        rows.add(sb.toString());
      }
    }
    return rows;
  }

  /**
   * The manifest without what differs between any two runs (times, runner, output folder) and the
   * version, which is the jar's or "dev" in a test's JVM.
   */
  public static JsonNode counts(Path output) throws Exception {
    ObjectNode m =
        (ObjectNode) new ObjectMapper().readTree(output.resolve("_manifest.json").toFile());
    m.remove(List.of("start_time", "end_time", "runner", "pipeline_version"));
    ((ObjectNode) m.get("options")).remove("output");
    return m;
  }

  /**
   * A run that fails inside the pipeline on the runner (a target naming a district that is not in
   * the data is found only while the job runs) exits 1, prints one {@code error:} line naming the
   * file and line, and publishes nothing: the runner's wrapped exception is unwrapped, and the
   * staging folder is removed.
   */
  public static void assertFailureIsClean(Path work, String... runnerOptions) throws Exception {
    Path in = Files.createDirectories(work.resolve("in"));
    Files.writeString(
        in.resolve("enterprises.csv"),
        "enterprise_id,name,district,industry_code\nE1,Works,D1,2710\n");
    Files.writeString(
        in.resolve("sectors.csv"),
        "sector_id,sector_name,match_type,match_value\nM,M,INDUSTRY_PREFIX,27\n");
    Files.writeString(
        in.resolve("production.csv"),
        "enterprise_id,year,month,above_scale,output_value,value_added,revenue,employees\n"
            + "E1,2020,1,true,10,2,9,5\n");
    Files.writeString(
        in.resolve("targets.csv"),
        "indicator,sector_id,district,year,direction,ensure,strive\n"
            + "enterprise_count,,D1,2020,AT_LEAST,1,\n"
            + "enterprise_count,,NOWHERE,2020,AT_LEAST,1,\n");
    Path out = work.resolve("out");
    List<String> args = new ArrayList<>(List.of("--input=" + in, "--output=" + out));
    args.addAll(List.of(runnerOptions));
    PrintStream oldErr = System.err;
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int rc;
    try {
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      rc = RollupPipeline.run(args.toArray(new String[0]));
    } finally {
      System.setErr(oldErr);
    }
    String text = err.toString(StandardCharsets.UTF_8);
    oldErr.print(text);
    assertEquals(1, rc, text);
    assertEquals(
        List.of(
            "error: targets.csv: line 3, column district: 'NOWHERE' is not a district of"
                + " enterprises.csv or investment.csv; nothing was published"),
        text.lines().filter(l -> l.startsWith("error:")).toList());
    assertTrue(!Files.exists(out), "nothing published");
    try (Stream<Path> s = Files.list(work.resolve(".out.runs"))) {
      assertEquals(List.of(), s.toList(), "staging folder removed");
    }
  }
}
