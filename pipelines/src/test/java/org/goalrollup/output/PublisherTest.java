package org.goalrollup.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The publisher on hand-made run folders (no pipeline): what it accepts as {@code OUT}, what it
 * keeps, what it removes, and that a fault at any step before the link swap leaves the previous run
 * published, and a fault after it does not fail the run.
 */
class PublisherTest {
  @TempDir Path work;
  Path out;
  ByteArrayOutputStream log;
  ByteArrayOutputStream warn;

  @BeforeEach
  void setUp() {
    out = work.resolve("out");
    log = new ByteArrayOutputStream();
    warn = new ByteArrayOutputStream();
  }

  Publisher publisher(long millis, int keepRuns) {
    return new Publisher(
        out.toString(),
        "run-" + millis + "-7",
        keepRuns,
        new PrintStream(log, true, StandardCharsets.UTF_8),
        new PrintStream(warn, true, StandardCharsets.UTF_8));
  }

  /** A whole publish of a run started at {@code millis} holding one table with {@code content}. */
  Path publishRun(long millis, int keepRuns, String content) throws IOException {
    Publisher p = publisher(millis, keepRuns);
    try {
      p.prepare(Instant.now());
      Files.createDirectories(p.staging().resolve("summary"));
      Files.writeString(p.staging().resolve("summary/part-00000.parquet"), content);
      p.requireWritten(List.of("summary/part-00000.parquet"));
      p.write(
          Publisher.Step.MANIFEST,
          Publisher.MANIFEST,
          () -> Files.writeString(p.staging().resolve(Publisher.MANIFEST), "{}"));
      p.publish();
    } catch (IOException | RuntimeException e) {
      p.abandon(); // as the pipeline's run does
      throw e;
    }
    return p.staging();
  }

  String logged() {
    return log.toString(StandardCharsets.UTF_8);
  }

  String warned() {
    return warn.toString(StandardCharsets.UTF_8);
  }

  List<String> runsFolder() throws IOException {
    try (Stream<Path> s = Files.list(work.resolve(".out.runs"))) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void refusesARunFolderWithoutItsTables() throws IOException {
    Publisher publisher = publisher(1000, 3);
    publisher.prepare(Instant.now());
    Files.createDirectories(publisher.staging().resolve("summary"));
    Files.writeString(publisher.staging().resolve("summary/part-00000.parquet"), "x");

    publisher.requireWritten(List.of("summary/part-00000.parquet"));
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                publisher.requireWritten(
                    List.of("summary/part-00000.parquet", "rejects/part-00000.parquet")));
    assertThat(e.getMessage(), containsString("rejects/part-00000.parquet is missing"));
    assertThat(e.getMessage(), containsString("every worker see at the same path"));
    assertFalse(Files.exists(out), "nothing published");
  }

  @Test
  void eachRunFolderCarriesItsMarkerAndTheLinkPointsAtTheNewRun() throws IOException {
    Path run = publishRun(1000, 3, "a");
    assertEquals(run, out.toRealPath());
    assertEquals("run-1000-7", RunFolders.markedId(run));
    assertEquals("a", Files.readString(out.resolve("summary/part-00000.parquet")));
    assertTrue(Files.exists(out.resolve(Publisher.SUCCESS)));
    assertEquals(Path.of(".out.runs/run-1000-7"), Files.readSymbolicLink(out), "a relative link");
  }

  @Test
  void anEmptyFolderIsReplacedByTheLink() throws IOException {
    Files.createDirectories(out);
    Path run = publishRun(1000, 3, "a");
    assertTrue(Files.isSymbolicLink(out));
    assertEquals(run, out.toRealPath());
  }

  /** Keeps the newest N published runs; the previous ones stay readable until then. */
  @Test
  void keepsTheLastPublishedRunsAndRemovesOlderOnesAfterPublishing() throws IOException {
    Path r1 = publishRun(1000, 3, "1");
    Path r2 = publishRun(2000, 3, "2");
    assertEquals("1", Files.readString(r1.resolve("summary/part-00000.parquet")), "kept: r1");
    Path r3 = publishRun(3000, 3, "3");
    assertEquals(List.of("run-1000-7", "run-2000-7", "run-3000-7"), runsFolder());
    assertThat(logged(), not(containsString("removing")));
    publishRun(4000, 3, "4");
    assertEquals(List.of("run-2000-7", "run-3000-7", "run-4000-7"), runsFolder());
    assertThat(logged(), containsString("removing the old run run-1000-7"));
    assertEquals("2", Files.readString(r2.resolve("summary/part-00000.parquet")));
    assertEquals("3", Files.readString(r3.resolve("summary/part-00000.parquet")));
    publishRun(5000, 1, "5");
    assertEquals(List.of("run-5000-7"), runsFolder(), "--keepRuns=1 keeps only the current run");
    assertEquals("", warned());
  }

