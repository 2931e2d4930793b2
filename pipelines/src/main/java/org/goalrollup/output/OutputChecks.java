package org.goalrollup.output;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The command-line checks of {@code --output} that refuse a run before anything is touched (exit
 * 2): an empty value, a mount point (a link cannot replace it), input and output overlapping (the
 * output is replaced by a link to a new run folder and old run folders are deleted, so an input in
 * either would be lost, and an output inside the input would be read as input), and {@code
 * --keepRuns}. Each problem is an {@link IllegalArgumentException} with a message for the user.
 */
public final class OutputChecks {
  private static final Pattern URL = Pattern.compile("[A-Za-z][A-Za-z0-9+.-]*://.*");
  private static final Path MOUNTINFO = Path.of("/proc/self/mountinfo");

  private OutputChecks() {}

  /**
   * Checks {@code --output}, its overlap with {@code --input} (skipped when the input is null or a
   * URL) and {@code --keepRuns}.
   */
  public static void check(String input, String output, int keepRuns) {
    if (output == null || output.isBlank()) {
      throw new IllegalArgumentException(
          "--output is empty; give the folder to publish into (an unset shell variable gives an"
              + " empty value, and the current folder is never taken instead)");
    }
    if (keepRuns < 1) {
      throw new IllegalArgumentException(
          "--keepRuns=" + keepRuns + " must be 1 or more (the published run is always kept)");
    }
    Path out = Path.of(output).toAbsolutePath().normalize();
    if (out.getFileName() == null) {
      return; // the caller says "must name a folder below a parent folder"
    }
    if (isMountPoint(out)) {
      throw new IllegalArgumentException(
          "--output="
              + output
              + " is a mount point; publishing replaces --output with a symbolic link, which a"
              + " mount point cannot be: use a folder below it, e.g. --output="
              + out.resolve("rollup"));
    }
    if (input != null && !input.isEmpty() && !URL.matcher(input).matches()) {
      checkApart(input, output, out);
    }
  }

  private static void checkApart(String input, String output, Path out) {
    Path runs = new RunFolders(out).runs();
    Path lexical = Path.of(input).toAbsolutePath().normalize();
    checkApart(input, output, lexical, out); // as written first: the message the user expects
    for (Path in : forms(Path.of(input))) {
      for (Path r : forms(runs)) {
        if (in.startsWith(r)) {
          throw new IllegalArgumentException(
              "--input="
                  + input
                  + " is inside "
                  + runs
                  + ", where the rollup keeps the runs of --output="
                  + output
                  + " and deletes old ones; copy the files elsewhere first");
        }
      }
    }
    for (Path in : forms(Path.of(input))) {
      for (Path o : forms(out)) {
        checkApart(input, output, in, o);
      }
    }
  }

  private static void checkApart(String input, String output, Path in, Path o) {
    if (in.equals(o)) {
      throw new IllegalArgumentException(
          "--input and --output are the same folder ("
              + input
              + "); publishing replaces --output, so give it a folder of its own");
    }
    if (in.startsWith(o)) {
      throw new IllegalArgumentException(
          "--input="
              + input
              + " is inside --output="
              + output
              + "; publishing replaces --output with a link to a new run folder, so keep the"
              + " input outside it");
    }
    if (o.startsWith(in)) {
      throw new IllegalArgumentException(
          "--output="
              + output
              + " is inside --input="
              + input
              + "; give the output a folder"
              + " outside the input");
    }
  }

  /**
   * A path as written (absolute, normalized) and, where its folder exists, with the symbolic links
   * of its folder resolved (the path itself is not followed: the output is usually a link).
   */
  static List<Path> forms(Path p) {
    List<Path> forms = new ArrayList<>();
    Path abs = p.toAbsolutePath().normalize();
    forms.add(abs);
    try {
      if (Files.exists(abs) && !Files.isSymbolicLink(abs)) {
        forms.add(abs.toRealPath());
      } else if (abs.getParent() != null && Files.exists(abs.getParent())) {
        forms.add(abs.getParent().toRealPath().resolve(abs.getFileName()));
      }
      if (Files.isSymbolicLink(abs) && Files.exists(abs)) {
        forms.add(abs.toRealPath());
      }
    } catch (IOException e) {
      // unreadable: the written form is all there is to compare
    }
    return forms;
  }

  /**
   * True if {@code dir} is a folder on which a file system is mounted: its device differs from its
   * parent's, or the kernel lists it as a mount point (a bind mount keeps the device).
   */
  static boolean isMountPoint(Path dir) {
    if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS) || dir.getParent() == null) {
      return false;
    }
    try {
      Object dev = Files.getAttribute(dir, "unix:dev", LinkOption.NOFOLLOW_LINKS);
      Object parentDev = Files.getAttribute(dir.getParent(), "unix:dev");
      if (!dev.equals(parentDev)) {
        return true;
      }
      return Files.isReadable(MOUNTINFO)
          && listedAsMountPoint(Files.readString(MOUNTINFO), dir.toRealPath());
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      return false; // not a Unix file system, or unreadable: the publish step says what fails
    }
  }

  /** True if {@code mountinfo} (the format of /proc/self/mountinfo) lists {@code dir}. */
  static boolean listedAsMountPoint(String mountinfo, Path dir) {
    String wanted = dir.toString();
    for (String line : mountinfo.split("\n")) {
      String[] fields = line.split(" ");
      if (fields.length > 4 && unescape(fields[4]).equals(wanted)) {
        return true;
      }
    }
    return false;
  }

  /** Undoes the kernel's octal escapes ({@code \040} for a space) in a mountinfo path. */
  static String unescape(String s) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    byte[] raw = s.getBytes(StandardCharsets.UTF_8);
    for (int i = 0; i < raw.length; i++) {
      if (raw[i] == '\\' && i + 3 < raw.length && isOctal(raw, i + 1)) {
        bytes.write(Integer.parseInt(new String(raw, i + 1, 3, StandardCharsets.US_ASCII), 8));
        i += 3;
      } else {
        bytes.write(raw[i]);
      }
    }
    return bytes.toString(StandardCharsets.UTF_8);
  }

  private static boolean isOctal(byte[] raw, int from) {
    for (int i = from; i < from + 3; i++) {
      if (raw[i] < '0' || raw[i] > '7') {
        return false;
      }
    }
    return true;
  }
}
