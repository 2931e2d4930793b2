package org.goalrollup.disclosure;

import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.nio.charset.CharacterCodingException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.goalrollup.input.CsvFiles;
import org.goalrollup.input.CsvReader;
import org.goalrollup.input.CsvRecord;
import org.goalrollup.input.Header;
import org.goalrollup.input.InputException;
import org.goalrollup.input.InputText;

/**
 * The primary suppression rules per {@link Group}: the frequency rule (fewer than {@code
 * minContributors} contributors) and the dominance (n, k) rule (the {@code n} largest contributors
 * make more than {@code k}% of the cell total). Defaults: 3 contributors, n = 1, k = 85; the
 * optional {@code disclosure.csv} of the input folder overrides them per group.
 */
public record DisclosureRules(Map<Group, Rule> rules) implements Serializable {
  public static final String FILE = "disclosure.csv";
  public static final List<String> COLUMNS =
      List.of("group", "min_contributors", "dominance_n", "dominance_k");

  /** The rules of one group; k is a percent (85 = 85%). */
  public record Rule(int minContributors, int dominanceN, BigDecimal dominanceK)
      implements Serializable {
    public static final Rule DEFAULT = new Rule(3, 1, BigDecimal.valueOf(85));
  }

  private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");
  private static final Pattern PERCENT = Pattern.compile("\\d{1,3}(\\.\\d{1,4})?");
  private static final BigDecimal HUNDRED = BigDecimal.valueOf(100);

  public DisclosureRules {
    rules = new EnumMap<>(rules);
  }

  /** The reference defaults for every group. */
  public static DisclosureRules defaults() {
    Map<Group, Rule> m = new EnumMap<>(Group.class);
    for (Group g : Group.values()) {
      m.put(g, Rule.DEFAULT);
    }
    return new DisclosureRules(m);
  }

  public Rule rule(Group g) {
    return rules.get(g);
  }

  /**
   * The primary status of group {@code g} of a cell: FREQUENCY if the cell has contributors but
   * fewer than the minimum, or an amount column has non-zero values from fewer than the minimum;
   * else DOMINANCE if, for some amount column, the n largest absolute values exceed k% of the sum
   * of absolute values; else FREE. A cell without contributors is free (its amounts are zero and
   * the published counts say so).
   */
  public Conf primary(ContributorStats s, Group g) {
    Rule r = rules.get(g);
    long n = s.contributors(g);
    if (n == 0) {
      return Conf.FREE;
    }
    if (n < r.minContributors()) {
      return Conf.FREQUENCY;
    }
    int columns = g.measures().size();
    for (int k = 0; k < columns; k++) {
      long nz = s.nonZero(g, k);
      if (nz > 0 && nz < r.minContributors()) {
        return Conf.FREQUENCY;
      }
    }
    for (int k = 0; k < columns; k++) {
      long top = s.top1(g, k);
      if (r.dominanceN() == 2) {
        top = Math.addExact(top, s.top2(g, k));
      }
      BigDecimal lhs = BigDecimal.valueOf(top).multiply(HUNDRED);
      BigDecimal rhs = r.dominanceK().multiply(BigDecimal.valueOf(s.sumAbs(g, k)));
      if (top > 0 && lhs.compareTo(rhs) > 0) {
        return Conf.DOMINANCE;
      }
    }
    return Conf.FREE;
  }

  /**
   * Reads {@code INPUT/disclosure.csv} if it exists (defaults otherwise). Columns: group
   * (PRODUCTION, INVESTMENT or RD), min_contributors (integer >= 1), dominance_n (1 or 2),
   * dominance_k (percent, > 0 and <= 100, at most 4 decimals); one row per group at most; groups
   * without a row keep the defaults. Any fault fails with file, line and column.
   */
  public static DisclosureRules read(String inputDir, String charset)
      throws IOException, InputException {
    ResourceId id =
        FileSystems.matchNewResource(inputDir, true)
            .resolve(FILE, ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
    if (!CsvFiles.exists(id)) {
      return defaults();
    }
    Map<Group, Rule> m = new EnumMap<>(defaults().rules());
    Set<Group> seen = java.util.EnumSet.noneOf(Group.class);
    try (CsvReader r = CsvFiles.open(id, charset)) {
      CsvRecord first = r.next();
      if (first == null) {
        throw new InputException(FILE + ": line 1: the file is empty (no header)");
      }
      if (first.isMalformed()) {
        throw new InputException(
            FILE + ": line " + first.line() + ": header is malformed: " + first.malformed());
      }
      Header h = Header.of(FILE, first.fields(), Set.copyOf(COLUMNS));
      for (String c : COLUMNS) {
        if (!h.has(c)) {
          throw new InputException(FILE + ": line 1: required column " + c + " missing");
        }
      }
      CsvRecord rec;
      while ((rec = r.next()) != null) {
        String at = FILE + ": line " + rec.line();
        if (rec.isMalformed()) {
          throw new InputException(at + ": malformed row: " + rec.malformed());
        }
        if (rec.fields().size() != h.size()) {
          throw new InputException(
              at + ": " + rec.fields().size() + " fields where the header has " + h.size());
        }
        String group = field(rec, h, "group");
        Group g;
        try {
          g = Group.valueOf(group);
        } catch (IllegalArgumentException e) {
          throw bad(
              rec, h, "group", InputText.show(group) + " is not PRODUCTION, INVESTMENT or RD");
        }
        if (!seen.add(g)) {
          throw bad(rec, h, "group", "a second row for " + g);
        }
        String min = field(rec, h, "min_contributors");
        if (!INTEGER.matcher(min).matches() || Integer.parseInt(min) < 1) {
          throw bad(rec, h, "min_contributors", InputText.show(min) + " is not an integer >= 1");
        }
        String n = field(rec, h, "dominance_n");
        if (!n.equals("1") && !n.equals("2")) {
          throw bad(rec, h, "dominance_n", InputText.show(n) + " is not 1 or 2");
        }
        String k = field(rec, h, "dominance_k");
        if (!PERCENT.matcher(k).matches()
            || new BigDecimal(k).signum() <= 0
            || new BigDecimal(k).compareTo(HUNDRED) > 0) {
          throw bad(
              rec,
              h,
              "dominance_k",
              InputText.show(k) + " is not a percent above 0 and at most 100");
        }
        m.put(g, new Rule(Integer.parseInt(min), Integer.parseInt(n), new BigDecimal(k)));
      }
    } catch (CharacterCodingException e) {
      throw new InputException(org.goalrollup.input.InvalidBytes.describe(id, FILE, charset));
    }
    return new DisclosureRules(m);
  }

  private static String field(CsvRecord rec, Header h, String column) {
    return rec.fields().get(h.indexOf(column));
  }

  private static InputException bad(CsvRecord rec, Header h, String column, String what) {
    return new InputException(
        FILE
            + ": line "
            + rec.line()
            + ", column "
            + (h.indexOf(column) + 1)
            + " ("
            + column
            + "): "
            + what);
  }

  /** The rules as the manifest shows them. */
  public Map<String, Object> describe() {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    for (Group g : Group.values()) {
      Rule r = rules.get(g);
      Map<String, Object> e = new java.util.LinkedHashMap<>();
      e.put("min_contributors", r.minContributors());
      e.put("dominance_n", r.dominanceN());
      e.put("dominance_k", r.dominanceK());
      out.put(g.label(), e);
    }
    return out;
  }
}
