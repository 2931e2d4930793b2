package org.goalrollup.review;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.io.FileSystems;
import org.goalrollup.input.InputException;
import org.goalrollup.review.ReviewRules.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shipped rules file, overriding it from the input folder, and every way it can be bad. */
class ReviewRulesTest {
  @Test
  void shippedDefaults() throws Exception {
    ReviewRules r = ReviewRules.defaults();
    for (ReviewRule rule : ReviewRule.values()) {
      assertTrue(r.enabled(rule), rule.name());
    }
    assertEquals(0, r.param(ReviewRule.VA_RATIO, "min_ratio").compareTo(BigDecimal.ZERO));
    assertEquals(0, r.param(ReviewRule.VA_RATIO, "max_ratio").compareTo(new BigDecimal("0.8")));
    assertEquals(
        0,
        r.param(ReviewRule.ABOVE_SCALE_LOW_REVENUE, "threshold")
            .compareTo(BigDecimal.valueOf(2000)));
    assertEquals(
        0,
        r.param(ReviewRule.BELOW_SCALE_HIGH_REVENUE, "threshold")
            .compareTo(BigDecimal.valueOf(2000)));
    assertEquals(
        0, r.param(ReviewRule.MONTH_ON_MONTH_JUMP, "factor").compareTo(BigDecimal.valueOf(3)));
    assertEquals(
        0, r.param(ReviewRule.YEAR_ON_YEAR_JUMP, "factor").compareTo(BigDecimal.valueOf(3)));
    assertEquals(Severity.QUERY, r.severity(ReviewRule.VA_ABOVE_OUTPUT));
    assertEquals(Severity.WARNING, r.severity(ReviewRule.MONTH_GAP));
  }

  @Test
  void overrideChangesOnlyWhatItNames() throws Exception {
    ReviewRules r =
        ReviewRules.parse(
            "rule_id,severity,enabled,parameters,comment\n"
                + "MONTH_ON_MONTH_JUMP,QUERY,,factor=2.5,extra columns are ignored\n"
                + "MONTH_GAP,WARNING,否,,\n");
    assertEquals(Severity.QUERY, r.severity(ReviewRule.MONTH_ON_MONTH_JUMP));
    assertEquals(
        0, r.param(ReviewRule.MONTH_ON_MONTH_JUMP, "factor").compareTo(new BigDecimal("2.5")));
    // min_revenue not named: the shipped default stays
    assertEquals(
        0,
        r.param(ReviewRule.MONTH_ON_MONTH_JUMP, "min_revenue").compareTo(BigDecimal.valueOf(100)));
    assertFalse(r.enabled(ReviewRule.MONTH_GAP));
    // rules without a row keep the defaults
    assertEquals(
        0, r.param(ReviewRule.YEAR_ON_YEAR_JUMP, "factor").compareTo(BigDecimal.valueOf(3)));
  }

  static String error(String csv) {
    return assertThrows(InputException.class, () -> ReviewRules.parse(csv)).getMessage();
  }

  @Test
  void unknownRuleId() {
    assertThat(
        error("rule_id,severity\nVA_RATIO,WARNING\nVA_RATO,WARNING\n"),
        startsWith("review-rules.csv: line 3, column 1 (rule_id): unknown rule 'VA_RATO'"));
  }

  @Test
  void badParameters() {
    String h = "severity,rule_id,parameters\n";
    assertEquals(
        "review-rules.csv: line 2, column 3 (parameters): VA_RATIO parameter max_ratio='0,8' is"
            + " not a number",
        error(h + "WARNING,VA_RATIO,\"max_ratio=0,8\"\n"));
    assertThat(
        error(h + "WARNING,MONTH_ON_MONTH_JUMP,factor=1\n"),
        startsWith(
            "review-rules.csv: line 2, column 3 (parameters): MONTH_ON_MONTH_JUMP parameter"
                + " factor='1' must be greater than 1"));
    assertThat(
        error(h + "WARNING,ABOVE_SCALE_LOW_REVENUE,threshold=-1\n"),
        startsWith("review-rules.csv: line 2, column 3 (parameters): ABOVE_SCALE_LOW_REVENUE"));
    assertThat(
        error(h + "WARNING,MONTH_GAP,months=2\n"),
        startsWith(
            "review-rules.csv: line 2, column 3 (parameters): rule MONTH_GAP takes no parameters"));
    assertThat(
        error(h + "WARNING,VA_RATIO,maximum=2\n"),
        startsWith(
            "review-rules.csv: line 2, column 3 (parameters): rule VA_RATIO has no parameter"
                + " 'maximum'"));
    assertThat(
        error(h + "WARNING,VA_RATIO,min_ratio=0.9\n"),
        startsWith(
            "review-rules.csv: line 2, column 3 (parameters): min_ratio is greater than max_ratio"));
  }

  /** A rule id or severity with an invisible end says which character. */
  @Test
  void anUnexpectedValueNamesWhatCannotBeSeen() {
    assertThat(
        error("rule_id,severity\nVA_RATIO\u00a0,WARNING\n"),
        startsWith(
            "review-rules.csv: line 2, column 1 (rule_id): unknown rule 'VA_RATIO\u00a0' (ends with"
                + " U+00A0 NO-BREAK SPACE)"));
    assertThat(
        error("rule_id,severity\nVA_RATIO,\tQUERY\n"),
        startsWith(
            "review-rules.csv: line 2, column 2 (severity): '\tQUERY' (starts with U+0009"
                + " CHARACTER TABULATION) is not WARNING or QUERY"));
  }

  @Test
  void badSeverityEnabledAndDuplicates() {
    assertThat(
        error("rule_id,severity\nVA_RATIO,HIGH\n"),
        startsWith(
            "review-rules.csv: line 2, column 2 (severity): 'HIGH' is not WARNING or QUERY"));
    assertThat(
        error("rule_id,severity,enabled\nVA_RATIO,WARNING,maybe\n"),
        startsWith("review-rules.csv: line 2, column 3 (enabled): enabled: 'maybe'"));
    assertThat(
        error("rule_id,severity\nVA_RATIO,WARNING\n\nVA_RATIO,QUERY\n"),
        startsWith(
            "review-rules.csv: line 4, column 1 (rule_id): rule VA_RATIO is already set on line 2"));
    assertThat(
        error("rule_id,enabled\nVA_RATIO,true\n"),
        startsWith("review-rules.csv: line 1: required column severity missing"));
    assertThat(
        error("rule_id,severity\nVA_RATIO,WARNING,x\n"),
        startsWith("review-rules.csv: line 2: malformed row"));
  }

  @Test
  void loadsTheInputFolderFileOverTheDefaults(@TempDir Path dir) throws Exception {
    Path f = dir.resolve(ReviewRules.FILE_NAME);
    ReviewRules none = ReviewRules.load(FileSystems.matchNewResource(f.toString(), false), "UTF-8");
    assertEquals("review-rules.csv (built-in)", none.source());
    Files.writeString(f, "\uFEFFrule_id,severity\nRD_ABOVE_REVENUE,WARNING\n");
    ReviewRules r = ReviewRules.load(FileSystems.matchNewResource(f.toString(), false), "UTF-8");
    assertEquals(Severity.WARNING, r.severity(ReviewRule.RD_ABOVE_REVENUE));
    assertEquals(f.toString(), r.source());
  }
}
