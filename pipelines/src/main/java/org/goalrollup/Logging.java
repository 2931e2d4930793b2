package org.goalrollup;

import java.util.List;
import java.util.Map;

/**
 * Quiets the framework loggers (Beam, Parquet, Hadoop, Spark, Flink) unless {@code --verbose} is
 * given. Must run before any logger is created; slf4j-simple reads these system properties once.
 * Under {@code spark-submit} and {@code flink run} the engine's Log4j 2 is the logging backend
 * instead (the cluster's jars come first), and gets the same levels.
 */
final class Logging {
  private Logging() {}

  static void configure(String[] args) {
    boolean verbose =
        List.of(args).contains("--verbose") || List.of(args).contains("--verbose=true");
    setIfAbsent("org.slf4j.simpleLogger.defaultLogLevel", verbose ? "info" : "warn");
    setIfAbsent("org.slf4j.simpleLogger.log.org.apache.parquet", verbose ? "info" : "error");
    setIfAbsent("org.slf4j.simpleLogger.log.org.apache.hadoop", verbose ? "info" : "error");
    // Spark and Flink in local mode: start-up warnings, and on a failure task stack traces that
    // repeat the one error line the rollup prints itself
    for (String engine :
        List.of(
            "org.apache.spark",
            "org.sparkproject",
            "org.apache.flink",
            "org.apache.beam.runners.spark",
            "org.apache.beam.runners.flink")) {
      setIfAbsent("org.slf4j.simpleLogger.log." + engine, verbose ? "info" : "off");
    }
    setIfAbsent("org.slf4j.simpleLogger.showDateTime", "true");
    java.util.logging.Logger.getLogger("")
        .setLevel(verbose ? java.util.logging.Level.INFO : java.util.logging.Level.WARNING);
    if (!verbose) {
      quietLog4j();
    }
  }

  /**
   * The levels above on Log4j 2, where it is what slf4j logs to: the driver of {@code
   * spark-submit}, whose console otherwise gets Spark's INFO lines (about 1,400 for the sample),
   * and the {@code flink run} client, whose log file gets Flink's. Warnings stay: on a cluster they
   * say things worth knowing (an executor lost, no resources offered). Only levels change; the
   * cluster's appenders and files stay as configured. Called through reflection, as the rollup does
   * not depend on Log4j; where it is absent or not the backend this does nothing.
   */
  private static void quietLog4j() {
    String backend = org.slf4j.LoggerFactory.getILoggerFactory().getClass().getName();
    if (!backend.startsWith("org.apache.logging.slf4j.")) {
      return;
    }
    try {
      Class<?> level = Class.forName("org.apache.logging.log4j.Level");
      Class<?> configurator = Class.forName("org.apache.logging.log4j.core.config.Configurator");
      Object warn = level.getField("WARN").get(null);
      Object error = level.getField("ERROR").get(null);
      configurator.getMethod("setRootLevel", level).invoke(null, warn);
      // named too, in case the cluster's own configuration sets them to INFO
      Map<String, Object> levels =
          Map.of(
              "org.apache.spark", warn,
              "org.sparkproject", warn,
              "org.apache.flink", warn,
              "org.apache.beam", warn,
              "org.apache.parquet", error,
              "org.apache.hadoop", error);
      for (Map.Entry<String, Object> e : levels.entrySet()) {
        configurator
            .getMethod("setLevel", String.class, level)
            .invoke(null, e.getKey(), e.getValue());
      }
    } catch (ReflectiveOperationException | LinkageError e) {
      // not Log4j 2 after all: the engine logs as configured
    }
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
