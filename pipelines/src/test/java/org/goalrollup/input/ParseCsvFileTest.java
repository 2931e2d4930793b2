package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.goalrollup.TestPipelineExtension;
import org.goalrollup.model.Production;
import org.goalrollup.model.Reject;
import org.goalrollup.stats.Amounts;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link ParseCsvFile} on production.csv: every data row comes out either accepted or as a reject
 * with the bare file name, the physical line where it starts, the reason and its raw text. Line
 * numbers in the expectations are counted by hand in the fixture text.
 */
@ExtendWith(TestPipelineExtension.class)
class ParseCsvFileTest {
  final TestPipeline p = TestPipeline.create();

  @TempDir Path dir;

  static final String HEADER =
      "enterprise_id,year,month,above_scale,output_value,value_added,revenue,employees";

  /** enterprise_id|year|month|above_scale|output_value|value_added|revenue|employees|line. */
  static String describeProduction(Production r) {
    return r.getEnterpriseId()
        + "|"
        + r.getYear()
        + "|"
        + r.getMonth()
        + "|"
        + r.getAboveScale()
        + "|"
        + Amounts.decimal(r.getOutputValue()).toPlainString()
        + "|"
        + Amounts.decimal(r.getValueAdded()).toPlainString()
        + "|"
        + Amounts.decimal(r.getRevenue()).toPlainString()
        + "|"
        + r.getEmployees()
        + "|"
        + r.getLineNumber();
  }

  /** source_file|line_number|reason|raw. */
  static String describeReject(Reject r) {
    return r.getSourceFile() + "|" + r.getLineNumber() + "|" + r.getReason() + "|" + r.getRaw();
  }

  static Long lineOfProduction(Production r) {
    return r.getLineNumber();
  }

  static Long lineOfReject(Reject r) {
    return r.getLineNumber();
  }

  private ParseCsvFile<Production, Production> parse(String charset) {
    return ParseCsvFile.of(
        dir.toString(),
        InputFile.PRODUCTION,
        charset,
        RowParsers::production,
        AvroCoder.of(Production.class));
  }

  private static PCollection<String> accepted(
      PCollectionTuple out, ParseCsvFile<Production, Production> t) {
    return out.get(t.accepted())
        .apply(
            "DescribeAccepted",
            MapElements.into(TypeDescriptors.strings()).via(ParseCsvFileTest::describeProduction));
  }

  private static PCollection<String> rejects(
      PCollectionTuple out, ParseCsvFile<Production, Production> t) {
    return out.get(t.rejects())
        .apply(
            "DescribeRejects",
            MapElements.into(TypeDescriptors.strings()).via(ParseCsvFileTest::describeReject));
  }

  private void writeFile(String text, Charset charset) throws IOException {
    Files.write(dir.resolve("production.csv"), text.getBytes(charset));
  }

  @Test
  void gb18030FileKeepsChineseText() throws IOException {
    writeFile(
        HEADER
            + ",备注\n"
            + "海曙机械厂,2020,1,是,100.5,20,90,12,一月\n"
            + "𠮷野电子厂,2020,1,否,0,0,0,0,\"停产, 待查\"\n"
            + "鄞州纺织厂,2020,1,也许,1,1,1,1,布尔值错误\n",
        Charset.forName("GB18030"));
    ParseCsvFile<Production, Production> t = parse("GB18030");
    PCollectionTuple out = p.apply("ParseProduction", t);
    PAssert.that(accepted(out, t))
        .containsInAnyOrder(
            "海曙机械厂|2020|1|true|100.50|20.00|90.00|12|2", "𠮷野电子厂|2020|1|false|0.00|0.00|0.00|0|3");
    PAssert.that(rejects(out, t))
        .containsInAnyOrder("production.csv|4|INVALID_CODE|鄞州纺织厂,2020,1,也许,1,1,1,1,布尔值错误");
    PAssert.that(out.get(t.rejects()))
        .satisfies(
            rs -> {
              for (Reject r : rs) {
                assertTrue(r.getDetail().contains("above_scale"), r.getDetail());
                assertTrue(r.getDetail().contains("也许"), r.getDetail());
              }
              return null;
            });
    p.run();
  }

