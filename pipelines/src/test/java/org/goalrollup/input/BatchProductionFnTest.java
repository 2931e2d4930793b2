package org.goalrollup.input;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.goalrollup.Buckets;
import org.goalrollup.TestPipelineExtension;
import org.goalrollup.model.Production;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(TestPipelineExtension.class)
class BatchProductionFnTest {
  final TestPipeline p = TestPipeline.create();

  /**
   * Enough rows that every bucket fills several batches: each row comes out exactly once, whole, in
   * a batch of its own bucket.
   */
  @Test
  void everyRowComesOutOnceInABatchOfItsBucket() {
    int buckets = 4;
    List<Production> rows = new ArrayList<>();
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 40_000; i++) {
      Production r =
          ProductionCoderTest.row(
              "E" + (i % 997), "12.34", "-" + (i % 50) + ".05", "100.00", i % 7, "raw " + i);
      r.setLineNumber(i + 2);
      rows.add(r);
      expected.add(describe(Buckets.of(r.getEnterpriseId(), buckets), r));
    }
    PCollection<KV<Integer, byte[]>> batches =
        p.apply(Create.of(rows).withCoder(ProductionCoder.of()))
            .apply(ParDo.of(new BatchProductionFn(buckets)))
            .setCoder(KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()));
    PCollection<String> unpacked =
        batches
            .apply(
                FlatMapElements.into(TypeDescriptors.strings())
                    .via(
                        (KV<Integer, byte[]> b) ->
                            BatchProductionFn.unpack(b.getValue()).stream()
                                .map(r -> describe(b.getKey(), r))
                                .toList()))
            .setCoder(StringUtf8Coder.of());
    PAssert.that(unpacked).containsInAnyOrder(expected);
    p.run();
  }

  private static String describe(int bucket, Production r) {
    return bucket
        + "|"
        + r.getEnterpriseId()
        + "|"
        + r.getLineNumber()
        + "|"
        + r.getValueAdded()
        + "|"
        + r.getEmployees()
        + "|"
        + r.getRaw();
  }
}
