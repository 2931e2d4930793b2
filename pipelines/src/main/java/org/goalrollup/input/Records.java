package org.goalrollup.input;

import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.goalrollup.model.Reject;

/**
 * Provenance of accepted input records: every input schema carries {@code revision}, {@code
 * line_number}, {@code raw} and {@code line_count} beside the contract's columns.
 */
public final class Records {
  private static final Set<String> PROVENANCE =
      Set.of("revision", "line_number", "raw", "line_count");
  private static final String LINE_COUNT = "line_count";

  private Records() {}

  public static int revision(SpecificRecordBase r) {
    Object v = r.get("revision");
    return v == null ? 0 : (Integer) v;
  }

  public static long line(SpecificRecordBase r) {
    return (Long) r.get("line_number");
  }

  /** The physical lines the record covers (1 unless a quoted field holds a line break). */
  public static int lineCount(SpecificRecordBase r) {
    return r.getSchema().getField(LINE_COUNT) == null ? 1 : (Integer) r.get(LINE_COUNT);
  }

  /**
   * Sets the physical lines a parsed record covers, if its schema counts them; the schemas' default
   * is 1, so only a record over several lines needs this.
   */
  static void setLineCount(Object parsed, int lines) {
    if (parsed instanceof SpecificRecordBase r && r.getSchema().getField(LINE_COUNT) != null) {
      r.put(LINE_COUNT, lines);
    }
  }

  public static String raw(SpecificRecordBase r) {
    Object v = r.get("raw");
    return v == null ? "" : v.toString();
  }

  /**
   * True if the two records hold the same parsed values in every contract column (revision and
   * provenance excluded): {@code 1.0} equals {@code 1.00}, {@code true} equals {@code Y}.
   */
  public static boolean sameValues(SpecificRecordBase a, SpecificRecordBase b) {
    Schema schema = a.getSchema();
    for (Schema.Field f : schema.getFields()) {
      if (PROVENANCE.contains(f.name())) {
        continue;
      }
      if (!Objects.equals(a.get(f.pos()), b.get(f.pos()))) {
        return false;
      }
    }
    return true;
  }

  /** The reject row of an accepted record rejected later (unknown enterprise, conflict). */
  public static Reject reject(InputFile file, SpecificRecordBase r, Reason reason, String detail) {
    return reject(file, line(r), lineCount(r), reason, detail, raw(r));
  }

  /**
   * The reject of a record on one physical line. Its detail is cut to {@link
   * InputText#DETAIL_CHARS} characters (the cut marked with the full length) whatever produced it;
   * raw keeps the reader's own cut.
   */
  public static Reject reject(InputFile file, long line, Reason reason, String detail, String raw) {
    return reject(file, line, 1, reason, detail, raw);
  }

  /** The reject of a record that starts on {@code line} and covers {@code lines} lines. */
  public static Reject reject(
      InputFile file, long line, int lines, Reason reason, String detail, String raw) {
    return Reject.newBuilder()
        .setSourceFile(file.fileName())
        .setLineNumber(line)
        .setLineCount(lines)
        .setReason(reason.name())
        .setDetail(InputText.cut(detail, InputText.DETAIL_CHARS))
        .setRaw(raw)
        .build();
  }
}
