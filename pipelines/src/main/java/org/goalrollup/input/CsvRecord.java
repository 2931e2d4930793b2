package org.goalrollup.input;

import java.io.Serializable;
import java.util.List;

/**
 * One record of a CSV file as the strict RFC 4180 reader saw it: where it starts, its fields and
 * its raw text, or the reason it could not be tokenised.
 *
 * @param line physical line (1-based) where the record starts
 * @param fields the decoded fields; empty when {@code malformed} is set
 * @param raw the record's text without its final line break (several lines for a multi-line record)
 * @param malformed null for a well-formed record, else why the quoting is broken
 */
public record CsvRecord(long line, List<String> fields, String raw, String malformed)
    implements Serializable {

  public boolean isMalformed() {
    return malformed != null;
  }
}
