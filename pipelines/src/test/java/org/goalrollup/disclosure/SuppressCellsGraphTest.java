package org.goalrollup.disclosure;

import static org.goalrollup.model.InvestmentCategory.INDUSTRIAL;
import static org.goalrollup.stats.Fixtures.enterprise;
import static org.goalrollup.stats.Fixtures.facts;
import static org.goalrollup.stats.Fixtures.inv;
import static org.goalrollup.stats.Fixtures.prod;
import static org.goalrollup.stats.Fixtures.project;
import static org.goalrollup.stats.Fixtures.rd;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.goalrollup.TestPipelineExtension;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.ProjectFacts;
import org.goalrollup.stats.CellKey;
import org.goalrollup.stats.Fixtures;
import org.goalrollup.stats.Period;
import org.goalrollup.stats.SectorMatcher;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * ComputeContributorStats and SuppressCells on a hand-built grid of 2020 (and 2019, the base of the
 * growths): sectors AUTO (36) and TEXT (13), districts D1-D3.
 */
@ExtendWith(TestPipelineExtension.class)
class SuppressCellsGraphTest {
  final TestPipeline p = TestPipeline.create();

  static final SectorMatcher SECTORS =
      new SectorMatcher(List.of(Fixtures.prefix("AUTO", "36"), Fixtures.prefix("TEXT", "13")));

  /** One above-scale December record: output and revenue ov, value added ov/10, 5 employees. */
  static EnterpriseFacts firm(String id, String district, String industry, long ov, boolean rd) {
    return facts(
        enterprise(id, district, industry),
        List.of(prod(id, 2020, 12, true, "" + ov, "" + ov / 10, "" + ov, 5)),
        rd ? List.of(rd(id, 2020, "40", 3)) : List.of(),
        List.of());
  }

  static List<EnterpriseFacts> firms() {
    List<EnterpriseFacts> f = new ArrayList<>();
    // AUTO/D1: E1 alone (frequency), also the only R&D reporter
    f.add(firm("E1", "D1", "3670", 100, true));
    // AUTO/D2: E2 makes 900 of 1000 (dominance)
    f.add(firm("E2", "D2", "3670", 900, false));
    f.add(firm("E3", "D2", "3670", 50, false));
    f.add(firm("E4", "D2", "3670", 50, false));
    // AUTO/D3: three equal firms (free)
    f.add(firm("E5", "D3", "3670", 200, false));
    f.add(firm("E6", "D3", "3670", 200, false));
    f.add(firm("E7", "D3", "3670", 200, false));
    // TEXT/D3: E8 alone (frequency); TEXT/D1: three small firms
    f.add(firm("E8", "D3", "1310", 20, false));
    f.add(firm("E9", "D1", "1320", 10, false));
    f.add(firm("E10", "D1", "1330", 10, false));
    f.add(firm("E11", "D1", "1340", 10, false));
    return f;
  }

  static List<ProjectFacts> projects() {
    return List.of(
        project(
            "P1", inv("P1", null, "D2", "3670", 2020, 3, INDUSTRIAL, false, false, "900", "500")),
        project(
            "P2", inv("P2", null, "D3", "3670", 2019, 5, INDUSTRIAL, false, false, "900", "70")));
  }

  static KV<String, String> status(int year, String sector, String district, String codes) {
    return KV.of(CellKey.encode(year, sector, district), codes);
  }

  /** The status of a cell of {@code year} as the base of the next year's growths. */
  static KV<String, String> base(int year, String sector, String district, String codes) {
    return KV.of(ComputeContributorStats.baseKey(CellKey.encode(year, sector, district)), codes);
  }

