package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.NonWritableChannelException;
import java.nio.channels.ReadableByteChannel;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.goalrollup.input.CsvSplitter.Chunk;
import org.junit.jupiter.api.Test;

/**
 * {@link CsvSplitter}: chunks cut only where a record starts, and reading the chunks one by one
 * gives exactly the records of the whole file. The differential tests compare against {@link
 * CsvReader} reading the whole input through its own strict decoder, on random inputs built from
 * the characters that steer the reader.
 */
class CsvSplitterTest {
  private static final Charset GB18030 = Charset.forName("GB18030");

  // ---- Chunk size ----

  @Test
  void twoChunksPerCoreForALargeFileAndNoneUnderTheMinimum() {
    long mb = 1L << 20;
    // the national production file (437,376,684 bytes) on 2 cores: 4 chunks
    assertEquals(109_344_171L, CsvSplitter.chunkBytes(437_376_684L, 2));
    assertEquals(CsvSplitter.MIN_CHUNK_BYTES, CsvSplitter.chunkBytes(20 * mb, 2));
    assertEquals(CsvSplitter.MIN_CHUNK_BYTES, CsvSplitter.chunkBytes(0, 2));
    assertEquals(10 * mb, CsvSplitter.chunkBytes(160 * mb, 8));
  }

  // ---- Hand-computed chunks ----

  @Test
  void cutsOnlyAfterTheLineBreakThatEndsARecord() throws IOException {
    // offsets: "h,i\n" 0-3 (line 1) | "a,1\n" 4-7 (line 2) | "\n" 8 (blank line 3)
    //          | "b,\"x\ny\"\n" 9-16 (lines 4-5) | "c,2" 17-19 (line 6)
    String text = "h,i\na,1\n\nb,\"x\ny\"\nc,2";
    assertEquals(
        List.of(
            new Chunk(4, 8, 2, 3, 1, 2), // a,1
            new Chunk(8, 17, 3, 6, 1, 2), // the blank line, then b over two lines
            new Chunk(17, 20, 6, 6, 1, 2)), // c,2, no final line break
        chunks(text, StandardCharsets.UTF_8, 1));
    // 5 bytes or more per chunk: the first chunk reaches 5 bytes only with its second record.
    assertEquals(
        List.of(new Chunk(4, 17, 2, 6, 2, 2), new Chunk(17, 20, 6, 6, 1, 2)),
        chunks(text, StandardCharsets.UTF_8, 5));
    assertEquals(List.of(new Chunk(4, 20, 2, 6, 3, 2)), chunks(text, StandardCharsets.UTF_8, 1000));
  }

  @Test
  void aQuotedLineBreakIsNotACut() throws IOException {
    // "h\r\n" 0-2 | "\"1\r\n2\"\"\r3\"\r" 3-13: one record over lines 2-4 (CRLF counts once,
    // a lone CR once), ended by a lone CR | "x\r\n" 14-16 (line 5)
    String text = "h\r\n\"1\r\n2\"\"\r3\"\rx\r\n";
    assertEquals(
        List.of(new Chunk(3, 14, 2, 5, 1, 1), new Chunk(14, 17, 5, 6, 1, 1)),
        chunks(text, StandardCharsets.UTF_8, 1));
  }

