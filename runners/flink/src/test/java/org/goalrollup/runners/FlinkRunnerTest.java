package org.goalrollup.runners;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole rollup on Flink's embedded mini-cluster (parallelism 2) publishes the same tables as on
 * the direct runner, and a job failing on Flink publishes nothing.
 */
class FlinkRunnerTest {
  @Test
  void sameTablesAsTheDirectRunner(@TempDir Path work) throws Exception {
    SameAsDirectRunner.assertSameAsDirect(
        work, "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
  }

  @Test
  void failureInsideTheJobPublishesNothing(@TempDir Path work) throws Exception {
    SameAsDirectRunner.assertFailureIsClean(
        work, "--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
  }
}
