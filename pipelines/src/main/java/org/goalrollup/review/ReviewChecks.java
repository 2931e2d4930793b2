package org.goalrollup.review;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.goalrollup.input.InputFile;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Investment;
import org.goalrollup.model.Production;
import org.goalrollup.model.ProjectFacts;
import org.goalrollup.model.RdRecord;
import org.goalrollup.model.ReviewFlag;
import org.goalrollup.stats.Amounts;

/**
 * The review rules as plain functions: the in-force records of one enterprise or one project go in,
 * the flags they raise come out. Nothing here changes a record or a figure.
 */
public final class ReviewChecks {
  private ReviewChecks() {}

  private static final String PRODUCTION = InputFile.PRODUCTION.fileName();
  private static final String INVESTMENT = InputFile.INVESTMENT.fileName();
  private static final String RD = InputFile.RD.fileName();
  private static final int WINDOW = 12;

  /** Every flag the enterprise's production and R&D records raise. */
  public static List<ReviewFlag> enterprise(EnterpriseFacts facts, ReviewRules rules) {
    String id = facts.getEnterprise().getEnterpriseId();
    List<Production> rows = new ArrayList<>(facts.getProduction());
    rows.sort(Comparator.comparingInt(Production::getYear).thenComparingInt(Production::getMonth));
    List<ReviewFlag> out = new ArrayList<>();
    Map<Integer, Production> byMonth = new HashMap<>();
    rows.forEach(p -> byMonth.put(index(p.getYear(), p.getMonth()), p));
    for (int i = 0; i < rows.size(); i++) {
      Production p = rows.get(i);
      valueAdded(id, p, rules, out);
      if (rules.enabled(ReviewRule.REVENUE_WITHOUT_EMPLOYEES)
          && p.getRevenue() > 0
          && p.getEmployees() == 0) {
        out.add(
            flag(
                ReviewRule.REVENUE_WITHOUT_EMPLOYEES,
                rules,
                id,
                p,
                "revenue=" + amount(p.getRevenue()) + "; employees=0"));
      }
      int at = index(p.getYear(), p.getMonth());
      jump(ReviewRule.MONTH_ON_MONTH_JUMP, id, p, byMonth.get(at - 1), rules, out);
      jump(ReviewRule.YEAR_ON_YEAR_JUMP, id, p, byMonth.get(at - 12), rules, out);
      if (i > 0) {
        gap(id, rows.get(i - 1), p, rules, out);
      }
      boolean lastOfYear = i + 1 == rows.size() || rows.get(i + 1).getYear() != p.getYear();
      if (lastOfYear) {
        scale(id, rows.subList(Math.max(0, i + 1 - WINDOW), i + 1), rules, out);
      }
    }
    employeesWithoutRevenue(id, rows, rules, out);
    rdAboveRevenue(id, rows, facts.getRd(), rules, out);
    return out;
  }

  /** VA_ABOVE_OUTPUT and VA_RATIO of one monthly record. */
  static void valueAdded(String id, Production p, ReviewRules rules, List<ReviewFlag> out) {
    long va = p.getValueAdded();
    long ov = p.getOutputValue();
    if (va > ov) {
      if (rules.enabled(ReviewRule.VA_ABOVE_OUTPUT)) {
        out.add(flag(ReviewRule.VA_ABOVE_OUTPUT, rules, id, p, observedValueAdded(va, ov)));
      }
      return; // the ratio is over 1: VA_ABOVE_OUTPUT's case, not flagged twice
    }
    if (!rules.enabled(ReviewRule.VA_RATIO) || ov <= 0) {
      return;
    }
    BigDecimal min = rules.param(ReviewRule.VA_RATIO, "min_ratio");
    BigDecimal max = rules.param(ReviewRule.VA_RATIO, "max_ratio");
    // compare va with bound x ov exactly, no rounding of the ratio; both in cents, so the common
    // factor 100 does not change the comparison
    BigDecimal vaCents = BigDecimal.valueOf(va);
    BigDecimal ovCents = BigDecimal.valueOf(ov);
    if (vaCents.compareTo(min.multiply(ovCents)) < 0
        || vaCents.compareTo(max.multiply(ovCents)) > 0) {
      out.add(
          flag(
              ReviewRule.VA_RATIO,
              rules,
              id,
              p,
              observedValueAdded(va, ov)
                  + "; ratio="
                  + vaCents.divide(ovCents, 4, RoundingMode.HALF_EVEN).toPlainString()
                  + "; range="
                  + min.toPlainString()
                  + ".."
                  + max.toPlainString()));
    }
  }