  /**
   * A record that breaks after its first line is that line, and the next record starts on the line
   * after it, although an odd number of quotes lies before that place: the quote state at a cut is
   * the reader's, not the parity of the quotes.
   */
  @Test
  void aRecordBrokenAfterItsFirstLineIsThatLine() throws IOException {
    // "h\n" 0-1 | "\"a\n" 2-4 (line 2) | "b\"c\n" 5-8 (line 3) | "d\n" 9-10 (line 4). The quote
    // opened on line 2 closes on line 3 before "c": text after a closing quote, so line 2 alone
    // is broken; line 3 has a quote inside an unquoted field; d is a record. The reader looked at
    // "c" (offset 7) to break line 2, so the first cut can only come after line 3 (offset 9).
    assertEquals(
        List.of(new Chunk(2, 9, 2, 4, 2, 1), new Chunk(9, 11, 4, 5, 1, 1)),
        chunks("h\n\"a\nb\"c\nd\n", StandardCharsets.UTF_8, 1));
    // a quote never closed costs its line, and the reader looked up to the end of the file:
    // "\"a\n" 2-4 | "b\n" 5-6 | "c\n" 7-8, one chunk
    assertEquals(
        List.of(new Chunk(2, 9, 2, 5, 3, 1)), chunks("h\n\"a\nb\nc\n", StandardCharsets.UTF_8, 1));
    // well quoted over two lines but 3 fields where the header has 2: "h,i\n" 0-3 |
    // "\"a\n" 4-6 | "b\",c,d\n" 7-13 | "e,f\n" 14-17; the reader saw the line break at 13
    assertEquals(
        List.of(new Chunk(4, 14, 2, 4, 2, 2), new Chunk(14, 18, 4, 5, 1, 2)),
        chunks("h,i\n\"a\nb\",c,d\ne,f\n", StandardCharsets.UTF_8, 1));
    // a quote inside an unquoted field breaks the record on its first line: "h\n" 0-1 |
    // "a\"b\n" 2-5 | "c\n" 6-7
    assertEquals(
        List.of(new Chunk(2, 6, 2, 3, 1, 1), new Chunk(6, 8, 3, 4, 1, 1)),
        chunks("h\na\"b\nc\n", StandardCharsets.UTF_8, 1));
  }

  @Test
  void aQuotedFieldOverMoreLinesThanARecordMayCoverIsAStrayQuote() throws IOException {
    int max = CsvReader.MAX_RECORD_LINES;
    // "h\n" (2 bytes), then a record of exactly max lines: "\"" + (max - 1) x "x\n" + "\"\n"
    String fits = "h\n\"" + "x\n".repeat(max - 1) + "\"\nz\n";
    int recordEnd = 2 + 1 + 2 * (max - 1) + 2;
    assertEquals(
        List.of(
            new Chunk(2, recordEnd, 2, 2 + max, 1, 1),
            new Chunk(recordEnd, recordEnd + 2, 2 + max, 3 + max, 1, 1)),
        chunks(fits, StandardCharsets.UTF_8, 1));
    // one line more: the quote opened at offset 2 runs over max "x\n" lines, the k-th ending
    // with the LF at 2k + 2; the reader gives up at the max-th (line 2 + max) and looked at
    // offsets up to 2 max + 2. Line 2 ("\"x\n", 2-4) is broken; lines 3 to max + 1 ("x\n" each,
    // ending at 2 line + 1) are records, and so are the lines of z after them; the first cut
    // comes after the first z (line max + 2, ending at 2 max + 5).
    String tooLong = "h\n\"" + "x\n".repeat(max) + "z\n".repeat(3);
    List<Chunk> chunks = chunks(tooLong, StandardCharsets.UTF_8, 1);
    assertEquals(
        List.of(
            new Chunk(2, 2 * max + 5, 2, max + 3, max + 1, 1),
            new Chunk(2 * max + 5, 2 * max + 7, max + 3, max + 4, 1, 1),
            new Chunk(2 * max + 7, 2 * max + 9, max + 4, max + 5, 1, 1)),
        chunks);
  }

