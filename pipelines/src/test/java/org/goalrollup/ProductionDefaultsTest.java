package org.goalrollup;

import static org.hamcrest.MatcherAssert.assertThat;
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
  void flinkAndSparkUseEveryCoreUnlessTold() {
    assertThat(of("--runner=FlinkRunner"), hasItems("--parallelism=" + CORES, "--fasterCopy=true"));
    assertThat(
        of("--runner=FlinkRunner", "--parallelism=1"), not(hasItem("--parallelism=" + CORES)));
    assertThat(of("--runner=SparkRunner"), hasItem("--sparkMaster=local[" + CORES + "]"));
    assertThat(
        of("--runner=SparkRunner", "--sparkMaster=local[1]"),
        not(hasItem("--sparkMaster=local[" + CORES + "]")));
    // options of one runner are never given to another, which would reject them
    assertThat(of("--runner=SparkRunner"), not(hasItem("--enforceImmutability=false")));
    assertThat(of("--input=x"), not(hasItem("--parallelism=" + CORES)));
  }
}
