package org.goalrollup.input;

import java.io.IOException;
import java.nio.charset.CharacterCodingException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.goalrollup.model.Reject;

/**
 * Reads one input CSV file and validates every row: well-formed, valid rows come out as typed
 * records under {@link #accepted()}, every other row as a {@link Reject} under {@link #rejects()}.
 */
public final class ParseCsvFile<T, A> extends PTransform<PBegin, PCollectionTuple> {
  private final String inputDir;
  private final InputFile file;
  private final String charset;
  private final RowParser<T> parser;
  private final Packer<T, A> packer;
  private final Coder<A> coder;
  private final TupleTag<A> accepted = new TupleTag<>() {};
  private final TupleTag<Reject> rejects = new TupleTag<>() {};

  /** Parses {@code file}; the accepted rows come out one element each. */
  public static <T> ParseCsvFile<T, T> of(
      String inputDir, InputFile file, String charset, RowParser<T> parser, Coder<T> coder) {
    return new ParseCsvFile<>(inputDir, file, charset, parser, Packer.rows(), coder);
  }

  /** Parses {@code file}; the accepted rows come out as {@code packer} packs them. */
  public ParseCsvFile(
      String inputDir,
      InputFile file,
      String charset,
      RowParser<T> parser,
      Packer<T, A> packer,
      Coder<A> coder) {
    this.packer = packer;
    this.inputDir = inputDir;
    this.file = file;
    this.charset = charset;
    this.parser = parser;
    this.coder = coder;
  }

  public TupleTag<A> accepted() {
    return accepted;
  }

  public TupleTag<Reject> rejects() {
    return rejects;
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple out =
        begin
            .apply("FileName", Create.of(inputDir).withCoder(StringUtf8Coder.of()))
            .apply(
                "ParseRows",
                ParDo.of(new ParseFileFn<>(file, charset, parser, packer, accepted, rejects))
                    .withOutputTags(accepted, TupleTagList.of(rejects)));
    out.get(accepted).setCoder(coder);
    out.get(rejects).setCoder(AvroCoder.specific(Reject.class));
    return out;
  }

  /** Parses the whole file in one call: CSV records can span lines, so a file is not split. */
  static final class ParseFileFn<T, A> extends DoFn<String, A> {
    private final InputFile file;
    private final String charset;
    private final RowParser<T> parser;
    private final Packer<T, A> packer;
    private final TupleTag<A> accepted;
    private final TupleTag<Reject> rejects;
    private final Counter read;
    private final Counter ok;

    ParseFileFn(
        InputFile file,
        String charset,
        RowParser<T> parser,
        Packer<T, A> packer,
        TupleTag<A> accepted,
        TupleTag<Reject> rejects) {
      this.packer = packer;
      this.file = file;
      this.charset = charset;
      this.parser = parser;
      this.accepted = accepted;
      this.rejects = rejects;
      this.read = Metrics.counter(InputCounters.NAMESPACE, InputCounters.read(file));
      this.ok = Metrics.counter(InputCounters.NAMESPACE, InputCounters.valid(file));
    }

    @ProcessElement
    public void process(@Element String inputDir, MultiOutputReceiver out) throws IOException {
      var id = CsvFiles.resolve(inputDir, file);
      try (CsvReader reader = CsvFiles.open(id, charset)) {
        Header header = CsvFiles.readHeader(reader, file);
        Packer.Packing<T, A> packing = packer.start();
        java.util.function.Consumer<A> emit = a -> out.get(accepted).output(a);
        long rows =
            CsvFiles.parse(
                reader,
                header,
                file,
                parser,
                t -> {
                  ok.inc();
                  packing.add(t, emit);
                },
                r -> {
                  InputCounters.rejected(file, r.reason()).inc();
                  out.get(rejects)
                      .output(
                          Records.reject(
                              file, r.record().line(), r.reason(), r.detail(), r.record().raw()));
                });
        packing.finish(emit);
        read.inc(rows);
      } catch (CharacterCodingException e) {
        throw new IOException(
            file.fileName()
                + ": bytes that are not valid "
                + charset
                + " (try --charset=GB18030 or --charset=UTF-8)",
            e);
      } catch (InputException e) {
        throw new IOException(e.getMessage(), e);
      }
    }
  }
}
