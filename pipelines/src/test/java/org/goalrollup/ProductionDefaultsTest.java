package org.goalrollup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.not;

import java.util.List;
import org.junit.jupiter.api.Test;

class ProductionDefaultsTest {
  static final int CORES = Runtime.getRuntime().availableProcessors();

  static List<String> of(String... args) {
    return List.of(RollupPipeline.withProductionDefaults(args));
  }

  @Test
  void directRunnerChecksAreOffUnlessAsked() {
    assertThat(of("--input=x"), hasItems("--enforceImmutability=false", "--blockOnRun=false"));
    List<String> asked = of("--enforceImmutability=true");
    assertThat(asked, not(hasItem("--enforceImmutability=false")));
  }

  @Test
  void localFlinkAndSparkUseEveryCoreUnlessTold() {
    assertThat(
        of("--runner=FlinkRunner", "--flinkMaster=[local]"),
        hasItems("--parallelism=" + CORES, "--fasterCopy=true"));
    assertThat(
        of("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=1"),
        not(hasItem("--parallelism=" + CORES)));
    // a job sent to a cluster (flink run -p N) keeps the cluster's parallelism
    assertThat(of("--runner=FlinkRunner"), not(hasItem("--parallelism=" + CORES)));
    assertThat(of("--runner=FlinkRunner"), hasItem("--fasterCopy=true"));
    assertThat(of("--runner=SparkRunner"), hasItem("--sparkMaster=local[" + CORES + "]"));
    assertThat(
        of("--runner=SparkRunner", "--sparkMaster=local[1]"),
        not(hasItem("--sparkMaster=local[" + CORES + "]")));
    // options of one runner are never given to another, which would reject them
    assertThat(of("--runner=SparkRunner"), not(hasItem("--enforceImmutability=false")));
    assertThat(of("--input=x"), not(hasItem("--parallelism=" + CORES)));
  }

  @Test
  void runnerNamesAreReadAsBeamReadsThem() {
    assertThat(RollupPipeline.runnerOf(List.of("--input=x")), equalTo("direct"));
    assertThat(RollupPipeline.runnerOf(List.of("--runner=flink")), equalTo("flink"));
    assertThat(RollupPipeline.runnerOf(List.of("--runner=SparkRunner")), equalTo("spark"));
    assertThat(
        RollupPipeline.runnerOf(List.of("--runner=org.apache.beam.runners.direct.DirectRunner")),
        equalTo("direct"));
    assertThat(of("--runner=directrunner"), hasItem("--enforceImmutability=false"));
    assertThat(of("--runner=flinkrunner", "--flinkMaster=[local]"), hasItem("--fasterCopy=true"));
  }
}
