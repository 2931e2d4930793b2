package org.goalrollup.output;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Atomic publishing through a symbolic link, touching only what the rollup created. {@code OUT} is
 * a link to one complete run folder under the hidden {@code .OUT.runs/} beside it ({@link
 * RunFolders}). A run writes everything into a new run folder (its marker first, {@code _SUCCESS}
 * last), forces it to disk, and then replaces the link with one {@code rename}: readers of {@code
 * OUT} see the previous complete output or the new one, never a mixture, and a run that fails or is
 * killed before the rename leaves the link, and so the previous output, as it was. After the rename
 * nothing can fail the run: cleaning up is best effort, with a warning. The last {@code keepRuns}
 * published runs are kept (a reader inside the previous one keeps working, and {@code --rollback}
 * can return to it); older ones are removed after a successful publish, never the link's target or
 * a run that another link beside {@code OUT} points to.
 */
public final class Publisher {
  public static final String SUCCESS = "_SUCCESS";
  public static final String MANIFEST = "_manifest.json";
  public static final int DEFAULT_KEEP_RUNS = 3;

  /** The steps of a run's publishing, in order; a {@link Hook} can fail any of them in tests. */
  public enum Step {
    /** The run folder has just been created (with its marker), before the tables are written. */
    RUN_FOLDER,
    /** The job has written the tables; they are about to be checked. */
    TABLES,
    MANIFEST,
    REPORT,
    SUCCESS,
    FSYNC,
    /** The link is about to be pointed at the new run folder. */
    SWAP,
    /** The link points at the new run folder; older runs are about to be cleaned up. */
    CLEANUP
  }

  /** Fault injection for tests: called at each step with the run folder; may throw. */
  public interface Hook {
    void at(Step step, Path runFolder) throws IOException;
  }

  /** An installed hook; closing it removes it. */
  public interface Injection extends AutoCloseable {
    @Override
    void close();
  }

  private static final Hook NONE = (step, runFolder) -> {};
  private static volatile Hook hook = NONE;

  /** Test only: calls {@code h} at every step of every run until the injection is closed. */
  public static Injection inject(Hook h) {
    hook = h;
    return () -> hook = NONE;
  }

  /** An action of a step that writes a file. */
  public interface IoAction {
    void run() throws IOException;
  }

  private final RunFolders folders;
  private final String runId;
  private final Path staging;
  private final int keepRuns;
  private final PrintStream log;
  private final PrintStream warn;
  private boolean created;

  /** A publisher keeping the default number of runs, logging and warning on {@code log}. */
  public Publisher(String output, String runId, PrintStream log) {
    this(output, runId, DEFAULT_KEEP_RUNS, log, log);
  }

  /**
   * @param log where progress lines ({@code rollup: ...}) go
   * @param warn where {@code warning: ...} lines go: problems that do not fail the run
   */
  public Publisher(String output, String runId, int keepRuns, PrintStream log, PrintStream warn) {
    this.folders = new RunFolders(Path.of(output));
    this.runId = runId;
    this.staging = folders.runs().resolve(runId);
    this.keepRuns = keepRuns;
    this.log = log;
    this.warn = warn;
  }

  /** The folder this run writes into. */
  public Path staging() {
    return staging;
  }

  public Path output() {
    return folders.output();
  }

  /**
   * Fails unless {@code OUT} is absent, an empty folder or the link this rollup manages (see {@link
   * RunFolders#checkOwned}). Reads only, so a run can be refused before it creates anything.
   */
  public void checkOwned() throws IOException {
    folders.checkOwned();
  }

  /**
   * Checks {@code OUT} again, removes what runs that ended before {@code lockedAt} left unfinished
   * (run folders of ours without {@code _SUCCESS}) and creates this run's folder with its marker.
   * Call while holding the {@link RunLock}.
   */
  public void prepare(Instant lockedAt) throws IOException {
    folders.checkOwned();
    Files.createDirectories(folders.runs());
    Path current = folders.current();
    Map<Path, String> pinned = folders.pinned();
    for (RunFolders.Entry e : folders.list()) {
      if (e.path().equals(current) || pinned.containsKey(e.path())) {
        continue;
      }
      switch (e.state()) {
        case FOREIGN ->
            log.println(
                "rollup: leaving "
                    + e.path()
                    + " alone: not a run folder this rollup created (no "
                    + RunFolders.MARKER
                    + " naming it)");
        case REMOVING -> {
          log.println("rollup: finishing the removal of the old run " + e.id());
          remove(e);
        }
        case UNFINISHED -> {
          if (e.started().isBefore(lockedAt)) {
            log.println(
                "rollup: removing "
                    + e.path()
                    + ": a run folder without "
                    + SUCCESS
                    + ", left by a run that ended without publishing");
            remove(e);
          }
        }
        case PUBLISHED -> {}
      }
    }
    folders.create(runId, Instant.ofEpochMilli(startMillis(runId)));
    created = true;
    hook.at(Step.RUN_FOLDER, staging);
  }

