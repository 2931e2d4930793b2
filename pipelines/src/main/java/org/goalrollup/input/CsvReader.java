package org.goalrollup.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A strict RFC 4180 tokenizer that keeps going after a broken record.
 *
 * <p>Written by hand, not taken from FastCSV or Commons CSV, because the contract needs four things
 * together that neither library gives: every record's starting physical line and its raw text (for
 * the rejects output); a quote inside an unquoted field and text after a closing quote treated as
 * errors (both libraries accept them leniently or abort the whole read); recovery at the end of a
 * broken record (found leniently, so a broken record may span lines), so one bad row never hides
 * the rest of the file; and an unterminated quote reported as one malformed record running to the
 * end of the file. A record's raw text is kept up to 64 K characters.
 *
 * <p>Line breaks are LF, CRLF or a lone CR. A blank line (nothing between two line breaks) is
 * skipped; a line of spaces or commas is a record. A leading byte-order mark is ignored. Nothing is
 * trimmed.
 */
public final class CsvReader implements Closeable {
  private static final int EOF = -1;

  private final Reader in;
  private final char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  private long line;
  private boolean started;

  /** The text of the record being read, from earlier buffers; null between records. */
  private RawText raw;

  /** Where the record being read starts in the buffer (0 after a refill); -1 between records. */
  private int spanStart = -1;

  public CsvReader(Reader in) {
    this(in, 1, true);
  }

  /**
   * A reader of part of a file that begins where a record may start ({@link CsvSplitter} finds such
   * places): physical lines are counted from {@code firstLine}, and a leading byte-order mark is
   * ignored only if {@code atFileStart} (elsewhere it is text, as it would be to a reader of the
   * whole file).
   */
  CsvReader(Reader in, long firstLine, boolean atFileStart) {
    this.in = in;
    this.line = firstLine;
    this.started = !atFileStart;
  }

  /** The physical line (1-based) of the reader's position. */
  long line() {
    return line;
  }

  /** Returns the next record, or null at the end of the input. */
  public CsvRecord next() throws IOException {
    if (!started) {
      started = true;
      if (peek() == '\uFEFF') {
        read();
      }
    }
    // Skip blank lines: a line break right at the start of a record.
    while (true) {
      int c = peek();
      if (c == EOF) {
        return null;
      }
      if (c == '\n' || c == '\r') {
        consumeLineBreak();
        continue;
      }
      break;
    }
    long start = line;
    // the record's text is the span of the input from here to its line break: taken from the
    // buffer at the end, with what earlier buffers held kept in raw (see peek)
    raw = new RawText();
    spanStart = pos;
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    while (true) {
      int c = peek();
      if (c == '"') {
        read();
        // Quoted field.
        while (true) {
          // a run of ordinary characters in the buffer is taken at once
          int run = run(true);
          if (run > 0) {
            field.append(buf, pos, run);
            pos += run;
            continue;
          }
          int q = read();
          if (q == EOF) {
            return new CsvRecord(
                start, List.of(), endRaw(), "unterminated quoted field running to end of file");
          }
          if (q == '"') {
            if (peek() == '"') {
              read();
              field.append('"');
            } else {
              break;
            }
          } else {
            if (q == '\n' || (q == '\r' && peek() != '\n')) {
              line++;
            }
            field.append((char) q);
          }
        }
        int after = peek();
        if (after != ',' && after != '\n' && after != '\r' && after != EOF) {
          return malformedToRecordEnd(start, "text after a closing quote");
        }
        fields.add(field.toString());
        field.setLength(0);
      } else {
        String whole = null; // the field when it is one run inside the buffer: no copying
        while (true) {
          int u = peek();
          if (u == ',' || u == '\n' || u == '\r' || u == EOF) {
            break;
          }
          if (u == '"') {
            return malformedToRecordEnd(start, "quote inside an unquoted field");
          }
          // u is ordinary, so the run has at least one character; take it at once
          int run = run(false);
          if (whole == null && field.length() == 0 && pos + run < len) {
            whole = new String(buf, pos, run);
          } else {
            if (whole != null) {
              field.append(whole);
              whole = null;
            }
            field.append(buf, pos, run);
          }
          pos += run;
        }
        fields.add(whole != null ? whole : field.toString());
        field.setLength(0);
      }
      int sep = peek();
      if (sep == ',') {
        read();
        continue;
      }
      String text = endRaw();
      if (sep != EOF) {
        consumeLineBreak();
      }
      return new CsvRecord(start, fields, text, null);
    }
  }