  @Test
  void theByteOrderMarkIsSkippedOnlyAtTheStartOfTheFile() throws IOException {
    // With the mark skipped, the header is a quoted field over lines 1-2 and x is on line 3. Were
    // the mark text, the quote would be inside an unquoted field, and the header would be its
    // first line only.
    byte[] utf8 = bytes("\uFEFF\"h\nh\"\nx\n", StandardCharsets.UTF_8);
    assertEquals(List.of(new Chunk(9, 11, 3, 4, 1, 1)), chunks(utf8, "UTF-8", 1));
    byte[] gb = bytes("\uFEFF\"h\nh\"\nx\n", GB18030);
    assertEquals("8431953322", HexFormat.of().formatHex(gb, 0, 5));
    assertEquals(List.of(new Chunk(10, 12, 3, 4, 1, 1)), chunks(gb, "GB18030", 1));
    // A lone mark before a line break is a one-field record in the middle of a file.
    assertEquals(
        List.of(new Chunk(2, 6, 2, 3, 1, 1), new Chunk(6, 8, 3, 4, 1, 1)),
        chunks(bytes("h\n\uFEFF\nb\n", StandardCharsets.UTF_8), "UTF-8", 1));
  }

  @Test
  void trailingBlankLinesStayInTheLastChunk() throws IOException {
    assertEquals(
        List.of(new Chunk(2, 4, 2, 3, 1, 1), new Chunk(4, 9, 3, 6, 1, 1)),
        chunks("h\na\nb\n\r\n\r", StandardCharsets.UTF_8, 1));
  }

  @Test
  void aHeaderWithoutDataIsOneEmptyChunkAndAnEmptyFileHasNone() throws IOException {
    assertEquals(List.of(new Chunk(2, 2, 2, 2, 0, 1)), chunks("h\n", StandardCharsets.UTF_8, 1));
    assertEquals(List.of(new Chunk(1, 1, 1, 1, 0, 1)), chunks("h", StandardCharsets.UTF_8, 1));
    assertEquals(List.of(), chunks("\n\r\n", StandardCharsets.UTF_8, 1));
    assertEquals(List.of(), chunks("", StandardCharsets.UTF_8, 1));
  }

  // ---- Line accounting, counted by hand ----

  @Test
  void theScanCountsPhysicalBlankAndHeaderLines() throws IOException {
    // line 1 "h,i" CRLF (header) | 2 blank CRLF | 3-4 "a,\"x" LF "y\"" LF (one record) | 5 blank
    // LF | 6 "b" lone CR | 7 "c,d" without a line break. The mark is no line.
    CsvSplitter.Scan scan = scan("\uFEFFh,i\r\n\r\na,\"x\ny\"\n\nb\rc,d", 1);
    assertEquals(7, scan.physicalLines());
    assertEquals(2, scan.blankLines());
    assertEquals(1, scan.headerLines());
    assertEquals(3, scan.chunks().stream().mapToLong(Chunk::records).sum());
    // a header over two lines; an empty line inside a quoted field is not blank; a lone CR ends
    // the file: lines 1-2 header | 3-5 "\"x" LF "" LF "y\"" | 6 blank (lone CR)
    scan = scan("\"h\nh\"\n\"x\n\ny\"\n\r", 1);
    assertEquals(6, scan.physicalLines());
    assertEquals(1, scan.blankLines());
    assertEquals(2, scan.headerLines());
    // no header: every line blank; an empty file has no lines, nor has a lone mark
    scan = scan("\r\n\n", 1);
    assertEquals(List.of(2L, 2L, 0L), List.of(scan.physicalLines(), scan.blankLines(), 0L));
    assertEquals(0, scan("", 1).physicalLines());
    assertEquals(0, scan("\uFEFF", 1).physicalLines());
  }

  @Test
  void otherCharsetsAreRefused() {
    assertThrows(
        IllegalArgumentException.class,
        () -> CsvSplitter.chunks(channel(new byte[0], 0, false), "UTF-16", 1));
  }

  // ---- Differential tests against the reader of the whole input ----

  /** Characters that steer the reader, in UTF-8: text (ASCII and Chinese), the mark, structure. */
  private static final String[] ALPHABET = {
    "a",
    "a",
    "a",
    "b",
    "中",
    "中",
    "\uD842\uDFB7",
    ",",
    ",",
    ",",
    "\"",
    "\"",
    "\"",
    "\"",
    "\n",
    "\n",
    "\n",
    "\r",
    "\r",
    " ",
    "\uFEFF"
  };

