package org.goalrollup;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What the driver settles on the command line before a job goes to workers that run elsewhere: the
 * paths of the rollup's files, and who chooses the Spark master.
 */
final class ClusterArgs {
  /** The options naming a file or folder, as Beam reads them ({@code --name=value}). */
  static final List<String> PATH_OPTIONS = List.of("--input=", "--output=", "--targets=");

  private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");

  private ClusterArgs() {}

  /**
   * The command line as the job needs it: {@link #absolutePaths} against the driver's working
   * folder, and {@link #sparkSubmitDecidesMaster} when {@code spark-submit} started this driver (it
   * sets the system property {@code spark.master}); says so on {@code out} when it drops an option.
   */
  static String[] rewrite(String[] args, PrintStream out) {
    List<String> a = absolutePaths(List.of(args), Path.of("").toAbsolutePath());
    String sparkSubmitMaster = System.getProperty("spark.master");
    List<String> b = sparkSubmitDecidesMaster(a, sparkSubmitMaster);
    if (b.size() < a.size()) {
      out.println(
          "rollup: spark-submit runs this job on "
              + sparkSubmitMaster
              + "; --sparkMaster is ignored (spark-submit --master chooses the cluster)");
    }
    return b.toArray(new String[0]);
  }

  /**
   * {@code --input}, {@code --output} and {@code --targets} made absolute against {@code cwd}: the
   * workers (Spark executors, Flink TaskManagers) resolve a relative path in their own working
   * folders, where the files are not. URLs ({@code hdfs://...}) and absolute paths are kept.
   */
  static List<String> absolutePaths(List<String> args, Path cwd) {
    List<String> out = new ArrayList<>(args.size());
    for (String arg : args) {
      String option = PATH_OPTIONS.stream().filter(arg::startsWith).findFirst().orElse(null);
      String value = option == null ? "" : arg.substring(option.length());
      if (value.isEmpty() || URL.matcher(value).matches() || Path.of(value).isAbsolute()) {
        out.add(arg);
      } else {
        out.add(option + cwd.resolve(value).normalize());
      }
    }
    return out;
  }

  /**
   * Without {@code --sparkMaster} when {@code spark-submit} has set the master ({@code
   * sparkSubmitMaster} not null). Beam's Spark runner uses that option only where no {@code
   * spark.master} is set, but for any master that is not {@code local} it also ships its own
   * classpath to the executors: under {@code spark-submit} that is the whole Spark installation
   * (about 240 jars, and a temporary jar zipped from the {@code conf/} folder), where {@code
   * spark-submit} already ships the rollup's jar. Without the option, the local default that {@link
   * RollupPipeline#withProductionDefaults} adds leaves the shipping to {@code spark-submit}.
   */
  static List<String> sparkSubmitDecidesMaster(List<String> args, String sparkSubmitMaster) {
    if (sparkSubmitMaster == null) {
      return args;
    }
    return args.stream().filter(a -> !a.startsWith("--sparkMaster=")).toList();
  }
}
