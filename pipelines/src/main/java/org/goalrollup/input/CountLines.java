package org.goalrollup.input;

import org.apache.avro.specific.SpecificRecordBase;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.goalrollup.model.Reject;

/**
 * Steps of the line accounting that pass their records on unchanged and count their lines: the
 * rejected lines per file over the final rejects collection ({@link #rejected()}), and the accepted
 * lines of records that no resolution step counts ({@link #accepted}: milestones without an
 * enterprise).
 */
public final class CountLines<T extends SpecificRecordBase>
    extends PTransform<PCollection<T>, PCollection<T>> {
  private final DoFn<T, T> count;

  private CountLines(DoFn<T, T> count) {
    this.count = count;
  }

  /** Counts the lines of each reject under its file, as {@link InputCounters.Lines#REJECTED}. */
  public static CountLines<Reject> rejected() {
    return new CountLines<>(new RejectedFn());
  }

  /** Counts the lines of each record as accepted lines of {@code file}. */
  public static <T extends SpecificRecordBase> CountLines<T> accepted(InputFile file) {
    return new CountLines<>(new AcceptedFn<>(file));
  }

  @Override
  public PCollection<T> expand(PCollection<T> records) {
    return records.apply("Count", ParDo.of(count)).setCoder(records.getCoder());
  }

  static final class RejectedFn extends DoFn<Reject, Reject> {
    @ProcessElement
    public void process(@Element Reject r, OutputReceiver<Reject> out) {
      InputCounters.Lines.REJECTED.add(InputCounters.fileOf(r.getSourceFile()), r.getLineCount());
      out.output(r);
    }
  }

  static final class AcceptedFn<T extends SpecificRecordBase> extends DoFn<T, T> {
    private final InputFile file;

    AcceptedFn(InputFile file) {
      this.file = file;
    }

    @ProcessElement
    public void process(@Element T r, OutputReceiver<T> out) {
      InputCounters.acceptedLines(file, Records.lineCount(r));
      out.output(r);
    }
  }
}
