package org.goalrollup.stats;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.ProjectFacts;

/**
 * Computes the exact sums of every cell of the grid: enterprise facts, project facts and the
 * milestones without an enterprise go in; one (cell key, sums) pair per cell of (computed year) x
 * (sectors + ALL) x (districts + ALL) comes out, zeros included. Each computed year is summed over
 * its own period (months 1..M of that year, {@link Period}).
 */
public final class ComputeCells extends PTransform<PBegin, PCollection<KV<String, CellAcc>>> {
  /**
   * Metrics namespace with, per computed year Y with months 1..M, one counter {@code year.Y} and
   * one counter {@code months.Y.M}.
   */
  public static final String PERIOD_NAMESPACE = "period";

  private final PCollection<EnterpriseFacts> enterprises;
  private final PCollection<ProjectFacts> projects;
  private final PCollection<Milestone> regionMilestones;
  private final PCollectionView<List<Period>> years;
  private final PCollectionView<List<String>> districts;
  private final SectorMatcher sectors;
  private final long thresholdCents;

  public ComputeCells(
      PCollection<EnterpriseFacts> enterprises,
      PCollection<ProjectFacts> projects,
      PCollection<Milestone> regionMilestones,
      PCollectionView<List<Period>> years,
      PCollectionView<List<String>> districts,
      SectorMatcher sectors,
      long thresholdCents) {
    this.enterprises = enterprises;
    this.projects = projects;
    this.regionMilestones = regionMilestones;
    this.years = years;
    this.districts = districts;
    this.sectors = sectors;
    this.thresholdCents = thresholdCents;
  }

  @Override
  public PCollection<KV<String, CellAcc>> expand(PBegin begin) {
    PCollection<KV<Integer, byte[]>> fromEnterprises =
        SumInBundleFn.sums(
            enterprises, "EnterpriseContributions", new EnterpriseFn(years, sectors), years);
    PCollection<KV<Integer, byte[]>> fromProjects =
        SumInBundleFn.sums(
            projects, "ProjectContributions", new ProjectFn(years, sectors, thresholdCents), years);
    PCollection<KV<Integer, byte[]>> fromMilestones =
        SumInBundleFn.sums(
            regionMilestones, "RegionMilestoneContributions", new RegionMilestoneFn(years), years);
    PCollection<KV<Integer, byte[]>> grid =
        SumInBundleFn.sums(
            begin.apply("GridSeed", Create.of(0)),
            "EmptyGrid",
            new GridFn(years, districts, sectors),
            years,
            districts);
    return PCollectionList.of(grid)
        .and(fromEnterprises)
        .and(fromProjects)
        .and(fromMilestones)
        .apply("AllContributions", Flatten.pCollections())
        .apply("SumPerCell", new SumPerCell<>(CellAcc.sum()));
  }

  static final class EnterpriseFn extends SumInBundleFn<EnterpriseFacts, CellAcc> {
    private final PCollectionView<List<Period>> years;
    private final SectorMatcher sectors;

    EnterpriseFn(PCollectionView<List<Period>> years, SectorMatcher sectors) {
      super(CellAcc.sum());
      this.years = years;
      this.sectors = sectors;
    }

    @ProcessElement
    public void process(@Element EnterpriseFacts facts, ProcessContext c) {
      for (Period period : c.sideInput(years)) {
        int year = period.year();
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
    private final PCollectionView<List<Period>> years;
    private final SectorMatcher sectors;
    private final long thresholdCents;

    ProjectFn(PCollectionView<List<Period>> years, SectorMatcher sectors, long thresholdCents) {
      super(CellAcc.sum());
      this.years = years;
      this.sectors = sectors;
      this.thresholdCents = thresholdCents;
    }

    @ProcessElement
    public void process(@Element ProjectFacts project, ProcessContext c) {
      for (Period period : c.sideInput(years)) {
        int year = period.year();
        for (Map.Entry<String, CellAcc> e :
            ProjectContributions.of(project, year, period, sectors, thresholdCents).entrySet()) {
          add(e.getKey(), e.getValue());
        }
      }
    }
  }

  /** Milestones without an enterprise count only in sector ALL, district ALL. */
  static final class RegionMilestoneFn extends SumInBundleFn<Milestone, CellAcc> {
    private final PCollectionView<List<Period>> years;

    RegionMilestoneFn(PCollectionView<List<Period>> years) {
      super(CellAcc.sum());
      this.years = years;
    }

    @ProcessElement
    public void process(@Element Milestone m, ProcessContext c) {
      for (Period period : c.sideInput(years)) {
        int year = period.year();
        if (period.contains(year, m.getDate())) {
          sum(CellKey.encode(year, SectorMatcher.ALL, SectorMatcher.ALL))
              .addMilestone(m.getKind(), 1);
        }
      }
    }
  }

  /** One empty accumulator per cell of the grid, so cells without data still appear. */
  static final class GridFn extends SumInBundleFn<Integer, CellAcc> {
    private final PCollectionView<List<Period>> years;
    private final PCollectionView<List<String>> districts;
    private final SectorMatcher sectors;

    GridFn(
        PCollectionView<List<Period>> years,
        PCollectionView<List<String>> districts,
        SectorMatcher sectors) {
      super(CellAcc.sum());
      this.years = years;
      this.districts = districts;
      this.sectors = sectors;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      List<String> ds = c.sideInput(districts);
      for (Period period : c.sideInput(years)) {
        int year = period.year();
        org.apache.beam.sdk.metrics.Metrics.counter(PERIOD_NAMESPACE, "year." + year).inc();
        org.apache.beam.sdk.metrics.Metrics.counter(
                PERIOD_NAMESPACE, "months." + year + "." + period.endMonth())
            .inc();
        for (String s : withAll(sectors.sectorIds())) {
          for (String d : withAll(ds)) {
            sum(CellKey.encode(year, s, d));
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
