package org.goalrollup.input;

import java.util.Objects;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecordBase;
import org.goalrollup.model.Reject;

/**
 * Provenance of accepted input records: every input schema carries {@code revision}, {@code
 * line_number} and {@code raw} beside the contract's columns.
 */
public final class Records {
  private static final Set<String> PROVENANCE = Set.of("revision", "line_number", "raw");

  private Records() {}

  public static int revision(SpecificRecordBase r) {
    Object v = r.get("revision");
    return v == null ? 0 : (Integer) v;
  }

  public static long line(SpecificRecordBase r) {
    return (Long) r.get("line_number");
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
    return reject(file, line(r), reason, detail, raw(r));
  }

  /**
   * The reject row of a line. Its detail is cut to {@link InputText#DETAIL_CHARS} characters (the
   * cut marked with the full length) whatever produced it; raw keeps the reader's own cut.
   */
  public static Reject reject(InputFile file, long line, Reason reason, String detail, String raw) {
    return Reject.newBuilder()
        .setSourceFile(file.fileName())
        .setLineNumber(line)
        .setReason(reason.name())
        .setDetail(InputText.cut(detail, InputText.DETAIL_CHARS))
        .setRaw(raw)
        .build();
  }
}
