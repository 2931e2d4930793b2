package org.goalrollup.hostile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.goalrollup.RollupPipeline;

/**
 * The harness of the hostile-input suite: a copy of the shipped sample to spoil, the whole rollup
 * run in this JVM as a user runs it (exit code, console), and a byte snapshot of the published
 * output to prove that a failed run left it as it was.
 */
public final class HostileRun {
  private HostileRun() {}

  /** What one run said and returned. */
  public record Result(int code, String out, String err) {
    /** The lines of standard error that start with {@code error:}. */
    public List<String> errorLines() {
      return err.lines().filter(l -> l.startsWith("error:")).toList();
    }

    /** Both streams, for assertion messages. */
    public String console() {
      return "exit " + code + "\n--- out\n" + out + "\n--- err\n" + err;
    }
  }

  /** The shipped sample, {@code testdata/haishu}, found above the working directory. */
  public static Path sample() {
    Path p = Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("testdata/haishu"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("testdata/haishu not found above the working directory");
    }
    return p.resolve("testdata/haishu");
  }

  /** Copies the shipped sample's files into {@code dir} (created if absent) and returns it. */
  public static Path copyOfSample(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (Stream<Path> s = Files.list(sample())) {
      for (Path f : s.toList()) {
        Files.copy(f, dir.resolve(f.getFileName()), StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir;
  }

  /** Runs {@code ./rollup args...} in this JVM, capturing what it prints. */
  public static Result run(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int code;
    try {
      code = RollupPipeline.run(args);
    } finally {
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs the rollup on {@code input} into {@code output} with extra options. */
  public static Result run(Path input, Path output, String... extra) {
    List<String> args = new ArrayList<>(List.of("--input=" + input, "--output=" + output));
    args.addAll(List.of(extra));
    return run(args.toArray(new String[0]));
  }

  /**
   * Every file of the run folder {@code output} points to, by path relative to it, with its bytes;
   * empty when nothing is published there.
   */
  public static Map<String, byte[]> snapshot(Path output) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    if (!Files.exists(output)) {
      return files;
    }
    Path run = output.toRealPath();
    try (Stream<Path> s = Files.walk(run)) {
      for (Path f : s.filter(Files::isRegularFile).toList()) {
        files.put(run.relativize(f).toString(), Files.readAllBytes(f));
      }
    }
    return files;
  }

  /** Asserts that {@code output} still holds exactly the files and bytes of {@code before}. */
  public static void assertStillPublished(Map<String, byte[]> before, Path output)
      throws IOException {
    Map<String, byte[]> now = snapshot(output);
    assertEquals(before.keySet(), now.keySet(), "the files published under " + output);
    for (Map.Entry<String, byte[]> e : before.entrySet()) {
      assertArrayEquals(e.getValue(), now.get(e.getKey()), e.getKey() + " changed");
    }
  }
}
