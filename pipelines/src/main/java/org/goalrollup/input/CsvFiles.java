package org.goalrollup.input;

import java.io.BufferedReader;
import java.io.EOFException;
import java.io.IOException;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
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

  /**
   * Whether the file is there. A local file is looked up as it is named: Beam's match would read
   * the name as a glob (so {@code [}, {@code *} or {@code ?} in a folder name would not be found)
   * and, for a name that is not there, walk the whole tree under its folder.
   */
  public static boolean exists(ResourceId id) throws IOException {
    java.nio.file.Path local = SourceFiles.localPath(id);
    if (local != null) {
      return java.nio.file.Files.exists(local);
    }
    MatchResult m = FileSystems.match(id.toString(), EmptyMatchTreatment.ALLOW);
    return m.status() == MatchResult.Status.OK && !m.metadata().isEmpty();
  }

  /** A reader that fails on bytes that are not valid in the charset instead of guessing. */
  public static CsvReader open(ResourceId id, String charset) throws IOException {
    return reader(FileSystems.open(id), charset, 1, true, CsvReader.UNKNOWN_FIELDS);
  }

  /**
   * A reader of one chunk of a file (see {@link CsvSplitter}), as strict as {@link #open}: it reads
   * the bytes from {@code chunk.start()} to {@code chunk.end()} only and counts lines from {@code
   * chunk.firstLine()}, with the header's field count the scan found. A byte-order mark is ignored
   * only at the start of the file.
   */
  static CsvReader openChunk(ResourceId id, String charset, CsvSplitter.Chunk chunk)
      throws IOException {
    return openChunk(FileSystems.open(id), charset, chunk);
  }

  /** {@link #openChunk(ResourceId, String, CsvSplitter.Chunk)} on a channel at the file start. */
  static CsvReader openChunk(ReadableByteChannel file, String charset, CsvSplitter.Chunk chunk)
      throws IOException {
    try {
      if (file instanceof SeekableByteChannel seekable) {
        seekable.position(chunk.start());
      } else {
        skip(file, chunk.start());
      }
    } catch (IOException | RuntimeException e) {
      file.close();
      throw e;
    }
    return reader(
        new RangeChannel(file, chunk.end() - chunk.start()),
        charset,
        chunk.firstLine(),
        chunk.start() == 0,
        chunk.headerFields());
  }

  private static CsvReader reader(
      ReadableByteChannel ch,
      String charset,
      long firstLine,
      boolean atFileStart,
      int headerFields) {
    Reader r =
        Channels.newReader(
            ch,
            Charset.forName(charset)
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT),
            -1);
    return new CsvReader(new BufferedReader(r, 1 << 16), firstLine, atFileStart, headerFields);
  }

  /** Reads and drops {@code n} bytes, for a file system whose channels cannot seek. */
  private static void skip(ReadableByteChannel ch, long n) throws IOException {
    ByteBuffer scratch = ByteBuffer.allocate(1 << 16);
    long left = n;
    while (left > 0) {
      scratch.clear();
      if (left < scratch.capacity()) {
        scratch.limit((int) left);
      }
      int got = ch.read(scratch);
      if (got < 0) {
        throw new EOFException(
            "the file ended before byte " + n + " (was it changed while it was being read?)");
      }
      left -= got;
    }
  }

  /** The next {@code left} bytes of a channel, then end of input; closing closes the channel. */
  private static final class RangeChannel implements ReadableByteChannel {
    private final ReadableByteChannel in;
    private long left;

    RangeChannel(ReadableByteChannel in, long length) {
      this.in = in;
      this.left = length;
    }

    @Override
    public int read(ByteBuffer dst) throws IOException {
      if (left <= 0) {
        return -1;
      }
      int n;
      if (dst.remaining() <= left) {
        n = in.read(dst);
      } else {
        ByteBuffer part = dst.slice();
        part.limit((int) left);
        n = in.read(part);
        if (n > 0) {
          dst.position(dst.position() + n);
        }
      }
      if (n > 0) {
        left -= n;
      }
      return n;
    }

    @Override
    public boolean isOpen() {
      return in.isOpen();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }

  /**
   * The physical, blank and header lines of a file, counted as the parse of a pipeline input counts
   * them ({@link CsvSplitter#scan}).
   */
  public record Lines(long physical, long blank, long header) {}

  /** Counts the lines of a file in {@code charset} (UTF-8 or GB18030). */
  public static Lines countLines(ResourceId id, String charset) throws IOException {
    try (ReadableByteChannel ch = FileSystems.open(id)) {
      CsvSplitter.Scan scan = CsvSplitter.scan(ch, charset, Long.MAX_VALUE);
      return new Lines(scan.physicalLines(), scan.blankLines(), scan.headerLines());
    }
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
    return Header.of(file.fileName(), first.line(), first.fields(), file.columns());
  }

  /**
   * Fails if a required column is missing from the header, or if a header name differs from a
   * column of the contract only by what a human cannot see (spaces, a byte-order mark) or by letter
   * case: such a column would silently be taken as absent.
   */
  public static void checkColumns(Header header, InputFile file) throws InputException {
    String lookalike = HeaderNames.lookalike(header, file.fileName(), file.columns());
    if (lookalike != null) {
      throw new InputException(lookalike);
    }
    List<String> missing = new ArrayList<>();
    for (String c : file.requiredColumns()) {
      if (!header.has(c)) {
        missing.add(c);
      }
    }
    if (!missing.isEmpty()) {
      throw new InputException(
          file.fileName()
              + ": line "
              + header.line()
              + ": required column"
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
        T parsed = parser.parse(new Row(header, rec));
        if (rec.lines() > 1) {
          Records.setLineCount(parsed, rec.lines());
        }
        accept.accept(parsed);
      } catch (RowRejected e) {
        reject.accept(new RejectedRow(rec, e.reason(), e.column(), e.detail()));
      }
    }
    return rows;
  }

  /** A row rejected while parsing, with the column at fault (null for row-level faults). */
  public record RejectedRow(CsvRecord record, Reason reason, String column, String detail) {}
}
