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
    assertEquals("next,3", recs.get(2).raw());
    assertEquals(4, recs.get(2).line());
  }

  @Test
  void theRawTextOfARecordRunningToTheEndOfALargeFileIsCut() throws IOException {
    String rest = "x,1\n".repeat(100_000); // 400,000 characters after the stray quote
    List<CsvRecord> recs = readAll("h,v\n\"open," + rest);
    assertEquals(2, recs.size());
    CsvRecord bad = recs.get(1);
    assertTrue(bad.isMalformed());
    assertTrue(bad.raw().startsWith("\"open,x,1\n"));
    assertTrue(bad.raw().length() < 65_600, "raw kept to 64 K characters: " + bad.raw().length());
    assertTrue(bad.raw().endsWith("more characters not kept]"), bad.raw().substring(65_000));
  }

  @Test
  void aBrokenRecordWhoseQuotedFieldSpansLinesIsOneReject() throws IOException {
    // line 2 breaks at x after "a"; its next field is quoted and runs over line 3
    List<CsvRecord> recs = readAll("h1,h2,h3\n\"a\"x,\"multi\nline\",z\nc,d,e\n");
    assertEquals(3, recs.size());
    assertTrue(recs.get(1).isMalformed());
    assertEquals(2, recs.get(1).line());
    assertEquals("\"a\"x,\"multi\nline\",z", recs.get(1).raw());
    assertRecord(recs.get(2), 4, List.of("c", "d", "e"));
    // a stray quote mid-field is text while looking for the record's end, not an opening quote
    List<CsvRecord> stray = readAll("h\na,b\"c,d\ne,f\n");
    assertTrue(stray.get(1).isMalformed());
    assertRecord(stray.get(2), 3, List.of("e", "f"));
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
  void malformedRecordAfterAMultiLineQuotedFieldKeepsLineNumbers() throws IOException {
    // The bad record starts on line 2 and runs to the end of line 3; "c,d" is on line 4.
    List<CsvRecord> recs = readAll("h,x\n\"one\ntwo\"junk,1\nc,d\n");
    assertEquals(3, recs.size());
    assertTrue(recs.get(1).isMalformed());
    assertEquals(2, recs.get(1).line());
    assertEquals("\"one\ntwo\"junk,1", recs.get(1).raw());
    assertRecord(recs.get(2), 4, List.of("c", "d"));
  }

  @Test
  void unterminatedQuoteIsOneMalformedRecordRunningToEndOfFile() throws IOException {
    List<CsvRecord> recs = readAll("a,b\n\"open,2\nc,d\ne,f\n");
    assertEquals(2, recs.size(), "header + one malformed record, nothing after it");
    CsvRecord bad = recs.get(1);
    assertTrue(bad.isMalformed());
    assertEquals(2, bad.line());
    assertTrue(bad.fields().isEmpty());
    assertTrue(bad.raw().startsWith("\"open,2\nc,d\ne,f"), bad.raw());
  }

  @Test
  void unterminatedQuoteEndingInAnEscapedQuote() throws IOException {
    // "" inside quotes is an escaped quote, so the field never closes.
    List<CsvRecord> recs = readAll("h\n\"abc\"\"\n");
    assertEquals(2, recs.size());
    assertTrue(recs.get(1).isMalformed());
    assertEquals(2, recs.get(1).line());
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
