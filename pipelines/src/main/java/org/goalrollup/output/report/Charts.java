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

  /**
   * One year-to-date strip: the share of the annual target reached so far, against the share of the
   * year elapsed.
   */
  record ProgressBar(
      String barW, String css, String targetX, String elapsedX, String valueX, String viewBox) {}

  static ProgressBar progressBar(
      double reachedPct, double elapsedPct, double scaleMaxPct, String css) {
    Scale s = new Scale(0, scaleMaxPct, 4, TARGET_W - 50);
    double w = Math.max(s.x(Math.max(reachedPct, 0)) - 4, 1.5);
    return new ProgressBar(
        coord(w),
        css,
        coord(s.x(100)),
        coord(s.x(elapsedPct)),
        coord(4 + w + 4),
        viewBox(TARGET_W, 26));
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
