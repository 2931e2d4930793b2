package org.goalrollup;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Option values are checked before Beam parses them: an empty or mistyped value is one short line
 * naming the option, never Beam's parser message, and an empty {@code --input=} never reaches the
 * file system.
 */
class CommandLineTest {
  static Stream<Arguments> refused() {
    return Stream.of(
        Arguments.of("--year=abc", "--year=abc is not a whole number"),
        Arguments.of("--year=2020.0", "--year=2020.0 is not a whole number"),
        Arguments.of("--year=99999999999", "--year=99999999999 is out of range"),
        Arguments.of(
            "--maxRejectRate=5%",
            "--maxRejectRate=5% is not a number: give a share, e.g. 0.05 for 5%"),
        Arguments.of("--maxRejectRate=five", "--maxRejectRate=five is not a number"),
        Arguments.of("--failOnQuery=maybe", "--failOnQuery=maybe is not true or false"),
        Arguments.of("--targets=", "--targets= is empty: give a value or leave the option out"),
        Arguments.of("--targets=  ", "--targets= is empty: give a value or leave the option out"),
        Arguments.of("--input=", "--input= is empty: give a value"),
        Arguments.of("--output=", "--output= is empty: give a value"),
        Arguments.of("--asOf=", "--asOf= is empty: give a value or leave the option out"),
        Arguments.of("--input", "--input needs a value: --input=..."),
        // Beam's own options are checked the same way
        Arguments.of("--targetParallelism=x", "--targetParallelism=x is not a whole number"));
  }

  @ParameterizedTest
  @MethodSource("refused")
  void aBadValueIsOneLineNamingTheOption(String arg, String message) {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> CommandLine.check(new String[] {"--output=/tmp/o", arg}));
    assertEquals(message, e.getMessage());
  }

  static Stream<Arguments> accepted() {
    return Stream.of(
        Arguments.of("--year=2020"),
        Arguments.of("--maxRejectRate=0.05"),
        Arguments.of("--maxRejectRate=1"),
        Arguments.of("--failOnQuery"),
        Arguments.of("--failOnQuery=TRUE"),
        Arguments.of("--targets=/data/goals.csv"),
        // not an option: left to Beam, which says so
        Arguments.of("--bogus="));
  }

  @ParameterizedTest
  @MethodSource("accepted")
  void goodValuesPass(String arg) {
    assertDoesNotThrow(() -> CommandLine.check(new String[] {"--input=/in", arg}));
  }

  static Stream<Arguments> beamMessages() {
    return Stream.of(
        Arguments.of(
            "Class interface org.goalrollup.RollupOptions missing a property named 'bogus'.",
            "--bogus is not an option of the rollup"),
        Arguments.of(
            "Missing required value for [--input, \"Folder holding the input CSV files.\"]. ",
            "--input is required"),
        Arguments.of(
            "Cannot deserialize value of type `int` from String \"x\": not a valid `int` value\n"
                + " at [Source: UNKNOWN; byte offset: #UNKNOWN]",
            "Cannot deserialize value of type `int` from String \"x\": not a valid `int` value"));
  }

  @ParameterizedTest
  @MethodSource("beamMessages")
  void beamsMessagesBecomeOneShortLine(String beam, String shown) {
    assertEquals(shown, CommandLine.shortMessage(new IllegalArgumentException(beam)));
  }
}
