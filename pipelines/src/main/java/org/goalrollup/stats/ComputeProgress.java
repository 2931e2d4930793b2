package org.goalrollup.stats;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.MonthlyProgress;
import org.goalrollup.model.ProjectFacts;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.model.Summary;
import org.goalrollup.model.Target;

/**
 * Follows every target month by month: enterprise facts, project facts and the milestones without
 * an enterprise go in; for each target of a computed year, one row per month m = 1..M (M of the
 * target's year) comes out holding its indicator for months 1..m, exactly what an {@code
 * --asOf=Y-m} run reports for that cell. The sums come from {@link EnterpriseContributions#series}
 * and {@link ProjectContributions#series}: one pass over each enterprise's or project's records,
 * tested equal to the summary's own {@code of()} for every period ending in m, so the monthly
 * figures cannot drift from the summary's definitions.
 *
 * <p>Only the cells that have a target are followed. Each DoFn adds up its bundle's series per cell
 * before anything is shuffled, and packs them per bucket ({@link SumInBundleFn}), so the shuffle
 * carries a few byte arrays per bundle, not one element per enterprise.
 */
public final class ComputeProgress extends PTransform<PBegin, PCollection<MonthlyProgress>> {
  /** The cumulative sums of one cell for months 1..1, 1..2, ..., 1..M. */
  static final Coder<List<CellAcc>> SERIES = ListCoder.of(CellAcc.Coder.of());

  private final PCollection<EnterpriseFacts> enterprises;
  private final PCollection<ProjectFacts> projects;
  private final PCollection<Milestone> regionMilestones;
  private final PCollectionView<List<Period>> years;
  private final PCollectionView<Map<String, RegionRecord>> region;
  private final List<Target> targets;
  private final SectorMatcher sectors;
  private final long thresholdCents;

  public ComputeProgress(
      PCollection<EnterpriseFacts> enterprises,
      PCollection<ProjectFacts> projects,
      PCollection<Milestone> regionMilestones,
      PCollectionView<List<Period>> years,
      PCollectionView<Map<String, RegionRecord>> region,
      List<Target> targets,
      SectorMatcher sectors,
      long thresholdCents) {
    this.enterprises = enterprises;
    this.projects = projects;
    this.regionMilestones = regionMilestones;
    this.years = years;
    this.region = region;
    this.targets = new ArrayList<>(targets);
    this.sectors = sectors;
    this.thresholdCents = thresholdCents;
  }

  @Override
  public PCollection<MonthlyProgress> expand(PBegin begin) {
    TreeSet<String> cells = new TreeSet<>();
    for (Target t : targets) {
      cells.add(CellKey.encode(t.getYear(), t.getSectorId(), t.getDistrict()));
    }
    PCollection<KV<Integer, byte[]>> fromEnterprises =
        SumInBundleFn.sums(
            enterprises, "EnterpriseMonths", new EnterpriseMonthsFn(cells, years, sectors), years);
    PCollection<KV<Integer, byte[]>> fromProjects =
        SumInBundleFn.sums(
            projects,
            "ProjectMonths",
            new ProjectMonthsFn(cells, years, sectors, thresholdCents),
            years);
    PCollection<KV<Integer, byte[]>> fromMilestones =
        SumInBundleFn.sums(
            regionMilestones,
            "RegionMilestoneMonths",
            new RegionMilestoneMonthsFn(cells, years),
            years);
    PCollection<KV<Integer, byte[]>> seeds =
        SumInBundleFn.sums(
            begin.apply("ProgressSeed", Create.of(0)),
            "EmptySeries",
            new EmptySeriesFn(cells, years),
            years);
    return PCollectionList.of(seeds)
        .and(fromEnterprises)
        .and(fromProjects)
        .and(fromMilestones)
        .apply("AllMonths", Flatten.pCollections())
        .apply("SumPerTargetCell", new SumPerCell<>(new SeriesSum()))
        .apply(
            "ProgressRows",
            ParDo.of(new ProgressRowsFn(targets, region, years)).withSideInputs(region, years))
        .setCoder(AvroCoder.specific(MonthlyProgress.class));
  }

