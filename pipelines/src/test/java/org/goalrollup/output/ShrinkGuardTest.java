package org.goalrollup.output;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shrink guard's comparison, at and around its limits. */
class ShrinkGuardTest {
  static ShrinkGuard.Counts counts(long production, long sectors, long summaryRows) {
    Map<String, Long> m = new LinkedHashMap<>();
    m.put("production.csv", production);
    m.put("sectors.csv", sectors);
    return new ShrinkGuard.Counts(m, summaryRows);
  }

  @Test
  void aFallOfExactlyTheLimitPassesOneRowMoreFails() {
    ShrinkGuard.Counts before = counts(1000, 10, 252);
    assertNull(ShrinkGuard.check(before, counts(500, 10, 252), 0.5));
    assertEquals(
        "production.csv: 499 accepted rows against 1000 in the published run, down 50.1%, more"
            + " than --maxShrink=0.5 allows (an export cut short or of the wrong period?); if the"
            + " input really shrank, rerun with --allowShrink",
        ShrinkGuard.check(before, counts(499, 10, 252), 0.5));
    // growth is never a problem, nor a fall within a looser limit
    assertNull(ShrinkGuard.check(before, counts(5000, 10, 252), 0.5));
    assertNull(ShrinkGuard.check(before, counts(100, 10, 252), 0.9));
  }

  @Test
  void everyRequiredFileIsCompared() {
    // 10 sector rules down to 4: 60%
    String m = ShrinkGuard.check(counts(1000, 10, 252), counts(1000, 4, 252), 0.5);
    assertEquals(
        "sectors.csv: 4 accepted rows against 10 in the published run, down 60.0%",
        m.substring(0, m.indexOf(", more")));
  }

  @Test
  void anEmptySummaryWhereThePublishedOneWasNot() {
    assertEquals(
        "the summary would be empty (0 rows) where the published run has 252 rows: no year was"
            + " computed (no production of the asked year?); to publish an empty summary all the"
            + " same, rerun with --allowShrink",
        ShrinkGuard.check(counts(1000, 10, 252), counts(1000, 10, 0), 0.5));
    // an empty summary after an empty one is no change
    assertNull(ShrinkGuard.check(counts(1000, 10, 0), counts(1000, 10, 0), 0.5));
  }

  @Test
  void filesMissingOnEitherSideOrEmptyBeforeAreNotCompared() {
    ShrinkGuard.Counts before =
        new ShrinkGuard.Counts(Map.of("production.csv", 0L, "enterprises.csv", 300L), 252);
    assertNull(ShrinkGuard.check(before, counts(10, 1, 252), 0.5));
  }

  @Test
  void readsTheCountsOfAManifest(@TempDir Path dir) throws IOException {
    Path m = dir.resolve("_manifest.json");
    assertNull(ShrinkGuard.read(m), "no published run yet");
    Files.writeString(
        m,
        "{\"inputs\": [{\"file\": \"production.csv\", \"accepted\": 7058},"
            + " {\"file\": \"sectors.csv\", \"accepted\": 22}],"
            + " \"rows_written\": {\"summary.rows\": 252, \"rejects.rows\": 14}}");
    ShrinkGuard.Counts c = ShrinkGuard.read(m);
    assertEquals(Map.of("production.csv", 7058L, "sectors.csv", 22L), c.accepted());
    assertEquals(252, c.summaryRows());
    Files.writeString(m, "{\"half\": ");
    assertThrows(IOException.class, () -> ShrinkGuard.read(m));
  }
}
