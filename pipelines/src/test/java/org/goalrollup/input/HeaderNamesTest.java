package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.StringReader;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A header name that differs from a contract column only by what a human cannot see, or by case, is
 * named with what is wrong, on the physical line and column where it is; so is a duplicate.
 */
class HeaderNamesTest {
  static final String RD = "enterprise_id,year,rd_expenditure,rd_personnel";

  /** What checking the header of {@code text} (as rd.csv) says; null if it is fine. */
  static String check(String text) throws Exception {
    try (CsvReader r = new CsvReader(new StringReader(text))) {
      CsvFiles.checkColumns(CsvFiles.readHeader(r, InputFile.RD), InputFile.RD);
      return null;
    } catch (InputException e) {
      return e.getMessage();
    }
  }

  static Stream<Arguments> headers() {
    return Stream.of(
        Arguments.of(
            "enterprise_id,year,rd_expenditure ,rd_personnel\n",
            "rd.csv: line 1, column 3: the header name 'rd_expenditure ' ends with a space; it"
                + " must be exactly 'rd_expenditure'"),
        // the reader drops the first byte-order mark; a second one stays in the first name
        Arguments.of(
            "\uFEFF\uFEFF" + RD + "\n",
            "rd.csv: line 1, column 1: the header name '\uFEFFenterprise_id' starts with a second"
                + " byte-order mark (U+FEFF; save the file with one at most); it must be exactly"
                + " 'enterprise_id'"),
        Arguments.of(
            "enterprise_id,\u3000year,rd_expenditure,rd_personnel\n",
            "rd.csv: line 1, column 2: the header name '\u3000year' starts with an ideographic"
                + " space (U+3000); it must be exactly 'year'"),
        Arguments.of(
            "enterprise_id,year,RD_Expenditure,rd_personnel\n",
            "rd.csv: line 1, column 3: the header name 'RD_Expenditure' differs in letter case;"
                + " it must be exactly 'rd_expenditure'"),
        // an optional column would silently be absent
        Arguments.of(
            RD + ",revision  \n",
            "rd.csv: line 1, column 5: the header name 'revision  ' ends with 2 spaces; it must"
                + " be exactly 'revision'"),
        // after two blank lines the header is on line 3
        Arguments.of(
            "\n\nenterprise_id,year,rd_expenditure\n",
            "rd.csv: line 3: required column rd_personnel missing from the header"),
        Arguments.of(
            "\n" + RD + ",year\n",
            "rd.csv: line 2, column 5: column 'year' appears twice in the header"),
        // a quoted name holding a line break moves the later columns to the next line
        Arguments.of(
            "enterprise_id,\"note\nmore\",year,rd_expenditure,rd_personnel,year\n",
            "rd.csv: line 2, column 6: column 'year' appears twice in the header"));
  }

  @ParameterizedTest
  @MethodSource("headers")
  void theProblemIsNamedWhereItIs(String text, String message) throws Exception {
    assertEquals(message, check(text));
  }

  @Test
  void aLookalikeBesideTheExactColumnIsAnExtraColumn() throws Exception {
    assertNull(check(RD + ",year \n"));
    assertNull(check("\uFEFF" + RD + "\n"));
  }

  @Test
  void theHeaderKeepsItsLine() throws Exception {
    Header h = Header.of("x.csv", 4, java.util.List.of("a", "b\r\nc", "d"), null);
    assertEquals(4, h.line());
    assertEquals(5, h.lineOf(2));
    assertThrows(
        InputException.class,
        () -> Header.of("x.csv", 4, java.util.List.of("a", "b\rc", "a"), null));
  }
}
