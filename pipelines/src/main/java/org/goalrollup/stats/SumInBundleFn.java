package org.goalrollup.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.goalrollup.Buckets;
import org.goalrollup.Packed;

/**
 * A DoFn that adds up what it would output per cell within a bundle, and when the bundle ends
 * outputs the sums packed per bucket ({@link Packed}): combining before the shuffle, so the shuffle
 * carries one byte array per bucket and bundle instead of one element per input element or cell.
 * {@link SumPerCell} adds the arrays up after the shuffle. Subclasses call {@link #add} or {@link
 * #sum} from their {@code @ProcessElement}. The keys are cells of the grid, so the map is bounded
 * by the grid's size; inputs are in the global window (a batch pipeline).
 */
public abstract class SumInBundleFn<InputT, V> extends DoFn<InputT, KV<Integer, byte[]>> {
  /**
   * Buckets of the cell sums. A grid has some thousands of cells, so a few buckets give every
   * runner enough parallel work for adding them up.
   */
  public static final int BUCKETS = 16;

  private final Sum<V> sum;
  private transient Map<String, V> sums;

  protected SumInBundleFn(Sum<V> sum) {
    this.sum = sum;
  }

  /**
   * Applies {@code fn} to {@code input} as step {@code name}: the packed per-bundle sums come out,
   * ready for {@link SumPerCell}.
   */
  public static <T> PCollection<KV<Integer, byte[]>> sums(
      PCollection<T> input, String name, SumInBundleFn<T, ?> fn, PCollectionView<?>... sideInputs) {
    return input.apply(name, ParDo.of(fn).withSideInputs(sideInputs)).setCoder(Packed.CODER);
  }

  @StartBundle
  public void startBundle() {
    sums = new HashMap<>();
  }

  /** Adds {@code value} to the bundle's sum of {@code key}. */
  protected final void add(String key, V value) {
    try {
      sum.addInto(sum(key), value);
    } catch (CellAcc.SumOverflowException e) {
      throw e.inCell(key);
    }
  }

  /** The bundle's running sum of {@code key}, to add into directly. */
  protected final V sum(String key) {
    return sums.computeIfAbsent(key, k -> sum.zero());
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    // in key order, so that a bundle's output does not depend on hashing
    Packed.Buffers<KV<String, V>> buffers =
        new Packed.Buffers<>(KvCoder.of(StringUtf8Coder.of(), sum.coder()), BUCKETS);
    for (Map.Entry<String, V> e : new TreeMap<>(sums).entrySet()) {
      int b = Buckets.of(e.getKey(), BUCKETS);
      byte[] full = buffers.add(b, KV.of(e.getKey(), e.getValue()));
      if (full != null) {
        c.output(KV.of(b, full), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
    }
    Packed.outputAtBundleEnd(c, buffers.drain());
    sums = null;
  }
}