  /**
   * Only folders with this rollup's marker are ever removed, a finished run never as "unfinished",
   * and an unfinished one only if its run began before this run took the lock.
   */
  @Test
  void removesOnlyItsOwnUnfinishedRunFoldersFromBeforeTheLock() throws IOException {
    RunFolders folders = new RunFolders(out);
    Files.createDirectories(folders.runs());
    Path killed = folders.create("run-500-1", Instant.ofEpochMilli(500)); // no _SUCCESS
    Path finished = folders.create("run-600-1", Instant.ofEpochMilli(600));
    Files.writeString(finished.resolve(Publisher.SUCCESS), "");
    Path copied = folders.runs().resolve("run-700-1"); // a copy of another run: marker says 600
    Files.createDirectories(copied);
    Files.writeString(copied.resolve(RunFolders.MARKER), "run_id=run-600-1\n");
    Path unmarked = folders.runs().resolve("run-800-1");
    Files.createDirectories(unmarked);
    Files.writeString(unmarked.resolve("notes.txt"), "mine");
    Path foreign = folders.runs().resolve("legacy-run");
    Files.createDirectories(foreign);
    Path later =
        folders.create("run-" + (System.currentTimeMillis() + 3_600_000) + "-1", Instant.now());

    Publisher p = publisher(900, 3);
    p.prepare(Instant.now());

    assertFalse(Files.exists(killed));
    assertThat(
        logged(),
        containsString(
            "removing " + killed + ": a run folder without _SUCCESS, left by a run that ended"));
    for (Path kept : List.of(finished, copied, unmarked, foreign, later)) {
      assertTrue(Files.isDirectory(kept), kept + " kept");
    }
    assertEquals("mine", Files.readString(unmarked.resolve("notes.txt")));
    assertThat(logged(), not(containsString("removing " + finished)));
    assertThat(logged(), containsString("leaving " + foreign + " alone"));
  }

  /**
   * {@code mv out out-2020} or {@code cp -a out out-copy} leaves a link beside OUT into the runs
   * folder: the runs it points to are kept beyond retention, so the copy never dangles.
   */
  @Test
  void keepsRunsThatAnotherLinkBesideTheOutputPointsTo() throws IOException {
    Path r1 = publishRun(1000, 1, "1");
    Files.move(out, work.resolve("out-2020"));
    publishRun(2000, 1, "2");
    Files.copy(out, work.resolve("out-copy"), LinkOption.NOFOLLOW_LINKS); // cp -a: the link
    publishRun(3000, 1, "3");
    publishRun(4000, 1, "4");
    assertEquals(List.of("run-1000-7", "run-2000-7", "run-4000-7"), runsFolder());
    assertEquals("1", Files.readString(work.resolve("out-2020/summary/part-00000.parquet")));
    assertEquals("2", Files.readString(work.resolve("out-copy/summary/part-00000.parquet")));
    assertEquals(r1, work.resolve("out-2020").toRealPath());
    assertThat(logged(), containsString("keeping the old run run-1000-7: out-2020"));
    assertThat(logged(), not(containsString("did not finish")));
  }

  static Stream<Arguments> foreignOutputs() {
    return Stream.of(
        Arguments.of(
            Named.of(
                "a Hadoop export with _SUCCESS",
                (Setup)
                    w -> {
                      Files.createDirectories(w.resolve("out"));
                      Files.writeString(w.resolve("out/_SUCCESS"), "");
                      Files.writeString(w.resolve("out/part-00000"), "data");
                    }),
            "is a folder this rollup did not create (it holds _SUCCESS, part-00000)"),
        Arguments.of(
            Named.of(
                "a thesis beside a stray manifest",
                (Setup)
                    w -> {
                      Files.createDirectories(w.resolve("out"));
                      Files.writeString(w.resolve("out/_manifest.json"), "{}");
                      Files.writeString(w.resolve("out/thesis.docx"), "chapter 1");
                    }),
            "(it holds _manifest.json, thesis.docx)"),
        Arguments.of(
            Named.of("a file", (Setup) w -> Files.writeString(w.resolve("out"), "x")),
            "is a file, not a folder"),
        Arguments.of(
            Named.of(
                "a link to a user's folder",
                (Setup)
                    w -> {
                      Files.createDirectories(w.resolve("mine"));
                      Files.writeString(w.resolve("mine/keep.txt"), "x");
                      Files.createSymbolicLink(w.resolve("out"), w.resolve("mine"));
                    }),
            "is a symbolic link to"),
        Arguments.of(
            Named.of(
                "a link into the runs folder to a folder it did not name",
                (Setup)
                    w -> {
                      Files.createDirectories(w.resolve(".out.runs/mine"));
                      Files.createSymbolicLink(w.resolve("out"), Path.of(".out.runs/mine"));
                    }),
            "which is not a run folder this rollup created"),
        Arguments.of(
            Named.of(
                "a runs folder that is a file",
                (Setup) w -> Files.writeString(w.resolve(".out.runs"), "x")),
            "is not a folder this rollup made for the runs of"));
  }

