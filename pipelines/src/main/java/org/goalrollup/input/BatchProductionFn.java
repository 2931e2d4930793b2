package org.goalrollup.input;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.goalrollup.Buckets;
import org.goalrollup.model.Production;

/**
 * Packs production rows into batches per shuffle bucket: each output element is one bucket and a
 * byte array of up to {@link #BATCH_BYTES} rows encoded with {@link ProductionCoder}. Production is
 * the bulk of every run; shuffling a few thousand batches instead of one element per row cuts the
 * runner's cost per element, and a row held as bytes takes a fraction of the memory of a decoded
 * record while it waits in the shuffle (the direct runner keeps the whole shuffle in memory).
 */
final class BatchProductionFn extends DoFn<Production, KV<Integer, byte[]>> {
  /** A batch is emitted once it holds this many bytes (about 3,000 rows). */
  static final int BATCH_BYTES = 1 << 18;

  private final int buckets;
  private transient ByteArrayOutputStream[] open;

  BatchProductionFn(int buckets) {
    this.buckets = buckets;
  }

  @StartBundle
  public void startBundle() {
    open = new ByteArrayOutputStream[buckets];
  }

  @ProcessElement
  public void process(@Element Production row, OutputReceiver<KV<Integer, byte[]>> out)
      throws IOException {
    int b = Buckets.of(row.getEnterpriseId(), buckets);
    if (open[b] == null) {
      open[b] = new ByteArrayOutputStream(BATCH_BYTES + 1024);
    }
    ProductionCoder.of().encode(row, open[b]);
    if (open[b].size() >= BATCH_BYTES) {
      out.output(KV.of(b, open[b].toByteArray()));
      open[b] = null;
    }
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext c) {
    for (int b = 0; b < buckets; b++) {
      if (open[b] != null) {
        c.output(
            KV.of(b, open[b].toByteArray()),
            BoundedWindow.TIMESTAMP_MIN_VALUE,
            GlobalWindow.INSTANCE);
      }
    }
    open = null;
  }

  /** The rows of a batch, in the order they were packed. */
  static List<Production> unpack(byte[] batch) {
    List<Production> rows = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(batch);
    try {
      while (in.available() > 0) {
        rows.add(ProductionCoder.of().decode(in));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt production batch", e);
    }
    return rows;
  }
}
