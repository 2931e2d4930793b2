package org.goalrollup.stats;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;

/**
 * A DoFn that adds up what it would output per key within a bundle and outputs one sum per key when
 * the bundle ends: combining before the shuffle, so the shuffle carries one element per key and
 * bundle instead of one per input element. Subclasses call {@link #add} from their
 * {@code @ProcessElement}. The keys are cells of the grid, so the map is bounded by the grid's
 * size; inputs are in the global window (a batch pipeline).
 */
public abstract class SumInBundleFn<InputT, V> extends DoFn<InputT, KV<String, V>> {
  private final Sum<V> sum;
  private transient Map<String, V> sums;

  protected SumInBundleFn(Sum<V> sum) {
    this.sum = sum;
  }

  @StartBundle
  public void startBundle() {
    sums = new HashMap<>();
  }

  /** Adds {@code value} to the bundle's sum of {@code key}. */
  protected final void add(String key, V value) {
    sum.addInto(sum(key), value);
  }

  /** The bundle's running sum of {@code key}, to add into directly. */
  protected final V sum(String key) {
    return sums.computeIfAbsent(key, k -> sum.zero());
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    // in key order, so that a bundle's output does not depend on hashing
    for (Map.Entry<String, V> e : new TreeMap<>(sums).entrySet()) {
      c.output(
          KV.of(e.getKey(), e.getValue()),
          BoundedWindow.TIMESTAMP_MIN_VALUE,
          GlobalWindow.INSTANCE);
    }
    sums = null;
  }
}
