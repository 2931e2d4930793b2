package org.goalrollup;

/**
 * Shuffle keys that gather many entities: a key is hashed into one of {@code n} buckets and the
 * entities of a bucket are separated again in memory. Beam's direct runner pays a fixed cost per
 * key and stage (it evaluates each key's group as its own bundle), so grouping by bucket instead of
 * by enterprise or cell keeps that cost bounded by {@code n} whatever the number of enterprises;
 * distributed runners get {@code n} units of parallel work.
 */
public final class Buckets {
  private Buckets() {}

  /** The bucket of a key: stable across JVMs and runs (String.hashCode is specified). */
  public static int of(String key, int n) {
    return Math.floorMod(key.hashCode() * 0x9E3779B1, n);
  }
}
