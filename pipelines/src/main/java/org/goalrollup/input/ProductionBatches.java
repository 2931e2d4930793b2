package org.goalrollup.input;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.values.KV;
import org.goalrollup.Buckets;
import org.goalrollup.model.Production;

/**
 * Packs production rows into batches per shuffle bucket as they are parsed: each element is one
 * bucket and a byte array of up to {@link #BATCH_BYTES} of rows encoded with {@link
 * ProductionCoder}. Production is the bulk of every run. A row held as bytes takes a fraction of
 * the memory of a decoded record, which matters on the direct runner: it keeps the whole output of
 * a parse (one file) and the whole shuffle in memory. Shuffling a few thousand arrays instead of
 * one element per row also cuts every runner's cost per element.
 */
final class ProductionBatches implements Packer<Production, KV<Integer, byte[]>> {
  /** A batch is emitted once it holds this many bytes (about 3,000 rows). */
  static final int BATCH_BYTES = 1 << 18;

  private final int buckets;

  ProductionBatches(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public Packing<Production, KV<Integer, byte[]>> start() {
    ByteArrayOutputStream[] open = new ByteArrayOutputStream[buckets];
    return new Packing<>() {
      @Override
      public void add(Production row, Consumer<KV<Integer, byte[]>> out) {
        int b = Buckets.of(row.getEnterpriseId(), buckets);
        if (open[b] == null) {
          open[b] = new ByteArrayOutputStream(8192);
        }
        try {
          ProductionCoder.of().encode(row, open[b]);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
        if (open[b].size() >= BATCH_BYTES) {
          out.accept(KV.of(b, open[b].toByteArray()));
          open[b] = null;
        }
      }

      @Override
      public void finish(Consumer<KV<Integer, byte[]>> out) {
        for (int b = 0; b < buckets; b++) {
          if (open[b] != null) {
            out.accept(KV.of(b, open[b].toByteArray()));
            open[b] = null;
          }
        }
      }
    };
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
