package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The strict RFC 4180 tokenizer (contract section 2 and 4, "Reading CSV"): fields, starting
 * physical lines, raw text and malformed records. Expected line numbers are counted by hand from
 * the literal text of each test.
 */
class CsvReaderTest {

  private static List<CsvRecord> readAll(String text) throws IOException {
    List<CsvRecord> out = new ArrayList<>();
    try (CsvReader r = new CsvReader(new StringReader(text))) {
      CsvRecord rec;
      while ((rec = r.next()) != null) {
        out.add(rec);
      }
    }
    return out;
  }

  private static void assertRecord(CsvRecord rec, long line, List<String> fields) {
    assertAll(
        () -> assertFalse(rec.isMalformed(), "unexpected malformed record: " + rec),
        () -> assertEquals(line, rec.line(), "line of " + rec),
        () -> assertEquals(fields, rec.fields(), "fields of " + rec));
  }

  @Test
  void quotedFieldsHoldCommasChineseDoubledQuotesAndNewlines() throws IOException {
    String text =
        "id,name\n" + "\"a,b\",\"宁波,海曙\"\n" + "\"say \"\"hi\"\"\",\"first\nsecond\"\n" + "last,1\n";
    List<CsvRecord> recs = readAll(text);
    assertEquals(4, recs.size());
    assertRecord(recs.get(0), 1, List.of("id", "name"));
    assertRecord(recs.get(1), 2, List.of("a,b", "宁波,海曙"));
    // The third record occupies physical lines 3 and 4.
    assertRecord(recs.get(2), 3, List.of("say \"hi\"", "first\nsecond"));
    assertRecord(recs.get(3), 5, List.of("last", "1"));
  }

  @Test
  void quotingAFieldThatNeedsNoneIsFine() throws IOException {
    List<CsvRecord> recs = readAll("\"E1\",\"2020\",\"\"\n");
    assertEquals(1, recs.size());
    assertRecord(recs.get(0), 1, List.of("E1", "2020", ""));
  }

  @Test
  void lfLineEnds() throws IOException {
    List<CsvRecord> recs = readAll("a,1\nb,2\nc,3\n");
    assertEquals(3, recs.size());
    assertRecord(recs.get(0), 1, List.of("a", "1"));
    assertRecord(recs.get(1), 2, List.of("b", "2"));
    assertRecord(recs.get(2), 3, List.of("c", "3"));
    assertEquals("b,2", recs.get(1).raw());
  }

  @Test
  void crlfLineEnds() throws IOException {
    List<CsvRecord> recs = readAll("a,1\r\nb,2\r\nc,3\r\n");
    assertEquals(3, recs.size());
    assertRecord(recs.get(0), 1, List.of("a", "1"));
    assertRecord(recs.get(1), 2, List.of("b", "2"));
    assertRecord(recs.get(2), 3, List.of("c", "3"));
    assertEquals("b,2", recs.get(1).raw(), "raw text excludes the line break");
  }

  @Test
  void loneCrLineEnds() throws IOException {
    List<CsvRecord> recs = readAll("a,1\rb,2\rc,3\r");
    assertEquals(3, recs.size());
    assertRecord(recs.get(0), 1, List.of("a", "1"));
    assertRecord(recs.get(1), 2, List.of("b", "2"));
    assertRecord(recs.get(2), 3, List.of("c", "3"));
  }

  @Test
  void mixedLineEndsInOneFile() throws IOException {
    // line 1 ends LF, line 2 CRLF, line 3 lone CR, line 4 has no line end.
    List<CsvRecord> recs = readAll("a\nb\r\nc\rd");
    assertEquals(4, recs.size());
    assertRecord(recs.get(0), 1, List.of("a"));
    assertRecord(recs.get(1), 2, List.of("b"));
    assertRecord(recs.get(2), 3, List.of("c"));
    assertRecord(recs.get(3), 4, List.of("d"));
  }

  @Test
  void crlfInsideAQuotedFieldCountsAsOneLine() throws IOException {
    // Record 1 spans lines 1-2; record 2 starts on line 3.
    List<CsvRecord> recs = readAll("\"x\r\ny\",1\r\nz,2\r\n");
    assertEquals(2, recs.size());
    assertRecord(recs.get(0), 1, List.of("x\r\ny", "1"));
    assertRecord(recs.get(1), 3, List.of("z", "2"));
  }