  @Test
  void primaryAndSecondarySuppressionOfTheGrid() {
    PCollection<EnterpriseFacts> enterprises =
        p.apply(
            "Enterprises", Create.of(firms()).withCoder(AvroCoder.specific(EnterpriseFacts.class)));
    PCollection<ProjectFacts> projects =
        p.apply(
            "Projects", Create.of(projects()).withCoder(AvroCoder.specific(ProjectFacts.class)));
    PCollectionView<List<Period>> years =
        p.apply("Years", Create.of(new Period(2020, 12)).withCoder(Period.Coder.of()))
            .apply(View.asList());
    PCollection<KV<String, String>> statuses =
        p.apply(new ComputeContributorStats(enterprises, projects, years, SECTORS, 500000))
            .apply(new SuppressCells(DisclosureRules.defaults()));
    // codes per group (production, investment, rd): F free, N frequency, K dominance,
    // D secondary
    PAssert.that(statuses)
        .containsInAnyOrder(
            // production: 11 firms, largest 900 of 2030; P1 and E1 are alone
            status(2020, "ALL", "ALL", "FNN"),
            // the ALL line has one primary cell (D2): D1 (130) is smaller than D3 (620)
            status(2020, "ALL", "D1", "DFN"),
            status(2020, "ALL", "D2", "KNF"),
            status(2020, "ALL", "D3", "FFF"),
            status(2020, "AUTO", "ALL", "FNN"),
            status(2020, "AUTO", "D1", "NFN"),
            status(2020, "AUTO", "D2", "KNF"),
            status(2020, "AUTO", "D3", "FFF"),
            // the TEXT line has one primary cell (D3): its only other cell D1 is suppressed
            status(2020, "TEXT", "ALL", "FFF"),
            status(2020, "TEXT", "D1", "DFF"),
            status(2020, "TEXT", "D3", "NFF"),
            // 2019, the base of 2020's growths: P2 alone
            base(2019, "ALL", "ALL", "FNF"),
            base(2019, "ALL", "D3", "FNF"),
            base(2019, "AUTO", "ALL", "FNF"),
            base(2019, "AUTO", "D3", "FNF"));
    p.run().waitUntilFinish();
  }

  /**
   * Each computed year has its own months: 2019 complete, 2020 up to March. 2019's own cells cover
   * months 1-12 (X reports November); the base of 2020's growths is 2019 over months 1-3, in which
   * nobody reported, so it has no cells at all.
   */
  @Test
  void theBaseOfAYearToDateIsTheYearBeforeOverTheSameMonths() {
    List<EnterpriseFacts> firms =
        List.of(
            facts(
                enterprise("X", "D1", "3670"),
                List.of(prod("X", 2019, 11, true, "100", "10", "100", 5)),
                List.of(),
                List.of()),
            facts(
                enterprise("Y", "D1", "3670"),
                List.of(prod("Y", 2020, 2, true, "100", "10", "100", 5)),
                List.of(),
                List.of()));
    PCollection<EnterpriseFacts> enterprises =
        p.apply(
            "Enterprises", Create.of(firms).withCoder(AvroCoder.specific(EnterpriseFacts.class)));
    PCollection<ProjectFacts> projects =
        p.apply("Projects", Create.empty(AvroCoder.specific(ProjectFacts.class)));
    PCollectionView<List<Period>> years =
        p.apply(
                "Years",
                Create.of(new Period(2019, 12), new Period(2020, 3)).withCoder(Period.Coder.of()))
            .apply(View.asList());
    PCollection<KV<String, String>> statuses =
        p.apply(new ComputeContributorStats(enterprises, projects, years, SECTORS, 500000))
            .apply(new SuppressCells(DisclosureRules.defaults()));
    // one contributor each: production N (frequency), investment and R&D free
    PAssert.that(statuses)
        .containsInAnyOrder(
            status(2019, "ALL", "ALL", "NFF"),
            status(2019, "ALL", "D1", "NFF"),
            status(2019, "AUTO", "ALL", "NFF"),
            status(2019, "AUTO", "D1", "NFF"),
            status(2020, "ALL", "ALL", "NFF"),
            status(2020, "ALL", "D1", "NFF"),
            status(2020, "AUTO", "ALL", "NFF"),
            status(2020, "AUTO", "D1", "NFF"));
    p.run().waitUntilFinish();
  }
}
