package org.goalrollup.input;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The header of a CSV file: column name to position. Columns are found by name, in any order. */
public final class Header implements Serializable {
  private final Map<String, Integer> index = new HashMap<>();
  private final int size;

  /** The physical line where the header starts (1 unless blank lines precede it). */
  private final long line;

  /** The column names as written, in file order. */
  private final List<String> names;

  private Header(List<String> names, long line) {
    this.size = names.size();
    this.line = line;
    this.names = List.copyOf(names);
    for (int i = 0; i < names.size(); i++) {
      index.putIfAbsent(names.get(i), i);
    }
  }

  /** Builds a header in which every repeated column name is an error. */
  public static Header of(String file, List<String> names) throws InputException {
    return of(file, names, null);
  }

  /**
   * Builds the header of {@code file}. A column the file uses ({@code used}; null = every column)
   * that appears twice is an error, since either copy could be meant; repeated extra columns are
   * ignored like every extra column.
   */
  public static Header of(String file, List<String> names, java.util.Set<String> used)
      throws InputException {
    return of(file, 1, names, used);
  }

  /**
   * {@link #of(String, List, java.util.Set)} for a header that starts on physical line {@code
   * line}: an error names the line the column is on (a quoted name may hold a line break).
   */
  public static Header of(String file, long line, List<String> names, java.util.Set<String> used)
      throws InputException {
    Header h = new Header(names, line);
    for (int i = 0; i < names.size(); i++) {
      if (h.index.get(names.get(i)) != i && (used == null || used.contains(names.get(i)))) {
        throw new InputException(
            file
                + ": line "
                + h.lineOf(i)
                + ", column "
                + (i + 1)
                + ": column '"
                + names.get(i)
                + "' appears twice in the header");
      }
    }
    return h;
  }

  /** The physical line where the header starts. */
  public long line() {
    return line;
  }

  /** The physical line of column {@code i} (0-based): the header's, plus the line breaks before. */
  public long lineOf(int i) {
    long l = line;
    for (int j = 0; j < i && j < names.size(); j++) {
      String n = names.get(j);
      for (int k = 0; k < n.length(); k++) {
        char c = n.charAt(k);
        if (c == '\n' || (c == '\r' && (k + 1 == n.length() || n.charAt(k + 1) != '\n'))) {
          l++;
        }
      }
    }
    return l;
  }

  /** The column names as written, in file order. */
  public List<String> names() {
    return names;
  }

  public boolean has(String column) {
    return index.containsKey(column);
  }

  /** Position of the column, or -1 if the file does not have it. */
  public int indexOf(String column) {
    return index.getOrDefault(column, -1);
  }

  public int size() {
    return size;
  }

  /** Equal headers find every column at the same position (ParseCsvFile's coder relies on it). */
  @Override
  public boolean equals(Object o) {
    return o instanceof Header h && size == h.size && index.equals(h.index);
  }

  @Override
  public int hashCode() {
    return 31 * size + index.hashCode();
  }
}
