package org.goalrollup.stats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import org.goalrollup.model.Attainment;
import org.goalrollup.model.Direction;
import org.goalrollup.model.Target;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AttainmentMathTest {
  private static Target target(Direction d, Double ensure, Double strive) {
    return Target.newBuilder()
        .setIndicator("value_added_growth")
        .setSectorId("ALL")
        .setDistrict("ALL")
        .setYear(2020)
        .setDirection(d)
        .setEnsure(ensure)
        .setStrive(strive)
        .setLineNumber(2)
        .build();
  }

  /**
   * Every status for every direction, with ensure 6 and strive 10 (or the reverse for
   * AT_MOST/BELOW).
   */
  @ParameterizedTest(name = "{0} actual={3} -> {4}")
  @CsvSource({
    "AT_LEAST, 6, 10, 10,  STRIVE_MET",
    "AT_LEAST, 6, 10, 6,   ENSURE_MET",
    "AT_LEAST, 6, 10, 5.9, NOT_MET",
    "ABOVE,    6, 10, 10.1, STRIVE_MET",
    "ABOVE,    6, 10, 10,  ENSURE_MET",
    "ABOVE,    6, 10, 6,   NOT_MET",
    "AT_MOST,  10, 6, 6,   STRIVE_MET",
    "AT_MOST,  10, 6, 10,  ENSURE_MET",
    "AT_MOST,  10, 6, 10.5, NOT_MET",
    "BELOW,    10, 6, 5.9, STRIVE_MET",
    "BELOW,    10, 6, 6,   ENSURE_MET",
    "BELOW,    10, 6, 10,  NOT_MET",
  })
  void statusPerDirection(Direction d, double ensure, double strive, double actual, String status) {
    Attainment a = AttainmentMath.evaluate(target(d, ensure, strive), 12, actual);
    assertEquals(status, a.getStatus());
    assertEquals(actual / ensure, a.getAttainmentRatio(), 1e-12);
    assertEquals(actual - ensure, a.getGap(), 1e-12);
  }

  @Test
  void noData() {
    Attainment a = AttainmentMath.evaluate(target(Direction.AT_LEAST, 6.0, null), 6, null);
    assertEquals("NO_DATA", a.getStatus());
    assertNull(a.getAttainmentRatio());
    assertNull(a.getGap());
    assertNull(a.getActual());
    assertEquals(6, a.getPeriodEndMonth());
  }

  @Test
  void striveOnlyTargetUsesStriveAsPrimary() {
    Attainment met = AttainmentMath.evaluate(target(Direction.AT_LEAST, null, 10.0), 12, 12.0);
    assertEquals("STRIVE_MET", met.getStatus());
    assertEquals(1.2, met.getAttainmentRatio(), 1e-12);
    assertEquals(2.0, met.getGap(), 1e-12);
    assertNull(met.getEnsureTarget());
    Attainment missed = AttainmentMath.evaluate(target(Direction.AT_LEAST, null, 10.0), 12, 9.0);
    assertEquals("NOT_MET", missed.getStatus());
  }

  @Test
  void ensureOnlyTargetNeverReachesStrive() {
    Attainment a = AttainmentMath.evaluate(target(Direction.ABOVE, 200.0, null), 12, 250.0);
    assertEquals("ENSURE_MET", a.getStatus());
    assertEquals(1.25, a.getAttainmentRatio(), 1e-12);
    assertEquals(50.0, a.getGap(), 1e-12);
  }

  @Test
  void zeroPrimaryTargetHasNoRatio() {
    Attainment a = AttainmentMath.evaluate(target(Direction.AT_MOST, 0.0, null), 12, 0.0);
    assertEquals("ENSURE_MET", a.getStatus());
    assertNull(a.getAttainmentRatio());
    assertEquals(0.0, a.getGap(), 0);
  }
}
