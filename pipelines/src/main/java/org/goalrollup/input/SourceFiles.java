package org.goalrollup.input;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.goalrollup.IoMessages;

/**
 * The files a run reads, as they were when it started: so that the run can prove it read each one
 * as it was. Before anything is read, {@link #record} notes each file's size, modification and
 * change times and identity (device and inode), and refuses what cannot be read as a file that
 * stays put: a folder, a named pipe (which would block the run), a device, a socket, a symbolic
 * link to nothing, a file the run may not read. After the pipeline, {@link #changed} compares them
 * again; {@link #hashUnchanged} then hashes every file and compares once more, so each sha256 is of
 * the bytes the run parsed.
 *
 * <p>On file systems other than the local one (HDFS, object stores, through Beam FileSystems) the
 * size and modification time are those the file system reports, and the type checks are its own.
 */
public final class SourceFiles {
  /** What is compared: a file is unchanged while all of these are. */
  record State(long size, long modified, long changed, String identity) {}

  private record Source(String name, ResourceId id, State state) {}

  private final Map<String, Source> files = new LinkedHashMap<>();
  private final Map<String, String> sha256 = new LinkedHashMap<>();

  /**
   * Checks that the input folder is there and readable (local folders only; other file systems
   * report a missing folder as missing files).
   */
  public static void checkFolder(String inputDir) throws InputException {
    if (inputDir == null || inputDir.isBlank()) {
      throw new InputException("--input is empty: give the folder of the input CSV files");
    }
    Path dir = localPath(FileSystems.matchNewResource(inputDir, true));
    if (dir == null) {
      return;
    }
    if (!Files.exists(dir)) {
      throw new InputException(
          "--input="
              + inputDir
              + ": no such folder"
              + (Files.exists(dir, LinkOption.NOFOLLOW_LINKS)
                  ? " (a symbolic link to " + target(dir) + ", which does not exist)"
                  : ""));
    }
    if (!Files.isDirectory(dir)) {
      throw new InputException("--input=" + inputDir + " is a file, not a folder");
    }
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.iterator().hasNext();
    } catch (IOException | RuntimeException e) {
      throw new InputException(
          "--input=" + inputDir + ": cannot read the folder: permission denied");
    }
    if (!Files.isExecutable(dir)) {
      throw new InputException(
          "--input=" + inputDir + ": cannot open the files of the folder: permission denied");
    }
  }

  /**
   * Notes the file {@code id}, shown to the user as {@code name}: returns false if there is no such
   * file, true if it is a readable regular file (whose state is now recorded), and fails for
   * anything else of that name.
   */
  public boolean record(String name, ResourceId id) throws InputException, IOException {
    Path p = localPath(id);
    State state;
    if (p == null) {
      MatchResult m = FileSystems.match(List.of(id.toString())).get(0);
      if (m.status() == MatchResult.Status.NOT_FOUND
          || (m.status() == MatchResult.Status.OK && m.metadata().isEmpty())) {
        return false;
      }
      MatchResult.Metadata md = m.metadata().get(0);
      state = new State(md.sizeBytes(), md.lastModifiedMillis(), 0, null);
    } else {
      if (!Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
        return false;
      }
      state = localState(p, name);
      checkReadable(p);
    }
    files.put(id.toString(), new Source(name, id, state));
    return true;
  }

  /** The files recorded, by the names shown to the user. */
  public List<String> names() {
    return files.values().stream().map(Source::name).toList();
  }

  /**
   * Null if every recorded file is as it was recorded; else the message naming the first that is
   * not. Never throws: a file that cannot be looked at any more has changed.
   */
  public String changed() {
    for (Source s : files.values()) {
      State now;
      try {
        now = stateNow(s);
      } catch (IOException | InputException | RuntimeException e) {
        now = null;
      }
      if (!s.state().equals(now)) {
        return s.name() + " changed while it was read";
      }
    }
    return null;
  }

  /**
   * Checks that no file changed, hashes every file, and checks again, so that each hash is of the
   * bytes the run parsed; fails with "X changed while it was read" otherwise.
   */
  public void hashUnchanged() throws IOException {
    String c = changed();
    if (c != null) {
      throw new ChangedException(c);
    }
    for (Source s : files.values()) {
      sha256.put(s.id().toString(), hash(s.id()));
    }
    c = changed();
    if (c != null) {
      sha256.clear();
      throw new ChangedException(c);
    }
  }

  /**
   * The sha256 of {@code id}: as computed by {@link #hashUnchanged} for a recorded file, else
   * computed now.
   */
  public String sha256(ResourceId id) throws IOException {
    String h = sha256.get(id.toString());
    return h != null ? h : hash(id);
  }

  /** A failure because an input changed during the run; its message is the line for the user. */
  public static final class ChangedException extends IOException {
    ChangedException(String message) {
      super(message);
    }
  }

  /**
   * Names in {@code inputDir} that differ from one of {@code expected} only by letter case or by
   * spaces around them (ASCII, no-break or ideographic), so look like an input but are not read:
   * one warning each. Local folders only.
   */
  public static List<String> nearMisses(String inputDir, List<String> expected) {
    List<String> warnings = new ArrayList<>();
    Path dir = localPath(FileSystems.matchNewResource(inputDir, true));
    if (dir == null || !Files.isDirectory(dir)) {
      return warnings;
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> s = Files.newDirectoryStream(dir)) {
      s.forEach(f -> names.add(f.getFileName().toString()));
    } catch (IOException e) {
      return warnings;
    }
    names.sort(null);
    for (String n : names) {
      for (String e : expected) {
        if (n.equals(e) || !normalized(n).equals(e)) {
          continue;
        }
        String how =
            stripSpaces(n).equals(e)
                ? "spaces around it"
                : stripSpaces(n).equals(n) ? "letter case" : "letter case and spaces around it";
        warnings.add(
            "'"
                + n
                + "' in the input folder is not read: its name differs from "
                + e
                + " only by "
                + how
                + (names.contains(e)
                    ? " (" + e + " is read)"
                    : "; rename it to " + e + " if it is meant as input"));
      }
    }
    return warnings;
  }

  /** A name without the spaces around it (any Unicode space) and in lower case. */
  static String normalized(String name) {
    return stripSpaces(name).toLowerCase(Locale.ROOT);
  }

  private static String stripSpaces(String name) {
    int from = 0;
    int to = name.length();
    while (from < to && isSpace(name.charAt(from))) {
      from++;
    }
    while (to > from && isSpace(name.charAt(to - 1))) {
      to--;
    }
    return name.substring(from, to);
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c) || c == '\uFEFF';
  }

  // ---------------------------------------------------------------- local files

  /** The local path of {@code id}, or null if it is on another file system. */
  static Path localPath(ResourceId id) {
    if (!"file".equals(id.getScheme())) {
      return null;
    }
    try {
      return Path.of(id.toString());
    } catch (InvalidPathException e) {
      return null;
    }
  }

  private State stateNow(Source s) throws IOException, InputException {
    Path p = localPath(s.id());
    if (p == null) {
      MatchResult.Metadata md = FileSystems.matchSingleFileSpec(s.id().toString());
      return new State(md.sizeBytes(), md.lastModifiedMillis(), 0, null);
    }
    return localState(p, s.name());
  }

  /** The state of a local file that exists, or the reason it is not a regular file. */
  static State localState(Path p, String name) throws InputException, IOException {
    if (Files.isSymbolicLink(p) && !Files.exists(p)) {
      throw new InputException(
          p
              + " is a symbolic link to "
              + target(p)
              + ", which does not exist; "
              + name
              + " cannot be read");
    }
    BasicFileAttributes a;
    try {
      a = Files.readAttributes(p, BasicFileAttributes.class);
    } catch (IOException e) {
      throw new InputException(IoMessages.describe(e));
    }
    if (a.isDirectory()) {
      throw new InputException(p + " is a folder, not a file");
    }
    if (!a.isRegularFile()) {
      throw new InputException(
          p
              + " is "
              + kind(p)
              + ", not a regular file; copy the data into a file named "
              + name
              + " and run again");
    }
    long changed = 0;
    try {
      Object ctime = Files.getAttribute(p, "unix:ctime");
      if (ctime instanceof java.nio.file.attribute.FileTime t) {
        changed = t.to(TimeUnit.NANOSECONDS);
      }
    } catch (UnsupportedOperationException | IllegalArgumentException e) {
      // no unix view here: size, modification time and identity still tell
    }
    return new State(
        a.size(),
        a.lastModifiedTime().to(TimeUnit.NANOSECONDS),
        changed,
        String.valueOf(a.fileKey()));
  }

  /** Opens and closes the file, so that a file the run may not read fails now, with its reason. */
  private static void checkReadable(Path p) throws InputException {
    try (FileChannel ch = FileChannel.open(p, StandardOpenOption.READ)) {
      // readable
    } catch (IOException e) {
      throw new InputException(IoMessages.describe(e));
    }
  }

  /** What kind of special file {@code p} is, from its Unix mode where the system tells it. */
  private static String kind(Path p) {
    try {
      int mode = (Integer) Files.getAttribute(p, "unix:mode");
      switch (mode & 0170000) {
        case 0010000:
          return "a named pipe (FIFO)";
        case 0020000:
          return "a character device";
        case 0060000:
          return "a block device";
        case 0140000:
          return "a socket";
        default:
          break;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
      // fall through
    }
    return "a special file (pipe, device or socket)";
  }

  private static String target(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException e) {
      return "a missing file";
    }
  }

  static String hash(ResourceId id) throws IOException {
    try (InputStream in = Channels.newInputStream(FileSystems.open(id))) {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      byte[] buf = new byte[1 << 16];
      int n;
      while ((n = in.read(buf)) > 0) {
        d.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(d.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
