package org.goalrollup.stats;

import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.goalrollup.Packed;

/**
 * Adds up the packed per-bundle sums of {@link SumInBundleFn}: (bucket, packed cell sums) go in,
 * one (cell key, sum) per cell comes out, in cell order within a bucket. The shuffle carries byte
 * arrays only (see {@link Packed} for why).
 */
public final class SumPerCell<V>
    extends PTransform<PCollection<KV<Integer, byte[]>>, PCollection<KV<String, V>>> {
  private final Sum<V> sum;

  public SumPerCell(Sum<V> sum) {
    this.sum = sum;
  }

  @Override
  public PCollection<KV<String, V>> expand(PCollection<KV<Integer, byte[]>> packed) {
    return packed
        .apply("GroupBuckets", GroupByKey.create())
        .apply("AddUpBucket", ParDo.of(new AddUpFn<>(sum)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), sum.coder()));
  }

  /** The sums of the cells of one bucket. */
  static <V> SortedMap<String, V> addUp(Iterable<byte[]> packed, Sum<V> sum) {
    KvCoder<String, V> coder = KvCoder.of(StringUtf8Coder.of(), sum.coder());
    SortedMap<String, V> out = new TreeMap<>();
    for (byte[] array : packed) {
      for (KV<String, V> kv : Packed.unpack(array, coder)) {
        try {
          sum.addInto(out.computeIfAbsent(kv.getKey(), k -> sum.zero()), kv.getValue());
        } catch (CellAcc.SumOverflowException e) {
          throw e.inCell(kv.getKey());
        }
      }
    }
    return out;
  }

  static final class AddUpFn<V> extends DoFn<KV<Integer, Iterable<byte[]>>, KV<String, V>> {
    private final Sum<V> sum;

    AddUpFn(Sum<V> sum) {
      this.sum = sum;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<byte[]>> bucket, OutputReceiver<KV<String, V>> out) {
      addUp(bucket.getValue(), sum).forEach((cell, v) -> out.output(KV.of(cell, v)));
    }
  }
}
