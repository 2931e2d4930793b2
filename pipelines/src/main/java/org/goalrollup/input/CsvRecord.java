package org.goalrollup.input;

import java.io.Serializable;
import java.util.List;

/**
 * One record of a CSV file as the strict RFC 4180 reader saw it: where it starts, how many physical
 * lines it covers, its fields and its raw text, or the reason it could not be tokenised.
 *
 * @param line physical line (1-based) where the record starts
 * @param fields the decoded fields; empty when {@code malformed} is set
 * @param raw the record's text without its final line break (several lines for a multi-line record;
 *     for a malformed record only its first line)
 * @param malformed null for a well-formed record, else why the quoting is broken
 * @param lines the physical lines the record covers: more than 1 only for a well-formed record with
 *     a quoted line break; always 1 for a malformed record
 */
public record CsvRecord(long line, List<String> fields, String raw, String malformed, int lines)
    implements Serializable {

  /** A record on one physical line. */
  public CsvRecord(long line, List<String> fields, String raw, String malformed) {
    this(line, fields, raw, malformed, 1);
  }

  public boolean isMalformed() {
    return malformed != null;
  }
}
