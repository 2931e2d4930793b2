package org.goalrollup.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.goalrollup.RollupOptions;
import org.goalrollup.RunSettings;
import org.goalrollup.Warnings;
import org.goalrollup.disclosure.Conf;
import org.goalrollup.disclosure.Group;
import org.goalrollup.disclosure.PublishSummaries;
import org.goalrollup.input.CsvFiles;
import org.goalrollup.input.InputCounters;
import org.goalrollup.input.InputFile;
import org.goalrollup.input.Preflight;
import org.goalrollup.review.ReviewRecords;
import org.goalrollup.review.ReviewRule;
import org.goalrollup.review.ReviewRules;
import org.goalrollup.stats.ComputeCells;
import org.goalrollup.stats.EvaluateTargets;
import org.goalrollup.stats.Period;

/**
 * What a finished run read, rejected and wrote, from the pipeline's counters: the reject-rate gate,
 * the {@code _manifest.json} and the console summary.
 */
public final class RunReport {
  private final List<FileStats> files = new ArrayList<>();
  private final RunCounters counters;
  private final Preflight.Checked checked;
  private final RollupOptions options;
  private final RunSettings settings;
  private final Instant start;

  private RunReport(
      RunCounters counters,
      Preflight.Checked checked,
      RollupOptions options,
      RunSettings settings,
      Instant start) {
    this.counters = counters;
    this.checked = checked;
    this.options = options;
    this.settings = settings;
    this.start = start;
    for (InputFile f : InputFile.values()) {
      if (checked.present().contains(f) && f != InputFile.SECTORS && f != InputFile.TARGETS) {
        files.add(FileStats.of(f, counters));
      }
    }
  }

  public static RunReport of(
      PipelineResult result,
      Preflight.Checked checked,
      RollupOptions options,
      RunSettings settings,
      Instant start) {
    return new RunReport(
        RunCounters.of(
            result,
            InputCounters.NAMESPACE,
            WriteParquetTable.OUTPUT_NAMESPACE,
            EvaluateTargets.STATUS_NAMESPACE,
            ComputeCells.PERIOD_NAMESPACE,
            PublishSummaries.NAMESPACE,
            ReviewRecords.NAMESPACE,
            Warnings.NAMESPACE),
        checked,
        options,
        settings,
        start);
  }

  /**
   * Null if every file is within the limit, else the message naming the first file over it. The
   * share is of lines: rejected lines / data lines.
   */
  public String rejectGate(double maxRate) {
    for (FileStats f : files) {
      if (f.rejectRate() > maxRate) {
        return String.format(
            "%s: %.2f%% of its %d data lines were rejected (%d lines in %d rows), over"
                + " --maxRejectRate=%s (%s)",
            f.file().fileName(),
            100 * f.rejectRate(),
            f.lines().dataLines(),
            f.lines().rejected(),
            f.rejectedTotal(),
            maxRate,
            f.topReasons());
      }
    }
    return null;
  }

  /**
   * Null if the lines of every input file the pipeline read add up ({@link LineAccount}), else the
   * message naming the first file whose lines do not, with its counts.
   */
  public String lineCheck() {
    for (FileStats f : files) {
      String wrong = f.lines().check(f.file().fileName());
      if (wrong != null) {
        return wrong;
      }
    }
    return null;
  }

  /**
   * The shrink guard ({@link ShrinkGuard}): null if this run may replace the run whose manifest is
   * {@code previousManifest} (or there is none, or {@code --allowShrink} is set), else the message
   * naming the file and both counts. An unreadable previous manifest is said on {@code log} and
   * skips the guard.
   */
  public String shrinkGate(Path previousManifest, PrintStream log) {
    if (options.isAllowShrink()) {
      return null;
    }
    ShrinkGuard.Counts previous;
    try {
      previous = ShrinkGuard.read(previousManifest);
    } catch (IOException | RuntimeException e) {
      log.println(
          "rollup: warning: cannot read the published run's manifest "
              + previousManifest
              + " ("
              + e.getMessage()
              + "); the shrink guard has nothing to compare with");
      return null;
    }
    if (previous == null) {
      return null;
    }
    Map<String, Long> accepted = new LinkedHashMap<>();
    for (FileStats f : files) {
      if (f.file().required()) {
        accepted.put(f.file().fileName(), f.accepted());
      }
    }
    accepted.put(InputFile.SECTORS.fileName(), (long) checked.sectors().size());
    ShrinkGuard.Counts current =
        new ShrinkGuard.Counts(
            accepted, counters.get(WriteParquetTable.OUTPUT_NAMESPACE, ShrinkGuard.SUMMARY_ROWS));
    return ShrinkGuard.check(previous, current, options.getMaxShrink());
  }

