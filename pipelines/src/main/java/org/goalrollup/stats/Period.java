package org.goalrollup.stats;

import java.io.Serializable;
import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The period of a run: one fixed year ({@code --year} or {@code --asOf}) or every year with
 * production data, each covering months 1..M.
 *
 * @param fixedYear the only computed year, or null to compute every year with production
 * @param endMonth M, the last month of the period (12 unless {@code --asOf})
 */
public record Period(Integer fixedYear, int endMonth) implements Serializable {

  public static Period allYears() {
    return new Period(null, 12);
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
}
