package org.goalrollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ClusterArgsTest {
  static final Path CWD = Path.of("/srv/rollup");

  @Test
  void relativePathsAreMadeAbsoluteOnTheDriver() {
    assertEquals(
        List.of(
            "--input=/srv/rollup/in/2020-12",
            "--output=/srv/rollup/out",
            "--targets=/srv/targets.csv",
            "--year=2020"),
        ClusterArgs.absolutePaths(
            List.of(
                "--input=in/2020-12", "--output=./out", "--targets=../targets.csv", "--year=2020"),
            CWD));
  }

  @Test
  void absolutePathsUrlsAndOtherOptionsAreKept() {
    List<String> args =
        List.of(
            "--input=hdfs:///data/in",
            "--output=/mnt/shared/out",
            "--targets=s3://bucket/targets.csv",
            "--runner=SparkRunner",
            "--inputs=not-a-path-option",
            "--output=");
    assertEquals(args, ClusterArgs.absolutePaths(args, CWD));
  }

  @Test
  void sparkSubmitChoosesTheMaster() {
    List<String> args =
        List.of("--runner=SparkRunner", "--sparkMaster=spark://m:7077", "--year=2020");
    assertEquals(
        List.of("--runner=SparkRunner", "--year=2020"),
        ClusterArgs.sparkSubmitDecidesMaster(args, "spark://m:7077"));
    // without spark-submit the option is the only way to name a cluster
    assertEquals(args, ClusterArgs.sparkSubmitDecidesMaster(args, null));
  }

  @Test
  void underSparkSubmitTheJobStagesNothingOfItsOwn() {
    String old = System.getProperty("spark.master");
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    try {
      System.setProperty("spark.master", "spark://m:7077");
      String[] rewritten =
          ClusterArgs.rewrite(
              new String[] {"--runner=SparkRunner", "--sparkMaster=spark://m:7077"},
              new PrintStream(text, true, StandardCharsets.UTF_8));
      // the local default is what tells Beam's Spark runner to leave the jars to spark-submit
      List<String> args = List.of(RollupPipeline.withProductionDefaults(rewritten));
      assertTrue(
          args.stream().anyMatch(a -> a.matches("--sparkMaster=local\\[\\d+]")), args::toString);
      assertTrue(
          args.stream().noneMatch(a -> a.startsWith("--sparkMaster=spark:")), args::toString);
      assertTrue(text.toString(StandardCharsets.UTF_8).contains("--sparkMaster is ignored"));
    } finally {
      if (old == null) {
        System.clearProperty("spark.master");
      } else {
        System.setProperty("spark.master", old);
      }
    }
  }
}
