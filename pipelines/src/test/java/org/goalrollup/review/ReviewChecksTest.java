package org.goalrollup.review;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;
import org.goalrollup.model.Enterprise;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Investment;
import org.goalrollup.model.InvestmentCategory;
import org.goalrollup.model.Production;
import org.goalrollup.model.ProjectFacts;
import org.goalrollup.model.RdCenterLevel;
import org.goalrollup.model.RdRecord;
import org.goalrollup.model.ReviewFlag;
import org.goalrollup.stats.Amounts;
import org.junit.jupiter.api.Test;

/**
 * Each rule on a hand-built case that breaks it, and on its neighbour just inside the limit, which
 * must stay silent. Line numbers identify the records: the flag must point at the right one.
 */
class ReviewChecksTest {
  static final ReviewRules RULES = defaults();

  static ReviewRules defaults() {
    try {
      return ReviewRules.defaults();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  static BigDecimal amt(String s) {
    return new BigDecimal(s).setScale(2);
  }

  static Production prod(
      int line, int year, int month, boolean above, String ov, String va, String rev, long emp) {
    return Production.newBuilder()
        .setEnterpriseId("E1")
        .setYear(year)
        .setMonth(month)
        .setAboveScale(above)
        .setOutputValue(Amounts.cents(amt(ov)))
        .setValueAdded(Amounts.cents(amt(va)))
        .setRevenue(Amounts.cents(amt(rev)))
        .setEmployees(emp)
        .setRevision(0)
        .setLineNumber(line)
        .setRaw("")
        .build();
  }

  /** A plausible month: VA 25% of output, revenue about output, 10 employees. */
  static Production ok(int line, int year, int month, String rev) {
    BigDecimal r = amt(rev);
    return prod(
        line, year, month, false, rev, r.divide(BigDecimal.valueOf(4)).toPlainString(), rev, 10);
  }

  static EnterpriseFacts facts(List<Production> rows, RdRecord... rd) {
    return EnterpriseFacts.newBuilder()
        .setEnterprise(
            Enterprise.newBuilder()
                .setEnterpriseId("E1")
                .setName("E1")
                .setDistrict("D1")
                .setIndustryCode("3670")
                .setRdCenterLevel(RdCenterLevel.NONE)
                .setRevision(0)
                .setLineNumber(2)
                .setRaw("")
                .build())
        .setProduction(rows)
        .setRd(List.of(rd))
        .setMilestones(List.of())
        .build();
  }

  static List<String> flags(List<ReviewFlag> flags) {
    return flags.stream().map(f -> f.getRuleId() + "@" + f.getLineNumber()).toList();
  }

  static List<String> check(Production... rows) {
    return flags(ReviewChecks.enterprise(facts(List.of(rows)), RULES));
  }

  @Test
  void valueAddedAboveOutputValue() {
    List<ReviewFlag> f =
        ReviewChecks.enterprise(
            facts(
                List.of(
                    prod(2, 2020, 1, false, "100.00", "100.01", "100", 5),
                    prod(3, 2020, 2, false, "100.00", "80.00", "100", 5))),
            RULES);
    // 100.01 > 100 is a QUERY; exactly 0.8 of output is inside VA_RATIO's range
    assertEquals(List.of("VA_ABOVE_OUTPUT@2"), flags(f));
    assertEquals("QUERY", f.get(0).getSeverity());
    assertEquals("value_added=100.01; output_value=100.00", f.get(0).getObserved());
    assertEquals("production.csv", f.get(0).getSourceFile());
    assertEquals(1, (int) f.get(0).getMonth());
  }

  @Test
  void valueAddedRatioOutsideTheRange() {
    assertEquals(
        List.of("VA_RATIO@2", "VA_RATIO@4"),
        check(
            prod(2, 2020, 1, false, "100.00", "80.01", "100", 5),
            prod(3, 2020, 2, false, "100.00", "0.00", "100", 5),
            prod(4, 2020, 3, false, "100.00", "-0.01", "100", 5),
            // output 0: no ratio, and VA 0 is not above it
            prod(5, 2020, 4, false, "0.00", "0.00", "100", 5)));
  }

  @Test
  void valueAddedRatioRangeIsAParameter() throws Exception {
    ReviewRules r =
        ReviewRules.parse("rule_id,severity,parameters\nVA_RATIO,QUERY,max_ratio=0.5\n");
    List<ReviewFlag> f =
        ReviewChecks.enterprise(
            facts(
                List.of(
                    prod(2, 2020, 1, false, "100.00", "50.00", "100", 5),
                    prod(3, 2020, 2, false, "100.00", "50.01", "100", 5))),
            r);
    assertEquals(List.of("VA_RATIO@3"), flags(f));
    assertEquals("QUERY", f.get(0).getSeverity());
  }

  /** Twelve months of revenue {@code each}, the last one with its own amount and flag. */
  static List<Production> year(boolean above, String each, String last) {
    List<Production> rows = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      String rev = m == 12 ? last : each;
      rows.add(prod(m + 1, 2020, m, above, rev, "0.00", rev, 10));
    }
    return rows;
  }

  @Test
  void aboveScaleWithLowRevenue() {
    // 11 x 166.66 + 166.73 = 1999.99 < 2000; with 166.74 the year has exactly 2000.00
    assertEquals(
        List.of("ABOVE_SCALE_LOW_REVENUE@13"),
        flags(ReviewChecks.enterprise(facts(year(true, "166.66", "166.73")), RULES)));
    assertThat(
        flags(ReviewChecks.enterprise(facts(year(true, "166.66", "166.74")), RULES)), empty());
  }

  @Test
  void belowScaleWithHighRevenue() {
    // 2000.01 > 2000 is flagged, exactly 2000.00 is not
    assertEquals(
        List.of("BELOW_SCALE_HIGH_REVENUE@13"),
        flags(ReviewChecks.enterprise(facts(year(false, "166.66", "166.75")), RULES)));
    assertThat(
        flags(ReviewChecks.enterprise(facts(year(false, "166.66", "166.74")), RULES)), empty());
  }

  @Test
  void scaleRulesNeedTwelveReportedMonths() {
    List<Production> eleven = new ArrayList<>(year(true, "10.00", "10.00")).subList(1, 12);
    assertThat(flags(ReviewChecks.enterprise(facts(eleven), RULES)), empty());
  }

  @Test
  void scaleRulesLookAtTheLastTwelveReportedMonthsAtEachYearEnd() {
    // 2019: 12 x 100 = 1200, above scale in December 2019 -> flagged at 2019-12.
    // 2020: Jan-Jun at 300 each; the 12 records up to 2020-06 hold 6 x 100 + 6 x 300 = 2400.
    List<Production> rows = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      rows.add(prod(100 + m, 2019, m, true, "100", "25", "100", 10));
    }
    for (int m = 1; m <= 6; m++) {
      rows.add(prod(200 + m, 2020, m, true, "300", "75", "300", 10));
    }
    assertEquals(
        List.of("ABOVE_SCALE_LOW_REVENUE@112"), flags(ReviewChecks.enterprise(facts(rows), RULES)));
  }

