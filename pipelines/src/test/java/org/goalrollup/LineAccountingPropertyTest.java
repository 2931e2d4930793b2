package org.goalrollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
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
import java.util.Random;
import java.util.TreeMap;
import org.goalrollup.hostile.HostileRun;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The line invariant on random input folders run whole: in every file every physical line is blank,
 * the header's, or a line of an accepted or a rejected record, with good rows, bad values,
 * revisions, identical and conflicting duplicates, unknown enterprises, well-formed multi-line
 * fields (accepted, or rejected for their values), stray quotes, blank lines, CRLF and a missing
 * final line break. Beyond the manifest's own sum, the physical lines are counted here over the
 * bytes and the rejected lines over the published rejects, so the accepted lines the resolution
 * steps counted are pinned down too.
 */
class LineAccountingPropertyTest {
  @TempDir Path dir;

  @ParameterizedTest(name = "seed {0}")
  @ValueSource(longs = {1, 2, 3})
  void everyLineIsAccountedFor(long seed) throws Exception {
    Random r = new Random(seed);
    Path in = Files.createDirectories(dir.resolve("in"));
    Map<String, List<String>> files = randomFolder(r);
    for (Map.Entry<String, List<String>> f : files.entrySet()) {
      Files.write(
          in.resolve(f.getKey()), spoil(r, f.getValue(), !f.getKey().equals("sectors.csv")));
    }
    Path out = dir.resolve("out");
    HostileRun.Result run = HostileRun.run(in, out, "--maxRejectRate=1");
    assertEquals(0, run.code(), run.console());

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
    Map<String, Long> rejectedLines = new TreeMap<>();
    Map<String, Long> rejectedRows = new TreeMap<>();
    for (String row :
        query(
            "select source_file, sum(line_count), count(*) from '"
                + out
                + "/rejects/*.parquet' group by all")) {
      String[] f = row.split("\\|");
      rejectedLines.put(f[0], Long.parseLong(f[1]));
      rejectedRows.put(f[0], Long.parseLong(f[2]));
    }
    int multiLine = 0;
    for (JsonNode i : manifest.get("inputs")) {
      String file = i.get("file").asText();
      long physical = i.get("physical_lines").asLong();
      long blank = i.get("blank_lines").asLong();
      long header = i.get("header_lines").asLong();
      long accepted = i.get("accepted_lines").asLong();
      long rejected = i.get("rejected_lines").asLong();
      String what = seed + " " + file + " " + i;
      assertEquals(physical, blank + header + accepted + rejected, what);
      assertEquals(countLines(Files.readAllBytes(in.resolve(file))), physical, what);
      assertEquals(rejectedLines.getOrDefault(file, 0L), rejected, what);
      assertEquals(rejectedRows.getOrDefault(file, 0L), i.get("rejected").asLong(), what);
      assertEquals(
          i.get("rows_read").asLong(),
          i.get("accepted").asLong() + i.get("rejected").asLong(),
          what);
      multiLine += accepted + rejected - i.get("rows_read").asLong() > 0 ? 1 : 0;
    }
    assertEquals(files.keySet().size(), manifest.get("inputs").size());
    assertTrue(multiLine >= 2, "files with records over several lines: " + multiLine);
  }

  // ---- Random folders ----

  private static final String[] DISTRICTS = {"石碶街道", "高桥镇", "D3"};
  private static final String[] CODES = {"3670", "2770", "39", "3982"};

