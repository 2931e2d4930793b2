package org.goalrollup.output.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import org.goalrollup.output.report.Formats.Style;
import org.goalrollup.output.report.IndicatorNames.Unit;
import org.junit.jupiter.api.Test;

class FormatsTest {
  @Test
  void writesNumbersWithSeparatorsAndNoNegativeZero() {
    assertThat(Formats.number(1234567.891, 2), equalTo("1,234,567.89"));
    assertThat(Formats.number(-0.04, 1), equalTo("0.0"));
    assertThat(Formats.number(2.25, 1), equalTo("2.3"));
    assertThat(Formats.natural(6.0), equalTo("6"));
    assertThat(Formats.natural(2.5), equalTo("2.5"));
    assertThat(Formats.natural(1_100_000), equalTo("1,100,000"));
  }

  @Test
  void growthHasOneDecimalUnlessItWouldHideAMiss() {
    assertThat(Style.of(Unit.GROWTH, 6.54, 6.0, null).value(6.54), equalTo("6.5%"));
    // 5.96 would read "6.0%" next to a target of 6 that it misses
    assertThat(Style.of(Unit.GROWTH, 5.96, 6.0, null).value(5.96), equalTo("5.96%"));
    assertThat(Style.of(Unit.GROWTH, 5.9999, 6.0, null).value(5.9999), equalTo("5.9999%"));
    assertThat(Style.of(Unit.SHARE, 2.1234, 2.0, null).value(2.1234), equalTo("2.12%"));
  }

  @Test
  void largeAmountsAreWrittenIn亿元() {
    Style s = Style.of(Unit.AMOUNT, 1_168_000.0, 1_100_000.0, null);
    assertThat(s.value(1_168_000.0), equalTo("116.80 亿元"));
    assertThat(s.target("AT_LEAST", 1_100_000.0), equalTo("≥ 110 亿元"));
    assertThat(s.gap(68_000.0), equalTo("+6.80 亿元"));
    Style small = Style.of(Unit.AMOUNT, 5600.0, 5000.0, null);
    assertThat(small.value(5600.0), equalTo("5,600.00 万元"));
  }

  @Test
  void targetsCarryTheirDirectionAndGapsTheirSign() {
    Style s = Style.of(Unit.ENTERPRISES, 212.0, 200.0, null);
    assertThat(s.value(212.0), equalTo("212 家"));
    assertThat(s.target("ABOVE", 200.0), equalTo("> 200 家"));
    assertThat(s.target("AT_MOST", 200.0), equalTo("≤ 200 家"));
    assertThat(s.target("BELOW", null), equalTo("—"));
    assertThat(s.gap(12.0), equalTo("+12 家"));
    assertThat(Style.of(Unit.GROWTH, 4.6, 7.0).gap(-2.4), equalTo("-2.4 个百分点"));
    assertThat(Style.of(Unit.GROWTH, null, 7.0).value(null), equalTo("—"));
    assertThat(Formats.rate(6.5), equalTo("+6.5%"));
    assertThat(Formats.rate(-2.4), equalTo("-2.4%"));
  }
}
