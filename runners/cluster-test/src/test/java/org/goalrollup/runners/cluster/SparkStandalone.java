package org.goalrollup.runners.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A Spark standalone cluster on this machine, each daemon its own JVM as {@code
 * sbin/start-master.sh} and {@code sbin/start-worker.sh} start them: a Master, and a Worker that
 * launches executor JVMs for each application. The installation is the jars/ folder assembled from
 * the registry (module spark-home) plus the RELEASE file and conf/ folder of a binary distribution.
 * Every Spark command line is built by Spark's own launcher ({@code
 * org.apache.spark.launcher.Main}, what {@code bin/spark-class} runs), so the daemons and {@code
 * spark-submit} get the JVM options that the real scripts give them, including those Spark needs on
 * Java 17.
 */
final class SparkStandalone {
  final Path home;
  final int masterPort;
  private final Processes processes;
  private final Map<String, String> env = new HashMap<>();
  private final Path logs;

  /**
   * @param sparkEnv the variables of {@code conf/spark-env.sh}, as {@code bin/load-spark-env.sh}
   *     exports them to every Spark command
   */
  SparkStandalone(Path jars, Path home, Processes processes, Map<String, String> sparkEnv)
      throws IOException {
    this.home = home;
    this.processes = processes;
    this.logs = Files.createDirectories(home.resolve("logs"));
    Files.createDirectories(home.resolve("conf"));
    Files.createDirectories(home.resolve("work"));
    if (!Files.exists(home.resolve("jars"))) {
      Files.createSymbolicLink(home.resolve("jars"), jars);
    }
    // how Spark's launcher knows an installation from a source tree
    Files.writeString(
        home.resolve("RELEASE"), "Spark 3.5.1 (jars assembled by the cluster test)\n");
    this.masterPort = Ports.free();
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.12"); // what bin/load-spark-env.sh exports
    env.put("SPARK_LOCAL_IP", "127.0.0.1"); // every daemon and executor on the loopback address
    env.put("SPARK_LOCAL_HOSTNAME", "localhost");
    env.put("SPARK_DAEMON_JAVA_OPTS", Processes.MARK);
    env.put("SPARK_WORKER_DIR", home.resolve("work").toString());
    env.putAll(sparkEnv);
  }

  String masterUrl() {
    return "spark://localhost:" + masterPort;
  }

  /** Starts the Master and one Worker offering this machine's cores; returns when it is ALIVE. */
  void start() throws IOException, InterruptedException {
    int masterUi = Ports.free();
    Path masterLog = logs.resolve("master.out");
    Process master =
        processes.start(
            sparkClass(
                "org.apache.spark.deploy.master.Master",
                List.of(
                    "--host", "localhost",
                    "--port", "" + masterPort,
                    "--webui-port", "" + masterUi)),
            env,
            home,
            masterLog);
    Ports.await(
        "Spark master",
        masterUi,
        "/json/",
        b -> b.contains("ALIVE"),
        master,
        masterLog,
        Duration.ofMinutes(3));
    Path workerLog = logs.resolve("worker.out");
    Process worker =
        processes.start(
            sparkClass(
                "org.apache.spark.deploy.worker.Worker",
                List.of(
                    "--host",
                    "localhost",
                    "--port",
                    "" + Ports.free(),
                    "--webui-port",
                    "" + Ports.free(),
                    masterUrl())),
            env,
            home,
            workerLog);
    Ports.await(
        "Spark worker registered with the master",
        masterUi,
        "/json/",
        b -> b.replace(" ", "").contains("\"aliveworkers\":1"),
        worker,
        workerLog,
        Duration.ofMinutes(3));
  }

  /**
   * {@code spark-submit ARGS} run in {@code cwd} as {@code bin/spark-submit} runs it ({@code
   * spark-class org.apache.spark.deploy.SparkSubmit ARGS}), with extra JVM options for the driver
   * in {@code SPARK_SUBMIT_OPTS}, a variable the real script reads too.
   */
  Processes.Finished submit(
      List<String> args, Path cwd, String submitOpts, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Map<String, String> submitEnv = new HashMap<>(env);
    submitEnv.put("SPARK_SUBMIT_OPTS", submitOpts);
    return processes.run(
        sparkClass("org.apache.spark.deploy.SparkSubmit", args, submitEnv),
        submitEnv,
        cwd,
        log,
        timeout);
  }

  /** The application folders the Worker made for its executors, {@code work/app-*}. */
  List<Path> applicationFolders() throws IOException {
    try (var s = Files.list(home.resolve("work"))) {
      return s.filter(p -> p.getFileName().toString().startsWith("app-")).sorted().toList();
    }
  }

  private List<String> sparkClass(String mainClass, List<String> args)
      throws IOException, InterruptedException {
    return sparkClass(mainClass, args, env);
  }

  /** The command {@code bin/spark-class MAIN ARGS} would run: what Spark's launcher prints. */
  private List<String> sparkClass(String mainClass, List<String> args, Map<String, String> e)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx128m");
    cmd.add("-cp");
    cmd.add(home.resolve("jars") + "/*");
    cmd.add("org.apache.spark.launcher.Main");
    cmd.add(mainClass);
    cmd.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT);
    pb.environment().putAll(e);
    pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new IllegalStateException("Spark's launcher failed for " + mainClass);
    }
    // NUL-separated words, as bin/spark-class reads them
    List<String> command = new ArrayList<>();
    for (String w : out.split("\0")) {
      String word = w.startsWith("\n") ? w.substring(1) : w;
      if (!word.isEmpty()) {
        command.add(word);
      }
    }
    return command;
  }
}
