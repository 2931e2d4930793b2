package org.goalrollup.stats;

import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SortedMapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.KV;

/**
 * Sums the values of the cells of one shuffle bucket, cell by cell: (cell key, value) pairs go in,
 * the sorted map of cell sums comes out. Keying the shuffle by bucket rather than by cell keeps the
 * number of keys, and so the runner's cost per key and per bundle, small.
 */
public final class SumPerCellFn<V>
    extends Combine.CombineFn<KV<String, V>, SortedMap<String, V>, SortedMap<String, V>> {
  private final Sum<V> sum;
  private final Coder<SortedMap<String, V>> coder;

  public SumPerCellFn(Sum<V> sum, Coder<V> valueCoder) {
    this.sum = sum;
    this.coder = SortedMapCoder.of(StringUtf8Coder.of(), valueCoder);
  }

  public Coder<SortedMap<String, V>> coder() {
    return coder;
  }

  @Override
  public SortedMap<String, V> createAccumulator() {
    return new TreeMap<>();
  }

  @Override
  public SortedMap<String, V> addInput(SortedMap<String, V> acc, KV<String, V> input) {
    sum.addInto(acc.computeIfAbsent(input.getKey(), k -> sum.zero()), input.getValue());
    return acc;
  }

  @Override
  public SortedMap<String, V> mergeAccumulators(Iterable<SortedMap<String, V>> accs) {
    SortedMap<String, V> out = new TreeMap<>();
    for (SortedMap<String, V> a : accs) {
      a.forEach((k, v) -> sum.addInto(out.computeIfAbsent(k, x -> sum.zero()), v));
    }
    return out;
  }

  @Override
  public SortedMap<String, V> extractOutput(SortedMap<String, V> acc) {
    return acc;
  }

  @Override
  public Coder<SortedMap<String, V>> getAccumulatorCoder(
      CoderRegistry registry, Coder<KV<String, V>> inputCoder) {
    return coder;
  }

  @Override
  public Coder<SortedMap<String, V>> getDefaultOutputCoder(
      CoderRegistry registry, Coder<KV<String, V>> inputCoder) {
    return coder;
  }
}
