package org.goalrollup.disclosure;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
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
 * The contributor statistics of every cell with contributors, for each computed year Y over its
 * months 1..M, and for Y-1 over the same months 1..M (the base of Y's growths, whose statuses
 * decide whether they may be published). Cells of Y are keyed by their {@link
 * org.goalrollup.stats.CellKey}; base cells of Y-1 by {@link #baseKey} of theirs, since Y-1 may
 * also be computed with other months (a complete 2020 before a 2021 that stops in March). Fed by
 * the same enterprise and project facts as {@link org.goalrollup.stats.ComputeCells}, and each
 * contributor's values come from {@link EnterpriseContributions} and {@link ProjectContributions},
 * so the cells' sums and the contributors behind them cannot drift apart. Contributors: an
 * enterprise with a production record in the period (PRODUCTION), with an rd.csv row of the year
 * (RD); a project with a record in the period, counted in the cells of each such record
 * (INVESTMENT). Cells are combined in buckets as in ComputeCells, so the cost holds at national
 * scale.
 */
public final class ComputeContributorStats
    extends PTransform<PBegin, PCollection<KV<String, ContributorStats>>> {
  private final PCollection<EnterpriseFacts> enterprises;
  private final PCollection<ProjectFacts> projects;
  private final PCollectionView<List<Period>> years;
  private final SectorMatcher sectors;
  private final long thresholdCents;

  /** Prefix of the key of a base cell: (Y-1, sector, district) over the months of Y. */
  private static final String BASE = "b";

  public ComputeContributorStats(
      PCollection<EnterpriseFacts> enterprises,
      PCollection<ProjectFacts> projects,
      PCollectionView<List<Period>> years,
      SectorMatcher sectors,
      long thresholdCents) {
    this.enterprises = enterprises;
    this.projects = projects;
    this.years = years;
    this.sectors = sectors;
    this.thresholdCents = thresholdCents;
  }

  /** The key of cell {@code cellKey} of year Y-1 as the base of Y's growths. */
  public static String baseKey(String cellKey) {
    return BASE + cellKey;
  }

  /** True for a key made by {@link #baseKey}. */
  public static boolean isBase(String key) {
    return key.startsWith(BASE);
  }

  /** The cell key inside a key, with or without the base prefix. */
  public static String cellOf(String key) {
    return isBase(key) ? key.substring(BASE.length()) : key;
  }

  /**
   * The periods whose statuses are needed, each computed once: every computed period (role
   * "current") and the same months of the year before (role "base"); a period may have both.
   */
  static Map<Period, Roles> statusPeriods(List<Period> computed) {
    Map<Period, Roles> out = new TreeMap<>();
    for (Period p : computed) {
      out.merge(p, new Roles(true, false), Roles::or);
      out.merge(new Period(p.year() - 1, p.endMonth()), new Roles(false, true), Roles::or);
    }
    return out;
  }

  /** What a period's statistics are for: a computed year's cells, the base of the next year's. */
  record Roles(boolean current, boolean base) {
    Roles or(Roles o) {
      return new Roles(current || o.current, base || o.base);
    }
  }

  @Override
  public PCollection<KV<String, ContributorStats>> expand(PBegin begin) {
    PCollection<KV<Integer, byte[]>> fromEnterprises =
        SumInBundleFn.sums(
            enterprises, "EnterpriseContributors", new EnterpriseFn(years, sectors), years);
    PCollection<KV<Integer, byte[]>> fromProjects =
        SumInBundleFn.sums(
            projects, "ProjectContributors", new ProjectFn(years, sectors, thresholdCents), years);
    return PCollectionList.of(fromEnterprises)
        .and(fromProjects)
        .apply("AllContributors", Flatten.pCollections())
        .apply("StatsPerCell", new SumPerCell<>(ContributorStats.sum()));
  }

  /** Adds up contributor statistics under the key of each role of their period. */
  abstract static class RolesFn<T> extends SumInBundleFn<T, ContributorStats> {
    RolesFn() {
      super(ContributorStats.sum());
    }

    /** Adds a period's statistics of one cell under the key of each role the period has. */
    final void addInRoles(String cell, ContributorStats s, Roles roles) {
      if (roles.current()) {
        add(cell, s);
      }
      if (roles.base()) {
        add(baseKey(cell), s);
      }
    }
  }

  /** An enterprise is one contributor in each of its cells: to production, to R&D, or both. */
  static final class EnterpriseFn extends RolesFn<EnterpriseFacts> {
    private final PCollectionView<List<Period>> years;
    private final SectorMatcher sectors;

    EnterpriseFn(PCollectionView<List<Period>> years, SectorMatcher sectors) {
      this.years = years;
      this.sectors = sectors;
    }

    @ProcessElement
    public void process(@Element EnterpriseFacts facts, ProcessContext c) {
      for (Map.Entry<Period, Roles> e : statusPeriods(c.sideInput(years)).entrySet()) {
        Period period = e.getKey();
        int year = period.year();
        ContributorStats s = of(facts, year, period);
        if (s == null) {
          continue;
        }
        for (String cell : EnterpriseContributions.cells(facts.getEnterprise(), year, sectors)) {
          addInRoles(cell, s, e.getValue());
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
  static final class ProjectFn extends RolesFn<ProjectFacts> {
    private final PCollectionView<List<Period>> years;
    private final SectorMatcher sectors;
    private final long thresholdCents;

    ProjectFn(PCollectionView<List<Period>> years, SectorMatcher sectors, long thresholdCents) {
      this.years = years;
      this.sectors = sectors;
      this.thresholdCents = thresholdCents;
    }

    @ProcessElement
    public void process(@Element ProjectFacts project, ProcessContext c) {
      for (Map.Entry<Period, Roles> e : statusPeriods(c.sideInput(years)).entrySet()) {
        Period period = e.getKey();
        of(project, period.year(), period, sectors, thresholdCents)
            .forEach((cell, s) -> addInRoles(cell, s, e.getValue()));
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
