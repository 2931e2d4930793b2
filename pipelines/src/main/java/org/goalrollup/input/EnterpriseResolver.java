package org.goalrollup.input;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.specific.SpecificRecordBase;
import org.goalrollup.model.Enterprise;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Investment;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.Production;
import org.goalrollup.model.RdRecord;
import org.goalrollup.model.Reject;

/**
 * Pure resolution of everything that names one enterprise id: the register's own revisions first,
 * then UNKNOWN_ENTERPRISE for rows of other files if the id is not in the accepted register, then
 * the revision rule of production (per year and month) and rd (per year).
 */
public final class EnterpriseResolver {
  private EnterpriseResolver() {}

  /** What became of the rows of one enterprise id. */
  public static final class Result {
    public EnterpriseFacts facts;
    public final List<Investment> knownInvestment = new ArrayList<>();
    public final List<Reject> rejects = new ArrayList<>();
    public final long[] superseded = new long[InputFile.values().length];
    public final long[] collapsed = new long[InputFile.values().length];

    /** The physical lines of the rows accepted, per file (see {@link Revisions.Outcome}). */
    public final long[] acceptedLines = new long[InputFile.values().length];
  }

  public static Result resolve(
      String enterpriseId,
      Iterable<Enterprise> register,
      Iterable<Production> production,
      Iterable<RdRecord> rd,
      Iterable<Milestone> milestones,
      Iterable<Investment> investment) {
    Result out = new Result();
    Enterprise enterprise = null;
    if (register.iterator().hasNext()) {
      Revisions.Outcome<Enterprise> reg =
          Revisions.resolve(register, e -> "enterprise_id=" + e.getEnterpriseId());
      count(out, InputFile.ENTERPRISES, reg);
      enterprise = reg.inForce.isEmpty() ? null : reg.inForce.get(0);
    }
    if (enterprise == null) {
      String detail =
          "enterprise_id: '" + enterpriseId + "' is not in the accepted register (enterprises.csv)";
      unknown(out, InputFile.PRODUCTION, production, detail);
      unknown(out, InputFile.RD, rd, detail);
      unknown(out, InputFile.MILESTONES, milestones, detail);
      unknown(out, InputFile.INVESTMENT, investment, detail);
      return out;
    }
    investment.forEach(out.knownInvestment::add);
    Revisions.Outcome<Production> prod =
        Revisions.resolve(
            production,
            p ->
                "enterprise_id="
                    + enterpriseId
                    + " year="
                    + p.getYear()
                    + " month="
                    + p.getMonth());
    count(out, InputFile.PRODUCTION, prod);
    Revisions.Outcome<RdRecord> rdOut =
        Revisions.resolve(rd, r -> "enterprise_id=" + enterpriseId + " year=" + r.getYear());
    count(out, InputFile.RD, rdOut);

    List<Production> p = new ArrayList<>(prod.inForce);
    p.sort(Comparator.comparingInt(Production::getYear).thenComparingInt(Production::getMonth));
    List<RdRecord> r = new ArrayList<>(rdOut.inForce);
    r.sort(Comparator.comparingInt(RdRecord::getYear));
    List<Milestone> m = new ArrayList<>();
    milestones.forEach(m::add);
    for (Milestone x : m) {
      out.acceptedLines[InputFile.MILESTONES.ordinal()] += x.getLineCount();
    }
    m.sort(Comparator.comparingLong(Milestone::getLineNumber));
    out.facts =
        EnterpriseFacts.newBuilder()
            .setEnterprise(enterprise)
            .setProduction(p)
            .setRd(r)
            .setMilestones(m)
            .build();
    return out;
  }

  private static <T extends SpecificRecordBase> void unknown(
      Result out, InputFile file, Iterable<T> rows, String detail) {
    for (T row : rows) {
      out.rejects.add(Records.reject(file, row, Reason.UNKNOWN_ENTERPRISE, detail));
    }
  }

  static <T extends SpecificRecordBase> void count(
      Result out, InputFile file, Revisions.Outcome<T> o) {
    out.superseded[file.ordinal()] += o.superseded;
    out.collapsed[file.ordinal()] += o.collapsed;
    out.acceptedLines[file.ordinal()] += o.acceptedLines;
    out.rejects.addAll(Revisions.conflictRejects(file, o));
  }
}
