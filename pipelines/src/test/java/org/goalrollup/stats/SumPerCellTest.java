package org.goalrollup.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reshuffle;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.goalrollup.TestPipelineExtension;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Sums added up per bundle, packed, shuffled and added up again: each cell's total equals the sum
 * of its inputs worked out directly, and every cell comes out once.
 */
@ExtendWith(TestPipelineExtension.class)
class SumPerCellTest {
  final TestPipeline p = TestPipeline.create();

  /** Adds each (cell, n) input as n enterprises and n cents of revenue. */
  static final class CountFn extends SumInBundleFn<KV<String, Long>, CellAcc> {
    CountFn() {
      super(CellAcc.sum());
    }

    @ProcessElement
    public void process(@Element KV<String, Long> in) {
      CellAcc acc = sum(in.getKey());
      acc.add(Measure.ENTERPRISES, in.getValue());
      acc.add(Measure.REVENUE, in.getValue());
    }
  }

  @Test
  void totalsPerCellEqualTheDirectSums() {
    List<KV<String, Long>> inputs = new ArrayList<>();
    Map<String, Long> expected = new TreeMap<>();
    java.util.Random r = new java.util.Random(7);
    for (int i = 0; i < 20_000; i++) {
      String cell = "2020|S" + r.nextInt(9) + "|D" + r.nextInt(40);
      long n = r.nextInt(1000) - 100;
      inputs.add(KV.of(cell, n));
      expected.merge(cell, n, Long::sum);
    }
    List<KV<String, String>> want = new ArrayList<>();
    expected.forEach((k, v) -> want.add(KV.of(k, v + "/" + v)));
    PCollection<KV<String, String>> totals =
        p.apply(Create.of(inputs).withCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
            // spreads the inputs over several bundles
            .apply(Reshuffle.<KV<String, Long>>viaRandomKey().withNumBuckets(4))
            .apply("Sum", ParDo.of(new CountFn()))
            .setCoder(KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()))
            .apply(new SumPerCell<>(CellAcc.sum()))
            .apply(
                MapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via(
                        (KV<String, CellAcc> kv) ->
                            KV.of(
                                kv.getKey(),
                                kv.getValue().get(Measure.ENTERPRISES)
                                    + "/"
                                    + kv.getValue().get(Measure.REVENUE))));
    PAssert.that(totals).containsInAnyOrder(want);
    p.run().waitUntilFinish();
  }
}
