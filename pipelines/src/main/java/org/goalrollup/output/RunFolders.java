package org.goalrollup.output;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryIteratorException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * What the rollup owns beside an output {@code OUT}: the symbolic link {@code OUT}, the runs folder
 * {@code .OUT.runs/} and, in it, the run folders it created, each marked by a {@value #MARKER} file
 * naming the run. Nothing else is ever changed or deleted: a run folder without a valid marker
 * (another tool's, a copy, an older version's) is left alone, and so is any other file.
 */
public final class RunFolders {
  /** The marker a run writes first into each run folder it creates: its run id. */
  public static final String MARKER = ".rollup-run";

  /** The suffix of a run folder that retention has begun to remove. */
  static final String REMOVING = ".removing";

  private static final Pattern RUN_ID = Pattern.compile("run-(\\d{1,18})-(\\d{1,18})");

  private final Path output;
  private final Path runs;

  public RunFolders(Path output) {
    this.output = output.toAbsolutePath().normalize();
    this.runs = this.output.resolveSibling("." + this.output.getFileName() + ".runs");
  }

  /** The run id of a run started at {@code start} by this process: {@code run-<millis>-<pid>}. */
  public static String newRunId(Instant start) {
    return "run-" + start.toEpochMilli() + "-" + ProcessHandle.current().pid();
  }

  public Path output() {
    return output;
  }

  public Path runs() {
    return runs;
  }

  /** Thrown when {@code OUT} or the runs folder is something this rollup did not create. */
  public static final class NotOursException extends IOException {
    public NotOursException(String message) {
      super(message);
    }
  }

  /** What an entry of the runs folder is. */
  public enum State {
    /** A complete run folder of ours: marker and {@code _SUCCESS}. */
    PUBLISHED,
    /** A run folder of ours without {@code _SUCCESS}: a run that is writing or that failed. */
    UNFINISHED,
    /** A run folder of ours that retention began to remove. */
    REMOVING,
    /** Anything else: never changed or deleted. */
    FOREIGN
  }

  /** One entry of the runs folder; {@code started} is 0 for a foreign entry. */
  public record Entry(Path path, String id, State state, Instant started) {
    public boolean ours() {
      return state != State.FOREIGN;
    }
  }

  /**
   * Checks that {@code OUT} may be published into: absent, an empty folder, or a symbolic link to a
   * run folder in this output's runs folder; and that the runs folder, if present, is a folder.
   * Reads only.
   */
  public void checkOwned() throws IOException {
    if (Files.exists(runs, LinkOption.NOFOLLOW_LINKS)
        && (Files.isSymbolicLink(runs) || !Files.isDirectory(runs, LinkOption.NOFOLLOW_LINKS))) {
      throw new NotOursException(
          runs
              + " is not a folder this rollup made for the runs of "
              + output
              + "; nothing was touched: move it away or choose another --output");
    }
    if (!Files.exists(output, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    if (Files.isSymbolicLink(output)) {
      Path target = linkTarget(output);
      if (!runs.equals(target.getParent())) {
        throw new NotOursException(
            output
                + " is a symbolic link to "
                + target
                + ", not to a run folder of this rollup in "
                + runs
                + "; nothing was touched: remove that link or choose another --output");
      }
      if (!RUN_ID.matcher(target.getFileName().toString()).matches()) {
        throw new NotOursException(
            output
                + " points to "
                + target
                + ", which is not a run folder this rollup created; nothing was touched: remove"
                + " that link or choose another --output");
      }
      return;
    }
    if (!Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS)) {
      throw new NotOursException(
          output
              + " is a file, not a folder; nothing was touched: give --output a new or empty"
              + " folder");
    }
    List<String> names = new ArrayList<>();
    long count;
    try (Stream<Path> s = Files.list(output)) {
      List<Path> all = s.sorted().toList();
      count = all.size();
      all.stream().limit(3).forEach(p -> names.add(p.getFileName().toString()));
    }
    if (count > 0) {
      throw new NotOursException(
          output
              + " is a folder this rollup did not create (it holds "
              + String.join(", ", names)
              + (count > names.size() ? " and " + (count - names.size()) + " more" : "")
              + "); nothing was touched: give --output a new or empty folder, or move this one"
              + " away first (a _SUCCESS or _manifest.json does not make a folder a rollup output:"
              + " the rollup publishes a symbolic link into "
              + runs.getFileName()
              + ")");
    }
  }

  /** The run folder {@code OUT} points to, or null when it is not a symbolic link. */
  public Path current() throws IOException {
    if (!Files.isSymbolicLink(output)) {
      return null;
    }
    return linkTarget(output);
  }

  /**
   * Run folders that a symbolic link beside {@code OUT} other than {@code OUT} points to (an {@code
   * OUT} renamed with {@code mv}, or its link copied with {@code cp -a}), with the name of one such
   * link. Retention keeps them.
   */
  public Map<Path, String> pinned() throws IOException {
    Map<Path, String> pins = new LinkedHashMap<>();
    if (!Files.isDirectory(output.getParent())) {
      return pins;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(output.getParent())) {
      for (Path p : s) {
        Path link = p.toAbsolutePath().normalize();
        if (link.equals(output) || !Files.isSymbolicLink(link)) {
          continue;
        }
        try {
          Path target = linkTarget(link);
          if (runs.equals(target.getParent())) {
            pins.putIfAbsent(target, link.getFileName().toString());
          }
        } catch (IOException e) {
          // a link that vanished or cannot be read pins nothing
        }
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    }
    return pins;
  }

  /** Every entry of the runs folder: runs of ours newest first, then the foreign entries. */
  public List<Entry> list() throws IOException {
    List<Entry> entries = new ArrayList<>();
    if (!Files.isDirectory(runs, LinkOption.NOFOLLOW_LINKS)) {
      return entries;
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(runs)) {
      for (Path p : s) {
        entries.add(classify(p.toAbsolutePath().normalize()));
      }
    } catch (DirectoryIteratorException e) {
      throw e.getCause();
    }
    entries.sort(
        Comparator.comparing((Entry e) -> !e.ours())
            .thenComparing(Entry::started, Comparator.reverseOrder())
            .thenComparing(Entry::id, Comparator.reverseOrder()));
    return entries;
  }

  /** What one entry of the runs folder is; reads its marker. */
  static Entry classify(Path p) {
    String name = p.getFileName().toString();
    boolean removing = name.endsWith(REMOVING);
    String id = removing ? name.substring(0, name.length() - REMOVING.length()) : name;
    Matcher m = RUN_ID.matcher(id);
    if (!m.matches()
        || Files.isSymbolicLink(p)
        || !Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)
        || !id.equals(markedId(p))) {
      return new Entry(p, name, State.FOREIGN, Instant.EPOCH);
    }
    Instant started = Instant.ofEpochMilli(Long.parseLong(m.group(1)));
    State state =
        removing
            ? State.REMOVING
            : Files.exists(p.resolve(Publisher.SUCCESS), LinkOption.NOFOLLOW_LINKS)
                ? State.PUBLISHED
                : State.UNFINISHED;
    return new Entry(p, id, state, started);
  }

  /** The run id the marker of {@code runFolder} names, or null without a readable marker. */
  static String markedId(Path runFolder) {
    Path marker = runFolder.resolve(MARKER);
    if (!Files.isRegularFile(marker, LinkOption.NOFOLLOW_LINKS)) {
      return null;
    }
    Properties p = new Properties();
    try (InputStream in = Files.newInputStream(marker)) {
      p.load(in);
    } catch (IOException | IllegalArgumentException e) {
      return null;
    }
    return p.getProperty("run_id");
  }

  /** Creates the run folder {@code id} in the runs folder, its marker written and synced first. */
  public Path create(String id, Instant started) throws IOException {
    Path folder = runs.resolve(id);
    Files.createDirectory(folder);
    String marker =
        "# A run folder of the goal-attainment rollup for "
            + output
            + ".\n# The rollup deletes only folders with this file; see its README.\n"
            + "run_id="
            + id
            + "\nstarted="
            + started
            + "\n";
    Path file = folder.resolve(MARKER);
    try {
      Files.writeString(file, marker, StandardCharsets.UTF_8, StandardOpenOption.CREATE_NEW);
    } catch (IOException e) {
      try {
        deleteRecursively(folder); // just made by this call; unmarked it would never be cleaned
      } catch (IOException x) {
        e.addSuppressed(x);
      }
      throw e;
    }
    return folder;
  }

  /**
   * Points {@code OUT} at {@code runFolder} with one atomic {@code rename} of a new link over it.
   * An empty folder at {@code OUT} (allowed by {@link #checkOwned}) is removed first and restored
   * if the rename fails. The temporary link {@code .OUT.link-<run>} is made beside {@code OUT}; a
   * leftover link of that name is replaced, anything else there is left alone and fails the swap.
   */
  public void pointAt(Path runFolder) throws IOException {
    Path link =
        output.resolveSibling("." + output.getFileName() + ".link-" + runFolder.getFileName());
    try {
      if (Files.isSymbolicLink(link)) {
        Files.delete(link);
      } else if (Files.exists(link, LinkOption.NOFOLLOW_LINKS)) {
        throw new IOException(link + " is in the way and is not a link this rollup made");
      }
      Files.createSymbolicLink(link, output.getParent().relativize(runFolder));
      boolean emptyFolder = Files.isDirectory(output, LinkOption.NOFOLLOW_LINKS);
      try {
        if (emptyFolder) {
          Files.delete(output); // fails if somebody wrote into it meanwhile
        }
        try {
          Files.move(link, output, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
          if (emptyFolder) {
            Files.createDirectory(output);
          }
          throw e;
        }
      } catch (IOException e) {
        Files.deleteIfExists(link);
        throw e;
      }
    } catch (IOException e) {
      throw new IOException(
          "cannot point " + output + " at " + runFolder.getFileName() + ": " + reason(e), e);
    }
  }

  /** What went wrong, with the path: a file-system exception's own message may be the path only. */
  static String reason(IOException e) {
    String m = String.valueOf(e.getMessage());
    if (e instanceof FileSystemException f && f.getReason() == null) {
      if (e instanceof DirectoryNotEmptyException) {
        return m + ": folder not empty";
      }
      if (e instanceof FileAlreadyExistsException) {
        return m + ": already exists";
      }
      if (e instanceof AccessDeniedException) {
        return m + ": permission denied";
      }
      if (e instanceof NoSuchFileException) {
        return m + ": no such file or folder";
      }
    }
    return m;
  }

  /**
   * Removes a run folder of ours: renamed to {@code <id>.removing} first (atomic: it is at once no
   * longer a run to keep or roll back to), then deleted. Refuses the link's target and anything not
   * ours.
   */
  void remove(Entry e) throws IOException {
    if (!e.ours()) {
      throw new IllegalArgumentException(e.path() + " is not a run folder of this rollup");
    }
    Path current = current();
    if (current != null && (e.path().equals(current) || runs.resolve(e.id()).equals(current))) {
      throw new IllegalArgumentException(e.path() + " is what " + output + " points to");
    }
    Path doomed = e.path();
    if (e.state() != State.REMOVING) {
      doomed = runs.resolve(e.id() + REMOVING);
      Files.move(e.path(), doomed, StandardCopyOption.ATOMIC_MOVE);
    }
    deleteRunFolder(doomed);
  }

  /**
   * Deletes a run folder of ours with its marker last, so that a deletion that stops half way (a
   * file that cannot be deleted, a late write by a worker of a failed job) leaves a folder that is
   * still recognisably ours, for the next run to remove. A job that failed may still be finishing
   * other writes: the contents are deleted until none reappear.
   */
  static void deleteRunFolder(Path folder) throws IOException {
    if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    Path marker = folder.resolve(MARKER);
    byte[] mark = Files.isRegularFile(marker) ? Files.readAllBytes(marker) : null;
    for (int pass = 0; ; pass++) {
      List<Path> rest;
      try (Stream<Path> s = Files.walk(folder)) {
        rest =
            s.filter(p -> !p.equals(folder) && !p.equals(marker))
                .sorted(Comparator.reverseOrder())
                .toList();
      } catch (UncheckedIOException e) {
        throw e.getCause();
      }
      if (rest.isEmpty()) {
        break;
      }
      if (pass >= 20) {
        throw new IOException(folder + " keeps filling up: something is still writing into it");
      }
      for (Path p : rest) {
        try {
          Files.delete(p);
        } catch (NoSuchFileException | DirectoryNotEmptyException e) {
          // gone already, or a late write: the next pass takes it
        }
      }
      sleepBriefly(pass);
    }
    Files.deleteIfExists(marker);
    try {
      Files.delete(folder);
    } catch (DirectoryNotEmptyException e) {
      if (mark != null) {
        Files.write(marker, mark); // still ours: the next run removes it
      }
      throw e;
    }
  }

  private static void sleepBriefly(int pass) throws IOException {
    try {
      Thread.sleep(20L * (pass + 1)); // let a late write of a failed job show itself
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while deleting", e);
    }
  }

  /** Forces every file and folder under {@code root} to disk. */
  static void fsyncTree(Path root) throws IOException {
    List<Path> all;
    try (Stream<Path> s = Files.walk(root)) {
      all = s.toList();
    }
    for (Path p : all) {
      if (Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)
          || Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
        fsync(p);
      }
    }
  }

  /** Forces one file or folder to disk (on Linux a folder can be opened for reading and synced). */
  static void fsync(Path p) throws IOException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  /** Deletes {@code p} and everything under it, without following symbolic links. */
  static void deleteRecursively(Path p) throws IOException {
    if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
      return;
    }
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        try {
          Files.delete(q);
        } catch (NoSuchFileException e) {
          // already gone
        }
      }
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  /** Where a symbolic link points, as an absolute path resolved against the link's folder. */
  static Path linkTarget(Path link) throws IOException {
    return link.getParent().resolve(Files.readSymbolicLink(link)).toAbsolutePath().normalize();
  }
}
