package org.goalrollup.input;

import java.util.ArrayList;
import java.util.List;

/**
 * The contract's reading rule written as plainly as possible, as the reference the differential
 * tests compare {@link CsvReader} (and, through it, {@link CsvSplitter}) with. It shares no code
 * with the reader and works another way: the whole input is one string, each record is tried from
 * the start of a physical line by a strict parse that either succeeds or says why not, and going
 * back to the next line after a broken record is taking an index. Slow and simple on purpose.
 *
 * <p>The rule (contract section 4, changed 2026-12-04): a quoted field may hold a line break, but a
 * record covering several physical lines is trusted only when it is well formed (every quote
 * closed, no text after a closing quote, no quote inside an unquoted field, the header's field
 * count, at most {@link CsvReader#MAX_RECORD_LINES} lines); otherwise only its first physical line
 * is a malformed record, with that line as its raw text, and reading resumes on the next line. The
 * first record of a file is its header. The reasons are worded as the reader words them.
 */
final class ReferenceCsvReader {
  private static final int MAX_RAW = CsvReader.RawText.MAX_RAW;
  private static final int MAX_LINES = CsvReader.MAX_RECORD_LINES;

  private ReferenceCsvReader() {}

  /** The records of a whole file. */
  static List<CsvRecord> read(String text) {
    return read(text, 1, true, CsvReader.UNKNOWN_FIELDS);
  }

  /**
   * The records of {@code text}, the part of a file from a place where a record may start: lines
   * counted from {@code firstLine}; at the file start a byte-order mark is skipped and the first
   * record is the header, else {@code headerFields} is the header's field count.
   */
  static List<CsvRecord> read(String text, long firstLine, boolean atFileStart, int headerFields) {
    List<CsvRecord> out = new ArrayList<>();
    int i = atFileStart && text.startsWith("\uFEFF") ? 1 : 0;
    long line = firstLine;
    int expected = atFileStart ? CsvReader.UNKNOWN_FIELDS : headerFields;
    boolean header = atFileStart;
    while (i < text.length()) {
      if (isBreak(text.charAt(i))) {
        i = afterBreak(text, i); // a blank line
        line++;
        continue;
      }
      Attempt a = new Attempt(text, i, line, expected);
      if (a.why == null) {
        out.add(new CsvRecord(line, a.fields, cut(text.substring(i, a.end)), null, a.lines));
        i = a.end < text.length() ? afterBreak(text, a.end) : a.end;
        line += a.lines;
      } else {
        int end = i;
        while (end < text.length() && !isBreak(text.charAt(end))) {
          end++;
        }
        out.add(new CsvRecord(line, List.of(), cut(text.substring(i, end)), a.why, 1));
        i = end < text.length() ? afterBreak(text, end) : end;
        line++;
      }
      if (header) {
        header = false;
        if (a.why == null) {
          expected = a.fields.size();
        }
      }
    }
    return out;
  }

  /** A strict parse of one record from {@code start}: its fields and end, or why it fails. */
  private static final class Attempt {
    final List<String> fields = new ArrayList<>();
    int end;
    int lines = 1;
    String why;

    Attempt(String text, int start, long startLine, int expected) {
      int p = start;
      while (true) {
        StringBuilder f = new StringBuilder();
        if (p < text.length() && text.charAt(p) == '"') {
          p++;
          while (true) {
            if (p == text.length()) {
              why =
                  lines == 1
                      ? "unterminated quoted field at the end of the file"
                      : "a quoted field opened on this line is never closed";
              return;
            }
            char c = text.charAt(p);
            if (c == '"') {
              if (p + 1 < text.length() && text.charAt(p + 1) == '"') {
                f.append('"');
                p += 2;
                continue;
              }
              p++;
              break;
            }
            if (isBreak(c)) {
              int next = afterBreak(text, p);
              f.append(text, p, next);
              p = next;
              lines++;
              if (lines > MAX_LINES) {
                why =
                    "a quoted field opened on this line runs on to line "
                        + (startLine + lines - 1)
                        + ", past the "
                        + MAX_LINES
                        + " lines a record may cover";
                return;
              }
              continue;
            }
            f.append(c);
            p++;
          }
          if (p < text.length() && text.charAt(p) != ',' && !isBreak(text.charAt(p))) {
            why = fault("text after a closing quote", startLine);
            return;
          }
        } else {
          while (p < text.length() && text.charAt(p) != ',' && !isBreak(text.charAt(p))) {
            if (text.charAt(p) == '"') {
              why = fault("quote inside an unquoted field", startLine);
              return;
            }
            f.append(text.charAt(p));
            p++;
          }
        }
        fields.add(f.toString());
        if (p < text.length() && text.charAt(p) == ',') {
          p++;
          continue;
        }
        break;
      }
      if (lines > 1 && expected != CsvReader.UNKNOWN_FIELDS && fields.size() != expected) {
        why =
            "a quoted field opened on this line makes a record of lines "
                + startLine
                + "-"
                + (startLine + lines - 1)
                + " with "
                + fields.size()
                + " fields where the header has "
                + expected;
        return;
      }
      end = p;
    }

    private String fault(String fault, long startLine) {
      return lines == 1
          ? fault
          : "a quoted field opened on this line runs on to line "
              + (startLine + lines - 1)
              + ", where there is "
              + fault;
    }
  }

  private static boolean isBreak(char c) {
    return c == '\n' || c == '\r';
  }

  /** The index after the line break (LF, CRLF or a lone CR) at {@code i}. */
  private static int afterBreak(String text, int i) {
    return text.charAt(i) == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n'
        ? i + 2
        : i + 1;
  }

  /** A raw text as the reader keeps it: up to {@link #MAX_RAW} characters, the cut marked. */
  private static String cut(String raw) {
    return raw.length() <= MAX_RAW
        ? raw
        : raw.substring(0, MAX_RAW)
            + "...["
            + (raw.length() - MAX_RAW)
            + " more characters not kept]";
  }
}
