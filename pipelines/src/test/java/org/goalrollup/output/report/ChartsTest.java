package org.goalrollup.output.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.util.List;
import org.goalrollup.output.report.Charts.ProgressBar;
import org.goalrollup.output.report.Charts.Scale;
import org.goalrollup.output.report.Charts.TargetBar;
import org.junit.jupiter.api.Test;

class ChartsTest {
  static double d(String s) {
    return Double.parseDouble(s);
  }

  @Test
  void scaleCoversZeroAndTheValues() {
    Scale s = Scale.over(0, 100, 0, 0, List.of(2.0, 8.0));
    assertThat(s.x(0), closeTo(0, 1e-9));
    assertThat(s.x(8), closeTo(100, 1e-9));
    assertThat(s.x(4), closeTo(50, 1e-9));
    Scale flat = Scale.over(0, 100, 0, 0, List.of(0.0));
    assertThat(flat.x(0), closeTo(0, 1e-9));
  }

  @Test
  void targetBarEndsAtTheActualWithAMarkPerLevel() {
    TargetBar b = Charts.targetBar(9.3, 8.0, 10.0, "ensure", "9.3%", "8%", "10%");
    assertThat(b.hasBar(), is(true));
    assertThat(b.marks(), hasSize(2));
    double ensure = d(b.marks().get(0).x());
    double strive = d(b.marks().get(1).x());
    double end = d(b.barX()) + d(b.barW());
    assertThat(ensure, lessThan(end));
    assertThat(end, lessThan(strive));
    // bar length is proportional to the value, from 0
    assertThat((end - d(b.barX())) / (ensure - d(b.barX())), closeTo(9.3 / 8.0, 0.01));
    // the labels point away from each other
    assertThat(b.marks().get(0).anchor(), equalTo("end"));
    assertThat(b.marks().get(1).anchor(), equalTo("start"));
    assertThat(b.marks().get(0).label(), equalTo("确保 8%"));
  }

  @Test
  void negativeActualGrowsLeftFromZero() {
    TargetBar b = Charts.targetBar(-5.5, null, 10.0, "notmet", "-5.5%", "", "10%");
    assertThat(b.zeroLine(), is(true));
    assertThat(d(b.barX()) + d(b.barW()), closeTo(d(b.zeroX()), 0.11));
    assertThat(b.valueAnchor(), equalTo("end"));
    assertThat(d(b.marks().get(0).x()), greaterThan(d(b.zeroX())));
  }

  @Test
  void missingActualHasNoBar() {
    TargetBar b = Charts.targetBar(null, 2.0, null, "nodata", "无数据 no data", "2%", "");
    assertThat(b.hasBar(), is(false));
    assertThat(b.marks(), hasSize(1));
  }

  @Test
  void progressPutsTheTargetAndTheElapsedTimeOnOneScale() {
    ProgressBar p = Charts.progressBar(50, 50, 100, "ahead");
    assertThat(d(p.elapsedX()), closeTo(4 + d(p.barW()), 0.2));
    assertThat(d(p.targetX()), closeTo(Charts.TARGET_W - 50, 0.1));
  }
}
