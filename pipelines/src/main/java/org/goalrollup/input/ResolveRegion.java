package org.goalrollup.input;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.model.Reject;
import org.goalrollup.stats.SummaryMath;

/**
 * Applies the revision rule to region.csv per (district, year): the in-force rows keyed for lookup,
 * and CONFLICTING_DUPLICATE rejects, come out.
 */
public final class ResolveRegion extends PTransform<PCollection<RegionRecord>, PCollectionTuple> {
  public static final TupleTag<KV<String, RegionRecord>> REGION = new TupleTag<>("region") {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>("rejects") {};

  @Override
  public PCollectionTuple expand(PCollection<RegionRecord> rows) {
    var coder = KvCoder.of(StringUtf8Coder.of(), AvroCoder.specific(RegionRecord.class));
    PCollectionTuple out =
        rows
            // region.csv is small (a row per district and year): one group holds all of it
            .apply("OneGroup", WithKeys.of(""))
            .setCoder(KvCoder.of(StringUtf8Coder.of(), AvroCoder.specific(RegionRecord.class)))
            .apply("GroupRegion", GroupByKey.create())
            .apply(
                "ResolveRegionRow",
                ParDo.of(new ResolveFn()).withOutputTags(REGION, TupleTagList.of(REJECTS)));
    out.get(REGION).setCoder(coder);
    out.get(REJECTS).setCoder(AvroCoder.specific(Reject.class));
    return out;
  }

  static final class ResolveFn
      extends DoFn<KV<String, Iterable<RegionRecord>>, KV<String, RegionRecord>> {
    @ProcessElement
    public void process(@Element KV<String, Iterable<RegionRecord>> e, MultiOutputReceiver out) {
      Revisions.Outcome<RegionRecord> o =
          Revisions.resolve(
              e.getValue(), r -> "district=" + r.getDistrict() + " year=" + r.getYear());
      InputCounters.counted(InputFile.REGION, o).forEach(out.get(REJECTS)::output);
      for (RegionRecord r : o.inForce) {
        out.get(REGION).output(KV.of(SummaryMath.regionKey(r.getDistrict(), r.getYear()), r));
      }
    }
  }
}
