package org.goalrollup.output.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.util.Set;
import org.apache.avro.Schema;
import org.goalrollup.model.Summary;
import org.junit.jupiter.api.Test;

class IndicatorNamesTest {
  @Test
  void everyIndicatorColumnOfTheSummaryHasAName() {
    Set<String> notIndicators = Set.of("year", "period_end_month", "sector_id", "district");
    for (Schema.Field f : Summary.SCHEMA$.getFields()) {
      if (!notIndicators.contains(f.name())) {
        assertThat(f.name(), IndicatorNames.names(f.name()), is(true));
      }
    }
  }

  @Test
  void namesMilestonesKnownOrNot() {
    assertThat(IndicatorNames.of("milestones.SMART_FACTORY").zh(), equalTo("智能工厂"));
    assertThat(IndicatorNames.of("milestones.NEW_KIND").en(), equalTo("milestones NEW_KIND"));
    assertThat(IndicatorNames.of("milestones.NEW_KIND").cumulative(), is(true));
    assertThat(IndicatorNames.of("value_added_growth").zh(), equalTo("规上工业增加值增速"));
    assertThat(
        IndicatorNames.of("value_added_growth").en(),
        equalTo("above-scale industrial value-added growth"));
  }
}
