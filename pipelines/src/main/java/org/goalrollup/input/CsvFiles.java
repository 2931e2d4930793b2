package org.goalrollup.input;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;

/** Opening input files through Beam FileSystems (local, HDFS, object stores alike). */
public final class CsvFiles {
  private CsvFiles() {}

  public static ResourceId resolve(String inputDir, InputFile file) {
    return FileSystems.matchNewResource(inputDir, true)
        .resolve(
            file.fileName(),
            org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions.RESOLVE_FILE);
  }

  public static boolean exists(ResourceId id) throws IOException {
    MatchResult m = FileSystems.match(id.toString(), EmptyMatchTreatment.ALLOW);
    return m.status() == MatchResult.Status.OK && !m.metadata().isEmpty();
  }

  /** A reader that fails on bytes that are not valid in the charset instead of guessing. */
  public static CsvReader open(ResourceId id, String charset) throws IOException {
    ReadableByteChannel ch = FileSystems.open(id);
    Reader r =
        Channels.newReader(
            ch,
            Charset.forName(charset)
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT),
            -1);
    return new CsvReader(new BufferedReader(r, 1 << 16));
  }

  /** Reads the header (the first record) of a file, failing with file/line/column if unusable. */
  public static Header readHeader(CsvReader reader, InputFile file)
      throws IOException, InputException {
    CsvRecord first = reader.next();
    if (first == null) {
      throw new InputException(file.fileName() + ": line 1: the file is empty (no header)");
    }
    if (first.isMalformed()) {
      throw new InputException(
          file.fileName()
              + ": line "
              + first.line()
              + ": header is malformed: "
              + first.malformed());
    }
    return Header.of(file.fileName(), first.fields(), file.columns());
  }

  /** Fails if a required column is missing from the header. */
  public static void checkColumns(Header header, InputFile file) throws InputException {
    List<String> missing = new ArrayList<>();
    for (String c : file.requiredColumns()) {
      if (!header.has(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException(
          file.fileName()
              + ": line 1: required column"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing)
              + " missing from the header");
    }
  }

  /**
   * Reads every data record of a file and hands each to {@code accept} or {@code reject}, so that
   * nothing is lost. Field-count mismatches and broken quoting are MALFORMED_ROW.
   */
  public static <T> long parse(
      CsvReader reader,
      Header header,
      InputFile file,
      RowParser<T> parser,
      Consumer<T> accept,
      Consumer<RejectedRow> reject)
      throws IOException {
    long rows = 0;
    CsvRecord rec;
    while ((rec = reader.next()) != null) {
      rows++;
      if (rec.isMalformed()) {
        reject.accept(new RejectedRow(rec, Reason.MALFORMED_ROW, null, "row: " + rec.malformed()));
        continue;
      }
      if (rec.fields().size() != header.size()) {
        reject.accept(
            new RejectedRow(
                rec,
                Reason.MALFORMED_ROW,
                null,
                "row: " + rec.fields().size() + " fields where the header has " + header.size()));
        continue;
      }
      try {
        accept.accept(parser.parse(new Row(header, rec)));
      } catch (RowRejected e) {
        reject.accept(new RejectedRow(rec, e.reason(), e.column(), e.detail()));
      }
    }
    return rows;
  }

  /** A row rejected while parsing, with the column at fault (null for row-level faults). */
  public record RejectedRow(CsvRecord record, Reason reason, String column, String detail) {}
}
