package org.goalrollup.stats;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.apache.avro.Schema;
import org.goalrollup.model.Summary;

/**
 * The indicators a target may name: every numeric summary column other than year and
 * period_end_month, and {@code milestones.KIND}.
 */
public final class Indicators {
  public static final String MILESTONE_PREFIX = "milestones.";
  private static final Pattern KIND = Pattern.compile("[A-Z0-9_]+");
  private static final Set<String> NOT_INDICATORS =
      Set.of("year", "period_end_month", "sector_id", "district");
  private static final Map<String, Integer> COLUMNS = new LinkedHashMap<>();

  static {
    for (Schema.Field f : Summary.SCHEMA$.getFields()) {
      if (!NOT_INDICATORS.contains(f.name())) {
        COLUMNS.put(f.name(), f.pos());
      }
    }
  }

  private Indicators() {}

  public static boolean isValid(String indicator) {
    return COLUMNS.containsKey(indicator) || milestoneKind(indicator) != null;
  }

  /** The kind of a {@code milestones.KIND} indicator, or null for a summary column. */
  public static String milestoneKind(String indicator) {
    if (indicator.startsWith(MILESTONE_PREFIX)) {
      String kind = indicator.substring(MILESTONE_PREFIX.length());
      return KIND.matcher(kind).matches() ? kind : null;
    }
    return null;
  }

  /** The value of a summary column as a double (the double nearest the exact value), or null. */
  public static Double actual(Summary s, String indicator) {
    Object v = s.get(COLUMNS.get(indicator));
    if (v == null) {
      return null;
    }
    if (v instanceof BigDecimal d) {
      return d.doubleValue();
    }
    return ((Number) v).doubleValue();
  }
}
