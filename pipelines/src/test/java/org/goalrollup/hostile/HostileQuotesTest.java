package org.goalrollup.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.Charset;
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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.goalrollup.output.LineAccount;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19, items 1 and 2 as a user meets them: stray and unterminated quotes, quotes closing far
 * away, a well-formed multi-line field, GB18030, and one broken record over many lines against the
 * reject gate, each on a copy of the shipped sample run whole. A case that publishes states the
 * rejects it adds to those of the clean sample and the line accounting of the files it spoils
 * (every other file must keep the clean sample's); every published manifest's lines must add up and
 * match the lines counted here. A case that fails states its one error line, and the clean sample's
 * output must still be published byte for byte.
 *
 * <p>What the counts rest on (testdata/README.md): production.csv has 7069 lines, the header, one
 * blank line (3511) and 7067 data lines, 9 of them deliberately bad (1434, 2110, 3510, 4426, 4687,
 * 4729, 4730, 5744, 5919); enterprises.csv has 303 lines, the header and 302 rows, 2 bad (152,
 * 264); milestones.csv has 18 lines and no bad row; it has no quote but on line 8, production.csv
 * none but on line 1434, enterprises.csv on 11 lines (14 to 255).
 */
class HostileQuotesTest {
  @TempDir static Path dir;

  /** Where the clean sample is published: failing cases run against it. */
  static Path published;

  static Map<String, byte[]> cleanOutput;
  static JsonNode cleanManifest;
  static List<String> cleanRejects;

  @BeforeAll
  static void publishTheCleanSample() throws Exception {
    published = dir.resolve("published");
    HostileRun.Result r = HostileRun.run(HostileRun.copyOfSample(dir.resolve("clean")), published);
    assertEquals(0, r.code(), r.console());
    cleanOutput = HostileRun.snapshot(published);
    cleanManifest = manifest(published);
    cleanRejects = rejects(published);
    assertEquals(14, cleanRejects.size(), "the sample's deliberate bad rows");
    assertEquals(
        new LineAccount(7069, 1, 1, 7058, 9), lines(cleanManifest, "production.csv"), "clean");
  }

  /** A change to a copy of the sample's folder. */
  interface Spoil {
    void apply(Path input) throws IOException;
  }

  /** What a case expects of a run that publishes, given the spoiled input folder. */
  interface Published {
    void check(Path input, Path output, HostileRun.Result run) throws Exception;
  }

  record Case(Spoil spoil, List<String> options, int code, String error, Published published) {}

  static Stream<Arguments> cases() {
    return Stream.of(
        named(
            "stray and unterminated quotes in production.csv cost their own lines",
            new Case(
                in -> {
                  // line 2357 is the issue's: a quote typed before the output value, closed by
                  // nothing within the 100 lines a record may cover; lines 10 and 20 get one each:
                  // 20's closes 10's and
                  // is followed by text; the last line's quote is never closed
                  for (int line : new int[] {10, 20, 2357, 7069}) {
                    quoteField(in.resolve("production.csv"), line, 4, StandardCharsets.UTF_8);
                  }
                },
                List.of(),
                0,
                null,
                (in, out, run) -> {
                  Path p = in.resolve("production.csv");
                  assertRejects(
                      out,
                      List.of(
                          malformed(p, 10, "runs on to line 20, where there is text after a"),
                          malformed(p, 20, "runs on to line 120, past the 100 lines"),
                          malformed(p, 2357, "runs on to line 2457, past the 100 lines"),
                          malformed(p, 7069, "is never closed")));
                  // 7067 data lines: the 9 bad ones and these 4 rejected
                  assertLines(out, Map.of("production.csv", new LineAccount(7069, 1, 1, 7054, 13)));
                  assertEquals(
                      7067, inputOf(manifest(out), "production.csv").get("rows_read").asLong());
                  assertEquals("[2019,2020]", manifest(out).get("computed_years").toString());
                })),
        named(
            "well-formed multi-line fields stay one record, and all their lines count",
            new Case(
                in -> {
                  // the register's last row (303) and a milestone without an enterprise (line 6)
                  // get a quoted line break in their name and title
                  breakQuotedField(in.resolve("enterprises.csv"), 303, 2, 6);
                  breakQuotedField(in.resolve("milestones.csv"), 6, 3, 2);
                },
                List.of(),
                0,
                null,
                (in, out, run) -> {
                  assertRejects(out, List.of());
                  assertLines(
                      out,
                      Map.of(
                          "enterprises.csv", new LineAccount(304, 0, 1, 301, 2),
                          "milestones.csv", new LineAccount(19, 0, 1, 18, 0)));
                  JsonNode m = manifest(out);
                  assertEquals(302, inputOf(m, "enterprises.csv").get("rows_read").asLong());
                  assertEquals(17, inputOf(m, "milestones.csv").get("rows_read").asLong());
                })),
        named(
            "GB18030: a quote closing 64 lines later costs its line, and the rows naming that"
                + " enterprise become rejected lines of their own file",
            new Case(
                in -> {
                  toGb18030(in);
                  // E0190's district opens a quote that the quote before E0254's name (line 255)
                  // closes; text follows it, so line 191 alone is broken
                  quoteField(in.resolve("enterprises.csv"), 191, 4, Charset.forName("GB18030"));
                },
                List.of("--charset=GB18030"),
                0,
                null,
                (in, out, run) -> {
                  Charset gb = Charset.forName("GB18030");
                  List<String> added = new ArrayList<>();
                  added.add(
                      malformed(
                          in.resolve("enterprises.csv"),
                          191,
                          "runs on to line 255, where there is text after a",
                          gb));
                  // every production row of E0190 (24, one per month) names a rejected enterprise
                  List<String> production = Files.readAllLines(in.resolve("production.csv"), gb);
                  for (int i = 0; i < production.size(); i++) {
                    if (production.get(i).startsWith("E0190,")) {
                      added.add(
                          "production.csv|"
                              + (i + 1)
                              + "|UNKNOWN_ENTERPRISE|1|"
                              + production.get(i));
                    }
                  }
                  assertEquals(25, added.size());
                  assertRejects(out, added);
                  assertLines(
                      out,
                      Map.of(
                          "enterprises.csv", new LineAccount(303, 0, 1, 299, 3),
                          "production.csv", new LineAccount(7069, 1, 1, 7034, 33)));
                })),
        named(
            "one broken record over 81 lines cannot hide them from --maxRejectRate",
            new Case(
                in -> {
                  // line 100 opens a quote before its output value, line 180 closes it after its
                  // own: 4 + 1 + 4 fields, the header's 9, so lines 100-180 are one record,
                  // rejected for its output value. 9 + 81 = 90 of 7067 data lines (1.27%) are
                  // rejected, in 10 rows (0.14%, which a gate on rows would let through).
                  Path p = in.resolve("production.csv");
                  quoteField(p, 100, 4, StandardCharsets.UTF_8);
                  List<String> lines = Files.readAllLines(p, StandardCharsets.UTF_8);
                  String line180 = lines.get(179);
                  int cut = nthComma(line180, 5);
                  lines.set(179, line180.substring(0, cut) + '"' + line180.substring(cut));
                  Files.write(p, lines, StandardCharsets.UTF_8);
                },
                List.of("--maxRejectRate=0.01"),
                1,
                "error: production.csv: 1.27% of its 7067 data lines were rejected (90 lines in 10"
                    + " rows), over --maxRejectRate=0.01 (",
                null)),
        named(
            "a stray quote in a header fails the run naming the file and line",
            new Case(
                in -> quoteField(in.resolve("production.csv"), 1, 2, StandardCharsets.UTF_8),
                List.of(),
                1,
                "error: production.csv: line 1: header is malformed: a quoted field opened on this"
                    + " line runs on to line 101, past the 100 lines a record may cover",
                null)));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void hostileInput(Case c) throws Exception {
    Path in = HostileRun.copyOfSample(Files.createTempDirectory(dir, "in"));
    c.spoil().apply(in);
    Path out = c.code() == 0 ? Files.createTempDirectory(dir, "out").resolve("out") : published;
    HostileRun.Result run = HostileRun.run(in, out, c.options().toArray(new String[0]));
    assertEquals(c.code(), run.code(), run.console());
    if (c.code() != 0) {
      List<String> errors = run.errorLines();
      assertEquals(1, errors.size(), run.console());
      String error = errors.get(0);
      if (c.error().endsWith("(")) {
        // the reasons in brackets are another item's business; what is before them is ours
        assertTrue(error.startsWith(c.error()), error);
        assertTrue(error.endsWith("); nothing was published"), error);
      } else {
        assertEquals(c.error(), error);
      }
      HostileRun.assertStillPublished(cleanOutput, published);
      return;
    }
    assertEquals(List.of(), run.errorLines(), run.console());
    assertEveryInputsLinesAddUp(in, out, c.options().contains("--charset=GB18030"));
    c.published().check(in, out, run);
  }

  // ---- Spoiling ----

  /** Puts a double quote at the start of field {@code field} (0-based) of a line. */
  static void quoteField(Path file, int line, int field, Charset cs) throws IOException {
    List<String> lines = Files.readAllLines(file, cs);
    String l = lines.get(line - 1);
    int at = field == 0 ? (l.startsWith("\uFEFF") ? 1 : 0) : nthComma(l, field) + 1;
    lines.set(line - 1, l.substring(0, at) + '"' + l.substring(at));
    Files.write(file, lines, cs);
  }

  /**
   * Quotes field {@code field} of a line (which must hold no comma or quote) and puts a line break
   * after its first {@code at} characters.
   */
  static void breakQuotedField(Path file, int line, int field, int at) throws IOException {
    List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    String l = lines.get(line - 1);
    int start = nthComma(l, field) + 1;
    int end = nthComma(l, field + 1);
    String value = l.substring(start, end);
    lines.set(
        line - 1,
        l.substring(0, start)
            + '"'
            + value.substring(0, at)
            + "\n"
            + value.substring(at)
            + '"'
            + l.substring(end));
    Files.write(file, lines, StandardCharsets.UTF_8);
  }

  /** Every CSV of the folder, from UTF-8 to GB18030. */
  static void toGb18030(Path in) throws IOException {
    try (Stream<Path> files = Files.list(in)) {
      for (Path f : files.filter(f -> f.toString().endsWith(".csv")).toList()) {
        Files.writeString(
            f, Files.readString(f, StandardCharsets.UTF_8), Charset.forName("GB18030"));
      }
    }
  }

  /** The index of the {@code n}-th comma (1-based) of a line. */
  static int nthComma(String line, int n) {
    int at = -1;
    for (int k = 0; k < n; k++) {
      at = line.indexOf(',', at + 1);
    }
    return at;
  }

  // ---- Expectations ----

  /** The reject of a line broken after it: its reason as the reader words it, its raw text. */
  static String malformed(Path file, int line, String reason) throws IOException {
    return malformed(file, line, reason, StandardCharsets.UTF_8);
  }

  static String malformed(Path file, int line, String reason, Charset cs) throws IOException {
    String raw = Files.readAllLines(file, cs).get(line - 1);
    return file.getFileName()
        + "|"
        + line
        + "|MALFORMED_ROW|1|"
        + raw
        + "|row: a quoted field opened on this line "
        + reason;
  }

  /**
   * The rejects are the clean sample's and {@code added}, nothing else. An expected reject names
   * file, line, reason, line count and raw text, and may name the beginning of its detail.
   */
  static void assertRejects(Path out, List<String> added) throws Exception {
    List<String> now = rejects(out);
    List<String> rest = new ArrayList<>(now);
    for (String a : added) {
      String prefix = a.contains("|row: ") ? a : a + "|";
      String found = rest.stream().filter(r -> r.startsWith(prefix)).findFirst().orElse(null);
      assertTrue(found != null, "expected reject " + a + " in\n" + String.join("\n", now));
      rest.remove(found);
    }
    assertEquals(new TreeSet<>(cleanRejects), new TreeSet<>(rest), "the other rejects");
    assertEquals(cleanRejects.size(), rest.size(), "the other rejects");
  }

  /** The spoiled files have these lines; every other file has the clean sample's. */
  static void assertLines(Path out, Map<String, LineAccount> spoiled) throws IOException {
    JsonNode m = manifest(out);
    for (JsonNode input : m.get("inputs")) {
      String file = input.get("file").asText();
      LineAccount expected =
          spoiled.containsKey(file) ? spoiled.get(file) : lines(cleanManifest, file);
      assertEquals(expected, lines(m, file), file);
    }
  }

  /**
   * In every manifest entry the lines add up, the physical lines are those counted here over the
   * bytes, and the rejected lines are those of the file's rejects.
   */
  static void assertEveryInputsLinesAddUp(Path in, Path out, boolean gb18030) throws Exception {
    JsonNode m = manifest(out);
    Map<String, Long> rejectedLines = new TreeMap<>();
    for (String r :
        query(
            "select source_file, sum(line_count) from '"
                + out
                + "/rejects/*.parquet' group by all")) {
      rejectedLines.put(r.split("\\|")[0], Long.parseLong(r.split("\\|")[1]));
    }
    assertTrue(m.get("inputs").size() >= 8, m.toString());
    for (JsonNode input : m.get("inputs")) {
      String file = input.get("file").asText();
      LineAccount lines = lines(m, file);
      assertTrue(lines.addsUp(), file + " " + lines);
      assertEquals(
          countLines(Files.readAllBytes(in.resolve(file)), gb18030), lines.physical(), file);
      assertEquals(rejectedLines.getOrDefault(file, 0L), lines.rejected(), file);
    }
  }

  /** Line terminators (LF, CRLF, lone CR) plus a last line without one; a BOM is no line. */
  static long countLines(byte[] bytes, boolean gb18030) {
    int from = 0;
    if (!gb18030 && bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF) {
      from = 3;
    } else if (gb18030 && bytes.length >= 4 && (bytes[0] & 0xFF) == 0x84 && bytes[1] == 0x31) {
      from = 4;
    }
    long n = 0;
    for (int i = from; i < bytes.length; i++) {
      if (bytes[i] == '\r' || (bytes[i] == '\n' && (i == from || bytes[i - 1] != '\r'))) {
        n++;
      }
    }
    return n
        + (bytes.length > from && bytes[bytes.length - 1] != '\n' && bytes[bytes.length - 1] != '\r'
            ? 1
            : 0);
  }

  // ---- Reading the output ----

  static JsonNode manifest(Path out) throws IOException {
    return new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
  }

  static JsonNode inputOf(JsonNode manifest, String file) {
    for (JsonNode i : manifest.get("inputs")) {
      if (i.get("file").asText().equals(file)) {
        return i;
      }
    }
    throw new AssertionError(file + " not in the manifest");
  }

  static LineAccount lines(JsonNode manifest, String file) {
    JsonNode i = inputOf(manifest, file);
    return new LineAccount(
        i.get("physical_lines").asLong(),
        i.get("blank_lines").asLong(),
        i.get("header_lines").asLong(),
        i.get("accepted_lines").asLong(),
        i.get("rejected_lines").asLong());
  }

  /** file|line|reason|line_count|raw|detail of every reject, in the published order. */
  static List<String> rejects(Path out) throws Exception {
    return query(
        "select source_file, line_number, reason, line_count, raw, detail from '"
            + out
            + "/rejects/*.parquet'");
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

  private static Arguments named(String name, Case c) {
    return Arguments.of(Named.of(name, c));
  }
}
