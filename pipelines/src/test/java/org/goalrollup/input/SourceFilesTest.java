package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Inputs read as they were: what cannot be read as a file that stays put is refused before the run
 * reads anything, a file that changes between the start and the end of the run is caught, and each
 * sha256 is of the bytes the run read.
 */
class SourceFilesTest {
  @TempDir Path dir;

  ResourceId id(String name) {
    return FileSystems.matchNewResource(dir.resolve(name).toString(), false);
  }

  Path write(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  String refusal(String name) {
    return assertThrows(InputException.class, () -> new SourceFiles().record(name, id(name)))
        .getMessage();
  }

  @Test
  void anAbsentFileIsAbsentAndARegularFileIsRecorded() throws Exception {
    write("rd.csv", "enterprise_id,year,rd_expenditure,rd_personnel\n");
    SourceFiles s = new SourceFiles();
    assertFalse(s.record("region.csv", id("region.csv")));
    assertTrue(s.record("rd.csv", id("rd.csv")));
    assertEquals(List.of("rd.csv"), s.names());
    assertNull(s.changed());
  }

  @Test
  void aSymbolicLinkToNothingIsRefusedNotTakenAsAbsent() throws Exception {
    Files.createSymbolicLink(dir.resolve("rd.csv"), dir.resolve("gone/rd.csv"));
    assertEquals(
        dir.resolve("rd.csv")
            + " is a symbolic link to "
            + dir.resolve("gone/rd.csv")
            + ", which does not exist; rd.csv cannot be read",
        refusal("rd.csv"));
  }

  @Test
  void aSymbolicLinkToAFileIsThatFile() throws Exception {
    Path target = write("real.csv", "x\n");
    Files.createSymbolicLink(dir.resolve("rd.csv"), target);
    assertTrue(new SourceFiles().record("rd.csv", id("rd.csv")));
  }

  @Test
  void aFolderIsRefused() throws Exception {
    Files.createDirectory(dir.resolve("rd.csv"));
    assertEquals(dir.resolve("rd.csv") + " is a folder, not a file", refusal("rd.csv"));
  }

  @Test
  void aNamedPipeIsRefusedWithoutOpeningIt() throws Exception {
    Path fifo = dir.resolve("production.csv");
    mkfifo(fifo);
    // opening a pipe for reading blocks until a writer comes: the check must not open it
    String m = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refusal("production.csv"));
    assertEquals(
        fifo
            + " is a named pipe (FIFO), not a regular file; copy the data into a file named"
            + " production.csv and run again",
        m);
  }

  @Test
  void aDeviceIsRefused() throws Exception {
    Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
    Files.createSymbolicLink(dir.resolve("production.csv"), Path.of("/dev/zero"));
    assertTrue(refusal("production.csv").contains("is a character device, not a regular file"));
  }

  @Test
  void aFileTheRunMayNotReadIsRefusedWithTheReason() throws Exception {
    Path p = write("rd.csv", "x\n");
    Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("-w-------"));
    Assumptions.assumeFalse(Files.isReadable(p), "the superuser reads every file");
    assertEquals(p + ": permission denied", refusal("rd.csv"));
  }

  @Test
  void theInputFolderMustBeAReadableFolder() throws Exception {
    assertEquals(
        "--input=" + dir.resolve("nope") + ": no such folder",
        assertThrows(
                InputException.class, () -> SourceFiles.checkFolder(dir.resolve("nope").toString()))
            .getMessage());
    Path file = write("in", "x");
    assertEquals(
        "--input=" + file + " is a file, not a folder",
        assertThrows(InputException.class, () -> SourceFiles.checkFolder(file.toString()))
            .getMessage());
    assertThrows(InputException.class, () -> SourceFiles.checkFolder(""));
  }

  @Test
  void aFileAppendedToDuringTheRunHasChanged() throws Exception {
    Path p = write("production.csv", "header\nrow 1\n");
    SourceFiles s = new SourceFiles();
    s.record("production.csv", id("production.csv"));
    Files.writeString(p, "row 2\n", StandardOpenOption.APPEND);
    assertEquals("production.csv changed while it was read", s.changed());
    assertThrows(SourceFiles.ChangedException.class, s::hashUnchanged);
  }

  @Test
  void aFileRewrittenWithTheSameSizeAndTimeHasChanged() throws Exception {
    Path p = write("rd.csv", "aaaa\n");
    FileTime t = Files.getLastModifiedTime(p);
    SourceFiles s = new SourceFiles();
    s.record("rd.csv", id("rd.csv"));
    // replaced by a rename, as an upstream job delivers a file: same size, time set back
    Path next = write("rd.csv.tmp", "bbbb\n");
    Files.setLastModifiedTime(next, t);
    Files.move(next, p, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    assertEquals(Files.size(p), 5);
    assertEquals(t, Files.getLastModifiedTime(p));
    assertEquals("rd.csv changed while it was read", s.changed());
  }

  @Test
  void aFileRemovedDuringTheRunHasChanged() throws Exception {
    Path p = write("rd.csv", "aaaa\n");
    SourceFiles s = new SourceFiles();
    s.record("rd.csv", id("rd.csv"));
    Files.delete(p);
    assertEquals("rd.csv changed while it was read", s.changed());
  }

  @Test
  void theHashIsOfTheBytesRead() throws Exception {
    byte[] bytes = "enterprise_id,year\nE1,2020\n".getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("rd.csv"), bytes);
    SourceFiles s = new SourceFiles();
    s.record("rd.csv", id("rd.csv"));
    s.hashUnchanged();
    assertEquals(
        HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
        s.sha256(id("rd.csv")));
  }

  @Test
  void namesThatDifferOnlyByCaseOrSpacesAreNamed() throws Exception {
    write("RD.csv", "x");
    write(" region.csv", "x");
    write("milestones.csv\u3000", "x");
    write("Targets.CSV ", "x");
    write("production.csv", "x");
    write("notes.txt", "x");
    assertEquals(
        List.of(
            "' region.csv' in the input folder is not read: its name differs from region.csv"
                + " only by spaces around it; rename it to region.csv if it is meant as input",
            "'RD.csv' in the input folder is not read: its name differs from rd.csv only by"
                + " letter case; rename it to rd.csv if it is meant as input",
            "'Targets.CSV ' in the input folder is not read: its name differs from targets.csv"
                + " only by letter case and spaces around it; rename it to targets.csv if it is"
                + " meant as input",
            "'milestones.csv\u3000' in the input folder is not read: its name differs from"
                + " milestones.csv only by spaces around it; rename it to milestones.csv if it is"
                + " meant as input"),
        SourceFiles.nearMisses(
            dir.toString(),
            List.of("production.csv", "rd.csv", "region.csv", "milestones.csv", "targets.csv")));
  }

  @Test
  void aLookalikeBesideTheRealFileSaysTheRealOneIsRead() throws Exception {
    write("rd.csv", "x");
    write("rd.CSV", "x");
    assertEquals(
        List.of(
            "'rd.CSV' in the input folder is not read: its name differs from rd.csv only by"
                + " letter case (rd.csv is read)"),
        SourceFiles.nearMisses(dir.toString(), List.of("rd.csv")));
  }

  static void mkfifo(Path p) throws Exception {
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    } catch (IOException e) {
      Assumptions.abort("mkfifo is not available: " + e.getMessage());
      return;
    }
    Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo failed");
  }
}
