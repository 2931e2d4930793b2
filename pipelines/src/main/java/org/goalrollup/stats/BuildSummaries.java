package org.goalrollup.stats;

import java.util.Map;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.model.Summary;

/** Turns each cell's exact sums into its summary row (counts, amounts, rates, ratios). */
public final class BuildSummaries
    extends PTransform<PCollection<KV<String, CellAcc>>, PCollection<Summary>> {
  private final PCollectionView<Map<String, RegionRecord>> region;
  private final int endMonth;

  public BuildSummaries(PCollectionView<Map<String, RegionRecord>> region, int endMonth) {
    this.region = region;
    this.endMonth = endMonth;
  }

  @Override
  public PCollection<Summary> expand(PCollection<KV<String, CellAcc>> cells) {
    return cells
        .apply("Summarize", ParDo.of(new SummarizeFn(region, endMonth)).withSideInputs(region))
        .setCoder(AvroCoder.specific(Summary.class));
  }

  static final class SummarizeFn extends DoFn<KV<String, CellAcc>, Summary> {
    private final PCollectionView<Map<String, RegionRecord>> region;
    private final int endMonth;

    SummarizeFn(PCollectionView<Map<String, RegionRecord>> region, int endMonth) {
      this.region = region;
      this.endMonth = endMonth;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CellAcc> cell, OutputReceiver<Summary> out, ProcessContext c) {
      out.output(
          SummaryMath.summarize(
              CellKey.decode(cell.getKey()), cell.getValue(), endMonth, c.sideInput(region)));
    }
  }
}