  /**
   * Null unless {@code failOnQuery} is set and the review raised QUERY-level flags; then the
   * message naming how many and of which rules.
   */
  public String queryGate(boolean failOnQuery) {
    long queries = counters.get(ReviewRecords.NAMESPACE, "severity." + ReviewRules.Severity.QUERY);
    if (!failOnQuery || queries == 0) {
      return null;
    }
    List<String> rules = new ArrayList<>();
    reviewByRule()
        .forEach(
            (rule, n) -> {
              if (checked.review().severity(ReviewRule.valueOf(rule))
                  == ReviewRules.Severity.QUERY) {
                rules.add(rule + " " + n);
              }
            });
    return String.format(
        "review: %d QUERY-level flag%s raised (%s) and --failOnQuery is set; see review/ of a run"
            + " without it",
        queries, queries == 1 ? "" : "s", String.join(", ", rules));
  }

  /** Flags per rule id, rules without flags left out. */
  public Map<String, Long> reviewByRule() {
    return counters.withPrefix(ReviewRecords.NAMESPACE, "rule.");
  }

  /** The warnings the pipeline raised ({@link Warnings#raise}), in reading order. */
  public List<String> pipelineWarnings() {
    return Warnings.ordered(counters.withPrefix(Warnings.NAMESPACE, "").keySet());
  }

  /** Every warning of the run: those of the checks before the pipeline, then the pipeline's. */
  public List<String> warnings() {
    List<String> all = new ArrayList<>(checked.warnings());
    all.addAll(pipelineWarnings());
    return all;
  }

  public List<Integer> years() {
    List<Integer> ys = new ArrayList<>();
    counters
        .withPrefix(ComputeCells.PERIOD_NAMESPACE, "year.")
        .keySet()
        .forEach(y -> ys.add(Integer.valueOf(y)));
    ys.sort(null);
    return ys;
  }

  /**
   * The computed periods, one per computed year, from the {@code months.Y.M} counters of {@link
   * ComputeCells}.
   */
  public List<Period> periods() {
    List<Period> ps = new ArrayList<>();
    counters
        .withPrefix(ComputeCells.PERIOD_NAMESPACE, "months.")
        .keySet()
        .forEach(
            ym -> {
              int dot = ym.indexOf('.');
              ps.add(
                  new Period(
                      Integer.valueOf(ym.substring(0, dot)),
                      Integer.parseInt(ym.substring(dot + 1))));
            });
    ps.sort(null);
    return ps;
  }

  /**
   * M shared by every computed year, null when they differ (a year that stops early); with no
   * computed year, the M asked for.
   */
  Integer commonEndMonth() {
    java.util.Set<Integer> ms = new java.util.TreeSet<>();
    periods().forEach(p -> ms.add(p.endMonth()));
    if (ms.isEmpty()) {
      return settings.period().endMonth();
    }
    return ms.size() == 1 ? ms.iterator().next() : null;
  }

