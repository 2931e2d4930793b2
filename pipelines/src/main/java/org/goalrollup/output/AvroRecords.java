package org.goalrollup.output;

import java.math.BigDecimal;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecordBase;

/**
 * Converts generated records to the generic form ParquetIO's writer accepts: decimals become their
 * two's-complement bytes (ParquetIO's Avro write support does not apply the decimal conversion to
 * BigDecimal fields, see BEAM-NOTES), everything else is copied as is.
 */
public final class AvroRecords {
  private static final Conversions.DecimalConversion DECIMAL = new Conversions.DecimalConversion();

  private AvroRecords() {}

  public static GenericRecord toGeneric(SpecificRecordBase r) {
    Schema schema = r.getSchema();
    GenericData.Record g = new GenericData.Record(schema);
    for (Schema.Field f : schema.getFields()) {
      Object v = r.get(f.pos());
      if (v instanceof BigDecimal d) {
        Schema s = decimalBranch(f.schema());
        v = DECIMAL.toBytes(d, s, s.getLogicalType());
      }
      g.put(f.pos(), v);
    }
    return g;
  }

  private static Schema decimalBranch(Schema s) {
    if (s.getType() == Schema.Type.UNION) {
      for (Schema b : s.getTypes()) {
        LogicalType t = b.getLogicalType();
        if (t instanceof LogicalTypes.Decimal) {
          return b;
        }
      }
    }
    return s;
  }
}