  /** One enterprise's contributions for the periods ending in months 1..M of {@code year}. */
  static List<CellAcc> enterpriseSeries(EnterpriseFacts facts, int year, int endMonth) {
    return EnterpriseContributions.series(facts, year, endMonth);
  }

  /** Adds {@code from} month by month into {@code into}. */
  static void addInto(List<CellAcc> into, List<CellAcc> from) {
    for (int m = 0; m < from.size(); m++) {
      into.get(m).merge(from.get(m));
    }
  }

  /** The rows of one cell's targets, one per month of the series. */
  static List<MonthlyProgress> rows(
      List<Target> cellTargets, CellKey cell, List<CellAcc> series, Map<String, RegionRecord> r) {
    List<MonthlyProgress> out = new ArrayList<>();
    for (int m = 1; m <= series.size(); m++) {
      CellAcc acc = series.get(m - 1);
      Summary s = SummaryMath.summarize(cell, acc, m, r);
      for (Target t : cellTargets) {
        out.add(
            MonthlyProgress.newBuilder()
                .setYear(cell.year())
                .setMonth(m)
                .setIndicator(t.getIndicator())
                .setSectorId(cell.sector())
                .setDistrict(cell.district())
                .setActual(EvaluateTargets.actual(t, s, acc))
                .build());
      }
    }
    return out;
  }

  /**
   * Series of cumulative sums add up month by month; a shorter series counts as zeros in its
   * missing months, so the zero is the empty series. (The computed years may end in different
   * months M.)
   */
  static final class SeriesSum implements Sum<List<CellAcc>> {
    @Override
    public List<CellAcc> zero() {
      return new ArrayList<>();
    }

    @Override
    public void addInto(List<CellAcc> sum, List<CellAcc> value) {
      while (sum.size() < value.size()) {
        sum.add(new CellAcc());
      }
      ComputeProgress.addInto(sum, value);
    }

    @Override
    public Coder<List<CellAcc>> coder() {
      return SERIES;
    }
  }

  /** Adds up the series of one bundle per cell (see {@link SumInBundleFn}). */
  abstract static class BundleSeriesFn<T> extends SumInBundleFn<T, List<CellAcc>> {
    final Set<String> cells;
    final PCollectionView<List<Period>> years;

    BundleSeriesFn(Set<String> cells, PCollectionView<List<Period>> years) {
      super(new SeriesSum());
      this.cells = cells;
      this.years = years;
    }

    /** The bundle's running series of {@code cell}, at least {@code months} long. */
    final List<CellAcc> sum(String cell, int months) {
      List<CellAcc> s = sum(cell);
      while (s.size() < months) {
        s.add(new CellAcc());
      }
      return s;
    }
  }

  static final class EnterpriseMonthsFn extends BundleSeriesFn<EnterpriseFacts> {
    private final SectorMatcher sectors;

    EnterpriseMonthsFn(
        Set<String> cells, PCollectionView<List<Period>> years, SectorMatcher sectors) {
      super(cells, years);
      this.sectors = sectors;
    }

    @ProcessElement
    public void process(@Element EnterpriseFacts facts, ProcessContext c) {
      for (Period period : c.sideInput(years)) {
        int year = period.year();
        List<CellAcc> series = null;
        for (String cell : EnterpriseContributions.cells(facts.getEnterprise(), year, sectors)) {
          if (cells.contains(cell)) {
            if (series == null) {
              series = enterpriseSeries(facts, year, period.endMonth());
            }
            add(cell, series);
          }
        }
      }
    }
  }

  static final class ProjectMonthsFn extends BundleSeriesFn<ProjectFacts> {
    private final SectorMatcher sectors;
    private final long thresholdCents;

