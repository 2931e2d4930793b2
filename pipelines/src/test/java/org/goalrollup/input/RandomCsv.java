package org.goalrollup.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Random CSV texts for the differential tests of the reader and the splitter: rows of about the
 * header's width, with the faults a careless upstream makes. Fields are plain text (ASCII, Chinese,
 * a supplementary character, spaces, empty), quoted text (commas, escaped quotes, one or many line
 * breaks: well-formed multi-line fields) or broken: a stray quote somewhere in a line, a quoted
 * field never closed, text after a closing quote, and pairs of stray quotes far apart (which may
 * close each other into a record the reader trusts, or not). Line breaks are LF, CRLF or lone CR,
 * mixed; there are blank lines, rows of the wrong width, sometimes a byte-order mark, a missing
 * final line break, a field longer than a raw text keeps, or a quoted field over more lines than a
 * record may cover.
 */
final class RandomCsv {
  private static final String[] TEXT = {
    "a", "b", "1", "中", "\uD842\uDFB7", " ", "xyz", "", "\uFEFF"
  };
  private static final String[] BREAKS = {"\n", "\n", "\n", "\r\n", "\r"};

  private RandomCsv() {}

  /** A random text; {@code big} allows inputs of hundreds of lines and fields over 64 K. */
  static String text(Random r, boolean big) {
    String eol = BREAKS[r.nextInt(BREAKS.length)];
    boolean mixed = r.nextInt(4) == 0;
    int width = 1 + r.nextInt(4);
    int rows = big && r.nextInt(3) == 0 ? 100 + r.nextInt(150) : r.nextInt(25);
    List<String> lines = new ArrayList<>();
    for (int k = 0; k <= rows; k++) {
      int w = r.nextInt(8) == 0 ? Math.max(1, width + r.nextInt(3) - 1) : width;
      lines.add(row(r, w, big, mixed ? BREAKS[r.nextInt(BREAKS.length)] : eol));
      if (r.nextInt(12) == 0) {
        lines.add(""); // a blank line
      }
    }
    // stray quotes, one by one or in pairs far apart
    int strays = r.nextInt(4);
    for (int s = 0; s < strays; s++) {
      int at = r.nextInt(lines.size());
      lines.set(at, strayQuote(r, lines.get(at), r.nextBoolean()));
      if (r.nextBoolean()) {
        int far = Math.min(lines.size() - 1, at + 1 + r.nextInt(big ? 150 : 10));
        lines.set(far, strayQuote(r, lines.get(far), false));
      }
    }
    StringBuilder b = new StringBuilder();
    if (r.nextInt(5) == 0) {
      b.append('\uFEFF');
    }
    for (int k = 0; k < lines.size(); k++) {
      b.append(lines.get(k));
      if (k < lines.size() - 1 || r.nextInt(3) > 0) {
        b.append(mixed ? BREAKS[r.nextInt(BREAKS.length)] : eol);
      }
    }
    return b.toString();
  }

  private static String row(Random r, int width, boolean big, String eol) {
    StringBuilder b = new StringBuilder();
    for (int f = 0; f < width; f++) {
      if (f > 0) {
        b.append(',');
      }
      int kind = r.nextInt(20);
      if (kind < 12) {
        b.append(plain(r));
      } else if (kind < 17) {
        b.append('"').append(quoted(r, eol, big)).append('"');
      } else if (kind == 17) {
        b.append('"').append(quoted(r, eol, big)); // never closed
      } else if (kind == 18) {
        b.append('"').append(plain(r)).append('"').append(plain(r)).append('x');
      } else if (big && r.nextInt(4) == 0) {
        b.append("y".repeat(CsvReader.RawText.MAX_RAW + r.nextInt(40)));
      } else {
        b.append(plain(r));
      }
    }
    return b.toString();
  }

  private static String plain(Random r) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(4);
    for (int k = 0; k < n; k++) {
      b.append(TEXT[r.nextInt(TEXT.length)]);
    }
    return b.toString();
  }

  /** The inside of a quoted field: text, commas, escaped quotes and line breaks. */
  private static String quoted(Random r, String eol, boolean big) {
    StringBuilder b = new StringBuilder();
    int n = r.nextInt(5);
    for (int k = 0; k < n; k++) {
      switch (r.nextInt(6)) {
        case 0 -> b.append(',');
        case 1 -> b.append("\"\"");
        case 2 -> b.append(r.nextBoolean() ? eol : BREAKS[r.nextInt(BREAKS.length)]);
        default -> b.append(plain(r));
      }
    }
    if (big && r.nextInt(30) == 0) {
      // a note over about as many lines as a record may cover, or more
      int breaks = CsvReader.MAX_RECORD_LINES - 3 + r.nextInt(6);
      for (int k = 0; k < breaks; k++) {
        b.append("note").append(eol);
      }
    }
    return b.toString();
  }

  /** The line with a quote put in: at the start of a field, or anywhere. */
  private static String strayQuote(Random r, String line, boolean atFieldStart) {
    List<Integer> places = new ArrayList<>();
    places.add(0);
    for (int i = 0; i < line.length(); i++) {
      if (!atFieldStart || line.charAt(i) == ',') {
        places.add(i + 1);
      }
    }
    int at = places.get(r.nextInt(places.size()));
    if (at > 0 && at < line.length() && Character.isLowSurrogate(line.charAt(at))) {
      at--; // never between the two halves of a supplementary character
    }
    return line.substring(0, at) + '"' + line.substring(at);
  }
}
