package org.goalrollup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A file-system failure is said with its path and its reason in plain words. */
class IoMessagesTest {
  static Stream<Arguments> failures() {
    return Stream.of(
        // Java's own message of this one is the bare path
        Arguments.of(new AccessDeniedException("/in/rd.csv"), "/in/rd.csv: permission denied"),
        Arguments.of(new NoSuchFileException("/in/rd.csv"), "/in/rd.csv: no such file or folder"),
        Arguments.of(
            new FileSystemException(
                "/out/.out.runs/run-1/summary", null, "No space left on device"),
            "/out/.out.runs/run-1/summary: disk full (no space left on device)"),
        Arguments.of(
            new FileNotFoundException("/in/rd.csv (Is a directory)"),
            "/in/rd.csv: is a folder, not a file"),
        Arguments.of(
            new FileNotFoundException("/in/rd.csv (Permission denied)"),
            "/in/rd.csv: permission denied"),
        Arguments.of(
            new IOException("No space left on device"), "disk full (no space left on device)"),
        Arguments.of(new IOException("something else"), "something else"));
  }

  @ParameterizedTest
  @MethodSource("failures")
  void theReasonWithThePath(IOException e, String message) {
    assertEquals(message, IoMessages.describe(e));
  }

  @Test
  void aFullDiskIsFoundAmongTheCauses() {
    assertTrue(
        IoMessages.isDiskFull(
            new RuntimeException("write failed", new IOException("No space left on device"))));
    assertTrue(
        IoMessages.isDiskFull(new FileSystemException("/out/x", null, "Disk quota exceeded")));
    assertFalse(IoMessages.isDiskFull(new IOException("Permission denied")));
  }
}
