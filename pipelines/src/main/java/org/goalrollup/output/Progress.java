package org.goalrollup.output;

import java.io.PrintStream;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.goalrollup.input.InputCounters;
import org.goalrollup.stats.ComputeCells;
import org.joda.time.Duration;

/**
 * Follows a running pipeline and prints one line per stage as it is reached (inputs read, cells
 * computed, tables written), from the run's metrics. Returns when the run has finished; throws what
 * the run threw.
 */
public final class Progress {
  private static final Duration POLL = Duration.millis(500);

  private final PipelineResult result;
  private final PrintStream out;
  private final Set<String> said = new LinkedHashSet<>();

  public Progress(PipelineResult result, PrintStream out) {
    this.result = result;
    this.out = out;
  }

  public void follow() {
    PipelineResult.State state;
    do {
      state = result.waitUntilFinish(POLL);
      report();
    } while (state == null || !state.isTerminal());
    if (state != PipelineResult.State.DONE) {
      // The direct runner rethrows the failure from waitUntilFinish.
      result.waitUntilFinish();
      throw new IllegalStateException("the pipeline ended in state " + state);
    }
  }

  private void report() {
    RunCounters c;
    try {
      c =
          RunCounters.of(
              result,
              InputCounters.NAMESPACE,
              ComputeCells.PERIOD_NAMESPACE,
              WriteParquetTable.OUTPUT_NAMESPACE);
    } catch (RuntimeException e) {
      return; // metrics not available yet on this runner
    }
    c.withPrefix(InputCounters.NAMESPACE, "")
        .forEach(
            (k, v) -> {
              // A runner may list a counter before the step has counted anything; a file's
              // count is added once, whole, when ParseCsvFile has found the file's records (before
              // it parses them in chunks), so 0 means "not yet" (an empty file is still in the
              // end-of-run summary).
              if (k.endsWith(".read") && v > 0) {
                String file = k.substring(0, k.length() - ".read".length());
                say("read " + file, "rollup: read " + file + " (" + v + " rows)");
              }
            });
    Map<String, Long> years = c.withPrefix(ComputeCells.PERIOD_NAMESPACE, "year.");
    if (!years.isEmpty()) {
      say("cells", "rollup: computing the cells of " + years.keySet());
    }
    c.withPrefix(WriteParquetTable.OUTPUT_NAMESPACE, "")
        .forEach((k, v) -> say(k, "rollup: wrote " + k.replace(".rows", "") + " (" + v + " rows)"));
  }

  private void say(String key, String line) {
    if (said.add(key)) {
      out.println(line);
    }
  }
}
