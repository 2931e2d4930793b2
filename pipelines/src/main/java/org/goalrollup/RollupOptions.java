package org.goalrollup;

import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.Validation;

/** Every command-line option of the rollup (Beam's {@code --name=value} style). */
public interface RollupOptions extends PipelineOptions {
  @Description(
      "Folder holding the input CSV files (enterprises.csv, sectors.csv, production.csv, ...).")
  @Validation.Required
  String getInput();

  void setInput(String value);

  @Description(
      "Where to publish summary/, published/, attainment/, rejects/, _manifest.json, "
          + "report.html and _SUCCESS: a symbolic link the rollup manages, pointing at the run "
          + "folder in .OUT.runs/ beside it. Must not exist yet, be an empty folder, or be that "
          + "link; it is switched to a new run only when the run succeeds.")
  @Validation.Required
  String getOutput();

  void setOutput(String value);

  @Description(
      "Compute only this year, months 1-12. Default: every year with production data, each up to"
          + " its own last month with data (a year whose data stops early is year to date).")
  Integer getYear();

  void setYear(Integer value);

  @Description("Year-to-date run: YYYY-MM computes only that year, months 1..MM.")
  String getAsOf();

  void setAsOf(String value);

  @Description("Targets file. Default: INPUT/targets.csv (no file = empty attainment output).")
  String getTargets();

  void setTargets(String value);

  @Description("Character set of the input files: UTF-8 or GB18030.")
  @Default.String("UTF-8")
  String getCharset();

  void setCharset(String value);

  @Description(
      "Planned total (10,000 yuan) from which an industrial project is a major project; "
          + "5000 = 50 million yuan.")
  @Default.String("5000")
  String getMajorProjectThreshold();

  void setMajorProjectThreshold(String value);

  @Description(
      "Largest share of rejected rows an input file may have (0.05 = 5%); "
          + "checked per file after the run.")
  @Default.Double(0.05)
  Double getMaxRejectRate();

  void setMaxRejectRate(Double value);

  @Description(
      "Fail the run (exit 1, nothing published) when the data review raises any QUERY-level "
          + "flag. Default: flags are published in review/ and the run succeeds.")
  @Default.Boolean(false)
  boolean isFailOnQuery();

  void setFailOnQuery(boolean value);

  @Description(
      "Number of shuffle keys that enterprises, projects and cells are grouped into. More gives "
          + "a distributed runner more parallel work; the direct runner pays a fixed cost per key "
          + "and stage. 0 = automatic: 16 on the direct runner, 512 on other runners.")
  @Default.Integer(0)
  int getShuffleBuckets();

  void setShuffleBuckets(int value);

  @Description("Show the framework's (Beam, Parquet, Hadoop) log messages.")
  @Default.Boolean(false)
  boolean isVerbose();

  void setVerbose(boolean value);

  @Description(
      "Shrink guard: the largest fall, as a share (0.5 = 50%), of the accepted rows of a required"
          + " input (enterprises.csv, sectors.csv, production.csv) against the run published at"
          + " --output. A larger fall, or an empty summary where the published one was not, fails"
          + " the run (exit 1, nothing published) unless --allowShrink.")
  @Default.Double(0.5)
  Double getMaxShrink();

  void setMaxShrink(Double value);

  @Description(
      "Publish even when the shrink guard (--maxShrink) would stop the run: for an input that"
          + " really shrank, or an --output that held another region's run.")
  @Default.Boolean(false)
  boolean isAllowShrink();

  void setAllowShrink(boolean value);

  @Description(
      "Published runs to keep in .OUT.runs/ beside --output, the current one included; older "
          + "ones are deleted after a successful publish (never the one --output points to, nor "
          + "one another link beside --output points to). At least 1.")
  @Default.Integer(3)
  int getKeepRuns();

  void setKeepRuns(int value);

  @Description(
      "Point --output back at the previous kept run (the newest published run older than the "
          + "one it points to) and exit, without running the rollup. Needs only --output.")
  @Default.Boolean(false)
  boolean isRollback();

  void setRollback(boolean value);

  @Description(
      "Point --output at this kept run (a run id that --listRuns shows) and exit, without "
          + "running the rollup. Needs only --output.")
  String getRollbackTo();

  void setRollbackTo(String value);

  @Description("List the runs kept for --output, newest first, and exit. Needs only --output.")
  @Default.Boolean(false)
  boolean isListRuns();

  void setListRuns(boolean value);
}
