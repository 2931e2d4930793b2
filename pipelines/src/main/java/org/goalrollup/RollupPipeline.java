package org.goalrollup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.goalrollup.disclosure.ComputeContributorStats;
import org.goalrollup.disclosure.PublishSummaries;
import org.goalrollup.disclosure.SuppressCells;
import org.goalrollup.input.CountLines;
import org.goalrollup.input.FlagUnusedRegionRows;
import org.goalrollup.input.InputException;
import org.goalrollup.input.InputFile;
import org.goalrollup.input.Preflight;
import org.goalrollup.input.ReadInputs;
import org.goalrollup.input.ResolveEnterprises;
import org.goalrollup.input.ResolveProjects;
import org.goalrollup.input.ResolveRegion;
import org.goalrollup.model.Attainment;
import org.goalrollup.model.EnterpriseFacts;
import org.goalrollup.model.Investment;
import org.goalrollup.model.Milestone;
import org.goalrollup.model.MonthlyProgress;
import org.goalrollup.model.ProjectFacts;
import org.goalrollup.model.Published;
import org.goalrollup.model.Reject;
import org.goalrollup.model.ReviewFlag;
import org.goalrollup.model.Summary;
import org.goalrollup.output.ClientConsole;
import org.goalrollup.output.Progress;
import org.goalrollup.output.Publisher;
import org.goalrollup.output.RunFolders;
import org.goalrollup.output.RunLock;
import org.goalrollup.output.RunReport;
import org.goalrollup.output.WriteParquetTable;
import org.goalrollup.output.report.HtmlReport;
import org.goalrollup.review.ReviewRecords;
import org.goalrollup.stats.BuildSummaries;
import org.goalrollup.stats.CellAcc;
import org.goalrollup.stats.ComputeCells;
import org.goalrollup.stats.ComputeProgress;
import org.goalrollup.stats.DistinctSorted;
import org.goalrollup.stats.EvaluateTargets;
import org.goalrollup.stats.Period;
import org.goalrollup.stats.SectorMatcher;

/**
 * The goal-attainment rollup: reads the input CSV files, validates them, computes the summary and
 * attainment tables and publishes them with the rejects as Parquet.
 */
public final class RollupPipeline {
  /** Exit codes of the contract. */
  public static final int OK = 0;

  public static final int FAILED = 1;
  public static final int BAD_COMMAND_LINE = 2;

  private RollupPipeline() {}

  public static void main(String[] args) {
    int code;
    try {
      code = run(args);
    } catch (RuntimeException | Error e) {
      // the last resort: one line, never a stack trace (--verbose shows the framework's logs);
      // what was published is not known here, so nothing is claimed about it
      System.err.println("error: unexpected failure: " + rootMessage(e));
      code = FAILED;
    }
    System.exit(code);
  }

  /** Runs the whole job and returns the exit code (0 published, 1 failed, 2 bad command line). */
  public static int run(String[] args) {
    Logging.configure(args);
    PipelineOptionsFactory.register(RollupOptions.class);
    if (List.of(args).contains("--help")) {
      System.out.println(
          "Usage: ./rollup --input=DIR --output=DIR [--year=YYYY | --asOf=YYYY-MM]\n"
              + "                [--targets=FILE] [--charset=UTF-8|GB18030]\n"
              + "                [--majorProjectThreshold=5000] [--maxRejectRate=0.05]"
              + " [--failOnQuery]\n"
              + "                [--maxShrink=0.5] [--allowShrink]\n"
              + "                [--verbose] [--keepRuns=3]\n"
              + "                [--runner=DirectRunner|SparkRunner|FlinkRunner]\n"
              + "       ./rollup --output=DIR --listRuns | --rollback | --rollbackTo=RUN_ID\n");
      PipelineOptionsFactory.printHelp(System.out, RollupOptions.class);
      return OK;
    }
    if (RunsCommand.isAsked(args)) {
      return RunsCommand.run(args, System.out, System.err);
    }
    RollupOptions options;
    RunSettings settings;
    try {
      CommandLine.check(args);
      options =
          PipelineOptionsFactory.fromArgs(
                  withProductionDefaults(ClusterArgs.rewrite(args, System.out)))
              .withValidation()
              .as(RollupOptions.class);
      settings = RunSettings.from(options);
    } catch (IllegalArgumentException e) {
      System.err.println(
          "error: bad command line: " + CommandLine.shortMessage(e) + " (see --help)");
      return BAD_COMMAND_LINE;
    }
    return new Run(options, settings, System.out, System.err).execute();
  }