  interface Setup {
    void apply(Path work) throws IOException;
  }

  @ParameterizedTest
  @MethodSource("foreignOutputs")
  void refusesWhatItDidNotCreateAndTouchesNothing(Setup setup, String message) throws IOException {
    setup.apply(work);
    Map<String, String> before = tree(work);
    Publisher p = publisher(1000, 3);
    IOException e = assertThrows(RunFolders.NotOursException.class, p::checkOwned);
    assertThat(e.getMessage(), containsString(message));
    assertThat(e.getMessage(), containsString("nothing was touched"));
    assertThrows(RunFolders.NotOursException.class, () -> p.prepare(Instant.now()));
    p.abandon();
    assertEquals(before, tree(work));
  }

  /** Each step before the swap: a fault leaves the previous run published and intact. */
  @ParameterizedTest
  @org.junit.jupiter.params.provider.EnumSource(
      value = Publisher.Step.class,
      names = {"RUN_FOLDER", "TABLES", "MANIFEST", "SUCCESS", "FSYNC", "SWAP"})
  void aFaultBeforeTheSwapLeavesThePreviousRun(Publisher.Step step) throws IOException {
    Path previous = publishRun(1000, 3, "1");
    Map<String, String> before = tree(previous);
    try (Publisher.Injection i =
        Publisher.inject(
            (s, folder) -> {
              if (s == step) {
                throw new java.nio.file.AccessDeniedException(folder.toString(), null, "injected");
              }
            })) {
      assertThrows(IOException.class, () -> publishRun(2000, 3, "2"));
    }
    assertEquals(previous, out.toRealPath());
    assertEquals(before, tree(previous));
    assertEquals(List.of("run-1000-7"), runsFolder(), "the failed run's folder is removed");
    try (Stream<Path> s = Files.list(work)) {
      assertEquals(
          List.of(".out.runs", "out"),
          s.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary link left");
    }
  }

  /** After the swap nothing fails the run: a clean-up fault is a warning. */
  @Test
  void aFaultInTheCleanUpIsAWarningAndTheNewRunStaysPublished() throws IOException {
    Path previous = publishRun(1000, 1, "1");
    Path run;
    try (Publisher.Injection i =
        Publisher.inject(
            (s, folder) -> {
              if (s == Publisher.Step.CLEANUP) {
                throw new IOException("injected fault");
              }
            })) {
      run = publishRun(2000, 1, "2");
    }
    assertEquals(run, out.toRealPath());
    assertEquals("2", Files.readString(out.resolve("summary/part-00000.parquet")));
    assertTrue(Files.exists(out.resolve(Publisher.SUCCESS)));
    assertThat(warned(), containsString("warning: published " + out));
    assertThat(warned(), containsString("could not clean up older runs: injected fault"));
    assertTrue(Files.isDirectory(previous), "not removed: the clean-up failed");
  }

  /** Whatever called abandon() after the swap, the folder the link points to stays. */
  @Test
  void abandonNeverRemovesThePublishedRun() throws IOException {
    Publisher p = publisher(1000, 3);
    p.prepare(Instant.now());
    p.publish();
    p.abandon();
    assertTrue(Files.isDirectory(out.toRealPath()));
    assertTrue(Files.exists(out.resolve(Publisher.SUCCESS)));
  }

  /** The swap out of an empty folder is two steps: if the second fails, the folder comes back. */
  @Test
  void aFailedSwapFromAnEmptyFolderRestoresIt() throws IOException {
    Files.createDirectories(out);
    RunFolders folders = new RunFolders(out);
    Files.createDirectories(folders.runs());
    Path run = folders.create("run-1000-7", Instant.ofEpochMilli(1000));
    // a non-empty folder where the temporary link is made: a real failure before the rename
    Path blocker = work.resolve(".out.link-run-1000-7");
    Files.createDirectories(blocker.resolve("x"));
    assertThrows(IOException.class, () -> folders.pointAt(run));
    assertTrue(Files.isDirectory(out, LinkOption.NOFOLLOW_LINKS));
    Files.delete(blocker.resolve("x"));
    Files.delete(blocker);
    folders.pointAt(run);
    assertEquals(run, out.toRealPath());
  }

  /** Every file, folder and link under {@code root}, with its content or target. */
  static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : s.toList()) {
        String key = root.relativize(p).toString();
        if (Files.isSymbolicLink(p)) {
          files.put(key, "-> " + Files.readSymbolicLink(p));
        } else if (Files.isRegularFile(p)) {
          files.put(key, Files.readString(p, StandardCharsets.ISO_8859_1));
        } else {
          files.put(key + "/", "");
        }
      }
    }
    return files;
  }
}
