package org.goalrollup.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.goalrollup.disclosure.SecondarySuppression.LineCell;
import org.junit.jupiter.api.Test;

class SecondarySuppressionTest {
  static LineCell cell(String d, Conf c, long size, long n) {
    return new LineCell(d, c, size, n);
  }

  @Test
  void singlePrimaryCellGetsTheSmallestFreeDistrictAsComplement() {
    List<Conf> out =
        SecondarySuppression.protect(
            List.of(
                cell("ALL", Conf.FREE, 1000, 12),
                cell("D1", Conf.FREQUENCY, 50, 1),
                cell("D2", Conf.FREE, 300, 4),
                cell("D3", Conf.FREE, 200, 3),
                cell("D4", Conf.FREE, 0, 0),
                cell("D5", Conf.FREE, 450, 4)));
    assertEquals(
        List.of(Conf.FREE, Conf.FREQUENCY, Conf.FREE, Conf.SECONDARY, Conf.FREE, Conf.FREE), out);
  }

  @Test
  void twoPrimaryCellsNeedNoComplement() {
    List<LineCell> line =
        List.of(
            cell("ALL", Conf.FREE, 1000, 12),
            cell("D1", Conf.FREQUENCY, 50, 1),
            cell("D2", Conf.DOMINANCE, 300, 4),
            cell("D3", Conf.FREE, 650, 7));
    assertEquals(line.stream().map(LineCell::status).toList(), SecondarySuppression.protect(line));
  }

  @Test
  void marginIsChosenOnlyWhenNoDistrictIsLeft() {
    // one district with contributors: the margin equals it, so the margin must go
    assertEquals(
        List.of(Conf.SECONDARY, Conf.FREQUENCY, Conf.FREE),
        SecondarySuppression.protect(
            List.of(
                cell("ALL", Conf.FREE, 80, 2),
                cell("D1", Conf.FREQUENCY, 80, 2),
                cell("D2", Conf.FREE, 0, 0))));
  }

  @Test
  void cellsOfSizeZeroAreTheLastChoice() {
    assertEquals(
        List.of(Conf.FREE, Conf.DOMINANCE, Conf.FREE, Conf.SECONDARY),
        SecondarySuppression.protect(
            List.of(
                cell("ALL", Conf.FREE, 900, 9),
                cell("D1", Conf.DOMINANCE, 500, 3),
                cell("D2", Conf.FREE, 0, 3),
                cell("D3", Conf.FREE, 400, 3))));
  }

  @Test
  void suppressedMarginAloneGetsADistrictComplement() {
    List<Conf> out =
        SecondarySuppression.protect(
            List.of(
                cell("ALL", Conf.DOMINANCE, 900, 9),
                cell("D1", Conf.FREE, 500, 3),
                cell("D2", Conf.FREE, 400, 6)));
    assertEquals(List.of(Conf.DOMINANCE, Conf.FREE, Conf.SECONDARY), out);
  }

  /**
   * A random line: districts with 0-6 contributors of random sizes, primary statuses by the default
   * rules, the margin their sum.
   */
  static Map<String, ContributorStats> randomLine(Random r) {
    Map<String, ContributorStats> line = new TreeMap<>();
    ContributorStats all = new ContributorStats();
    int districts = 1 + r.nextInt(8);
    for (int d = 0; d < districts; d++) {
      ContributorStats s = new ContributorStats();
      int n = r.nextInt(7);
      for (int i = 0; i < n; i++) {
        long v = r.nextInt(10) == 0 ? 1 + r.nextInt(100_000) : 1 + r.nextInt(1000);
        s.merge(ContributorStats.contributor(Group.RD, v, 1 + r.nextInt(20)));
      }
      line.put("D" + d, s);
      all.merge(s);
    }
    line.put("ALL", all);
    return line;
  }

  @Test
  void randomTablesHaveNoLineWithASingleSuppressionAndNoCellPinned() {
    Random r = new Random(20240508L);
    int suppressedLines = 0;
    for (int t = 0; t < 500; t++) {
      Map<String, ContributorStats> line = randomLine(r);
      Map<String, String> status = SuppressCells.line(line, DisclosureRules.defaults());
      List<String> hidden = new ArrayList<>();
      status.forEach(
          (d, s) -> {
            if (Conf.of(s, Group.RD).suppressed()) {
              hidden.add(d);
            }
          });
      assertNotEquals(1, hidden.size(), "table " + t + ": " + status);
      if (hidden.isEmpty()) {
        continue;
      }
      suppressedLines++;
      // what an intruder knows: the published district cells and, if published, the margin
      long margin = line.get("ALL").sumAbs(Group.RD, 0);
      boolean marginKnown = !hidden.contains("ALL");
      long published = 0;
      for (Map.Entry<String, ContributorStats> e : line.entrySet()) {
        if (!e.getKey().equals("ALL") && !hidden.contains(e.getKey())) {
          published += e.getValue().sumAbs(Group.RD, 0);
        }
      }
      for (String d : hidden) {
        long actual = line.get(d).sumAbs(Group.RD, 0);
        // one-dimensional range of a hidden cell from published data: [0, margin - published]
        // when the margin is known, unbounded above otherwise
        long upper = marginKnown ? margin - published : Long.MAX_VALUE;
        if (d.equals("ALL")) {
          upper = Long.MAX_VALUE;
        }
        long lower = 0;
        assertTrue(actual >= lower && actual <= upper, "table " + t);
        assertTrue(upper > lower, "table " + t + ": " + d + " is pinned to " + upper);
        assertTrue(
            hidden.stream().anyMatch(o -> !o.equals(d)),
            "table " + t + ": " + d + " is the only unknown of its line");
      }
    }
    assertTrue(suppressedLines > 100, "only " + suppressedLines + " lines had suppressions");
  }
}
