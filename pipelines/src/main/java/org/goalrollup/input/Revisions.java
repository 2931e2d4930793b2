package org.goalrollup.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.apache.avro.specific.SpecificRecordBase;
import org.goalrollup.model.Reject;

/**
 * The contract's revision and duplicate rule, as a pure function over the accepted rows of one
 * file: per key only the highest revision counts; lower revisions are superseded; several rows at
 * the highest revision with identical values collapse into one; if they differ, all of them are
 * rejected as CONFLICTING_DUPLICATE and the key has no value.
 */
public final class Revisions {
  private Revisions() {}

  /** What the rule made of a set of rows. */
  public static final class Outcome<T> {
    public final List<T> inForce = new ArrayList<>();

    /** Rows of keys whose top-revision rows disagree, by key. */
    public final Map<String, List<T>> conflicting = new LinkedHashMap<>();

    public long superseded;
    public long collapsed;

    /**
     * The physical lines of the rows accepted: in force, superseded and collapsed (all but the
     * conflicting rows), for the line accounting.
     */
    public long acceptedLines;
  }

  /**
   * Applies the rule; {@code key} gives each row's key as a readable text such as {@code
   * enterprise_id=E1 year=2020 month=3}, used in reject details.
   */
  public static <T extends SpecificRecordBase> Outcome<T> resolve(
      Iterable<T> rows, Function<T, String> key) {
    Map<String, List<T>> byKey = new LinkedHashMap<>();
    for (T r : rows) {
      byKey.computeIfAbsent(key.apply(r), k -> new ArrayList<>()).add(r);
    }
    Outcome<T> out = new Outcome<>();
    for (Map.Entry<String, List<T>> entry : byKey.entrySet()) {
      List<T> group = entry.getValue();
      if (group.size() == 1) {
        out.inForce.add(group.get(0)); // the common case: nothing to compare
        out.acceptedLines += Records.lineCount(group.get(0));
        continue;
      }
      // Stable order whatever order the runner delivered the rows in.
      group.sort(Comparator.comparingLong(Records::line));
      int top = Integer.MIN_VALUE;
      for (T r : group) {
        top = Math.max(top, Records.revision(r));
      }
      List<T> atTop = new ArrayList<>();
      for (T r : group) {
        if (Records.revision(r) == top) {
          atTop.add(r);
        } else {
          out.superseded++;
          out.acceptedLines += Records.lineCount(r);
        }
      }
      T first = atTop.get(0);
      boolean identical = true;
      for (T r : atTop) {
        identical &= r == first || Records.sameValues(first, r);
      }
      if (identical) {
        out.inForce.add(first);
        out.collapsed += atTop.size() - 1;
        for (T r : atTop) {
          out.acceptedLines += Records.lineCount(r);
        }
      } else {
        out.conflicting.put(entry.getKey(), atTop);
      }
    }
    return out;
  }

  /** The CONFLICTING_DUPLICATE rejects of an outcome, each naming its key and the lines. */
  public static <T extends SpecificRecordBase> List<Reject> conflictRejects(
      InputFile file, Outcome<T> o) {
    List<Reject> out = new ArrayList<>();
    o.conflicting.forEach(
        (key, rows) -> {
          List<String> lines = new ArrayList<>();
          for (T r : rows) {
            lines.add(String.valueOf(Records.line(r)));
          }
          String detail =
              key
                  + ": rows at revision "
                  + Records.revision(rows.get(0))
                  + " disagree (lines "
                  + String.join(", ", lines)
                  + "); the key has no value";
          for (T r : rows) {
            out.add(Records.reject(file, r, Reason.CONFLICTING_DUPLICATE, detail));
          }
        });
    return out;
  }
}
