package org.goalrollup.output;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * Publishing through a staging folder beside the output: the pipeline writes into the staging
 * folder, and only a complete run is moved into place with directory renames on the same file
 * system. A failed run deletes its staging folder and leaves the output as it was.
 */
public final class Publisher {
  public static final String SUCCESS = "_SUCCESS";
  public static final String MANIFEST = "_manifest.json";

  private final Path output;
  private final Path staging;

  public Publisher(String output, String runId) {
    this.output = Path.of(output).toAbsolutePath().normalize();
    Path parent = this.output.getParent();
    this.staging = parent.resolve("." + this.output.getFileName() + ".staging-" + runId);
  }

  public Path staging() {
    return staging;
  }

  public Path output() {
    return output;
  }

  /**
   * Refuses an output folder that holds something other than a previous rollup output, so a
   * mistyped {@code --output} never replaces somebody's files; creates the staging folder.
   */
  public void prepare() throws IOException {
    if (Files.exists(output)) {
      if (!Files.isDirectory(output)) {
        throw new IOException(output + " exists and is not a folder");
      }
      if (!isEmpty(output)
          && !Files.exists(output.resolve(SUCCESS))
          && !Files.exists(output.resolve(MANIFEST))) {
        throw new IOException(
            output + " is not empty and holds no earlier rollup output (_SUCCESS); "
                + "refusing to replace it");
      }
    }
    Files.createDirectories(staging.getParent());
    deleteRecursively(staging);
    Files.createDirectories(staging);
  }

  /** Writes _SUCCESS last into the complete staging folder and moves it into place. */
  public void publish() throws IOException {
    cleanBeamTemp(staging);
    Files.writeString(staging.resolve(SUCCESS), "");
    Path old = null;
    if (Files.exists(output)) {
      old = staging.resolveSibling("." + output.getFileName() + ".old-" + staging.getFileName());
      Files.move(output, old, StandardCopyOption.ATOMIC_MOVE);
    }
    Files.move(staging, output, StandardCopyOption.ATOMIC_MOVE);
    if (old != null) {
      deleteRecursively(old);
    }
  }

  /** Removes the staging folder of a failed run. */
  public void abandon() {
    try {
      deleteRecursively(staging);
    } catch (IOException e) {
      System.err.println("warning: could not remove " + staging + ": " + e.getMessage());
    }
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
    if (!Files.exists(p)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
