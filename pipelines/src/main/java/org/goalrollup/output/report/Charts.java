package org.goalrollup.output.report;

import static org.goalrollup.output.report.Formats.coord;

import java.util.ArrayList;
import java.util.List;

/**
 * The geometry of the report's charts, in SVG user units; the templates draw it. Every chart is a
 * strip with a fixed view box that scales to the width of the page, so it reads on a phone and
 * prints on A4.
 */
final class Charts {
  /** Width and height of a target strip's view box. */
  static final double TARGET_W = 400;

  static final double TARGET_H = 40;

  /** Width of a bar cell in the sector table (drawn with preserveAspectRatio="none"). */
  static final double CELL_W = 200;

  private Charts() {}

  /** A linear scale from [lo, hi] onto [x0, x1]. */
  record Scale(double lo, double hi, double x0, double x1) {
    double x(double v) {
      return x0 + (v - lo) / (hi - lo) * (x1 - x0);
    }

    /** The smallest scale over the values and 0, with room on the sides that need it. */
    static Scale over(double x0, double x1, double padLo, double padHi, List<Double> values) {
      double lo = 0;
      double hi = 0;
      for (Double v : values) {
        if (v != null && Double.isFinite(v)) {
          lo = Math.min(lo, v);
          hi = Math.max(hi, v);
        }
      }
      double span = hi - lo;
      if (span == 0) {
        span = 1;
        hi = lo + 1;
      }
      return new Scale(lo < 0 ? lo - padLo * span : lo, hi + padHi * span, x0, x1);
    }
  }

  /** A vertical mark on a strip (ensure, strive, the time elapsed) with its label. */
  record Mark(String x, String labelX, String anchor, String label, String css) {}

  /**
   * One target as a strip: a bar from 0 to the actual value, coloured by status, and a mark for
   * each of the ensure and strive levels.
   */
  record TargetBar(
      boolean hasBar,
      String barX,
      String barW,
      String css,
      String valueX,
      String valueAnchor,
      String valueText,
      boolean zeroLine,
      String zeroX,
      List<Mark> marks,
      String viewBox) {}

  static TargetBar targetBar(
      Double actual,
      Double ensure,
      Double strive,
      String css,
      String actualText,
      String ensureText,
      String striveText) {
    boolean negative = actual != null && actual < 0;
    Scale s =
        Scale.over(
            8,
            TARGET_W - 8,
            negative ? 0.3 : 0.04,
            negative ? 0.06 : 0.3,
            listOf(actual, ensure, strive));
    double zero = s.x(0);
    List<Mark> marks = new ArrayList<>();
    List<double[]> at = new ArrayList<>();
    if (ensure != null) {
      at.add(new double[] {s.x(ensure), 0});
    }
    if (strive != null) {
      at.add(new double[] {s.x(strive), 1});
    }
    for (double[] m : at) {
      boolean isEnsure = m[1] == 0;
      String label = (isEnsure ? "确保 " + ensureText : "力争 " + striveText);
      String anchor;
      double lx;
      if (at.size() == 2) {
        double other = at.get(isEnsure ? 1 : 0)[0];
        boolean left = m[0] < other || (m[0] == other && isEnsure);
        anchor = left ? "end" : "start";
        lx = left ? m[0] - 3 : m[0] + 3;
      } else {
        anchor = "middle";
        lx = m[0];
      }
      if (anchor.equals("end") && lx < 60) {
        anchor = "start";
        lx = Math.max(lx, 2);
      } else if (anchor.equals("start") && lx > TARGET_W - 60) {
        anchor = "end";
      } else if (anchor.equals("middle")) {
        lx = Math.min(Math.max(lx, 36), TARGET_W - 36);
      }
      marks.add(new Mark(coord(m[0]), coord(lx), anchor, label, isEnsure ? "ensure" : "strive"));
    }
    if (actual == null) {
      return new TargetBar(
          false,
          "0",
          "0",
          css,
          coord(TARGET_W / 2),
          "middle",
          actualText,
          false,
          coord(zero),
          marks,
          viewBox(TARGET_W, TARGET_H));
    }
    double end = s.x(actual);
    double x = Math.min(zero, end);
    double w = Math.max(Math.abs(end - zero), 1.5);
    return new TargetBar(
        true,
        coord(x),
        coord(w),
        css,
        coord(negative ? end - 4 : end + 4),
        negative ? "end" : "start",
        actualText,
        s.lo() < 0,
        coord(zero),
        marks,
        viewBox(TARGET_W, TARGET_H));
  }

  /** A bar in a table cell: x and width in a view box of {@link #CELL_W}. */
  record CellBar(
      boolean present,
      String x,
      String w,
      String css,
      String markX,
      boolean hasMark,
      String zeroX) {}