  @Test
  void loneCrInsideAQuotedFieldCountsAsOneLine() throws IOException {
    List<CsvRecord> recs = readAll("\"x\ry\",1\rz,2");
    assertEquals(2, recs.size());
    assertRecord(recs.get(0), 1, List.of("x\ry", "1"));
    assertRecord(recs.get(1), 3, List.of("z", "2"));
  }

  @Test
  void severalNewlinesInsideOneQuotedField() throws IOException {
    // Record 2 spans lines 2, 3 and 4 (two LFs inside quotes); record 3 is on line 5.
    List<CsvRecord> recs = readAll("h\n\"one\ntwo\nthree\"\nnext\n");
    assertEquals(3, recs.size());
    assertRecord(recs.get(1), 2, List.of("one\ntwo\nthree"));
    assertRecord(recs.get(2), 5, List.of("next"));
  }

  @Test
  void blankLinesAreSkippedButCounted() throws IOException {
    // 1 "a" LF, 2 blank LF, 3 "b" CRLF, 4 blank CRLF, 5 "c" CR, 6 blank (lone CR), 7 "d" LF,
    // then two trailing blank lines.
    List<CsvRecord> recs = readAll("a\n\nb\r\n\r\nc\r\rd\n\n\n");
    assertEquals(4, recs.size());
    assertRecord(recs.get(0), 1, List.of("a"));
    assertRecord(recs.get(1), 3, List.of("b"));
    assertRecord(recs.get(2), 5, List.of("c"));
    assertRecord(recs.get(3), 7, List.of("d"));
  }

  @Test
  void blankLinesAtTheStartAreSkipped() throws IOException {
    List<CsvRecord> recs = readAll("\n\r\nh,x\n");
    assertEquals(1, recs.size());
    assertRecord(recs.get(0), 3, List.of("h", "x"));
  }

  @Test
  void aLineOfSpacesOrOfCommasIsARecord() throws IOException {
    List<CsvRecord> recs = readAll("a,b\n   \n,,\n \t \n");
    assertEquals(4, recs.size());
    assertRecord(recs.get(1), 2, List.of("   "));
    assertRecord(recs.get(2), 3, List.of("", "", ""));
    assertRecord(recs.get(3), 4, List.of(" \t "));
  }

  @Test
  void nothingIsTrimmed() throws IOException {
    List<CsvRecord> recs = readAll(" 12 , x\n");
    assertRecord(recs.get(0), 1, List.of(" 12 ", " x"));
  }

  @Test
  void leadingBomIsIgnored() throws IOException {
    List<CsvRecord> recs = readAll("\uFEFFenterprise_id,name\nE1,x\n");
    assertEquals(2, recs.size());
    assertRecord(recs.get(0), 1, List.of("enterprise_id", "name"));
    assertEquals("enterprise_id,name", recs.get(0).raw());
    assertRecord(recs.get(1), 2, List.of("E1", "x"));
  }

  @Test
  void bomBeforeAQuotedHeaderIsIgnored() throws IOException {
    List<CsvRecord> recs = readAll("\uFEFF\"enterprise_id\",name\n");
    assertRecord(recs.get(0), 1, List.of("enterprise_id", "name"));
  }

  @Test
  void emptyInputAndBomOnlyInputHaveNoRecords() throws IOException {
    assertTrue(readAll("").isEmpty());
    assertTrue(readAll("\uFEFF").isEmpty());
    assertTrue(readAll("\n\r\n\r").isEmpty());
  }

  @Test
  void rawTextOfAMultiLineRecordHoldsAllItsLines() throws IOException {
    String text = "h1,h2\n\"line one\nline two\",\"say \"\"hi\"\"\"\nnext,3\n";
    List<CsvRecord> recs = readAll(text);
    assertEquals(3, recs.size());
    assertEquals("\"line one\nline two\",\"say \"\"hi\"\"\"", recs.get(1).raw());
    assertEquals(List.of("line one\nline two", "say \"hi\""), recs.get(1).fields());
    assertEquals(2, recs.get(1).line());
    assertEquals(2, recs.get(1).lines());
    assertEquals(1, recs.get(2).lines());
    assertEquals("next,3", recs.get(2).raw());
    assertEquals(4, recs.get(2).line());
  }

