package org.goalrollup.stats;

import org.goalrollup.model.Attainment;
import org.goalrollup.model.Direction;
import org.goalrollup.model.Target;

/** Evaluates one target against its cell's actual figure, exactly as the contract defines. */
public final class AttainmentMath {
  private AttainmentMath() {}

  public static Attainment evaluate(Target t, int endMonth, Double actual) {
    Double ensure = t.getEnsure();
    Double strive = t.getStrive();
    String status;
    if (actual == null) {
      status = "NO_DATA";
    } else if (strive != null && met(t.getDirection(), actual, strive)) {
      status = "STRIVE_MET";
    } else if (ensure != null && met(t.getDirection(), actual, ensure)) {
      status = "ENSURE_MET";
    } else {
      status = "NOT_MET";
    }
    Double primary = ensure != null ? ensure : strive;
    return Attainment.newBuilder()
        .setYear(t.getYear())
        .setPeriodEndMonth(endMonth)
        .setIndicator(t.getIndicator())
        .setSectorId(t.getSectorId())
        .setDistrict(t.getDistrict())
        .setDirection(t.getDirection().name())
        .setEnsureTarget(ensure)
        .setStriveTarget(strive)
        .setActual(actual)
        .setStatus(status)
        .setAttainmentRatio(actual == null || primary == 0.0 ? null : actual / primary)
        .setGap(actual == null ? null : actual - primary)
        .build();
  }

  /** Met: >= (AT_LEAST), > (ABOVE), <= (AT_MOST), < (BELOW), on unrounded values. */
  public static boolean met(Direction d, double actual, double target) {
    switch (d) {
      case AT_LEAST:
        return actual >= target;
      case ABOVE:
        return actual > target;
      case AT_MOST:
        return actual <= target;
      case BELOW:
        return actual < target;
      default:
        throw new IllegalArgumentException("direction " + d);
    }
  }
}
