package org.goalrollup.runners.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A Flink 1.16 session cluster on this machine: a JobManager ({@code
 * StandaloneSessionClusterEntrypoint}) and a TaskManager ({@code TaskManagerRunner}), each its own
 * JVM, started as {@code bin/jobmanager.sh} and {@code bin/taskmanager.sh} start them: JVM memory
 * options computed from {@code conf/flink-conf.yaml} by Flink's {@code BashJavaUtils}, then {@code
 * env.java.opts} (and the role's {@code env.java.opts.jobmanager}, {@code .taskmanager}, {@code
 * .client}) from the same file. The distribution's lib/ is assembled from the registry (module
 * flink-home); the scripts of {@code bin/} are not in the registry, which is why this class does
 * what they do.
 */
final class FlinkSession {
  final Path home;
  final int restPort;
  private final Path conf;
  private final Path logs;
  private final Processes processes;
  private final Map<String, String> settings;

  /**
   * @param flinkConf the lines of {@code conf/flink-conf.yaml}; the test adds the addresses and
   *     ports of this machine after them
   */
  FlinkSession(Path lib, Path home, Processes processes, String flinkConf) throws IOException {
    this.home = home;
    this.processes = processes;
    this.conf = Files.createDirectories(home.resolve("conf"));
    this.logs = Files.createDirectories(home.resolve("log"));
    Path tmp = Files.createDirectories(home.resolve("tmp"));
    if (!Files.exists(home.resolve("lib"))) {
      Files.createSymbolicLink(home.resolve("lib"), lib);
    }
    this.restPort = Ports.free();
    String local =
        String.join(
            "\n",
            "",
            "# added by the cluster test: this machine's addresses, free ports, own folders",
            "jobmanager.rpc.address: localhost",
            "jobmanager.bind-host: localhost",
            "jobmanager.rpc.port: " + Ports.free(),
            "taskmanager.host: localhost",
            "taskmanager.bind-host: localhost",
            "rest.address: localhost",
            "rest.bind-address: localhost",
            "rest.port: " + restPort,
            "io.tmp.dirs: " + tmp,
            "web.tmpdir: " + tmp,
            "# this machine has 2 cores shared with other work: Flink's 10 s for an RPC answer",
            "# (a task deployment) and 50 s for a heartbeat are too short when it is busy",
            "akka.ask.timeout: 2 min",
            "heartbeat.timeout: 300000",
            "");
    Files.writeString(conf.resolve("flink-conf.yaml"), flinkConf + local);
    // what the distribution's conf/log4j.properties and log4j-cli.properties do: everything at
    // INFO into the file that -Dlog.file names, nothing on the console
    String log4j =
        String.join(
            "\n",
            "rootLogger.level = INFO",
            "rootLogger.appenderRef.file.ref = FileAppender",
            "appender.file.name = FileAppender",
            "appender.file.type = File",
            "appender.file.append = true",
            "appender.file.fileName = ${sys:log.file}",
            "appender.file.layout.type = PatternLayout",
            "appender.file.layout.pattern = %d{yyyy-MM-dd HH:mm:ss,SSS} %-5p %-60c %x - %m%n",
            "");
    Files.writeString(conf.resolve("log4j.properties"), log4j);
    Files.writeString(conf.resolve("log4j-cli.properties"), log4j);
    this.settings = readConf(conf.resolve("flink-conf.yaml"));
  }

  /** Starts the JobManager and one TaskManager; returns when the TaskManager has registered. */
  void start() throws IOException, InterruptedException {
    Path jmLog = logs.resolve("jobmanager.out");
    List<String> jm =
        daemon(
            "GET_JM_RESOURCE_PARAMS",
            "jobmanager",
            "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint",
            List.of("--configDir", conf.toString(), "--executionMode", "cluster"));
    Process jobManager = processes.start(jm, Map.of(), home, jmLog);
    Ports.await(
        "Flink JobManager",
        restPort,
        "/overview",
        b -> b.contains("taskmanagers"),
        jobManager,
        jmLog,
        Duration.ofMinutes(3));
    Path tmLog = logs.resolve("taskmanager.out");
    List<String> tm =
        daemon(
            "GET_TM_RESOURCE_PARAMS",
            "taskmanager",
            "org.apache.flink.runtime.taskexecutor.TaskManagerRunner",
            List.of("--configDir", conf.toString()));
    Process taskManager = processes.start(tm, Map.of(), home, tmLog);
    Ports.await(
        "Flink TaskManager registered with the JobManager",
        restPort,
        "/overview",
        b -> b.replace(" ", "").contains("\"taskmanagers\":1"),
        taskManager,
        tmLog,
        Duration.ofMinutes(3));
  }

