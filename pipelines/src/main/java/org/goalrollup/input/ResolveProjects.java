package org.goalrollup.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.goalrollup.Buckets;
import org.goalrollup.Packed;
import org.goalrollup.model.Investment;
import org.goalrollup.model.ProjectFacts;
import org.goalrollup.model.Reject;

/**
 * Groups valid investment rows by project and applies the revision rule per (year, month): {@link
 * ProjectFacts} (the in-force monthly records, sorted) and CONFLICTING_DUPLICATE rejects come out.
 */
public final class ResolveProjects extends PTransform<PCollection<Investment>, PCollectionTuple> {
  public static final TupleTag<ProjectFacts> PROJECTS = new TupleTag<>("projects") {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>("rejects") {};

  private final int buckets;

  /** Groups in {@code buckets} shuffle keys (see {@link Buckets}). */
  public ResolveProjects(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public PCollectionTuple expand(PCollection<Investment> rows) {
    int n = buckets;
    PCollectionTuple out =
        rows.apply(
                "PackByProject",
                ParDo.of(
                    Packed.perBundle(
                        InvestmentCoder.of(),
                        (Investment i) -> Buckets.of(i.getProjectId(), n),
                        n)))
            .setCoder(Packed.CODER)
            .apply("GroupByProject", GroupByKey.create())
            .apply(
                "ResolveProject",
                ParDo.of(new ResolveFn()).withOutputTags(PROJECTS, TupleTagList.of(REJECTS)));
    out.get(PROJECTS).setCoder(AvroCoder.specific(ProjectFacts.class));
    out.get(REJECTS).setCoder(AvroCoder.specific(Reject.class));
    return out;
  }

  /** The in-force records of one project, sorted by (year, month), and its conflicts. */
  public static Revisions.Outcome<Investment> resolve(String projectId, Iterable<Investment> rows) {
    Revisions.Outcome<Investment> o =
        Revisions.resolve(
            rows,
            i -> "project_id=" + projectId + " year=" + i.getYear() + " month=" + i.getMonth());
    o.inForce.sort(
        Comparator.comparingInt(Investment::getYear).thenComparingInt(Investment::getMonth));
    return o;
  }

  static final class ResolveFn extends DoFn<KV<Integer, Iterable<byte[]>>, ProjectFacts> {
    @ProcessElement
    public void process(@Element KV<Integer, Iterable<byte[]>> e, MultiOutputReceiver out) {
      SortedMap<String, List<Investment>> byProject = new TreeMap<>();
      for (byte[] packed : e.getValue()) {
        for (Investment i : Packed.unpack(packed, InvestmentCoder.of())) {
          byProject.computeIfAbsent(i.getProjectId(), k -> new ArrayList<>()).add(i);
        }
      }
      byProject.forEach((id, rows) -> resolveProject(id, rows, out));
    }

    private static void resolveProject(
        String projectId, List<Investment> rows, MultiOutputReceiver out) {
      Revisions.Outcome<Investment> o = resolve(projectId, rows);
      InputCounters.counted(InputFile.INVESTMENT, o).forEach(out.get(REJECTS)::output);
      if (!o.inForce.isEmpty()) {
        List<Investment> records = new ArrayList<>(o.inForce);
        out.get(PROJECTS)
            .output(ProjectFacts.newBuilder().setProjectId(projectId).setRecords(records).build());
      }
    }
  }
}
