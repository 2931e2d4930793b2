package org.goalrollup.input;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.goalrollup.Packed;
import org.goalrollup.model.Enterprise;
import org.goalrollup.model.Investment;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.RdRecord;
import org.goalrollup.model.RegionRecord;
import org.goalrollup.model.Reject;

/**
 * Reads and validates every data file of the input folder (sectors and targets are read by {@link
 * Preflight}): one collection of valid typed records per file, and the parse rejects of all of
 * them. An absent optional file gives an empty collection.
 */
public final class ReadInputs {
  public final PCollection<Enterprise> enterprises;

  /** Production rows packed per shuffle bucket ({@link ProductionBatches}): the bulk of a run. */
  public final PCollection<KV<Integer, byte[]>> production;

  public final PCollection<Investment> investment;
  public final PCollection<RdRecord> rd;
  public final PCollection<RegionRecord> region;
  public final PCollection<Milestone> milestones;
  public final List<PCollection<Reject>> rejects = new ArrayList<>();

  private ReadInputs(
      Pipeline p, String inputDir, String charset, Set<InputFile> present, int buckets) {
    enterprises =
        read(
            p,
            inputDir,
            charset,
            present,
            InputFile.ENTERPRISES,
            RowParsers::enterprise,
            AvroCoder.specific(Enterprise.class));
    production =
        read(
            p,
            inputDir,
            charset,
            present,
            InputFile.PRODUCTION,
            RowParsers::production,
            new ProductionBatches(buckets),
            Packed.CODER);
    investment =
        read(
            p,
            inputDir,
            charset,
            present,
            InputFile.INVESTMENT,
            RowParsers::investment,
            InvestmentCoder.of());
    rd =
        read(
            p,
            inputDir,
            charset,
            present,
            InputFile.RD,
            RowParsers::rd,
            AvroCoder.specific(RdRecord.class));
    region =
        read(
            p,
            inputDir,
            charset,
            present,
            InputFile.REGION,
            RowParsers::region,
            AvroCoder.specific(RegionRecord.class));
    milestones =
        read(
            p,
            inputDir,
            charset,
            present,
            InputFile.MILESTONES,
            RowParsers::milestone,
            AvroCoder.specific(Milestone.class));
  }

  /** Reads the files of {@code inputDir}; production is packed for {@code buckets} buckets. */
  public static ReadInputs apply(
      Pipeline p, String inputDir, String charset, Set<InputFile> present, int buckets) {
    return new ReadInputs(p, inputDir, charset, present, buckets);
  }

  private <T extends SpecificRecordBase> PCollection<T> read(
      Pipeline p,
      String inputDir,
      String charset,
      Set<InputFile> present,
      InputFile file,
      RowParser<T> parser,
      Coder<T> coder) {
    return read(p, inputDir, charset, present, file, parser, Packer.rows(), coder);
  }

  private <T, A> PCollection<A> read(
      Pipeline p,
      String inputDir,
      String charset,
      Set<InputFile> present,
      InputFile file,
      RowParser<T> parser,
      Packer<T, A> packer,
      Coder<A> coder) {
    String name = "Parse" + camel(file);
    if (!present.contains(file)) {
      return p.apply(name + "Absent", Create.empty(coder));
    }
    ParseCsvFile<T, A> parse = new ParseCsvFile<>(inputDir, file, charset, parser, packer, coder);
    PCollectionTuple out = p.apply(name, parse);
    rejects.add(out.get(parse.rejects()));
    return out.get(parse.accepted());
  }

  private static String camel(InputFile f) {
    String n = f.name().toLowerCase(java.util.Locale.ROOT);
    return Character.toUpperCase(n.charAt(0)) + n.substring(1);
  }
}
