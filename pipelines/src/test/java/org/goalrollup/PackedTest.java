package org.goalrollup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

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
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Packing elements into byte arrays for a shuffle, and back. */
@ExtendWith(TestPipelineExtension.class)
class PackedTest {
  final TestPipeline p = TestPipeline.create();

  @Test
  void aFullArrayIsHandedOnAndEveryElementComesBackInOrder() {
    Packed.Buffers<String> buffers = new Packed.Buffers<>(StringUtf8Coder.of(), 2);
    List<String> sent = new ArrayList<>();
    List<byte[]> arrays = new ArrayList<>();
    for (int i = 0; i < 200_000; i++) {
      String s = "row-" + i + (i % 7 == 0 ? ",中文" : "");
      sent.add(s);
      byte[] full = buffers.add(1, s);
      if (full != null) {
        assertThat(full.length, is(greaterThan(Packed.MAX_BYTES - 1)));
        assertThat(full.length, is(lessThan(Packed.MAX_BYTES + 64)));
        arrays.add(full);
      }
    }
    byte[][] rest = buffers.drain();
    assertThat(rest[0], is(nullValue()));
    arrays.add(rest[1]);
    assertThat(arrays.size(), is(greaterThan(1)));
    List<String> back = new ArrayList<>();
    arrays.forEach(a -> back.addAll(Packed.unpack(a, StringUtf8Coder.of())));
    assertThat(back, equalTo(sent));
    assertThat(buffers.drain()[1], is(nullValue()));
  }

  @Test
  void anEmptyStringSurvivesPacking() {
    Packed.Buffers<String> buffers = new Packed.Buffers<>(StringUtf8Coder.of(), 1);
    buffers.add(0, "");
    buffers.add(0, "x");
    assertThat(Packed.unpack(buffers.drain()[0], StringUtf8Coder.of()), contains("", "x"));
  }

  @Test
  void perBundlePackingThroughAShuffleKeepsEveryElementInItsBucket() {
    List<String> rows = new ArrayList<>();
    List<KV<Integer, String>> expected = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      String s = "e" + i;
      rows.add(s);
      expected.add(KV.of(Math.floorMod(s.hashCode(), 3), s));
    }
    PCollection<KV<Integer, String>> unpacked =
        p.apply(Create.of(rows).withCoder(StringUtf8Coder.of()))
            .apply(
                "Pack",
                ParDo.of(
                    Packed.perBundle(
                        StringUtf8Coder.of(), (String s) -> Math.floorMod(s.hashCode(), 3), 3)))
            .setCoder(KvCoder.of(VarIntCoder.of(), ByteArrayCoder.of()))
            .apply(GroupByKey.create())
            .apply(
                "Unpack",
                FlatMapElements.into(
                        TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.strings()))
                    .via(
                        (KV<Integer, Iterable<byte[]>> g) -> {
                          List<KV<Integer, String>> out = new ArrayList<>();
                          for (byte[] a : g.getValue()) {
                            Packed.unpack(a, StringUtf8Coder.of())
                                .forEach(s -> out.add(KV.of(g.getKey(), s)));
                          }
                          return out;
                        }));
    PAssert.that(unpacked).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }
}
