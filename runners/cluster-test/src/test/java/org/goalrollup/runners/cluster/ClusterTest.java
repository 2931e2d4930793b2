package org.goalrollup.runners.cluster;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.goalrollup.RollupPipeline;
import org.goalrollup.runners.SameAsDirectRunner;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The cluster path of docs/cluster.md, run as an operator would on a real Spark standalone cluster
 * and a real Flink session cluster on this machine, every daemon its own JVM, from the registry's
 * jars: the commands and configuration are the page's own marked code blocks, with relative {@code
 * --input} and {@code --output} in a shared folder. Every table each run publishes must equal the
 * direct runner's, and each engine's console must be as quiet as the direct runner's.
 *
 * <p>What the test changes in the page's blocks, and only that: the example host names and ports
 * become this machine's ({@code spark-master.example:7077}, {@code jobmanager.example}), the jar
 * folder {@code /opt/rollup/} becomes the folder it was built in, and the shared folder {@code
 * /mnt/shared/rollup} a folder of the test. {@code spark-submit} and {@code flink} are run as the
 * distributions' scripts run them, whose scripts are not in the registry.
 */
class ClusterTest {
  static final Path REPO = SameAsDirectRunner.sample().getParent().getParent();
  static final Path WORK = Path.of(property("cluster.work")).toAbsolutePath().normalize();
  static final String SHARED = "/mnt/shared/rollup";
  static final Duration JOB = Duration.ofMinutes(15);

  /**
   * The most lines a run on a cluster may print that the direct runner does not print for the same
   * options: the engine's client may add a few (Flink's job id and run time, a warning or two), not
   * its INFO log. The direct runner prints about 45 for the sample: one per stage, the summary, the
   * goals.
   */
  static final int QUIET = 10;

  static DocBlocks docs;

  /** Per rollup options: the direct runner's output folder, and its console. */
  static final Map<List<String>, DirectRun> directRuns = new HashMap<>();

  record DirectRun(Path out, List<String> console) {}

  @BeforeAll
  static void setUp() throws IOException {
    docs = DocBlocks.read(REPO.resolve("docs/cluster.md"));
    Files.createDirectories(WORK);
  }

  @Test
  void sparkStandaloneCluster() throws Exception {
    // each cluster's processes end with its test, whatever happens in it
    try (Processes processes = new Processes(WORK.resolve("spark.pids"))) {
      sparkStandaloneCluster(processes);
    }
  }

  @Test
  void flinkSessionCluster() throws Exception {
    try (Processes processes = new Processes(WORK.resolve("flink.pids"))) {
      flinkSessionCluster(processes);
    }
  }

  void sparkStandaloneCluster(Processes processes) throws Exception {
    Path dir = fresh(WORK.resolve("spark"));
    long t0 = System.nanoTime();
    Map<String, String> workerEnv = new LinkedHashMap<>(docs.assignments("spark-env"));
    // the page's cleanup settings, checked every 10 s for folders idle 60 s, so the test sees one
    // go; later -D options win
    workerEnv.merge(
        "SPARK_WORKER_OPTS",
        "-Dspark.worker.cleanup.interval=10 -Dspark.worker.cleanup.appDataTtl=60",
        (a, b) -> a + " " + b);
    SparkStandalone spark =
        new SparkStandalone(
            Path.of(property("cluster.sparkJars")),
            dir.resolve("spark-3.5.1"),
            processes,
            workerEnv);
    spark.start();
    say("Spark master and worker up", t0);

    Path shared = sharedFolder(dir);
    Map<String, String> hosts = Map.of("spark://spark-master.example:7077", spark.masterUrl());
    List<String> submit = commandIn(docs.commands("spark-submit"), "spark-submit", hosts);
    Path driverTmp = Files.createDirectories(dir.resolve("driver-tmp"));
    String driverOpts = "-Djava.io.tmpdir=" + driverTmp + " " + Processes.MARK;

    // 1. as the page says
    long t1 = System.nanoTime();
    Processes.Finished first =
        spark.submit(submit, shared, driverOpts, dir.resolve("spark-submit-1.out"), JOB);
    say("spark-submit as documented: exit " + first.exitCode(), t1);
    // at once: the Worker's cleanup (below) removes the folder a minute after the run
    Path firstApp = onlyNew(spark.applicationFolders(), List.of());
    assertOnlyTheRollupJarShipped(firstApp);
    assertPublished(first, shared, rollupArgs(submit));

    // 2. with --sparkMaster as well, which Beam would take as a reason to ship the whole Spark
    // installation to the executors
    List<String> withMaster = new ArrayList<>(submit);
    withMaster.add("--sparkMaster=" + spark.masterUrl());
    long t2 = System.nanoTime();
    Processes.Finished second =
        spark.submit(withMaster, shared, driverOpts, dir.resolve("spark-submit-2.out"), JOB);
    say("spark-submit with --sparkMaster: exit " + second.exitCode(), t2);
    assertOnlyTheRollupJarShipped(onlyNew(spark.applicationFolders(), List.of(firstApp)));
    assertTrue(second.console().contains("--sparkMaster is ignored"), second.console());
    assertPublished(second, shared, rollupArgs(submit));
    try (Stream<Path> s = Files.walk(driverTmp)) {
      assertEquals(
          List.of(),
          s.filter(f -> f.toString().endsWith(".jar")).toList(),
          "temporary jars left by the driver");
    }

    // 3. the Worker removes a finished application's folder (spark.worker.cleanup.enabled)
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (Files.exists(firstApp) && System.nanoTime() < deadline) {
      Thread.sleep(2000);
    }
    assertTrue(!Files.exists(firstApp), firstApp + " still there: worker cleanup is not on");
    say("Spark standalone: all checks passed", t0);
  }