  /**
   * On the direct runner, switches off its per-element immutability and encodability checks (they
   * cost about 4x, see BEAM-NOTES) unless the user set them; tests keep them on through
   * TestPipeline. On Flink, switches off the deep copy of every element between chained operators
   * ({@code --fasterCopy}): safe because no DoFn mutates its input or output, which the direct
   * runner's immutability check in the tests proves. Each option is added only for its own runner,
   * as the others do not know it. Flink's embedded cluster ({@code --flinkMaster=[local]}) and
   * Spark without a master ({@code spark-submit} sets its own) use one task per core unless told
   * otherwise ({@code --parallelism}, {@code --sparkMaster}); a Flink job sent to a cluster keeps
   * the cluster's parallelism ({@code flink run -p}).
   */
  static String[] withProductionDefaults(String[] args) {
    List<String> a = new java.util.ArrayList<>(List.of(args));
    String runner = runnerOf(a);
    boolean direct = runner.equals("direct");
    int cores = Runtime.getRuntime().availableProcessors();
    if (runner.equals("flink")) {
      if (a.stream().noneMatch(s -> s.startsWith("--fasterCopy"))) {
        a.add("--fasterCopy=true");
      }
      if (a.contains("--flinkMaster=[local]")
          && a.stream().noneMatch(s -> s.startsWith("--parallelism"))) {
        a.add("--parallelism=" + cores);
      }
    }
    if (runner.equals("spark") && a.stream().noneMatch(s -> s.startsWith("--sparkMaster"))) {
      a.add("--sparkMaster=local[" + cores + "]");
    }
    if (direct) {
      // returns at once, so the run's progress can be followed
      if (a.stream().noneMatch(s -> s.startsWith("--blockOnRun"))) {
        a.add("--blockOnRun=false");
      }
      for (String check : List.of("enforceImmutability", "enforceEncodability")) {
        if (a.stream().noneMatch(s -> s.startsWith("--" + check))) {
          a.add("--" + check + "=false");
        }
      }
    }
    return a.toArray(new String[0]);
  }

  /**
   * The runner a command line asks for, as Beam reads {@code --runner}: case-insensitive, with or
   * without the {@code Runner} suffix or a package; "direct" when none is given.
   */
  static String runnerOf(List<String> args) {
    String name = "direct";
    for (String s : args) {
      if (s.startsWith("--runner=")) {
        name = s.substring("--runner=".length()).toLowerCase(java.util.Locale.ROOT);
        name = name.substring(name.lastIndexOf('.') + 1);
        if (name.endsWith("runner")) {
          name = name.substring(0, name.length() - "runner".length());
        }
      }
    }
    return name;
  }

