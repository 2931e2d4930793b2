package org.goalrollup.input;

import java.io.IOException;
import java.io.Serializable;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.goalrollup.model.Reject;

/**
 * Reads one input CSV file and validates every row: well-formed, valid rows come out as typed
 * records under {@link #accepted()}, every other row as a {@link Reject} under {@link #rejects()}.
 *
 * <p>A large file is parsed in chunks in parallel: one step reads the header and finds, in one
 * byte-level pass, where the data records can be cut into chunks of about {@link #withChunkBytes
 * chunkBytes} ({@link CsvSplitter}); a GroupByKey on the chunk's number makes each chunk an element
 * of its own, which the direct runner hands to its worker threads as a bundle of its own; the last
 * step parses one chunk. The records, their line numbers and raw text, the rejects and the counters
 * are those of a parse of the whole file. A file smaller than a chunk is one chunk.
 */
public final class ParseCsvFile<T, A> extends PTransform<PBegin, PCollectionTuple> {
  private final String inputDir;
  private final InputFile file;
  private final String charset;
  private final RowParser<T> parser;
  private final Packer<T, A> packer;
  private final Coder<A> coder;

  /** Chunk size from the file's size ({@link CsvSplitter#chunkBytes}). */
  private static final long AUTOMATIC = 0;

