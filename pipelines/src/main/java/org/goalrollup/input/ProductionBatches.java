package org.goalrollup.input;

import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.values.KV;
import org.goalrollup.Buckets;
import org.goalrollup.Packed;
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
    Packed.Buffers<Production> open =
        new Packed.Buffers<>(ProductionCoder.of(), buckets, BATCH_BYTES);
    return new Packing<>() {
      @Override
      public void add(Production row, Consumer<KV<Integer, byte[]>> out) {
        int b = Buckets.of(row.getEnterpriseId(), buckets);
        byte[] full = open.add(b, row);
        if (full != null) {
          out.accept(KV.of(b, full));
        }
      }

      @Override
      public void finish(Consumer<KV<Integer, byte[]>> out) {
        byte[][] rest = open.drain();
        for (int b = 0; b < rest.length; b++) {
          if (rest[b] != null) {
            out.accept(KV.of(b, rest[b]));
          }
        }
      }
    };
  }

  /** The rows of a batch, in the order they were packed. */
  static List<Production> unpack(byte[] batch) {
    return Packed.unpack(batch, ProductionCoder.of());
  }
}
