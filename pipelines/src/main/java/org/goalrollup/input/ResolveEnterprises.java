package org.goalrollup.input;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.goalrollup.Buckets;
import org.goalrollup.Packed;
import org.goalrollup.model.Enterprise;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Investment;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.Production;
import org.goalrollup.model.RdRecord;
import org.goalrollup.model.Reject;

/**
 * Joins every enterprise-keyed input on enterprise_id in one shuffle and resolves it: accepted
 * register rows, production, rd, milestones and investment rows naming an enterprise go in; {@link
 * EnterpriseFacts} per register enterprise, the investment rows of known enterprises, and the
 * UNKNOWN_ENTERPRISE / CONFLICTING_DUPLICATE rejects come out.
 */
public final class ResolveEnterprises extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<Enterprise> REGISTER = new TupleTag<>("register");

  /** Production rows packed in batches per bucket ({@link ProductionBatches}). */
  public static final TupleTag<KV<Integer, byte[]>> PRODUCTION = new TupleTag<>("production");

  public static final TupleTag<RdRecord> RD = new TupleTag<>("rd");
  public static final TupleTag<Milestone> MILESTONES = new TupleTag<>("milestones");
  public static final TupleTag<Investment> INVESTMENT = new TupleTag<>("investment");

  // The joined inputs: every input travels packed ({@link Packed}), so the shuffle holds arrays.
  private static final TupleTag<byte[]> PRODUCTION_BATCHES = new TupleTag<>("productionBatches");
  private static final TupleTag<byte[]> REGISTER_PACKED = new TupleTag<>("registerPacked");
  private static final TupleTag<byte[]> RD_PACKED = new TupleTag<>("rdPacked");
  private static final TupleTag<byte[]> MILESTONES_PACKED = new TupleTag<>("milestonesPacked");
  private static final TupleTag<byte[]> INVESTMENT_PACKED = new TupleTag<>("investmentPacked");

  private static final Coder<Enterprise> REGISTER_CODER = AvroCoder.specific(Enterprise.class);
  private static final Coder<RdRecord> RD_CODER = AvroCoder.specific(RdRecord.class);
  private static final Coder<Milestone> MILESTONE_CODER = AvroCoder.specific(Milestone.class);

  public static final TupleTag<EnterpriseFacts> FACTS = new TupleTag<>("facts") {};
  public static final TupleTag<Investment> KNOWN_INVESTMENT = new TupleTag<>("knownInvestment") {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>("rejects") {};

  private final int buckets;

  /** Joins in {@code buckets} shuffle keys (see {@link Buckets}). */
  public ResolveEnterprises(int buckets) {
    this.buckets = buckets;
  }

  @Override
  public PCollectionTuple expand(PCollectionTuple in) {
    PCollection<KV<Integer, CoGbkResult>> joined =
        KeyedPCollectionTuple.of(
                REGISTER_PACKED, pack(in.get(REGISTER), "Register", REGISTER_CODER))
            .and(PRODUCTION_BATCHES, in.get(PRODUCTION))
            .and(RD_PACKED, pack(in.get(RD), "Rd", RD_CODER))
            .and(MILESTONES_PACKED, pack(in.get(MILESTONES), "Milestones", MILESTONE_CODER))
            .and(INVESTMENT_PACKED, pack(in.get(INVESTMENT), "Investment", InvestmentCoder.of()))
            .apply("JoinOnEnterpriseId", CoGroupByKey.create());
    PCollectionTuple out =
        joined.apply(
            "ResolveEnterprise",
            ParDo.of(new ResolveFn())
                .withOutputTags(FACTS, TupleTagList.of(KNOWN_INVESTMENT).and(REJECTS)));
    out.get(FACTS).setCoder(AvroCoder.specific(EnterpriseFacts.class));
    out.get(KNOWN_INVESTMENT).setCoder(InvestmentCoder.of());
    out.get(REJECTS).setCoder(AvroCoder.specific(Reject.class));
    return out;
  }

  /** The rows packed per bundle and enterprise bucket. */
  private <T extends org.apache.avro.specific.SpecificRecordBase>
      PCollection<KV<Integer, byte[]>> pack(PCollection<T> rows, String name, Coder<T> coder) {
    int n = buckets;
    return rows.apply(
            "Pack" + name,
            ParDo.of(
                Packed.perBundle(
                    coder, (T r) -> Buckets.of((String) r.get("enterprise_id"), n), n)))
        .setCoder(Packed.CODER);
  }

  /** The rows of one bucket, separated by enterprise id (sorted, for a stable output order). */
  static final class Group {
    final List<Enterprise> register = new ArrayList<>();
    final List<Production> production = new ArrayList<>();
    final List<RdRecord> rd = new ArrayList<>();
    final List<Milestone> milestones = new ArrayList<>();
    final List<Investment> investment = new ArrayList<>();

    static SortedMap<String, Group> of(CoGbkResult g) {
      // hashed while filling (a bucket holds millions of rows), sorted once at the end
      Map<String, Group> m = new HashMap<>();
      for (byte[] packed : g.getAll(REGISTER_PACKED)) {
        for (Enterprise r : Packed.unpack(packed, REGISTER_CODER)) {
          at(m, r.getEnterpriseId()).register.add(r);
        }
      }
      for (byte[] batch : g.getAll(PRODUCTION_BATCHES)) {
        for (Production r : ProductionBatches.unpack(batch)) {
          at(m, r.getEnterpriseId()).production.add(r);
        }
      }
      for (byte[] packed : g.getAll(RD_PACKED)) {
        for (RdRecord r : Packed.unpack(packed, RD_CODER)) {
          at(m, r.getEnterpriseId()).rd.add(r);
        }
      }
      for (byte[] packed : g.getAll(MILESTONES_PACKED)) {
        for (Milestone r : Packed.unpack(packed, MILESTONE_CODER)) {
          at(m, r.getEnterpriseId()).milestones.add(r);
        }
      }
      for (byte[] packed : g.getAll(INVESTMENT_PACKED)) {
        for (Investment r : Packed.unpack(packed, InvestmentCoder.of())) {
          at(m, r.getEnterpriseId()).investment.add(r);
        }
      }
      return new TreeMap<>(m);
    }

    private static Group at(Map<String, Group> m, String id) {
      return m.computeIfAbsent(id, k -> new Group());
    }
  }

  static final class ResolveFn extends DoFn<KV<Integer, CoGbkResult>, EnterpriseFacts> {
    @ProcessElement
    public void process(@Element KV<Integer, CoGbkResult> e, MultiOutputReceiver out) {
      for (Map.Entry<String, Group> entry : Group.of(e.getValue()).entrySet()) {
        Group g = entry.getValue();
        resolve(
            EnterpriseResolver.resolve(
                entry.getKey(), g.register, g.production, g.rd, g.milestones, g.investment),
            out);
      }
    }

    private static void resolve(EnterpriseResolver.Result r, MultiOutputReceiver out) {
      for (InputFile f : InputFile.values()) {
        InputCounters.superseded(f, r.superseded[f.ordinal()]);
        InputCounters.collapsed(f, r.collapsed[f.ordinal()]);
        InputCounters.acceptedLines(f, r.acceptedLines[f.ordinal()]);
      }
      if (r.facts != null) {
        // The text of an in-force row is not needed past this point (its rejection would have
        // happened here): dropping it saves about a third of the memory the facts take.
        // Every row shares the register's id instead of its own decoded copy: 9M strings fewer
        // in memory at national scale, where the facts are the run's largest live set.
        String id = r.facts.getEnterprise().getEnterpriseId();
        for (Production p : r.facts.getProduction()) {
          p.setRaw("");
          p.setEnterpriseId(id);
        }
        out.get(FACTS).output(r.facts);
      }
      r.knownInvestment.forEach(out.get(KNOWN_INVESTMENT)::output);
      for (Reject rej : r.rejects) {
        InputCounters.count(rej);
        out.get(REJECTS).output(rej);
      }
    }
  }
}
