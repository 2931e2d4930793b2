package org.goalrollup.input;

import java.util.List;

/** One well-formed data record of a file, with its fields reachable by column name. */
public final class Row {
  private final Header header;
  private final CsvRecord record;

  public Row(Header header, CsvRecord record) {
    this.header = header;
    this.record = record;
  }

  public long line() {
    return record.line();
  }

  public String raw() {
    return record.raw();
  }

  /** The value of a required column; an empty value is MISSING_FIELD. */
  public String required(String column) throws RowRejected {
    String v = optional(column);
    if (v == null) {
      throw new RowRejected(Reason.MISSING_FIELD, column, column + ": required value is empty");
    }
    return v;
  }

  /** The value of an optional column, or null when the column is absent or the value empty. */
  public String optional(String column) {
    int i = header.indexOf(column);
    if (i < 0) {
      return null;
    }
    List<String> fields = record.fields();
    String v = fields.get(i);
    return v.isEmpty() ? null : v;
  }

  /** The optional integer {@code revision} column; empty or absent = 0. */
  public int revision() throws RowRejected {
    String v = optional("revision");
    if (v == null) {
      return 0;
    }
    long r = Values.integer("revision", v);
    if (r < Integer.MIN_VALUE || r > Integer.MAX_VALUE) {
      throw new RowRejected(
          Reason.INVALID_NUMBER, "revision", "revision: " + Values.quote(v) + " is too large");
    }
    return (int) r;
  }
}
