package org.goalrollup.output;

/**
 * The line accounting of one input file: every physical line is blank, a line of the header, or a
 * line of an accepted or of a rejected record, so {@code physical = blank + header + accepted +
 * rejected}. Each count comes from its own place in the run (the bytes, the scan, the resolved
 * records, the final rejects), so a line lost or counted twice anywhere on the way shows here.
 *
 * @param physical physical lines, counted over the file's bytes
 * @param blank empty lines where a record would start
 * @param header lines of the header record
 * @param accepted lines of the records accepted (in force, superseded or collapsed)
 * @param rejected lines of the records rejected (a malformed row is one line; a well-formed record
 *     over several lines rejected for its values counts all of them)
 */
public record LineAccount(long physical, long blank, long header, long accepted, long rejected) {

  /** The lines that hold data: all but the blank lines and the header. */
  public long dataLines() {
    return physical - blank - header;
  }

  public boolean addsUp() {
    return physical == blank + header + accepted + rejected;
  }

  /** Rejected lines / data lines; 0 for a file without data lines. */
  public double rejectRate() {
    long data = dataLines();
    return data <= 0 ? 0 : (double) rejected / data;
  }

  /** Null if the lines add up, else the message naming the file and every count. */
  public String check(String fileName) {
    if (addsUp()) {
      return null;
    }
    long sum = blank + header + accepted + rejected;
    long off = physical - sum;
    return String.format(
        "%s: the lines do not add up: %d physical lines, but %d blank + %d header + %d accepted"
            + " + %d rejected = %d (%d line%s %s); the run's counts cannot be trusted",
        fileName,
        physical,
        blank,
        header,
        accepted,
        rejected,
        sum,
        Math.abs(off),
        Math.abs(off) == 1 ? "" : "s",
        off > 0 ? "unaccounted for" : "counted twice");
  }
}
