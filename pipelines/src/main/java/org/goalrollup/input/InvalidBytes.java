package org.goalrollup.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.util.HexFormat;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;

/**
 * Says where and why a file's bytes are not text in the run's charset: a UTF-16 file (which a
 * spreadsheet's "Unicode text" gives) is named as such before its header is read, and the first
 * invalid bytes of any other file are located by line and column, so the statistician can open the
 * file at that place.
 */
public final class InvalidBytes {
  /** How much of the start of a file is looked at for UTF-16. */
  static final int SNIFF = 4096;

  private InvalidBytes() {}

  /**
   * Fails if the file starts with a UTF-16 byte-order mark, or if many of its first bytes are NUL
   * (UTF-16 without a mark: every ASCII character is followed or preceded by a NUL byte). A text
   * file in UTF-8 or GB18030 has no NUL bytes.
   */
  public static void rejectUtf16(ResourceId id, String name, String charset)
      throws IOException, InputException {
    byte[] head = new byte[SNIFF];
    int n = 0;
    try (InputStream in = Channels.newInputStream(FileSystems.open(id))) {
      int got;
      while (n < head.length && (got = in.read(head, n, head.length - n)) > 0) {
        n += got;
      }
    }
    String mark = null;
    if (n >= 2 && (head[0] & 0xff) == 0xff && (head[1] & 0xff) == 0xfe) {
      mark = "FF FE";
    } else if (n >= 2 && (head[0] & 0xff) == 0xfe && (head[1] & 0xff) == 0xff) {
      mark = "FE FF";
    }
    int nul = 0;
    for (int i = 0; i < n; i++) {
      if (head[i] == 0) {
        nul++;
      }
    }
    if (mark != null || (n > 0 && nul * 10 >= n)) {
      throw new InputException(
          name
              + ": the file is UTF-16 ("
              + (mark != null
                  ? "it starts with the byte-order mark " + mark
                  : nul + " of its first " + n + " bytes are NUL")
              + "), not "
              + charset
              + "; save it as UTF-8 (CSV UTF-8 in a spreadsheet), or as GB18030 and run with"
              + " --charset=GB18030");
    }
  }

  /**
   * The message for a file that is not valid in {@code charset}: the line and column (1-based, in
   * characters) of its first invalid bytes, and those bytes.
   */
  public static String describe(ResourceId id, String name, String charset) {
    String hint =
        "UTF-8".equalsIgnoreCase(charset)
            ? " (a file saved in a Chinese locale may be GB18030: try --charset=GB18030)"
            : " (try --charset=UTF-8)";
    try {
      Place p = firstInvalid(FileSystems.open(id), charset);
      if (p != null) {
        return name
            + ": line "
            + p.line()
            + ", column "
            + p.column()
            + (p.bytes().length() > 2
                ? ": bytes " + p.bytes() + " are"
                : ": byte " + p.bytes() + " is")
            + " not valid "
            + charset
            + hint;
      }
    } catch (IOException e) {
      // fall back to the message without a place
    }
    return name + ": bytes that are not valid " + charset + hint;
  }

  /** {@link #describe} as the exception a reader's failure becomes. */
  public static IOException exception(ResourceId id, String name, String charset, Exception cause) {
    return new IOException(describe(id, name, charset), cause);
  }

  /** Where the first invalid bytes are: physical line, column in characters, the bytes in hex. */
  record Place(long line, long column, String bytes) {}

  /**
   * Decodes the channel as the run's readers do (reporting, not replacing, bad bytes) and returns
   * the place of the first bytes that do not decode, or null if all do. Line breaks are LF, CRLF or
   * a lone CR, as in {@link CsvReader}; a byte-order mark at the very start is not a column.
   */
  static Place firstInvalid(java.nio.channels.ReadableByteChannel ch, String charset)
      throws IOException {
    CharsetDecoder d =
        Charset.forName(charset)
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.allocate(1 << 16);
    CharBuffer out = CharBuffer.allocate(1 << 16);
    long line = 1;
    long column = 1;
    boolean afterCr = false;
    boolean first = true;
    try (ch) {
      boolean eof = false;
      while (true) {
        if (!eof) {
          int got = ch.read(in);
          if (got < 0) {
            eof = true;
          }
        }
        in.flip();
        CoderResult r = d.decode(in, out, eof);
        out.flip();
        while (out.hasRemaining()) {
          char c = out.get();
          if (first) {
            first = false;
            if (c == '\uFEFF') {
              continue;
            }
          }
          if (c == '\n') {
            if (!afterCr) {
              line++;
            }
            column = 1;
            afterCr = false;
          } else if (c == '\r') {
            line++;
            column = 1;
            afterCr = true;
          } else {
            afterCr = false;
            if (!Character.isLowSurrogate(c)) {
              column++;
            }
          }
        }
        out.clear();
        if (r.isError()) {
          byte[] bad = new byte[Math.min(r.length(), in.remaining())];
          in.get(bad);
          return new Place(line, column, HexFormat.ofDelimiter(" ").withUpperCase().formatHex(bad));
        }
        in.compact();
        if (eof && r.isUnderflow()) {
          CoderResult f = d.flush(out);
          return f.isError() ? new Place(line, column, "at the end of the file") : null;
        }
      }
    }
  }
}
