package org.goalrollup.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run folder is published only with its tables: on a cluster whose workers do not share the
 * output folder, the tables land on the workers' disks, and publishing must fail instead.
 */
class PublisherTest {
  @Test
  void refusesARunFolderWithoutItsTables(@TempDir Path work) throws IOException {
    Publisher publisher =
        new Publisher(
            work.resolve("out").toString(), "run-1", new PrintStream(new ByteArrayOutputStream()));
    publisher.prepare();
    Files.createDirectories(publisher.staging().resolve("summary"));
    Files.writeString(publisher.staging().resolve("summary/part-00000.parquet"), "x");

    publisher.requireWritten(List.of("summary/part-00000.parquet"));
    IOException e =
        assertThrows(
            IOException.class,
            () ->
                publisher.requireWritten(
                    List.of("summary/part-00000.parquet", "rejects/part-00000.parquet")));
    assertThat(e.getMessage(), containsString("rejects/part-00000.parquet is missing"));
    assertThat(e.getMessage(), containsString("every worker see at the same path"));
    assertFalse(Files.exists(work.resolve("out")), "nothing published");
  }
}
