package org.goalrollup.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.junit.jupiter.api.Test;

/** The line invariant and the reject share of lines, with counts worked out by hand. */
class LineAccountTest {

  @Test
  void linesThatAddUpPass() {
    // the sample's production.csv: 7069 lines = 1 blank + 1 header + 7058 accepted + 9 rejected
    LineAccount lines = new LineAccount(7069, 1, 1, 7058, 9);
    assertEquals(7067, lines.dataLines());
    assertNull(lines.check("production.csv"));
  }

  @Test
  void aLineLostOrCountedTwiceFailsNamingTheFileAndEveryCount() {
    // one accepted line short of 7069: 1 + 1 + 7057 + 9 = 7068
    assertEquals(
        "production.csv: the lines do not add up: 7069 physical lines, but 1 blank + 1 header +"
            + " 7057 accepted + 9 rejected = 7068 (1 line unaccounted for); the run's counts cannot"
            + " be trusted",
        new LineAccount(7069, 1, 1, 7057, 9).check("production.csv"));
    // a reject counted twice: 0 + 1 + 8 + 3 = 12 for 10 lines
    assertEquals(
        "rd.csv: the lines do not add up: 10 physical lines, but 0 blank + 1 header + 8 accepted"
            + " + 3 rejected = 12 (2 lines counted twice); the run's counts cannot be trusted",
        new LineAccount(10, 0, 1, 8, 3).check("rd.csv"));
  }

  @Test
  void theRejectShareIsOfLinesNotRows() {
    // one record over 81 lines rejected with the sample's 9 bad lines: 90 of 7067 data lines
    assertEquals(90.0 / 7067, new LineAccount(7069, 1, 1, 6977, 90).rejectRate(), 1e-15);
    // no data lines: no share
    assertEquals(0.0, new LineAccount(1, 0, 1, 0, 0).rejectRate());
    assertEquals(0.0, new LineAccount(0, 0, 0, 0, 0).rejectRate());
  }
}
