package org.goalrollup.output;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * Atomic publishing through a symbolic link. {@code OUT} is a link to one complete run folder under
 * the hidden {@code .OUT.runs/} beside it. A run writes into a new run folder there, writes {@code
 * _SUCCESS} last, and then replaces the link with one {@code rename}: a reader of {@code OUT} sees
 * the previous complete output or the new complete output, never a mixture, and a run that fails or
 * is killed at any moment leaves the link, and so the previous output, as it was. Run folders that
 * are not the link's target are debris of failed or killed runs and are removed by the next run.
 */
public final class Publisher {
  public static final String SUCCESS = "_SUCCESS";
  public static final String MANIFEST = "_manifest.json";

  private final Path output;
  private final Path runs;
  private final Path staging;
  private final PrintStream log;

  public Publisher(String output, String runId, PrintStream log) {
    this.output = Path.of(output).toAbsolutePath().normalize();
    this.runs = this.output.resolveSibling("." + this.output.getFileName() + ".runs");
    this.staging = runs.resolve(runId);
    this.log = log;
  }

  /** The folder this run writes into. */
  public Path staging() {
    return staging;
  }

  public Path output() {
    return output;
  }

  /**
   * Checks that {@code OUT} is absent, a link made by an earlier run, or a folder holding an
   * earlier rollup output (never somebody else's files), removes debris of killed runs and creates
   * this run's folder. Call while holding the {@link RunLock}.
   */
  public void prepare() throws IOException {
    if (Files.exists(output, LinkOption.NOFOLLOW_LINKS)
        && !Files.isSymbolicLink(output)
        && Files.isDirectory(output)
        && !isEmpty(output)
        && !Files.exists(output.resolve(SUCCESS))
        && !Files.exists(output.resolve(MANIFEST))) {
      throw new IOException(
          output
              + " is not empty and holds no earlier rollup output (_SUCCESS); "
              + "refusing to replace it");
    }
    if (Files.exists(output, LinkOption.NOFOLLOW_LINKS)
        && !Files.isSymbolicLink(output)
        && !Files.isDirectory(output)) {
      throw new IOException(output + " exists and is not a folder");
    }
    if (Files.isSymbolicLink(output)) {
      Path target = output.getParent().resolve(Files.readSymbolicLink(output)).normalize();
      if (!runs.equals(target.getParent())) {
        throw new IOException(
            output
                + " is a symbolic link to "
                + target
                + ", not to a run folder of this rollup in "
                + runs
                + "; refusing to replace it");
      }
    }
    Files.createDirectories(runs);
    Path current = currentRun();
    for (Path stale : list(runs)) {
      if (!stale.equals(current)) {
        log.println("rollup: removing " + stale + " left by an earlier run that did not finish");
        deleteRecursively(stale);
      }
    }
    Files.createDirectories(staging);
  }

  /**
   * Fails unless each of these files (relative to the run folder) is there. On a cluster the
   * workers write the tables: if they do not see this folder at the same path as this process, the
   * tables land on their own disks, and the run folder must not be published without them.
   */
  public void requireWritten(List<String> files) throws IOException {
    for (String f : files) {
      Path p = staging.resolve(f);
      if (!Files.isRegularFile(p)) {
        throw new IOException(
            p
                + " is missing after the job wrote it: on a cluster, --output must be a folder that"
                + " this process and every worker see at the same path (see docs/cluster.md)");
      }
    }
  }

  /** Writes _SUCCESS last into the complete run folder and points {@code OUT} at it. */
  public void publish() throws IOException {
    cleanBeamTemp(staging);
    Files.writeString(staging.resolve(SUCCESS), "");
    Path previous = currentRun();
    if (Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
      // OUT is a plain folder (an empty one, or output of an older version): move it into the
      // runs folder first. This one-time migration is two renames, not one.
      Path legacy = runs.resolve("legacy-" + staging.getFileName());
      Files.move(output, legacy, StandardCopyOption.ATOMIC_MOVE);
      previous = legacy;
    }
    Path link = runs.resolveSibling("." + output.getFileName() + ".link-" + staging.getFileName());
    Files.deleteIfExists(link);
    Files.createSymbolicLink(link, output.getParent().relativize(staging));
    Files.move(link, output, StandardCopyOption.ATOMIC_MOVE);
    if (previous != null && runs.equals(previous.getParent())) {
      deleteRecursively(previous); // only ever a run folder of ours
    }
  }

  /** Removes this run's folder after a failure; the published output is untouched. */
  public void abandon() {
    try {
      deleteRecursively(staging);
    } catch (IOException e) {
      log.println("rollup: could not remove " + staging + ": " + e.getMessage());
    }
  }

  /** The run folder {@code OUT} points to, or null. */
  Path currentRun() throws IOException {
    if (!Files.isSymbolicLink(output)) {
      return null;
    }
    return output.getParent().resolve(Files.readSymbolicLink(output)).normalize();
  }

  private static List<Path> list(Path dir) throws IOException {
    List<Path> out = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(p -> out.add(p.toAbsolutePath().normalize()));
    }
    return out;
  }

  private static void cleanBeamTemp(Path dir) throws IOException {
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(p -> p.getFileName().toString().startsWith(".temp-beam")).toList()) {
        deleteRecursively(p);
      }
    }
  }

  private static boolean isEmpty(Path dir) throws IOException {
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      return !s.iterator().hasNext();
    }
  }

  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
