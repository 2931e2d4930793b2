package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader gives exactly the records of {@link ReferenceCsvReader}, an independent and plain
 * implementation of the contract's reading rule (line, fields, raw text, reason, span of lines), on
 * random inputs: also when what the underlying reader returns cuts a run of characters, a line
 * break or a record the reader must go back into, and when a raw text reaches its 64 K limit.
 */
class CsvReaderRunsTest {
  private static final String[] ALPHABET = {
    "a", "b", "中", ",", ",", "\"", "\"", "\n", "\r", "\r\n", " ", "\uFEFF", "xyz"
  };

  /** Characters that steer the reader, in any order. */
  @Test
  void sameRecordsAsTheReferenceOnAnyCharacters() throws IOException {
    Random random = new Random(5);
    int malformed = 0;
    for (int n = 0; n < 5000; n++) {
      String input = soup(random, n % 50 == 0);
      int maxRead = 1 + random.nextInt(n % 3 == 0 ? 3 : 70_000);
      List<CsvRecord> expected = ReferenceCsvReader.read(input);
      List<CsvRecord> actual = readAll(new CsvReader(new Trickle(input, maxRead)));
      assertEquals(expected, actual, "input #" + n + " read " + maxRead + " at a time");
      malformed += (int) expected.stream().filter(CsvRecord::isMalformed).count();
    }
    assertTrue(malformed > 500, "broken records drawn: " + malformed);
  }

  /**
   * Rows of a header's width with stray quotes, unterminated quotes, quotes closing far away, text
   * after closing quotes and well-formed multi-line fields; some inputs run over hundreds of lines
   * and hold quoted fields over more lines than a record may cover.
   */
  @Test
  void sameRecordsAsTheReferenceOnRowsWithBrokenQuoting() throws IOException {
    Random random = new Random(19);
    int malformed = 0;
    int multiLine = 0;
    int brokenAfterTheirFirstLine = 0;
    for (int n = 0; n < 3000; n++) {
      boolean big = n % 10 == 0;
      String input = RandomCsv.text(random, big);
      int maxRead = 1 + random.nextInt(n % 3 == 0 && !big ? 5 : 70_000);
      List<CsvRecord> expected = ReferenceCsvReader.read(input);
      List<CsvRecord> actual = readAll(new CsvReader(new Trickle(input, maxRead)));
      assertEquals(expected, actual, "input #" + n + " read " + maxRead + " at a time");
      for (CsvRecord r : expected) {
        malformed += r.isMalformed() ? 1 : 0;
        multiLine += r.lines() > 1 ? 1 : 0;
        brokenAfterTheirFirstLine +=
            r.isMalformed() && r.malformed().startsWith("a quoted field opened on this line")
                ? 1
                : 0;
      }
    }
    assertTrue(malformed > 1000, "broken records drawn: " + malformed);
    assertTrue(multiLine > 500, "trusted multi-line records drawn: " + multiLine);
    assertTrue(
        brokenAfterTheirFirstLine > 500,
        "records broken after their first line drawn: " + brokenAfterTheirFirstLine);
  }

  /** Up to 60 pieces of the alphabet; sometimes one very long field. */
  private static String soup(Random random, boolean longField) {
    StringBuilder b = new StringBuilder();
    int n = random.nextInt(61);
    for (int k = 0; k < n; k++) {
      b.append(ALPHABET[random.nextInt(ALPHABET.length)]);
      if (longField && k == n / 2) {
        b.append("x".repeat(CsvReader.RawText.MAX_RAW + random.nextInt(100)));
      }
    }
    return b.toString();
  }

  private static List<CsvRecord> readAll(CsvReader r) throws IOException {
    List<CsvRecord> out = new ArrayList<>();
    for (CsvRecord rec = r.next(); rec != null; rec = r.next()) {
      out.add(rec);
    }
    return out;
  }

  /** A reader that returns at most {@code maxRead} characters per call. */
  private static final class Trickle extends Reader {
    private final String text;
    private final int maxRead;
    private int pos;

    Trickle(String text, int maxRead) {
      this.text = text;
      this.maxRead = maxRead;
    }

    @Override
    public int read(char[] cbuf, int off, int len) {
      if (pos == text.length()) {
        return -1;
      }
      int n = Math.min(Math.min(len, maxRead), text.length() - pos);
      text.getChars(pos, pos + n, cbuf, off);
      pos += n;
      return n;
    }

    @Override
    public void close() {}
  }
}
