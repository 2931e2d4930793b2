package org.goalrollup.output.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.util.HadoopOutputFile;
import org.goalrollup.model.Attainment;
import org.goalrollup.model.MonthlyProgress;
import org.goalrollup.model.Published;
import org.goalrollup.model.Reject;
import org.goalrollup.model.Summary;

/**
 * A small output folder written by hand, as the pipeline lays it out: the four Parquet tables with
 * the pipeline's record types and a {@code _manifest.json}.
 */
final class ReportFixture {
  final List<Summary> summary = new ArrayList<>();
  final List<Attainment> attainment = new ArrayList<>();
  final List<Reject> rejects = new ArrayList<>();
  final List<MonthlyProgress> progress = new ArrayList<>();
  final List<Published> published = new ArrayList<>();
  String input = "/nonexistent/sample";
  String asOf;
  int periodEndMonth = 12;
  List<Integer> years = List.of(2020);

  /** The year of the targets added next; null = the latest of {@link #years}. */
  Integer targetYear;

  /** The manifest's periods (year to its M and note), as a run writes them; null = none. */
  Map<Integer, Object[]> periods;

  final Map<String, long[]> inputs = new java.util.LinkedHashMap<>();

  /** The manifest's warnings; none (and no such field) by default. */
  final List<String> warnings = new ArrayList<>();

  ReportFixture() {
    inputs.put("enterprises.csv", new long[] {10, 10, 0, 0, 0});
    inputs.put("production.csv", new long[] {240, 238, 2, 1, 0});
  }

  /** A summary cell with zeros and nulls, and the given columns set. */
  ReportFixture summary(int year, String sector, String district, Object... columnValues) {
    Summary s = new Summary();
    for (Schema.Field f : Summary.SCHEMA$.getFields()) {
      s.put(f.pos(), zero(f.schema()));
    }
    s.put("year", year);
    s.put("period_end_month", periodEndMonth);
    s.put("sector_id", sector);
    s.put("district", district);
    for (int i = 0; i < columnValues.length; i += 2) {
      Object v = columnValues[i + 1];
      if (v instanceof BigDecimal d) {
        v = d.setScale(2);
      }
      s.put((String) columnValues[i], v);
    }
    summary.add(s);
    return this;
  }

  private static Object zero(Schema s) {
    if (s.getType() == Schema.Type.UNION) {
      return null;
    }
    if (s.getLogicalType() != null) {
      return BigDecimal.ZERO.setScale(2);
    }
    return switch (s.getType()) {
      case INT -> 0;
      case LONG -> 0L;
      case DOUBLE -> 0.0;
      default -> "";
    };
  }

  /**
   * A published cell with the given statuses (production, investment, rd), the amounts of each
   * group that is not F set to null.
   */
  ReportFixture published(
      int year, String sector, String district, String production, String investment, String rd) {
    Published p = new Published();
    for (Schema.Field f : Published.SCHEMA$.getFields()) {
      p.put(f.pos(), zero(f.schema()));
    }
    p.put("year", year);
    p.put("period_end_month", periodEndMonth);
    p.put("sector_id", sector);
    p.put("district", district);
    String[] status = {production, investment, rd};
    for (org.goalrollup.disclosure.Group g : org.goalrollup.disclosure.Group.values()) {
      p.put(g.label() + "_conf_status", status[g.ordinal()]);
    }
    for (org.goalrollup.disclosure.Group g : org.goalrollup.disclosure.Group.values()) {
      if (status[g.ordinal()].equals("F")) {
        for (String c : g.publishedColumns()) {
          if (p.get(c) == null && !c.endsWith("growth") && !c.contains("ratio")) {
            p.put(c, zero(Published.SCHEMA$.getField(c).schema().getTypes().get(1)));
          }
        }
      } else {
        g.publishedColumns().forEach(c -> p.put(c, null));
      }
    }
    published.add(p);
    return this;
  }

  ReportFixture target(
      String indicator,
      String sector,
      String district,
      String direction,
      Double ensure,
      Double strive,
      Double actual,
      String status) {
    Double primary = ensure != null ? ensure : strive;
    attainment.add(
        Attainment.newBuilder()
            .setYear(targetYear != null ? targetYear : years.get(years.size() - 1))
            .setPeriodEndMonth(periodEndMonth)
            .setIndicator(indicator)
            .setSectorId(sector)
            .setDistrict(district)
            .setDirection(direction)
            .setEnsureTarget(ensure)
            .setStriveTarget(strive)
            .setActual(actual)
            .setStatus(status)
            .setAttainmentRatio(actual == null || primary == 0 ? null : actual / primary)
            .setGap(actual == null ? null : actual - primary)
            .build());
    return this;
  }

