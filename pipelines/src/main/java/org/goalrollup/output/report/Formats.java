package org.goalrollup.output.report;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.text.DecimalFormat;
import java.text.DecimalFormatSymbols;
import java.util.Locale;
import org.goalrollup.output.report.IndicatorNames.Unit;

/**
 * How the report writes figures: thousands separators, amounts of 10 billion yuan and more in 亿元,
 * as many decimals as it takes to tell an actual from a target it misses narrowly.
 */
final class Formats {
  /** Amounts from this many 万元 on are written in 亿元 (1 亿元 = 10,000 万元). */
  static final double YI_FROM = 100_000;

  private static final int MAX_DECIMALS = 4;

  private Formats() {}

  /** Plain number with thousands separators and exactly {@code decimals} decimals. */
  static String number(double v, int decimals) {
    DecimalFormat f =
        new DecimalFormat(
            decimals == 0 ? "#,##0" : "#,##0." + "0".repeat(decimals),
            DecimalFormatSymbols.getInstance(Locale.ROOT));
    f.setRoundingMode(RoundingMode.HALF_UP);
    String s = f.format(v);
    return s.matches("-0(\\.0*)?") ? s.substring(1) : s;
  }

  /** A number with as few decimals as it needs (at most four), e.g. 6, 2.5, 1,100,000. */
  static String natural(double v) {
    BigDecimal d =
        BigDecimal.valueOf(v).setScale(MAX_DECIMALS, RoundingMode.HALF_UP).stripTrailingZeros();
    return number(v, Math.max(0, d.scale()));
  }

  /**
   * The way one target row writes its figures: unit, scale and the decimals of the actual value.
   *
   * @param divisor the amounts are divided by this (10,000 for 亿元)
   * @param suffix what follows a value: "%", " 亿元", " 家"
   * @param gapSuffix what follows a difference: " 个百分点" for percentages
   */
  record Style(Unit unit, double divisor, String suffix, String gapSuffix, int decimals) {

    /** The style of a row of {@code unit} whose figures are {@code actual} and {@code targets}. */
    static Style of(Unit unit, Double actual, Double... targets) {
      double max = actual == null ? 0 : Math.abs(actual);
      for (Double t : targets) {
        if (t != null) {
          max = Math.max(max, Math.abs(t));
        }
      }
      Style s =
          switch (unit) {
            case GROWTH -> new Style(unit, 1, "%", " 个百分点", 1);
            case SHARE -> new Style(unit, 1, "%", " 个百分点", 2);
            case AMOUNT ->
                max >= YI_FROM
                    ? new Style(unit, 10_000, " 亿元", " 亿元", 2)
                    : new Style(unit, 1, " 万元", " 万元", 2);
            case ENTERPRISES -> new Style(unit, 1, " 家", " 家", 0);
            case ITEMS -> new Style(unit, 1, " 个", " 个", 0);
            case PEOPLE -> new Style(unit, 1, " 人", " 人", 0);
          };
      if (actual == null || isCount(unit) && actual == Math.rint(actual)) {
        return s;
      }
      int d = s.decimals;
      while (d < MAX_DECIMALS && blursWithTarget(actual / s.divisor, d, s.divisor, targets)) {
        d++;
      }
      return new Style(unit, s.divisor, s.suffix, s.gapSuffix, d);
    }

    private static boolean isCount(Unit u) {
      return u == Unit.ENTERPRISES || u == Unit.ITEMS || u == Unit.PEOPLE;
    }

    /** True if the actual, written with {@code d} decimals, looks equal to a target it is not. */
    private static boolean blursWithTarget(double a, int d, double divisor, Double... targets) {
      for (Double t : targets) {
        if (t != null && a != t / divisor && number(a, d).equals(number(t / divisor, d))) {
          return true;
        }
      }
      return false;
    }

    /** An actual value: "6.5%", "116.80 亿元", "212 家"; "—" for null. */
    String value(Double v) {
      return v == null ? "—" : number(v / divisor, decimals) + suffix;
    }

    /** A target with its direction: "≥ 6%", "> 200 家"; "—" for null. */
    String target(String direction, Double t) {
      return t == null ? "—" : symbol(direction) + " " + natural(t / divisor) + suffix;
    }

    /** A target without its direction, for chart marks: "6%". */
    String bare(Double t) {
      return t == null ? "" : natural(t / divisor) + suffix;
    }

    /** A signed difference: "+0.5 个百分点", "-2.40 亿元"; "—" for null. */
    String gap(Double g) {
      if (g == null) {
        return "—";
      }
      String n = number(g / divisor, decimals);
      return (g > 0 && !n.matches("0(\\.0*)?") ? "+" : "") + n + gapSuffix;
    }
  }

  /** The comparison sign of a target direction. */
  static String symbol(String direction) {
    return switch (direction) {
      case "AT_LEAST" -> "≥";
      case "ABOVE" -> ">";
      case "AT_MOST" -> "≤";
      case "BELOW" -> "<";
      default -> direction;
    };
  }

  /** An amount in 万元 in the larger unit when it is large: "1,203.18 亿元" or "5,600 万元". */
  static String amount(double wan) {
    return Math.abs(wan) >= YI_FROM ? number(wan / 10_000, 2) + " 亿元" : number(wan, 2) + " 万元";
  }

  /** An amount in 万元 written in 亿元, for sums whose terms must share one unit: "5.76 亿元". */
  static String amountInYi(double wan) {
    return number(wan / 10_000, 2) + " 亿元";
  }

  /** A rate in percent with one decimal and its sign: "+6.5%", "-9.9%"; "—" for null. */
  static String rate(Double pct) {
    if (pct == null) {
      return "—";
    }
    String n = number(pct, 1);
    return (pct > 0 && !n.equals("0.0") ? "+" : "") + n + "%";
  }

  /** A number for an SVG attribute: one decimal, no grouping, dot separator. */
  static String coord(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }
}
