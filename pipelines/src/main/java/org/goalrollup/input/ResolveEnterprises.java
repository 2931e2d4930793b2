package org.goalrollup.input;

import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
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
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.goalrollup.model.Enterprise;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Investment;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.Production;
import org.goalrollup.model.RdRecord;
import org.goalrollup.model.Reject;

/**
 * Joins every enterprise-keyed input on enterprise_id in one shuffle and resolves it: accepted
 * register rows, production, rd, milestones and investment rows naming an enterprise go in;
 * {@link EnterpriseFacts} per register enterprise, the investment rows of known enterprises, and
 * the UNKNOWN_ENTERPRISE / CONFLICTING_DUPLICATE rejects come out.
 */
public final class ResolveEnterprises extends PTransform<PCollectionTuple, PCollectionTuple> {
  public static final TupleTag<Enterprise> REGISTER = new TupleTag<>("register");
  public static final TupleTag<Production> PRODUCTION = new TupleTag<>("production");
  public static final TupleTag<RdRecord> RD = new TupleTag<>("rd");
  public static final TupleTag<Milestone> MILESTONES = new TupleTag<>("milestones");
  public static final TupleTag<Investment> INVESTMENT = new TupleTag<>("investment");

  public static final TupleTag<EnterpriseFacts> FACTS = new TupleTag<>("facts") {};
  public static final TupleTag<Investment> KNOWN_INVESTMENT = new TupleTag<>("knownInvestment") {};
  public static final TupleTag<Reject> REJECTS = new TupleTag<>("rejects") {};

  @Override
  public PCollectionTuple expand(PCollectionTuple in) {
    PCollection<KV<String, CoGbkResult>> joined =
        KeyedPCollectionTuple.of(REGISTER, key(in.get(REGISTER), "Register", Enterprise.class))
            .and(PRODUCTION, key(in.get(PRODUCTION), "Production", Production.class))
            .and(RD, key(in.get(RD), "Rd", RdRecord.class))
            .and(MILESTONES, key(in.get(MILESTONES), "Milestones", Milestone.class))
            .and(INVESTMENT, key(in.get(INVESTMENT), "Investment", Investment.class))
            .apply("JoinOnEnterpriseId", CoGroupByKey.create());
    PCollectionTuple out =
        joined.apply(
            "ResolveEnterprise",
            ParDo.of(new ResolveFn())
                .withOutputTags(FACTS, TupleTagList.of(KNOWN_INVESTMENT).and(REJECTS)));
    out.get(FACTS).setCoder(AvroCoder.of(EnterpriseFacts.class));
    out.get(KNOWN_INVESTMENT).setCoder(AvroCoder.of(Investment.class));
    out.get(REJECTS).setCoder(AvroCoder.of(Reject.class));
    return out;
  }

  private static <T extends org.apache.avro.specific.SpecificRecordBase>
      PCollection<KV<String, T>> key(PCollection<T> rows, String name, Class<T> type) {
    return rows.apply(
            "Key" + name,
            MapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptor.of(type)))
                .via((T r) -> KV.of((String) r.get("enterprise_id"), r)))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), AvroCoder.of(type)));
  }

  static final class ResolveFn extends DoFn<KV<String, CoGbkResult>, EnterpriseFacts> {
    @ProcessElement
    public void process(@Element KV<String, CoGbkResult> e, MultiOutputReceiver out) {
      CoGbkResult g = e.getValue();
      EnterpriseResolver.Result r =
          EnterpriseResolver.resolve(
              e.getKey(),
              g.getAll(REGISTER),
              g.getAll(PRODUCTION),
              g.getAll(RD),
              g.getAll(MILESTONES),
              g.getAll(INVESTMENT));
      for (InputFile f : InputFile.values()) {
        InputCounters.superseded(f, r.superseded[f.ordinal()]);
        InputCounters.collapsed(f, r.collapsed[f.ordinal()]);
      }
      if (r.facts != null) {
        out.get(FACTS).output(r.facts);
      }
      r.knownInvestment.forEach(out.get(KNOWN_INVESTMENT)::output);
      for (Reject rej : r.rejects) {
        InputCounters.rejected(InputCounters.fileOf(rej.getSourceFile()), Reason.valueOf(rej.getReason()))
            .inc();
        out.get(REJECTS).output(rej);
      }
    }
  }
}
