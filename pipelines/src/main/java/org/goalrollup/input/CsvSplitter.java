package org.goalrollup.input;

import java.io.IOException;
import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds where a CSV file can be cut into byte ranges ({@link Chunk}s) that a {@link CsvReader}
 * parses one by one, in parallel, into exactly the records it gives for the whole file: the same
 * fields, raw text, malformed reasons and starting physical lines.
 *
 * <p>A record may span lines (a quoted line break), so a cut is only safe where the reader of the
 * whole file would start looking for a record: right after the line break that ends a record. To
 * find those places the file is read once, as bytes, through a copy of the reader's state machine
 * that keeps nothing but the position and the line count: the leading byte-order mark (only at the
 * start of the file), blank lines (a line break at the start of a record), quoted fields with
 * {@code ""} escapes, line breaks LF, CRLF and lone CR (inside quotes a line is counted at LF and
 * at a CR not followed by LF, as the reader counts it), the two quoting errors ("text after a
 * closing quote", "quote inside an unquoted field") followed by the reader's lenient search for the
 * end of the broken record, and an unterminated quote running to the end of the file. {@link
 * #skipRecord} mirrors {@code CsvReader.next} and {@link #skipBrokenRecord} mirrors {@code
 * CsvReader.malformedToRecordEnd} statement by statement; a change to one must be made to the other
 * (CsvSplitterTest compares them on random input, and ParseCsvFile fails the run if a chunk does
 * not end with the record count and line the scan found).
 *
 * <p>Reading bytes instead of characters is exact for the two charsets of the contract, UTF-8 and
 * GB18030: in both the bytes 0x22 ({@code "}), 0x2C ({@code ,}), 0x0A (LF) and 0x0D (CR) never
 * occur inside a multi-byte character (UTF-8 continuation bytes are 0x80-0xBF; GB18030 second and
 * fourth bytes are 0x30-0x39 or 0x40-0xFE), so they are those characters wherever they occur, and
 * every other byte is text to the state machine. The byte-order mark is U+FEFF encoded in the
 * charset (EF BB BF in UTF-8, 84 31 95 33 in GB18030). A cut follows an LF or CR byte, which ends a
 * character, so every chunk starts on a character boundary. Bytes that are not valid in the charset
 * make the scan meaningless but never go unnoticed: the chunks cover the file after the header
 * without gap, each ends with an LF or CR byte, and each is decoded strictly, so a byte sequence
 * the reader of the whole file cannot decode fails the decoding of the chunk holding it.
 *
 * <p>The first record is the header; the chunks cover the data records after it. A chunk is cut
 * after the first record that brings it to {@code chunkBytes} or more, so it can be larger by one
 * record (much larger only for an unterminated quote, which runs to the end of the file). The cut
 * is placed right after the record's line break: blank lines after it belong to the next chunk,
 * whose reader skips them, and blank lines at the end of the file to the last chunk. A file with a
 * header and no data has one chunk without records.
 */
final class CsvSplitter {
  /**
   * The smallest chunk of a run: large enough that what each chunk costs besides its rows (opening
   * the file, a packing's last partial batch per bucket) stays negligible.
   */
  static final long MIN_CHUNK_BYTES = 8L << 20;

  /**
   * The chunk size for a file of {@code fileBytes} on a worker with {@code cores} cores: two chunks
   * per core, so every core is busy and a late chunk is a short tail, but no more and none under
   * {@link #MIN_CHUNK_BYTES}. Fewer chunks matter on Beam's direct runner: each chunk's rows reach
   * the enterprise join as one bundle, and the runner copies the join's bag of packed rows again
   * for every bundle that arrives, so k chunks copy a file about k/2 times (with 8 MB chunks, 55
   * for the national production file, that was 12 GB of copying and a fifth of the run in GC).
   */
  static long chunkBytes(long fileBytes, int cores) {
    long perCore = (fileBytes + 2L * cores - 1) / (2L * cores);
    return Math.max(MIN_CHUNK_BYTES, perCore);
  }

  private static final int EOF = -1;
  private static final int QUOTE = '"';
  private static final int COMMA = ',';
  private static final int LF = '\n';
  private static final int CR = '\r';

  /**
   * A byte range of a file holding whole data records.
   *
   * @param start offset of the first byte; a record (or blank lines) starts here
   * @param end offset after the last byte
   * @param firstLine physical line (1-based) at {@code start}
   * @param endLine physical line at {@code end}, as a reader of the range counts on from {@code
   *     firstLine} (the next chunk's {@code firstLine})
   * @param records the number of records in the range
   */
  record Chunk(long start, long end, long firstLine, long endLine, long records)
      implements Serializable {}

  private final ReadableByteChannel in;
  private final byte[] bom;
  private final byte[] buf = new byte[1 << 16];
  private int pos;
  private int len;
  private long bufStart;
  private long line = 1;
  private boolean started;

  private CsvSplitter(ReadableByteChannel in, String charset) {
    String name = Charset.forName(charset).name();
    if (!name.equals("UTF-8") && !name.equals("GB18030")) {
      throw new IllegalArgumentException(
          "CSV files can be split in UTF-8 and GB18030 only, not " + charset);
    }
    this.in = in;
    this.bom = "\uFEFF".getBytes(Charset.forName(charset));
  }

  /**
   * Reads {@code in} (a whole file, from its start) once and cuts the data records after its header
   * into chunks of about {@code chunkBytes}. Returns no chunk for a file without a header record.
   */
  static List<Chunk> chunks(ReadableByteChannel in, String charset, long chunkBytes)
      throws IOException {
    CsvSplitter s = new CsvSplitter(in, charset);
    List<Chunk> out = new ArrayList<>();
    if (!s.skipRecord()) {
      return out;
    }
    long start = s.position();
    long startLine = s.line;
    long records = 0;
    // A cut found after a record is made only when another record follows, so trailing blank
    // lines stay in the last chunk instead of making a chunk without records.
    long cut = -1;
    long cutLine = 0;
    while (s.skipRecord()) {
      if (cut >= 0) {
        out.add(new Chunk(start, cut, startLine, cutLine, records));
        start = cut;
        startLine = cutLine;
        records = 0;
        cut = -1;
      }
      records++;
      if (s.position() - start >= chunkBytes) {
        cut = s.position();
        cutLine = s.line;
      }
    }
    out.add(new Chunk(start, s.position(), startLine, s.line, records));
    return out;
  }

  private long position() {
    return bufStart + pos;
  }

  /**
   * Moves past the next record as {@code CsvReader.next} reads it, blank lines before it included;
   * returns false, at the end of the input, if there is none.
   */
  private boolean skipRecord() throws IOException {
    if (!started) {
      started = true;
      skipBom();
    }
    // Skip blank lines: a line break right at the start of a record.
    while (true) {
      int c = peek();
      if (c == EOF) {
        return false;
      }
      if (c == LF || c == CR) {
        skipLineBreak();
        continue;
      }
      break;
    }
    while (true) {
      int c = peek();
      if (c == QUOTE) {
        pos++;
        // Quoted field.
        while (true) {
          int q = read();
          if (q == EOF) {
            return true; // unterminated quoted field running to end of file
          }
          if (q == QUOTE) {
            if (peek() == QUOTE) {
              pos++;
            } else {
              break;
            }
          } else if (q == LF || (q == CR && peek() != LF)) {
            line++;
          }
        }
        int after = peek();
        if (after != COMMA && after != LF && after != CR && after != EOF) {
          skipBrokenRecord(); // text after a closing quote
          return true;
        }
      } else {
        while (true) {
          // ordinary bytes are skipped in a tight loop over the buffer: the scan of a national
          // production file is on the critical path before any chunk is parsed
          int i = pos;
          while (i < len) {
            byte b = buf[i];
            if (b == COMMA || b == LF || b == CR || b == QUOTE) {
              break;
            }
            i++;
          }
          pos = i;
          int u = peek();
          if (u == COMMA || u == LF || u == CR || u == EOF) {
            break;
          }
          if (u == QUOTE) {
            skipBrokenRecord(); // quote inside an unquoted field
            return true;
          }
          pos++;
        }
      }
      int sep = peek();
      if (sep == COMMA) {
        pos++;
        continue;
      }
      if (sep != EOF) {
        skipLineBreak();
      }
      return true;
    }
  }

  /**
   * Mirrors {@code CsvReader.malformedToRecordEnd}: the lenient search for a broken record's end.
   */
  private void skipBrokenRecord() throws IOException {
    boolean inQuotes = false;
    boolean atFieldStart = false;
    while (true) {
      int c = peek();
      if (c == EOF) {
        return;
      }
      if (inQuotes) {
        pos++;
        if (c == QUOTE) {
          if (peek() == QUOTE) {
            pos++;
          } else {
            inQuotes = false;
          }
        } else if (c == LF || (c == CR && peek() != LF)) {
          line++;
        }
        continue;
      }
      if (c == LF || c == CR) {
        skipLineBreak();
        return;
      }
      pos++;
      inQuotes = c == QUOTE && atFieldStart;
      atFieldStart = c == COMMA;
    }
  }

  private void skipLineBreak() throws IOException {
    int c = read();
    if (c == CR && peek() == LF) {
      pos++;
    }
    line++;
  }

  /** Skips the byte-order mark if the file starts with it; called once, at the start. */
  private void skipBom() throws IOException {
    ByteBuffer b = ByteBuffer.wrap(buf);
    while (len < bom.length) {
      b.position(len);
      int n = in.read(b);
      if (n < 0) {
        return;
      }
      len += n;
    }
    if (Arrays.equals(buf, 0, bom.length, bom, 0, bom.length)) {
      pos = bom.length;
    }
  }

  private int peek() throws IOException {
    if (pos == len) {
      bufStart += len;
      pos = 0;
      len = 0;
      ByteBuffer b = ByteBuffer.wrap(buf);
      int n;
      do {
        n = in.read(b);
      } while (n == 0);
      if (n < 0) {
        return EOF;
      }
      len = n;
    }
    return buf[pos] & 0xFF;
  }

  private int read() throws IOException {
    int c = peek();
    if (c != EOF) {
      pos++;
    }
    return c;
  }
}
