package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.goalrollup.model.Reject;
import org.junit.jupiter.api.Test;

/** The reject rows every stage builds through {@link Records#reject}. */
class RecordsTest {

  /**
   * A detail of any length (here built by hand, as a later stage could) is cut to 300 characters
   * and says how long it was; the raw text is kept as the reader cut it.
   */
  @Test
  void aRejectsDetailIsCutAndMarkedWhateverBuiltIt() {
    String detail = "enterprise_id: '" + "E".repeat(1_000_000) + "' is not in enterprises.csv";
    String raw = "x".repeat(70_000);
    Reject r = Records.reject(InputFile.PRODUCTION, 9, Reason.UNKNOWN_ENTERPRISE, detail, raw);
    assertEquals("enterprise_id: '" + "E".repeat(284) + "… (1000043 characters)", r.getDetail());
    assertEquals(raw, r.getRaw());
    String shortDetail = "revenue: 'x' is not a plain amount (digits, at most 2 decimals)";
    assertEquals(
        shortDetail,
        Records.reject(InputFile.PRODUCTION, 9, Reason.INVALID_NUMBER, shortDetail, "x")
            .getDetail());
  }
}