  /**
   * After a quoting error, finds where the broken record ends by reading on leniently: a quote
   * opens a quoted field only at a field start (a line break inside it belongs to the record), any
   * other quote is taken as text. So a broken record that spans lines is one reject, and an opened
   * quote that never closes runs to the end of the file.
   */
  private CsvRecord malformedToRecordEnd(long start, String why) throws IOException {
    boolean inQuotes = false;
    boolean atFieldStart = false;
    while (true) {
      int c = peek();
      if (c == EOF) {
        break;
      }
      if (inQuotes) {
        read();
        if (c == '"') {
          if (peek() == '"') {
            read();
          } else {
            inQuotes = false;
          }
        } else if (c == '\n' || (c == '\r' && peek() != '\n')) {
          line++;
        }
        continue;
      }
      if (c == '\n' || c == '\r') {
        String text = endRaw();
        consumeLineBreak();
        return new CsvRecord(start, List.of(), text, why);
      }
      read();
      inQuotes = c == '"' && atFieldStart;
      atFieldStart = c == ',';
    }
    return new CsvRecord(start, List.of(), endRaw(), why);
  }

  /** The text of the record that ends at {@code pos}. */
  private String endRaw() {
    String text = raw.end(buf, spanStart, pos);
    raw = null;
    spanStart = -1;
    return text;
  }

  private void consumeLineBreak() throws IOException {
    int c = read();
    if (c == '\r' && peek() == '\n') {
      read();
    }
    line++;
  }

  /**
   * The number of characters from {@code pos} in the buffer up to the first one that ends or
   * changes a field: a quote or a line break, and outside quotes also a comma.
   */
  private int run(boolean quoted) {
    int i = pos;
    while (i < len) {
      char c = buf[i];
      if (c == '"' || c == '\n' || c == '\r' || (!quoted && c == ',')) {
        break;
      }
      i++;
    }
    return i - pos;
  }

  private int peek() throws IOException {
    if (pos == len) {
      if (spanStart >= 0) {
        // the buffer is about to be refilled: keep the part of the record's text it holds
        raw.add(buf, spanStart, len - spanStart);
        spanStart = 0;
      }
      len = in.read(buf, 0, buf.length);
      pos = 0;
      if (len <= 0) {
        len = 0;
        return EOF;
      }
    }
    return buf[pos];
  }

  private int read() throws IOException {
    int c = peek();
    if (c != EOF) {
      pos++;
    }
    return c;
  }

  /**
   * The raw text of a record, kept up to {@link #MAX_RAW} characters: a broken record can run to
   * the end of a large file, and its reject must not hold the whole file in memory.
   */
  static final class RawText {
    static final int MAX_RAW = 64 * 1024;
    private final StringBuilder text = new StringBuilder();
    private long cut;

    void add(char[] chars, int from, int count) {
      int room = MAX_RAW - text.length();
      if (count <= room) {
        text.append(chars, from, count);
      } else {
        text.append(chars, from, room);
        cut += count - room;
      }
    }

    /**
     * The whole text, ending with {@code chars[from, to)}: a record within one buffer is one copy.
     */
    String end(char[] chars, int from, int to) {
      if (text.length() == 0 && cut == 0 && to - from <= MAX_RAW) {
        return new String(chars, from, to - from);
      }
      add(chars, from, to - from);
      return toString();
    }

    @Override
    public String toString() {
      return cut == 0 ? text.toString() : text + "...[" + cut + " more characters not kept]";
    }
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
