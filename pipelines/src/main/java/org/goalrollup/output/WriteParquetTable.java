package org.goalrollup.output;

import java.io.IOException;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.specific.SpecificRecordBase;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.io.parquet.ParquetIO;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Values;
import org.apache.beam.sdk.util.MimeTypes;
import org.apache.beam.sdk.values.PCollection;
import org.goalrollup.Packed;

/**
 * Writes a table as one Parquet file through {@link ParquetIO#sink}, rows sorted by a fixed order
 * so that two runs on the same inputs write the same rows in the same order. Records go in; the
 * path of the written file comes out. The rows are collected packed per bundle ({@link Packed}). An
 * empty table still gets a file (with the schema and no rows), so readers never find the folder
 * empty.
 */
public final class WriteParquetTable<T extends SpecificRecordBase>
    extends PTransform<PCollection<T>, PCollection<String>> {
  /** Metrics namespace of the rows-written counters ({@code <table>.rows}). */
  public static final String OUTPUT_NAMESPACE = "output";

  /** The name of the one file of a table, in the table's folder. */
  public static final String FILE = "part-00000.parquet";

  private final String directory;
  private final Schema schema;
  private final Comparator<T> order;

  public WriteParquetTable(String directory, Schema schema, SerializableComparator<T> order) {
    this.directory = directory;
    this.schema = schema;
    this.order = order;
  }

  /** A comparator that can travel with the transform. */
  public interface SerializableComparator<T> extends Comparator<T>, Serializable {}

  @Override
  public PCollection<String> expand(PCollection<T> rows) {
    Coder<T> coder = rows.getCoder();
    return rows.apply("PackRows", ParDo.of(Packed.perBundle(coder, r -> 0, 1)))
        .setCoder(Packed.CODER)
        .apply("Arrays", Values.create())
        .apply("CollectArrays", Combine.globally(new ToListFn<>(ByteArrayCoder.of())))
        .setCoder(ListCoder.of(ByteArrayCoder.of()))
        .apply("WriteFile", ParDo.of(new WriteFn<>(directory, schema.toString(), order, coder)));
  }

  /** The table name: the last segment of its folder. */
  static String name(String directory) {
    String d = directory.endsWith("/") ? directory.substring(0, directory.length() - 1) : directory;
    return d.substring(d.lastIndexOf('/') + 1);
  }

  static final class ToListFn<T> extends Combine.CombineFn<T, List<T>, List<T>> {
    private final Coder<T> coder;

    ToListFn(Coder<T> coder) {
      this.coder = coder;
    }

    @Override
    public List<T> createAccumulator() {
      return new ArrayList<>();
    }

    @Override
    public List<T> addInput(List<T> acc, T input) {
      acc.add(input);
      return acc;
    }

    @Override
    public List<T> mergeAccumulators(Iterable<List<T>> accs) {
      List<T> out = new ArrayList<>();
      accs.forEach(out::addAll);
      return out;
    }

    @Override
    public List<T> extractOutput(List<T> acc) {
      return acc;
    }

    @Override
    public Coder<List<T>> getAccumulatorCoder(CoderRegistry registry, Coder<T> inputCoder) {
      return ListCoder.of(coder);
    }
  }

  static final class WriteFn<T extends SpecificRecordBase> extends DoFn<List<byte[]>, String> {
    private final String directory;
    private final String schemaJson;
    private final Comparator<T> order;
    private final Coder<T> coder;

    WriteFn(String directory, String schemaJson, Comparator<T> order, Coder<T> coder) {
      this.directory = directory;
      this.schemaJson = schemaJson;
      this.order = order;
      this.coder = coder;
    }

    @ProcessElement
    public void process(@Element List<byte[]> packed, OutputReceiver<String> out)
        throws IOException {
      List<T> sorted = new ArrayList<>();
      for (byte[] array : packed) {
        sorted.addAll(Packed.unpack(array, coder));
      }
      sorted.sort(order);
      Schema schema = new Schema.Parser().parse(schemaJson);
      ResourceId file =
          FileSystems.matchNewResource(directory, true)
              .resolve(
                  FILE,
                  org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
      Path runFolder = Path.of(directory).getParent();
      if (runFolder != null && !Files.isDirectory(runFolder)) {
        // never let the write re-create a run folder that a failed run has removed
        throw new IOException(
            "cannot write "
                + file
                + ": the run folder "
                + runFolder
                + " is not there (the run has failed, or on a cluster this worker does not see"
                + " --output at the same path as the driver: see docs/cluster.md)");
      }
      ParquetIO.Sink sink = ParquetIO.sink(schema);
      try (var channel = FileSystems.create(file, MimeTypes.BINARY)) {
        sink.open(channel);
        for (T r : sorted) {
          GenericRecord g = AvroRecords.toGeneric(r);
          sink.write(g);
        }
        sink.flush();
      } catch (IOException e) {
        // "No space left on device" alone does not say where: name the file
        String message = String.valueOf(e.getMessage());
        throw message.contains(file.toString())
            ? e
            : new IOException("cannot write " + file + ": " + message, e);
      }
      org.apache.beam.sdk.metrics.Metrics.counter(OUTPUT_NAMESPACE, name(directory) + ".rows")
          .inc(sorted.size());
      out.output(file.toString());
    }
  }
}