  @Test
  void utf8ChunksReadAsTheWholeInput() throws IOException {
    differential(StandardCharsets.UTF_8, 1, 3000);
  }

  @Test
  void gb18030ChunksReadAsTheWholeInput() throws IOException {
    differential(GB18030, 2, 2000);
  }

  private static void differential(Charset charset, long seed, int inputs) throws IOException {
    Random random = new Random(seed);
    int compared = 0;
    for (int i = 0; i < inputs; i++) {
      byte[] input = randomInput(random, charset, new byte[0][]);
      List<CsvRecord> whole = readWhole(input, charset);
      int maxRead = random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(5);
      String what = "input " + i + " " + HexFormat.of().formatHex(input) + " maxRead " + maxRead;
      for (long chunkBytes : new long[] {1, 1 + random.nextInt(input.length + 1)}) {
        List<CsvRecord> chunked = readChunked(input, charset, chunkBytes, maxRead);
        assertEquals(whole, chunked, what + " chunkBytes " + chunkBytes);
      }
      assertLinesAddUp(input, charset, whole, what);
      compared += whole.size() > 2 ? 1 : 0;
    }
    // The inputs must be varied enough to be worth comparing.
    assertTrue(compared > inputs / 2, "only " + compared + " inputs with 3 records or more");
  }

  /**
   * Rows with stray quotes, unterminated quotes, quotes closing far away and well-formed multi-line
   * fields ({@link RandomCsv}): the chunks give the records of the whole file, whatever the chunk
   * size, and the lines add up.
   */
  @Test
  void utf8ChunksOfRowsWithBrokenQuotingReadAsTheWholeInput() throws IOException {
    differentialRows(StandardCharsets.UTF_8, 11, 1500);
  }

  @Test
  void gb18030ChunksOfRowsWithBrokenQuotingReadAsTheWholeInput() throws IOException {
    differentialRows(GB18030, 12, 1000);
  }

  private static void differentialRows(Charset charset, long seed, int inputs) throws IOException {
    Random random = new Random(seed);
    int brokenAfterTheirFirstLine = 0;
    for (int i = 0; i < inputs; i++) {
      boolean big = i % 10 == 0;
      byte[] input = bytes(RandomCsv.text(random, big), charset);
      List<CsvRecord> whole = readWhole(input, charset);
      assertEquals(
          ReferenceCsvReader.read(new String(input, charset)), whole, "the reader, input " + i);
      int maxRead = big || random.nextBoolean() ? Integer.MAX_VALUE : 1 + random.nextInt(5);
      String what = charset + " input " + i + " maxRead " + maxRead;
      long[] sizes = {big ? 1 + random.nextInt(200) : 1, 1 + random.nextInt(input.length + 1)};
      for (long chunkBytes : sizes) {
        List<CsvRecord> chunked = readChunked(input, charset, chunkBytes, maxRead);
        assertEquals(whole, chunked, what + " chunkBytes " + chunkBytes);
      }
      assertLinesAddUp(input, charset, whole, what);
      for (CsvRecord r : whole) {
        brokenAfterTheirFirstLine +=
            r.isMalformed() && r.malformed().startsWith("a quoted field opened on this line")
                ? 1
                : 0;
      }
    }
    assertTrue(brokenAfterTheirFirstLine > inputs / 4, "drawn: " + brokenAfterTheirFirstLine);
  }

