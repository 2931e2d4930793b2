package org.goalrollup.stats;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.goalrollup.model.Attainment;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.model.Summary;
import org.goalrollup.model.Target;

/**
 * Evaluates every target of a computed year against its cell: the combined cell sums go in, one
 * attainment row per applicable target comes out, with the period end month M of its year. A target
 * naming a district that is not in the data fails the run ({@link TargetException}).
 */
public final class EvaluateTargets
    extends PTransform<PCollection<KV<String, CellAcc>>, PCollection<Attainment>> {
  /** Metrics namespace of the per-status counters. */
  public static final String STATUS_NAMESPACE = "attainment";

  private final List<Target> targets;
  private final PCollectionView<Map<String, RegionRecord>> region;
  private final PCollectionView<List<String>> districts;
  private final PCollectionView<List<Period>> periods;

  public EvaluateTargets(
      List<Target> targets,
      PCollectionView<Map<String, RegionRecord>> region,
      PCollectionView<List<String>> districts,
      PCollectionView<List<Period>> periods) {
    this.targets = new ArrayList<>(targets);
    this.region = region;
    this.districts = districts;
    this.periods = periods;
  }

  @Override
  public PCollection<Attainment> expand(PCollection<KV<String, CellAcc>> cells) {
    cells
        .getPipeline()
        .apply("CheckSeed", org.apache.beam.sdk.transforms.Create.of(0))
        .apply(
            "CheckTargetDistricts",
            ParDo.of(new CheckDistrictsFn(targets, districts)).withSideInputs(districts));
    return cells
        .apply(
            "EvaluateCellTargets",
            ParDo.of(new EvaluateFn(targets, region, periods)).withSideInputs(region, periods))
        .setCoder(AvroCoder.specific(Attainment.class));
  }

  /** A target that cannot be evaluated (unknown district); fails the run. */
  public static final class TargetException extends RuntimeException {
    public TargetException(String message) {
      super(message);
    }
  }

  /** Every target district must be ALL or a district of the data. */
  public static void checkDistricts(List<Target> targets, Set<String> known) {
    for (Target t : targets) {
      if (!SectorMatcher.ALL.equals(t.getDistrict()) && !known.contains(t.getDistrict())) {
        throw new TargetException(
            "targets.csv: line "
                + t.getLineNumber()
                + ", column district: '"
                + t.getDistrict()
                + "' is not a district of enterprises.csv or investment.csv");
      }
    }
  }

  /** The attainment rows of one cell. */
  public static List<Attainment> evaluate(
      List<Target> cellTargets, Summary summary, CellAcc acc, int endMonth) {
    List<Attainment> out = new ArrayList<>();
    for (Target t : cellTargets) {
      out.add(AttainmentMath.evaluate(t, endMonth, actual(t, summary, acc)));
    }
    return out;
  }

  /** The target's indicator in its cell: a summary column, or a count of milestones. */
  static Double actual(Target t, Summary summary, CellAcc acc) {
    String kind = Indicators.milestoneKind(t.getIndicator());
    return kind != null
        ? Double.valueOf(acc.milestones(kind))
        : Indicators.actual(summary, t.getIndicator());
  }

  /** The targets grouped by the key of their cell. */
  static Map<String, List<Target>> byCell(List<Target> targets) {
    Map<String, List<Target>> out = new HashMap<>();
    for (Target t : targets) {
      out.computeIfAbsent(
              CellKey.encode(t.getYear(), t.getSectorId(), t.getDistrict()), k -> new ArrayList<>())
          .add(t);
    }
    return out;
  }

  static final class CheckDistrictsFn extends DoFn<Integer, Void> {
    private final List<Target> targets;
    private final PCollectionView<List<String>> districts;

    CheckDistrictsFn(List<Target> targets, PCollectionView<List<String>> districts) {
      this.targets = targets;
      this.districts = districts;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      checkDistricts(targets, new HashSet<>(c.sideInput(districts)));
    }
  }

  static final class EvaluateFn extends DoFn<KV<String, CellAcc>, Attainment> {
    private final List<Target> targets;
    private final PCollectionView<Map<String, RegionRecord>> region;
    private final PCollectionView<List<Period>> periods;
    private transient Map<String, List<Target>> byCell;

    EvaluateFn(
        List<Target> targets,
        PCollectionView<Map<String, RegionRecord>> region,
        PCollectionView<List<Period>> periods) {
      this.targets = targets;
      this.region = region;
      this.periods = periods;
    }

    @Setup
    public void setup() {
      byCell = byCell(targets);
    }

    @ProcessElement
    public void process(
        @Element KV<String, CellAcc> cell, OutputReceiver<Attainment> out, ProcessContext c) {
      List<Target> cellTargets = byCell.get(cell.getKey());
      if (cellTargets == null) {
        return;
      }
      CellKey key = CellKey.decode(cell.getKey());
      int endMonth = BuildSummaries.endMonth(c.sideInput(periods), key);
      Summary s = SummaryMath.summarize(key, cell.getValue(), endMonth, c.sideInput(region));
      for (Attainment a : evaluate(cellTargets, s, cell.getValue(), endMonth)) {
        org.apache.beam.sdk.metrics.Metrics.counter(STATUS_NAMESPACE, a.getStatus()).inc();
        out.output(a);
      }
    }
  }
}