  /** The target's indicator for months 1..1, 1..2, ... of the latest year. */
  ReportFixture progress(String indicator, String sector, String district, Double... monthly) {
    for (int m = 1; m <= monthly.length; m++) {
      progress.add(
          MonthlyProgress.newBuilder()
              .setYear(years.get(years.size() - 1))
              .setMonth(m)
              .setIndicator(indicator)
              .setSectorId(sector)
              .setDistrict(district)
              .setActual(monthly[m - 1])
              .build());
    }
    return this;
  }

  ReportFixture reject(String file, long line, String reason, String detail, String raw) {
    rejects.add(
        Reject.newBuilder()
            .setSourceFile(file)
            .setLineNumber(line)
            .setReason(reason)
            .setDetail(detail)
            .setRaw(raw)
            .build());
    return this;
  }

  /** Writes the folder and returns it. */
  Path write(Path dir) throws IOException {
    Files.createDirectories(dir);
    table(dir.resolve("summary"), Summary.SCHEMA$, Summary.class, summary);
    table(dir.resolve("attainment"), Attainment.SCHEMA$, Attainment.class, attainment);
    table(dir.resolve("rejects"), Reject.SCHEMA$, Reject.class, rejects);
    table(dir.resolve("progress"), MonthlyProgress.SCHEMA$, MonthlyProgress.class, progress);
    if (!published.isEmpty()) {
      table(dir.resolve("published"), Published.SCHEMA$, Published.class, published);
    }
    ObjectMapper json = new ObjectMapper();
    ObjectNode m = json.createObjectNode();
    m.put("pipeline", "goal-rollup");
    m.put("pipeline_version", "9.9.9-test");
    m.put("runner", "DirectRunner");
    m.put("start_time", "2021-01-05T01:00:00Z");
    m.put("end_time", "2021-01-05T01:02:03Z");
    ObjectNode o = m.putObject("options");
    o.put("input", input);
    o.put("output", dir.toString());
    o.putNull("year");
    o.put("asOf", asOf);
    o.put("charset", "UTF-8");
    o.put("majorProjectThreshold", "5000");
    ArrayNode ys = m.putArray("computed_years");
    years.forEach(ys::add);
    m.put("period_end_month", periodEndMonth);
    if (periods != null) {
      ArrayNode ps = m.putArray("periods");
      periods.forEach(
          (y, mn) -> {
            ObjectNode e = ps.addObject();
            e.put("year", y);
            e.put("period_end_month", (Integer) mn[0]);
            e.put("year_to_date", (Integer) mn[0] < 12);
            e.put("note", (String) mn[1]);
          });
    }
    ArrayNode in = m.putArray("inputs");
    inputs.forEach(
        (file, n) -> {
          ObjectNode e = in.addObject();
          e.put("file", file);
          e.put("rows_read", n[0]);
          e.put("accepted", n[1]);
          e.put("rejected", n[2]);
          e.putObject("rejected_by_reason");
          e.put("duplicates_collapsed", n[4]);
          e.put("superseded", n[3]);
        });
    if (!warnings.isEmpty()) {
      ArrayNode w = m.putArray("warnings");
      warnings.forEach(w::add);
    }
    Files.writeString(
        dir.resolve(RunOutputs.MANIFEST),
        json.writerWithDefaultPrettyPrinter().writeValueAsString(m),
        StandardCharsets.UTF_8);
    return dir;
  }

  private static <T extends SpecificRecordBase> void table(
      Path folder, Schema schema, Class<T> type, List<T> rows) throws IOException {
    Files.createDirectories(folder);
    org.apache.hadoop.fs.Path file =
        new org.apache.hadoop.fs.Path(folder.resolve("part-00000.parquet").toUri());
    try (ParquetWriter<T> w =
        AvroParquetWriter.<T>builder(HadoopOutputFile.fromPath(file, new Configuration()))
            .withSchema(schema)
            .withDataModel(SpecificData.getForClass(type))
            .build()) {
      for (T r : rows) {
        w.write(r);
      }
    }
  }
}
