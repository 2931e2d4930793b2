package org.goalrollup.input;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.util.VarInt;
import org.goalrollup.model.Production;

/**
 * A compact coder for the production rows, the bulk of every run: ids and text as UTF-8, numbers as
 * variable-length integers, the amounts (longs of cents) zig-zag encoded. It writes no more bytes
 * than {@code AvroCoder} and does without the generic datum writer's walk of the schema, which
 * matters because the shuffle that groups the rows per enterprise encodes and decodes each of them.
 */
public final class ProductionCoder extends CustomCoder<Production> {
  private static final ProductionCoder INSTANCE = new ProductionCoder();
  private static final StringUtf8Coder STRING = StringUtf8Coder.of();

  public static ProductionCoder of() {
    return INSTANCE;
  }

  private ProductionCoder() {}

  @Override
  public void encode(Production p, OutputStream out) throws IOException {
    STRING.encode(p.getEnterpriseId(), out);
    VarInt.encode(p.getYear(), out);
    VarInt.encode(p.getMonth(), out);
    out.write(p.getAboveScale() ? 1 : 0);
    signed(p.getOutputValue(), out);
    signed(p.getValueAdded(), out);
    signed(p.getRevenue(), out);
    signed(p.getEmployees(), out);
    signed(p.getRevision(), out);
    VarInt.encode(p.getLineNumber(), out);
    STRING.encode(p.getRaw(), out);
    VarInt.encode(p.getLineCount(), out);
  }

  @Override
  public Production decode(InputStream in) throws IOException {
    Production p = new Production();
    p.setEnterpriseId(STRING.decode(in));
    p.setYear(VarInt.decodeInt(in));
    p.setMonth(VarInt.decodeInt(in));
    int flag = in.read();
    if (flag < 0) {
      throw new java.io.EOFException("production row cut short");
    }
    p.setAboveScale(flag == 1);
    p.setOutputValue(signed(in));
    p.setValueAdded(signed(in));
    p.setRevenue(signed(in));
    p.setEmployees(signed(in));
    p.setRevision(Math.toIntExact(signed(in)));
    p.setLineNumber(VarInt.decodeLong(in));
    p.setRaw(STRING.decode(in));
    p.setLineCount(VarInt.decodeInt(in));
    return p;
  }

  @Override
  public void verifyDeterministic() {}

  /** Zig-zag, so that small negative numbers stay short. */
  static void signed(long v, OutputStream out) throws IOException {
    VarInt.encode((v << 1) ^ (v >> 63), out);
  }

  static long signed(InputStream in) throws IOException {
    long z = VarInt.decodeLong(in);
    return (z >>> 1) ^ -(z & 1);
  }
}
