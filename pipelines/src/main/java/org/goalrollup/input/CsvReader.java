package org.goalrollup.input;

import java.io.Closeable;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A strict RFC 4180 tokenizer that keeps going after a broken record, at the cost of one line.
 *
 * <p>Written by hand, not taken from FastCSV or Commons CSV, because the contract needs things
 * together that neither library gives: every record's starting physical line, its span of lines and
 * its raw text (for the rejects output and the line accounting); a quote inside an unquoted field
 * and text after a closing quote treated as errors (both libraries accept them leniently or abort
 * the whole read); and the contract's rule for a broken record (section 4, changed 2026-12-04): a
 * quoted field may hold a line break, but a record that covers several physical lines is trusted
 * only when it is well formed: every quote closed, no text after a closing quote, no quote inside
 * an unquoted field, the header's field count, and at most {@link #MAX_RECORD_LINES} lines.
 * Otherwise only its first physical line is a malformed record (raw = that line) and reading
 * resumes on the next physical line, so one stray quote costs one line and never the rows after it.
 * A record that breaks on its first line is that line.
 *
 * <p>To resume on the next line the reader keeps, while a record runs past its first line, the text
 * from the end of that line in its buffer (the buffer grows if it must); {@link #MAX_RECORD_LINES}
 * bounds how far a stray quote makes it read ahead before giving up.
 *
 * <p>The first record of a file is its header: its field count is the one a multi-line record must
 * have (a reader of a chunk is told the count). Line breaks are LF, CRLF or a lone CR. A blank line
 * (nothing between two line breaks) is skipped; a line of spaces or commas is a record. A leading
 * byte-order mark is ignored. Nothing is trimmed. A record's raw text is kept up to 64 K
 * characters.
 */
public final class CsvReader implements Closeable {
  /**
   * The most physical lines one record may cover. A quoted field holding more line breaks than a
   * name, an address or a note would is taken as a stray quote: without a bound, one quote that is
   * never closed would make the reader hold the rest of a large file before it could resume.
   */
  public static final int MAX_RECORD_LINES = 100;

  /** The field count of a reader that has not read a header and was not told one. */
  static final int UNKNOWN_FIELDS = -1;

  private static final int EOF = -1;

  private final Reader in;
  private char[] buf = new char[1 << 16];
  private int pos;
  private int len;
  private long line;
  private boolean started;

  /** The header's field count, which a record covering several lines must have. */
  private int headerFields;

  /** True until the first record of a whole file (its header) is read. */
  private boolean headerNext;

  /** The text of the record being read, from earlier buffers; null between records. */
  private RawText raw;

  /** Where the record being read starts in the buffer (after a refill: where new text starts). */
  private int spanStart = -1;

  /**
   * Where the line after the first line of the record being read starts in the buffer, once the
   * record has run past its first line break (inside quotes); -1 while it is on its first line.
   * Reading resumes here if the record turns out broken, so the buffer keeps the text from here on.
   */
  private int resume = -1;

  /** The text of the record's first line, taken when the record runs past it. */
  private String firstLine;

  public CsvReader(Reader in) {
    this(in, 1, true, UNKNOWN_FIELDS);
  }

  /**
   * A reader of part of a file that begins where a record may start ({@link CsvSplitter} finds such
   * places): physical lines are counted from {@code firstLine}. At the start of a file ({@code
   * atFileStart}) a leading byte-order mark is ignored and the first record is the header, whose
   * field count multi-line records must have; elsewhere the mark is text, as it would be to a
   * reader of the whole file, and {@code headerFields} is that count ({@link #UNKNOWN_FIELDS} if
   * the file has no well-formed header).
   */
  CsvReader(Reader in, long firstLine, boolean atFileStart, int headerFields) {
    this.in = in;
    this.line = firstLine;
    this.started = !atFileStart;
    this.headerNext = atFileStart;
    this.headerFields = atFileStart ? UNKNOWN_FIELDS : headerFields;
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
    CsvRecord r = record();
    if (headerNext) {
      headerNext = false;
      if (!r.isMalformed()) {
        headerFields = r.fields().size();
      }
    }
    return r;
  }

  private CsvRecord record() throws IOException {
    long start = line;
    // the record's text is the span of the input from here to its line break: taken from the
    // buffer at the end, with what earlier buffers held kept in raw (see refill)
    raw = new RawText();
    spanStart = pos;
    resume = -1;
    firstLine = null;
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
            return broken(
                start,
                resume < 0
                    ? "unterminated quoted field at the end of the file"
                    : "a quoted field opened on this line is never closed");
          }
          if (q == '"') {
            if (peek() == '"') {
              read();
              field.append('"');
            } else {
              break;
            }
          } else {
            // a line break inside quotes, or an ordinary character at the start of a new buffer
            if (firstLine == null && (q == '\n' || q == '\r')) {
              firstLine = raw.with(buf, spanStart, pos - 1);
            }
            if (q == '\n' || (q == '\r' && peek() != '\n')) {
              line++;
              if (resume < 0) {
                resume = pos;
              }
              if (line - start >= MAX_RECORD_LINES) {
                return broken(
                    start,
                    "a quoted field opened on this line runs on to line "
                        + line
                        + ", past the "
                        + MAX_RECORD_LINES
                        + " lines a record may cover");
              }
            }
            field.append((char) q);
          }
        }
        int after = peek();
        if (after != ',' && after != '\n' && after != '\r' && after != EOF) {
          return broken(start, where("text after a closing quote"));
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
            return broken(start, where("quote inside an unquoted field"));
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
      int lines = (int) (line - start + 1);
      if (lines > 1 && headerFields != UNKNOWN_FIELDS && fields.size() != headerFields) {
        return broken(
            start,
            "a quoted field opened on this line makes a record of lines "
                + start
                + "-"
                + line
                + " with "
                + fields.size()
                + " fields where the header has "
                + headerFields);
      }
      String text = endRaw();
      if (sep != EOF) {
        consumeLineBreak();
      }
      return new CsvRecord(start, fields, text, null, lines);
    }
  }

  /**
   * The reason for a quoting fault found at the reader's position: as it is if the record is still
   * on its first line, else saying that the fault is on a later line.
   */
  private String where(String fault) {
    return resume < 0
        ? fault
        : "a quoted field opened on this line runs on to line "
            + line
            + ", where there is "
            + fault;
  }

  /**
   * The record starting on line {@code start} is broken: it is its first physical line, and the
   * reader moves to the start of the next one.
   */
  private CsvRecord broken(long start, String why) throws IOException {
    if (resume >= 0) {
      // the record ran past its first line: go back to the start of the second
      String text = firstLine;
      pos = resume;
      line = start + 1;
      raw = null;
      spanStart = -1;
      resume = -1;
      firstLine = null;
      return new CsvRecord(start, List.of(), text, why, 1);
    }
    // the fault is on the record's first line: the rest of that line belongs to it
    while (true) {
      int c = peek();
      if (c == EOF || c == '\n' || c == '\r') {
        break;
      }
      int i = pos;
      while (i < len && buf[i] != '\n' && buf[i] != '\r') {
        i++;
      }
      pos = i;
    }
    String text = endRaw();
    if (peek() != EOF) {
      consumeLineBreak();
    }
    return new CsvRecord(start, List.of(), text, why, 1);
  }

  /** The text of the record that ends at {@code pos}. */
  private String endRaw() {
    String text = raw.end(buf, spanStart, pos);
    raw = null;
    spanStart = -1;
    resume = -1;
    firstLine = null;
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
    if (pos == len && !refill()) {
      return EOF;
    }
    return buf[pos];
  }

  /**
   * Reads more input into the buffer; false at the end of the input. The part of the record being
   * read that the buffer holds goes to its raw text; the text from {@link #resume} on stays in the
   * buffer (moved to its start), since reading may go back there.
   */
  private boolean refill() throws IOException {
    if (spanStart >= 0) {
      raw.add(buf, spanStart, len - spanStart);
    }
    int keep = 0;
    if (resume >= 0) {
      keep = len - resume;
      if (keep > buf.length / 2) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      System.arraycopy(buf, resume, buf, 0, keep);
      resume = 0;
    }
    pos = keep;
    len = keep;
    if (spanStart >= 0) {
      spanStart = keep;
    }
    int n = in.read(buf, keep, buf.length - keep);
    if (n <= 0) {
      return false;
    }
    len = keep + n;
    return true;
  }

  private int read() throws IOException {
    int c = peek();
    if (c != EOF) {
      pos++;
    }
    return c;
  }

  /**
   * The raw text of a record, kept up to {@link #MAX_RAW} characters, so that a reject never holds
   * a huge record in memory or in the rejects output.
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

    /** What {@link #end} would return, leaving this text as it is. */
    String with(char[] chars, int from, int to) {
      RawText copy = new RawText();
      copy.text.append(text);
      copy.cut = cut;
      return copy.end(chars, from, to);
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