  void flinkSessionCluster(Processes processes) throws Exception {
    Path dir = fresh(WORK.resolve("flink"));
    long t0 = System.nanoTime();
    FlinkSession flink =
        new FlinkSession(
            Path.of(property("cluster.flinkLib")),
            dir.resolve("flink-1.16.0"),
            processes,
            docs.text("flink-conf").replace("jobmanager.example", "localhost"));
    flink.start();
    say("Flink JobManager and TaskManager up", t0);

    Path shared = sharedFolder(dir);
    Map<String, String> hosts = Map.of("jobmanager.example:8081", "localhost:" + flink.restPort);

    // 1. flink run, as the page says
    List<String> run = commandIn(docs.commands("flink-run"), "flink", hosts);
    long t1 = System.nanoTime();
    Processes.Finished viaClient = flink.flink(run, shared, dir.resolve("flink-run.out"), JOB);
    say("flink run as documented: exit " + viaClient.exitCode(), t1);
    assertPublished(viaClient, shared, rollupArgs(run));
    assertTrue(viaClient.console().contains("Job has been submitted with JobID"), "job id shown");

    // 2. java -jar with --flinkMaster, as the page says
    List<String> javaJar = commandIn(docs.commands("flink-java-jar"), "java", hosts);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(javaJar);
    long t2 = System.nanoTime();
    Processes.Finished viaJar =
        processes.run(command, Map.of(), shared, dir.resolve("flink-java-jar.out"), JOB);
    say("java -jar --flinkMaster as documented: exit " + viaJar.exitCode(), t2);
    assertPublished(viaJar, shared, rollupArgs(javaJar));
    say("Flink session: all checks passed", t0);
  }

  /**
   * The run exited 0 with a quiet console and published in {@code shared/out} the same tables as
   * the direct runner with the same rollup options.
   */
  static void assertPublished(Processes.Finished run, Path shared, List<String> rollupArgs)
      throws Exception {
    String console = run.console();
    assertEquals(0, run.exitCode(), "exit code; console:\n" + console);
    List<String> lines = console.lines().toList();
    assertTrue(
        lines.stream().noneMatch(l -> l.contains(" INFO ")),
        "the engine's INFO log is on the console:\n" + console);
    assertTrue(
        lines.stream().noneMatch(l -> l.startsWith("Accumulator Results")),
        "Flink's accumulator dump is on the console:\n" + console);
    Path out = shared.resolve(outputOf(rollupArgs));
    DirectRun direct = direct(shared, rollupArgs);
    List<String> directLines =
        direct.console().stream().map(l -> l.replace(direct.out().toString(), "OUT")).toList();
    List<String> own =
        lines.stream()
            .map(l -> l.replace(out.toString(), "OUT"))
            .filter(directLines::contains)
            .toList();
    List<String> foreign =
        lines.stream()
            .filter(l -> !directLines.contains(l.replace(out.toString(), "OUT")))
            .toList();
    assertEquals(
        directLines.size(), own.size(), "the direct runner's lines, all of them:\n" + console);
    assertTrue(
        foreign.size() <= QUIET,
        foreign.size()
            + " lines the direct runner does not print (at most "
            + QUIET
            + "):\n"
            + console);
    SameAsDirectRunner.assertSameTables(direct.out(), out);
    System.out.println("cluster-test: every table equals the direct runner's; the console:");
    lines.forEach(l -> System.out.println("  | " + l));
  }

  /**
   * The direct runner's output for the same rollup options, with the input made absolute as the
   * driver makes it (the manifest records the input folder, and is compared).
   */
  static DirectRun direct(Path shared, List<String> rollupArgs) throws IOException {
    List<String> args = new ArrayList<>();
    for (String a : rollupArgs) {
      if (a.startsWith("--input=")) {
        args.add("--input=" + shared.resolve(a.substring("--input=".length())).normalize());
      } else if (!a.startsWith("--output=")
          && !a.startsWith("--runner=")
          && !a.startsWith("--sparkMaster=")
          && !a.startsWith("--flinkMaster=")
          && !a.startsWith("--parallelism=")) {
        args.add(a);
      }
    }
    DirectRun known = directRuns.get(args);
    if (known != null) {
      return known;
    }
    Path out = WORK.resolve("direct-" + directRuns.size()).resolve("out");
    deleteTree(out.getParent());
    Files.createDirectories(out.getParent());
    List<String> all = new ArrayList<>(args);
    all.add("--output=" + out);
    ByteArrayOutputStream console = new ByteArrayOutputStream();
    PrintStream stdout = System.out;
    int rc;
    try {
      System.setOut(new PrintStream(console, true, StandardCharsets.UTF_8));
      rc = RollupPipeline.run(all.toArray(new String[0]));
    } finally {
      System.setOut(stdout);
    }
    String text = console.toString(StandardCharsets.UTF_8);
    assertEquals(0, rc, "direct runner " + all + ":\n" + text);
    DirectRun run = new DirectRun(out, text.lines().toList());
    directRuns.put(args, run);
    return run;
  }