  @Test
  void theRawTextOfAVeryLongLineIsCut() throws IOException {
    String value = "9".repeat(100_000);
    List<CsvRecord> recs = readAll("h,v\nE1," + value + "\"\nE2,1\n");
    assertEquals(3, recs.size());
    CsvRecord bad = recs.get(1);
    assertTrue(bad.isMalformed());
    assertTrue(bad.raw().startsWith("E1,999"));
    // 64 K characters kept of the 100,004 of the line, and the number of the others
    assertEquals(
        "E1," + "9".repeat(65_536 - 3) + "...[" + (100_004 - 65_536) + " more characters not kept]",
        bad.raw());
    assertRecord(recs.get(2), 3, List.of("E2", "1"));
  }

  /**
   * The case of issue 19: one double quote typed at the start of a field opens a quoted field that
   * no quote closes. Only its line is malformed; every row after it is read.
   */
  @Test
  void aStrayQuoteCostsItsLineOnly() throws IOException {
    String header =
        "enterprise_id,year,month,above_scale,output_value,value_added,revenue,employees";
    String stray = "E0015,2019,9,true,\"1570.87,385.47,1451.51,139";
    List<CsvRecord> recs =
        readAll(
            header
                + "\n"
                + "E0014,2019,9,true,1.00,2.00,3.00,4\n" // line 2
                + stray
                + "\n" // line 3
                + "E0016,2019,9,true,1.00,2.00,3.00,4\n" // line 4
                + "E0017,2019,9,true,1.00,2.00,3.00,4\n"); // line 5
    assertEquals(5, recs.size());
    assertRecord(
        recs.get(1), 2, List.of("E0014", "2019", "9", "true", "1.00", "2.00", "3.00", "4"));
    CsvRecord bad = recs.get(2);
    assertEquals(3, bad.line());
    assertEquals(stray, bad.raw());
    assertEquals(1, bad.lines());
    assertEquals("a quoted field opened on this line is never closed", bad.malformed());
    assertRecord(
        recs.get(3), 4, List.of("E0016", "2019", "9", "true", "1.00", "2.00", "3.00", "4"));
    assertRecord(
        recs.get(4), 5, List.of("E0017", "2019", "9", "true", "1.00", "2.00", "3.00", "4"));
  }

  /** Two stray quotes close each other, but the text after the second breaks that record. */
  @Test
  void twoStrayQuotesOnLines10And20CostThoseTwoLinesOnly() throws IOException {
    StringBuilder text = new StringBuilder("id,a,b\n");
    for (int n = 2; n <= 25; n++) {
      if (n == 10 || n == 20) {
        text.append("E").append(n).append(",\"").append(n).append(",1\n");
      } else {
        text.append("E").append(n).append(',').append(n).append(",1\n");
      }
    }
    List<CsvRecord> recs = readAll(text.toString());
    assertEquals(25, recs.size(), "the header and one record per line 2-25");
    for (CsvRecord r : recs.subList(1, recs.size())) {
      long n = r.line();
      assertEquals(n == 10 || n == 20, r.isMalformed(), "line " + n + ": " + r);
      assertEquals(1, r.lines());
    }
    assertEquals("E10,\"10,1", recs.get(9).raw());
    assertEquals(
        "a quoted field opened on this line runs on to line 20, where there is text after a"
            + " closing quote",
        recs.get(9).malformed());
    // line 20's quote is at a field start too: it opens a field that nothing closes
    assertEquals("a quoted field opened on this line is never closed", recs.get(19).malformed());
    assertRecord(recs.get(10), 11, List.of("E11", "11", "1"));
  }

