package org.goalrollup.output;

import java.util.Map;
import java.util.TreeMap;
import org.goalrollup.input.InputCounters;
import org.goalrollup.input.InputFile;
import org.goalrollup.input.Reason;

/**
 * The accounting of one input file: every data row read is either rejected (by reason) or accepted;
 * accepted rows include those superseded by a higher revision and duplicates collapsed into one.
 * And every physical line is accounted for ({@link LineAccount}).
 */
public record FileStats(
    InputFile file,
    long read,
    long accepted,
    Map<String, Long> rejected,
    long superseded,
    long collapsed,
    LineAccount lines) {

  public static FileStats of(InputFile f, RunCounters c) {
    Map<String, Long> rejected = new TreeMap<>();
    long total = 0;
    for (Reason r : Reason.values()) {
      long n = c.get(InputCounters.NAMESPACE, InputCounters.rejectedName(f, r));
      if (n > 0) {
        rejected.put(r.name(), n);
        total += n;
      }
    }
    long read = c.get(InputCounters.NAMESPACE, InputCounters.read(f));
    return new FileStats(
        f,
        read,
        read - total,
        rejected,
        c.get(InputCounters.NAMESPACE, InputCounters.superseded(f)),
        c.get(InputCounters.NAMESPACE, InputCounters.collapsed(f)),
        new LineAccount(
            lines(c, f, InputCounters.Lines.PHYSICAL),
            lines(c, f, InputCounters.Lines.BLANK),
            lines(c, f, InputCounters.Lines.HEADER),
            lines(c, f, InputCounters.Lines.ACCEPTED),
            lines(c, f, InputCounters.Lines.REJECTED)));
  }

  private static long lines(RunCounters c, InputFile f, InputCounters.Lines kind) {
    return c.get(InputCounters.NAMESPACE, kind.counterName(f));
  }

  public long rejectedTotal() {
    return rejected.values().stream().mapToLong(Long::longValue).sum();
  }

  /**
   * Rejected lines / data lines (header and blank lines excluded); 0 for a file without data lines.
   * Lines, not rows, so that one broken record over many lines cannot hide them.
   */
  public double rejectRate() {
    return lines.rejectRate();
  }

  /** The three most frequent reasons, e.g. "INVALID_NUMBER 12, MISSING_FIELD 3". */
  public String topReasons() {
    return rejected.entrySet().stream()
        .sorted((a, b) -> Long.compare(b.getValue(), a.getValue()))
        .limit(3)
        .map(e -> e.getKey() + " " + e.getValue())
        .reduce((a, b) -> a + ", " + b)
        .orElse("none");
  }
}
