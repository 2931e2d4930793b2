package org.goalrollup.disclosure;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.Objects;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.goalrollup.stats.CellAcc;
import org.goalrollup.stats.Measure;

/**
 * What the disclosure rules need to know about the contributors of one cell: per {@link Group} the
 * number of contributors, and per amount column the sum of the contributors' absolute values, the
 * two largest absolute values and the number of contributors with a non-zero value. Built from one
 * contributor at a time ({@link #contributor}) and merged in any order with the same result.
 */
public final class ContributorStats {
  final long[] contributors = new long[Group.values().length];
  final long[] sumAbs = new long[Group.COLUMNS];
  final long[] top1 = new long[Group.COLUMNS];
  final long[] top2 = new long[Group.COLUMNS];
  final long[] nonZero = new long[Group.COLUMNS];

  /** One contributor of group {@code g} with its values in the cell (taken from {@code acc}). */
  public static ContributorStats contributor(Group g, CellAcc acc) {
    ContributorStats s = new ContributorStats();
    s.contributors[g.ordinal()] = 1;
    int i = g.offset();
    for (Measure m : g.measures()) {
      long v = Math.abs(acc.get(m));
      s.sumAbs[i] = v;
      s.top1[i] = v;
      s.nonZero[i] = v != 0 ? 1 : 0;
      i++;
    }
    return s;
  }

  /** One contributor of group {@code g} with the given values, in {@link Group#measures} order. */
  public static ContributorStats contributor(Group g, long... values) {
    CellAcc acc = new CellAcc();
    for (int i = 0; i < values.length; i++) {
      acc.add(g.measures().get(i), values[i]);
    }
    return contributor(g, acc);
  }

  /** Contributor statistics add up by {@link #merge}. */
  public static org.goalrollup.stats.Sum<ContributorStats> sum() {
    return Merging.INSTANCE;
  }

  private enum Merging implements org.goalrollup.stats.Sum<ContributorStats> {
    INSTANCE;

    @Override
    public ContributorStats zero() {
      return new ContributorStats();
    }

    @Override
    public void addInto(ContributorStats sum, ContributorStats value) {
      sum.merge(value);
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<ContributorStats> coder() {
      return Coder.of();
    }
  }

  public ContributorStats merge(ContributorStats o) {
    for (int g = 0; g < contributors.length; g++) {
      contributors[g] = Math.addExact(contributors[g], o.contributors[g]);
    }
    for (int i = 0; i < sumAbs.length; i++) {
      try {
        sumAbs[i] = Math.addExact(sumAbs[i], o.sumAbs[i]);
      } catch (ArithmeticException e) {
        throw CellAcc.SumOverflowException.of(measureAt(i));
      }
      nonZero[i] += o.nonZero[i];
      long[] four = {top1[i], top2[i], o.top1[i], o.top2[i]};
      Arrays.sort(four);
      top1[i] = four[3];
      top2[i] = four[2];
    }
    return this;
  }

  /** The measure of amount column {@code i} (an index into {@link #sumAbs}). */
  private static Measure measureAt(int i) {
    for (Group g : Group.values()) {
      if (i >= g.offset() && i < g.offset() + g.measures().size()) {
        return g.measures().get(i - g.offset());
      }
    }
    throw new IllegalStateException("no amount column " + i);
  }

  public long contributors(Group g) {
    return contributors[g.ordinal()];
  }

  /** Sum of absolute values of the {@code k}-th column of {@code g}. */
  public long sumAbs(Group g, int k) {
    return sumAbs[g.offset() + k];
  }

  public long top1(Group g, int k) {
    return top1[g.offset() + k];
  }

  public long top2(Group g, int k) {
    return top2[g.offset() + k];
  }

  public long nonZero(Group g, int k) {
    return nonZero[g.offset() + k];
  }

  /** The size of the cell in group {@code g} that ranks candidates for secondary suppression. */
  public long size(Group g) {
    return sumAbs(g, 0);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContributorStats s
        && Arrays.equals(contributors, s.contributors)
        && Arrays.equals(sumAbs, s.sumAbs)
        && Arrays.equals(top1, s.top1)
        && Arrays.equals(top2, s.top2)
        && Arrays.equals(nonZero, s.nonZero);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(contributors), Arrays.hashCode(sumAbs));
  }

  @Override
  public String toString() {
    return "ContributorStats{n="
        + Arrays.toString(contributors)
        + " sumAbs="
        + Arrays.toString(sumAbs)
        + " top1="
        + Arrays.toString(top1)
        + " top2="
        + Arrays.toString(top2)
        + " nonZero="
        + Arrays.toString(nonZero)
        + '}';
  }

  /** Compact coder: the five arrays as variable-length longs. */
  public static final class Coder extends CustomCoder<ContributorStats> {
    private static final Coder INSTANCE = new Coder();
    private static final VarLongCoder LONG = VarLongCoder.of();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(ContributorStats s, OutputStream out) throws IOException {
      for (long[] a : new long[][] {s.contributors, s.sumAbs, s.top1, s.top2, s.nonZero}) {
        for (long v : a) {
          LONG.encode(v, out);
        }
      }
    }

    @Override
    public ContributorStats decode(InputStream in) throws IOException {
      ContributorStats s = new ContributorStats();
      for (long[] a : new long[][] {s.contributors, s.sumAbs, s.top1, s.top2, s.nonZero}) {
        for (int i = 0; i < a.length; i++) {
          a[i] = LONG.decode(in);
        }
      }
      return s;
    }

    @Override
    public void verifyDeterministic() {}
  }
}