  /** The rollup's own options on a submitting command line: the words after the rollup's jar. */
  static List<String> rollupArgs(List<String> command) {
    for (int i = 0; i < command.size(); i++) {
      if (command.get(i).matches(".*/rollup-(spark|flink)-[^/]*\\.jar")) {
        return command.subList(i + 1, command.size());
      }
    }
    throw new AssertionError("no rollup jar in " + command);
  }

  static String outputOf(List<String> rollupArgs) {
    return rollupArgs.stream()
        .filter(a -> a.startsWith("--output="))
        .map(a -> a.substring("--output=".length()))
        .findFirst()
        .orElseThrow();
  }

  /**
   * The page's block: a {@code cd} into the shared folder, then one command run by {@code program};
   * returns that command's arguments with the example hosts and the jar folder replaced. Paths must
   * stay relative, which is what the page shows and what the workers once got wrong.
   */
  static List<String> commandIn(
      List<List<String>> block, String program, Map<String, String> hosts) {
    assertEquals(2, block.size(), "a cd and one command: " + block);
    assertEquals(List.of("cd", SHARED), block.get(0), "the block starts in the shared folder");
    List<String> command = block.get(1);
    assertEquals(program, command.get(0), "the block's command");
    List<String> args = new ArrayList<>();
    for (String word : command.subList(1, command.size())) {
      for (Map.Entry<String, String> h : hosts.entrySet()) {
        word = word.replace(h.getKey(), h.getValue());
      }
      args.add(jar(word));
    }
    for (String a : rollupArgs(args)) {
      if (a.startsWith("--input=") || a.startsWith("--output=")) {
        assertTrue(!a.contains("=/"), "the page's example uses relative paths: " + a);
      }
    }
    return args;
  }

  /** {@code /opt/rollup/rollup-spark-0.1.0.jar} is the jar the build made. */
  static String jar(String word) {
    if (!word.startsWith("/opt/rollup/")) {
      return word;
    }
    String name = word.substring("/opt/rollup/".length());
    Path built =
        Path.of(
            name.startsWith("rollup-spark")
                ? property("cluster.sparkJar")
                : property("cluster.flinkJar"));
    assertEquals(name, built.getFileName().toString(), "the page names the jar the build makes");
    assertTrue(
        Files.isRegularFile(built),
        built + " is missing: build the runner jars first (runners/cluster-test/run.sh does)");
    return built.toString();
  }

  /** A shared folder as the page has it: the sample as {@code in/2020-12}. */
  static Path sharedFolder(Path dir) throws IOException {
    Path shared = Files.createDirectories(dir.resolve("mount")).toRealPath();
    Path in = Files.createDirectories(shared.resolve("in/2020-12"));
    try (Stream<Path> s = Files.list(SameAsDirectRunner.sample())) {
      for (Path f : s.toList()) {
        Files.copy(f, in.resolve(f.getFileName()));
      }
    }
    return shared;
  }

  /**
   * The executors of one application fetched the rollup's jar and nothing else: no Spark jars (the
   * Worker has them) and no temporary jar of a classpath folder.
   */
  static void assertOnlyTheRollupJarShipped(Path app) throws IOException {
    List<String> jars;
    try (Stream<Path> s = Files.walk(app)) {
      jars =
          s.filter(f -> f.toString().endsWith(".jar"))
              .map(f -> f.getFileName().toString())
              .distinct()
              .sorted()
              .toList();
    }
    assertEquals(
        List.of(Path.of(property("cluster.sparkJar")).getFileName().toString()),
        jars,
        "jars shipped to the executors of " + app.getFileName());
  }

  static Path onlyNew(List<Path> now, List<Path> before) {
    List<Path> added = now.stream().filter(p -> !before.contains(p)).toList();
    assertEquals(1, added.size(), "new application folders: " + added);
    return added.get(0);
  }

  static Path fresh(Path dir) throws IOException {
    deleteTree(dir);
    return Files.createDirectories(dir).toRealPath();
  }

  static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(java.util.Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  static String property(String name) {
    String v = System.getProperty(name);
    if (v == null) {
      throw new IllegalStateException(
          "system property " + name + " is not set: run through runners/cluster-test/run.sh");
    }
    return v;
  }

  static void say(String what, long since) {
    System.out.printf("cluster-test: %s (%.0f s)%n", what, (System.nanoTime() - since) / 1e9);
  }
}
