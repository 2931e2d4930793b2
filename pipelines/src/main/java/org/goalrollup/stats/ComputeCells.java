package org.goalrollup.stats;

import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.goalrollup.Buckets;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.ProjectFacts;

/**
 * Computes the exact sums of every cell of the grid: enterprise facts, project facts and the
 * milestones without an enterprise go in; one (cell key, sums) pair per cell of (computed year) x
 * (sectors + ALL) x (districts + ALL) comes out, zeros included.
 */
public final class ComputeCells extends PTransform<PBegin, PCollection<KV<String, CellAcc>>> {
  /** Metrics namespace with one counter {@code year.Y} per computed year. */
  public static final String PERIOD_NAMESPACE = "period";

  private final PCollection<EnterpriseFacts> enterprises;
  private final PCollection<ProjectFacts> projects;
  private final PCollection<Milestone> regionMilestones;
  private final PCollectionView<List<Integer>> years;
  private final PCollectionView<List<String>> districts;
  private final Period period;
  private final SectorMatcher sectors;
  private final long thresholdCents;
  private final int buckets;

  public ComputeCells(
      PCollection<EnterpriseFacts> enterprises,
      PCollection<ProjectFacts> projects,
      PCollection<Milestone> regionMilestones,
      PCollectionView<List<Integer>> years,
      PCollectionView<List<String>> districts,
      Period period,
      SectorMatcher sectors,
      long thresholdCents,
      int buckets) {
    this.buckets = buckets;
    this.enterprises = enterprises;
    this.projects = projects;
    this.regionMilestones = regionMilestones;
    this.years = years;
    this.districts = districts;
    this.period = period;
    this.sectors = sectors;
    this.thresholdCents = thresholdCents;
  }