  /**
   * The manifest's {@code periods}: per computed year its M, whether it is year to date, and the
   * sentence saying so (as on the console).
   */
  List<Map<String, Object>> periodEntries() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (Period p : periods()) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("year", p.year());
      e.put("period_end_month", p.endMonth());
      e.put("year_to_date", p.yearToDate());
      e.put("note", p.describe(settings.period()));
      out.add(e);
    }
    return out;
  }

  public void writeManifest(Path file, Instant end) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("pipeline", "goal-rollup");
    m.put("pipeline_version", version());
    m.put("runner", options.getRunner().getSimpleName());
    m.put("start_time", start.toString());
    m.put("end_time", end.toString());
    Map<String, Object> opts = new LinkedHashMap<>();
    opts.put("input", options.getInput());
    opts.put("output", options.getOutput());
    opts.put("year", options.getYear());
    opts.put("asOf", options.getAsOf());
    opts.put("targets", options.getTargets());
    opts.put("charset", settings.charset());
    opts.put("majorProjectThreshold", options.getMajorProjectThreshold());
    opts.put("maxRejectRate", settings.maxRejectRate());
    opts.put("failOnQuery", options.isFailOnQuery());
    opts.put("maxShrink", options.getMaxShrink());
    opts.put("allowShrink", options.isAllowShrink());
    m.put("options", opts);
    m.put("computed_years", years());
    m.put("period_end_month", commonEndMonth());
    m.put("periods", periodEntries());
    List<Map<String, Object>> inputs = new ArrayList<>();
    for (FileStats f : files) {
      Map<String, Object> e = new LinkedHashMap<>();
      e.put("file", f.file().fileName());
      e.put("sha256", checked.sources().sha256(CsvFiles.resolve(options.getInput(), f.file())));
      e.put("rows_read", f.read());
      e.put("accepted", f.accepted());
      e.put("rejected", f.rejectedTotal());
      e.put("rejected_by_reason", f.rejected());
      e.put("duplicates_collapsed", f.collapsed());
      e.put("superseded", f.superseded());
      putLines(e, f.lines());
      inputs.add(e);
    }
    // sectors.csv and the targets file are entirely valid or the run fails before it starts
    inputs.add(
        strictFile(
            InputFile.SECTORS.fileName(),
            CsvFiles.resolve(options.getInput(), InputFile.SECTORS),
            checked.sources().sha256(CsvFiles.resolve(options.getInput(), InputFile.SECTORS)),
            checked.sectors().size(),
            0,
            settings.charset()));
    if (checked.present().contains(InputFile.TARGETS)) {
      inputs.add(
          strictFile(
              InputFile.TARGETS.fileName(),
              FileSystems.matchNewResource(checked.targetsFile(), false),
              checked.sources().sha256(FileSystems.matchNewResource(checked.targetsFile(), false)),
              checked.targetRowsRead(),
              checked.targetRowsRead() - checked.targets().size(),
              settings.charset()));
    }
    m.put("inputs", inputs);
    m.put("rows_written", counters.withPrefix(WriteParquetTable.OUTPUT_NAMESPACE, ""));
    m.put("attainment_status", counters.withPrefix(EvaluateTargets.STATUS_NAMESPACE, ""));
    m.put("disclosure", disclosure());
    m.put("review", review());
    m.put("warnings", warnings());
    new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(file.toFile(), m);
  }

  /**
   * The disclosure rules in force and, per group, the cells of the published table suppressed by
   * each rule (primary: frequency, dominance; secondary).
   */
  Map<String, Object> disclosure() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("rules", checked.disclosure().describe());
    Map<String, Object> suppressed = new LinkedHashMap<>();
    for (Group g : Group.values()) {
      Map<String, Long> byRule = new LinkedHashMap<>();
      for (Conf c : Conf.values()) {
        if (c.suppressed()) {
          byRule.put(
              c.rule(), counters.get(PublishSummaries.NAMESPACE, g.label() + "." + c.rule()));
        }
      }
      suppressed.put(g.label(), byRule);
    }
    d.put("suppressed_cells", suppressed);
    return d;
  }

  /** The manifest's review section: rules in force and flags per severity and rule. */
  private Map<String, Object> review() throws IOException {
    Map<String, Object> r = new LinkedHashMap<>();
    ReviewRules rules = checked.review();
    r.put("rules_file", rules.source());
    r.put("rules_sha256", rulesSha256(rules));
    Map<String, Long> bySeverity = new LinkedHashMap<>();
    long total = 0;
    for (ReviewRules.Severity s : ReviewRules.Severity.values()) {
      long n = counters.get(ReviewRecords.NAMESPACE, "severity." + s);
      bySeverity.put(s.name(), n);
      total += n;
    }
    r.put("flags", total);
    r.put("flags_by_severity", bySeverity);
    Map<String, Long> byRule = new LinkedHashMap<>();
    Map<String, Long> counted = reviewByRule();
    for (ReviewRule rule : ReviewRule.values()) {
      byRule.put(rule.name(), counted.getOrDefault(rule.name(), 0L));
    }
    r.put("flags_by_rule", byRule);
    r.put("rules", rules.describe());
    return r;
  }

  /** The sha256 of the rules file in force: the input folder's, else the one in the jar. */
  static String rulesSha256(ReviewRules rules) throws IOException {
    if (rules.builtIn()) {
      try (InputStream in = ReviewRules.class.getResourceAsStream(ReviewRules.RESOURCE)) {
        return sha256(in);
      }
    }
    try (InputStream in =
        Channels.newInputStream(
            FileSystems.open(FileSystems.matchNewResource(rules.source(), false)))) {
      return sha256(in);
    }
  }

  private static Map<String, Object> strictFile(
      String name, ResourceId id, String sha256, long read, long superseded, String charset)
      throws IOException {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("file", name);
    e.put("sha256", sha256);
    e.put("rows_read", read);
    e.put("accepted", read);
    e.put("rejected", 0);
    e.put("rejected_by_reason", Map.of());
    e.put("duplicates_collapsed", 0);
    e.put("superseded", superseded);
    // every data line is accepted: one bad row would have failed the run before it started
    CsvFiles.Lines lines = CsvFiles.countLines(id, charset);
    putLines(
        e,
        new LineAccount(
            lines.physical(),
            lines.blank(),
            lines.header(),
            lines.physical() - lines.blank() - lines.header(),
            0));
    return e;
  }

  /** The line accounting of an input in the manifest. */
  private static void putLines(Map<String, Object> e, LineAccount lines) {
    e.put("physical_lines", lines.physical());
    e.put("blank_lines", lines.blank());
    e.put("header_lines", lines.header());
    e.put("accepted_lines", lines.accepted());
    e.put("rejected_lines", lines.rejected());
  }

  /** The short end-of-run summary on the console. */
  public void print(PrintStream out, Path output) {
    Integer common = commonEndMonth();
    out.println("rollup: years " + years() + (common != null ? ", months 1-" + common : ""));
    for (Period p : periods()) {
      if (common == null || (p.yearToDate() && settings.period().fromData())) {
        out.println("rollup: " + p.describe(settings.period()));
      }
    }
    out.printf(
        "%-16s %9s %9s %9s %11s %10s%n",
        "input", "read", "accepted", "rejected", "superseded", "collapsed");
    for (FileStats f : files) {
      out.printf(
          "%-16s %9d %9d %9d %11d %10d%s%n",
          f.file().fileName(),
          f.read(),
          f.accepted(),
          f.rejectedTotal(),
          f.superseded(),
          f.collapsed(),
          f.rejected().isEmpty() ? "" : "  " + f.rejected());
    }
    out.println("rows written: " + counters.withPrefix(WriteParquetTable.OUTPUT_NAMESPACE, ""));
    Map<String, Long> statuses = counters.withPrefix(EvaluateTargets.STATUS_NAMESPACE, "");
    if (!statuses.isEmpty()) {
      out.println("targets: " + statuses);
    }
    Map<String, Long> flags = reviewByRule();
    if (!flags.isEmpty()) {
      out.println("review flags (not rejects; figures unchanged): " + flags);
    }
    out.println("published: " + output);
  }

  static String version() {
    String v = RunReport.class.getPackage().getImplementationVersion();
    return v != null ? v : "dev";
  }

  static String sha256(InputStream in) throws IOException {
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
