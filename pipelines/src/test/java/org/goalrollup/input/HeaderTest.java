package org.goalrollup.input;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class HeaderTest {
  @Test
  void aRepeatedContractColumnFailsNamingItsPosition() {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                Header.of(
                    "production.csv",
                    List.of("enterprise_id", "year", "revenue", "revenue"),
                    InputFile.PRODUCTION.columns()));
    assertEquals(
        "production.csv: line 1, column 4: column 'revenue' appears twice in the header",
        e.getMessage());
  }

  @Test
  void aRepeatedExtraColumnIsIgnoredLikeAnyExtraColumn() throws InputException {
    Header h =
        Header.of(
            "production.csv",
            List.of("备注", "enterprise_id", "备注", "year"),
            InputFile.PRODUCTION.columns());
    assertEquals(1, h.indexOf("enterprise_id"));
    assertEquals(3, h.indexOf("year"));
    assertEquals(4, h.size());
  }

  @Test
  void everyFileKnowsItsOptionalColumns() {
    assertThat(InputFile.ENTERPRISES.columns().toString(), containsString("rd_center_level"));
    assertThat(InputFile.TARGETS.columns().toString(), containsString("strive"));
    assertThat(InputFile.RD.columns().toString(), containsString("revision"));
  }
}