  @Override
  public PCollection<KV<String, CellAcc>> expand(PBegin begin) {
    int n = buckets;
    var coder = KvCoder.of(StringUtf8Coder.of(), CellAcc.Coder.of());
    PCollection<KV<String, CellAcc>> fromEnterprises =
        enterprises
            .apply(
                "EnterpriseContributions",
                ParDo.of(new EnterpriseFn(years, period, sectors)).withSideInputs(years))
            .setCoder(coder);
    PCollection<KV<String, CellAcc>> fromProjects =
        projects
            .apply(
                "ProjectContributions",
                ParDo.of(new ProjectFn(years, period, sectors, thresholdCents))
                    .withSideInputs(years))
            .setCoder(coder);
    PCollection<KV<String, CellAcc>> fromMilestones =
        regionMilestones
            .apply(
                "RegionMilestoneContributions",
                ParDo.of(new RegionMilestoneFn(years, period)).withSideInputs(years))
            .setCoder(coder);
    PCollection<KV<String, CellAcc>> grid =
        begin
            .apply("GridSeed", Create.of(0))
            .apply(
                "EmptyGrid",
                ParDo.of(new GridFn(years, districts, sectors)).withSideInputs(years, districts))
            .setCoder(coder);
    return PCollectionList.of(grid)
        .and(fromEnterprises)
        .and(fromProjects)
        .and(fromMilestones)
        .apply("AllContributions", Flatten.pCollections())
        .apply(
            "BucketCells",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.integers(),
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), TypeDescriptor.of(CellAcc.class))))
                .via((KV<String, CellAcc> kv) -> KV.of(Buckets.of(kv.getKey(), n), kv)))
        .setCoder(KvCoder.of(VarIntCoder.of(), coder))
        .apply("SumPerCell", Combine.perKey(SUM_CELLS))
        .setCoder(KvCoder.of(VarIntCoder.of(), SUM_CELLS.coder()))
        .apply("CellsOfBucket", ParDo.of(new CellsOfBucketFn<CellAcc>()))
        .setCoder(coder);
  }

  /** Sums the contributions of the cells of one bucket, cell by cell. */
  static final SumPerCellFn<CellAcc> SUM_CELLS =
      new SumPerCellFn<>(CellAcc.sum(), CellAcc.Coder.of());

  /** The cells of a bucket, one element each. */
  public static final class CellsOfBucketFn<V>
      extends DoFn<KV<Integer, SortedMap<String, V>>, KV<String, V>> {
    @ProcessElement
    public void process(
        @Element KV<Integer, SortedMap<String, V>> bucket, OutputReceiver<KV<String, V>> out) {
      bucket.getValue().forEach((cell, v) -> out.output(KV.of(cell, v)));
    }
  }

  static final class EnterpriseFn extends SumInBundleFn<EnterpriseFacts, CellAcc> {
    private final PCollectionView<List<Integer>> years;
    private final Period period;
    private final SectorMatcher sectors;

    EnterpriseFn(PCollectionView<List<Integer>> years, Period period, SectorMatcher sectors) {
      super(CellAcc.sum());
      this.years = years;
      this.period = period;
      this.sectors = sectors;
    }

    @ProcessElement
    public void process(@Element EnterpriseFacts facts, ProcessContext c) {
      for (int year : c.sideInput(years)) {
        CellAcc acc = EnterpriseContributions.of(facts, year, period);
        if (acc.isZero()) {
          continue;
        }
        for (String cell : EnterpriseContributions.cells(facts.getEnterprise(), year, sectors)) {
          add(cell, acc);
        }
      }
    }
  }

  static final class ProjectFn extends SumInBundleFn<ProjectFacts, CellAcc> {
    private final PCollectionView<List<Integer>> years;
    private final Period period;
    private final SectorMatcher sectors;
    private final long thresholdCents;

    ProjectFn(
        PCollectionView<List<Integer>> years,
        Period period,
        SectorMatcher sectors,
        long thresholdCents) {
      super(CellAcc.sum());
      this.years = years;
      this.period = period;
      this.sectors = sectors;
      this.thresholdCents = thresholdCents;
    }

    @ProcessElement
    public void process(@Element ProjectFacts project, ProcessContext c) {
      for (int year : c.sideInput(years)) {
        for (Map.Entry<String, CellAcc> e :
            ProjectContributions.of(project, year, period, sectors, thresholdCents).entrySet()) {
          add(e.getKey(), e.getValue());
        }
      }
    }
  }

  /** Milestones without an enterprise count only in sector ALL, district ALL. */
  static final class RegionMilestoneFn extends SumInBundleFn<Milestone, CellAcc> {
    private final PCollectionView<List<Integer>> years;
    private final Period period;

    RegionMilestoneFn(PCollectionView<List<Integer>> years, Period period) {
      super(CellAcc.sum());
      this.years = years;
      this.period = period;
    }

    @ProcessElement
    public void process(@Element Milestone m, ProcessContext c) {
      for (int year : c.sideInput(years)) {
        if (period.contains(year, m.getDate())) {
          sum(CellKey.encode(year, SectorMatcher.ALL, SectorMatcher.ALL))
              .addMilestone(m.getKind(), 1);
        }
      }
    }
  }

  /** One empty accumulator per cell of the grid, so cells without data still appear. */
  static final class GridFn extends DoFn<Integer, KV<String, CellAcc>> {
    private final PCollectionView<List<Integer>> years;
    private final PCollectionView<List<String>> districts;
    private final SectorMatcher sectors;

    GridFn(
        PCollectionView<List<Integer>> years,
        PCollectionView<List<String>> districts,
        SectorMatcher sectors) {
      this.years = years;
      this.districts = districts;
      this.sectors = sectors;
    }

    @ProcessElement
    public void process(OutputReceiver<KV<String, CellAcc>> out, ProcessContext c) {
      List<String> ds = c.sideInput(districts);
      for (int year : c.sideInput(years)) {
        org.apache.beam.sdk.metrics.Metrics.counter(PERIOD_NAMESPACE, "year." + year).inc();
        for (String s : withAll(sectors.sectorIds())) {
          for (String d : withAll(ds)) {
            out.output(KV.of(CellKey.encode(year, s, d), new CellAcc()));
          }
        }
      }
    }

    private static List<String> withAll(List<String> ids) {
      List<String> out = new java.util.ArrayList<>(ids.size() + 1);
      out.add(SectorMatcher.ALL);
      out.addAll(ids);
      return out;
    }
  }
}