  /** A bar from 0 to {@code v} on {@code s} (0 at the left for amounts). */
  static CellBar cellBar(Scale s, Double v, String css, Double mark) {
    String zero = coord(s.x(0));
    String markX = mark == null ? "0" : coord(s.x(mark));
    if (v == null) {
      return new CellBar(false, "0", "0", css, markX, mark != null, zero);
    }
    double a = s.x(0);
    double b = s.x(v);
    return new CellBar(
        true,
        coord(Math.min(a, b)),
        coord(Math.max(Math.abs(b - a), 0.8)),
        css,
        markX,
        mark != null,
        zero);
  }

  /** Width and height of a month-by-month chart's view box. */
  static final double MONTHLY_W = 400;

  static final double MONTHLY_H = 130;

  /** A horizontal level across the months (the annual ensure or strive target) with its label. */
  record Level(String y, String labelY, String label, String css) {}

  /** A month's point on the line, or its tick label under the axis. */
  record Point(String x, String y, String month, boolean shown) {}

  /**
   * One year-to-date goal month by month: the cumulative value after each month of the period as a
   * line from 0 at the start of the year, against the annual target levels and the pace line from 0
   * to the primary target in December (reaching the target evenly over the year).
   */
  record MonthlyChart(
      String viewBox,
      String line,
      List<Point> points,
      List<Point> ticks,
      List<Level> levels,
      String paceX1,
      String paceY1,
      String paceX2,
      String paceY2,
      String zeroY,
      String axisX1,
      String axisX2,
      String lastX,
      String lastY,
      String lastAnchor,
      String lastText,
      String css) {}

  /**
   * @param cumulative the value for months 1..m, m = 1..M (null where undefined)
   * @param primary the annual target the pace line aims at (ensure, else strive)
   */
  static MonthlyChart monthly(
      List<Double> cumulative,
      double primary,
      Double ensure,
      Double strive,
      String css,
      String lastText,
      String ensureText,
      String striveText) {
    double x0 = 8;
    double x1 = MONTHLY_W - 8;
    Scale x = new Scale(0, 12, x0, x1);
    List<Double> values = new ArrayList<>(cumulative);
    values.add(primary);
    values.add(ensure);
    values.add(strive);
    Scale v = Scale.over(0, 1, 0.04, 0.12, values);
    double top = 12;
    double bottom = MONTHLY_H - 20;
    Scale y = new Scale(v.lo(), v.hi(), bottom, top);
    StringBuilder line = new StringBuilder(coord(x.x(0)) + "," + coord(y.x(0)));
    List<Point> points = new ArrayList<>();
    Point last = null;
    double lastX = 0;
    double lastY = 0;
    for (int m = 1; m <= cumulative.size(); m++) {
      Double c = cumulative.get(m - 1);
      if (c == null || !Double.isFinite(c)) {
        continue;
      }
      lastX = x.x(m);
      lastY = y.x(c);
      last = new Point(coord(lastX), coord(lastY), Integer.toString(m), true);
      points.add(last);
      line.append(' ').append(last.x()).append(',').append(last.y());
    }
    List<Point> ticks = new ArrayList<>();
    for (int m = 1; m <= 12; m++) {
      ticks.add(
          new Point(
              coord(x.x(m)), coord(bottom), m + (m == 12 ? "月" : ""), m <= cumulative.size()));
    }
    List<Level> levels = new ArrayList<>();
    Double[] ts = {ensure, strive};
    for (int i = 0; i < 2; i++) {
      if (ts[i] == null) {
        continue;
      }
      double ly = y.x(ts[i]);
      boolean below =
          i == 0 && strive != null && Math.abs(y.x(strive) - ly) < 14 && strive > ensure;
      levels.add(
          new Level(
              coord(ly),
              coord(below ? ly + 12 : ly - 4),
              i == 0 ? "确保 " + ensureText : "力争 " + striveText,
              i == 0 ? "ensure" : "strive"));
    }
    String anchor = lastX > MONTHLY_W * 0.7 ? "end" : "start";
    String labelX = last == null ? "0" : coord(anchor.equals("end") ? lastX - 6 : lastX + 6);
    String labelY = last == null ? "0" : coord(Math.max(lastY - 6, top + 4));
    return new MonthlyChart(
        viewBox(MONTHLY_W, MONTHLY_H),
        line.toString(),
        points,
        ticks,
        levels,
        coord(x.x(0)),
        coord(y.x(0)),
        coord(x.x(12)),
        coord(y.x(primary)),
        coord(y.x(0)),
        coord(x0),
        coord(x1),
        labelX,
        labelY,
        anchor,
        last == null ? "" : lastText,
        css);
  }

  static String viewBox(double w, double h) {
    return "0 0 " + coord(w) + " " + coord(h);
  }

  private static List<Double> listOf(Double... vs) {
    List<Double> out = new ArrayList<>();
    for (Double v : vs) {
      if (v != null) {
        out.add(v);
      }
    }
    return out;
  }
}
