package org.goalrollup;

import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.goalrollup.output.OutputChecks;
import org.goalrollup.stats.Period;

/**
 * The validated meaning of the command line: period, charset, major-project threshold. Every
 * problem is an {@link IllegalArgumentException} with a message for the user (exit code 2).
 */
public record RunSettings(
    Period period, String charset, long thresholdCents, double maxRejectRate, int buckets) {
  /** Shuffle buckets when not given: few on one machine, enough for parallelism elsewhere. */
  static final int DIRECT_BUCKETS = 16;

  static final int DISTRIBUTED_BUCKETS = 512;

  private static final Pattern AS_OF = Pattern.compile("(\\d{4})-(\\d{2})");
  private static final Pattern AMOUNT = Pattern.compile("\\d{1,12}(\\.\\d{1,2})?");
  private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

  public static RunSettings from(RollupOptions o) {
    if (o.getYear() != null && o.getAsOf() != null) {
      throw new IllegalArgumentException("--year and --asOf cannot be used together");
    }
    if (URL.matcher(o.getOutput()).matches()) {
      throw new IllegalArgumentException(
          "--output="
              + o.getOutput()
              + " is a URL; the output is published by swapping a symbolic link, so it must be a"
              + " local or mounted POSIX folder; docs/cluster.md says how to serve a run from HDFS"
              + " or S3");
    }
    OutputChecks.check(o.getInput(), o.getOutput(), o.getKeepRuns());
    Period period = Period.allYears();
    if (o.getYear() != null) {
      if (o.getYear() < 1000 || o.getYear() > 9999) {
        throw new IllegalArgumentException("--year=" + o.getYear() + " is not a 4-digit year");
      }
      period = new Period(o.getYear(), 12);
    } else if (o.getAsOf() != null) {
      Matcher m = AS_OF.matcher(o.getAsOf());
      int month = m.matches() ? Integer.parseInt(m.group(2)) : 0;
      if (month < 1 || month > 12) {
        throw new IllegalArgumentException(
            "--asOf=" + o.getAsOf() + " is not a year and month YYYY-MM");
      }
      period = new Period(Integer.parseInt(m.group(1)), month);
    }
    String charset;
    switch (o.getCharset().toUpperCase(java.util.Locale.ROOT)) {
      case "UTF-8":
      case "UTF8":
        charset = "UTF-8";
        break;
      case "GB18030":
        charset = "GB18030";
        break;
      default:
        throw new IllegalArgumentException(
            "--charset=" + o.getCharset() + " is not supported (UTF-8 or GB18030)");
    }
    Charset.forName(charset);
    if (!AMOUNT.matcher(o.getMajorProjectThreshold()).matches()) {
      throw new IllegalArgumentException(
          "--majorProjectThreshold="
              + o.getMajorProjectThreshold()
              + " is not an amount in 10,000 yuan (e.g. 5000)");
    }
    long threshold =
        new BigDecimal(o.getMajorProjectThreshold()).setScale(2).unscaledValue().longValueExact();
    if (o.getShuffleBuckets() < 0) {
      throw new IllegalArgumentException(
          "--shuffleBuckets=" + o.getShuffleBuckets() + " must be 0 (automatic) or more");
    }
    int buckets = o.getShuffleBuckets();
    if (buckets == 0) {
      buckets =
          o.getRunner().getSimpleName().equals("DirectRunner")
              ? DIRECT_BUCKETS
              : DISTRIBUTED_BUCKETS;
    }
    if (java.nio.file.Path.of(o.getOutput()).toAbsolutePath().normalize().getFileName() == null) {
      throw new IllegalArgumentException(
          "--output=" + o.getOutput() + " must name a folder below a parent folder");
    }
    double rate = o.getMaxRejectRate();
    if (!(rate >= 0 && rate <= 1)) {
      throw new IllegalArgumentException(
          "--maxRejectRate=" + o.getMaxRejectRate() + " must be between 0 and 1");
    }
    double shrink = o.getMaxShrink();
    if (!(shrink >= 0 && shrink <= 1)) {
      throw new IllegalArgumentException(
          "--maxShrink=" + o.getMaxShrink() + " must be between 0 and 1 (0.5 = 50%)");
    }
    return new RunSettings(period, charset, threshold, rate, buckets);
  }
}
