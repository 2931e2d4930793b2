package org.goalrollup.disclosure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Investment;
import org.goalrollup.model.ProjectFacts;
import org.goalrollup.stats.CellAcc;
import org.goalrollup.stats.EnterpriseContributions;
import org.goalrollup.stats.Measure;
import org.goalrollup.stats.Period;
import org.goalrollup.stats.ProjectContributions;
import org.goalrollup.stats.SectorMatcher;
import org.goalrollup.stats.SumInBundleFn;
import org.goalrollup.stats.SumPerCell;

/**
 * The contributor statistics of every cell with contributors, for each computed year Y and for Y-1
 * (whose statuses decide whether Y's growths may be published). Fed by the same enterprise and
 * project facts as {@link org.goalrollup.stats.ComputeCells}, and each contributor's values come
 * from {@link EnterpriseContributions} and {@link ProjectContributions}, so the cells' sums and the
 * contributors behind them cannot drift apart. Contributors: an enterprise with a production record
 * in the period (PRODUCTION), with an rd.csv row of the year (RD); a project with a record in the
 * period, counted in the cells of each such record (INVESTMENT). Cells are combined in buckets as
 * in ComputeCells, so the cost holds at national scale.
 */
public final class ComputeContributorStats
    extends PTransform<PBegin, PCollection<KV<String, ContributorStats>>> {
  private final PCollection<EnterpriseFacts> enterprises;
  private final PCollection<ProjectFacts> projects;
  private final PCollectionView<List<Integer>> years;
  private final Period period;
  private final SectorMatcher sectors;
  private final long thresholdCents;

  public ComputeContributorStats(
      PCollection<EnterpriseFacts> enterprises,
      PCollection<ProjectFacts> projects,
      PCollectionView<List<Integer>> years,
      Period period,
      SectorMatcher sectors,
      long thresholdCents) {
    this.enterprises = enterprises;
    this.projects = projects;
    this.years = years;
    this.period = period;
    this.sectors = sectors;
    this.thresholdCents = thresholdCents;
  }

  /** The years whose statuses are needed: each computed year and the year before it. */
  static Set<Integer> statusYears(List<Integer> computed) {
    Set<Integer> out = new TreeSet<>();
    for (int y : computed) {
      out.add(y);
      out.add(y - 1);
    }
    return out;
  }

  @Override
  public PCollection<KV<String, ContributorStats>> expand(PBegin begin) {
    PCollection<KV<Integer, byte[]>> fromEnterprises =
        SumInBundleFn.sums(
            enterprises, "EnterpriseContributors", new EnterpriseFn(years, period, sectors), years);
    PCollection<KV<Integer, byte[]>> fromProjects =
        SumInBundleFn.sums(
            projects,
            "ProjectContributors",
            new ProjectFn(years, period, sectors, thresholdCents),
            years);
    return PCollectionList.of(fromEnterprises)
        .and(fromProjects)
        .apply("AllContributors", Flatten.pCollections())
        .apply("StatsPerCell", new SumPerCell<>(ContributorStats.sum()));
  }

  /** An enterprise is one contributor in each of its cells: to production, to R&D, or both. */
  static final class EnterpriseFn extends SumInBundleFn<EnterpriseFacts, ContributorStats> {
    private final PCollectionView<List<Integer>> years;
    private final Period period;
    private final SectorMatcher sectors;

    EnterpriseFn(PCollectionView<List<Integer>> years, Period period, SectorMatcher sectors) {
      super(ContributorStats.sum());
      this.years = years;
      this.period = period;
      this.sectors = sectors;
    }

    @ProcessElement
    public void process(@Element EnterpriseFacts facts, ProcessContext c) {
      for (int year : statusYears(c.sideInput(years))) {
        ContributorStats s = of(facts, year, period);
        if (s == null) {
          continue;
        }
        for (String cell : EnterpriseContributions.cells(facts.getEnterprise(), year, sectors)) {
          add(cell, s);
        }
      }
    }

    /** The enterprise as a contributor of year {@code year}, or null if it contributes nothing. */
    static ContributorStats of(EnterpriseFacts facts, int year, Period period) {
      CellAcc acc = EnterpriseContributions.of(facts, year, period);
      ContributorStats s = null;
      if (acc.get(Measure.ENTERPRISES) > 0) {
        s = ContributorStats.contributor(Group.PRODUCTION, acc);
      }
      if (facts.getRd().stream().anyMatch(r -> r.getYear() == year)) {
        ContributorStats rd = ContributorStats.contributor(Group.RD, acc);
        s = s == null ? rd : s.merge(rd);
      }
      return s;
    }
  }

  /** A project is one contributor in the cells of each of its records in the period. */
  static final class ProjectFn extends SumInBundleFn<ProjectFacts, ContributorStats> {
    private final PCollectionView<List<Integer>> years;
    private final Period period;
    private final SectorMatcher sectors;
    private final long thresholdCents;

    ProjectFn(
        PCollectionView<List<Integer>> years,
        Period period,
        SectorMatcher sectors,
        long thresholdCents) {
      super(ContributorStats.sum());
      this.years = years;
      this.period = period;
      this.sectors = sectors;
      this.thresholdCents = thresholdCents;
    }

    @ProcessElement
    public void process(@Element ProjectFacts project, ProcessContext c) {
      for (int year : statusYears(c.sideInput(years))) {
        of(project, year, period, sectors, thresholdCents).forEach(this::add);
      }
    }

    /** The project's contribution to each cell it has a record of the period in. */
    static Map<String, ContributorStats> of(
        ProjectFacts project, int year, Period period, SectorMatcher sectors, long thresholdCents) {
      Set<String> cells = new LinkedHashSet<>();
      for (Investment r : project.getRecords()) {
        if (period.contains(year, r.getYear(), r.getMonth())) {
          cells.addAll(ProjectContributions.cells(r, year, sectors));
        }
      }
      Map<String, ContributorStats> out = new TreeMap<>();
      if (cells.isEmpty()) {
        return out;
      }
      Map<String, CellAcc> sums =
          ProjectContributions.of(project, year, period, sectors, thresholdCents);
      for (String cell : cells) {
        out.put(cell, ContributorStats.contributor(Group.INVESTMENT, sums.get(cell)));
      }
      return out;
    }
  }
}
