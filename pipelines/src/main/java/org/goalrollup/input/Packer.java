package org.goalrollup.input;

import java.io.Serializable;
import java.util.function.Consumer;

/**
 * How the accepted rows of a file leave the parse step: one element per row ({@link #rows()}), or
 * packed into fewer, larger elements (see {@link ProductionBatches}). A file is parsed in chunks
 * ({@link ParseCsvFile}), each in one call, so a packing sees every row of a chunk and is finished
 * at its end.
 */
public interface Packer<T, A> extends Serializable {
  /** A fresh packing for the rows of one chunk of a file. */
  Packing<T, A> start();

  /** The rows of one chunk on their way out. */
  interface Packing<T, A> {
    void add(T row, Consumer<A> out);

    void finish(Consumer<A> out);
  }

  /** Each row is its own element. */
  static <T> Packer<T, T> rows() {
    return () ->
        new Packing<T, T>() {
          @Override
          public void add(T row, Consumer<T> out) {
            out.accept(row);
          }

          @Override
          public void finish(Consumer<T> out) {}
        };
  }
}