  /**
   * Fails unless each of these files (relative to the run folder) is there. On a cluster the
   * workers write the tables: if they do not see this folder at the same path as this process, the
   * tables land on their own disks, and the run folder must not be published without them.
   */
  public void requireWritten(List<String> files) throws IOException {
    hook.at(Step.TABLES, staging);
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

  /**
   * Runs one writing step ({@link Step#MANIFEST}, {@link Step#REPORT}) that creates {@code file} in
   * the run folder; a failure names the file.
   */
  public void write(Step step, String file, IoAction action) throws IOException {
    hook.at(step, staging);
    Path path = staging.resolve(file);
    try {
      action.run();
    } catch (IOException e) {
      String message = String.valueOf(e.getMessage());
      throw message.contains(path.toString())
          ? e
          : new IOException("cannot write " + path + ": " + message, e);
    }
  }

  /**
   * Writes {@code _SUCCESS} last into the complete run folder, forces it to disk and points {@code
   * OUT} at it. Returns normally only when {@code OUT} points at the new run; nothing after that
   * can throw: clean-up problems are warnings.
   */
  public void publish() throws IOException {
    cleanBeamTemp(staging);
    write(Step.SUCCESS, SUCCESS, () -> Files.writeString(staging.resolve(SUCCESS), ""));
    hook.at(Step.FSYNC, staging);
    RunFolders.fsyncTree(staging);
    RunFolders.fsync(folders.runs());
    hook.at(Step.SWAP, staging);
    folders.checkOwned(); // still ours: nobody replaced OUT while the job ran
    folders.pointAt(staging);
    // published: from here on, nothing may fail the run
    try {
      RunFolders.fsync(output().getParent());
    } catch (IOException | RuntimeException e) {
      warn.println(
          "warning: published "
              + output()
              + ", but could not force its folder to disk: "
              + e.getMessage());
    }
    try {
      hook.at(Step.CLEANUP, staging);
      applyRetention();
    } catch (IOException | RuntimeException e) {
      warn.println(
          "warning: published "
              + output()
              + ", but could not clean up older runs: "
              + e.getMessage()
              + "; the next run tries again");
    }
  }

  /**
   * Keeps the newest {@code keepRuns} published runs (the link's target among them) and the runs
   * that another link beside {@code OUT} points to; removes older published runs of ours.
   */
  void applyRetention() throws IOException {
    Path current = folders.current();
    Map<Path, String> pinned = folders.pinned();
    int kept = 0;
    for (RunFolders.Entry e : folders.list()) {
      if (e.state() != RunFolders.State.PUBLISHED) {
        continue;
      }
      if (e.path().equals(current) || kept < keepRuns) {
        kept++;
        continue;
      }
      String pin = pinned.get(e.path());
      if (pin != null) {
        log.println(
            "rollup: keeping the old run "
                + e.id()
                + ": "
                + pin
                + " beside the output points to it");
        continue;
      }
      log.println(
          "rollup: removing the old run "
              + e.id()
              + " (published runs kept: the last "
              + keepRuns
              + ", --keepRuns)");
      remove(e);
    }
  }

  /** Removes a run folder of ours; a failure is a warning, never a failed run. */
  private void remove(RunFolders.Entry e) {
    try {
      folders.remove(e);
    } catch (IOException | RuntimeException ex) {
      warn.println(
          "warning: could not remove the old run folder "
              + e.path()
              + ": "
              + ex.getMessage()
              + "; the next run tries again");
    }
  }

  /**
   * Removes this run's folder after a failure; the published output is untouched. Never removes the
   * folder the link points to.
   */
  public void abandon() {
    if (!created) {
      return; // refused before its folder was made: nothing of this run to remove
    }
    try {
      if (staging.equals(folders.current())) {
        return; // published after all: it is the output now
      }
      RunFolders.deleteRunFolder(staging);
    } catch (IOException | RuntimeException e) {
      warn.println(
          "warning: could not remove "
              + staging
              + " of this failed run: "
              + e.getMessage()
              + "; the next run removes it");
    }
  }

  private static long startMillis(String runId) {
    String[] parts = runId.split("-");
    try {
      return Long.parseLong(parts[1]);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(runId + " is not a run id run-<millis>-<pid>", e);
    }
  }

  private static void cleanBeamTemp(Path dir) throws IOException {
    List<Path> temps;
    try (Stream<Path> s = Files.walk(dir)) {
      temps =
          s.filter(
                  p ->
                      p.getFileName().toString().startsWith(".temp-beam")
                          && !Files.isSymbolicLink(p))
              .toList();
    }
    for (Path p : temps) {
      if (Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        RunFolders.deleteRecursively(p);
      }
    }
  }
}
