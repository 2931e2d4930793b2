package org.goalrollup.output;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;

/**
 * One run at a time per output: an operating-system lock on {@code .OUT.lock} beside the output,
 * held for the whole run. The file records the holder's process id and start time, so a second run
 * can say who holds it. The system releases the lock when its process dies, even by kill -9, so a
 * lock left by a killed run is simply taken over.
 */
public final class RunLock implements AutoCloseable {
  private static final int ATTEMPTS = 10;

  private final Path file;
  private final FileChannel channel;
  private final FileLock lock;
  private final boolean created;
  private final Instant acquiredAt;

  private RunLock(
      Path file, FileChannel channel, FileLock lock, boolean created, Instant acquiredAt) {
    this.file = file;
    this.channel = channel;
    this.lock = lock;
    this.created = created;
    this.acquiredAt = acquiredAt;
  }

  /** Thrown when another live run holds the lock. */
  public static final class HeldException extends IOException {
    public HeldException(String message) {
      super(message);
    }
  }

  public static Path lockFile(Path output) {
    Path out = output.toAbsolutePath().normalize();
    return out.resolveSibling("." + out.getFileName() + ".lock");
  }

  /** When this run took the lock: run folders without _SUCCESS started before it are debris. */
  public Instant acquiredAt() {
    return acquiredAt;
  }

  /**
   * Takes the lock or throws {@link HeldException} at once. The lock file is created if absent.
   * After locking, the path must still name the file this run opened (same device and inode), else
   * the lock was taken on a file that a refused run removed meanwhile, and it is taken again. (The
   * identity is read with stat, never by opening the file again: closing a second descriptor of a
   * file would release this process's lock on it.)
   */
  public static RunLock acquire(Path output, PrintStream log) throws IOException {
    Path file = lockFile(output);
    Files.createDirectories(file.getParent());
    for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
      boolean created = true;
      FileChannel ch;
      try {
        ch =
            FileChannel.open(
                file,
                StandardOpenOption.CREATE_NEW,
                StandardOpenOption.READ,
                StandardOpenOption.WRITE);
      } catch (FileAlreadyExistsException e) {
        created = false;
        try {
          ch = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
        } catch (NoSuchFileException gone) {
          continue; // removed by a refused run between the two opens
        }
      }
      FileLock lock = null;
      try {
        Object opened = identity(file);
        try {
          lock = ch.tryLock();
        } catch (OverlappingFileLockException e) {
          lock = null;
        }
        String holder = read(ch);
        if (lock == null) {
          ch.close(); // never delete: the file is the live run's
          throw new HeldException(
              "another rollup run is writing "
                  + output
                  + " ("
                  + (holder.isBlank() ? "unknown process" : holder)
                  + "; lock "
                  + file
                  + "); try again when it has finished");
        }
        if (opened == null || !opened.equals(identity(file))) {
          lock.release();
          ch.close();
          continue;
        }
        String me = "pid " + ProcessHandle.current().pid() + ", started " + Instant.now();
        ch.truncate(0);
        ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
        ch.force(true);
        if (!holder.isBlank()) {
          log.println(
              "rollup: taking over the lock "
                  + file
                  + " left by a run that ended ("
                  + holder
                  + ")");
        }
        return new RunLock(file, ch, lock, created, Instant.now());
      } catch (IOException | RuntimeException e) {
        if (ch.isOpen()) {
          if (created && lock != null) {
            Files.deleteIfExists(file); // ours, still locked: a failed start leaves no lock file
          }
          ch.close();
        }
        throw e;
      }
    }
    throw new IOException("could not take the lock " + file + ": it keeps being replaced");
  }

  /** The device and inode of {@code file} (stat, not open), or null if it is gone. */
  private static Object identity(Path file) throws IOException {
    try {
      return Files.readAttributes(file, BasicFileAttributes.class).fileKey();
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  private static String read(FileChannel ch) throws IOException {
    ByteBuffer buf = ByteBuffer.allocate(512);
    int n = ch.read(buf, 0);
    return n <= 0 ? "" : new String(buf.array(), 0, n, StandardCharsets.UTF_8).trim();
  }

  /** Clears the holder and releases the lock; the lock file stays for the next run. */
  @Override
  public void close() throws IOException {
    try {
      channel.truncate(0);
      lock.release();
    } finally {
      channel.close();
    }
  }

  /**
   * Releases the lock of a run that was refused before it began: the lock file goes too if this run
   * created it (removed while still locked, so no other run can hold it meanwhile).
   */
  public void discard() throws IOException {
    try {
      if (created) {
        Files.deleteIfExists(file);
      }
    } finally {
      close();
    }
  }
}