  @Test
  void revenueWithoutEmployees() {
    assertEquals(
        List.of("REVENUE_WITHOUT_EMPLOYEES@2"),
        check(
            prod(2, 2020, 1, false, "100", "25", "0.01", 0),
            prod(3, 2020, 2, false, "100", "25", "0.00", 0),
            prod(4, 2020, 3, false, "100", "25", "0.01", 1)));
  }

  @Test
  void employeesWithoutRevenueForTheWholeYear() {
    List<ReviewFlag> f =
        ReviewChecks.enterprise(
            facts(
                List.of(
                    prod(2, 2019, 11, false, "10", "2", "0.00", 3),
                    prod(3, 2019, 12, false, "10", "2", "0.00", 0),
                    // 2020: one month with revenue, so the year is not flagged
                    prod(4, 2020, 1, false, "10", "2", "0.00", 3),
                    prod(5, 2020, 2, false, "10", "2", "0.01", 3))),
            RULES);
    assertEquals(List.of("EMPLOYEES_WITHOUT_REVENUE@3"), flags(f));
    assertNull(f.get(0).getMonth());
    assertEquals(2019, f.get(0).getYear());
  }

  @Test
  void monthOnMonthJump() {
    // 100 -> 300.04 is beyond 3x, 300.04 -> 100.04 is not; 100 -> 300 -> 100 is exactly 3x
    assertEquals(
        List.of("MONTH_ON_MONTH_JUMP@3"),
        check(ok(2, 2020, 1, "100"), ok(3, 2020, 2, "300.04"), ok(4, 2020, 3, "100.04")));
    assertThat(check(ok(2, 2020, 1, "100"), ok(3, 2020, 2, "300"), ok(4, 2020, 3, "100")), empty());
  }

  @Test
  void monthOnMonthDropAcrossTheYearEnd() {
    assertEquals(
        List.of("MONTH_ON_MONTH_JUMP@3"), check(ok(2, 2019, 12, "400"), ok(3, 2020, 1, "133.32")));
  }

  @Test
  void jumpsBelowTheSizeFloorAreSilent() {
    // both months under min_revenue=100: silent; at 100 the floor is reached
    assertThat(check(ok(2, 2020, 1, "20"), ok(3, 2020, 2, "99.96")), empty());
    assertEquals(
        List.of("MONTH_ON_MONTH_JUMP@3"), check(ok(2, 2020, 1, "20"), ok(3, 2020, 2, "100")));
  }