  /** {@code flink ARGS} run in {@code cwd} as {@code bin/flink} runs it. */
  Processes.Finished flink(List<String> args, Path cwd, Path log, Duration timeout)
      throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.addAll(javaOpts("client"));
    cmd.add("-Dlog.file=" + logs.resolve("flink-client.log"));
    cmd.add("-Dlog4j.configurationFile=file:" + conf.resolve("log4j-cli.properties"));
    cmd.add("-classpath");
    cmd.add(home.resolve("lib") + "/*");
    cmd.add("org.apache.flink.client.cli.CliFrontend");
    cmd.addAll(args);
    return processes.run(cmd, Map.of("FLINK_CONF_DIR", conf.toString()), cwd, log, timeout);
  }

  /** A setting of {@code conf/flink-conf.yaml}, or null. */
  String setting(String key) {
    return settings.get(key);
  }

  private List<String> daemon(
      String resourceCommand, String role, String mainClass, List<String> args)
      throws IOException, InterruptedException {
    List<String> resources = resourceParams(resourceCommand);
    List<String> cmd = new ArrayList<>();
    cmd.add(java());
    cmd.addAll(Arrays.asList(resources.get(0).trim().split("\\s+")));
    cmd.addAll(javaOpts(role));
    cmd.add(Processes.MARK);
    cmd.add("-Dlog.file=" + logs.resolve(role + ".log"));
    cmd.add("-Dlog4j.configurationFile=file:" + conf.resolve("log4j.properties"));
    cmd.add("-classpath");
    cmd.add(home.resolve("lib") + "/*");
    cmd.add(mainClass);
    cmd.addAll(args);
    if (resources.size() > 1 && !resources.get(1).isBlank()) {
      cmd.addAll(Arrays.asList(resources.get(1).trim().split("\\s+")));
    }
    return cmd;
  }

  /**
   * What {@code bin/config.sh} gets from {@code BashJavaUtils}: the JVM's memory options and the
   * derived memory settings handed to the daemon as {@code -D key=value}.
   */
  private List<String> resourceParams(String command) throws IOException, InterruptedException {
    ProcessBuilder pb =
        new ProcessBuilder(
                java(),
                "-classpath",
                home.resolve("lib") + "/*",
                "org.apache.flink.runtime.util.bash.BashJavaUtils",
                command,
                "--configDir",
                conf.toString())
            .redirectErrorStream(true);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.waitFor() != 0) {
      throw new AssertionError("BashJavaUtils " + command + " failed:\n" + out);
    }
    String prefix = "BASH_JAVA_UTILS_EXEC_RESULT:";
    List<String> results =
        out.lines()
            .filter(l -> l.startsWith(prefix))
            .map(l -> l.substring(prefix.length()))
            .toList();
    if (results.isEmpty()) {
      throw new AssertionError("BashJavaUtils " + command + " printed no result:\n" + out);
    }
    return results;
  }

  /** {@code env.java.opts} and {@code env.java.opts.ROLE}, unquoted as bin/config.sh does. */
  private List<String> javaOpts(String role) {
    List<String> opts = new ArrayList<>();
    for (String key : List.of("env.java.opts", "env.java.opts." + role)) {
      String v = settings.get(key);
      if (v != null) {
        v = v.trim().replaceAll("^\"|\"$", "");
        if (!v.isBlank()) {
          opts.addAll(Arrays.asList(v.trim().split("\\s+")));
        }
      }
    }
    return opts;
  }

  /**
   * The test's own JVM for every Flink process, in place of {@code env.java.home}: the test runs on
   * Java 17, which is what that setting names in docs/cluster.md.
   */
  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code key: value} lines, as Flink 1.16 reads flink-conf.yaml (the last one of a key wins). */
  static Map<String, String> readConf(Path file) throws IOException {
    Map<String, String> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(file)) {
      String l = line.contains("#") ? line.substring(0, line.indexOf('#')) : line;
      int colon = l.indexOf(": ");
      if (colon > 0) {
        m.put(l.substring(0, colon).trim(), l.substring(colon + 2).trim());
      }
    }
    return m;
  }
}
