import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The DuckDB baseline of the benchmark: runs {@code bench/baseline.sql} (the contract as DuckDB
 * SQL) over a folder of contract CSV inputs and publishes OUTPUT/summary, OUTPUT/attainment and
 * OUTPUT/rejects as Parquet, then OUTPUT/_SUCCESS.
 *
 * <pre>
 * java -cp duckdb_jdbc-2.0.0.1.jar bench/DuckDbBaseline.java --input=DIR --output=DIR
 *     [--year=YYYY | --asOf=YYYY-MM] [--targets=FILE] [--majorProjectThreshold=5000]
 *     [--maxRejectRate=0.05] [--threads=N] [--memoryLimit=4GB] [--sql=bench/baseline.sql]
 *     [--profile]
 * </pre>
 *
 * <p>Like the rollup: exit 0 published, 1 the run failed (a missing file or column, a bad sectors
 * or targets file, a reject share over --maxRejectRate), 2 bad command line. The output is built
 * in a staging folder beside OUTPUT and moved into place at the end. {@code --profile} prints the
 * time of every SQL statement.
 */
public class DuckDbBaseline {

  /** Contract files, their required columns, and every contract column (for absent files). */
  static final Map<String, String[][]> FILES = new LinkedHashMap<>();

  static {
    FILES.put(
        "enterprises.csv",
        new String[][] {
          {"enterprise_id", "name", "district", "industry_code"},
          {"high_tech_from", "high_tech_to", "rd_center_level"}
        });
    FILES.put(
        "sectors.csv",
        new String[][] {{"sector_id", "sector_name", "match_type", "match_value"}, {}});
    FILES.put(
        "production.csv",
        new String[][] {
          {
            "enterprise_id", "year", "month", "above_scale", "output_value", "value_added",
            "revenue", "employees"
          },
          {}
        });
    FILES.put(
        "investment.csv",
        new String[][] {
          {
            "project_id", "district", "industry_code", "year", "month", "category", "high_tech",
            "tech_renovation", "planned_total", "completed"
          },
          {"enterprise_id"}
        });
    FILES.put(
        "rd.csv",
        new String[][] {{"enterprise_id", "year", "rd_expenditure", "rd_personnel"}, {}});
    FILES.put(
        "region.csv",
        new String[][] {{"district", "year", "gdp"}, {"va_price_index", "other_rd_expenditure"}});
    FILES.put(
        "milestones.csv",
        new String[][] {{"year", "kind", "title", "date"}, {"enterprise_id"}});
    FILES.put(
        "targets.csv",
        new String[][] {
          {"indicator", "sector_id", "district", "year", "direction"}, {"ensure", "strive"}
        });
  }

  static final List<String> REQUIRED_FILES =
      List.of("enterprises.csv", "sectors.csv", "production.csv");

  /** A failure that ends the run with exit code 1 and one message line. */
  static final class RunFailed extends Exception {
    RunFailed(String message) {
      super(message);
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opt = new LinkedHashMap<>();
    for (String a : args) {
      if (a.equals("--profile")) {
        opt.put("profile", "true");
        continue;
      }
      int eq = a.indexOf('=');
      if (!a.startsWith("--") || eq < 0) {
        usage("bad argument " + a);
      }
      String name = a.substring(2, eq);
      if (!List.of(
              "input", "output", "year", "asOf", "targets", "majorProjectThreshold",
              "maxRejectRate", "threads", "memoryLimit", "sql")
          .contains(name)) {
        usage("unknown option --" + name);
      }
      opt.put(name, a.substring(eq + 1));
    }
    if (!opt.containsKey("input") || !opt.containsKey("output")) {
      usage("--input and --output are required");
    }
    if (opt.containsKey("year") && opt.containsKey("asOf")) {
      usage("give --year or --asOf, not both");
    }
    String periodYear = "NULL";
    int periodMonth = 12;
    try {
      if (opt.containsKey("year")) {
        periodYear = Integer.toString(Integer.parseInt(opt.get("year")));
      } else if (opt.containsKey("asOf")) {
        String[] ym = opt.get("asOf").split("-");
        periodYear = Integer.toString(Integer.parseInt(ym[0]));
        periodMonth = Integer.parseInt(ym[1]);
        if (ym.length != 2 || periodMonth < 1 || periodMonth > 12) {
          throw new NumberFormatException();
        }
      }
      Double.parseDouble(opt.getOrDefault("maxRejectRate", "0.05"));
      Long.parseLong(opt.getOrDefault("majorProjectThreshold", "5000"));
      if (opt.containsKey("threads")) {
        Integer.parseInt(opt.get("threads"));
      }
    } catch (RuntimeException e) {
      usage("bad number in --year, --asOf (YYYY-MM), --threads or a threshold");
    }

    long t0 = System.nanoTime();
    Path input = Paths.get(opt.get("input")).toAbsolutePath();
    Path output = Paths.get(opt.get("output")).toAbsolutePath().normalize();
    Path staging =
        output.resolveSibling("." + output.getFileName() + ".duckdb-" + ProcessHandle.current().pid());
    try {
      Files.createDirectories(staging);
      run(opt, input, staging, periodYear, periodMonth);
      Files.write(staging.resolve("_SUCCESS"), new byte[0]);
      publish(staging, output);
      System.out.printf(
          "duckdb-baseline: published %s in %.1f s%n", output, (System.nanoTime() - t0) / 1e9);
    } catch (RunFailed e) {
      System.err.println("error: " + e.getMessage());
      deleteTree(staging);
      System.exit(1);
    } catch (SQLException | IOException | UncheckedIOException e) {
      System.err.println("error: " + e.getMessage().lines().findFirst().orElse(""));
      e.printStackTrace();
      deleteTree(staging);
      System.exit(1);
    }
  }

