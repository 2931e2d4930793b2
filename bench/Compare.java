import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Compares the summary and attainment tables (and the reject counts per file and reason) of two
 * rollup output folders, e.g. the pipeline's and the DuckDB baseline's.
 *
 * <pre>
 * java -cp duckdb_jdbc-2.0.0.1.jar bench/Compare.java A_DIR B_DIR [--labels=a,b]
 *     [--tolerance=1e-9] [--max=20]
 * </pre>
 *
 * <p>Rows are matched by key: summary (year, sector_id, district), attainment (year, indicator,
 * sector_id, district). Both tables must have the same keys (no duplicates), the same columns and
 * the same kind of type per column (integer, decimal of the same scale, double, text). Integers,
 * decimals and text must be equal exactly; doubles within the tolerance, relative to the larger
 * magnitude and absolute below 1: |a - b| <= tol * max(1, |a|, |b|). Null equals only null. When
 * both folders have a rejects table, the number of rejected rows per (source_file, reason) must
 * be equal too (line numbers are not compared: the baseline has them only for malformed rows).
 *
 * <p>Exit 0: equal. Exit 1: different, with a short report of the first differences of each
 * kind. Exit 2: bad command line or a table that cannot be read.
 */
public class Compare {

  static final Map<String, List<String>> KEYS =
      Map.of(
          "summary", List.of("year", "sector_id", "district"),
          "attainment", List.of("year", "indicator", "sector_id", "district"));

  public static void main(String[] args) throws Exception {
    List<String> dirs = new ArrayList<>();
    String[] labels = {"A", "B"};
    double tolerance = 1e-9;
    int max = 20;
    for (String a : args) {
      if (a.startsWith("--labels=")) {
        labels = a.substring(9).split(",", 2);
      } else if (a.startsWith("--tolerance=")) {
        tolerance = Double.parseDouble(a.substring(12));
      } else if (a.startsWith("--max=")) {
        max = Integer.parseInt(a.substring(6));
      } else if (a.startsWith("--")) {
        usage("unknown option " + a);
      } else {
        dirs.add(a);
      }
    }
    if (dirs.size() != 2 || labels.length != 2) {
      usage("two output folders expected");
    }
    Compare c = new Compare(dirs.get(0), dirs.get(1), labels, tolerance, max);
    int differences;
    try {
      differences = c.run();
    } catch (IllegalArgumentException | SQLException e) {
      System.err.println("compare: " + e.getMessage().lines().findFirst().orElse(""));
      System.exit(2);
      return;
    }
    System.out.println(
        differences == 0
            ? "compare: " + labels[0] + " and " + labels[1] + " are EQUAL"
            : "compare: " + labels[0] + " and " + labels[1] + " DIFFER");
    System.exit(differences == 0 ? 0 : 1);
  }

  static void usage(String problem) {
    System.err.println("compare: " + problem);
    System.err.println(
        "usage: java -cp duckdb_jdbc.jar bench/Compare.java A_DIR B_DIR [--labels=a,b]"
            + " [--tolerance=1e-9] [--max=20]");
    System.exit(2);
  }

  private final Path[] dirs;
  private final String[] labels;
  private final double tolerance;
  private final int max;
  private Connection db;

  Compare(String a, String b, String[] labels, double tolerance, int max) {
    this.dirs = new Path[] {Paths.get(a).toAbsolutePath(), Paths.get(b).toAbsolutePath()};
    this.labels = labels;
    this.tolerance = tolerance;
    this.max = max;
  }

