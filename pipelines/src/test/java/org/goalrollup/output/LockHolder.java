package org.goalrollup.output;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * A process that holds the run lock of the output {@code args[0]} until its standard input closes:
 * a live run, for tests of what a second run does (locks are per process, so it must be another
 * one).
 */
public final class LockHolder {
  private LockHolder() {}

  public static void main(String[] args) throws Exception {
    try (RunLock lock =
        RunLock.acquire(Path.of(args[0]), new PrintStream(new ByteArrayOutputStream()))) {
      System.out.println("held");
      System.out.flush();
      while (System.in.read() >= 0) {
        // hold until the parent closes our input
      }
    }
  }

  /** Starts a holder of the lock of {@code output} and returns once it holds it. */
  public static Process start(Path output) throws Exception {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p =
        new ProcessBuilder(
                java,
                "-cp",
                System.getProperty("java.class.path"),
                LockHolder.class.getName(),
                output.toString())
            .redirectErrorStream(true)
            .start();
    String line =
        new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream())).readLine();
    if (!"held".equals(line)) {
      p.destroyForcibly();
      throw new IllegalStateException("the lock holder did not start: " + line);
    }
    return p;
  }
}