  @Test
  void yearOnYearJump() {
    List<ReviewFlag> f =
        ReviewChecks.enterprise(
            facts(
                List.of(
                    ok(2, 2019, 5, "1000"),
                    ok(3, 2019, 6, "1000"),
                    ok(4, 2020, 5, "333.32"),
                    ok(5, 2020, 6, "333.36"))),
            RULES);
    // 1000 / 333.32 > 3 (flagged), 1000 / 333.36 < 3 (not); the months between are a gap
    assertEquals(
        List.of("MONTH_GAP@4", "YEAR_ON_YEAR_JUMP@4"), flags(f).stream().sorted().toList());
    ReviewFlag jump = f.stream().filter(x -> x.getRuleId().startsWith("YEAR")).findFirst().get();
    assertEquals(
        "value_added=83.33; value_added(2019-05)=250.00; revenue=333.32;"
            + " revenue(2019-05)=1000.00; factor=3",
        jump.getObserved());
  }

  @Test
  void monthGap() {
    List<ReviewFlag> f =
        ReviewChecks.enterprise(
            facts(
                List.of(
                    ok(2, 2019, 11, "100"),
                    ok(3, 2019, 12, "100"),
                    ok(4, 2020, 1, "100"),
                    ok(5, 2020, 4, "100"))),
            RULES);
    assertEquals(List.of("MONTH_GAP@5"), flags(f));
    assertEquals(2020, f.get(0).getYear());
    assertEquals(2, (int) f.get(0).getMonth());
    assertEquals(
        "missing=2020-02..2020-03 (2 months); previous=2020-01 (line 4); next=2020-04",
        f.get(0).getObserved());
  }

  static RdRecord rd(int line, int year, String exp) {
    return RdRecord.newBuilder()
        .setEnterpriseId("E1")
        .setYear(year)
        .setRdExpenditure(amt(exp))
        .setRdPersonnel(1)
        .setRevision(0)
        .setLineNumber(line)
        .setRaw("")
        .build();
  }

  @Test
  void rdAboveRevenue() {
    List<Production> rows =
        List.of(
            ok(2, 2019, 11, "100"),
            ok(3, 2019, 12, "100"),
            ok(4, 2020, 1, "100"),
            ok(5, 2020, 2, "100"));
    List<ReviewFlag> f =
        ReviewChecks.enterprise(
            facts(rows, rd(7, 2019, "200.01"), rd(8, 2020, "200.00"), rd(9, 2021, "5")), RULES);
    // 2019 over its revenue of 200; 2020 equal; 2021 has no production, so no known revenue
    assertEquals(List.of("RD_ABOVE_REVENUE@7"), flags(f));
    assertEquals("rd.csv", f.get(0).getSourceFile());
    assertEquals("rd_expenditure=200.01; revenue(2019, 2 months)=200.00", f.get(0).getObserved());
  }

  static Investment inv(int line, int year, int month, String planned, String completed) {
    return Investment.newBuilder()
        .setProjectId("P1")
        .setEnterpriseId(null)
        .setDistrict("D1")
        .setIndustryCode("3670")
        .setYear(year)
        .setMonth(month)
        .setCategory(InvestmentCategory.INDUSTRIAL)
        .setHighTech(false)
        .setTechRenovation(false)
        .setPlannedTotal(amt(planned))
        .setCompleted(amt(completed))
        .setRevision(0)
        .setLineNumber(line)
        .setRaw("")
        .build();
  }

  static List<String> project(Investment... rows) {
    return flags(
        ReviewChecks.project(
            ProjectFacts.newBuilder().setProjectId("P1").setRecords(List.of(rows)).build(), RULES));
  }

  @Test
  void investmentOfTheYearOverThePlan() {
    // 2019: 600 + 400.01 > 1000 at line 3; 2020 starts again: 1000 is not over
    assertThat(
        project(
            inv(2, 2019, 1, "1000", "600"),
            inv(3, 2019, 2, "1000", "400.01"),
            inv(4, 2019, 3, "1000", "0"),
            inv(5, 2020, 1, "1000", "1000")),
        containsInAnyOrder("INVESTMENT_OVER_PLAN@3", "INVESTMENT_AFTER_COMPLETION@5"));
  }

  @Test
  void investmentAfterCompletion() {
    // the cumulative 1000 reaches the plan in 2019-12; a nil return after it is fine, new
    // investment in 2020-02 is flagged (once)
    assertEquals(
        List.of("INVESTMENT_AFTER_COMPLETION@4"),
        project(
            inv(2, 2019, 11, "1000", "500"),
            inv(3, 2019, 12, "1000", "500"),
            inv(5, 2020, 1, "1000", "0"),
            inv(4, 2020, 2, "1000", "1"),
            inv(6, 2020, 3, "1000", "1")));
    // 999.99 of 1000: not reached, nothing flagged
    assertThat(
        project(
            inv(2, 2019, 11, "1000", "500"),
            inv(3, 2019, 12, "1000", "499.99"),
            inv(4, 2020, 2, "1000", "0.01")),
        empty());
  }

  @Test
  void disabledRulesAreSilent() throws Exception {
    ReviewRules r = ReviewRules.parse("rule_id,severity,enabled\nVA_ABOVE_OUTPUT,QUERY,false\n");
    assertThat(
        flags(
            ReviewChecks.enterprise(
                facts(List.of(prod(2, 2020, 1, false, "100.00", "100.01", "100", 5))), r)),
        empty());
  }
}
