package org.goalrollup;

import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The message of a file-system failure for a statistician: the path and the reason in plain words
 * (no such file, permission denied, is a folder, disk full). Java puts these in different places:
 * an {@link AccessDeniedException}'s message is the bare path, a {@link FileNotFoundException}'s is
 * "path (reason)".
 */
public final class IoMessages {
  /** "path (reason)", as java.io writes a failure to open a file. */
  private static final Pattern PATH_AND_REASON = Pattern.compile("(.+) \\(([^()]+)\\)");

  private IoMessages() {}

  public static String describe(IOException e) {
    if (e instanceof FileSystemException f && f.getFile() != null) {
      String what = f.getFile() + (f.getOtherFile() != null ? " -> " + f.getOtherFile() : "");
      if (e instanceof NoSuchFileException) {
        return what + ": no such file or folder";
      }
      if (e instanceof AccessDeniedException) {
        return what + ": permission denied";
      }
      if (e instanceof FileAlreadyExistsException) {
        return what + ": already exists";
      }
      if (e instanceof NotDirectoryException) {
        return what + ": not a folder";
      }
      if (e instanceof DirectoryNotEmptyException) {
        return what + ": the folder is not empty";
      }
      return what + ": " + reason(f.getReason());
    }
    String m = e.getMessage();
    if (m == null) {
      return e.getClass().getSimpleName();
    }
    if (e instanceof FileNotFoundException) {
      Matcher pr = PATH_AND_REASON.matcher(m);
      if (pr.matches()) {
        return pr.group(1) + ": " + reason(pr.group(2));
      }
    }
    if (m.toLowerCase(Locale.ROOT).contains("no space left on device")) {
      return reason(m);
    }
    return m;
  }

  /**
   * Whether a failure is a full disk (or quota) anywhere in its causes: writers often report it
   * without the path, so the caller adds the folder it was writing.
   */
  public static boolean isDiskFull(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      String m =
          t instanceof FileSystemException f && f.getReason() != null
              ? f.getReason()
              : t.getMessage();
      if (m != null) {
        String r = m.toLowerCase(Locale.ROOT);
        if (r.contains("no space left on device") || r.contains("disk quota exceeded")) {
          return true;
        }
      }
    }
    return false;
  }

  /** The reason as the operating system gives it, in the words the rest of the rollup uses. */
  static String reason(String osReason) {
    if (osReason == null) {
      return "failed";
    }
    String r = osReason.toLowerCase(Locale.ROOT);
    if (r.contains("no space left on device")) {
      return "disk full (no space left on device)";
    }
    if (r.contains("disk quota exceeded")) {
      return "disk quota exceeded";
    }
    if (r.contains("is a directory")) {
      return "is a folder, not a file";
    }
    if (r.contains("not a directory")) {
      return "not a folder";
    }
    if (r.contains("permission denied") || r.contains("operation not permitted")) {
      return "permission denied";
    }
    if (r.contains("no such file or directory")) {
      return "no such file or folder";
    }
    if (r.contains("read-only file system")) {
      return "read-only file system";
    }
    return osReason;
  }
}