  /** What VA_ABOVE_OUTPUT and VA_RATIO read; built only for a flag (it is per row otherwise). */
  private static String observedValueAdded(long va, long ov) {
    return "value_added=" + amount(va) + "; output_value=" + amount(ov);
  }

  /**
   * MONTH_ON_MONTH_JUMP / YEAR_ON_YEAR_JUMP: value added or revenue of {@code p} is more than
   * factor times that of {@code prev}, or less than 1/factor of it. Only when both values are
   * positive and the larger revenue of the two months reaches min_revenue.
   */
  static void jump(
      ReviewRule rule,
      String id,
      Production p,
      Production prev,
      ReviewRules rules,
      List<ReviewFlag> out) {
    if (prev == null || !rules.enabled(rule)) {
      return;
    }
    BigDecimal factor = rules.param(rule, "factor");
    BigDecimal floor = rules.param(rule, "min_revenue");
    if (Amounts.decimal(Math.max(p.getRevenue(), prev.getRevenue())).compareTo(floor) < 0) {
      return;
    }
    List<String> parts = new ArrayList<>();
    for (String measure : List.of("value_added", "revenue")) {
      long cur = measure.equals("revenue") ? p.getRevenue() : p.getValueAdded();
      long before = measure.equals("revenue") ? prev.getRevenue() : prev.getValueAdded();
      if (cur <= 0 || before <= 0) {
        continue;
      }
      // both in cents: the common factor 100 does not change the comparisons
      BigDecimal curCents = BigDecimal.valueOf(cur);
      BigDecimal beforeCents = BigDecimal.valueOf(before);
      if (curCents.compareTo(factor.multiply(beforeCents)) > 0
          || factor.multiply(curCents).compareTo(beforeCents) < 0) {
        parts.add(
            measure
                + "="
                + amount(cur)
                + "; "
                + measure
                + "("
                + period(prev.getYear(), prev.getMonth())
                + ")="
                + amount(before));
      }
    }
    if (!parts.isEmpty()) {
      out.add(
          flag(
              rule, rules, id, p, String.join("; ", parts) + "; factor=" + factor.toPlainString()));
    }
  }

  /** MONTH_GAP: months missing between two consecutive records; the flag is on the later one. */
  static void gap(
      String id, Production before, Production p, ReviewRules rules, List<ReviewFlag> out) {
    int a = index(before.getYear(), before.getMonth());
    int b = index(p.getYear(), p.getMonth());
    if (b - a <= 1 || !rules.enabled(ReviewRule.MONTH_GAP)) {
      return;
    }
    int first = a + 1;
    int last = b - 1;
    String missing =
        period(first / 12, first % 12 + 1)
            + (last > first ? ".." + period(last / 12, last % 12 + 1) : "");
    out.add(
        ReviewFlag.newBuilder(flag(ReviewRule.MONTH_GAP, rules, id, p, ""))
            .setYear(first / 12)
            .setMonth(first % 12 + 1)
            .setObserved(
                "missing="
                    + missing
                    + " ("
                    + (last - first + 1)
                    + " month"
                    + (last > first ? "s" : "")
                    + "); previous="
                    + period(before.getYear(), before.getMonth())
                    + " (line "
                    + before.getLineNumber()
                    + "); next="
                    + period(p.getYear(), p.getMonth()))
            .build());
  }