  static void usage(String problem) {
    System.err.println("error: " + problem);
    System.err.println(
        "usage: java -cp duckdb_jdbc.jar bench/DuckDbBaseline.java --input=DIR --output=DIR"
            + " [--year=YYYY | --asOf=YYYY-MM] [--targets=FILE] [--majorProjectThreshold=5000]"
            + " [--maxRejectRate=0.05] [--threads=N] [--memoryLimit=SIZE] [--sql=FILE] [--profile]");
    System.exit(2);
  }

  static void run(
      Map<String, String> opt, Path input, Path staging, String periodYear, int periodMonth)
      throws IOException, SQLException, RunFailed {
    for (String table : List.of("summary", "attainment", "rejects")) {
      Files.createDirectories(staging.resolve(table));
    }
    Map<String, String> params = new LinkedHashMap<>();
    Path placeholders = Files.createTempDirectory("duckdb-baseline-inputs");
    try {
      runIn(opt, input, staging, periodYear, periodMonth, params, placeholders);
    } finally {
      deleteTree(placeholders);
    }
  }

  static void runIn(
      Map<String, String> opt,
      Path input,
      Path staging,
      String periodYear,
      int periodMonth,
      Map<String, String> params,
      Path placeholders)
      throws IOException, SQLException, RunFailed {
    for (Map.Entry<String, String[][]> f : FILES.entrySet()) {
      String name = f.getKey();
      Path path = input.resolve(name);
      if (name.equals("targets.csv") && opt.containsKey("targets")) {
        path = Paths.get(opt.get("targets")).toAbsolutePath();
      }
      if (!Files.isRegularFile(path)) {
        if (REQUIRED_FILES.contains(name) || opt.containsKey("targets") && name.equals("targets.csv")) {
          throw new RunFailed(path + ": required file missing");
        }
        // An absent optional file reads as a header-only file.
        path = placeholders.resolve(name);
        List<String> columns = new ArrayList<>(List.of(f.getValue()[0]));
        columns.addAll(List.of(f.getValue()[1]));
        Files.write(path, (String.join(",", columns) + "\n").getBytes(StandardCharsets.UTF_8));
      } else {
        checkHeader(path, f.getValue()[0]);
      }
      params.put(name.replace(".csv", "_csv"), sqlString(path));
    }
    params.put("output_dir", sqlPath(staging));
    params.put("period_year", periodYear);
    params.put("period_month", Integer.toString(periodMonth));
    params.put("major_project_threshold", opt.getOrDefault("majorProjectThreshold", "5000"));
    params.put("max_reject_rate", opt.getOrDefault("maxRejectRate", "0.05"));

    String script = substitute(Files.readString(findSql(opt), StandardCharsets.UTF_8), params);
    int publishAt = script.indexOf("-- @publish");
    if (publishAt < 0) {
      throw new IllegalStateException("baseline.sql has no '-- @publish' line");
    }
    boolean profile = opt.containsKey("profile");
    try (Connection db = DriverManager.getConnection("jdbc:duckdb:")) {
      try (Statement st = db.createStatement()) {
        if (opt.containsKey("threads")) {
          st.execute("SET threads = " + Integer.parseInt(opt.get("threads")));
        }
        if (opt.containsKey("memoryLimit")) {
          st.execute("SET memory_limit = " + sqlString(opt.get("memoryLimit")));
        }
      }
      execute(db, script.substring(0, publishAt), profile);
      List<String> failures = strings(db, "SELECT failure FROM run_failures ORDER BY ALL");
      if (!failures.isEmpty()) {
        throw new RunFailed(
            failures.get(0)
                + (failures.size() > 1 ? " (and " + (failures.size() - 1) + " more)" : ""));
      }
      execute(db, script.substring(publishAt), profile);
      System.out.println("duckdb-baseline: input            read  rejected");
      for (String row :
          strings(
              db,
              "SELECT printf('%-16s %10d %9d', source_file, rows_read, rejected) FROM file_counts")) {
        System.out.println("duckdb-baseline:   " + row);
      }
      System.out.println(
          "duckdb-baseline: rows written: "
              + String.join(
                  ", ",
                  strings(
                      db,
                      "SELECT 'summary=' || (SELECT count(*) FROM summary) || ', attainment='"
                          + " || (SELECT count(*) FROM attainment) || ', rejects='"
                          + " || (SELECT count(*) FROM rejects)")));
    }
  }

