package org.goalrollup.output;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ClientConsoleTest {
  @Test
  void flinkClientKeepsTheJobLinesAndDropsTheAccumulators() {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    PrintStream old = System.out;
    String result;
    try {
      System.setOut(new PrintStream(seen, true, StandardCharsets.UTF_8));
      result =
          ClientConsole.withoutAccumulatorDump(
              () -> {
                System.out.println("Job has been submitted with JobID 1f2e");
                // what Flink's ContextEnvironment prints: the JobExecutionResult in one println
                System.out.println(
                    "Program execution finished\n"
                        + "Job with JobID 1f2e has finished.\n"
                        + "Job Runtime: 41234 ms\n"
                        + "Accumulator Results: \n"
                        + "- __metricscontainers (org.apache.beam...MetricsAccumulator): {\n"
                        + "  \"metrics\": {\n"
                        + "}\n");
                System.out.print("still inside");
                return "result";
              });
      System.out.println("rollup: wrote summary (12 rows)");
    } finally {
      System.setOut(old);
    }
    assertEquals("result", result);
    assertEquals(
        "Job has been submitted with JobID 1f2e\n"
            + "Program execution finished\n"
            + "Job with JobID 1f2e has finished.\n"
            + "Job Runtime: 41234 ms\n"
            + "rollup: wrote summary (12 rows)\n",
        seen.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }

  @Test
  void everythingElsePassesThrough() {
    ByteArrayOutputStream seen = new ByteArrayOutputStream();
    PrintStream old = System.out;
    try {
      System.setOut(new PrintStream(seen, true, StandardCharsets.UTF_8));
      ClientConsole.withoutAccumulatorDump(
          () -> {
            System.out.println("第一行 Accumulator Results: inside a line");
            System.out.print("no newline");
            return null;
          });
    } finally {
      System.setOut(old);
    }
    assertEquals(
        "第一行 Accumulator Results: inside a line\nno newline",
        seen.toString(StandardCharsets.UTF_8).replace(System.lineSeparator(), "\n"));
  }
}
