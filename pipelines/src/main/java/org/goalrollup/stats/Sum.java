package org.goalrollup.stats;

import java.io.Serializable;

/** How values of one kind add up: a zero and an addition in place. */
public interface Sum<V> extends Serializable {
  /** A new zero. */
  V zero();

  /** Adds {@code value} into {@code sum}; must not change {@code value}. */
  void addInto(V sum, V value);
}
