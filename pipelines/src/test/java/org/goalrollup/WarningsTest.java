package org.goalrollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Warnings are listed in reading order: by file, then by line as a number. */
class WarningsTest {
  @Test
  void byFileThenLineNumber() {
    assertEquals(
        List.of(
            "'RD.csv' in the input folder is not read",
            "region.csv: line 9: b",
            "region.csv: line 10: a",
            "targets.csv: lines 8, 12: c"),
        Warnings.ordered(
            List.of(
                "targets.csv: lines 8, 12: c",
                "region.csv: line 10: a",
                "'RD.csv' in the input folder is not read",
                "region.csv: line 9: b")));
  }
}