  /**
   * ABOVE_SCALE_LOW_REVENUE / BELOW_SCALE_HIGH_REVENUE at the last record of a year: {@code window}
   * is the enterprise's last records up to it (at most 12); the rules need all 12.
   */
  static void scale(String id, List<Production> window, ReviewRules rules, List<ReviewFlag> out) {
    if (window.size() < WINDOW) {
      return;
    }
    Production last = window.get(window.size() - 1);
    long sum = revenue(window);
    ReviewRule rule =
        last.getAboveScale()
            ? ReviewRule.ABOVE_SCALE_LOW_REVENUE
            : ReviewRule.BELOW_SCALE_HIGH_REVENUE;
    if (!rules.enabled(rule)) {
      return;
    }
    BigDecimal threshold = rules.param(rule, "threshold");
    int c = Amounts.decimal(sum).compareTo(threshold);
    if (last.getAboveScale() ? c < 0 : c > 0) {
      Production first = window.get(0);
      out.add(
          flag(
              rule,
              rules,
              id,
              last,
              "above_scale="
                  + last.getAboveScale()
                  + "; revenue("
                  + period(first.getYear(), first.getMonth())
                  + ".."
                  + period(last.getYear(), last.getMonth())
                  + ")="
                  + amount(sum)
                  + "; threshold="
                  + threshold.toPlainString()));
    }
  }

  /** EMPLOYEES_WITHOUT_REVENUE: per year, revenue 0 in every record and employees in some. */
  static void employeesWithoutRevenue(
      String id, List<Production> sorted, ReviewRules rules, List<ReviewFlag> out) {
    if (!rules.enabled(ReviewRule.EMPLOYEES_WITHOUT_REVENUE)) {
      return;
    }
    Map<Integer, List<Production>> byYear = byYear(sorted);
    for (Map.Entry<Integer, List<Production>> e : byYear.entrySet()) {
      List<Production> ys = e.getValue();
      boolean noRevenue = ys.stream().allMatch(p -> p.getRevenue() == 0);
      long maxEmployees = ys.stream().mapToLong(Production::getEmployees).max().orElse(0);
      if (noRevenue && maxEmployees > 0) {
        Production last = ys.get(ys.size() - 1);
        out.add(
            ReviewFlag.newBuilder(
                    flag(
                        ReviewRule.EMPLOYEES_WITHOUT_REVENUE,
                        rules,
                        id,
                        last,
                        "months=" + ys.size() + "; revenue=0.00; employees(max)=" + maxEmployees))
                .setMonth(null)
                .build());
      }
    }
  }

  /** RD_ABOVE_REVENUE: a year's R&D expenditure over the year's revenue (production reported). */
  static void rdAboveRevenue(
      String id,
      List<Production> sorted,
      List<RdRecord> rd,
      ReviewRules rules,
      List<ReviewFlag> out) {
    if (!rules.enabled(ReviewRule.RD_ABOVE_REVENUE)) {
      return;
    }
    Map<Integer, List<Production>> byYear = byYear(sorted);
    for (RdRecord r : rd) {
      List<Production> ys = byYear.get(r.getYear());
      if (ys == null) {
        continue; // no production that year: the revenue is unknown, not 0
      }
      long revenue = revenue(ys);
      if (r.getRdExpenditure().compareTo(Amounts.decimal(revenue)) > 0) {
        out.add(
            base(ReviewRule.RD_ABOVE_REVENUE, rules, RD, r.getLineNumber(), r.getYear(), null)
                .setEnterpriseId(id)
                .setObserved(
                    "rd_expenditure="
                        + amount(r.getRdExpenditure())
                        + "; revenue("
                        + r.getYear()
                        + ", "
                        + ys.size()
                        + " months)="
                        + amount(revenue))
                .build());
      }
    }
  }

