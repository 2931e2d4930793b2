package org.goalrollup.output;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;

/**
 * One run at a time per output: an operating-system lock on {@code .OUT.lock} beside the output,
 * held for the whole run. The file records the holder's process id and start time, so a second run
 * can say who holds it. The system releases the lock when its process dies, even by kill -9, so a
 * lock left by a killed run is simply taken over.
 */
public final class RunLock implements AutoCloseable {
  private final FileChannel channel;
  private final FileLock lock;

  private RunLock(FileChannel channel, FileLock lock) {
    this.channel = channel;
    this.lock = lock;
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

  public static RunLock acquire(Path output, PrintStream log) throws IOException {
    Path file = lockFile(output);
    Files.createDirectories(file.getParent());
    FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = ch.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    }
    String holder = read(ch);
    if (lock == null) {
      ch.close();
      throw new HeldException(
          "another rollup run is writing "
              + output
              + " ("
              + (holder.isBlank() ? "unknown process" : holder)
              + "; lock "
              + file
              + ")");
    }
    if (!holder.isBlank()) {
      log.println(
          "rollup: taking over the lock " + file + " left by a run that ended (" + holder + ")");
    }
    String me = "pid " + ProcessHandle.current().pid() + ", started " + Instant.now();
    ch.truncate(0);
    ch.write(ByteBuffer.wrap(me.getBytes(StandardCharsets.UTF_8)), 0);
    ch.force(true);
    return new RunLock(ch, lock);
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
}