  int run() throws SQLException {
    int differences = 0;
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:")) {
      db = c;
      for (String table : List.of("summary", "attainment")) {
        boolean[] has = {hasParquet(dirs[0], table), hasParquet(dirs[1], table)};
        if (!has[0] && !has[1]) {
          throw new IllegalArgumentException("neither folder has " + table + "/*.parquet");
        }
        if (!has[0] || !has[1]) {
          report(table, List.of((has[0] ? labels[1] : labels[0]) + " has no " + table + " table"));
          differences++;
          continue;
        }
        differences += compareTable(table);
      }
      if (hasParquet(dirs[0], "rejects") && hasParquet(dirs[1], "rejects")) {
        differences += compareRejects();
      }
    }
    return differences;
  }

  /** Compares one table of the two folders; returns the number of differences found. */
  int compareTable(String table) throws SQLException {
    String a = view("a_" + table, dirs[0], table);
    String b = view("b_" + table, dirs[1], table);
    Map<String, String> typesA = columnTypes(a);
    Map<String, String> typesB = columnTypes(b);
    List<String> key = KEYS.get(table);
    List<String> problems = new ArrayList<>();
    long total = 0;

    Set<String> columns = new LinkedHashSet<>(typesA.keySet());
    columns.addAll(typesB.keySet());
    List<String> values = new ArrayList<>();
    for (String col : columns) {
      String ta = typesA.get(col);
      String tb = typesB.get(col);
      if (ta == null || tb == null) {
        problems.add("column " + col + " only in " + (ta == null ? labels[1] : labels[0]));
        total++;
      } else if (!kind(ta).equals(kind(tb))) {
        problems.add(
            "column " + col + " has type " + ta + " in " + labels[0] + ", " + tb + " in " + labels[1]);
        total++;
      } else if (!key.contains(col)) {
        values.add(col);
      }
    }
    for (String k : key) {
      if (!typesA.containsKey(k) || !typesB.containsKey(k)) {
        report(table, problems);
        return (int) Math.max(1, total);
      }
    }

    String keyText =
        key.stream().map(k -> "CAST(" + k + " AS VARCHAR)").collect(Collectors.joining(" || '/' || "));
    String keyList = String.join(", ", key);
    for (String[] side : new String[][] {{a, labels[0]}, {b, labels[1]}}) {
      total += collect(problems, "duplicate key in " + side[1] + ": ",
          "SELECT " + keyText + " || ' (' || count(*) || ' rows)' FROM " + side[0]
              + " GROUP BY " + keyList + " HAVING count(*) > 1 ORDER BY 1");
    }
    total += collect(problems, "row only in " + labels[0] + ": ",
        "SELECT " + keyText + " FROM (SELECT " + keyList + " FROM " + a + " EXCEPT SELECT "
            + keyList + " FROM " + b + ") ORDER BY 1");
    total += collect(problems, "row only in " + labels[1] + ": ",
        "SELECT " + keyText + " FROM (SELECT " + keyList + " FROM " + b + " EXCEPT SELECT "
            + keyList + " FROM " + a + ") ORDER BY 1");

    String join = key.stream().map(k -> "x." + k + " = y." + k).collect(Collectors.joining(" AND "));
    String cell =
        key.stream().map(k -> "CAST(x." + k + " AS VARCHAR)").collect(Collectors.joining(" || '/' || "));
    List<String> perColumn = new ArrayList<>();
    for (String col : values) {
      String x = "x." + col;
      String y = "y." + col;
      String differ =
          kind(typesA.get(col)).equals("double")
              ? String.format(
                  "((%1$s IS NULL) <> (%2$s IS NULL) OR abs(%1$s - %2$s) > %3$s * greatest(1.0,"
                      + " abs(%1$s), abs(%2$s)))",
                  x, y, tolerance)
              : String.format("(%s IS DISTINCT FROM %s)", x, y);
      perColumn.add(
          String.format(
              "SELECT %s AS cell, '%s' AS col, CAST(%s AS VARCHAR) AS va, CAST(%s AS VARCHAR) AS vb"
                  + " FROM %s x JOIN %s y ON %s WHERE %s",
              cell, col, x, y, a, b, join, differ));
    }
    if (!perColumn.isEmpty()) {
      String all = String.join("\nUNION ALL\n", perColumn);
      total += collect(problems, "",
          "SELECT 'cell ' || cell || ' column ' || col || ': " + labels[0] + " ' || COALESCE(va,"
              + " 'NULL') || ', " + labels[1] + " ' || COALESCE(vb, 'NULL') FROM (" + all
              + ") ORDER BY cell, col");
    }
    long rows = count(a);
    if (total == 0) {
      System.out.printf(
          "compare: %-10s equal: %d rows, %d columns (%s = %s)%n",
          table, rows, columns.size(), labels[0], labels[1]);
    } else {
      report(table, problems);
      System.out.printf("compare: %-10s %d differences in all%n", table, total);
    }
    return (int) Math.min(Integer.MAX_VALUE, total);
  }

  /** Reject counts per (source_file, reason). */
  int compareRejects() throws SQLException {
    String a = view("a_rejects", dirs[0], "rejects");
    String b = view("b_rejects", dirs[1], "rejects");
    String counts = "SELECT source_file, reason, count(*) AS n FROM %s GROUP BY ALL";
    List<String> problems = new ArrayList<>();
    long total =
        collect(problems, "",
            "SELECT source_file || ' ' || reason || ': " + labels[0] + " ' || COALESCE(x.n, 0) || ', "
                + labels[1] + " ' || COALESCE(y.n, 0) FROM (" + String.format(counts, a)
                + ") x FULL JOIN (" + String.format(counts, b) + ") y USING (source_file, reason)"
                + " WHERE x.n IS DISTINCT FROM y.n ORDER BY 1");
    if (total == 0) {
      System.out.printf(
          "compare: %-10s equal: %d rejected rows, same count per file and reason%n",
          "rejects", count(a));
    } else {
      report("rejects (rows per file and reason)", problems);
    }
    return (int) total;
  }

  /** Runs a query of one text column; adds up to `max` rows to problems; returns the count. */
  long collect(List<String> problems, String prefix, String sql) throws SQLException {
    long n = 0;
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        if (n < max) {
          problems.add(prefix + rs.getString(1));
        }
        n++;
      }
    }
    if (n > max) {
      problems.add("... " + (n - max) + " more like this");
    }
    return n;
  }

  void report(String table, List<String> problems) {
    System.out.println("compare: " + table + " differs:");
    for (String p : problems) {
      System.out.println("  " + p);
    }
  }

  /** integer, decimal(scale), double, text or the type itself. */
  static String kind(String type) {
    String t = type.toUpperCase();
    if (t.matches("(TINYINT|SMALLINT|INTEGER|BIGINT|HUGEINT|UTINYINT|USMALLINT|UINTEGER|UBIGINT)")) {
      return "integer";
    }
    if (t.startsWith("DECIMAL")) {
      return "decimal scale " + t.replaceAll(".*,\\s*(\\d+)\\).*", "$1");
    }
    if (t.equals("DOUBLE") || t.equals("FLOAT")) {
      return "double";
    }
    if (t.equals("VARCHAR")) {
      return "text";
    }
    return t;
  }

  String view(String name, Path dir, String table) throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE OR REPLACE VIEW " + name + " AS SELECT * FROM read_parquet('"
              + dir.resolve(table).toString().replace("'", "''") + "/*.parquet')");
    }
    return name;
  }

  Map<String, String> columnTypes(String view) throws SQLException {
    Map<String, String> types = new LinkedHashMap<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("DESCRIBE SELECT * FROM " + view)) {
      while (rs.next()) {
        types.put(rs.getString("column_name"), rs.getString("column_type"));
      }
    }
    return types;
  }

  long count(String view) throws SQLException {
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery("SELECT count(*) FROM " + view)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static boolean hasParquet(Path dir, String table) {
    Path d = dir.resolve(table);
    if (!Files.isDirectory(d)) {
      return false;
    }
    try (Stream<Path> files = Files.list(d)) {
      return files.anyMatch(p -> p.getFileName().toString().endsWith(".parquet"));
    } catch (java.io.IOException e) {
      return false;
    }
  }
}
