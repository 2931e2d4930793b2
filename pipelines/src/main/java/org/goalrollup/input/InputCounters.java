package org.goalrollup.input;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;

/**
 * Names of the per-file {@link Metrics} counters: rows read, rows valid after parsing, rejects per
 * reason, superseded and collapsed rows, and the line accounting (physical, blank, header, accepted
 * and rejected lines, each counted in its own place). The end-of-run summary reads them back.
 */
public final class InputCounters {
  public static final String NAMESPACE = "input";

  private InputCounters() {}

  public static String read(InputFile f) {
    return f.fileName() + ".read";
  }

  public static String valid(InputFile f) {
    return f.fileName() + ".valid";
  }

  public static String rejectedName(InputFile f, Reason r) {
    return f.fileName() + ".rejected." + r.name();
  }

  public static String superseded(InputFile f) {
    return f.fileName() + ".superseded";
  }

  public static String collapsed(InputFile f) {
    return f.fileName() + ".collapsed";
  }

  /** The kinds of lines of the line accounting. */
  public enum Lines {
    /** Counted over the bytes of the file by the scan that cuts it into chunks. */
    PHYSICAL,
    /** Empty lines where a record would start, counted by that scan. */
    BLANK,
    /** The lines of the header record, counted by that scan. */
    HEADER,
    /** Lines of records accepted (in force, superseded or collapsed), counted where resolved. */
    ACCEPTED,
    /** Lines of records rejected, counted over the final rejects collection. */
    REJECTED;

    public String counterName(InputFile f) {
      return f.fileName() + ".lines." + name().toLowerCase(java.util.Locale.ROOT);
    }

    /** Adds n lines of this kind to the file (no-op for 0). */
    public void add(InputFile f, long n) {
      if (n != 0) {
        Metrics.counter(NAMESPACE, counterName(f)).inc(n);
      }
    }
  }

  /** Adds the lines of accepted records of a file. */
  public static void acceptedLines(InputFile f, long n) {
    Lines.ACCEPTED.add(f, n);
  }

  public static Counter rejected(InputFile f, Reason r) {
    return Metrics.counter(NAMESPACE, rejectedName(f, r));
  }

  /** Adds n superseded rows of the file (no-op for 0, so unused counters stay absent). */
  public static void superseded(InputFile f, long n) {
    if (n != 0) {
      Metrics.counter(NAMESPACE, superseded(f)).inc(n);
    }
  }

  /** Adds n collapsed duplicate rows of the file. */
  public static void collapsed(InputFile f, long n) {
    if (n != 0) {
      Metrics.counter(NAMESPACE, collapsed(f)).inc(n);
    }
  }

  /** Counts one reject row under its file and reason. */
  public static void count(org.goalrollup.model.Reject r) {
    rejected(fileOf(r.getSourceFile()), Reason.valueOf(r.getReason())).inc();
  }

  /**
   * Counts what the revision rule made of a file's rows (superseded, collapsed, conflicting) and
   * returns the CONFLICTING_DUPLICATE rejects to emit.
   */
  public static <T extends org.apache.avro.specific.SpecificRecordBase>
      java.util.List<org.goalrollup.model.Reject> counted(InputFile f, Revisions.Outcome<T> o) {
    superseded(f, o.superseded);
    collapsed(f, o.collapsed);
    acceptedLines(f, o.acceptedLines);
    java.util.List<org.goalrollup.model.Reject> rejects = Revisions.conflictRejects(f, o);
    rejects.forEach(InputCounters::count);
    return rejects;
  }

  /** The input file of a reject row. */
  public static InputFile fileOf(String sourceFile) {
    for (InputFile f : InputFile.values()) {
      if (f.fileName().equals(sourceFile)) {
        return f;
      }
    }
    throw new IllegalArgumentException("unknown source file " + sourceFile);
  }
}