  @Test
  void aBrokenRecordIsItsFirstLineAndTheNextLineIsReadOnItsOwn() throws IOException {
    // line 2 breaks at x after "a" on its first line; its quoted field that would have run over
    // line 3 is part of that broken line, and line 3 is a record of its own (broken too)
    List<CsvRecord> recs = readAll("h1,h2,h3\n\"a\"x,\"multi\nline\",z\nc,d,e\n");
    assertEquals(4, recs.size());
    assertTrue(recs.get(1).isMalformed());
    assertEquals(2, recs.get(1).line());
    assertEquals("\"a\"x,\"multi", recs.get(1).raw());
    assertEquals("text after a closing quote", recs.get(1).malformed());
    assertEquals(3, recs.get(2).line());
    assertEquals("line\",z", recs.get(2).raw());
    assertEquals("quote inside an unquoted field", recs.get(2).malformed());
    assertRecord(recs.get(3), 4, List.of("c", "d", "e"));
    List<CsvRecord> stray = readAll("h\na,b\"c,d\ne,f\n");
    assertTrue(stray.get(1).isMalformed());
    assertEquals("a,b\"c,d", stray.get(1).raw());
    assertRecord(stray.get(2), 3, List.of("e", "f"));
  }

  @Test
  void aWellQuotedRecordOverSeveralLinesNeedsTheHeadersFieldCount() throws IOException {
    // header of 3 fields; lines 2-3 hold a well-quoted record of 2 fields: only line 2 is
    // rejected, and line 3 is read on its own (its quote is inside an unquoted field)
    List<CsvRecord> recs = readAll("a,b,c\n\"x\ny\",2\nz,1,2\n");
    assertEquals(4, recs.size());
    assertEquals("\"x", recs.get(1).raw());
    assertEquals(
        "a quoted field opened on this line makes a record of lines 2-3 with 2 fields where the"
            + " header has 3",
        recs.get(1).malformed());
    assertEquals("y\",2", recs.get(2).raw());
    assertRecord(recs.get(3), 4, List.of("z", "1", "2"));
    // on one line, a wrong field count is a record: the parse rejects it, naming the counts
    List<CsvRecord> oneLine = readAll("a,b,c\nx,y\n");
    assertRecord(oneLine.get(1), 2, List.of("x", "y"));
    // the same record with 3 fields is trusted and covers two lines
    List<CsvRecord> good = readAll("a,b,c\n\"x\r\ny\",2,3\r\nz,1,2\r\n");
    assertRecord(good.get(1), 2, List.of("x\r\ny", "2", "3"));
    assertEquals(2, good.get(1).lines());
    assertEquals("\"x\r\ny\",2,3", good.get(1).raw());
    assertRecord(good.get(2), 4, List.of("z", "1", "2"));
  }

  @Test
  void aReaderOfAChunkIsToldTheHeadersFieldCount() throws IOException {
    String chunk = "\"x\ny\",2\nz,1\n";
    try (CsvReader r = new CsvReader(new StringReader(chunk), 7, false, 2)) {
      CsvRecord first = r.next();
      assertRecord(first, 7, List.of("x\ny", "2"));
      assertEquals(2, first.lines());
      assertRecord(r.next(), 9, List.of("z", "1"));
    }
    try (CsvReader r = new CsvReader(new StringReader(chunk), 7, false, 3)) {
      assertTrue(r.next().isMalformed(), "2 fields over two lines where the header has 3");
      assertEquals(8, r.next().line());
    }
  }

  @Test
  void aMalformedHeaderGivesNoFieldCount() throws IOException {
    // the header's quote is inside an unquoted field: no count to hold records to, so a
    // well-quoted record over two lines is trusted whatever its width
    List<CsvRecord> recs = readAll("a\"b,c\n\"x\ny\"\n");
    assertTrue(recs.get(0).isMalformed());
    assertRecord(recs.get(1), 2, List.of("x\ny"));
  }

  @Test
  void aRecordMayCoverAtMostMaxRecordLines() throws IOException {
    int max = CsvReader.MAX_RECORD_LINES;
    // a note over exactly max lines (max - 1 quoted line breaks) is one record
    String note = "n\n".repeat(max - 1) + "end";
    List<CsvRecord> fits = readAll("id,note\nE1,\"" + note + "\"\nE2,x\n");
    assertRecord(fits.get(1), 2, List.of("E1", note));
    assertEquals(max, fits.get(1).lines());
    assertRecord(fits.get(2), 2 + max, List.of("E2", "x"));
    // one line more is a stray quote: line 2 is rejected, and every line after it is read
    String longer = "n\n".repeat(max) + "end";
    List<CsvRecord> over = readAll("id,note\nE1,\"" + longer + "\"\nE2,x\n");
    assertEquals("E1,\"n", over.get(1).raw());
    assertEquals(
        "a quoted field opened on this line runs on to line "
            + (2 + max)
            + ", past the "
            + max
            + " lines a record may cover",
        over.get(1).malformed());
    assertRecord(over.get(2), 3, List.of("n"));
    CsvRecord last = over.get(over.size() - 1);
    assertRecord(last, 3 + max, List.of("E2", "x"));
    assertEquals("quote inside an unquoted field", over.get(over.size() - 2).malformed());
  }

