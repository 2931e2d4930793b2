package org.goalrollup.disclosure;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.goalrollup.input.InputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DisclosureRulesTest {
  static final DisclosureRules DEFAULTS = DisclosureRules.defaults();

  /** A production cell of the given contributors, each with the same value in every column. */
  static ContributorStats production(long... values) {
    ContributorStats s = new ContributorStats();
    for (long v : values) {
      s.merge(ContributorStats.contributor(Group.PRODUCTION, v, v, v, v, v));
    }
    return s;
  }

  @Test
  void frequencyRuleFiresBelowThreeContributors() {
    assertEquals(Conf.FREQUENCY, DEFAULTS.primary(production(100), Group.PRODUCTION));
    assertEquals(Conf.FREQUENCY, DEFAULTS.primary(production(100, 100), Group.PRODUCTION));
    assertEquals(Conf.FREE, DEFAULTS.primary(production(100, 100, 100), Group.PRODUCTION));
  }

  @Test
  void cellWithoutContributorsIsFree() {
    assertEquals(Conf.FREE, DEFAULTS.primary(new ContributorStats(), Group.PRODUCTION));
    assertEquals(Conf.FREE, DEFAULTS.primary(production(1, 2, 3), Group.INVESTMENT));
  }

  @Test
  void frequencyRuleCountsNonZeroContributorsPerColumn() {
    // four enterprises, but only two have above-scale value added: each would learn the other's
    ContributorStats s = new ContributorStats();
    s.merge(ContributorStats.contributor(Group.PRODUCTION, 100, 10, 100, 5, 10));
    s.merge(ContributorStats.contributor(Group.PRODUCTION, 100, 10, 100, 5, 10));
    s.merge(ContributorStats.contributor(Group.PRODUCTION, 100, 10, 100, 5, 0));
    s.merge(ContributorStats.contributor(Group.PRODUCTION, 100, 10, 100, 5, 0));
    assertEquals(Conf.FREQUENCY, DEFAULTS.primary(s, Group.PRODUCTION));
  }

  @Test
  void dominanceRuleFiresAboveEightyFivePercent() {
    // 86 of 100: dominated; 85 of 100 exactly is not more than 85%
    assertEquals(Conf.DOMINANCE, DEFAULTS.primary(production(86, 7, 7), Group.PRODUCTION));
    assertEquals(Conf.FREE, DEFAULTS.primary(production(85, 10, 5), Group.PRODUCTION));
  }

  @Test
  void dominanceOfTheTwoLargest() {
    DisclosureRules n2 =
        new DisclosureRules(
            Map.of(
                Group.PRODUCTION, new DisclosureRules.Rule(3, 2, BigDecimal.valueOf(90)),
                Group.INVESTMENT, DisclosureRules.Rule.DEFAULT,
                Group.RD, DisclosureRules.Rule.DEFAULT));
    // 50 + 45 = 95% of the total: the largest two dominate, the largest alone does not
    ContributorStats s = production(50, 45, 3, 2);
    assertEquals(Conf.FREE, DEFAULTS.primary(s, Group.PRODUCTION));
    assertEquals(Conf.DOMINANCE, n2.primary(s, Group.PRODUCTION));
  }

  @Test
  void dominanceUsesAbsoluteValuesOfNegativeContributions() {
    // value added +100, -95, +2, +3 sums to 10, but no one dominates the absolute total 200
    ContributorStats s = new ContributorStats();
    long[][] rows = {{100, 100}, {100, -95}, {100, 2}, {100, 3}};
    for (long[] r : rows) {
      s.merge(ContributorStats.contributor(Group.PRODUCTION, r[0], r[1], r[0], r[0], 0));
    }
    assertEquals(Conf.FREE, DEFAULTS.primary(s, Group.PRODUCTION));
    ContributorStats big = new ContributorStats();
    long[][] dominated = {{100, -900}, {100, 50}, {100, 50}};
    for (long[] r : dominated) {
      big.merge(ContributorStats.contributor(Group.PRODUCTION, r[0], r[1], r[0], r[0], 0));
    }
    assertEquals(Conf.DOMINANCE, DEFAULTS.primary(big, Group.PRODUCTION));
  }

  @Test
  void dominanceLooksAtEachColumnOfTheGroup() {
    // investment_completed is spread, but one project makes all of the high-tech investment
    ContributorStats s = new ContributorStats();
    s.merge(ContributorStats.contributor(Group.INVESTMENT, 100, 100, 1000, 0));
    s.merge(ContributorStats.contributor(Group.INVESTMENT, 100, 100, 10, 0));
    s.merge(ContributorStats.contributor(Group.INVESTMENT, 100, 100, 10, 0));
    s.merge(ContributorStats.contributor(Group.INVESTMENT, 100, 100, 10, 0));
    assertEquals(Conf.DOMINANCE, DEFAULTS.primary(s, Group.INVESTMENT));
  }

  @Test
  void noFileMeansDefaults(@TempDir Path dir) throws Exception {
    assertEquals(DEFAULTS, DisclosureRules.read(dir.toString(), "UTF-8"));
  }

  @Test
  void fileOverridesGroupsItNames(@TempDir Path dir) throws Exception {
    Files.writeString(
        dir.resolve("disclosure.csv"),
        "dominance_k,group,min_contributors,dominance_n,note\n90.5,RD,4,2,stricter\n");
    DisclosureRules r = DisclosureRules.read(dir.toString(), "UTF-8");
    assertEquals(new DisclosureRules.Rule(4, 2, new BigDecimal("90.5")), r.rule(Group.RD));
    assertEquals(DisclosureRules.Rule.DEFAULT, r.rule(Group.PRODUCTION));
  }

  private static String failure(Path dir, String content) throws Exception {
    Files.writeString(dir.resolve("disclosure.csv"), content);
    return assertThrows(InputException.class, () -> DisclosureRules.read(dir.toString(), "UTF-8"))
        .getMessage();
  }

  @Test
  void malformedFileNamesFileLineAndColumn(@TempDir Path dir) throws Exception {
    String head = "group,min_contributors,dominance_n,dominance_k\n";
    assertEquals(
        "disclosure.csv: line 3, column 4 (dominance_k): '185' is not a percent above 0 and at"
            + " most 100",
        failure(dir, head + "RD,3,1,85\nPRODUCTION,3,1,185\n"));
    assertEquals(
        "disclosure.csv: line 2, column 3 (dominance_n): '3' is not 1 or 2",
        failure(dir, head + "RD,3,3,85\n"));
    assertEquals(
        "disclosure.csv: line 2, column 2 (min_contributors): '0' is not an integer >= 1",
        failure(dir, head + "RD,0,1,85\n"));
    assertEquals(
        "disclosure.csv: line 2, column 1 (group): 'TAX' is not PRODUCTION, INVESTMENT or RD",
        failure(dir, head + "TAX,3,1,85\n"));
    assertEquals(
        "disclosure.csv: line 3, column 1 (group): a second row for RD",
        failure(dir, head + "RD,3,1,85\nRD,4,1,85\n"));
    assertEquals(
        "disclosure.csv: line 1: required column dominance_k missing",
        failure(dir, "group,min_contributors,dominance_n\n"));
    assertEquals(
        "disclosure.csv: line 2: 3 fields where the header has 4", failure(dir, head + "RD,3,1\n"));
  }

  /** A group written with an invisible end says which character; a huge value is cut. */
  @Test
  void anUnexpectedValueNamesWhatCannotBeSeenAndIsCut(@TempDir Path dir) throws Exception {
    String head = "group,min_contributors,dominance_n,dominance_k\n";
    assertEquals(
        "disclosure.csv: line 2, column 1 (group): 'RD\u3000' (ends with U+3000 IDEOGRAPHIC SPACE)"
            + " is not PRODUCTION, INVESTMENT or RD",
        failure(dir, head + "RD\u3000,3,1,85\n"));
    assertEquals(
        "disclosure.csv: line 2, column 4 (dominance_k): '"
            + "9".repeat(80)
            + "…' (1000000 characters) is not a percent above 0 and at most 100",
        failure(dir, head + "RD,3,1," + "9".repeat(1_000_000) + "\n"));
  }
}