  /** Fails the run unless the header (first line, BOM ignored) names every required column. */
  static void checkHeader(Path file, String[] required) throws IOException, RunFailed {
    String first;
    try (Stream<String> lines = Files.lines(file, StandardCharsets.UTF_8)) {
      first = lines.findFirst().orElse("");
    }
    if (first.startsWith("\uFEFF")) {
      first = first.substring(1);
    }
    List<String> header = new ArrayList<>();
    for (String h : first.split(",", -1)) {
      header.add(h.length() >= 2 && h.startsWith("\"") && h.endsWith("\"")
          ? h.substring(1, h.length() - 1).replace("\"\"", "\"")
          : h);
    }
    for (String column : required) {
      if (!header.contains(column)) {
        throw new RunFailed(file + " line 1: required column " + column + " missing");
      }
    }
  }

  /** The SQL script: --sql, else bench/baseline.sql or baseline.sql from the working folder. */
  static Path findSql(Map<String, String> opt) throws RunFailed {
    if (opt.containsKey("sql")) {
      return Paths.get(opt.get("sql"));
    }
    for (String candidate : List.of("bench/baseline.sql", "baseline.sql", "../bench/baseline.sql")) {
      if (Files.isRegularFile(Paths.get(candidate))) {
        return Paths.get(candidate);
      }
    }
    throw new RunFailed("baseline.sql not found: run from the project folder or give --sql=FILE");
  }

  static String substitute(String script, Map<String, String> params) {
    String text = script;
    for (Map.Entry<String, String> p : params.entrySet()) {
      text = text.replace("${" + p.getKey() + "}", p.getValue());
    }
    int open = text.indexOf("${");
    if (open >= 0) {
      throw new IllegalStateException(
          "unreplaced parameter " + text.substring(open, Math.min(text.length(), open + 40)));
    }
    return text;
  }

  /** Runs statements that end with ';' at the end of a line; comment lines are dropped. */
  static void execute(Connection db, String script, boolean profile) throws SQLException {
    StringBuilder code = new StringBuilder();
    for (String line : script.split("\\r?\\n")) {
      if (!line.trim().startsWith("--")) {
        code.append(line).append('\n');
      }
    }
    for (String statement : code.toString().split(";[ \\t]*\\n")) {
      String sql = statement.trim();
      if (sql.isEmpty()) {
        continue;
      }
      long t = System.nanoTime();
      try (Statement st = db.createStatement()) {
        st.execute(sql);
      } catch (SQLException e) {
        throw new SQLException("baseline.sql failed: " + e.getMessage() + "\nin statement:\n" + sql, e);
      }
      if (profile) {
        System.out.printf(
            "duckdb-baseline: %7.3f s  %s%n",
            (System.nanoTime() - t) / 1e9, sql.lines().findFirst().orElse(""));
      }
    }
  }

  static List<String> strings(Connection db, String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Replaces OUTPUT by the staging folder: the old output is moved aside, then deleted. */
  static void publish(Path staging, Path output) throws IOException {
    Path old = null;
    if (Files.exists(output, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      old = output.resolveSibling("." + output.getFileName() + ".old-" + ProcessHandle.current().pid());
      Files.move(output, old);
    }
    try {
      Files.move(staging, output, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(staging, output);
    }
    if (old != null) {
      deleteTree(old);
    }
  }

  static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      System.err.println("warning: could not delete " + dir + ": " + e.getMessage());
    }
  }

  static String sqlPath(Path p) {
    return p.toAbsolutePath().toString().replace('\\', '/').replace("'", "''");
  }

  static String sqlString(Path p) {
    return "'" + sqlPath(p) + "'";
  }

  static String sqlString(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
