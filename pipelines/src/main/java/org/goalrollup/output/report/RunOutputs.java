package org.goalrollup.output.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.goalrollup.disclosure.Group;

/**
 * What one run wrote into its output folder, read back the way a user would: the manifest and the
 * summary, attainment, rejects, progress and review tables, and the published table's confidential
 * figures. Decimal columns come back as {@link BigDecimal}.
 */
record RunOutputs(
    Manifest manifest,
    List<SummaryRow> summary,
    List<AttainmentRow> attainment,
    List<RejectRow> rejects,
    List<ProgressRow> progress,
    Map<String, String> confidential,
    List<ReviewRow> review) {

  static final String MANIFEST = "_manifest.json";

  /**
   * Reads the manifest and the four tables of {@code dir}; a missing folder or manifest is an
   * error.
   */
  static RunOutputs read(Path dir) throws IOException {
    Manifest manifest = Manifest.read(dir.resolve(MANIFEST));
    List<SummaryRow> summary = new ArrayList<>();
    for (GenericRecord r : readTable(dir.resolve("summary"))) {
      summary.add(SummaryRow.of(r));
    }
    List<AttainmentRow> attainment = new ArrayList<>();
    for (GenericRecord r : readTable(dir.resolve("attainment"))) {
      attainment.add(AttainmentRow.of(r));
    }
    List<RejectRow> rejects = new ArrayList<>();
    for (GenericRecord r : readTable(dir.resolve("rejects"))) {
      rejects.add(RejectRow.of(r));
    }
    List<ProgressRow> progress = new ArrayList<>();
    for (GenericRecord r : readTable(dir.resolve("progress"))) {
      progress.add(ProgressRow.of(r));
    }
    // an output folder of a version before the data review has no review table
    List<ReviewRow> review = new ArrayList<>();
    if (Files.isDirectory(dir.resolve("review"))) {
      for (GenericRecord r : readTable(dir.resolve("review"))) {
        review.add(ReviewRow.of(r));
      }
    }
    return new RunOutputs(
        manifest,
        summary,
        attainment,
        rejects,
        progress,
        confidential(dir.resolve("published")),
        review);
  }

  /** Key of a figure in {@link #confidential}. */
  static String figure(int year, String sector, String district, String indicator) {
    return year + "/" + sector + "/" + district + "/" + indicator;
  }

  /**
   * The figures that the published table withholds, with their SDMX status: C or D of their group,
   * or D for a growth withheld because the cell of the year before is confidential. Empty when the
   * output has no published table (an older run).
   */
  static Map<String, String> confidential(Path folder) throws IOException {
    Map<String, String> out = new LinkedHashMap<>();
    if (!Files.isDirectory(folder)) {
      return out;
    }
    for (GenericRecord r : readTable(folder)) {
      int year = (Integer) r.get("year");
      String sector = r.get("sector_id").toString();
      String district = r.get("district").toString();
      for (Group g : Group.values()) {
        String status = r.get(g.label() + "_conf_status").toString();
        for (String column : g.publishedColumns()) {
          if (r.get(column) == null && !"F".equals(status)) {
            out.putIfAbsent(figure(year, sector, district, column), status);
          }
        }
        for (String column : g.growthColumns()) {
          if (r.get(column) == null && "F".equals(status)) {
            out.putIfAbsent(figure(year, sector, district, column), "D");
          }
        }
      }
    }
    return out;
  }

  /** Every row of every {@code *.parquet} file of a table folder, files in name order. */
  static List<GenericRecord> readTable(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      throw new IOException("report: missing output table " + folder);
    }
    List<Path> files = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(folder, "*.parquet")) {
      s.forEach(files::add);
    }
    Collections.sort(files);
    GenericData model = new GenericData();
    model.addLogicalTypeConversion(new Conversions.DecimalConversion());
    List<GenericRecord> rows = new ArrayList<>();
    for (Path f : files) {
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(new LocalParquetFile(f))
              .withDataModel(model)
              .build()) {
        for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
          rows.add(r);
        }
      }
    }
    return rows;
  }

  /** The fields of {@code _manifest.json} the report shows; absent fields are null or empty. */
  record Manifest(
      String version,
      String runner,
      Instant endTime,
      String input,
      String asOf,
      Integer year,
      String charset,
      String majorProjectThreshold,
      List<Integer> computedYears,
      int periodEndMonth,
      List<InputCount> inputs,
      Long targetsInForce,
      List<YearPeriod> periods,
      List<String> warnings) {

    static Manifest read(Path file) throws IOException {
      if (!Files.isRegularFile(file)) {
        throw new IOException("report: missing " + file);
      }
      JsonNode m = new ObjectMapper().readTree(file.toFile());
      JsonNode options = m.path("options");
      List<Integer> years = new ArrayList<>();
      m.path("computed_years").forEach(y -> years.add(y.asInt()));
      List<InputCount> inputs = new ArrayList<>();
      m.path("inputs").forEach(i -> inputs.add(InputCount.of(i)));
      Long targets = null;
      for (InputCount i : inputs) {
        if (i.file().equals("targets.csv")) {
          targets = i.accepted() - i.superseded() - i.collapsed();
        }
      }
      if (targets == null && m.path("targets").isNumber()) {
        targets = m.path("targets").asLong();
      }
      int common = m.path("period_end_month").isInt() ? m.path("period_end_month").asInt() : 12;
      List<YearPeriod> periods = new ArrayList<>();
      if (m.path("periods").isArray()) {
        m.path("periods").forEach(p -> periods.add(YearPeriod.of(p)));
      } else {
        // a manifest of an earlier version: one M for every year
        years.forEach(y -> periods.add(new YearPeriod(y, common, common < 12, null)));
      }
      return new Manifest(
          text(m, "pipeline_version"),
          text(m, "runner"),
          instant(text(m, "end_time")),
          text(options, "input"),
          text(options, "asOf"),
          options.path("year").isNumber() ? options.path("year").asInt() : null,
          text(options, "charset"),
          text(options, "majorProjectThreshold"),
          years,
          common,
          inputs,
          targets,
          periods,
          warnings(m));
    }

    /** The period of computed year {@code year}, or null. */
    YearPeriod period(int year) {
      return periods.stream().filter(p -> p.year() == year).findFirst().orElse(null);
    }

    /** The run's warnings (none in a manifest of a version before them). */
    private static List<String> warnings(JsonNode m) {
      List<String> out = new ArrayList<>();
      m.path("warnings").forEach(w -> out.add(w.asText()));
      return out;
    }

    InputCount input(String fileName) {
      return inputs.stream().filter(i -> i.file().equals(fileName)).findFirst().orElse(null);
    }

    private static String text(JsonNode n, String field) {
      JsonNode v = n.path(field);
      return v.isValueNode() && !v.isNull() ? v.asText() : null;
    }

    private static Instant instant(String s) {
      try {
        return s == null ? null : Instant.parse(s);
      } catch (DateTimeParseException e) {
        return null;
      }
    }
  }

  /**
   * One entry of the manifest's {@code periods}: a computed year, its last month M, whether it is
   * year to date, and the sentence saying so (null in manifests of earlier versions).
   */
  record YearPeriod(int year, int endMonth, boolean yearToDate, String note) {
    static YearPeriod of(JsonNode n) {
      int m = n.path("period_end_month").asInt(12);
      return new YearPeriod(
          n.path("year").asInt(),
          m,
          n.path("year_to_date").asBoolean(m < 12),
          n.path("note").isTextual() ? n.path("note").asText() : null);
    }
  }

  /** One entry of the manifest's {@code inputs}. */
  record InputCount(
      String file,
      String sha256,
      long read,
      long accepted,
      long rejected,
      Map<String, Long> rejectedByReason,
      long collapsed,
      long superseded) {

    static InputCount of(JsonNode n) {
      Map<String, Long> byReason = new LinkedHashMap<>();
      n.path("rejected_by_reason")
          .fields()
          .forEachRemaining(e -> byReason.put(e.getKey(), e.getValue().asLong()));
      return new InputCount(
          n.path("file").asText(),
          n.path("sha256").isTextual() ? n.path("sha256").asText() : null,
          n.path("rows_read").asLong(),
          n.path("accepted").asLong(),
          n.path("rejected").asLong(),
          byReason,
          n.path("duplicates_collapsed").asLong(),
          n.path("superseded").asLong());
    }
  }

  /** One summary cell; {@link #number} gives any numeric column as a double. */
  record SummaryRow(
      int year, int periodEndMonth, String sectorId, String district, GenericRecord record) {
    static SummaryRow of(GenericRecord r) {
      return new SummaryRow(
          (Integer) r.get("year"),
          (Integer) r.get("period_end_month"),
          r.get("sector_id").toString(),
          r.get("district").toString(),
          r);
    }

    /** The column's value as a double, null when the column is null or absent. */
    Double number(String column) {
      if (record.getSchema().getField(column) == null) {
        return null;
      }
      Object v = record.get(column);
      return v == null ? null : ((Number) v).doubleValue();
    }

    /** The column's exact value, for decimal amounts; null when null or absent. */
    BigDecimal decimal(String column) {
      if (record.getSchema().getField(column) == null) {
        return null;
      }
      Object v = record.get(column);
      if (v == null) {
        return null;
      }
      return v instanceof BigDecimal d ? d : BigDecimal.valueOf(((Number) v).doubleValue());
    }
  }

  /** One row of the attainment table. */
  record AttainmentRow(
      int year,
      int periodEndMonth,
      String indicator,
      String sectorId,
      String district,
      String direction,
      Double ensure,
      Double strive,
      Double actual,
      String status,
      Double gap) {
    static AttainmentRow of(GenericRecord r) {
      return new AttainmentRow(
          (Integer) r.get("year"),
          (Integer) r.get("period_end_month"),
          r.get("indicator").toString(),
          r.get("sector_id").toString(),
          r.get("district").toString(),
          r.get("direction").toString(),
          (Double) r.get("ensure_target"),
          (Double) r.get("strive_target"),
          (Double) r.get("actual"),
          r.get("status").toString(),
          (Double) r.get("gap"));
    }

    /** The primary target of the contract: ensure if given, else strive. */
    Double primary() {
      return ensure != null ? ensure : strive;
    }
  }

  /** One row of the progress table: a target's indicator for months 1..month. */
  record ProgressRow(
      int year, int month, String indicator, String sectorId, String district, Double actual) {
    static ProgressRow of(GenericRecord r) {
      return new ProgressRow(
          (Integer) r.get("year"),
          (Integer) r.get("month"),
          r.get("indicator").toString(),
          r.get("sector_id").toString(),
          r.get("district").toString(),
          (Double) r.get("actual"));
    }
  }

  /** One row of the rejects table. */
  record RejectRow(String file, long line, String reason, String detail, String raw) {
    static RejectRow of(GenericRecord r) {
      return new RejectRow(
          r.get("source_file").toString(),
          (Long) r.get("line_number"),
          r.get("reason").toString(),
          String.valueOf(r.get("detail")),
          String.valueOf(r.get("raw")));
    }
  }

  /** One row of the review table. */
  record ReviewRow(
      String ruleId,
      String severity,
      String file,
      long line,
      String enterpriseId,
      String projectId,
      String observed,
      String messageZh,
      String messageEn) {
    static ReviewRow of(GenericRecord r) {
      return new ReviewRow(
          r.get("rule_id").toString(),
          r.get("severity").toString(),
          r.get("source_file").toString(),
          (Long) r.get("line_number"),
          r.get("enterprise_id") == null ? null : r.get("enterprise_id").toString(),
          r.get("project_id") == null ? null : r.get("project_id").toString(),
          r.get("observed").toString(),
          r.get("message_zh").toString(),
          r.get("message_en").toString());
    }

    /** Who is to be asked: the project (with its enterprise) or the enterprise. */
    String subject() {
      if (projectId != null) {
        return projectId + (enterpriseId != null ? " (" + enterpriseId + ")" : "");
      }
      return enterpriseId;
    }
  }
}