  @Test
  void goingBackToTheSecondLineWorksAcrossTheReadBuffer() throws IOException {
    // line 2 opens a quote and runs into line 3, 100,000 characters long, which ends with text
    // after a closing quote: the reader has refilled its buffer before it knows line 2 is broken,
    // and must still read line 3 from its start
    String line3 = "y".repeat(100_000) + "\"z,1";
    List<CsvRecord> recs = readAll("a,b\n\"x,\n" + line3 + "\nc,d\n");
    assertEquals(4, recs.size());
    assertEquals("\"x,", recs.get(1).raw());
    assertEquals(3, recs.get(2).line());
    assertEquals("quote inside an unquoted field", recs.get(2).malformed());
    assertTrue(recs.get(2).raw().startsWith("yyyy"));
    assertRecord(recs.get(3), 4, List.of("c", "d"));
  }

  @Test
  void textAfterAClosingQuoteIsMalformedAndReadingRecoversAtTheNextLine() throws IOException {
    List<CsvRecord> recs = readAll("a,b\n\"x\"y,2\nc,d\n");
    assertEquals(3, recs.size());
    CsvRecord bad = recs.get(1);
    assertTrue(bad.isMalformed());
    assertEquals(2, bad.line());
    assertEquals("\"x\"y,2", bad.raw());
    assertTrue(bad.fields().isEmpty());
    assertRecord(recs.get(2), 3, List.of("c", "d"));
  }

  @Test
  void spaceAfterAClosingQuoteIsMalformed() throws IOException {
    List<CsvRecord> recs = readAll("\"x\" ,2\r\nc,d\r\n");
    assertEquals(2, recs.size());
    assertTrue(recs.get(0).isMalformed());
    assertEquals(1, recs.get(0).line());
    assertEquals("\"x\" ,2", recs.get(0).raw());
    assertRecord(recs.get(1), 2, List.of("c", "d"));
  }

  @Test
  void quoteInsideAnUnquotedFieldIsMalformedAndReadingRecoversAtTheNextLine() throws IOException {
    List<CsvRecord> recs = readAll("a,b\nx\"y\",2\nc,d\n");
    assertEquals(3, recs.size());
    CsvRecord bad = recs.get(1);
    assertTrue(bad.isMalformed());
    assertEquals(2, bad.line());
    assertEquals("x\"y\",2", bad.raw());
    assertRecord(recs.get(2), 3, List.of("c", "d"));
  }

  @Test
  void quoteAfterALeadingSpaceIsInsideAnUnquotedField() throws IOException {
    List<CsvRecord> recs = readAll("a, \"b\"\nc,d\n");
    assertEquals(2, recs.size());
    assertTrue(recs.get(0).isMalformed());
    assertEquals("a, \"b\"", recs.get(0).raw());
    assertRecord(recs.get(1), 2, List.of("c", "d"));
  }

  @Test
  void aRecordBrokenOnItsSecondLineCostsItsFirstLineAndKeepsLineNumbers() throws IOException {
    // The quote opened on line 2 closes on line 3 before "junk": line 2 is rejected; line 3 is
    // read on its own and has a quote inside an unquoted field; "c,d" is on line 4.
    List<CsvRecord> recs = readAll("h,x\n\"one\ntwo\"junk,1\nc,d\n");
    assertEquals(4, recs.size());
    assertTrue(recs.get(1).isMalformed());
    assertEquals(2, recs.get(1).line());
    assertEquals("\"one", recs.get(1).raw());
    assertEquals(
        "a quoted field opened on this line runs on to line 3, where there is text after a closing"
            + " quote",
        recs.get(1).malformed());
    assertTrue(recs.get(2).isMalformed());
    assertEquals(3, recs.get(2).line());
    assertEquals("two\"junk,1", recs.get(2).raw());
    assertRecord(recs.get(3), 4, List.of("c", "d"));
  }