    ProjectMonthsFn(
        Set<String> cells,
        PCollectionView<List<Period>> years,
        SectorMatcher sectors,
        long thresholdCents) {
      super(cells, years);
      this.sectors = sectors;
      this.thresholdCents = thresholdCents;
    }

    @ProcessElement
    public void process(@Element ProjectFacts project, ProcessContext c) {
      for (Period period : c.sideInput(years)) {
        int year = period.year();
        int endMonth = period.endMonth();
        List<Map<String, CellAcc>> months =
            ProjectContributions.series(project, year, endMonth, sectors, thresholdCents);
        for (int m = 1; m <= endMonth; m++) {
          for (Map.Entry<String, CellAcc> e : months.get(m - 1).entrySet()) {
            if (cells.contains(e.getKey())) {
              try {
                sum(e.getKey(), endMonth).get(m - 1).merge(e.getValue());
              } catch (CellAcc.SumOverflowException overflow) {
                throw overflow.inCell(e.getKey());
              }
            }
          }
        }
      }
    }
  }

  /** Milestones without an enterprise count only in sector ALL, district ALL. */
  static final class RegionMilestoneMonthsFn extends BundleSeriesFn<Milestone> {
    RegionMilestoneMonthsFn(Set<String> cells, PCollectionView<List<Period>> years) {
      super(cells, years);
    }

    @ProcessElement
    public void process(@Element Milestone milestone, ProcessContext c) {
      for (Period period : c.sideInput(years)) {
        int year = period.year();
        String cell = CellKey.encode(year, SectorMatcher.ALL, SectorMatcher.ALL);
        if (!cells.contains(cell)) {
          continue;
        }
        for (int m = 1; m <= period.endMonth(); m++) {
          if (new Period(year, m).contains(year, milestone.getDate())) {
            sum(cell, period.endMonth()).get(m - 1).addMilestone(milestone.getKind(), 1);
          }
        }
      }
    }
  }

  /** An empty series for every target cell of a computed year, so cells without data appear. */
  static final class EmptySeriesFn extends BundleSeriesFn<Integer> {
    EmptySeriesFn(Set<String> cells, PCollectionView<List<Period>> years) {
      super(cells, years);
    }

    @ProcessElement
    public void process(ProcessContext c) {
      for (String cell : cells) {
        Period period = Period.ofYear(c.sideInput(years), CellKey.decode(cell).year());
        if (period != null) {
          sum(cell, period.endMonth());
        }
      }
    }
  }

  static final class ProgressRowsFn extends DoFn<KV<String, List<CellAcc>>, MonthlyProgress> {
    private final List<Target> targets;
    private final PCollectionView<Map<String, RegionRecord>> region;
    private final PCollectionView<List<Period>> years;
    private transient Map<String, List<Target>> byCell;

    ProgressRowsFn(
        List<Target> targets,
        PCollectionView<Map<String, RegionRecord>> region,
        PCollectionView<List<Period>> years) {
      this.targets = targets;
      this.region = region;
      this.years = years;
    }

    @Setup
    public void setup() {
      byCell = EvaluateTargets.byCell(targets);
    }

    @ProcessElement
    public void process(
        @Element KV<String, List<CellAcc>> cell,
        OutputReceiver<MonthlyProgress> out,
        ProcessContext c) {
      List<Target> cellTargets = byCell.get(cell.getKey());
      int endMonth = BuildSummaries.endMonth(c.sideInput(years), CellKey.decode(cell.getKey()));
      if (cellTargets == null || cell.getValue().size() != endMonth) {
        throw new IllegalStateException("no target or an incomplete series for " + cell.getKey());
      }
      for (MonthlyProgress row :
          rows(cellTargets, CellKey.decode(cell.getKey()), cell.getValue(), c.sideInput(region))) {
        out.output(row);
      }
    }
  }
}
