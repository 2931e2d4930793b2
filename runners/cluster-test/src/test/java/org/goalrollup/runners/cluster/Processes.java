package org.goalrollup.runners.cluster;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The processes the cluster test starts: daemons (a Spark master and worker, a Flink JobManager and
 * TaskManager) and the commands that submit jobs to them. {@link #close} ends every one of them and
 * whatever they started (the executors a Spark worker launches) whatever happened before, and so
 * does a hook when the test's JVM is stopped. Each process's PID goes into a file that the next run
 * reads first, so daemons left by a run that was killed outright are ended too.
 */
final class Processes implements AutoCloseable {
  /** Put on every daemon's command line: how a later run knows a PID in the file is ours. */
  static final String MARK = "-Dgoalrollup.clusterTest=true";

  private final Path pidFile;
  private final List<ProcessHandle> started = new ArrayList<>();
  private final Thread hook = new Thread(this::endAll, "cluster-test-teardown");

  /** What a command printed and its exit code. */
  record Finished(int exitCode, String console, Path log) {}

  Processes(Path pidFile) throws IOException {
    this.pidFile = pidFile;
    endLeftovers(pidFile);
    Files.createDirectories(pidFile.getParent());
    Files.writeString(pidFile, "");
    Runtime.getRuntime().addShutdownHook(hook);
  }

  /** Starts a daemon; its standard output and error go to {@code log}. */
  Process start(List<String> command, Map<String, String> env, Path cwd, Path log)
      throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(cwd.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    synchronized (started) {
      started.add(p.toHandle());
    }
    Files.writeString(
        pidFile, p.pid() + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    return p;
  }

  /** Runs a command to its end (at most {@code timeout}, then it is ended and this fails). */
  Finished run(List<String> command, Map<String, String> env, Path cwd, Path log, Duration timeout)
      throws IOException, InterruptedException {
    Process p = start(command, env, cwd, log);
    if (!p.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
      end(List.of(p.toHandle()));
      throw new AssertionError(
          "still running after " + timeout + ": " + String.join(" ", command) + "\n" + tail(log));
    }
    return new Finished(p.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
  }

  /** The last lines of a log, for a failure message. */
  static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 60), lines.size()));
    } catch (IOException e) {
      return "(" + log + " unreadable: " + e + ")";
    }
  }

  @Override
  public void close() {
    endAll();
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down: the hook is running this
    }
  }

  private void endAll() {
    List<ProcessHandle> all;
    synchronized (started) {
      all = new ArrayList<>(started);
      started.clear();
    }
    end(all);
  }

  /**
   * Ends processes and their descendants: TERM first, so a Spark worker stops its executors and a
   * Flink TaskManager leaves its JobManager in order, then KILL for whatever is still there after
   * 20 seconds.
   */
  static void end(List<ProcessHandle> processes) {
    List<ProcessHandle> all = new ArrayList<>();
    for (ProcessHandle p : processes) {
      // descendants first: once their parent is gone they are no longer its descendants
      p.descendants().forEach(all::add);
      all.add(p);
    }
    all.forEach(ProcessHandle::destroy);
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    for (ProcessHandle p : all) {
      long left = deadline - System.nanoTime();
      try {
        p.onExit().get(Math.max(left, 1), TimeUnit.NANOSECONDS);
      } catch (Exception e) {
        p.destroyForcibly();
      }
    }
    for (ProcessHandle p : all) {
      try {
        p.onExit().get(10, TimeUnit.SECONDS);
      } catch (Exception e) {
        throw new IllegalStateException("process " + p.pid() + " did not end", e);
      }
    }
  }

  /** Ends the daemons a previous run listed and left running (their command line has MARK). */
  private static void endLeftovers(Path pidFile) throws IOException {
    if (!Files.exists(pidFile)) {
      return;
    }
    List<ProcessHandle> left = new ArrayList<>();
    try (Stream<String> lines = Files.lines(pidFile)) {
      lines
          .filter(l -> l.matches("\\d+"))
          .map(Long::parseLong)
          .flatMap(pid -> ProcessHandle.of(pid).stream())
          .filter(p -> p.info().arguments().map(a -> List.of(a).contains(MARK)).orElse(false))
          .forEach(left::add);
    }
    if (!left.isEmpty()) {
      System.out.println("cluster-test: ending " + left.size() + " daemons left by an earlier run");
      end(left);
    }
  }
}
