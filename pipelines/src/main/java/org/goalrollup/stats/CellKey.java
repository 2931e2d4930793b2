package org.goalrollup.stats;

/**
 * A cell of the summary grid, (year, sector, district), encoded as one string so it can key a
 * shuffle with the plain UTF-8 coder.
 */
public record CellKey(int year, String sector, String district) {
  private static final char SEP = '\u0001';

  public String encode() {
    return year + String.valueOf(SEP) + sector + SEP + district;
  }

  public static CellKey decode(String s) {
    int a = s.indexOf(SEP);
    int b = s.indexOf(SEP, a + 1);
    return new CellKey(
        Integer.parseInt(s.substring(0, a)), s.substring(a + 1, b), s.substring(b + 1));
  }

  public static String encode(int year, String sector, String district) {
    return new CellKey(year, sector, district).encode();
  }
}
