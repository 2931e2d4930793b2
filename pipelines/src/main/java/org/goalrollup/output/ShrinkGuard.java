package org.goalrollup.output;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The shrink guard: before a run replaces the published output, its counts are compared with those
 * of the run published there ({@code OUT/_manifest.json}). A required input whose accepted rows
 * fell by more than {@code --maxShrink} (a share of the published count), or a summary that would
 * be empty where the published one was not, stops the run: the usual cause is an upstream export
 * cut short or made for the wrong period, and publishing it would replace last night's good figures
 * with wrong ones. {@code --allowShrink} publishes all the same.
 */
public final class ShrinkGuard {
  /** The rows of the summary table in the manifest's {@code rows_written}. */
  static final String SUMMARY_ROWS = "summary.rows";

  private ShrinkGuard() {}

  /**
   * What the guard compares: accepted rows per required input file, by file name, and the rows of
   * the summary table.
   */
  public record Counts(Map<String, Long> accepted, long summaryRows) {}

  /**
   * The counts of the run whose manifest this is, or null if there is no such file.
   *
   * @throws IOException if the file is there but cannot be read as a manifest
   */
  public static Counts read(Path manifest) throws IOException {
    if (!Files.exists(manifest)) {
      return null;
    }
    JsonNode m = new ObjectMapper().readTree(manifest.toFile());
    if (m == null || !m.path("inputs").isArray()) {
      throw new IOException(manifest + " is not a rollup manifest (no inputs)");
    }
    Map<String, Long> accepted = new LinkedHashMap<>();
    for (JsonNode i : m.path("inputs")) {
      if (i.path("file").isTextual() && i.path("accepted").canConvertToLong()) {
        accepted.put(i.path("file").asText(), i.path("accepted").asLong());
      }
    }
    return new Counts(accepted, m.path("rows_written").path(SUMMARY_ROWS).asLong(0));
  }

  /**
   * Null if {@code current} may replace {@code previous}, else the reason it may not, naming the
   * file and both counts. Files missing from either side are not compared.
   *
   * @param maxShrink the largest fall allowed, as a share of the previous count (0.5 = 50%)
   */
  public static String check(Counts previous, Counts current, double maxShrink) {
    for (Map.Entry<String, Long> e : current.accepted().entrySet()) {
      Long before = previous.accepted().get(e.getKey());
      long now = e.getValue();
      if (before == null || before <= 0 || now >= before) {
        continue;
      }
      double fall = (double) (before - now) / before;
      if (fall > maxShrink) {
        return String.format(
            java.util.Locale.ROOT,
            "%s: %d accepted rows against %d in the published run, down %.1f%%, more than"
                + " --maxShrink=%s allows (an export cut short or of the wrong period?); if the"
                + " input really shrank, rerun with --allowShrink",
            e.getKey(),
            now,
            before,
            100 * fall,
            maxShrink);
      }
    }
    if (current.summaryRows() == 0 && previous.summaryRows() > 0) {
      return String.format(
          java.util.Locale.ROOT,
          "the summary would be empty (0 rows) where the published run has %d rows: no year was"
              + " computed (no production of the asked year?); to publish an empty summary all the"
              + " same, rerun with --allowShrink",
          previous.summaryRows());
    }
    return null;
  }
}
