package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The reader takes runs of ordinary characters at once; it must give exactly the records the
 * one-character-at-a-time reader gave (line, fields, raw text, error), also when a run is cut by
 * the end of what the underlying reader returned, and when a raw text reaches its 64 K limit.
 */
class CsvReaderRunsTest {
  private static final String[] ALPHABET = {
    "a", "b", "中", ",", ",", "\"", "\"", "\n", "\r", "\r\n", " ", "\uFEFF", "xyz"
  };

  @Test
  void sameRecordsAsTheOneCharacterReader() throws IOException {
    Random random = new Random(5);
    int malformed = 0;
    for (int n = 0; n < 5000; n++) {
      String input = randomInput(random, n % 50 == 0);
      int maxRead = 1 + random.nextInt(n % 3 == 0 ? 3 : 70_000);
      List<CsvRecord> expected = readAll(new PerCharacterCsvReader(new StringReader(input)));
      List<CsvRecord> actual = readAll(new CsvReader(new Trickle(input, maxRead)));
      assertEquals(expected, actual, "input #" + n + " read " + maxRead + " at a time");
      malformed += (int) expected.stream().filter(CsvRecord::isMalformed).count();
    }
    assertTrue(malformed > 500, "broken records drawn: " + malformed);
  }

  /** Up to 60 pieces of the alphabet; sometimes one very long field. */
  private static String randomInput(Random random, boolean longField) {
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

  private static List<CsvRecord> readAll(PerCharacterCsvReader r) throws IOException {
    List<CsvRecord> out = new ArrayList<>();
    for (CsvRecord rec = r.next(); rec != null; rec = r.next()) {
      out.add(rec);
    }
    return out;
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