  static Map<String, List<String>> randomFolder(Random r) {
    Map<String, List<String>> f = new TreeMap<>();
    List<String> ent = new ArrayList<>();
    ent.add(
        "enterprise_id,name,district,industry_code,high_tech_from,high_tech_to,rd_center_level,"
            + "revision");
    for (int i = 1; i <= 8; i++) {
      String row =
          "E"
              + i
              + ","
              + name(r)
              + ","
              + pick(r, DISTRICTS)
              + ","
              + pick(r, CODES)
              + ","
              + (r.nextBoolean() ? "2019-01-01" : "")
              + ",,"
              + pick(r, new String[] {"", "NONE", "PROVINCIAL"})
              + ",";
      ent.add(row);
      variants(r, ent, row);
    }
    ent.add("E9,bad date,D3,3670,2019-02-30,,,");
    f.put("enterprises.csv", ent);

    List<String> prod = new ArrayList<>();
    prod.add(
        "enterprise_id,year,month,above_scale,output_value,value_added,revenue,employees,revision");
    for (int k = 0; k < 60; k++) {
      String id = "E" + (1 + r.nextInt(10)); // E10 is in no register
      String row =
          id
              + ","
              + (2019 + r.nextInt(2))
              + ","
              + (1 + r.nextInt(r.nextInt(20) == 0 ? 13 : 12))
              + ","
              + (r.nextBoolean() ? "true" : "N")
              + ","
              + amount(r)
              + ","
              + amount(r)
              + ","
              + (r.nextInt(15) == 0 ? "-1" : amount(r))
              + ","
              + r.nextInt(300)
              + ",";
      prod.add(row);
      variants(r, prod, row);
    }
    f.put("production.csv", prod);

    List<String> rd = new ArrayList<>(List.of("enterprise_id,year,rd_expenditure,rd_personnel"));
    for (int k = 0; k < 10; k++) {
      rd.add(
          "E"
              + (1 + r.nextInt(10))
              + ","
              + (2019 + r.nextInt(2))
              + ","
              + amount(r)
              + ","
              + r.nextInt(40));
    }
    f.put("rd.csv", rd);

    List<String> ms = new ArrayList<>(List.of("year,kind,enterprise_id,title,date"));
    for (int k = 0; k < 8; k++) {
      String who = r.nextInt(3) == 0 ? "" : "E" + (1 + r.nextInt(10));
      ms.add("2020,SMART_FACTORY," + who + "," + name(r) + ",2020-0" + (1 + r.nextInt(9)) + "-15");
    }
    f.put("milestones.csv", ms);

    List<String> inv = new ArrayList<>();
    inv.add(
        "project_id,enterprise_id,district,industry_code,year,month,category,high_tech,"
            + "tech_renovation,planned_total,completed,revision");
    for (int k = 0; k < 20; k++) {
      String who = r.nextInt(3) == 0 ? "" : "E" + (1 + r.nextInt(10));
      String row =
          "P"
              + r.nextInt(6)
              + ","
              + who
              + ","
              + pick(r, DISTRICTS)
              + ","
              + pick(r, CODES)
              + ",2020,"
              + (1 + r.nextInt(12))
              + ","
              + pick(r, new String[] {"INDUSTRIAL", "OTHER", "其他"})
              + ",true,false,6000,"
              + amount(r)
              + ",";
      inv.add(row);
      variants(r, inv, row);
    }
    f.put("investment.csv", inv);

    List<String> reg =
        new ArrayList<>(List.of("district,year,gdp,va_price_index,other_rd_expenditure,revision"));
    for (String d : new String[] {"ALL", "石碶街道", "高桥镇"}) {
      String row = d + ",2020," + (10000 + r.nextInt(9000)) + ",101.5,20,";
      reg.add(row);
      variants(r, reg, row);
    }
    f.put("region.csv", reg);

    f.put(
        "sectors.csv",
        List.of("sector_id,sector_name,match_type,match_value", "AUTO,汽车,INDUSTRY_PREFIX,36"));
    return f;
  }

  /**
   * Sometimes adds after {@code row} (whose last field, the revision, is empty): a higher revision
   * of it (superseding it), an identical copy (collapsed), or a row of the same key at revision 0
   * with another value (both conflicting).
   */
  private static void variants(Random r, List<String> rows, String row) {
    switch (r.nextInt(8)) {
      case 0 -> rows.add(row.substring(0, row.length() - 1) + "1");
      case 1 -> rows.add(row);
      case 2 -> rows.add(conflicting(row));
      default -> {}
    }
  }

  /** The row with its last value before the revision changed: same key, other values. */
  private static String conflicting(String row) {
    String body = row.substring(0, row.length() - 1); // without the empty revision
    int cut = body.lastIndexOf(',');
    return body.substring(0, cut + 1) + "7" + body.substring(cut + 1) + ",";
  }

  /** A name, sometimes quoted with a comma, a doubled quote or a line break in it. */
  private static String name(Random r) {
    return switch (r.nextInt(6)) {
      case 0 -> "\"宁波,甬上\"";
      case 1 -> "\"第一行\n第二行\"";
      case 2 -> "\"say \"\"hi\"\"\"";
      default -> "宁波华盛" + r.nextInt(99);
    };
  }

  /** An amount, sometimes quoted over two lines (a record rejected for its value). */
  private static String amount(Random r) {
    return r.nextInt(25) == 0 ? "\"1\n2\"" : r.nextInt(1000) + "." + r.nextInt(10);
  }

  private static String pick(Random r, String[] values) {
    return values[r.nextInt(values.length)];
  }

  /**
   * The file's bytes: lines joined by LF or CRLF, blank lines and, if {@code spoilRows}, stray
   * quotes put into a few data lines; sometimes no final line break.
   */
  static byte[] spoil(Random r, List<String> lines, boolean spoilRows) {
    List<String> out = new ArrayList<>(lines);
    if (spoilRows) {
      for (int k = r.nextInt(4); k > 0; k--) {
        int at = 1 + r.nextInt(out.size() - 1);
        String l = out.get(at);
        int pos = r.nextInt(l.length() + 1);
        out.set(at, l.substring(0, pos) + '"' + l.substring(pos));
      }
      for (int k = r.nextInt(3); k > 0; k--) {
        out.add(1 + r.nextInt(out.size()), "");
      }
    }
    String text = String.join("\n", out);
    if (r.nextInt(3) > 0) {
      text += "\n";
    }
    if (r.nextBoolean()) {
      text = text.replace("\n", "\r\n"); // also inside quoted fields
    }
    return text.getBytes(StandardCharsets.UTF_8);
  }

  /** Line terminators (LF, CRLF, lone CR) plus a last line without one. */
  static long countLines(byte[] bytes) {
    long n = 0;
    for (int i = 0; i < bytes.length; i++) {
      if (bytes[i] == '\r' || (bytes[i] == '\n' && (i == 0 || bytes[i - 1] != '\r'))) {
        n++;
      }
    }
    int last = bytes.length - 1;
    return n + (last >= 0 && bytes[last] != '\n' && bytes[last] != '\r' ? 1 : 0);
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
}
