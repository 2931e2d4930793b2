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
    // offsets: "h\n" 0-1 (line 1) | "a\n" 2-3 (line 2) | "\n" 4 (blank line 3)
    //          | "b,\"x\ny\"\n" 5-12 (lines 4-5) | "c" 13 (line 6)
    String text = "h\na\n\nb,\"x\ny\"\nc";
    assertEquals(
        List.of(
            new Chunk(2, 4, 2, 3, 1), // a
            new Chunk(4, 13, 3, 6, 1), // the blank line, then b over two lines
            new Chunk(13, 14, 6, 6, 1)), // c, no final line break
        chunks(text, StandardCharsets.UTF_8, 1));
    // 5 bytes or more per chunk: the first chunk reaches 5 bytes only with its second record.
    assertEquals(
        List.of(new Chunk(2, 13, 2, 6, 2), new Chunk(13, 14, 6, 6, 1)),
        chunks(text, StandardCharsets.UTF_8, 5));
    assertEquals(List.of(new Chunk(2, 14, 2, 6, 3)), chunks(text, StandardCharsets.UTF_8, 1000));
  }

  @Test
  void aQuotedLineBreakIsNotACut() throws IOException {
    // "h\r\n" 0-2 | "\"1\r\n2\"\"\r3\"\r" 3-13: one record over lines 2-4 (CRLF counts once,
    // a lone CR once), ended by a lone CR | "x\r\n" 14-16 (line 5)
    String text = "h\r\n\"1\r\n2\"\"\r3\"\rx\r\n";
    assertEquals(
        List.of(new Chunk(3, 14, 2, 5, 1), new Chunk(14, 17, 5, 6, 1)),
        chunks(text, StandardCharsets.UTF_8, 1));
  }

  @Test
  void aBrokenRecordEndsWhereTheReaderFindsItsEnd() throws IOException {
    // line 2: text after a closing quote, then a quoted field at a field start holds a line
    // break, so the broken record runs over lines 2-3; line 4 is a record of its own.
    String text = "h\n\"a\"b,\"c\nd\"\ne\n";
    assertEquals(
        List.of(new Chunk(2, 13, 2, 4, 1), new Chunk(13, 15, 4, 5, 1)),
        chunks(text, StandardCharsets.UTF_8, 1));
    // quote inside an unquoted field: the lenient search takes the quote as text (not at a
    // field start), so the line break ends the record.
    assertEquals(
        List.of(new Chunk(2, 6, 2, 3, 1), new Chunk(6, 8, 3, 4, 1)),
        chunks("h\na\"b\nc\n", StandardCharsets.UTF_8, 1));
  }

  @Test
  void theByteOrderMarkIsSkippedOnlyAtTheStartOfTheFile() throws IOException {
    // With the mark skipped, the header is a quoted field over lines 1-2 and x is on line 3. Were
    // the mark text, the quote would be inside an unquoted field, and the lenient search would
    // end the header at the first line break.
    byte[] utf8 = bytes("\uFEFF\"h\nh\"\nx\n", StandardCharsets.UTF_8);
    assertEquals(List.of(new Chunk(9, 11, 3, 4, 1)), chunks(utf8, "UTF-8", 1));
    byte[] gb = bytes("\uFEFF\"h\nh\"\nx\n", GB18030);
    assertEquals("8431953322", HexFormat.of().formatHex(gb, 0, 5));
    assertEquals(List.of(new Chunk(10, 12, 3, 4, 1)), chunks(gb, "GB18030", 1));
    // A lone mark before a line break is a one-field record in the middle of a file.
    assertEquals(
        List.of(new Chunk(2, 6, 2, 3, 1), new Chunk(6, 8, 3, 4, 1)),
        chunks(bytes("h\n\uFEFF\nb\n", StandardCharsets.UTF_8), "UTF-8", 1));
  }

  @Test
  void trailingBlankLinesStayInTheLastChunk() throws IOException {
    assertEquals(
        List.of(new Chunk(2, 4, 2, 3, 1), new Chunk(4, 9, 3, 6, 1)),
        chunks("h\na\nb\n\r\n\r", StandardCharsets.UTF_8, 1));
  }

  @Test
  void aHeaderWithoutDataIsOneEmptyChunkAndAnEmptyFileHasNone() throws IOException {
    assertEquals(List.of(new Chunk(2, 2, 2, 2, 0)), chunks("h\n", StandardCharsets.UTF_8, 1));
    assertEquals(List.of(new Chunk(1, 1, 1, 1, 0)), chunks("h", StandardCharsets.UTF_8, 1));
    assertEquals(List.of(), chunks("\n\r\n", StandardCharsets.UTF_8, 1));
    assertEquals(List.of(), chunks("", StandardCharsets.UTF_8, 1));
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
      compared += whole.size() > 2 ? 1 : 0;
    }
    // The inputs must be varied enough to be worth comparing.
    assertTrue(compared > inputs / 2, "only " + compared + " inputs with 3 records or more");
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
   * The header read from the bytes before the first chunk, then the records of each chunk read on
   * its own as ParseCsvFile reads it, each chunk checked to hold what the scan says it holds.
   */
  private static List<CsvRecord> readChunked(
      byte[] input, Charset charset, long chunkBytes, int maxRead) throws IOException {
    List<Chunk> chunks =
        CsvSplitter.chunks(channel(input, maxRead, false), charset.name(), chunkBytes);
    List<CsvRecord> out = new ArrayList<>();
    if (chunks.isEmpty()) {
      return out;
    }
    Chunk header = new Chunk(0, chunks.get(0).start(), 1, chunks.get(0).firstLine(), 1);
    long end = header.start();
    for (Chunk c : withHeader(header, chunks)) {
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

  private static List<Chunk> withHeader(Chunk header, List<Chunk> chunks) {
    List<Chunk> all = new ArrayList<>(List.of(header));
    all.addAll(chunks);
    return all;
  }

  private static List<CsvRecord> readAll(CsvReader r) throws IOException {
    List<CsvRecord> out = new ArrayList<>();
    for (CsvRecord rec = r.next(); rec != null; rec = r.next()) {
      out.add(rec);
    }
    return out;
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
