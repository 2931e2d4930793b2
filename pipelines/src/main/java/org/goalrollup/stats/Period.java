package org.goalrollup.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.format.TextStyle;
import java.util.Locale;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.VarIntCoder;

/**
 * The period of a run or of one computed year, months 1..M.
 *
 * <p>As asked on the command line: one fixed year ({@code --year}: M = 12; {@code --asOf}: M = the
 * month given), or, with {@code fixedYear} null, every year with production data, each with its own
 * M. Per computed year ({@link #forYear}): that year and its M. Without {@code --year} or {@code
 * --asOf}, M is the year's last month with in-force production, so a year whose data stops before
 * December is computed year to date, never as a full year.
 *
 * @param fixedYear the year, or null for "every year with production" as asked
 * @param endMonth M, the last month of the period
 */
public record Period(Integer fixedYear, int endMonth) implements Serializable, Comparable<Period> {

  /** Every year with production data, each up to its own last month with data. */
  public static Period allYears() {
    return new Period(null, 12);
  }

  /** True if each year's M is its last month with production (no {@code --year}/{@code --asOf}). */
  public boolean fromData() {
    return fixedYear == null;
  }

  /**
   * The period of computed year {@code year} under this request: with a fixed year, this period;
   * else {@code year} with months 1..{@code lastMonthWithData}.
   */
  public Period forYear(int year, int lastMonthWithData) {
    return fromData() ? new Period(year, lastMonthWithData) : this;
  }

  /** The year of a period of one computed year. */
  public int year() {
    if (fixedYear == null) {
      throw new IllegalStateException("a request for every year has no single year");
    }
    return fixedYear;
  }

  /** True unless the period covers the whole year (M = 12). */
  public boolean yearToDate() {
    return endMonth < 12;
  }

  /** True if (year, month) lies in months 1..M of {@code year}. */
  public boolean contains(int periodYear, int year, int month) {
    return year == periodYear && month <= endMonth;
  }

  /** True if the date lies in months 1..M of {@code year}. */
  public boolean contains(int periodYear, LocalDate date) {
    return contains(periodYear, date.getYear(), date.getMonthValue());
  }

  /** The last day of (year, M). */
  public LocalDate lastDay(int year) {
    return YearMonth.of(year, endMonth).atEndOfMonth();
  }

  /**
   * One line saying what this computed year covers, for the console, the manifest and the report:
   * {@code 2020: 1-12月, full year}, {@code 2020: 1-6月, year to date (--asOf)}, or, when the year's
   * own data stops early, {@code 2021: 1-1月, year to date; its production stops in January}.
   *
   * @param asked the period asked on the command line
   */
  public String describe(Period asked) {
    String head = year() + ": 1-" + endMonth + "月, ";
    if (!yearToDate()) {
      return head + "full year";
    }
    if (asked.fromData()) {
      return head
          + "year to date; its production stops in "
          + java.time.Month.of(endMonth).getDisplayName(TextStyle.FULL, Locale.ENGLISH);
    }
    return head + "year to date (--asOf)";
  }

  /** The period of {@code year} among the computed periods, or null if it is not computed. */
  public static Period ofYear(java.util.List<Period> computed, int year) {
    for (Period p : computed) {
      if (p.year() == year) {
        return p;
      }
    }
    return null;
  }

  @Override
  public int compareTo(Period o) {
    int c = Integer.compare(year(), o.year());
    return c != 0 ? c : Integer.compare(endMonth, o.endMonth);
  }

  /** The coder of the periods of computed years (both fields as variable-length integers). */
  public static final class Coder extends AtomicCoder<Period> {
    private static final Coder INSTANCE = new Coder();
    private static final VarIntCoder INT = VarIntCoder.of();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(Period p, OutputStream out) throws IOException {
      INT.encode(p.year(), out);
      INT.encode(p.endMonth(), out);
    }

    @Override
    public Period decode(InputStream in) throws IOException {
      return new Period(INT.decode(in), INT.decode(in));
    }
  }
}
