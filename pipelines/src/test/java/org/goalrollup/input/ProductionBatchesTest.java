package org.goalrollup.input;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.values.KV;
import org.goalrollup.Buckets;
import org.goalrollup.model.Production;
import org.junit.jupiter.api.Test;

class ProductionBatchesTest {
  /**
   * Enough rows that every bucket fills several batches: each row comes out exactly once, whole, in
   * a batch of its own bucket, and no batch grows much beyond the limit.
   */
  @Test
  void everyRowComesOutOnceInABatchOfItsBucket() {
    int buckets = 4;
    List<String> expected = new ArrayList<>();
    List<KV<Integer, byte[]>> batches = new ArrayList<>();
    Packer.Packing<Production, KV<Integer, byte[]>> packing =
        new ProductionBatches(buckets).start();
    for (int i = 0; i < 40_000; i++) {
      Production r =
          ProductionCoderTest.row(
              "E" + (i % 997), "12.34", "-" + (i % 50) + ".05", "100.00", i % 7, "raw " + i);
      r.setLineNumber(i + 2);
      expected.add(describe(Buckets.of(r.getEnterpriseId(), buckets), r));
      packing.add(r, batches::add);
    }
    packing.finish(batches::add);

    List<String> unpacked = new ArrayList<>();
    for (KV<Integer, byte[]> b : batches) {
      assertThat(b.getValue().length, lessThan(ProductionBatches.BATCH_BYTES + 200));
      for (Production r : ProductionBatches.unpack(b.getValue())) {
        unpacked.add(describe(b.getKey(), r));
      }
    }
    assertThat(batches.size(), greaterThan(buckets));
    assertThat(unpacked, containsInAnyOrder(expected.toArray()));
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