  /**
   * The scan's physical lines are the lines of the decoded text counted on their own, and they are
   * the blank lines plus the lines of every record the reader of the whole file gives.
   */
  private static void assertLinesAddUp(
      byte[] input, Charset charset, List<CsvRecord> whole, String what) throws IOException {
    CsvSplitter.Scan scan =
        CsvSplitter.scan(channel(input, Integer.MAX_VALUE, false), charset.name(), 1);
    String text = new String(input, charset);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    long physical = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\r' || (c == '\n' && (i == 0 || text.charAt(i - 1) != '\r'))) {
        physical++;
      }
    }
    if (!text.isEmpty()
        && text.charAt(text.length() - 1) != '\n'
        && text.charAt(text.length() - 1) != '\r') {
      physical++;
    }
    assertEquals(physical, scan.physicalLines(), what);
    long recordLines = whole.stream().mapToLong(CsvRecord::lines).sum();
    assertEquals(physical, scan.blankLines() + recordLines, what);
    assertEquals(whole.isEmpty() ? 0 : whole.get(0).lines(), scan.headerLines(), what);
  }

  /**
   * Bytes that are not valid in the charset fail the chunked read exactly when they fail the reader
   * of the whole input; where neither fails, the records are the same.
   */
  @Test
  void invalidBytesFailTheChunksWhenTheyFailTheWholeInput() throws IOException {
    Random random = new Random(3);
    byte[][] utf8Bad = {{(byte) 0xE4}, {(byte) 0xE4, (byte) 0xB8}, {(byte) 0xB8}, {(byte) 0xFF}};
    byte[][] gbBad = {{(byte) 0x81}, {(byte) 0x84, 0x31}, {(byte) 0x80}, {(byte) 0xFF}};
    int failed = 0;
    int passed = 0;
    for (int i = 0; i < 2000; i++) {
      Charset charset = i % 2 == 0 ? StandardCharsets.UTF_8 : GB18030;
      byte[] input = randomInput(random, charset, charset == GB18030 ? gbBad : utf8Bad);
      String what = charset + " input " + i + " " + HexFormat.of().formatHex(input);
      List<CsvRecord> whole;
      try {
        whole = readWhole(input, charset);
      } catch (CharacterCodingException e) {
        whole = null;
      }
      List<CsvRecord> chunked;
      try {
        chunked = readChunked(input, charset, 1, Integer.MAX_VALUE);
      } catch (CharacterCodingException e) {
        chunked = null;
      }
      assertEquals(whole, chunked, what);
      if (whole == null) {
        failed++;
      } else {
        passed++;
      }
    }
    assertTrue(failed > 200 && passed > 200, failed + " inputs failed, " + passed + " passed");
  }

  /**
   * Up to 40 characters of the alphabet, sometimes with a byte-order mark, sometimes without a
   * final line break; each of {@code bad} (raw bytes) is put in with a small chance per position.
   */
  private static byte[] randomInput(Random random, Charset charset, byte[][] bad) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    if (random.nextInt(4) == 0) {
      out.writeBytes(bytes("\uFEFF", charset));
    }
    int n = random.nextInt(41);
    for (int k = 0; k < n; k++) {
      if (bad.length > 0 && random.nextInt(40) == 0) {
        out.writeBytes(bad[random.nextInt(bad.length)]);
      }
      out.writeBytes(bytes(ALPHABET[random.nextInt(ALPHABET.length)], charset));
    }
    if (random.nextBoolean()) {
      out.writeBytes(bytes("\n", charset));
    }
    return out.toByteArray();
  }

  /** The records of the whole input, as the reader of a whole file gives them. */
  private static List<CsvRecord> readWhole(byte[] input, Charset charset) throws IOException {
    var decoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (CsvReader r =
        new CsvReader(new InputStreamReader(new ByteArrayInputStream(input), decoder))) {
      return readAll(r);
    }
  }

  /**
   * The header read as ParseCsvFile reads it, by a reader of the whole file that stops after one
   * record, then the records of each chunk read on its own as ParseCsvFile reads it, each chunk
   * checked to hold what the scan says it holds.
   */
  private static List<CsvRecord> readChunked(
      byte[] input, Charset charset, long chunkBytes, int maxRead) throws IOException {
    List<Chunk> chunks =
        CsvSplitter.chunks(channel(input, maxRead, false), charset.name(), chunkBytes);
    List<CsvRecord> out = new ArrayList<>();
    if (chunks.isEmpty()) {
      return out;
    }
    Chunk wholeFile = new Chunk(0, input.length, 1, 0, 0, CsvReader.UNKNOWN_FIELDS);
    try (CsvReader r =
        CsvFiles.openChunk(channel(input, maxRead, false), charset.name(), wholeFile)) {
      CsvRecord header = r.next();
      out.add(header);
      assertEquals(
          header.isMalformed() ? -1 : header.fields().size(), chunks.get(0).headerFields());
    }
    long end = chunks.get(0).start();
    for (Chunk c : chunks) {
      assertEquals(end, c.start(), "chunks are contiguous");
      end = c.end();
      boolean seekable = c.start() % 2 == 0;
      try (CsvReader r = CsvFiles.openChunk(channel(input, maxRead, seekable), charset.name(), c)) {
        List<CsvRecord> records = readAll(r);
        assertEquals(c.records(), records.size(), "records of " + c);
        assertEquals(c.endLine(), r.line(), "end line of " + c);
        out.addAll(records);
      }
    }
    assertEquals(input.length, end, "the chunks cover the input");
    return out;
  }

  private static List<CsvRecord> readAll(CsvReader r) throws IOException {
    List<CsvRecord> out = new ArrayList<>();
    for (CsvRecord rec = r.next(); rec != null; rec = r.next()) {
      out.add(rec);
    }
    return out;
  }

  private static CsvSplitter.Scan scan(String text, long chunkBytes) throws IOException {
    return CsvSplitter.scan(
        channel(bytes(text, StandardCharsets.UTF_8), Integer.MAX_VALUE, false),
        "UTF-8",
        chunkBytes);
  }

  private static List<Chunk> chunks(String text, Charset charset, long chunkBytes)
      throws IOException {
    return chunks(bytes(text, charset), charset.name(), chunkBytes);
  }

  private static List<Chunk> chunks(byte[] input, String charset, long chunkBytes)
      throws IOException {
    return CsvSplitter.chunks(channel(input, Integer.MAX_VALUE, false), charset, chunkBytes);
  }

  private static byte[] bytes(String text, Charset charset) {
    return text.getBytes(charset);
  }

  /** The input as a channel that returns at most {@code maxRead} bytes a read (0: no limit). */
  private static ReadableByteChannel channel(byte[] input, int maxRead, boolean seekable) {
    BytesChannel c = new BytesChannel(input, maxRead <= 0 ? Integer.MAX_VALUE : maxRead);
    return seekable ? c : Channels.newChannel(Channels.newInputStream(c));
  }

  /** An in-memory file that can seek and hands out few bytes at a time if asked to. */
  private static final class BytesChannel implements SeekableByteChannel {
    private final byte[] bytes;
    private final int maxRead;
    private long position;
    private boolean open = true;

    BytesChannel(byte[] bytes, int maxRead) {
      this.bytes = bytes;
      this.maxRead = maxRead;
    }

    @Override
    public int read(ByteBuffer dst) {
      if (position >= bytes.length) {
        return -1;
      }
      int n = (int) Math.min(Math.min(dst.remaining(), maxRead), bytes.length - position);
      dst.put(bytes, (int) position, n);
      position += n;
      return n;
    }

    @Override
    public int write(ByteBuffer src) {
      throw new NonWritableChannelException();
    }

    @Override
    public long position() {
      return position;
    }

    @Override
    public SeekableByteChannel position(long newPosition) {
      position = newPosition;
      return this;
    }

    @Override
    public long size() {
      return bytes.length;
    }

    @Override
    public SeekableByteChannel truncate(long size) {
      throw new NonWritableChannelException();
    }

    @Override
    public boolean isOpen() {
      return open;
    }

    @Override
    public void close() {
      open = false;
    }
  }
}
