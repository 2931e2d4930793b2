package org.goalrollup.output;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Supplier;

/**
 * The standard output of the process that submits the job, while it waits for the job. Flink's
 * {@code flink run} client prints the finished job's result there, and with it every accumulator:
 * Beam's runner keeps all the job's metrics in one accumulator, about 570 lines of JSON that bury
 * the rollup's own lines. This passes everything through except that dump, from its {@code
 * Accumulator Results:} line on; the job's id and run time before it are kept.
 */
public final class ClientConsole {
  /** The line with which Flink's client starts printing the accumulators. */
  static final byte[] DUMP_START = "Accumulator Results:".getBytes(StandardCharsets.US_ASCII);

  private ClientConsole() {}

  /** Runs {@code submit} with the accumulator dump left out of {@code System.out}. */
  public static <T> T withoutAccumulatorDump(Supplier<T> submit) {
    PrintStream original = System.out;
    PrintStream filtered =
        new PrintStream(new DumpFilter(original), true, Charset.defaultCharset());
    System.setOut(filtered);
    try {
      return submit.get();
    } finally {
      filtered.flush();
      System.setOut(original);
    }
  }

  /** Passes whole lines to {@code target} until a line starts the dump, then drops the rest. */
  static final class DumpFilter extends OutputStream {
    private final PrintStream target;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private boolean dropping;

    DumpFilter(PrintStream target) {
      this.target = target;
    }

    @Override
    public synchronized void write(int b) {
      if (dropping) {
        return;
      }
      line.write(b);
      if (b == '\n') {
        emit();
      }
    }

    @Override
    public synchronized void flush() {
      if (!dropping && line.size() > 0 && !startsDump()) {
        // a partial line (a prompt, a progress dot) is passed on when the writer flushes
        target.write(line.toByteArray(), 0, line.size());
        line.reset();
      }
      target.flush();
    }

    private void emit() {
      if (startsDump()) {
        dropping = true;
      } else {
        target.write(line.toByteArray(), 0, line.size());
      }
      line.reset();
    }

    private boolean startsDump() {
      byte[] b = line.toByteArray();
      return b.length >= DUMP_START.length
          && Arrays.equals(b, 0, DUMP_START.length, DUMP_START, 0, DUMP_START.length);
    }
  }
}
