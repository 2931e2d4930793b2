package org.goalrollup.input;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bytes that are not text in the run's charset are found by line and column (characters, as an
 * editor counts them), and a UTF-16 file is named as such.
 */
class InvalidBytesTest {
  @TempDir Path dir;

  static byte[] bytes(Object... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (Object p : parts) {
      if (p instanceof String s) {
        out.writeBytes(s.getBytes(StandardCharsets.UTF_8));
      } else {
        out.write((Integer) p);
      }
    }
    return out.toByteArray();
  }

  static InvalidBytes.Place place(byte[] b, String charset) throws Exception {
    return InvalidBytes.firstInvalid(
        Channels.newChannel(new java.io.ByteArrayInputStream(b)), charset);
  }

  static Stream<Arguments> places() {
    String longLine = "x".repeat(70_000); // past the decoder's 64 K buffer
    return Stream.of(
        Arguments.of(bytes("a,b\n1,", 0xff, "\n"), 2, 3, "FF"),
        // CRLF and a lone CR are one line break each
        Arguments.of(bytes("a,b\r\n1,2\r3,", 0xfe, 0xfe), 3, 3, "FE"),
        // a byte-order mark at the start is not a column; Chinese characters are one column each
        Arguments.of(bytes("\uFEFF企业,", 0xc3, 0x28), 1, 4, "C3"),
        // a sequence cut short at the end of the file
        Arguments.of(bytes("a\n海", 0xe6, 0xb5), 2, 2, "E6 B5"),
        Arguments.of(bytes("h\n", longLine, 0x80), 2, 70_001, "80"));
  }

  @ParameterizedTest
  @MethodSource("places")
  void theFirstInvalidBytesAreFoundByLineAndColumn(
      byte[] file, long line, long column, String shown) throws Exception {
    assertEquals(new InvalidBytes.Place(line, column, shown), place(file, "UTF-8"));
  }

  @Test
  void validTextHasNoPlace() throws Exception {
    assertNull(place("企业,海曙区\r\n".getBytes(StandardCharsets.UTF_8), "UTF-8"));
    assertNull(place("企业,海曙区\n".getBytes(Charset.forName("GB18030")), "GB18030"));
  }

  @Test
  void theMessageNamesFileLineColumnAndBytes() throws Exception {
    Files.write(dir.resolve("production.csv"), bytes("h\nE1,2020,", 0xff, "\n"));
    assertEquals(
        "production.csv: line 2, column 9: byte FF is not valid UTF-8 (a file saved in a"
            + " Chinese locale may be GB18030: try --charset=GB18030)",
        InvalidBytes.describe(id("production.csv"), "production.csv", "UTF-8"));
  }

  ResourceId id(String name) {
    return FileSystems.matchNewResource(dir.resolve(name).toString(), false);
  }

  static Stream<Arguments> utf16() {
    String text = "enterprise_id,year,rd_expenditure,rd_personnel\nE0001,2019,1,2\n";
    return Stream.of(
        Arguments.of(
            bytesOf(
                new byte[] {(byte) 0xff, (byte) 0xfe}, text.getBytes(StandardCharsets.UTF_16LE)),
            "it starts with the byte-order mark FF FE"),
        Arguments.of(
            bytesOf(
                new byte[] {(byte) 0xfe, (byte) 0xff}, text.getBytes(StandardCharsets.UTF_16BE)),
            "it starts with the byte-order mark FE FF"),
        Arguments.of(
            text.getBytes(StandardCharsets.UTF_16LE),
            text.length() + " of its first " + 2 * text.length() + " bytes are NUL"));
  }

  static byte[] bytesOf(byte[] a, byte[] b) {
    byte[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  @ParameterizedTest
  @MethodSource("utf16")
  void aUtf16FileIsNamedAsSuch(byte[] file, String why) throws Exception {
    Files.write(dir.resolve("rd.csv"), file);
    assertEquals(
        "rd.csv: the file is UTF-16 ("
            + why
            + "), not UTF-8; save it as UTF-8 (CSV UTF-8 in a spreadsheet), or as GB18030 and run"
            + " with --charset=GB18030",
        assertThrows(
                InputException.class,
                () -> InvalidBytes.rejectUtf16(id("rd.csv"), "rd.csv", "UTF-8"))
            .getMessage());
  }

  @Test
  void utf8AndGb18030TextIsNotUtf16() throws Exception {
    Files.write(dir.resolve("a.csv"), "\uFEFF企业,海曙区\n".getBytes(StandardCharsets.UTF_8));
    Files.write(dir.resolve("b.csv"), "企业,海曙区\n".getBytes(Charset.forName("GB18030")));
    Files.write(dir.resolve("c.csv"), new byte[0]);
    for (String f : new String[] {"a.csv", "b.csv", "c.csv"}) {
      assertDoesNotThrow(() -> InvalidBytes.rejectUtf16(id(f), f, "UTF-8"));
    }
  }
}
