package org.goalrollup.stats;

import java.io.Serializable;
import org.apache.beam.sdk.coders.Coder;

/** How values of one kind add up: a zero, an addition in place, and their coder. */
public interface Sum<V> extends Serializable {
  /** A new zero. */
  V zero();

  /** Adds {@code value} into {@code sum}; must not change {@code value}. */
  void addInto(V sum, V value);

  /** The coder of the values, for packing them into a shuffle. */
  Coder<V> coder();
}
