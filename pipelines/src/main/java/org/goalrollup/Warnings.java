package org.goalrollup;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * The warnings of a run: what is valid by the contract but probably not what the statistician meant
 * (a file named like an input in the wrong case, a target on a milestone kind no row has, a region
 * row for an unknown district). A warning never changes a figure and never fails the run; each is
 * one {@code warning: ...} line on standard error, an entry of the manifest's {@code warnings} and
 * a line of the report's data-quality section.
 *
 * <p>Warnings found before the pipeline come with {@code Preflight.Checked#warnings()}; a step of
 * the pipeline raises one with {@link #raise}, which counts it under its own text, so that any
 * runner brings it back to the driver with the run's counters (and a retried bundle does not repeat
 * it).
 */
public final class Warnings {
  /** Metrics namespace of warnings raised inside the pipeline: one counter per warning text. */
  public static final String NAMESPACE = "warnings";

  private static final Pattern FILE_LINE =
      Pattern.compile("([^:]*): lines? (\\d+)(.*)", Pattern.DOTALL);

  private Warnings() {}

  /** Raises a warning from inside a pipeline step. */
  public static void raise(String message) {
    Metrics.counter(NAMESPACE, message).inc();
  }

  /**
   * The warnings in reading order: by file, then line number (as a number), then text; warnings
   * without "file: line N" first, in text order.
   */
  public static List<String> ordered(Collection<String> warnings) {
    List<String> out = new ArrayList<>(warnings);
    out.sort(
        Comparator.comparing((String w) -> place(w).file())
            .thenComparingLong(w -> place(w).line())
            .thenComparing(Comparator.naturalOrder()));
    return out;
  }

  private record Place(String file, long line) {}

  private static Place place(String w) {
    Matcher m = FILE_LINE.matcher(w);
    if (m.matches() && m.group(2).length() < 18) {
      return new Place(m.group(1), Long.parseLong(m.group(2)));
    }
    return new Place("", 0);
  }
}
