package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** How input values appear in messages: cut with their length, invisible characters named. */
class InputTextTest {

  @Test
  void shortValuesAreQuotedWhole() {
    assertEquals("'E0004'", InputText.quote("E0004"));
    assertEquals("'" + "a".repeat(80) + "'", InputText.quote("a".repeat(80)));
  }

  @Test
  void longValuesAreQuotedByTheirStartAndLength() {
    assertEquals("'" + "a".repeat(80) + "…' (81 characters)", InputText.quote("a".repeat(81)));
    assertEquals("abc… (10485760 characters)", InputText.cut("abc" + "d".repeat(10485757), 3));
    assertEquals("abc", InputText.cut("abc", 3));
    assertNull(InputText.cut(null, 3));
  }

  @Test
  void aTooLongValueIsShownByItsStartAndLength() {
    assertEquals("'abc' has 3 characters", InputText.tooLong("abc"));
    assertEquals(
        "'" + "7".repeat(80) + "…' has 10485760 characters",
        InputText.tooLong("7".repeat(10485760)));
  }

  @Test
  void aCutNeverSplitsACharacterOutsideTheBasicPlane() {
    // U+20BB7 𠮷 is two chars; cutting after 2 chars would leave half of it
    String s = "a𠮷bcd";
    assertEquals("a… (6 characters)", InputText.cut(s, 2));
    assertEquals("a𠮷… (6 characters)", InputText.cut(s, 3));
  }

  @Test
  void describesCharactersByCodePointAndName() {
    assertEquals("U+3000 IDEOGRAPHIC SPACE", InputText.describe(0x3000));
    assertEquals("U+0009 CHARACTER TABULATION", InputText.describe('\t'));
    assertEquals("U+00A0 NO-BREAK SPACE", InputText.describe(0xA0));
  }

  @Test
  void findsWhatAReaderCannotSee() {
    assertNull(InputText.hidden("石碶街道"));
    assertNull(InputText.hidden("石碶 街道"), "a gap inside is visible");
    assertNull(InputText.hidden(""));
    assertEquals("ends with U+3000 IDEOGRAPHIC SPACE", InputText.hidden("石碶街道\u3000"));
    assertEquals("starts with U+0020 SPACE", InputText.hidden(" E0004"));
    assertEquals("starts with U+0020 SPACE", InputText.hidden(" "));
    assertEquals("ends with U+000D CARRIAGE RETURN (CR)", InputText.hidden("E1\r"));
    assertEquals("has U+200E LEFT-TO-RIGHT MARK at character 2", InputText.hidden("E\u200E1"));
    assertEquals("has U+0000 NULL at character 3", InputText.hidden("𠮷E\u00001"));
    assertTrue(InputText.invisible(0x2028));
    assertTrue(InputText.invisible(0x180E));
    assertFalse(InputText.invisible('A'));
    assertFalse(InputText.invisible('石'));
  }

  @Test
  void showNamesTheInvisibleCharacterOfAnUnexpectedCode() {
    assertEquals("'RD'", InputText.show("RD"));
    assertEquals("'RD ' (ends with U+0020 SPACE)", InputText.show("RD "));
  }
}
