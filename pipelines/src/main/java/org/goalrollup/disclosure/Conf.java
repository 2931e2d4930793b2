package org.goalrollup.disclosure;

/**
 * The confidentiality of one group of a cell, with the rule that decided it. {@link #sdmx} is the
 * code of SDMX's CL_CONF_STATUS written to the published table.
 */
public enum Conf {
  /** Free: published. */
  FREE('F', "F"),
  /** Primary confidential: too few contributors (frequency rule). */
  FREQUENCY('N', "C"),
  /** Primary confidential: the largest contributors dominate the total ((n, k) rule). */
  DOMINANCE('K', "C"),
  /** Secondary confidential: suppressed so that a primary cell cannot be worked out. */
  SECONDARY('D', "D");

  private final char code;
  private final String sdmx;

  Conf(char code, String sdmx) {
    this.code = code;
    this.sdmx = sdmx;
  }

  /** One character for compact status strings (one per {@link Group}, in group order). */
  public char code() {
    return code;
  }

  public String sdmx() {
    return sdmx;
  }

  public boolean suppressed() {
    return this != FREE;
  }

  /** Manifest name of the rule. */
  public String rule() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Conf of(char code) {
    for (Conf c : values()) {
      if (c.code == code) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown confidentiality code " + code);
  }

  /** The status string of a cell: one code per group, in group order. */
  public static String encode(Conf[] perGroup) {
    StringBuilder sb = new StringBuilder(perGroup.length);
    for (Conf c : perGroup) {
      sb.append(c.code);
    }
    return sb.toString();
  }

  /** The status of {@code g} in a status string; null (an absent cell) is free. */
  public static Conf of(String status, Group g) {
    return status == null ? FREE : of(status.charAt(g.ordinal()));
  }

  /** A status string with every group free. */
  public static String allFree() {
    return String.valueOf(FREE.code).repeat(Group.values().length);
  }
}
