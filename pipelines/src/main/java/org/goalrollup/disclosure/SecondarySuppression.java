package org.goalrollup.disclosure;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.goalrollup.stats.SectorMatcher;

/**
 * Secondary (complementary) suppression of one line of the table: the district cells of one sector
 * and year together with their ALL margin, for one {@link Group}. The margin is the sum of the
 * district cells, so a line with exactly one suppressed cell gives that cell away (margin minus the
 * published cells). While a line has exactly one suppressed cell, another cell is suppressed: the
 * smallest free district cell with contributors (cells of size > 0 first), or the ALL margin when
 * no district cell is left. A heuristic in the spirit of tau-ARGUS's hypercube method on a
 * one-dimensional table, not its optimal (minimum information loss) solution; see
 * docs/disclosure.md.
 */
public final class SecondarySuppression {
  private SecondarySuppression() {}

  /**
   * One cell of a line: its district ({@code ALL} for the margin), primary status, size (the
   * group's ranking amount) and number of contributors.
   */
  public record LineCell(String district, Conf status, long size, long contributors) {}

  private static final Comparator<LineCell> SMALLEST_FIRST =
      Comparator.comparing((LineCell c) -> c.size() == 0)
          .thenComparingLong(LineCell::size)
          .thenComparingLong(LineCell::contributors)
          .thenComparing(LineCell::district);

  /**
   * The statuses of the line after secondary suppression, in the order of {@code line}: primary
   * statuses are kept, complementary cells become {@link Conf#SECONDARY}. A cell without
   * contributors is never chosen: its zero is known from the published counts.
   */
  public static List<Conf> protect(List<LineCell> line) {
    List<LineCell> cells = new ArrayList<>(line);
    while (true) {
      long suppressed = cells.stream().filter(c -> c.status().suppressed()).count();
      if (suppressed != 1) {
        break;
      }
      LineCell pick =
          cells.stream()
              .filter(c -> !c.status().suppressed() && c.contributors() > 0)
              .filter(c -> !SectorMatcher.ALL.equals(c.district()))
              .min(SMALLEST_FIRST)
              .orElse(null);
      if (pick == null) {
        pick =
            cells.stream()
                .filter(c -> !c.status().suppressed() && c.contributors() > 0)
                .filter(c -> SectorMatcher.ALL.equals(c.district()))
                .findFirst()
                .orElse(null);
      }
      if (pick == null) {
        break;
      }
      int i = cells.indexOf(pick);
      cells.set(i, new LineCell(pick.district(), Conf.SECONDARY, pick.size(), pick.contributors()));
    }
    return cells.stream().map(LineCell::status).toList();
  }
}
