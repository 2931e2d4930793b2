package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.goalrollup.model.Direction;
import org.goalrollup.model.InvestmentCategory;
import org.goalrollup.model.RdCenterLevel;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Field formats of contract section 2 and section 4 "Reading CSV": the reason code of each bad
 * value, and a detail that names the column and quotes the value.
 */
class ValuesTest {

  /**
   * The hand-written amount and integer checks accept exactly what the contract's patterns accept,
   * over many random strings from an alphabet of digits, signs, dots, spaces, letters and non-ASCII
   * digits (the regular expressions are the independent reference).
   */
  @Test
  void writtenOutChecksAgreeWithTheContractPatterns() {
    java.util.regex.Pattern amount = java.util.regex.Pattern.compile("-?[0-9]+(\\.[0-9]{1,2})?");
    java.util.regex.Pattern integer = java.util.regex.Pattern.compile("-?[0-9]+");
    String alphabet = "0123456789-.+ e\u0660\uff11";
    java.util.Random r = new java.util.Random(11);
    int accepted = 0;
    for (int n = 0; n < 200_000; n++) {
      StringBuilder b = new StringBuilder();
      int len = r.nextInt(7);
      for (int i = 0; i < len; i++) {
        // mostly digits, so that valid values are common
        b.append(
            r.nextInt(3) > 0
                ? (char) ('0' + r.nextInt(10))
                : alphabet.charAt(r.nextInt(alphabet.length())));
      }
      String v = b.toString();
      assertEquals(amount.matcher(v).matches(), Values.isAmount(v), "amount '" + v + "'");
      assertEquals(integer.matcher(v).matches(), Values.isInteger(v), "integer '" + v + "'");
      accepted += Values.isAmount(v) ? 1 : 0;
    }
    assertTrue(accepted > 10_000, "enough valid amounts drawn: " + accepted);
  }

  /** Asserts the rejection's reason, its column, and that the detail names column and value. */
  private static void assertRejected(Reason reason, String column, String value, Executable parse) {
    RowRejected e = assertThrows(RowRejected.class, parse, "value '" + value + "'");
    assertEquals(reason, e.reason(), "reason for '" + value + "': " + e.detail());
    assertEquals(column, e.column());
    assertTrue(e.detail().contains(column), "detail names the column: " + e.detail());
    assertTrue(e.detail().contains(value), "detail names the value: " + e.detail());
  }

  // ---- amounts: -?\d+(\.\d{1,2})?

  @Test
  void targetLevelsMustBeFiniteAndNotRoundToZero() throws RowRejected {
    assertEquals(2.0, Values.level("ensure", "2.0"), 0);
    assertEquals(-1.5, Values.level("strive", "-1.5"), 0);
    assertEquals(0.0, Values.level("ensure", "0"), 0);
    RowRejected huge =
        assertThrows(RowRejected.class, () -> Values.level("ensure", "1" + "0".repeat(400)));
    assertEquals(Reason.INVALID_NUMBER, huge.reason());
    RowRejected tiny =
        assertThrows(RowRejected.class, () -> Values.level("strive", "0." + "0".repeat(400) + "1"));
    assertEquals(Reason.INVALID_NUMBER, tiny.reason());
  }

  @Test
  void amountsInContractFormatParse() throws RowRejected {
    assertEquals(new BigDecimal("12.00"), Values.amount("revenue", "12", true));
    assertEquals(new BigDecimal("12.50"), Values.amount("revenue", "12.5", true));
    assertEquals(new BigDecimal("12.34"), Values.amount("revenue", "12.34", true));
    assertEquals(new BigDecimal("0.00"), Values.amount("revenue", "0", true));
    assertEquals(new BigDecimal("-7.25"), Values.amount("value_added", "-7.25", false));
    assertEquals(new BigDecimal("0.05"), Values.amount("revenue", "0.05", true));
  }

