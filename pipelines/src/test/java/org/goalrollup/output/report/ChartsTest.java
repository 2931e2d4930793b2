package org.goalrollup.output.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import java.util.List;
import org.goalrollup.output.report.Charts.MonthlyChart;
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
  void monthlyChartPutsMonthsTargetAndPaceOnOneScale() {
    // 3 months on pace for a target of 120: 10, 20, 30 lie on the line from 0 to 120 in December
    MonthlyChart c =
        Charts.monthly(List.of(10.0, 20.0, 30.0), 120, 120.0, 150.0, "ahead", "30", "120", "150");
    assertThat(c.points(), hasSize(3));
    double x0 = d(c.paceX1());
    double y0 = d(c.paceY1());
    double slope = (d(c.paceY2()) - y0) / (d(c.paceX2()) - x0);
    for (var p : c.points()) {
      assertThat(d(p.y()), closeTo(y0 + slope * (d(p.x()) - x0), 0.1));
    }
    // December is at the right end of the axis; the ensure level is the pace line's end
    assertThat(d(c.paceX2()), closeTo(d(c.axisX2()), 0.01));
    assertThat(d(c.levels().get(0).y()), closeTo(d(c.paceY2()), 0.01));
    // the strive level lies above (smaller y) the ensure level
    assertThat(d(c.levels().get(1).y()) < d(c.levels().get(0).y()), is(true));
    assertThat(c.ticks(), hasSize(12));
    assertThat(c.ticks().stream().filter(t -> t.shown()).count(), is(3L));
    assertThat(c.line().split(" ").length, is(4));
  }

  @Test
  void monthlyChartSkipsMonthsWithoutAValue() {
    List<Double> values = new java.util.ArrayList<>(List.of(1.0, 2.0));
    values.add(null);
    MonthlyChart c = Charts.monthly(values, 10, 10.0, null, "behind", "2", "10", "");
    assertThat(c.points(), hasSize(2));
    assertThat(c.levels(), hasSize(1));
  }
}
