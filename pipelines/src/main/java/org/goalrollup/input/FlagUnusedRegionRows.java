package org.goalrollup.input;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.PDone;
import org.goalrollup.Warnings;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.stats.SectorMatcher;

/**
 * Warns about accepted region.csv rows whose district is neither {@code ALL} nor a district of the
 * run (of enterprises.csv or investment.csv): the contract accepts them and leaves them unused, so
 * a row written {@code all}, {@code 全区} or with a misspelt district would otherwise silently fall
 * back to the whole region's price index (or to 100). The districts are those the summary grid is
 * built from; the check is one pass over region.csv's few rows, with the district list as a side
 * input, and raises one {@link Warnings warning} per row.
 */
public final class FlagUnusedRegionRows extends PTransform<PCollection<RegionRecord>, PDone> {
  private final PCollectionView<List<String>> districts;

  public FlagUnusedRegionRows(PCollectionView<List<String>> districts) {
    this.districts = districts;
  }

  @Override
  public PDone expand(PCollection<RegionRecord> rows) {
    rows.apply("WarnUnknownDistrict", ParDo.of(new WarnFn(districts)).withSideInputs(districts));
    return PDone.in(rows.getPipeline());
  }

  /** The warning for a row of region.csv whose district the run does not have, or null. */
  static String warning(RegionRecord r, Set<String> districts) {
    String d = r.getDistrict();
    if (SectorMatcher.ALL.equals(d) || districts.contains(d)) {
      return null;
    }
    return InputFile.REGION.fileName()
        + ": line "
        + r.getLineNumber()
        + ": district '"
        + d
        + "' is neither ALL nor a district of enterprises.csv or investment.csv, so the row"
        + " is not used (the contract keeps such rows; if it means the whole region, write ALL)";
  }

  static final class WarnFn extends DoFn<RegionRecord, Void> {
    private final PCollectionView<List<String>> districts;
    private transient Set<String> known;

    WarnFn(PCollectionView<List<String>> districts) {
      this.districts = districts;
    }

    @StartBundle
    public void startBundle() {
      known = null;
    }

    @ProcessElement
    public void process(@Element RegionRecord r, ProcessContext c) {
      if (known == null) {
        known = new HashSet<>(c.sideInput(districts));
      }
      String w = warning(r, known);
      if (w != null) {
        Warnings.raise(w);
      }
    }
  }
}