  /**
   * Builds the rollup graph on {@code p}: reading, resolution, cell sums, summary, attainment,
   * disclosure control, month-by-month progress, the data review and the Parquet tables under
   * {@code outDir}. The review reads the resolved records beside the statistics and feeds nothing
   * back into them.
   */
  public static Outputs build(
      Pipeline p,
      RollupOptions options,
      RunSettings settings,
      Preflight.Checked checked,
      String outDir) {
    SectorMatcher sectors = new SectorMatcher(checked.sectors());
    ReadInputs in =
        ReadInputs.apply(
            p, options.getInput(), settings.charset(), checked.present(), settings.buckets());

    PCollection<Milestone> enterpriseMilestones =
        in.milestones.apply("MilestonesOfEnterprises", Filter.by(m -> m.getEnterpriseId() != null));
    PCollection<Milestone> regionMilestones =
        in.milestones
            .apply("MilestonesOfRegion", Filter.by(m -> m.getEnterpriseId() == null))
            // accepted as they are: no resolution step counts their lines
            .apply("CountRegionMilestoneLines", CountLines.accepted(InputFile.MILESTONES));
    PCollection<Investment> enterpriseProjects =
        in.investment.apply("ProjectsOfEnterprises", Filter.by(i -> i.getEnterpriseId() != null));
    PCollection<Investment> otherProjects =
        in.investment.apply(
            "ProjectsWithoutEnterprise", Filter.by(i -> i.getEnterpriseId() == null));

    PCollectionTuple enterprises =
        PCollectionTuple.of(ResolveEnterprises.REGISTER, in.enterprises)
            .and(ResolveEnterprises.PRODUCTION, in.production)
            .and(ResolveEnterprises.RD, in.rd)
            .and(ResolveEnterprises.MILESTONES, enterpriseMilestones)
            .and(ResolveEnterprises.INVESTMENT, enterpriseProjects)
            .apply("ResolveEnterprises", new ResolveEnterprises(settings.buckets()));
    PCollection<EnterpriseFacts> facts = enterprises.get(ResolveEnterprises.FACTS);
    PCollectionTuple projects =
        PCollectionList.of(enterprises.get(ResolveEnterprises.KNOWN_INVESTMENT))
            .and(otherProjects)
            .apply("ValidProjectRows", Flatten.pCollections())
            .apply("ResolveProjects", new ResolveProjects(settings.buckets()));
    PCollection<ProjectFacts> projectFacts = projects.get(ResolveProjects.PROJECTS);
    PCollectionTuple region = in.region.apply("ResolveRegion", new ResolveRegion());
    var regionView = region.get(ResolveRegion.REGION).apply("RegionLookup", View.asMap());

    PCollectionView<List<Period>> periods = computedPeriods(settings, facts);
    PCollectionView<List<String>> districts =
        PCollectionList.of(
                facts.apply(
                    "EnterpriseDistricts",
                    FlatMapElements.into(TypeDescriptors.strings())
                        .via((EnterpriseFacts f) -> List.of(f.getEnterprise().getDistrict()))))
            .and(
                projectFacts.apply(
                    "ProjectDistricts",
                    FlatMapElements.into(TypeDescriptors.strings())
                        .via(
                            (ProjectFacts f) ->
                                f.getRecords().stream()
                                    .map(Investment::getDistrict)
                                    .distinct()
                                    .toList())))
            .apply("AllDistricts", Flatten.pCollections())
            .setCoder(StringUtf8Coder.of())
            .apply(
                "DistrictList",
                Combine.globally(new DistinctSorted<>(StringUtf8Coder.of())).asSingletonView());
    in.region.apply("FlagUnusedRegionRows", new FlagUnusedRegionRows(districts));

    PCollection<KV<String, CellAcc>> cells =
        p.apply(
            "ComputeCells",
            new ComputeCells(
                facts,
                projectFacts,
                regionMilestones,
                periods,
                districts,
                sectors,
                settings.thresholdCents()));
    PCollection<Summary> summary =
        cells.apply("BuildSummaries", new BuildSummaries(regionView, periods));
    PCollection<Attainment> attainment =
        cells.apply(
            "EvaluateTargets",
            new EvaluateTargets(checked.targets(), regionView, districts, periods));
    PCollection<MonthlyProgress> progress =
        p.apply(
            "ComputeProgress",
            new ComputeProgress(
                facts,
                projectFacts,
                regionMilestones,
                periods,
                regionView,
                checked.targets(),
                sectors,
                settings.thresholdCents()));
    PCollection<KV<String, String>> statuses =
        p.apply(
                "ComputeContributorStats",
                new ComputeContributorStats(
                    facts, projectFacts, periods, sectors, settings.thresholdCents()))
            .apply("SuppressCells", new SuppressCells(checked.disclosure()));
    PCollection<Published> published =
        summary.apply("PublishSummaries", new PublishSummaries(statuses, settings.buckets()));
    PCollectionList<Reject> rejectList =
        PCollectionList.<Reject>empty(p)
            .and(in.rejects)
            .and(enterprises.get(ResolveEnterprises.REJECTS))
            .and(projects.get(ResolveProjects.REJECTS))
            .and(region.get(ResolveRegion.REJECTS));
    PCollection<Reject> rejects =
        rejectList
            .apply("AllRejects", Flatten.pCollections())
            .apply("CountRejectedLines", CountLines.rejected());
    PCollection<ReviewFlag> review =
        p.apply("ReviewRecords", new ReviewRecords(facts, projectFacts, checked.review()));

    summary.apply(
        "WriteSummary",
        new WriteParquetTable<>(outDir + "/summary", Summary.SCHEMA$, TableOrder::summary));
    attainment.apply(
        "WriteAttainment",
        new WriteParquetTable<>(
            outDir + "/attainment", Attainment.SCHEMA$, TableOrder::attainment));
    progress.apply(
        "WriteProgress",
        new WriteParquetTable<>(
            outDir + "/progress", MonthlyProgress.SCHEMA$, TableOrder::progress));
    rejects.apply(
        "WriteRejects",
        new WriteParquetTable<>(outDir + "/rejects", Reject.SCHEMA$, TableOrder::reject));
    published.apply(
        "WritePublished",
        new WriteParquetTable<>(outDir + "/published", Published.SCHEMA$, TableOrder::published));
    review.apply(
        "WriteReview",
        new WriteParquetTable<>(outDir + "/review", ReviewFlag.SCHEMA$, TableOrder::review));
    return new Outputs(summary, attainment, rejects, progress, published, review);
  }