  @Test
  void gb18030BytesReadAsUtf8FailTheRunNamingTheFile() throws IOException {
    writeFile(HEADER + "\n海曙机械厂,2020,1,是,100.5,20,90,12\n", Charset.forName("GB18030"));
    ParseCsvFile<Production, Production> t = parse("UTF-8");
    p.apply("ParseProduction", t);
    Exception e = assertThrows(Exception.class, p::run);
    StringBuilder messages = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      messages.append(c.getMessage()).append('\n');
    }
    assertTrue(messages.toString().contains("production.csv"), messages.toString());
    assertTrue(messages.toString().contains("UTF-8"), messages.toString());
  }

  @Test
  void utf8FileWithBom() throws IOException {
    writeFile(
        "\uFEFF" + HEADER + "\r\n" + "E1,2020,2,Y,10,1,9,5\r\n" + "E2,2020,2,N,10,-1,9,5\r\n",
        StandardCharsets.UTF_8);
    ParseCsvFile<Production, Production> t = parse("UTF-8");
    PCollectionTuple out = p.apply("ParseProduction", t);
    // Were the BOM kept, the header's first column would not be enterprise_id and every row
    // would be rejected with MISSING_FIELD.
    PAssert.that(accepted(out, t))
        .containsInAnyOrder(
            "E1|2020|2|true|10.00|1.00|9.00|5|2", "E2|2020|2|false|10.00|-1.00|9.00|5|3");
    PAssert.that(out.get(t.rejects())).empty();
    p.run();
  }

  @Test
  void multiLineQuotedRecordThenBadRowsKeepPhysicalLineNumbers() throws IOException {
    String multiLineBad = "E3,2020,3,Y,5,1,-4,2,\"第一行\n第二行\"";
    writeFile(
        HEADER
            + ",note\n" // line 1
            + "E1,2020,3,Y,10,1,9,5,\"line a\nline b\nline c\"\n" // lines 2-4
            + "E2,2020,3,Y,10,1,-9,5,ok\n" // line 5: negative revenue
            + "\n" // line 6: blank
            + multiLineBad
            + "\n" // lines 7-8: negative revenue
            + "E4,2020,3,Y,10,1,9,5,\"\"\n", // line 9
        StandardCharsets.UTF_8);
    ParseCsvFile<Production, Production> t = parse("UTF-8");
    PCollectionTuple out = p.apply("ParseProduction", t);
    PAssert.that(accepted(out, t))
        .containsInAnyOrder(
            "E1|2020|3|true|10.00|1.00|9.00|5|2", "E4|2020|3|true|10.00|1.00|9.00|5|9");
    PAssert.that(
            describe(
                "AcceptedSpans",
                out.get(t.accepted()),
                (Production r) -> r.getLineNumber() + "+" + r.getLineCount()))
        .containsInAnyOrder("2+3", "9+1");
    PAssert.that(rejects(out, t))
        .containsInAnyOrder(
            "production.csv|5|OUT_OF_RANGE|E2,2020,3,Y,10,1,-9,5,ok",
            "production.csv|7|OUT_OF_RANGE|" + multiLineBad);
    p.run();
  }

  @Test
  void wrongFieldCountAndBrokenQuotingAreMalformedRows() throws IOException {
    writeFile(
        HEADER
            + "\n" // line 1
            + "E1,2020,4,Y,10,1,9,5\n" // line 2: good
            + "E2,2020,4,Y,10,1,9\n" // line 3: 7 fields
            + "E3,2020,4,Y,10,1,9,5,extra\n" // line 4: 9 fields
            + "   \n" // line 5: a line of spaces is a one-field record
            + "E4,2020,4,Y,\"10\"x,1,9,5\n" // line 6: text after closing quote
            + ",,,,,,,\n" // line 7: a line of commas, 8 empty fields
            + "E5,2020,4,Y,10,1,9,5\n" // line 8: good after the broken rows
            + "E6,2020,4,Y,\"10,1,9,5\n" // line 9: a quote never closed costs this line only
            + "E7,2020,4,Y,10,1,9,5\n", // line 10: good, read after the broken line
        StandardCharsets.UTF_8);
    ParseCsvFile<Production, Production> t = parse("UTF-8");
    PCollectionTuple out = p.apply("ParseProduction", t);
    PAssert.that(accepted(out, t))
        .containsInAnyOrder(
            "E1|2020|4|true|10.00|1.00|9.00|5|2",
            "E5|2020|4|true|10.00|1.00|9.00|5|8",
            "E7|2020|4|true|10.00|1.00|9.00|5|10");
    PAssert.that(out.get(t.rejects()))
        .satisfies(
            rs -> {
              Map<Long, String> reasonByLine = new TreeMap<>();
              Map<Long, String> rawByLine = new TreeMap<>();
              for (Reject r : rs) {
                reasonByLine.put(r.getLineNumber(), r.getReason());
                rawByLine.put(r.getLineNumber(), r.getRaw());
                assertEquals("production.csv", r.getSourceFile());
              }
              Map<Long, String> expected = new TreeMap<>();
              expected.put(3L, "MALFORMED_ROW");
              expected.put(4L, "MALFORMED_ROW");
              expected.put(5L, "MALFORMED_ROW");
              expected.put(6L, "MALFORMED_ROW");
              expected.put(7L, "MISSING_FIELD");
              expected.put(9L, "MALFORMED_ROW");
              assertEquals(expected, reasonByLine);
              assertEquals("E2,2020,4,Y,10,1,9", rawByLine.get(3L));
              assertEquals("   ", rawByLine.get(5L));
              assertEquals("E4,2020,4,Y,\"10\"x,1,9,5", rawByLine.get(6L));
              assertEquals("E6,2020,4,Y,\"10,1,9,5", rawByLine.get(9L));
              return null;
            });
    p.run();
  }

  @Test
  void everyDataRowIsAcceptedOrRejected() throws IOException {
    writeFile(
        HEADER
            + ",revision\n" // 1
            + "E1,2020,1,Y,10,1,9,5,\n" // 2 ok
            + "E1,2020,1,Y,11,1,9,5,1\n" // 3 ok (a later revision is still accepted here)
            + "E1,2020,13,Y,10,1,9,5,\n" // 4 INVALID_CODE
            + "\r\n" // 5 blank
            + "E2,2020,2,Y,10,1,9,5,x\n" // 6 INVALID_NUMBER (revision)
            + "E2,2020,2,Y,10,1,9,-5,\n" // 7 OUT_OF_RANGE
            + "E2,,2,Y,10,1,9,5,\n" // 8 MISSING_FIELD
            + "E3,2020,3,Y,\"1\n0\",1,9,5,\n" // 9-10 INVALID_NUMBER, value holds a newline
            + "E3,2020,3,Y,10,1,9,5\n" // 11 MALFORMED_ROW
            + "E3,2020,3,Y,10,1,9,5,", // 12 ok, no final newline
        StandardCharsets.UTF_8);
    ParseCsvFile<Production, Production> t = parse("UTF-8");
    PCollectionTuple out = p.apply("ParseProduction", t);
    PCollection<Long> acceptedLines =
        out.get(t.accepted())
            .apply(
                "AcceptedLines",
                MapElements.into(TypeDescriptors.longs()).via(ParseCsvFileTest::lineOfProduction));
    PCollection<Long> rejectedLines =
        out.get(t.rejects())
            .apply(
                "RejectedLines",
                MapElements.into(TypeDescriptors.longs()).via(ParseCsvFileTest::lineOfReject));
    PAssert.that(acceptedLines).containsInAnyOrder(2L, 3L, 12L);
    PAssert.that(rejectedLines).containsInAnyOrder(4L, 6L, 7L, 8L, 9L, 11L);
    // the record of lines 9-10 is well formed and rejected for its value: both lines count
    PAssert.that(
            describe(
                "RejectedSpans",
                out.get(t.rejects()),
                (Reject r) -> r.getLineNumber() + "+" + r.getLineCount()))
        .containsInAnyOrder("4+1", "6+1", "7+1", "8+1", "9+2", "11+1");
    PCollection<Long> all =
        PCollectionList.of(acceptedLines)
            .and(rejectedLines)
            .apply("AllLines", Flatten.pCollections());
    // 9 data records (12 physical lines minus the header, the blank line and the second line
    // of the multi-line record), each exactly once.
    PAssert.that(all).containsInAnyOrder(2L, 3L, 4L, 6L, 7L, 8L, 9L, 11L, 12L);
    PAssert.that(rejects(out, t))
        .containsInAnyOrder(
            "production.csv|4|INVALID_CODE|E1,2020,13,Y,10,1,9,5,",
            "production.csv|6|INVALID_NUMBER|E2,2020,2,Y,10,1,9,5,x",
            "production.csv|7|OUT_OF_RANGE|E2,2020,2,Y,10,1,9,-5,",
            "production.csv|8|MISSING_FIELD|E2,,2,Y,10,1,9,5,",
            "production.csv|9|INVALID_NUMBER|E3,2020,3,Y,\"1\n0\",1,9,5,",
            "production.csv|11|MALFORMED_ROW|E3,2020,3,Y,10,1,9,5");
    p.run();
  }

  /**
   * An amount that matches the contract's pattern but has more integer digits than the contract's
   * DECIMAL(20,2) can hold cannot be used: it must become a reject of its own line, and the run
   * must go on with the other rows (contract section 2, "Bad records never vanish").
   */
  @Test
  void amountTooLargeForDecimal20x2IsRejectedNotFatal() throws IOException {
    writeFile(
        HEADER
            + "\n"
            + "E1,2020,5,Y,10,1,9,5\n" // line 2: good
            + "E2,2020,5,Y,1234567890123456789012,1,9,5\n" // line 3: 22 integer digits
            + "E3,2020,5,Y,10,1,9,5\n", // line 4: good
        StandardCharsets.UTF_8);
    ParseCsvFile<Production, Production> t = parse("UTF-8");
    PCollectionTuple out = p.apply("ParseProduction", t);
    PAssert.that(accepted(out, t))
        .containsInAnyOrder(
            "E1|2020|5|true|10.00|1.00|9.00|5|2", "E3|2020|5|true|10.00|1.00|9.00|5|4");
    PAssert.that(out.get(t.rejects()))
        .satisfies(
            rs -> {
              int n = 0;
              for (Reject r : rs) {
                n++;
                assertEquals(3L, r.getLineNumber());
                assertTrue(
                    r.getReason().equals("OUT_OF_RANGE") || r.getReason().equals("INVALID_NUMBER"),
                    r.getReason());
                assertTrue(r.getDetail().contains("output_value"), r.getDetail());
              }
              assertEquals(1, n);
              return null;
            });
    p.run();
  }

  /**
   * The file cut into chunks of a few dozen bytes gives the rows, rejects, line numbers, raw text
   * and counters of the file in one chunk. The first cut falls inside a record whose quoted note
   * spans three lines, so the chunk must run on to the end of that record. Lines and counts are
   * counted by hand in the fixture text.
   */
  @Test
  void chunksGiveTheRowsRejectsAndCountsOfTheWholeFile() throws IOException {
    String first =
        HEADER
            + ",note\n" // line 1
            + "E1,2020,6,Y,10,1,9,5,\n" // line 2: good
            + "E2,2020,6,Y,10,1,-9,5,\n"; // line 3: negative revenue
    String multiLine = "E3,2020,6,Y,10,1,9,5,\"a\nb,\"\"c\"\"\nd\""; // lines 4-6: good
    String rest =
        "\n"
            + "\r\n" // line 7: blank
            + "E4,2020,6,Y,\"10\"x,1,9,5,\n" // line 8: text after a closing quote
            + "E5,2020,6,Y,10,1,9,5\r" // line 9: 8 fields, lone CR
            + "E6,2020,6,Y,10,1,9,5,\"x\r\ny\"\r\n" // lines 10-11: good
            + "E7,2020,6,Y,10,1,9,5,\"open\n" // line 12: a quote never closed
            + "E8,2020,6,Y,10,1,9,5,\n"; // line 13: good
    String text = first + multiLine + rest;
    writeFile(text, StandardCharsets.UTF_8);
    int header = (HEADER + ",note\n").length();
    long chunkBytes = first.length() - header + 5;
    List<CsvSplitter.Chunk> chunks;
    try (var ch = Files.newByteChannel(dir.resolve("production.csv"))) {
      chunks = CsvSplitter.chunks(ch, "UTF-8", chunkBytes);
    }
    assertTrue(chunks.size() >= 3, chunks.toString());
    assertEquals(header, chunks.get(0).start());
    assertEquals((first + multiLine + "\n").length(), chunks.get(0).end(), chunks.toString());

    ParseCsvFile<Production, Production> whole = parse("UTF-8");
    ParseCsvFile<Production, Production> chunked = parse("UTF-8").withChunkBytes(chunkBytes);
    for (var t : List.of(whole, chunked)) {
      String name = t == whole ? "Whole" : "Chunked";
      PCollectionTuple out = p.apply(name, t);
      PAssert.that(
              describe(
                  name + "Accepted", out.get(t.accepted()), ParseCsvFileTest::describeProduction))
          .containsInAnyOrder(
              "E1|2020|6|true|10.00|1.00|9.00|5|2",
              "E3|2020|6|true|10.00|1.00|9.00|5|4",
              "E6|2020|6|true|10.00|1.00|9.00|5|10",
              "E8|2020|6|true|10.00|1.00|9.00|5|13");
      PAssert.that(
              describe(name + "Rejects", out.get(t.rejects()), ParseCsvFileTest::describeReject))
          .containsInAnyOrder(
              "production.csv|3|OUT_OF_RANGE|E2,2020,6,Y,10,1,-9,5,",
              "production.csv|8|MALFORMED_ROW|E4,2020,6,Y,\"10\"x,1,9,5,",
              "production.csv|9|MALFORMED_ROW|E5,2020,6,Y,10,1,9,5",
              "production.csv|12|MALFORMED_ROW|E7,2020,6,Y,10,1,9,5,\"open");
    }
    PipelineResult result = p.run();
    for (String step : List.of("Whole", "Chunked")) {
      // 13 physical lines: the header, line 7 blank, 11 lines of 8 records (4-6 and 10-11 are
      // one record each)
      assertEquals(
          13L,
          counter(result, step, InputCounters.Lines.PHYSICAL.counterName(InputFile.PRODUCTION)));
      assertEquals(
          1L, counter(result, step, InputCounters.Lines.BLANK.counterName(InputFile.PRODUCTION)));
      assertEquals(
          1L, counter(result, step, InputCounters.Lines.HEADER.counterName(InputFile.PRODUCTION)));
      assertEquals(8L, counter(result, step, InputCounters.read(InputFile.PRODUCTION)), step);
      assertEquals(4L, counter(result, step, InputCounters.valid(InputFile.PRODUCTION)), step);
      assertEquals(
          3L,
          counter(
              result, step, InputCounters.rejectedName(InputFile.PRODUCTION, Reason.MALFORMED_ROW)),
          step);
      assertEquals(
          1L,
          counter(
              result, step, InputCounters.rejectedName(InputFile.PRODUCTION, Reason.OUT_OF_RANGE)),
          step);
    }
  }

  /**
   * The case of issue 19 in a parse of the whole file and one of chunks of a few bytes: a quote
   * typed at the start of a field on line 3 opens a field that the quote typed on line 6 would
   * close, but text follows that quote, so line 3 alone is broken; the quote on line 6 then opens a
   * field that no quote closes, so line 6 alone is broken. Every other row is read. Lines counted
   * by hand.
   */
  @Test
  void twoStrayQuotesCostTheirTwoLinesInWholeAndChunkedParses() throws IOException {
    String line3 = "E3,2020,7,Y,\"10,1,9,5";
    String line6 = "E6,2020,7,Y,\"10,1,9,5";
    writeFile(
        HEADER
            + "\n" // line 1
            + "E2,2020,7,Y,10,1,9,5\n" // line 2
            + line3
            + "\n" // line 3
            + "E4,2020,7,Y,10,1,9,5\n" // line 4
            + "E5,2020,7,Y,10,1,9,5\n" // line 5
            + line6
            + "\n" // line 6
            + "E7,2020,7,Y,10,1,9,5\n", // line 7
        StandardCharsets.UTF_8);
    ParseCsvFile<Production, Production> whole = parse("UTF-8");
    ParseCsvFile<Production, Production> chunked = parse("UTF-8").withChunkBytes(1);
    for (var t : List.of(whole, chunked)) {
      String name = t == whole ? "Whole" : "Chunked";
      PCollectionTuple out = p.apply(name, t);
      PAssert.that(
              describe(
                  name + "Accepted", out.get(t.accepted()), ParseCsvFileTest::describeProduction))
          .containsInAnyOrder(
              "E2|2020|7|true|10.00|1.00|9.00|5|2",
              "E4|2020|7|true|10.00|1.00|9.00|5|4",
              "E5|2020|7|true|10.00|1.00|9.00|5|5",
              "E7|2020|7|true|10.00|1.00|9.00|5|7");
      PAssert.that(
              describe(name + "Rejects", out.get(t.rejects()), ParseCsvFileTest::describeReject))
          .containsInAnyOrder(
              "production.csv|3|MALFORMED_ROW|" + line3, "production.csv|6|MALFORMED_ROW|" + line6);
    }
    PipelineResult result = p.run();
    for (String step : List.of("Whole", "Chunked")) {
      assertEquals(6L, counter(result, step, InputCounters.read(InputFile.PRODUCTION)), step);
      assertEquals(4L, counter(result, step, InputCounters.valid(InputFile.PRODUCTION)), step);
    }
  }

  /**
   * Bytes not valid in the charset, in a late chunk, fail the run as they fail a whole file, naming
   * the line and column of the first of them.
   */
  @Test
  void invalidBytesInALaterChunkFailTheRunNamingTheFile() throws IOException {
    StringBuilder rows = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < 6000; i++) {
      rows.append("E").append(i).append(",2020,1,Y,10,1,9,5\n");
    }
    byte[] good = rows.toString().getBytes(StandardCharsets.UTF_8);
    byte[] bad = "E9,2020,1,Y,10,1,\u00ff,5\n".getBytes(StandardCharsets.ISO_8859_1);
    byte[] file = java.util.Arrays.copyOf(good, good.length + bad.length);
    System.arraycopy(bad, 0, file, good.length, bad.length);
    Files.write(dir.resolve("production.csv"), file);
    p.apply("ParseProduction", parse("UTF-8").withChunkBytes(16 * 1024));
    Exception e = assertThrows(Exception.class, p::run);
    StringBuilder messages = new StringBuilder();
    for (Throwable c = e; c != null; c = c.getCause()) {
      messages.append(c.getMessage()).append('\n');
    }
    assertTrue(
        messages
            .toString()
            .contains(
                // the bad byte is the 18th character of line 6002 (header, 6000 rows, then it)
                "production.csv: line 6002, column 18: byte FF is not valid UTF-8"),
        messages.toString());
  }

  private static <T> PCollection<String> describe(
      String name, PCollection<T> records, SerializableFunction<T, String> how) {
    return records.apply(name, MapElements.into(TypeDescriptors.strings()).via(how));
  }

  /** A counter of the input namespace as counted inside one top-level step. */
  private static long counter(PipelineResult result, String step, String name) {
    long sum = 0;
    for (MetricResult<Long> c :
        result
            .metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(InputCounters.NAMESPACE, name))
                    .addStep(step)
                    .build())
            .getCounters()) {
      sum += c.getAttempted();
    }
    return sum;
  }
}