  private final long chunkBytes;
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
    this(inputDir, file, charset, parser, packer, coder, AUTOMATIC);
  }

  private ParseCsvFile(
      String inputDir,
      InputFile file,
      String charset,
      RowParser<T> parser,
      Packer<T, A> packer,
      Coder<A> coder,
      long chunkBytes) {
    this.packer = packer;
    this.inputDir = inputDir;
    this.file = file;
    this.charset = charset;
    this.parser = parser;
    this.coder = coder;
    this.chunkBytes = chunkBytes;
  }

  /**
   * The same parse with chunks of about {@code chunkBytes} of the file each (by default {@link
   * CsvSplitter#chunkBytes} from the file's size and the worker's cores); tests use tiny chunks.
   * Use the tags of the returned transform.
   */
  public ParseCsvFile<T, A> withChunkBytes(long chunkBytes) {
    if (chunkBytes < 1) {
      throw new IllegalArgumentException("chunkBytes must be positive, not " + chunkBytes);
    }
    return new ParseCsvFile<>(inputDir, file, charset, parser, packer, coder, chunkBytes);
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
            .apply("FindChunks", ParDo.of(new FindChunksFn(file, charset, chunkBytes)))
            .setCoder(KvCoder.of(VarIntCoder.of(), SerializableCoder.of(FileChunk.class)))
            .apply("SpreadChunks", GroupByKey.create())
            .apply(
                "ParseRows",
                ParDo.of(new ParseChunkFn<>(file, charset, parser, packer, accepted, rejects))
                    .withOutputTags(accepted, TupleTagList.of(rejects)));
    out.get(accepted).setCoder(coder);
    out.get(rejects).setCoder(AvroCoder.specific(Reject.class));
    return out;
  }

  /**
   * One chunk of a file on its way to the parse: where the file is, its header (read and checked
   * once) and the byte range. A few of these per file, so Java serialization is good enough.
   */
  record FileChunk(String inputDir, Header header, CsvSplitter.Chunk chunk)
      implements Serializable {}

  /**
   * Reads the header of the file (failing the run if it is unusable, as before any row is read) and
   * cuts the data records into chunks, keyed by their number. Counts the file's data rows: the scan
   * counts the records, and each chunk's parse checks that it finds as many. Counts the file's
   * physical lines (over its bytes), blank lines and header lines for the line accounting.
   */
  static final class FindChunksFn extends DoFn<String, KV<Integer, FileChunk>> {
    private final InputFile file;
    private final String charset;
    private final long chunkBytes;
    private final Counter read;

    FindChunksFn(InputFile file, String charset, long chunkBytes) {
      this.file = file;
      this.charset = charset;
      this.chunkBytes = chunkBytes;
      this.read = Metrics.counter(InputCounters.NAMESPACE, InputCounters.read(file));
    }

    @ProcessElement
    public void process(@Element String inputDir, OutputReceiver<KV<Integer, FileChunk>> out)
        throws IOException {
      ResourceId id = CsvFiles.resolve(inputDir, file);
      Header header;
      try (CsvReader reader = CsvFiles.open(id, charset)) {
        header = CsvFiles.readHeader(reader, file);
      } catch (CharacterCodingException e) {
        throw InvalidBytes.exception(id, file.fileName(), charset, e);
      } catch (InputException e) {
        throw new IOException(e.getMessage(), e);
      }
      long size = chunkBytes;
      if (size == AUTOMATIC) {
        long fileBytes = FileSystems.matchSingleFileSpec(id.toString()).sizeBytes();
        size = CsvSplitter.chunkBytes(fileBytes, Runtime.getRuntime().availableProcessors());
      }
      CsvSplitter.Scan scan;
      try (ReadableByteChannel ch = FileSystems.open(id)) {
        scan = CsvSplitter.scan(ch, charset, size);
      }
      InputCounters.Lines.PHYSICAL.add(file, scan.physicalLines());
      InputCounters.Lines.BLANK.add(file, scan.blankLines());
      InputCounters.Lines.HEADER.add(file, scan.headerLines());
      List<CsvSplitter.Chunk> chunks = scan.chunks();
      long rows = 0;
      for (int i = 0; i < chunks.size(); i++) {
        rows += chunks.get(i).records();
        out.output(KV.of(i, new FileChunk(inputDir, header, chunks.get(i))));
      }
      read.inc(rows);
    }
  }

  /** Parses the chunks of a file, one packing each, finished at the end of the chunk. */
  static final class ParseChunkFn<T, A> extends DoFn<KV<Integer, Iterable<FileChunk>>, A> {
    private final InputFile file;
    private final String charset;
    private final RowParser<T> parser;
    private final Packer<T, A> packer;
    private final TupleTag<A> accepted;
    private final TupleTag<Reject> rejects;
    private final Counter ok;

    ParseChunkFn(
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
      this.ok = Metrics.counter(InputCounters.NAMESPACE, InputCounters.valid(file));
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<FileChunk>> chunks, MultiOutputReceiver out)
        throws IOException {
      for (FileChunk c : chunks.getValue()) {
        parse(c, out);
      }
    }

    private void parse(FileChunk c, MultiOutputReceiver out) throws IOException {
      ResourceId id = CsvFiles.resolve(c.inputDir(), file);
      CsvSplitter.Chunk chunk = c.chunk();
      try (CsvReader reader = CsvFiles.openChunk(id, charset, chunk)) {
        Packer.Packing<T, A> packing = packer.start();
        Consumer<A> emit = a -> out.get(accepted).output(a);
        long rows =
            CsvFiles.parse(
                reader,
                c.header(),
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
                              file,
                              r.record().line(),
                              r.record().lines(),
                              r.reason(),
                              r.detail(),
                              r.record().raw()));
                });
        packing.finish(emit);
        if (rows != chunk.records() || reader.line() != chunk.endLine()) {
          throw new IllegalStateException(
              file.fileName()
                  + ": line "
                  + chunk.firstLine()
                  + ": the chunk of bytes "
                  + chunk.start()
                  + " to "
                  + chunk.end()
                  + " holds "
                  + rows
                  + " records up to line "
                  + reader.line()
                  + " where the scan of the file found "
                  + chunk.records()
                  + " up to line "
                  + chunk.endLine()
                  + " (a bug in CsvSplitter, or the file changed during the run)");
        }
      } catch (CharacterCodingException e) {
        throw InvalidBytes.exception(id, file.fileName(), charset, e);
      }
    }
  }
}
