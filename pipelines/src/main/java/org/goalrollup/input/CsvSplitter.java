package org.goalrollup.input;

import java.io.IOException;
import java.io.Serializable;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Finds where a CSV file can be cut into byte ranges ({@link Chunk}s) that a {@link CsvReader}
 * parses one by one, in parallel, into exactly the records it gives for the whole file: the same
 * fields, raw text, malformed reasons, starting physical lines and spans of lines. The same pass
 * counts the file's physical lines over its bytes, for the line accounting of the run.
 *
 * <p>A record may span lines (a quoted line break), and whether the reader trusts such a record
 * depends on what follows: a record covering several lines is trusted only when it is well formed
 * (every quote closed, no text after a closing quote, no quote inside an unquoted field, the
 * header's field count, at most {@link CsvReader#MAX_RECORD_LINES} lines); otherwise the reader
 * takes its first line as a malformed record and resumes on the next line. So whether a line break
 * ends a record cannot be told from the parity of the quotes before it: a cut is only safe where
 * the reader of the whole file starts a record. To find those places the file is read once, as
 * bytes, through a copy of the reader's state machine that keeps nothing but the position, the line
 * count, the field count of the record and, while a record runs past its first line, the bytes from
 * the end of that line (to go back there if the record breaks): the leading byte-order mark (only
 * at the start of the file), blank lines (a line break at the start of a record), quoted fields
 * with {@code ""} escapes, line breaks LF, CRLF and lone CR (inside quotes a line is counted at LF
 * and at a CR not followed by LF, as the reader counts it), the header's field count, and the
 * reader's faults and where it resumes after each. {@link #skipRecord} mirrors {@code
 * CsvReader.record} and {@link #broken} mirrors {@code CsvReader.broken} statement by statement; a
 * change to one must be made to the other (CsvSplitterTest compares them on random input, and
 * ParseCsvFile fails the run if a chunk does not end with the record count and line the scan
 * found). A reader of a chunk starts at such a place with the header's field count. Its records are
 * those of the whole-file reader because a record's fate depends only on the text from its start
 * on, and a cut is also never placed before a byte the reader looked at to break a record after its
 * first line (a record that is trusted ends before the cut anyway): the reader of the chunk sees
 * the same fault at the same place, so gives the same reason.
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
 * after the first record that brings it to {@code chunkBytes} or more and lies past every byte
 * looked at to break a record (at most {@link CsvReader#MAX_RECORD_LINES} lines on), so it can be
 * larger by that. The cut is placed right after the record's line break (after a broken record:
 * after its first line): blank lines after it belong to the next chunk, whose reader skips them,
 * and blank lines at the end of the file to the last chunk. A file with a header and no data has
 * one chunk without records.
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

  /**
   * A byte range of a file holding whole data records.
   *
   * @param start offset of the first byte; a record (or blank lines) starts here
   * @param end offset after the last byte
   * @param firstLine physical line (1-based) at {@code start}
   * @param endLine physical line at {@code end}, as a reader of the range counts on from {@code
   *     firstLine} (the next chunk's {@code firstLine})
   * @param records the number of records in the range
   * @param headerFields the field count of the file's header ({@link CsvReader#UNKNOWN_FIELDS} if
   *     the header is malformed), which the reader of the range needs
   */
  record Chunk(long start, long end, long firstLine, long endLine, long records, int headerFields)
      implements Serializable {}

  /**
   * What one pass over a file found: where to cut it, and the accounting of its physical lines.
   *
   * @param chunks the chunks of the data records after the header; none without a header
   * @param physicalLines the file's physical lines, counted over its bytes alone (LF, CRLF and lone
   *     CR end a line; a last line without a line break counts; the byte-order mark is no line)
   * @param blankLines empty lines where a record would start (an empty line inside a quoted field
   *     is part of its record)
   * @param headerLines the physical lines of the header record: 1, more for a quoted line break in
   *     a header name, 0 without a header
   */
  record Scan(List<Chunk> chunks, long physicalLines, long blankLines, long headerLines) {}

  private static final int EOF = -1;
  private static final int QUOTE = '"';
  private static final int COMMA = ',';
  private static final int LF = '\n';
  private static final int CR = '\r';

  private final ReadableByteChannel in;
  private final byte[] bom;
  private byte[] buf = new byte[1 << 16];
  private int pos;
  private int len;

  /** The file offset of {@code buf[0]}. */
  private long bufStart;

  private long line = 1;
  private boolean started;

  /** The header's field count once it is read, as in {@code CsvReader}. */
  private int headerFields = CsvReader.UNKNOWN_FIELDS;

  /** As {@code CsvReader.resume}: where reading goes back to if the current record breaks. */
  private int resume = -1;

  /** Whether the last record skipped was well formed, its field count and its span of lines. */
  private boolean recordOk;

  private int recordFields;
  private long recordLines;

  private long blankLines;

  /**
   * The file offset up to which the reader has looked ahead to break records after their first line
   * (exclusive): a cut before it would give the reader of the chunk less to look at, and the record
   * a different reason.
   */
  private long examined;

  /** Line terminators counted over the bytes read so far, and the last byte read (-1: none). */
  private long terminators;

  private int lastByte = -1;

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
    return scan(in, charset, chunkBytes).chunks();
  }

  /** {@link #chunks}, with the accounting of the file's lines. */
  static Scan scan(ReadableByteChannel in, String charset, long chunkBytes) throws IOException {
    CsvSplitter s = new CsvSplitter(in, charset);
    List<Chunk> out = new ArrayList<>();
    if (!s.skipRecord()) {
      return new Scan(out, s.physicalLines(), s.blankLines, 0);
    }
    long headerLines = s.recordLines;
    if (s.recordOk) {
      s.headerFields = s.recordFields;
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
        out.add(new Chunk(start, cut, startLine, cutLine, records, s.headerFields));
        start = cut;
        startLine = cutLine;
        records = 0;
        cut = -1;
      }
      records++;
      if (s.position() - start >= chunkBytes && s.position() >= s.examined) {
        cut = s.position();
        cutLine = s.line;
      }
    }
    out.add(new Chunk(start, s.position(), startLine, s.line, records, s.headerFields));
    return new Scan(out, s.physicalLines(), s.blankLines, headerLines);
  }

  private long position() {
    return bufStart + pos;
  }

  /** The physical lines of the bytes read so far: every terminator, and a last unended line. */
  private long physicalLines() {
    return terminators + (lastByte >= 0 && lastByte != LF && lastByte != CR ? 1 : 0);
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
        blankLines++;
        continue;
      }
      break;
    }
    long start = line;
    resume = -1;
    int fields = 0;
    while (true) {
      int c = peek();
      if (c == QUOTE) {
        pos++;
        // Quoted field.
        while (true) {
          // ordinary bytes are skipped in a tight loop over the buffer: the scan of a national
          // production file is on the critical path before any chunk is parsed
          int i = pos;
          while (i < len) {
            byte b = buf[i];
            if (b == QUOTE || b == LF || b == CR) {
              break;
            }
            i++;
          }
          pos = i;
          int q = peek();
          if (q == EOF) {
            broken(start); // a quoted field never closed
            return true;
          }
          pos++;
          if (q == QUOTE) {
            if (peek() == QUOTE) {
              pos++;
            } else {
              break;
            }
          } else if (q != LF && q != CR) {
            continue; // ordinary bytes at the start of a new buffer
          } else if (q == LF || peek() != LF) {
            line++;
            if (resume < 0) {
              resume = pos;
            }
            if (line - start >= CsvReader.MAX_RECORD_LINES) {
              broken(start); // too many lines
              return true;
            }
          }
        }
        int after = peek();
        if (after != COMMA && after != LF && after != CR && after != EOF) {
          broken(start); // text after a closing quote
          return true;
        }
      } else {
        while (true) {
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
            broken(start); // quote inside an unquoted field
            return true;
          }
          pos++;
        }
      }
      fields++;
      int sep = peek();
      if (sep == COMMA) {
        pos++;
        continue;
      }
      long lines = line - start + 1;
      if (lines > 1 && headerFields != CsvReader.UNKNOWN_FIELDS && fields != headerFields) {
        broken(start); // a multi-line record without the header's field count
        return true;
      }
      resume = -1;
      if (sep != EOF) {
        skipLineBreak();
      }
      recordOk = true;
      recordFields = fields;
      recordLines = lines;
      return true;
    }
  }

  /**
   * Mirrors {@code CsvReader.broken}: the record starting on line {@code start} is its first
   * physical line; moves to the start of the next line.
   */
  private void broken(long start) throws IOException {
    recordOk = false;
    recordLines = 1;
    if (resume >= 0) {
      examined = Math.max(examined, position() + 1);
      pos = resume;
      line = start + 1;
      resume = -1;
      return;
    }
    while (true) {
      int c = peek();
      if (c == EOF || c == LF || c == CR) {
        break;
      }
      int i = pos;
      while (i < len && buf[i] != LF && buf[i] != CR) {
        i++;
      }
      pos = i;
    }
    if (peek() != EOF) {
      skipLineBreak();
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
        break;
      }
      len += n;
    }
    if (len >= bom.length && Arrays.equals(buf, 0, bom.length, bom, 0, bom.length)) {
      pos = bom.length;
    }
    countLines(pos, len);
  }

  private int peek() throws IOException {
    if (pos == len && !refill()) {
      return EOF;
    }
    return buf[pos] & 0xFF;
  }

  /**
   * Reads more of the file into the buffer; false at its end. The bytes from {@link #resume} on
   * stay in the buffer, moved to its start: reading may go back there.
   */
  private boolean refill() throws IOException {
    int keep = 0;
    if (resume >= 0) {
      keep = len - resume;
      if (keep > buf.length / 2) {
        buf = Arrays.copyOf(buf, buf.length * 2);
      }
      System.arraycopy(buf, resume, buf, 0, keep);
      bufStart += resume;
      resume = 0;
    } else {
      bufStart += len;
    }
    pos = keep;
    len = keep;
    ByteBuffer b = ByteBuffer.wrap(buf, keep, buf.length - keep);
    int n;
    do {
      n = in.read(b);
    } while (n == 0);
    if (n < 0) {
      return false;
    }
    countLines(keep, keep + n);
    len = keep + n;
    return true;
  }

  /**
   * Counts the line terminators among bytes just read, {@code buf[from, to)}: each CR, and each LF
   * not right after a CR. Independent of the state machine, so that the line accounting of a run
   * compares two different countings. Eight bytes at a time: a word without CR adds its LFs (less
   * one if its first byte is an LF after a CR), a word with a CR is counted byte by byte.
   */
  private void countLines(int from, int to) {
    if (from >= to) {
      return;
    }
    long n = 0;
    int i = from;
    int before = lastByte;
    for (; i + 8 <= to; i += 8) {
      long w = (long) WORDS.get(buf, i);
      long lf = zeroBytes(w ^ LFS);
      if (zeroBytes(w ^ CRS) == 0) {
        n += Long.bitCount(lf);
        if ((lf & 0x80L) != 0 && before == CR) {
          n--; // the LF of a CR LF across two words
        }
      } else {
        n += countBytewise(i, i + 8, before);
      }
      before = buf[i + 7] & 0xFF;
    }
    n += countBytewise(i, to, before);
    terminators += n;
    lastByte = buf[to - 1] & 0xFF;
  }

  private long countBytewise(int from, int to, int before) {
    long n = 0;
    for (int i = from; i < to; i++) {
      byte b = buf[i];
      if (b == CR) {
        n++;
      } else if (b == LF && (i > from ? buf[i - 1] : before) != CR) {
        n++;
      }
    }
    return n;
  }

  private static final VarHandle WORDS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private static final long LFS = 0x0A0A0A0A0A0A0A0AL;
  private static final long CRS = 0x0D0D0D0D0D0D0D0DL;
  private static final long LOW7 = 0x7F7F7F7F7F7F7F7FL;

  /** The high bit of each byte of {@code x} that is zero (exact: no carry between bytes). */
  private static long zeroBytes(long x) {
    return ~(((x & LOW7) + LOW7) | x) & ~LOW7;
  }

  private int read() throws IOException {
    int c = peek();
    if (c != EOF) {
      pos++;
    }
    return c;
  }
}