  @Test
  void oneAndOneHundredthsWrittenDifferentlyAreEqual() throws RowRejected {
    BigDecimal a = Values.amount("revenue", "1.0", true);
    BigDecimal b = Values.amount("revenue", "1.00", true);
    BigDecimal c = Values.amount("revenue", "1", true);
    assertEquals(a, b);
    assertEquals(b, c);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "+5",
        ".5",
        "5.",
        "1e3",
        "1E3",
        "1,234.50",
        "1.234",
        " 12",
        "12 ",
        "12元",
        "-",
        "--1",
        "1.2.3",
        "０１",
        "NaN",
        "0x10",
        "1_000"
      })
  void amountsOutsideTheContractFormatAreInvalidNumber(String value) {
    assertRejected(
        Reason.INVALID_NUMBER,
        "output_value",
        value,
        () -> Values.amount("output_value", value, true));
  }

  @Test
  void negativeAmountWhereNonNegativeRequiredIsOutOfRange() {
    assertRejected(
        Reason.OUT_OF_RANGE, "revenue", "-0.01", () -> Values.amount("revenue", "-0.01", true));
    assertRejected(
        Reason.OUT_OF_RANGE,
        "planned_total",
        "-5",
        () -> Values.amount("planned_total", "-5", true));
  }

  @Test
  void negativeZeroIsNotNegative() throws RowRejected {
    assertEquals(0, Values.amount("revenue", "-0.00", true).signum());
  }

  @Test
  void malformedNegativeAmountIsInvalidNumberNotOutOfRange() {
    // The format check comes first: "-1.234" is not a plain amount at all.
    assertRejected(
        Reason.INVALID_NUMBER, "revenue", "-1.234", () -> Values.amount("revenue", "-1.234", true));
  }

  // ---- plain decimals (price index, target levels)

  @Test
  void decimalsAllowAnyNumberOfFractionalDigits() throws RowRejected {
    assertEquals(
        0, new BigDecimal("103.456").compareTo(Values.decimal("va_price_index", "103.456")));
    assertEquals(0, new BigDecimal("-2").compareTo(Values.decimal("ensure", "-2")));
  }

  @ParameterizedTest
  @ValueSource(strings = {"+5", ".5", "1e3", "1,000", " 6", "6%", "abc"})
  void malformedDecimalsAreInvalidNumber(String value) {
    assertRejected(Reason.INVALID_NUMBER, "ensure", value, () -> Values.decimal("ensure", value));
  }

  // ---- integers and counts

  @Test
  void integersParse() throws RowRejected {
    assertEquals(42L, Values.integer("revision", "42"));
    assertEquals(-3L, Values.integer("revision", "-3"));
    assertEquals(7L, Values.integer("revision", "007"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1.0", "+1", " 1", "1 ", "1e2", "one", "1,000", "99999999999999999999"})
  void nonIntegersAreInvalidNumber(String value) {
    assertRejected(
        Reason.INVALID_NUMBER, "revision", value, () -> Values.integer("revision", value));
  }

  @Test
  void countsAreNonNegativeIntegers() throws RowRejected {
    assertEquals(0L, Values.count("employees", "0"));
    assertEquals(1250L, Values.count("employees", "1250"));
    assertRejected(Reason.OUT_OF_RANGE, "employees", "-1", () -> Values.count("employees", "-1"));
    assertRejected(
        Reason.OUT_OF_RANGE, "rd_personnel", "-12", () -> Values.count("rd_personnel", "-12"));
    assertRejected(
        Reason.INVALID_NUMBER, "employees", "3.5", () -> Values.count("employees", "3.5"));
    assertRejected(
        Reason.INVALID_NUMBER, "employees", "-3.5", () -> Values.count("employees", "-3.5"));
  }

  // ---- year and month

  @Test
  void yearIsAnInteger() throws RowRejected {
    assertEquals(2020, Values.year("year", "2020"));
    assertRejected(Reason.INVALID_NUMBER, "year", "2020.0", () -> Values.year("year", "2020.0"));
    assertRejected(Reason.INVALID_NUMBER, "year", "二〇二〇", () -> Values.year("year", "二〇二〇"));
    assertRejected(Reason.INVALID_NUMBER, "year", "2020年", () -> Values.year("year", "2020年"));
  }

  @Test
  void monthsOneToTwelveParse() throws RowRejected {
    for (int m = 1; m <= 12; m++) {
      assertEquals(m, Values.month("month", String.valueOf(m)));
    }
    assertEquals(3, Values.month("month", "03"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"13", "0", "-1", "100"})
  void integerMonthOutsideOneToTwelveIsInvalidCode(String value) {
    assertRejected(Reason.INVALID_CODE, "month", value, () -> Values.month("month", value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"3.0", "1.5", "三月", " 3", "Mar", "+3"})
  void nonIntegerMonthIsInvalidNumber(String value) {
    assertRejected(Reason.INVALID_NUMBER, "month", value, () -> Values.month("month", value));
  }

  // ---- booleans: true/false, 1/0, Y/N, 是/否, case-insensitive

  @ParameterizedTest
  @ValueSource(strings = {"true", "TRUE", "True", "tRuE", "1", "Y", "y", "是"})
  void trueSpellings(String value) throws RowRejected {
    assertTrue(Values.bool("above_scale", value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"false", "FALSE", "False", "fAlSe", "0", "N", "n", "否"})
  void falseSpellings(String value) throws RowRejected {
    assertFalse(Values.bool("above_scale", value));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "yes", "no", "maybe", "t", "f", "2", "-1", " true", "true ", "Y ", "是的", "對", "01"
      })
  void otherBooleanSpellingsAreInvalidCode(String value) {
    assertRejected(
        Reason.INVALID_CODE, "above_scale", value, () -> Values.bool("above_scale", value));
  }

  // ---- dates YYYY-MM-DD

  @Test
  void calendarDatesParse() throws RowRejected {
    assertEquals(LocalDate.of(2020, 2, 29), Values.date("date", "2020-02-29"));
    assertEquals(LocalDate.of(2021, 12, 31), Values.date("date", "2021-12-31"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "2020-02-30",
        "2021-02-29",
        "2020-1-5",
        "2020-13-01",
        "2020-00-10",
        "2020-04-31",
        "2020/01/05",
        "20200105",
        " 2020-01-05",
        "2020-01-05 ",
        "2020-01-05T00:00",
        "05-01-2020"
      })
  void nonDatesAreInvalidDate(String value) {
    assertRejected(
        Reason.INVALID_DATE, "high_tech_from", value, () -> Values.date("high_tech_from", value));
  }

  // ---- industry codes (2-4 digits) and codes [A-Z0-9_]+

  @ParameterizedTest
  @ValueSource(strings = {"13", "131", "1311", "39"})
  void industryCodesOfTwoToFourDigitsParse(String value) throws RowRejected {
    assertEquals(value, Values.industryCode("industry_code", value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"1", "13111", "C13", "13a", " 13", "13 ", "1.3", "-13"})
  void otherIndustryCodesAreInvalidCode(String value) {
    assertRejected(
        Reason.INVALID_CODE,
        "industry_code",
        value,
        () -> Values.industryCode("industry_code", value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"SMART_FACTORY", "IIOT_5G_DEMO", "A", "_", "2020"})
  void codesOfUpperCaseDigitsAndUnderscoreParse(String value) throws RowRejected {
    assertEquals(value, Values.code("kind", value));
  }

  @ParameterizedTest
  @ValueSource(strings = {"smart_factory", "Smart", "A-B", "A B", " A", "智能工厂", "A.B"})
  void otherCodesAreInvalidCode(String value) {
    assertRejected(Reason.INVALID_CODE, "kind", value, () -> Values.code("kind", value));
  }

  // ---- enums are case-sensitive

  @Test
  void enumValuesAreCaseSensitive() throws RowRejected {
    assertEquals(
        RdCenterLevel.NATIONAL,
        Values.enumValue("rd_center_level", "NATIONAL", RdCenterLevel.class));
    assertEquals(Direction.AT_LEAST, Values.enumValue("direction", "AT_LEAST", Direction.class));
    assertEquals(
        InvestmentCategory.INDUSTRIAL,
        Values.enumValue("category", "INDUSTRIAL", InvestmentCategory.class));
    assertRejected(
        Reason.INVALID_CODE,
        "rd_center_level",
        "national",
        () -> Values.enumValue("rd_center_level", "national", RdCenterLevel.class));
    assertRejected(
        Reason.INVALID_CODE,
        "direction",
        "At_Least",
        () -> Values.enumValue("direction", "At_Least", Direction.class));
    assertRejected(
        Reason.INVALID_CODE,
        "category",
        "INDUSTRIAL ",
        () -> Values.enumValue("category", "INDUSTRIAL ", InvestmentCategory.class));
    assertRejected(
        Reason.INVALID_CODE,
        "direction",
        "GREATER",
        () -> Values.enumValue("direction", "GREATER", Direction.class));
  }

  // ---- ALL is reserved as a district

  @Test
  void allIsAReservedDistrict() throws RowRejected {
    assertEquals("海曙区", Values.district("district", "海曙区"));
    assertEquals("all", Values.district("district", "all"), "only the exact code ALL is reserved");
    assertRejected(
        Reason.INVALID_CODE, "district", "ALL", () -> Values.district("district", "ALL"));
  }

  // ---- what a reader cannot see: identifiers, districts and codes (contract 4, 2026-12-04)

  /** One way of checking an identifier or code column. */
  interface CodeCheck {
    Object parse(String column, String value) throws RowRejected;
  }

  static Stream<Arguments> codeChecks() {
    return Stream.of(
        Arguments.of("id", "E0004", (CodeCheck) Values::id),
        Arguments.of("district", "石碶街道", (CodeCheck) Values::district),
        Arguments.of("indicator", "revenue", (CodeCheck) Values::indicator),
        Arguments.of("code", "SMART_FACTORY", (CodeCheck) Values::code),
        Arguments.of("industryCode", "2710", (CodeCheck) Values::industryCode),
        Arguments.of("industryPrefix", "27", (CodeCheck) Values::industryPrefix),
        Arguments.of(
            "enum",
            "INDUSTRIAL",
            (CodeCheck) (c, v) -> Values.enumValue(c, v, InvestmentCategory.class)));
  }

  /**
   * Every kind of invisible character at either end of a good value, for every code-like check:
   * INVALID_CODE, and the detail names the column, the end and the character by code point and
   * name. Before 2026-12-04 an identifier or district took such a value as a new key.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("codeChecks")
  void invisibleCharacterAtEitherEndIsInvalidCodeNamingIt(String kind, String good, CodeCheck check)
      throws RowRejected {
    assertEquals(good, String.valueOf(check.parse("col", good)));
    String[][] invisible = {
      {" ", "U+0020 SPACE"},
      {"\t", "U+0009 CHARACTER TABULATION"},
      {"\u3000", "U+3000 IDEOGRAPHIC SPACE"},
      {"\u00a0", "U+00A0 NO-BREAK SPACE"},
      {"\u2007", "U+2007 FIGURE SPACE"},
      {"\u200b", "U+200B ZERO WIDTH SPACE"},
      {"\ufeff", "U+FEFF ZERO WIDTH NO-BREAK SPACE"},
      {"\u3164", "U+3164 HANGUL FILLER"}
    };
    for (String[] c : invisible) {
      RowRejected end = assertThrows(RowRejected.class, () -> check.parse("col", good + c[0]));
      assertEquals(Reason.INVALID_CODE, end.reason(), end.detail());
      assertEquals("col", end.column());
      assertEquals(
          "col: '" + good + c[0] + "' ends with " + c[1] + " (invisible; codes are never trimmed)",
          end.detail());
      RowRejected start = assertThrows(RowRejected.class, () -> check.parse("col", c[0] + good));
      assertEquals(Reason.INVALID_CODE, start.reason(), start.detail());
      assertTrue(start.detail().contains("starts with " + c[1]), start.detail());
    }
  }

  @Test
  void invisibleFormatCharacterInsideAnIdentifierIsInvalidCode() {
    RowRejected e =
        assertThrows(RowRejected.class, () -> Values.id("enterprise_id", "E00\u200b04"));
    assertEquals(Reason.INVALID_CODE, e.reason());
    assertTrue(e.detail().contains("has U+200B ZERO WIDTH SPACE at character 4"), e.detail());
  }

  @Test
  void aVisibleGapInsideADistrictIsKeptAsWritten() throws RowRejected {
    // white space inside shows as a gap; only the ends and invisible characters are refused
    assertEquals("石碶 街道", Values.district("district", "石碶 街道"));
    assertEquals("E 0004", Values.id("enterprise_id", "E 0004"));
  }

  @Test
  void aBadNumberNamesTheInvisibleCharacterItHas() {
    RowRejected e =
        assertThrows(RowRejected.class, () -> Values.amount("revenue", "12\u3000", true));
    assertEquals(Reason.INVALID_NUMBER, e.reason());
    assertEquals(
        "revenue: '12\u3000' is not a plain amount (digits, at most 2 decimals);"
            + " it ends with U+3000 IDEOGRAPHIC SPACE",
        e.detail());
  }

  // ---- bounded work per field

  @Test
  void aNumberLongerThanFortyCharactersIsInvalidNumberWhateverItHolds() throws RowRejected {
    // 40 characters: still read (leading zeros are allowed by the pattern)
    String forty = "0".repeat(36) + "1.25";
    assertEquals(new BigDecimal("1.25"), Values.amount("revenue", forty, true));
    String fortyOne = "0" + forty;
    for (String v : List.of(fortyOne, "9".repeat(41), "x".repeat(41))) {
      RowRejected e = assertThrows(RowRejected.class, () -> Values.amount("revenue", v, true));
      assertEquals(Reason.INVALID_NUMBER, e.reason());
      assertTrue(
          e.detail().endsWith("' has 41 characters, more than the 40 a number may have"),
          e.detail());
      assertEquals(
          Reason.INVALID_NUMBER,
          assertThrows(RowRejected.class, () -> Values.integer("employees", v)).reason());
      assertEquals(
          Reason.INVALID_NUMBER,
          assertThrows(RowRejected.class, () -> Values.decimal("va_price_index", v)).reason());
    }
  }

  @Test
  void codesAndDatesLongerThanSixtyFourCharactersAreRejected() throws RowRejected {
    String id64 = "E".repeat(64);
    assertEquals(id64, Values.id("enterprise_id", id64));
    assertEquals(
        Reason.INVALID_CODE,
        assertThrows(RowRejected.class, () -> Values.id("enterprise_id", id64 + "E")).reason());
    assertEquals(
        Reason.INVALID_CODE,
        assertThrows(RowRejected.class, () -> Values.code("kind", "A".repeat(65))).reason());
    assertEquals(
        Reason.INVALID_CODE,
        assertThrows(RowRejected.class, () -> Values.bool("above_scale", "t".repeat(65))).reason());
    assertEquals(
        Reason.INVALID_DATE,
        assertThrows(RowRejected.class, () -> Values.date("date", "2".repeat(65))).reason());
    // an indicator of a milestone kind of 64 characters is within its limit
    String kind = "milestones." + "K".repeat(64);
    assertEquals(kind, Values.indicator("indicator", kind));
    assertEquals(
        Reason.INVALID_CODE,
        assertThrows(RowRejected.class, () -> Values.indicator("indicator", kind + "K")).reason());
  }

  @Test
  void textLongerThan64KIsOutOfRangeAndKeepsItsSpaces() throws RowRejected {
    String max = "名".repeat(64 * 1024);
    assertEquals(max, Values.text("name", max));
    assertEquals(" 雅戈尔 ", Values.text("name", " 雅戈尔 "), "text is not a code: nothing refused");
    RowRejected e = assertThrows(RowRejected.class, () -> Values.text("name", max + "名"));
    assertEquals(Reason.OUT_OF_RANGE, e.reason());
    assertTrue(e.detail().contains("…' has 65537 characters, more than the 65536"), e.detail());
  }

  /**
   * Ten million digits in an amount took more than 600 s (a BigDecimal of the whole field); now the
   * length alone rejects it, and the detail quotes only the start and gives the length.
   */
  @Test
  void tenMillionCharactersAreRejectedAtOnceWithAShortDetail() {
    String digits = "7".repeat(10 * 1024 * 1024);
    String letters = "x".repeat(10 * 1024 * 1024);
    org.junit.jupiter.api.Assertions.assertTimeoutPreemptively(
        java.time.Duration.ofSeconds(10),
        () -> {
          for (String v : List.of(digits, letters)) {
            RowRejected e =
                assertThrows(RowRejected.class, () -> Values.amount("revenue", v, true));
            assertEquals(Reason.INVALID_NUMBER, e.reason());
            assertEquals(
                "revenue: '"
                    + v.substring(0, 80)
                    + "…' has 10485760 characters, more than the 40 a number may have",
                e.detail());
            for (CodeCheck c : List.<CodeCheck>of(Values::id, Values::district, Values::code)) {
              RowRejected code = assertThrows(RowRejected.class, () -> c.parse("col", v));
              assertEquals(Reason.INVALID_CODE, code.reason());
              assertTrue(code.detail().length() < 200, code.detail());
            }
            assertTrue(
                assertThrows(RowRejected.class, () -> Values.text("name", v)).detail().length()
                    < 200);
          }
        });
  }
}