  @Test
  void anUnterminatedQuoteCostsItsLineOnly() throws IOException {
    List<CsvRecord> recs = readAll("a,b\n\"open,2\nc,d\ne,f\n");
    assertEquals(4, recs.size());
    CsvRecord bad = recs.get(1);
    assertTrue(bad.isMalformed());
    assertEquals(2, bad.line());
    assertTrue(bad.fields().isEmpty());
    assertEquals("\"open,2", bad.raw());
    assertRecord(recs.get(2), 3, List.of("c", "d"));
    assertRecord(recs.get(3), 4, List.of("e", "f"));
    // on the last line, without a line break after it
    List<CsvRecord> last = readAll("a,b\nc,\"d");
    assertEquals("c,\"d", last.get(1).raw());
    assertEquals("unterminated quoted field at the end of the file", last.get(1).malformed());
  }

  @Test
  void unterminatedQuoteEndingInAnEscapedQuote() throws IOException {
    // "" inside quotes is an escaped quote, so the field never closes.
    List<CsvRecord> recs = readAll("h\n\"abc\"\"\n");
    assertEquals(2, recs.size());
    assertTrue(recs.get(1).isMalformed());
    assertEquals(2, recs.get(1).line());
    assertEquals("\"abc\"\"", recs.get(1).raw());
  }

  @Test
  void emptyTrailingField() throws IOException {
    List<CsvRecord> recs = readAll("a,b,\nc,,\n");
    assertRecord(recs.get(0), 1, List.of("a", "b", ""));
    assertRecord(recs.get(1), 2, List.of("c", "", ""));
  }

  @Test
  void emptyTrailingFieldWithoutFinalNewline() throws IOException {
    List<CsvRecord> recs = readAll("a,b,");
    assertEquals(1, recs.size());
    assertRecord(recs.get(0), 1, List.of("a", "b", ""));
  }

  @Test
  void fileWithoutFinalNewline() throws IOException {
    List<CsvRecord> recs = readAll("a,b\nc,d");
    assertEquals(2, recs.size());
    assertRecord(recs.get(1), 2, List.of("c", "d"));
    assertEquals("c,d", recs.get(1).raw());
  }

  @Test
  void quotedLastFieldWithoutFinalNewline() throws IOException {
    List<CsvRecord> recs = readAll("a,\"b\nc\"");
    assertEquals(1, recs.size());
    assertRecord(recs.get(0), 1, List.of("a", "b\nc"));
  }

  @Test
  void nextAfterTheEndKeepsReturningNull() throws IOException {
    try (CsvReader r = new CsvReader(new StringReader("a\n"))) {
      assertEquals(List.of("a"), r.next().fields());
      assertNull(r.next());
      assertNull(r.next());
    }
  }

  @Test
  void crlfSplitAcrossTheReadBufferIsOneLineBreak() throws IOException {
    // The reader fills a 65536-char buffer; put the CR as its last char and the LF as the first
    // of the next fill. The second record must still start on line 2.
    int bufferSize = 1 << 16;
    String first = "x".repeat(bufferSize - 1);
    String text = first + "\r\n" + "y,1\n";
    List<CsvRecord> recs = readAll(text);
    assertEquals(2, recs.size());
    assertRecord(recs.get(0), 1, List.of(first));
    assertRecord(recs.get(1), 2, List.of("y", "1"));
  }

  @Test
  void crlfInsideQuotesSplitAcrossTheReadBufferIsOneLineBreak() throws IOException {
    int bufferSize = 1 << 16;
    // '"' + (bufferSize - 2) chars + CR fills the first buffer exactly; LF starts the next.
    String body = "x".repeat(bufferSize - 2);
    String text = "\"" + body + "\r\nz\",1\nnext,2\n";
    List<CsvRecord> recs = readAll(text);
    assertEquals(2, recs.size());
    assertRecord(recs.get(0), 1, List.of(body + "\r\nz", "1"));
    assertRecord(recs.get(1), 3, List.of("next", "2"));
  }
}