  /**
   * The flags of one investment project. INVESTMENT_OVER_PLAN: the first record of a year at which
   * the year's completed sum exceeds that record's planned_total. INVESTMENT_AFTER_COMPLETION: once
   * the cumulative completed sum over all the project's records has reached planned_total (> 0),
   * the first later record that adds investment (completed > 0).
   */
  public static List<ReviewFlag> project(ProjectFacts facts, ReviewRules rules) {
    List<Investment> rows = new ArrayList<>(facts.getRecords());
    rows.sort(Comparator.comparingInt(Investment::getYear).thenComparingInt(Investment::getMonth));
    List<ReviewFlag> out = new ArrayList<>();
    BigDecimal yearSum = BigDecimal.ZERO;
    BigDecimal cumulative = BigDecimal.ZERO;
    Integer year = null;
    boolean overThisYear = false;
    Investment reached = null;
    boolean afterFlagged = false;
    for (Investment i : rows) {
      if (year == null || i.getYear() != year) {
        year = i.getYear();
        yearSum = BigDecimal.ZERO;
        overThisYear = false;
      }
      BigDecimal before = cumulative;
      yearSum = yearSum.add(i.getCompleted());
      cumulative = cumulative.add(i.getCompleted());
      if (reached != null
          && !afterFlagged
          && i.getCompleted().signum() > 0
          && rules.enabled(ReviewRule.INVESTMENT_AFTER_COMPLETION)) {
        afterFlagged = true;
        out.add(
            projectFlag(
                ReviewRule.INVESTMENT_AFTER_COMPLETION,
                rules,
                facts.getProjectId(),
                i,
                "completed="
                    + amount(i.getCompleted())
                    + "; cumulative_before="
                    + amount(before)
                    + "; planned_total="
                    + amount(reached.getPlannedTotal())
                    + "; reached="
                    + period(reached.getYear(), reached.getMonth())
                    + " (line "
                    + reached.getLineNumber()
                    + ")"));
      }
      if (!overThisYear
          && yearSum.compareTo(i.getPlannedTotal()) > 0
          && rules.enabled(ReviewRule.INVESTMENT_OVER_PLAN)) {
        overThisYear = true;
        out.add(
            projectFlag(
                ReviewRule.INVESTMENT_OVER_PLAN,
                rules,
                facts.getProjectId(),
                i,
                "completed("
                    + i.getYear()
                    + ", to month "
                    + i.getMonth()
                    + ")="
                    + amount(yearSum)
                    + "; planned_total="
                    + amount(i.getPlannedTotal())));
      }
      if (reached == null
          && i.getPlannedTotal().signum() > 0
          && cumulative.compareTo(i.getPlannedTotal()) >= 0) {
        reached = i;
      }
    }
    return out;
  }

  private static ReviewFlag projectFlag(
      ReviewRule rule, ReviewRules rules, String projectId, Investment i, String observed) {
    return base(rule, rules, INVESTMENT, i.getLineNumber(), i.getYear(), i.getMonth())
        .setProjectId(projectId)
        .setEnterpriseId(i.getEnterpriseId())
        .setObserved(observed)
        .build();
  }

  private static ReviewFlag flag(
      ReviewRule rule, ReviewRules rules, String id, Production p, String observed) {
    return base(rule, rules, PRODUCTION, p.getLineNumber(), p.getYear(), p.getMonth())
        .setEnterpriseId(id)
        .setObserved(observed)
        .build();
  }

  private static ReviewFlag.Builder base(
      ReviewRule rule, ReviewRules rules, String file, long line, int year, Integer month) {
    return ReviewFlag.newBuilder()
        .setRuleId(rule.name())
        .setSeverity(rules.severity(rule).name())
        .setSourceFile(file)
        .setLineNumber(line)
        .setYear(year)
        .setMonth(month)
        .setMessageZh(rule.messageZh())
        .setMessageEn(rule.messageEn());
  }

  /**
   * The revenue of the records in cents. Exact: at most 12 records of one enterprise are summed (a
   * window or a year), each below 10^14 cents ({@link org.goalrollup.input.Values#MAX_AMOUNT}), so
   * the sum cannot leave a long; a record built past that limit fails loudly, never wraps.
   */
  private static long revenue(List<Production> rows) {
    long sum = 0;
    for (Production p : rows) {
      sum = Math.addExact(sum, p.getRevenue());
    }
    return sum;
  }

  private static Map<Integer, List<Production>> byYear(List<Production> sorted) {
    Map<Integer, List<Production>> m = new LinkedHashMap<>();
    sorted.forEach(p -> m.computeIfAbsent(p.getYear(), k -> new ArrayList<>()).add(p));
    return m;
  }

  /** Months since year 0: consecutive months differ by 1 across a year end. */
  static int index(int year, int month) {
    return year * 12 + month - 1;
  }

  static String period(int year, int month) {
    return String.format("%04d-%02d", year, month);
  }

  static String amount(BigDecimal v) {
    return v.setScale(2, RoundingMode.UNNECESSARY).toPlainString();
  }

  /** An amount in cents as the CSV writes it with two decimals, e.g. 2394 as {@code 23.94}. */
  static String amount(long cents) {
    return Amounts.decimal(cents).toPlainString();
  }
}