  /** The tables of a built graph, for tests to assert on. */
  public record Outputs(
      PCollection<Summary> summary,
      PCollection<Attainment> attainment,
      PCollection<Reject> rejects,
      PCollection<MonthlyProgress> progress,
      PCollection<Published> published,
      PCollection<ReviewFlag> review) {}

  /**
   * The computed periods, one per computed year: the years of in-force production rows, limited to
   * the asked year when {@code --year} or {@code --asOf} is given (a year without production is not
   * computed). Each year's last month M is the asked one with {@code --year} (12) or {@code
   * --asOf}; without them it is the year's last month with in-force production, so a year whose
   * data stops before December is computed year to date.
   */
  static PCollectionView<List<Period>> computedPeriods(
      RunSettings settings, PCollection<EnterpriseFacts> facts) {
    Period asked = settings.period();
    return facts
        .apply(
            "ProductionMonths",
            FlatMapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.integers(), TypeDescriptors.integers()))
                .via((EnterpriseFacts f) -> lastMonthPerYear(f, asked)))
        .setCoder(KvCoder.of(VarIntCoder.of(), VarIntCoder.of()))
        .apply("LastMonthPerYear", Max.integersPerKey())
        .apply(
            "PeriodOfYear",
            MapElements.into(TypeDescriptor.of(Period.class))
                .via((KV<Integer, Integer> ym) -> asked.forYear(ym.getKey(), ym.getValue())))
        .setCoder(Period.Coder.of())
        .apply(
            "PeriodList",
            Combine.globally(new DistinctSorted<>(Period.Coder.of())).asSingletonView());
  }

  /** (year, last month) of one enterprise's in-force production, in the asked year if any. */
  static List<KV<Integer, Integer>> lastMonthPerYear(EnterpriseFacts f, Period asked) {
    java.util.Map<Integer, Integer> last = new java.util.TreeMap<>();
    for (var x : f.getProduction()) {
      if (asked.fromData() || x.getYear() == asked.year()) {
        last.merge(x.getYear(), x.getMonth(), Math::max);
      }
    }
    List<KV<Integer, Integer>> out = new java.util.ArrayList<>();
    last.forEach((y, m) -> out.add(KV.of(y, m)));
    return out;
  }

  /** One run: preflight, pipeline, checks, publish; turns every failure into exit code 1. */
  static final class Run {
    private final RollupOptions options;
    private final RunSettings settings;
    private final PrintStream out;
    private final PrintStream err;

    Run(RollupOptions options, RunSettings settings, PrintStream out, PrintStream err) {
      this.options = options;
      this.settings = settings;
      this.out = out;
      this.err = err;
    }

    int execute() {
      Instant start = Instant.now();
      Publisher publisher =
          new Publisher(
              options.getOutput(), RunFolders.newRunId(start), options.getKeepRuns(), out, err);
      try {
        publisher.checkOwned(); // refused at once, before anything is created
      } catch (IOException e) {
        err.println("error: " + e.getMessage());
        return FAILED;
      }
      Preflight.Checked checked;
      try {
        checked = Preflight.check(options.getInput(), options.getTargets(), settings.charset());
      } catch (InputException e) {
        err.println("error: " + e.getMessage());
        return FAILED;
      } catch (IOException e) {
        err.println("error: cannot read input: " + IoMessages.describe(e));
        return FAILED;
      } catch (RuntimeException e) {
        err.println("error: cannot read input: " + rootMessage(e));
        return FAILED;
      }
      checked.warnings().forEach(w -> err.println("warning: " + w));
      RunLock lock;
      try {
        lock = RunLock.acquire(publisher.output(), out);
      } catch (IOException e) {
        err.println("error: " + e.getMessage());
        return FAILED;
      }
      try {
        publisher.prepare(lock.acquiredAt());
      } catch (IOException | RuntimeException e) {
        publisher.abandon();
        release(lock, false);
        err.println("error: " + rootMessage(e));
        return FAILED;
      }
      int code = runAndPublish(checked, publisher, start);
      release(lock, true);
      return code;
    }

    /**
     * Releases the run lock. A run refused before its job began also removes the lock file if it
     * created it; a problem releasing is a warning, as the run's outcome is already decided.
     */
    private void release(RunLock lock, boolean began) {
      try {
        if (began) {
          lock.close();
        } else {
          lock.discard();
        }
      } catch (IOException e) {
        err.println("warning: could not release the run lock: " + e.getMessage());
      }
    }

    private int runAndPublish(Preflight.Checked checked, Publisher publisher, Instant start) {
      RunReport report;
      try {
        out.println("rollup: reading " + options.getInput() + " ...");
        Pipeline p = Pipeline.create(options);
        build(p, options, settings, checked, publisher.staging().toString());
        PipelineResult result = ClientConsole.withoutAccumulatorDump(p::run);
        new Progress(result, out).follow();
        String changed = checked.sources().changed();
        if (changed != null) {
          err.println("error: " + changed + "; nothing was published");
          publisher.abandon();
          return FAILED;
        }
        report = RunReport.of(result, checked, options, settings, start);
        report.pipelineWarnings().forEach(w -> err.println("warning: " + w));
        String lines = report.lineCheck();
        if (lines != null) {
          err.println("error: " + lines + "; nothing was published");
          publisher.abandon();
          return FAILED;
        }
        String gate = report.rejectGate(settings.maxRejectRate());
        if (gate != null) {
          err.println("error: " + gate + "; nothing was published");
          publisher.abandon();
          return FAILED;
        }
        String queryGate = report.queryGate(options.isFailOnQuery());
        if (queryGate != null) {
          err.println("error: " + queryGate + "; nothing was published");
          publisher.abandon();
          return FAILED;
        }
        String shrinkGate = report.shrinkGate(publisher.output().resolve(Publisher.MANIFEST), out);
        if (shrinkGate != null) {
          err.println("error: " + shrinkGate + "; nothing was published");
          publisher.abandon();
          return FAILED;
        }
        publisher.requireWritten(
            List.of(
                "summary/" + WriteParquetTable.FILE,
                "published/" + WriteParquetTable.FILE,
                "attainment/" + WriteParquetTable.FILE,
                "rejects/" + WriteParquetTable.FILE,
                "progress/" + WriteParquetTable.FILE,
                "review/" + WriteParquetTable.FILE));
        checked.sources().hashUnchanged();
        Path staging = publisher.staging();
        publisher.write(
            Publisher.Step.MANIFEST,
            Publisher.MANIFEST,
            () -> report.writeManifest(staging.resolve(Publisher.MANIFEST), Instant.now()));
        publisher.write(
            Publisher.Step.REPORT, HtmlReport.FILE_NAME, () -> HtmlReport.write(staging));
        publisher.publish();
      } catch (RuntimeException | IOException e) {
        publisher.abandon();
        // a file that changed under the run explains whatever failed because of it
        String changed = checked.sources().changed();
        String why = changed != null ? changed : rootMessage(e);
        if (changed == null && IoMessages.isDiskFull(e)) {
          // writers report a full disk without the path: say which disk
          why = "writing the run next to " + publisher.output() + ": " + why;
        }
        err.println("error: " + why + "; nothing was published");
        return FAILED;
      }
      // published: what follows only reports, and cannot fail the run
      try {
        report.print(out, publisher.output());
        HtmlReport.printGoals(out, publisher.output());
      } catch (RuntimeException e) {
        err.println("warning: published " + publisher.output() + ", but could not print: " + e);
      }
      return OK;
    }
  }

  /**
   * The message of a failure for the user: runners wrap what a DoFn throws, so this is the
   * outermost of our own exceptions in the cause chain (whose message names the file), or the
   * failure itself.
   */
  static String rootMessage(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof EvaluateTargets.TargetException
          || t instanceof CellAcc.SumOverflowException
          || t instanceof InputException) {
        return t.getMessage();
      }
      if (t instanceof IOException io) {
        return IoMessages.describe(io);
      }
    }
    return e.toString();
  }
}
