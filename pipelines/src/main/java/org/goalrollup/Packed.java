package org.goalrollup;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
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

  /** The coder of (bucket, packed array) pairs. */
  public static final KvCoder<Integer, byte[]> CODER =
      KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of());

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
    private final int maxBytes;

    /** Arrays of up to about {@link #MAX_BYTES}. */
    public Buffers(Coder<T> coder, int buckets) {
      this(coder, buckets, MAX_BYTES);
    }

    /** Arrays handed on once they hold {@code maxBytes}. */
    public Buffers(Coder<T> coder, int buckets, int maxBytes) {
      this.coder = coder;
      this.open = new ByteArrayOutputStream[buckets];
      this.maxBytes = maxBytes;
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
      if (open[bucket].size() >= maxBytes) {
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
      outputAtBundleEnd(c, buffers.drain());
      buffers = null;
    }
  }

  /**
   * Outputs the arrays still open when a bundle ends ({@link Buffers#drain}), each with its bucket,
   * in the global window (the pipelines are batch).
   */
  public static void outputAtBundleEnd(
      DoFn<?, KV<Integer, byte[]>>.FinishBundleContext c, byte[][] arrays) {
    for (int b = 0; b < arrays.length; b++) {
      if (arrays[b] != null) {
        c.output(KV.of(b, arrays[b]), BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
      }
    }
  }
}
