package org.goalrollup;

import java.util.List;

/**
 * Quiets the framework loggers (Beam, Parquet, Hadoop, Spark, Flink) unless {@code --verbose} is
 * given. Must run before any logger is created; slf4j-simple reads these system properties once.
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
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
