package org.goalrollup.input;

/** Thrown by a row parser when a row cannot be used; carries the contract reason and a detail. */
public final class RowRejected extends Exception {
  private final Reason reason;
  private final String column;

  public RowRejected(Reason reason, String column, String detail) {
    super(detail, null, false, false);
    this.reason = reason;
    this.column = column;
  }

  public Reason reason() {
    return reason;
  }

  /** The column at fault, or null for a row-level fault (malformed row, unknown enterprise). */
  public String column() {
    return column;
  }

  public String detail() {
    return getMessage();
  }
}
