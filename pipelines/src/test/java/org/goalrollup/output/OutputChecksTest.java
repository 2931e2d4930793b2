package org.goalrollup.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The --output checks that refuse a run before anything is touched (exit 2). */
class OutputChecksTest {
  @TempDir static Path work;

  static Stream<Arguments> overlapping() throws Exception {
    Path in = Files.createDirectories(work.resolve("in"));
    Files.createDirectories(work.resolve("real"));
    Path linkToIn = work.resolve("in-link");
    if (!Files.exists(linkToIn)) {
      Files.createSymbolicLink(linkToIn, in);
    }
    return Stream.of(
        Arguments.of("same folder", in, in, "--input and --output are the same folder"),
        Arguments.of(
            "same folder through a link", in, linkToIn, "--input and --output are the same"),
        Arguments.of("output inside input", in, in.resolve("out"), "is inside --input="),
        Arguments.of(
            "output inside input through a link",
            in,
            linkToIn.resolve("out"),
            "is inside --input="),
        Arguments.of("input inside output", work.resolve("out/inputs"), work.resolve("out"), ""),
        Arguments.of("output a parent of the input", in, work, "is inside --output="),
        Arguments.of(
            "input inside the runs folder",
            work.resolve(".out.runs/run-1-1"),
            work.resolve("out"),
            "where the rollup keeps the runs of --output="),
        Arguments.of(
            "relative paths", Path.of("."), Path.of("").toAbsolutePath(), "the same folder"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("overlapping")
  void refusesOverlappingInputAndOutput(String name, Path in, Path out, String message) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OutputChecks.check(in.toString(), out.toString(), 3));
    assertThat(e.getMessage(), containsString(message));
  }

  @Test
  void acceptsSeparateFoldersAndSiblingsWithACommonPrefix() {
    assertDoesNotThrow(
        () ->
            OutputChecks.check(
                work.resolve("in").toString(), work.resolve("in-out").toString(), 3));
    assertDoesNotThrow(
        () ->
            OutputChecks.check(work.resolve("data").toString(), work.resolve("da").toString(), 3));
    assertDoesNotThrow(() -> OutputChecks.check("hdfs://nn/in", work.resolve("o").toString(), 3));
  }

  @Test
  void refusesAnEmptyOutputAndTooFewKeptRuns() {
    for (String empty : new String[] {"", " "}) {
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> OutputChecks.check("in", empty, 3));
      assertThat(e.getMessage(), containsString("--output is empty"));
    }
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OutputChecks.check("in", "out", 0));
    assertThat(e.getMessage(), containsString("--keepRuns=0 must be 1 or more"));
  }

  @Test
  void readsMountPointsFromMountinfo() {
    String mountinfo =
        "22 1 254:0 / / rw,relatime - ext4 /dev/vda rw\n"
            + "98 22 0:51 / /data/my\\040out rw,relatime - tmpfs tmpfs rw,size=1024k\n"
            + "99 22 0:52 / /data/\\346\\225\\260\\346\\215\\256 rw - tmpfs tmpfs rw\n";
    assertTrue(OutputChecks.listedAsMountPoint(mountinfo, Path.of("/data/my out")));
    assertTrue(OutputChecks.listedAsMountPoint(mountinfo, Path.of("/data/数据")));
    assertFalse(OutputChecks.listedAsMountPoint(mountinfo, Path.of("/data/my")));
    assertFalse(OutputChecks.listedAsMountPoint(mountinfo, Path.of("/data")));
    assertEquals("a\\b", OutputChecks.unescape("a\\134b"));
  }

  @Test
  void anOrdinaryFolderIsNoMountPoint() throws Exception {
    assertFalse(OutputChecks.isMountPoint(Files.createDirectories(work.resolve("plain"))));
    assertTrue(OutputChecks.isMountPoint(Path.of("/proc")), "/proc is mounted everywhere");
  }
}
