package org.goalrollup.disclosure;

import java.util.HashMap;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.goalrollup.Buckets;
import org.goalrollup.model.Published;
import org.goalrollup.model.Summary;
import org.goalrollup.stats.CellKey;

/**
 * The published table: each summary row joined with its cell's statuses of year Y and of Y-1 over
 * the same months (the base of the growths), the confidential amounts set to null. Counts the
 * suppressed cells of the published rows per group and rule in the {@value #NAMESPACE} metrics
 * namespace ({@code group.rule}).
 */
public final class PublishSummaries
    extends PTransform<PCollection<Summary>, PCollection<Published>> {
  public static final String NAMESPACE = "disclosure";

  private static final TupleTag<Summary> ROWS = new TupleTag<>() {};
  private static final TupleTag<KV<String, String>> STATUS = new TupleTag<>() {};

  /** Key prefix of the status of a cell's previous year. */
  private static final String PREVIOUS = "p";

  private static final String CURRENT = "c";

  private final PCollection<KV<String, String>> statuses;
  private final int buckets;

  public PublishSummaries(PCollection<KV<String, String>> statuses, int buckets) {
    this.statuses = statuses;
    this.buckets = buckets;
  }

  @Override
  public PCollection<Published> expand(PCollection<Summary> summary) {
    int n = buckets;
    PCollection<KV<Integer, Summary>> rows =
        summary
            .apply(
                "BucketRows",
                MapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.integers(), TypeDescriptor.of(Summary.class)))
                    .via((Summary s) -> KV.of(Buckets.of(key(s), n), s)))
            .setCoder(KvCoder.of(VarIntCoder.of(), AvroCoder.specific(Summary.class)));
    PCollection<KV<Integer, KV<String, String>>> status =
        statuses
            .apply(
                "BucketStatuses",
                FlatMapElements.into(
                        TypeDescriptors.kvs(
                            TypeDescriptors.integers(),
                            TypeDescriptors.kvs(
                                TypeDescriptors.strings(), TypeDescriptors.strings())))
                    .via(
                        (KV<String, String> kv) -> {
                          if (!ComputeContributorStats.isBase(kv.getKey())) {
                            return java.util.List.of(
                                KV.of(
                                    Buckets.of(kv.getKey(), n),
                                    KV.of(CURRENT + kv.getKey(), kv.getValue())));
                          }
                          // a base cell of Y-1 goes to the row of Y whose growths it is the base of
                          CellKey k = CellKey.decode(ComputeContributorStats.cellOf(kv.getKey()));
                          String next = CellKey.encode(k.year() + 1, k.sector(), k.district());
                          return java.util.List.of(
                              KV.of(Buckets.of(next, n), KV.of(PREVIOUS + next, kv.getValue())));
                        }))
            .setCoder(
                KvCoder.of(
                    VarIntCoder.of(), KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of())));
    return KeyedPCollectionTuple.of(ROWS, rows)
        .and(STATUS, status)
        .apply("JoinStatuses", CoGroupByKey.create())
        .apply("Publish", ParDo.of(new PublishFn()))
        .setCoder(AvroCoder.specific(Published.class));
  }

  static String key(Summary s) {
    return CellKey.encode(s.getYear(), s.getSectorId().toString(), s.getDistrict().toString());
  }

  static final class PublishFn extends DoFn<KV<Integer, CoGbkResult>, Published> {
    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> bucket, OutputReceiver<Published> out) {
      Map<String, String> status = new HashMap<>();
      for (KV<String, String> s : bucket.getValue().getAll(STATUS)) {
        status.put(s.getKey(), s.getValue());
      }
      for (Summary row : bucket.getValue().getAll(ROWS)) {
        String k = key(row);
        String current = status.get(CURRENT + k);
        Published p = publish(row, current, status.get(PREVIOUS + k));
        for (Group g : Group.values()) {
          Conf c = Conf.of(current, g);
          if (c.suppressed()) {
            Metrics.counter(NAMESPACE, g.label() + "." + c.rule()).inc();
          }
        }
        out.output(p);
      }
    }
  }

  /**
   * The published row of a summary row, given the cell's status strings of its year and of the year
   * before (null = no contributors = free).
   */
  public static Published publish(Summary row, String current, String previous) {
    Published p = new Published();
    for (Schema.Field f : Summary.SCHEMA$.getFields()) {
      p.put(f.name(), row.get(f.pos()));
    }
    for (Group g : Group.values()) {
      Conf c = Conf.of(current, g);
      p.put(g.label() + "_conf_status", c.sdmx());
      if (c.suppressed()) {
        g.publishedColumns().forEach(col -> p.put(col, null));
      }
      if (Conf.of(previous, g).suppressed()) {
        g.growthColumns().forEach(col -> p.put(col, null));
      }
    }
    return p;
  }
}
