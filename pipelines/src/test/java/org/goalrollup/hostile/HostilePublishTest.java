package org.goalrollup.hostile;

import static org.goalrollup.hostile.HostileRun.assertStillPublished;
import static org.goalrollup.hostile.HostileRun.copyOfSample;
import static org.goalrollup.hostile.HostileRun.run;
import static org.goalrollup.hostile.HostileRun.snapshot;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.goalrollup.output.LockHolder;
import org.goalrollup.output.Publisher;
import org.goalrollup.output.RunFolders;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Publishing as an operator meets it (issue 20): outputs that are not the rollup's are refused
 * before anything is touched, published runs are kept and can be rolled back to, and a fault at any
 * step of the publish leaves the previous run published, byte for byte.
 *
 * <p>Real faults where the machine allows them: a file where a table's folder goes, a folder where
 * a file goes, {@code chattr +i} (immutable; chmod does not stop root, which CI runs as), a full
 * tmpfs mounted by the test. The cases that need root or a mount abort with a message without them;
 * the rest inject the fault through {@link Publisher#inject}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HostilePublishTest {
  @TempDir static Path shared;

  /** The sample input, and an output published once that every failing case must leave as is. */
  static Path in;

  static Path out;
  static Path previousRun;
  static Map<String, byte[]> published;

  @BeforeAll
  static void publishOnce() throws IOException {
    in = copyOfSample(shared.resolve("in"));
    out = shared.resolve("pub/out");
    HostileRun.Result r = run(in, out);
    assertEquals(0, r.code(), r.console());
    previousRun = out.toRealPath();
    published = snapshot(out);
  }

  @AfterAll
  static void allowCleanUp() throws Exception {
    // undo any chattr +i a failed assertion left, so the temporary folder can be deleted
    try (Stream<Path> s = Files.walk(shared)) {
      for (Path p : s.filter(p -> !Files.isSymbolicLink(p)).toList()) {
        chattr("-i", p);
      }
    }
  }

  // ---------------------------------------------------------------- refused before anything

  /** A case refused at once: what to set up in a fresh folder, the command line, the outcome. */
  record Refusal(Setup setup, int code, String message) {}

  interface Setup {
    /** Prepares {@code work} and returns the command line. */
    String[] apply(Path work) throws IOException;
  }

  static Arguments refusal(String name, int code, String message, Setup setup) {
    return Arguments.of(Named.of(name, new Refusal(setup, code, message)));
  }

  static Stream<Arguments> refusedAtOnce() {
    return Stream.of(
        refusal(
            "--output holds a Hadoop/Spark export marker _SUCCESS",
            1,
            "is a folder this rollup did not create (it holds _SUCCESS, part-00000)",
            w -> {
              Files.createDirectories(w.resolve("out"));
              Files.writeString(w.resolve("out/_SUCCESS"), "");
              Files.writeString(w.resolve("out/part-00000"), "another tool's data");
              return args(in, w.resolve("out"));
            }),
        refusal(
            "--output is a user's folder with a stray _manifest.json",
            1,
            "(it holds _manifest.json, thesis.docx); nothing was touched",
            w -> {
              Files.createDirectories(w.resolve("out"));
              Files.writeString(w.resolve("out/_manifest.json"), "{\"pipeline\":\"goal-rollup\"}");
              Files.writeString(w.resolve("out/thesis.docx"), "chapter 1");
              return args(in, w.resolve("out"));
            }),
        refusal(
            "--output=IN --input=IN with a _SUCCESS in IN",
            2,
            "--input and --output are the same folder",
            w -> {
              Path data = copyOfSample(w.resolve("in"));
              Files.writeString(data.resolve("_SUCCESS"), "");
              return args(data, data);
            }),
        refusal(
            "--output= empty, as an unset $OUTDIR gives",
            2,
            "--output= is empty",
            w -> new String[] {"--input=" + in, "--output="}),
        refusal(
            "--input inside --output",
            2,
            "is inside --output=",
            w -> args(copyOfSample(w.resolve("out/inputs")), w.resolve("out"))),
        refusal(
            "--output inside --input",
            2,
            "is inside --input=",
            w -> args(copyOfSample(w.resolve("in")), w.resolve("in/out"))),
        refusal(
            "--output a parent of --input",
            2,
            "is inside --output=",
            w -> args(copyOfSample(w.resolve("data/in")), w.resolve("data"))),
        refusal(
            "--input is a run folder of --output",
            2,
            "where the rollup keeps the runs of --output=",
            w -> {
              Path run = fakePublishedRun(w);
              return args(run, w.resolve("out"));
            }),
        refusal(
            "--input is --output itself (the link)",
            2,
            "--input and --output are the same folder",
            w -> {
              fakePublishedRun(w);
              return args(w.resolve("out"), w.resolve("out"));
            }),
        refusal(
            "--output is a link to a user's folder",
            1,
            "is a symbolic link to",
            w -> {
              Files.createDirectories(w.resolve("mine"));
              Files.writeString(w.resolve("mine/keep.txt"), "mine");
              Files.createSymbolicLink(w.resolve("out"), w.resolve("mine"));
              return args(in, w.resolve("out"));
            }),
        refusal(
            "--output is a file",
            1,
            "is a file, not a folder",
            w -> {
              Files.writeString(w.resolve("out"), "a file");
              return args(in, w.resolve("out"));
            }),
        refusal(
            "--keepRuns=0",
            2,
            "--keepRuns=0 must be 1 or more",
            w -> new String[] {"--input=" + in, "--output=" + w.resolve("out"), "--keepRuns=0"}));
  }

  /**
   * Refused with one {@code error:} line, and the folder is exactly as before: nothing deleted,
   * moved or written, not even a lock file.
   */
  @ParameterizedTest
  @MethodSource("refusedAtOnce")
  @Order(1)
  void refusedBeforeAnythingIsTouched(Refusal c, @TempDir Path work) throws IOException {
    String[] args = c.setup().apply(work);
    Map<String, String> before = tree(work);
    HostileRun.Result r = run(args);
    assertEquals(c.code(), r.code(), r.console());
    assertEquals(1, r.errorLines().size(), r.console());
    assertThat(r.errorLines().get(0), containsString(c.message()));
    assertEquals(before, tree(work), "nothing touched");
  }

  /**
   * A second run while a live run holds the lock: refused at once, and the live run's lock file is
   * neither removed nor rewritten.
   */
  @Test
  @Order(2)
  void aRunRefusedByTheLockLeavesTheLiveRunsLockFile(@TempDir Path work) throws Exception {
    Path o = work.resolve("out");
    Process holder = LockHolder.start(o);
    try {
      Map<String, String> before = tree(work);
      HostileRun.Result r = run(in, o);
      assertEquals(1, r.code(), r.console());
      assertEquals(1, r.errorLines().size(), r.console());
      assertThat(r.errorLines().get(0), containsString("another rollup run is writing " + o));
      assertThat(r.errorLines().get(0), containsString("pid " + holder.pid()));
      assertEquals(before, tree(work), "the live run's lock file as it was, nothing else made");
    } finally {
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    }
  }

  /** A mount point can never be replaced by a link: refused before the job runs. */
  @Test
  @Order(3)
  void aMountPointAsOutputIsRefusedAtOnce(@TempDir Path work) throws Exception {
    Path mnt = Files.createDirectories(work.resolve("mnt"));
    mountTmpfs(mnt, "1m");
    try {
      HostileRun.Result r = run(in, mnt);
      assertEquals(2, r.code(), r.console());
      assertEquals(1, r.errorLines().size(), r.console());
      assertThat(r.errorLines().get(0), containsString("is a mount point"));
      assertThat(r.errorLines().get(0), containsString("use a folder below it"));
      try (Stream<Path> s = Files.list(mnt)) {
        assertEquals(List.of(), s.toList());
      }
    } finally {
      umount(mnt);
    }
  }

  // ---------------------------------------------------------------- faults while publishing

  /** A fault at one step of a run's publishing, and what the one error line must say. */
  record Fault(Publisher.Hook hook, String message) {}

  static Arguments fault(String name, String message, Publisher.Hook hook) {
    return Arguments.of(Named.of(name, new Fault(hook, message)));
  }

  /** A file where the table's folder goes: the job's write of that table fails for real. */
  static Arguments tableFault(String table) {
    return fault(
        "writing " + table + "/: a file is where its folder goes",
        table + "/part-00000.parquet",
        (step, folder) -> {
          if (step == Publisher.Step.RUN_FOLDER) {
            Files.writeString(folder.resolve(table), "in the way");
          }
        });
  }

  /** A folder where a file of the run goes: its write fails for real. */
  static Arguments fileFault(String file) {
    return fault(
        "writing " + file + ": a folder is where it goes",
        file,
        (step, folder) -> {
          if (step == Publisher.Step.RUN_FOLDER) {
            Files.createDirectories(folder.resolve(file).resolve("x"));
          }
        });
  }

  static Stream<Arguments> publishFaults() {
    return Stream.of(
        tableFault("summary"),
        tableFault("published"),
        tableFault("attainment"),
        tableFault("rejects"),
        tableFault("progress"),
        tableFault("review"),
        fileFault(Publisher.MANIFEST),
        fileFault("report.html"),
        fileFault(Publisher.SUCCESS),
        fault(
            "permission denied writing the manifest (injected: chmod does not stop root)",
            "_manifest.json: permission denied",
            (step, folder) -> {
              if (step == Publisher.Step.MANIFEST) {
                throw new AccessDeniedException(
                    folder.resolve(Publisher.MANIFEST).toString(), null, "Permission denied");
              }
            }),
        fault(
            "fsync fails (injected I/O error)",
            "Input/output error",
            (step, folder) -> {
              if (step == Publisher.Step.FSYNC) {
                throw new IOException(folder + ": Input/output error (injected)");
              }
            }),
        fault(
            "the swap: a folder is where the new link is made",
            "is in the way and is not a link this rollup made",
            (step, folder) -> {
              if (step == Publisher.Step.RUN_FOLDER) {
                Files.createDirectories(
                    out.resolveSibling(".out.link-" + folder.getFileName()).resolve("mine"));
              }
            }));
  }

  /**
   * Exit 1, one {@code error:} line naming the fault, the link still at the previous run, whose
   * files are byte-identical, and no folder of the failed run left beside it.
   */
  @ParameterizedTest
  @MethodSource("publishFaults")
  @Order(4)
  void aFaultWhilePublishingLeavesThePreviousRun(Fault f) throws IOException {
    HostileRun.Result r;
    try (Publisher.Injection i = Publisher.inject(f.hook())) {
      r = run(in, out);
    }
    try {
      assertEquals(1, r.code(), r.console());
      assertEquals(1, r.errorLines().size(), r.console());
      assertThat(r.errorLines().get(0), containsString(f.message()));
      assertThat(r.errorLines().get(0), containsString("nothing was published"));
      assertEquals(previousRun, out.toRealPath());
      assertStillPublished(published, out);
      assertEquals(
          List.of(previousRun),
          runFolders(out),
          "the failed run's folder is removed\n" + r.console());
    } finally {
      // what the test itself put in the way (never removed by the rollup: not its own)
      try (Stream<Path> s = Files.list(out.getParent())) {
        for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".out.link-")).toList()) {
          assertTrue(Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS), p + ": the test's folder");
          Files.delete(p.resolve("mine"));
          Files.delete(p);
        }
      }
    }
  }

  /**
   * Permission denied for real: the new run folder made immutable as the job starts. The failed run
   * cannot remove its own folder then, and says so in a warning; the previous run stays published.
   */
  @Test
  @Order(5)
  void anImmutableRunFolderFailsTheRunAndLeavesThePreviousOne() throws IOException {
    requireChattr();
    Path[] made = new Path[1];
    HostileRun.Result r;
    try (Publisher.Injection i =
        Publisher.inject(
            (step, folder) -> {
              if (step == Publisher.Step.RUN_FOLDER) {
                made[0] = folder;
                chattr("+i", folder);
              }
            })) {
      r = run(in, out);
    } finally {
      if (made[0] != null) {
        chattr("-i", made[0]);
      }
    }
    try {
      assertEquals(1, r.code(), r.console());
      assertEquals(1, r.errorLines().size(), r.console());
      assertThat(r.errorLines().get(0), containsString(made[0].toString()));
      assertThat(r.err(), containsString("warning: could not remove " + made[0]));
      assertEquals(previousRun, out.toRealPath());
      assertStillPublished(published, out);
    } finally {
      deleteTree(made[0]);
    }
  }

  /** A disk that fills up while the job writes: a small tmpfs holding the output. */
  @Test
  @Order(6)
  void aFullDiskFailsTheRunAndLeavesThePreviousOne(@TempDir Path work) throws Exception {
    Path disk = Files.createDirectories(work.resolve("disk"));
    mountTmpfs(disk, "16m");
    try {
      Path o = disk.resolve("out");
      HostileRun.Result first = run(in, o);
      assertEquals(0, first.code(), first.console());
      Path firstRun = o.toRealPath();
      Map<String, byte[]> before = snapshot(o);
      fill(disk.resolve("filler"), 64 * 1024);

      HostileRun.Result r = run(in, o);
      assertEquals(1, r.code(), r.console());
      assertEquals(1, r.errorLines().size(), r.console());
      assertThat(r.errorLines().get(0), containsString("disk full (no space left on device)"));
      assertEquals(firstRun, o.toRealPath());
      assertStillPublished(before, o);
    } finally {
      umount(disk);
    }
  }

  /**
   * After the link swap nothing fails the run: a fault in the clean-up is a warning, exit 0, and
   * the new run is published complete (the old code removed the new run's folder here and left the
   * link dangling). Runs last: it publishes a new run over the shared output.
   */
  @Test
  @Order(7)
  void aFaultAfterTheSwapIsAWarningAndTheNewRunStaysPublished() throws IOException {
    HostileRun.Result r;
    try (Publisher.Injection i =
        Publisher.inject(
            (step, folder) -> {
              if (step == Publisher.Step.CLEANUP) {
                throw new IllegalStateException("injected fault in the clean-up");
              }
            })) {
      r = run(in, out);
    }
    assertEquals(0, r.code(), r.console());
    assertEquals(List.of(), r.errorLines(), r.console());
    assertThat(r.err(), containsString("could not clean up older runs: injected fault"));
    Path now = out.toRealPath();
    assertTrue(!now.equals(previousRun), "the new run is published");
    assertEquals(snapshot(out).keySet(), published.keySet(), "complete: the same files");
    assertTrue(Files.exists(out.resolve(Publisher.SUCCESS)));
    assertStillPublished(published, previousRun); // kept, untouched
  }

  // ---------------------------------------------------------------- kept runs and rollback

  /**
   * The previous run stays (a reader inside it keeps working), can be listed and rolled back to,
   * and forward again; a failed rollback changes nothing.
   */
  @Test
  @Order(8)
  void publishedRunsAreKeptAndCanBeRolledBackTo(@TempDir Path work) throws IOException {
    Path o = work.resolve("out");
    assertEquals(0, run(in, o).code());
    Path r1 = o.toRealPath();
    Map<String, byte[]> first = snapshot(o);
    HostileRun.Result second = run(in, o);
    assertEquals(0, second.code(), second.console());
    assertThat(second.out(), not(containsString("did not finish")));
    assertThat(second.out(), not(containsString("removing")));
    Path r2 = o.toRealPath();
    assertTrue(!r1.equals(r2));
    assertStillPublished(first, r1); // a reader that cd'd into out before the run

    HostileRun.Result list = run("--output=" + o, "--listRuns");
    assertEquals(0, list.code(), list.console());
    List<String> lines = list.out().lines().filter(l -> l.startsWith("  run-")).toList();
    assertEquals(2, lines.size(), list.out());
    assertThat(lines.get(0), containsString(r2.getFileName() + "  published"));
    assertThat(lines.get(0), containsString("<- out"));
    assertThat(lines.get(0), containsString("years [2019,2020]"));
    assertThat(lines.get(1), containsString(r1.getFileName() + "  published"));

    HostileRun.Result back = run("--output=" + o, "--rollback");
    assertEquals(0, back.code(), back.console());
    assertThat(back.out(), containsString("now points to " + r1.getFileName()));
    assertEquals(r1, o.toRealPath());
    assertStillPublished(first, o);

    HostileRun.Result none = run("--output=" + o, "--rollback");
    assertEquals(1, none.code(), none.console());
    assertEquals(1, none.errorLines().size(), none.console());
    assertThat(none.errorLines().get(0), containsString("no published run older than"));
    HostileRun.Result unknown = run("--output=" + o, "--rollbackTo=run-1-1");
    assertEquals(1, unknown.code(), unknown.console());
    assertThat(unknown.errorLines().get(0), containsString("is not a published run kept for"));
    assertEquals(r1, o.toRealPath(), "a refused rollback changes nothing");
    HostileRun.Result withInput = run("--input=" + in, "--output=" + o, "--rollback");
    assertEquals(2, withInput.code(), withInput.console());

    HostileRun.Result forward = run("--output=" + o, "--rollbackTo=" + r2.getFileName());
    assertEquals(0, forward.code(), forward.console());
    assertEquals(r2, o.toRealPath());
  }

  /**
   * {@code cp -a out out-copy} copies the link, {@code mv out out-2020} renames it: the run they
   * point to is finished, so the next run neither calls it unfinished nor removes it, even when
   * retention ({@code --keepRuns=1}) would.
   */
  @Test
  @Order(9)
  void anOutputKeptByMvOrCpIsNeverDestroyed(@TempDir Path work) throws IOException {
    Path o = work.resolve("out");
    assertEquals(0, run(in, o).code());
    Map<String, byte[]> first = snapshot(o);
    Files.copy(o, work.resolve("out-copy"), LinkOption.NOFOLLOW_LINKS);
    Files.move(o, work.resolve("out-2020"));

    HostileRun.Result r = run(in, o, "--keepRuns=1");
    assertEquals(0, r.code(), r.console());
    assertThat(r.out(), not(containsString("did not finish")));
    assertThat(r.out(), not(containsString("without publishing")));
    assertThat(r.out(), containsString("beside the output points to it"));
    assertStillPublished(first, work.resolve("out-2020"));
    assertStillPublished(first, work.resolve("out-copy"));
    assertTrue(Files.exists(o.resolve(Publisher.SUCCESS)));
  }

  /**
   * The issue's {@code chattr +i} on the old report (and {@code chmod 555} on its summary): the
   * next run publishes; retention cannot remove the old run, which is a warning, never a failed
   * run, and {@code out} is complete.
   */
  @Test
  @Order(10)
  void anOldRunThatCannotBeRemovedIsAWarning(@TempDir Path work) throws IOException {
    requireChattr();
    Path o = work.resolve("out");
    assertEquals(0, run(in, o).code());
    Path r1 = o.toRealPath();
    chattr("+i", r1.resolve("report.html"));
    try {
      Files.setPosixFilePermissions(
          r1.resolve("summary"),
          java.nio.file.attribute.PosixFilePermissions.fromString("r-xr-xr-x"));
      HostileRun.Result r = run(in, o, "--keepRuns=1");
      assertEquals(0, r.code(), r.console());
      assertEquals(List.of(), r.errorLines(), r.console());
      assertThat(r.err(), containsString("warning: could not remove the old run folder"));
      Path r2 = o.toRealPath();
      assertTrue(!r1.equals(r2));
      for (String f : List.of("_SUCCESS", "_manifest.json", "report.html")) {
        assertTrue(Files.exists(o.resolve(f)), f);
      }
    } finally {
      try (Stream<Path> s = Files.walk(work)) {
        for (Path p : s.filter(p -> !Files.isSymbolicLink(p)).toList()) {
          chattr("-i", p);
        }
      }
    }
  }

  // ---------------------------------------------------------------- helpers

  static String[] args(Path input, Path output) {
    return new String[] {"--input=" + input, "--output=" + output};
  }

  /**
   * A published output made by hand in {@code work}: {@code out} links to a marked run folder with
   * {@code _SUCCESS} holding a copy of the sample. Returns the run folder.
   */
  static Path fakePublishedRun(Path work) throws IOException {
    RunFolders folders = new RunFolders(work.resolve("out"));
    Files.createDirectories(folders.runs());
    Path run = folders.create("run-1000-1", java.time.Instant.ofEpochMilli(1000));
    copyOfSample(run);
    Files.writeString(run.resolve(Publisher.SUCCESS), "");
    folders.pointAt(run);
    return run;
  }

  /** The run folders of output {@code o}, by real path. */
  static List<Path> runFolders(Path o) throws IOException {
    try (Stream<Path> s = Files.list(new RunFolders(o).runs())) {
      return s.map(p -> p.toAbsolutePath().normalize()).sorted().toList();
    }
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
          files.put(
              key, new String(Files.readAllBytes(p), java.nio.charset.StandardCharsets.ISO_8859_1));
        } else {
          files.put(key + "/", "");
        }
      }
    }
    return files;
  }

  /** Writes {@code file} until the disk is full, then frees {@code free} bytes of it. */
  static void fill(Path file, long free) throws IOException {
    byte[] block = new byte[64 * 1024];
    try (var ch =
        java.nio.channels.FileChannel.open(
            file,
            java.nio.file.StandardOpenOption.CREATE,
            java.nio.file.StandardOpenOption.WRITE)) {
      try {
        while (true) {
          ch.write(java.nio.ByteBuffer.wrap(block));
        }
      } catch (IOException full) {
        // the disk is full
      }
      ch.truncate(Math.max(0, ch.size() - free));
    }
  }

  static void mountTmpfs(Path dir, String size) throws Exception {
    int rc = exec("mount", "-t", "tmpfs", "-o", "size=" + size, "tmpfs", dir.toString());
    if (rc != 0) {
      org.junit.jupiter.api.Assumptions.abort(
          "needs root and mount -t tmpfs (a mount point, a full disk); mount exited " + rc);
    }
  }

  static void umount(Path dir) throws Exception {
    exec("umount", dir.toString());
  }

  static void requireChattr() throws IOException {
    Path probe = Files.createTempFile(shared, "chattr", "");
    boolean works = chattr("+i", probe);
    chattr("-i", probe);
    Files.delete(probe);
    if (!works) {
      Assumptions.abort("needs chattr +i (root with CAP_LINUX_IMMUTABLE on ext4, xfs or tmpfs)");
    }
  }

  static boolean chattr(String flag, Path p) {
    try {
      return exec("chattr", flag, p.toString()) == 0;
    } catch (Exception e) {
      return false;
    }
  }

  static int exec(String... command) throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    return p.waitFor(60, TimeUnit.SECONDS) ? p.exitValue() : -1;
  }

  /** Removes a folder the test made immutable, which a failed run could not remove. */
  static void deleteTree(Path p) throws IOException {
    if (p == null || !Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
