package org.goalrollup.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One run at a time, and a run refused at once leaves no lock file of its own behind. */
class RunLockTest {
  @TempDir Path work;
  final PrintStream quiet = new PrintStream(new ByteArrayOutputStream());

  @Test
  void aRefusedRunRemovesTheLockFileItCreated() throws Exception {
    Path out = work.resolve("out");
    RunLock lock = RunLock.acquire(out, quiet);
    assertTrue(Files.exists(RunLock.lockFile(out)));
    lock.discard();
    assertFalse(Files.exists(RunLock.lockFile(out)), "created by the refused run: removed");
  }

  @Test
  void aRefusedRunKeepsALockFileItDidNotCreate() throws Exception {
    Path out = work.resolve("out");
    RunLock.acquire(out, quiet).close(); // an earlier run's lock file
    RunLock lock = RunLock.acquire(out, quiet);
    lock.discard();
    assertTrue(Files.exists(RunLock.lockFile(out)), "not this run's to remove");
    RunLock.acquire(out, quiet).close(); // and it can be taken again
  }

  /** A second run while another process holds the lock: refused, the holder's file untouched. */
  @Test
  void aSecondRunIsRefusedAndTheLiveRunsLockFileStays() throws Exception {
    Path out = work.resolve("out");
    Process holder = LockHolder.start(out);
    try {
      String held = Files.readString(RunLock.lockFile(out));
      RunLock.HeldException e =
          assertThrows(RunLock.HeldException.class, () -> RunLock.acquire(out, quiet));
      assertThat(e.getMessage(), containsString("another rollup run is writing " + out));
      assertThat(e.getMessage(), containsString("pid " + holder.pid()));
      assertEquals(held, Files.readString(RunLock.lockFile(out)), "the live run's lock file");
    } finally {
      holder.getOutputStream().close();
      assertTrue(holder.waitFor(30, TimeUnit.SECONDS));
    }
    RunLock.acquire(out, quiet).close(); // free again once the holder has ended
  }
}
