package org.goalrollup.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * The distinct values of a small collection (years, districts) as one sorted list. Used instead of
 * {@code Distinct} + {@code View.asList}, which group by each value (a shuffle key per value).
 */
public final class DistinctSorted<T extends Comparable<T>>
    extends Combine.CombineFn<T, List<T>, List<T>> {
  private final Coder<T> coder;

  public DistinctSorted(Coder<T> coder) {
    this.coder = coder;
  }

  @Override
  public List<T> createAccumulator() {
    return new ArrayList<>();
  }

  @Override
  public List<T> addInput(List<T> acc, T input) {
    int at = java.util.Collections.binarySearch(acc, input);
    if (at < 0) {
      acc.add(-at - 1, input); // the accumulator stays sorted and distinct
    }
    return acc;
  }

  @Override
  public List<T> mergeAccumulators(Iterable<List<T>> accs) {
    TreeSet<T> all = new TreeSet<>();
    accs.forEach(all::addAll);
    return new ArrayList<>(all);
  }

  @Override
  public List<T> extractOutput(List<T> acc) {
    return acc;
  }

  @Override
  public Coder<List<T>> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return ListCoder.of(coder);
  }

  @Override
  public Coder<List<T>> getDefaultOutputCoder(CoderRegistry registry, Coder<T> inputCoder) {
    return ListCoder.of(coder);
  }
}
