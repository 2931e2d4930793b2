package org.goalrollup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a nightly operator relies on: a run killed with SIGKILL at any moment leaves the previous
 * output readable and unchanged, the next run cleans up after it and keeps the previous run; one
 * run at a time per output; the same inputs publish the same rows in the same order.
 */
class OperationsTest {
  @TempDir Path work;

  static String fixture() throws Exception {
    return RollupGraphTest.fixture();
  }

  /** The rollup in a child JVM, so it can be killed like a real nightly process. */
  static Process startChild(String input, Path output, Path log) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    return new ProcessBuilder(
            java,
            "-cp",
            System.getProperty("java.class.path"),
            RollupPipeline.class.getName(),
            "--input=" + input,
            "--output=" + output,
            "--maxRejectRate=0.5")
        .redirectErrorStream(true)
        .redirectOutput(log.toFile())
        .start();
  }

  /** Waits until the child has created a run folder and begun writing into it. */
  static Path awaitOutputBegins(Path output, Path previousRun, Process child) throws Exception {
    Path runs = output.resolveSibling("." + output.getFileName() + ".runs");
    Instant deadline = Instant.now().plus(Duration.ofSeconds(120));
    while (Instant.now().isBefore(deadline) && child.isAlive()) {
      if (Files.isDirectory(runs)) {
        try (Stream<Path> s = Files.list(runs)) {
          for (Path run : s.toList()) {
            if (!run.equals(previousRun) && Files.exists(run.resolve("rejects"))) {
              return run;
            }
          }
        } catch (java.nio.file.NoSuchFileException e) {
          // a folder vanished while listing; look again
        }
      }
      Thread.sleep(20);
    }
    throw new AssertionError("the child run never began writing; alive=" + child.isAlive());
  }

  static List<String> rows(Path output, String table) throws Exception {
    return RollupEndToEndTest.query("select * from '" + output + "/" + table + "/*.parquet'");
  }

  static int runInProcess(Path output, PrintStream out, PrintStream err, String input) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    System.setOut(out);
    System.setErr(err);
    try {
      return RollupPipeline.run(
          new String[] {"--input=" + input, "--output=" + output, "--maxRejectRate=0.5"});
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
  }

  @Test
  void killedRunLeavesThePreviousOutputAndTheNextRunCleansUp() throws Exception {
    Path out = work.resolve("out");
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(log, true, StandardCharsets.UTF_8);
    assertEquals(0, runInProcess(out, ps, ps, fixture()), log.toString());
    Path firstRun = out.toRealPath();
    List<String> summary = rows(out, "summary");
    byte[] manifest = Files.readAllBytes(out.resolve("_manifest.json"));

    Process child = startChild(fixture(), out, work.resolve("child.log"));
    Path childRun = awaitOutputBegins(out, firstRun, child);
    child.destroyForcibly(); // SIGKILL
    assertTrue(child.waitFor(30, TimeUnit.SECONDS));
    assertEquals(137, child.exitValue(), "killed by SIGKILL");

    // the previous output is exactly as it was, and readable
    assertEquals(firstRun, out.toRealPath());
    assertEquals(summary, rows(out, "summary"));
    assertTrue(
        java.util.Arrays.equals(manifest, Files.readAllBytes(out.resolve("_manifest.json"))));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));

    // the next run succeeds, takes over the lock and removes the killed run's folder, which
    // had no _SUCCESS; the first run, finished, is kept (the last 3 published runs are)
    log.reset();
    assertEquals(0, runInProcess(out, ps, ps, fixture()), log.toString());
    String said = log.toString(StandardCharsets.UTF_8);
    assertThat(said, containsString("taking over the lock"));
    assertThat(
        said,
        containsString("removing " + childRun + ": a run folder without _SUCCESS, left by a run"));
    try (Stream<Path> s = Files.list(work.resolve(".out.runs"))) {
      assertEquals(
          java.util.Set.of(firstRun, out.toRealPath()),
          s.map(this::real).collect(java.util.stream.Collectors.toSet()));
    }
    assertEquals(summary, rows(out, "summary"), "same inputs, same rows");
  }

  private Path real(Path p) {
    try {
      return p.toRealPath();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void aSecondRunOnTheSameOutputExitsAtOnce() throws Exception {
    Path out = work.resolve("out");
    Process child = startChild(fixture(), out, work.resolve("child.log"));
    awaitOutputBegins(out, null, child);
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
    Instant t0 = Instant.now();
    int code = runInProcess(out, ps, ps, fixture());
    String said = err.toString(StandardCharsets.UTF_8);
    assertEquals(1, code, said);
    assertThat(said, containsString("another rollup run is writing"));
    assertThat(said, containsString("pid " + child.pid()));
    assertThat(said, containsString(".out.lock"));
    assertTrue(Duration.between(t0, Instant.now()).toSeconds() < 10, "exits at once");
    assertTrue(child.waitFor(120, TimeUnit.SECONDS));
    assertEquals(0, child.exitValue(), Files.readString(work.resolve("child.log")));
    assertTrue(Files.exists(out.resolve("_SUCCESS")));
  }

  @Test
  void twoRunsPublishTheSameRowsInTheSameOrder() throws Exception {
    Path a = work.resolve("a");
    Path b = work.resolve("b");
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    String sample = RollupEndToEndTest.SAMPLE.toString();
    assertEquals(0, runInProcess(a, quiet, quiet, sample));
    assertEquals(0, runInProcess(b, quiet, quiet, sample));
    for (String table : List.of("summary", "attainment", "rejects")) {
      List<String> ra = rows(a, table);
      assertTrue(ra.size() > 0, table);
      assertEquals(ra, rows(b, table), table);
    }
  }

  @Test
  void targetsWithAnUnknownDistrictLeaveThePreviousOutput(@TempDir Path in) throws Exception {
    Path out = work.resolve("out");
    try (Stream<Path> s = Files.list(Path.of(fixture()))) {
      for (Path f : s.toList()) {
        Files.copy(f, in.resolve(f.getFileName()));
      }
    }
    PrintStream quiet = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
    assertEquals(0, runInProcess(out, quiet, quiet, in.toString()));
    List<String> before = rows(out, "attainment");
    Files.writeString(
        in.resolve("targets.csv"),
        "indicator,sector_id,district,year,direction,ensure,strive\n"
            + "revenue,,D9,2020,AT_LEAST,1,\n");
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream ps = new PrintStream(err, true, StandardCharsets.UTF_8);
    assertEquals(1, runInProcess(out, ps, ps, in.toString()));
    assertThat(err.toString(StandardCharsets.UTF_8), containsString("'D9' is not a district"));
    assertEquals(before, rows(out, "attainment"));
    List<Path> runs = new ArrayList<>();
    try (Stream<Path> s = Files.list(work.resolve(".out.runs"))) {
      s.forEach(runs::add);
    }
    assertEquals(1, runs.size(), "the failed run's folder is removed: " + runs);
  }
}
