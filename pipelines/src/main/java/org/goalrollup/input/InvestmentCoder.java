package org.goalrollup.input;

import static org.goalrollup.stats.Amounts.cents;
import static org.goalrollup.stats.Amounts.decimal;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;
import org.goalrollup.model.Investment;
import org.goalrollup.model.InvestmentCategory;

/**
 * A compact coder for the investment rows, which are shuffled twice (checked against the register,
 * then grouped per project): text as UTF-8, numbers as variable-length integers, amounts as their
 * exact cents, the category as its ordinal and the flags in one byte. The profile at national scale
 * showed Avro's generic writer and decimal conversions as most of the cost of those shuffles.
 * Amounts must have at most 2 decimals, as the parser gives them.
 */
public final class InvestmentCoder extends CustomCoder<Investment> {
  private static final InvestmentCoder INSTANCE = new InvestmentCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();
  private static final InvestmentCategory[] CATEGORIES = InvestmentCategory.values();

  public static InvestmentCoder of() {
    return INSTANCE;
  }

  private InvestmentCoder() {}

  @Override
  public void encode(Investment r, OutputStream out) throws IOException {
    STRING.encode(r.getProjectId(), out);
    boolean hasEnterprise = r.getEnterpriseId() != null;
    out.write(
        (hasEnterprise ? 1 : 0) | (r.getHighTech() ? 2 : 0) | (r.getTechRenovation() ? 4 : 0));
    if (hasEnterprise) {
      STRING.encode(r.getEnterpriseId(), out);
    }
    STRING.encode(r.getDistrict(), out);
    STRING.encode(r.getIndustryCode(), out);
    VarInt.encode(r.getYear(), out);
    VarInt.encode(r.getMonth(), out);
    VarInt.encode(r.getCategory().ordinal(), out);
    ProductionCoder.signed(cents(r.getPlannedTotal()), out);
    ProductionCoder.signed(cents(r.getCompleted()), out);
    ProductionCoder.signed(r.getRevision(), out);
    VarInt.encode(r.getLineNumber(), out);
    STRING.encode(r.getRaw(), out);
    VarInt.encode(r.getLineCount(), out);
  }

  @Override
  public Investment decode(InputStream in) throws IOException {
    Investment r = new Investment();
    r.setProjectId(STRING.decode(in));
    int flags = in.read();
    if (flags < 0) {
      throw new EOFException("investment row cut short");
    }
    r.setEnterpriseId((flags & 1) != 0 ? STRING.decode(in) : null);
    r.setHighTech((flags & 2) != 0);
    r.setTechRenovation((flags & 4) != 0);
    r.setDistrict(STRING.decode(in));
    r.setIndustryCode(STRING.decode(in));
    r.setYear(VarInt.decodeInt(in));
    r.setMonth(VarInt.decodeInt(in));
    r.setCategory(CATEGORIES[VarInt.decodeInt(in)]);
    r.setPlannedTotal(decimal(ProductionCoder.signed(in)));
    r.setCompleted(decimal(ProductionCoder.signed(in)));
    r.setRevision(Math.toIntExact(ProductionCoder.signed(in)));
    r.setLineNumber(VarInt.decodeLong(in));
    r.setRaw(STRING.decode(in));
    r.setLineCount(VarInt.decodeInt(in));
    return r;
  }

  @Override
  public void verifyDeterministic() {}
}
