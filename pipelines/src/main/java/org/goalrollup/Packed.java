package org.goalrollup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;

/**
 * Elements packed into byte arrays for a shuffle: one array holds many elements, each encoded with
 * its coder one after the other, and goes through the shuffle as one element.
 *
 * <p>Why: Beam's direct runner keeps the values of a key in a bag and, each time a new bundle for
 * that key arrives, copies the whole bag through its coder (CopyOnAccessInMemoryStateInternals). A
 * key that receives k bundles of objects is decoded and encoded about k²/2 times over; JFR at
 * national scale put a fifth of the run there. Packed per bundle, a key receives one byte array per
 * bundle, and copying a byte array is a memory copy. Every runner also pays less per element when
 * there are fewer, larger elements.
 */
public final class Packed {
  /** An array is handed on once it holds this many bytes, to bound the memory of a bundle. */
  public static final int MAX_BYTES = 1 << 20;

  private Packed() {}

  /** The elements of an array, in the order they were packed. */
  public static <T> List<T> unpack(byte[] packed, Coder<T> coder) {
    List<T> out = new ArrayList<>();
    ByteArrayInputStream in = new ByteArrayInputStream(packed);
    try {
      while (in.available() > 0) {
        out.add(coder.decode(in));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("corrupt packed array", e);
    }
    return out;
  }

  /** Open arrays per bucket. */
  public static final class Buffers<T> {
    private final Coder<T> coder;
    private final ByteArrayOutputStream[] open;

    public Buffers(Coder<T> coder, int buckets) {
      this.coder = coder;
      this.open = new ByteArrayOutputStream[buckets];
    }

    /** Packs {@code value} into {@code bucket}; returns the bucket's array once full, else null. */
    public byte[] add(int bucket, T value) {
      if (open[bucket] == null) {
        open[bucket] = new ByteArrayOutputStream(8192);
      }
      try {
        coder.encode(value, open[bucket]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      if (open[bucket].size() >= MAX_BYTES) {
        byte[] full = open[bucket].toByteArray();
        open[bucket] = null;
        return full;
      }
      return null;
    }

    /** The arrays still open, by bucket (null where nothing was packed); empties the buffers. */
    public byte[][] drain() {
      byte[][] out = new byte[open.length][];
      for (int b = 0; b < open.length; b++) {
        if (open[b] != null) {
          out[b] = open[b].toByteArray();
          open[b] = null;
        }
      }
      return out;
    }
  }

  /**
   * Packs the elements of each bundle per bucket: (bucket, array) pairs come out, at most one open
   * array per bucket and bundle, handed on when full or when the bundle ends.
   */
  public static <T> DoFn<T, KV<Integer, byte[]>> perBundle(
      Coder<T> coder, SerializableFunction<T, Integer> bucketOf, int buckets) {
    return new PackFn<>(coder, bucketOf, buckets);
  }

  static final class PackFn<T> extends DoFn<T, KV<Integer, byte[]>> {
    private final Coder<T> coder;
    private final SerializableFunction<T, Integer> bucketOf;
    private final int buckets;
    private transient Buffers<T> buffers;

    PackFn(Coder<T> coder, SerializableFunction<T, Integer> bucketOf, int buckets) {
      this.coder = coder;
      this.bucketOf = bucketOf;
      this.buckets = buckets;
    }

    @StartBundle
    public void startBundle() {
      buffers = new Buffers<>(coder, buckets);
    }

    @ProcessElement
    public void process(@Element T value, OutputReceiver<KV<Integer, byte[]>> out) {
      int b = bucketOf.apply(value);
      byte[] full = buffers.add(b, value);
      if (full != null) {
        out.output(KV.of(b, full));
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      byte[][] rest = buffers.drain();
      for (int b = 0; b < rest.length; b++) {
        if (rest[b] != null) {
          c.output(KV.of(b, rest[b]), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
        }
      }
      buffers = null;
    }
  }
}
