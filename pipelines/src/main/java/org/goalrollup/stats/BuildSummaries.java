package org.goalrollup.stats;

import java.util.List;
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

/**
 * Turns each cell's exact sums into its summary row (counts, amounts, rates, ratios), with the
 * period end month M of the cell's year.
 */
public final class BuildSummaries
    extends PTransform<PCollection<KV<String, CellAcc>>, PCollection<Summary>> {
  private final PCollectionView<Map<String, RegionRecord>> region;
  private final PCollectionView<List<Period>> periods;

  public BuildSummaries(
      PCollectionView<Map<String, RegionRecord>> region, PCollectionView<List<Period>> periods) {
    this.region = region;
    this.periods = periods;
  }

  @Override
  public PCollection<Summary> expand(PCollection<KV<String, CellAcc>> cells) {
    return cells
        .apply(
            "Summarize", ParDo.of(new SummarizeFn(region, periods)).withSideInputs(region, periods))
        .setCoder(AvroCoder.specific(Summary.class));
  }

  static final class SummarizeFn extends DoFn<KV<String, CellAcc>, Summary> {
    private final PCollectionView<Map<String, RegionRecord>> region;
    private final PCollectionView<List<Period>> periods;

    SummarizeFn(
        PCollectionView<Map<String, RegionRecord>> region, PCollectionView<List<Period>> periods) {
      this.region = region;
      this.periods = periods;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CellAcc> cell, OutputReceiver<Summary> out, ProcessContext c) {
      CellKey key = CellKey.decode(cell.getKey());
      out.output(
          SummaryMath.summarize(
              key, cell.getValue(), endMonth(c.sideInput(periods), key), c.sideInput(region)));
    }
  }

  /** M of the cell's year; every cell of the grid belongs to a computed year. */
  static int endMonth(List<Period> periods, CellKey cell) {
    Period p = Period.ofYear(periods, cell.year());
    if (p == null) {
      throw new IllegalStateException("cell " + cell + " is not of a computed year " + periods);
    }
    return p.endMonth();
  }
}
