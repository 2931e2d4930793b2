package org.goalrollup.stats;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;

/**
 * The running sums of one cell: a long per {@link Measure} and a count per milestone kind. Sums are
 * exact (longs of cents), so combining in any order gives the same result.
 */
public final class CellAcc {
  final long[] values = new long[Measure.COUNT];
  final TreeMap<String, Long> milestones = new TreeMap<>();

  public long get(Measure m) {
    return values[m.ordinal()];
  }

  public CellAcc add(Measure m, long v) {
    values[m.ordinal()] = sum(m, values[m.ordinal()], v);
    return this;
  }

  private static long sum(Measure m, long a, long b) {
    try {
      return Math.addExact(a, b);
    } catch (ArithmeticException e) {
      throw SumOverflowException.of(m);
    }
  }

  /**
   * A cell sum that no longer fits the exact range; fails the run with this message, which names
   * the summary column and, once a step that knows it has added it ({@link #inCell}), the cell.
   */
  public static final class SumOverflowException extends RuntimeException {
    private final String column;
    private final boolean located;

    public SumOverflowException(String message) {
      this(message, null, false);
    }

    private SumOverflowException(String message, String column, boolean located) {
      super(message);
      this.column = column;
      this.located = located;
    }

    /** The overflow of the sum of {@code m}, cell not yet known. */
    public static SumOverflowException of(Measure m) {
      String column = column(m);
      return new SumOverflowException(message(column, "a cell"), column, false);
    }

    /** This overflow, said of the cell {@code cellKey} ({@link CellKey}) unless already said. */
    public SumOverflowException inCell(String cellKey) {
      if (located || column == null) {
        return this;
      }
      CellKey k;
      try {
        k = CellKey.decode(cellKey);
      } catch (RuntimeException notACellKey) {
        return this;
      }
      return new SumOverflowException(
          message(
              column,
              "the cell year "
                  + k.year()
                  + ", sector "
                  + k.sector()
                  + ", district "
                  + k.district()),
          column,
          true);
    }

    private static String message(String column, String where) {
      return "the sum behind the column "
          + column
          + " in "
          + where
          + " exceeds the exact range (9.2 x 10^16 in 10,000 yuan);"
          + " check the input for absurd amounts";
    }

    /** The summary column a measure adds up to. */
    static String column(Measure m) {
      return switch (m) {
        case ENTERPRISES -> "enterprise_count";
        case ABOVE_SCALE_ENTERPRISES -> "above_scale_count";
        case ABOVE_SCALE_VALUE_ADDED_PREV -> "value_added_growth_nominal";
        case SAMPLE_SIZE, SAMPLE_CURRENT, SAMPLE_PREVIOUS -> "value_added_growth";
        case INDUSTRIAL_INVESTMENT_PREV -> "industrial_investment_growth";
        case HIGH_TECH_INVESTMENT_PREV -> "high_tech_investment_growth";
        case TECH_RENOVATION_INVESTMENT_PREV -> "tech_renovation_investment_growth";
        case MAJOR_PROJECTS -> "major_project_count";
        case HIGH_TECH_ENTERPRISES -> "high_tech_enterprise_count";
        default -> m.name().toLowerCase(java.util.Locale.ROOT);
      };
    }
  }

  public CellAcc addMilestone(String kind, long n) {
    milestones.merge(kind, n, Math::addExact);
    return this;
  }

  public long milestones(String kind) {
    return milestones.getOrDefault(kind, 0L);
  }

  public CellAcc merge(CellAcc o) {
    // the hottest loop of a run (every contribution to every cell): no Measure lookup, and so no
    // copy of Measure.values(), unless a sum overflows
    for (int i = 0; i < values.length; i++) {
      long a = values[i];
      long b = o.values[i];
      long r = a + b;
      if (((a ^ r) & (b ^ r)) < 0) {
        sum(MEASURES[i], a, b); // throws the overflow with the measure's name
      }
      values[i] = r;
    }
    if (!o.milestones.isEmpty()) {
      o.milestones.forEach(this::addMilestone);
    }
    return this;
  }

  private static final Measure[] MEASURES = Measure.values();

  /** Cell sums add up by {@link #merge}. */
  public static Sum<CellAcc> sum() {
    return Adding.INSTANCE;
  }

  private enum Adding implements Sum<CellAcc> {
    INSTANCE;

    @Override
    public CellAcc zero() {
      return new CellAcc();
    }

    @Override
    public void addInto(CellAcc sum, CellAcc value) {
      sum.merge(value);
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<CellAcc> coder() {
      return Coder.of();
    }
  }

  public boolean isZero() {
    for (long v : values) {
      if (v != 0) {
        return false;
      }
    }
    return milestones.isEmpty();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof CellAcc c
        && Arrays.equals(values, c.values)
        && milestones.equals(c.milestones);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(values), milestones);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("CellAcc{");
    for (Measure m : Measure.values()) {
      if (get(m) != 0) {
        sb.append(m).append('=').append(get(m)).append(' ');
      }
    }
    return sb.append(milestones).append('}').toString();
  }

  /** Compact coder: variable-length longs and the milestone map. */
  public static final class Coder extends CustomCoder<CellAcc> {
    private static final Coder INSTANCE = new Coder();
    private static final VarLongCoder LONG = VarLongCoder.of();
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(CellAcc acc, OutputStream out) throws IOException {
      for (long v : acc.values) {
        LONG.encode(v, out);
      }
      LONG.encode((long) acc.milestones.size(), out);
      for (Map.Entry<String, Long> e : acc.milestones.entrySet()) {
        STRING.encode(e.getKey(), out);
        LONG.encode(e.getValue(), out);
      }
    }

    @Override
    public CellAcc decode(InputStream in) throws IOException {
      CellAcc acc = new CellAcc();
      for (int i = 0; i < acc.values.length; i++) {
        acc.values[i] = LONG.decode(in);
      }
      long n = LONG.decode(in);
      for (long i = 0; i < n; i++) {
        acc.milestones.put(STRING.decode(in), LONG.decode(in));
      }
      return acc;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
