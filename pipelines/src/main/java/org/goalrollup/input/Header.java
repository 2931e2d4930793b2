package org.goalrollup.input;

import java.io.Serializable;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** The header of a CSV file: column name to position. Columns are found by name, in any order. */
public final class Header implements Serializable {
  private final Map<String, Integer> index = new HashMap<>();
  private final int size;

  private Header(List<String> names) {
    this.size = names.size();
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
    Header h = new Header(names);
    for (int i = 0; i < names.size(); i++) {
      if (h.index.get(names.get(i)) != i && (used == null || used.contains(names.get(i)))) {
        throw new InputException(
            file
                + ": line 1, column "
                + (i + 1)
                + ": column '"
                + names.get(i)
                + "' appears twice in the header");
      }
    }
    return h;
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
