package org.goalrollup.runners;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The whole rollup on Spark in local mode publishes the same tables as on the direct runner, and a
 * job failing on Spark publishes nothing.
 */
class SparkRunnerTest {
  @Test
  void sameTablesAsTheDirectRunner(@TempDir Path work) throws Exception {
    SameAsDirectRunner.assertSameAsDirect(work, "--runner=SparkRunner", "--sparkMaster=local[2]");
  }

  @Test
  void failureInsideTheJobPublishesNothing(@TempDir Path work) throws Exception {
    SameAsDirectRunner.assertFailureIsClean(work, "--runner=SparkRunner", "--sparkMaster=local[2]");
  }
}
