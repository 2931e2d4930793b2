package org.goalrollup;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.goalrollup.output.OutputChecks;
import org.goalrollup.output.Publisher;
import org.goalrollup.output.RunFolders;
import org.goalrollup.output.RunLock;

/**
 * {@code ./rollup --listRuns | --rollback | --rollbackTo=RUN_ID --output=OUT}: lists the runs kept
 * for {@code OUT}, or points {@code OUT} back at one of them (the morning after a bad night),
 * without running the rollup. A rollback is one atomic link swap under the run lock; it deletes
 * nothing, so the run it turns away from stays kept until retention removes it.
 */
final class RunsCommand {
  private static final List<String> NAMES = List.of("--rollback", "--rollbackTo", "--listRuns");

  private final RollupOptions options;
  private final PrintStream out;
  private final PrintStream err;

  private RunsCommand(RollupOptions options, PrintStream out, PrintStream err) {
    this.options = options;
    this.out = out;
    this.err = err;
  }

  /** True if the command line asks for one of these commands rather than a run. */
  static boolean isAsked(String[] args) {
    for (String a : args) {
      for (String name : NAMES) {
        if (a.equals(name) || a.startsWith(name + "=")) {
          return true;
        }
      }
    }
    return false;
  }

  /** Runs the command; returns the exit code (0 done, 1 refused, 2 bad command line). */
  static int run(String[] args, PrintStream out, PrintStream err) {
    RollupOptions o;
    try {
      o = PipelineOptionsFactory.fromArgs(args).as(RollupOptions.class);
      int modes =
          (o.isRollback() ? 1 : 0) + (o.getRollbackTo() != null ? 1 : 0) + (o.isListRuns() ? 1 : 0);
      if (modes != 1) {
        throw new IllegalArgumentException(
            "give exactly one of --rollback, --rollbackTo=RUN_ID and --listRuns");
      }
      if (o.getInput() != null) {
        throw new IllegalArgumentException(
            "--rollback, --rollbackTo and --listRuns do not run the rollup; drop --input");
      }
      if (o.getRollbackTo() != null && o.getRollbackTo().isBlank()) {
        throw new IllegalArgumentException(
            "--rollbackTo is empty; give a run id that --listRuns shows");
      }
      OutputChecks.check(null, o.getOutput(), o.getKeepRuns());
    } catch (IllegalArgumentException e) {
      err.println("error: bad command line: " + e.getMessage() + " (see --help)");
      return RollupPipeline.BAD_COMMAND_LINE;
    }
    RunsCommand c = new RunsCommand(o, out, err);
    try {
      return o.isListRuns() ? c.list() : c.rollback();
    } catch (IOException | RuntimeException e) {
      err.println("error: " + e.getMessage());
      return RollupPipeline.FAILED;
    }
  }

  private int list() throws IOException {
    RunFolders f = new RunFolders(Path.of(options.getOutput()));
    if (!Files.isDirectory(f.runs())) {
      err.println(
          "error: "
              + f.output()
              + " has no runs folder "
              + f.runs()
              + ": the rollup has published nothing there");
      return RollupPipeline.FAILED;
    }
    Path current = f.current();
    Map<Path, String> pinned = f.pinned();
    out.println("rollup: runs kept for " + f.output() + " in " + f.runs() + ", newest first:");
    for (RunFolders.Entry e : f.list()) {
      List<String> notes = new ArrayList<>();
      if (e.path().equals(current)) {
        notes.add("<- " + f.output().getFileName());
      }
      if (pinned.containsKey(e.path())) {
        notes.add("<- " + pinned.get(e.path()));
      }
      String state =
          switch (e.state()) {
            case PUBLISHED -> "published, started " + e.started() + ", " + periods(e.path());
            case UNFINISHED -> "unfinished (no " + Publisher.SUCCESS + ") " + e.started();
            case REMOVING -> "being removed";
            case FOREIGN -> "not a run folder of this rollup: never touched";
          };
      out.println("  " + e.id() + "  " + state + (notes.isEmpty() ? "" : "  " + notes));
    }
    return RollupPipeline.OK;
  }

  /** The computed years of a run, from its manifest, e.g. "years [2019, 2020], months 1-12". */
  private static String periods(Path run) {
    try {
      JsonNode m = new ObjectMapper().readTree(run.resolve(Publisher.MANIFEST).toFile());
      JsonNode end = m.path("period_end_month");
      return "years " + m.path("computed_years") + (end.isInt() ? ", months 1-" + end : "");
    } catch (IOException | RuntimeException e) {
      return "(no readable " + Publisher.MANIFEST + ")";
    }
  }

  private int rollback() throws IOException {
    RunFolders f = new RunFolders(Path.of(options.getOutput()));
    f.checkOwned(); // refused before the lock: nothing created
    RunLock lock = RunLock.acquire(f.output(), out);
    boolean done = false;
    try {
      f.checkOwned();
      Path current = f.current();
      List<RunFolders.Entry> published =
          f.list().stream().filter(e -> e.state() == RunFolders.State.PUBLISHED).toList();
      RunFolders.Entry target = null;
      if (options.getRollbackTo() != null) {
        for (RunFolders.Entry e : published) {
          if (e.id().equals(options.getRollbackTo())) {
            target = e;
          }
        }
        if (target == null) {
          throw new IOException(
              options.getRollbackTo()
                  + " is not a published run kept for "
                  + f.output()
                  + "; ./rollup --listRuns --output="
                  + options.getOutput()
                  + " shows them");
        }
      } else {
        if (current == null) {
          throw new IOException(
              f.output()
                  + " does not point to a run of this rollup; choose one with --rollbackTo=RUN_ID"
                  + " (./rollup --listRuns --output="
                  + options.getOutput()
                  + " shows them)");
        }
        boolean older = published.stream().noneMatch(e -> e.path().equals(current));
        for (RunFolders.Entry e : published) {
          if (older && target == null) {
            target = e;
          }
          older |= e.path().equals(current);
        }
        if (target == null) {
          throw new IOException(
              "no published run older than "
                  + current.getFileName()
                  + " is kept for "
                  + f.output()
                  + "; nothing was changed");
        }
      }
      if (target.path().equals(current)) {
        out.println("rollup: " + f.output() + " already points to " + target.id());
      } else {
        f.pointAt(target.path());
        out.println(
            "rollup: "
                + f.output()
                + " now points to "
                + target.id()
                + " (started "
                + target.started()
                + ", "
                + periods(target.path())
                + ")"
                + (current == null
                    ? ""
                    : "; it pointed to "
                        + current.getFileName()
                        + ", which stays kept until retention removes it"));
      }
      done = true;
      return RollupPipeline.OK;
    } finally {
      try {
        if (done) {
          lock.close();
        } else {
          lock.discard();
        }
      } catch (IOException e) {
        err.println(
            "warning: could not release the lock "
                + RunLock.lockFile(f.output())
                + ": "
                + e.getMessage());
      }
    }
  }
}
