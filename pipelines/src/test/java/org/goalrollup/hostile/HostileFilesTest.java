package org.goalrollup.hostile;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 19, items 3 and 7, end to end: inputs read as they were, and every failure one {@code
 * error:} line a statistician can act on. Each case spoils a copy of the shipped sample as a
 * careless upstream or a tired operator would and runs {@code ./rollup} on it over an output that
 * already holds a good run; a failing case must exit 1 (2 for the command line) with exactly one
 * error line and leave that output published byte for byte.
 *
 * <p>Most cases are refused before the pipeline starts and cost no pipeline run; five runs go
 * through the pipeline: the good run, the file appended to while it is read, invalid bytes in the
 * middle of a file, a cell sum beyond the exact range, and one run that shows every warning.
 */
class HostileFilesTest {
  @TempDir static Path tmp;

  /** An output folder that holds a good run of the sample, and its bytes. */
  static Path published;

  static Map<String, byte[]> before;

  @BeforeAll
  static void publishTheSample() throws IOException {
    published = tmp.resolve("published");
    HostileRun.Result r = HostileRun.run(HostileRun.copyOfSample(tmp.resolve("sample")), published);
    assertEquals(0, r.code(), r.console());
    assertEquals(List.of(), r.err().lines().filter(l -> l.startsWith("warning:")).toList());
    JsonNode manifest = new ObjectMapper().readTree(published.resolve("_manifest.json").toFile());
    assertTrue(manifest.path("warnings").isArray(), "the manifest always has its warnings");
    assertEquals(0, manifest.path("warnings").size());
    before = HostileRun.snapshot(published);
  }

  /**
   * Spoils the sample copy {@code in}; returns the error line the run must print, minus "error: ".
   */
  interface Spoil {
    String apply(Path in) throws Exception;
  }

  static Arguments spoil(String name, Spoil s) {
    return Arguments.of(Named.of(name, s));
  }

  /** The sample's file, read as text. */
  static String sample(String file) throws IOException {
    return Files.readString(HostileRun.sample().resolve(file), StandardCharsets.UTF_8);
  }

  static Stream<Arguments> refusedBeforeTheRun() {
    return Stream.of(
        spoil(
            "rd.csv is a symbolic link to nothing (not the same as no rd.csv)",
            in -> {
              Files.delete(in.resolve("rd.csv"));
              Files.createSymbolicLink(in.resolve("rd.csv"), in.resolve("upload/rd.csv"));
              return in.resolve("rd.csv")
                  + " is a symbolic link to "
                  + in.resolve("upload/rd.csv")
                  + ", which does not exist; rd.csv cannot be read";
            }),
        spoil(
            "rd.csv is a folder",
            in -> {
              Files.delete(in.resolve("rd.csv"));
              Files.createDirectory(in.resolve("rd.csv"));
              return in.resolve("rd.csv") + " is a folder, not a file";
            }),
        spoil(
            "production.csv is a named pipe (must not hang)",
            in -> {
              Files.delete(in.resolve("production.csv"));
              mkfifo(in.resolve("production.csv"));
              return in.resolve("production.csv")
                  + " is a named pipe (FIFO), not a regular file; copy the data into a file"
                  + " named production.csv and run again";
            }),
        spoil(
            "production.csv is a link to a device that never ends",
            in -> {
              Assumptions.assumeTrue(Files.exists(Path.of("/dev/zero")));
              Files.delete(in.resolve("production.csv"));
              Files.createSymbolicLink(in.resolve("production.csv"), Path.of("/dev/zero"));
              return in.resolve("production.csv")
                  + " is a character device, not a regular file; copy the data into a file"
                  + " named production.csv and run again";
            }),
        spoil(
            "rd.csv may not be read",
            in -> {
              Path rd = in.resolve("rd.csv");
              Files.setPosixFilePermissions(rd, PosixFilePermissions.fromString("-w-------"));
              Assumptions.assumeFalse(Files.isReadable(rd), "the superuser reads every file");
              return rd + ": permission denied";
            }),
        spoil(
            "the input folder is not there",
            in -> {
              deleteRecursively(in);
              return "--input=" + in + ": no such folder";
            }),
        spoil(
            "the input folder is a file",
            in -> {
              deleteRecursively(in);
              Files.writeString(in, "not a folder");
              return "--input=" + in + " is a file, not a folder";
            }),
        spoil(
            "rd.csv saved as UTF-16 with a byte-order mark",
            in -> {
              Files.write(in.resolve("rd.csv"), sample("rd.csv").getBytes(StandardCharsets.UTF_16));
              return "rd.csv: the file is UTF-16 (it starts with the byte-order mark FE FF), not"
                  + " UTF-8; save it as UTF-8 (CSV UTF-8 in a spreadsheet), or as GB18030 and"
                  + " run with --charset=GB18030";
            }),
        spoil(
            "region.csv saved as UTF-16 without a byte-order mark",
            in -> {
              byte[] text = sample("region.csv").getBytes(StandardCharsets.UTF_16LE);
              Files.write(in.resolve("region.csv"), text);
              // the first 4 KB hold the whole file; its ASCII characters each have a NUL byte
              long nul = 0;
              for (byte b : text) {
                nul += b == 0 ? 1 : 0;
              }
              return "region.csv: the file is UTF-16 ("
                  + nul
                  + " of its first "
                  + text.length
                  + " bytes are NUL), not UTF-8; save it as UTF-8 (CSV UTF-8 in a spreadsheet),"
                  + " or as GB18030 and run with --charset=GB18030";
            }),
        spoil(
            "invalid bytes in the header of region.csv",
            in -> {
              byte[] b = sample("region.csv").getBytes(StandardCharsets.UTF_8);
              b["district,year,".length()] = (byte) 0xff; // the g of gdp: line 1, column 15
              Files.write(in.resolve("region.csv"), b);
              return "region.csv: line 1, column 15: byte FF is not valid UTF-8 (a file saved in a"
                  + " Chinese locale may be GB18030: try --charset=GB18030)";
            }),
        spoil(
            "a header name with a trailing space",
            in -> {
              String p = sample("production.csv");
              Files.writeString(
                  in.resolve("production.csv"), p.replaceFirst("revenue", "revenue "));
              return "production.csv: line 1, column 7: the header name 'revenue ' ends with a"
                  + " space; it must be exactly 'revenue'";
            }),
        spoil(
            "a second byte-order mark before the header",
            in -> {
              // the sample's enterprises.csv already starts with one
              Files.writeString(
                  in.resolve("enterprises.csv"), "\uFEFF" + sample("enterprises.csv"));
              return "enterprises.csv: line 1, column 1: the header name '\uFEFFenterprise_id'"
                  + " starts with a second byte-order mark (U+FEFF; save the file with one at"
                  + " most); it must be exactly 'enterprise_id'";
            }),
        spoil(
            "a duplicate header column after a blank line",
            in -> {
              String rd = sample("rd.csv");
              int eol = rd.indexOf('\n');
              Files.writeString(
                  in.resolve("rd.csv"), "\n" + rd.substring(0, eol) + ",year" + rd.substring(eol));
              return "rd.csv: line 2, column 5: column 'year' appears twice in the header";
            }));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void refusedBeforeTheRun(Spoil spoil) throws Exception {
    Path in = HostileRun.copyOfSample(Files.createTempDirectory(tmp, "in"));
    String error = spoil.apply(in);
    // a pipe or a device is never opened: the answer comes at once
    HostileRun.Result r =
        assertTimeoutPreemptively(Duration.ofSeconds(120), () -> HostileRun.run(in, published));
    assertEquals(1, r.code(), r.console());
    assertEquals(List.of("error: " + error), r.errorLines(), r.console());
    assertTrue(!r.err().contains("\tat "), "no stack trace: " + r.console());
    HostileRun.assertStillPublished(before, published);
  }

  static Stream<Arguments> badCommandLines() {
    return Stream.of(
        Arguments.of("--year=abc", "--year=abc is not a whole number"),
        Arguments.of(
            "--maxRejectRate=5%",
            "--maxRejectRate=5% is not a number: give a share, e.g. 0.05 for 5%"),
        Arguments.of("--failOnQuery=maybe", "--failOnQuery=maybe is not true or false"),
        Arguments.of("--targets=", "--targets= is empty: give a value or leave the option out"),
        // this one walked the whole disk for over ten minutes
        Arguments.of("--input=", "--input= is empty: give a value"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource
  void badCommandLines(String option, String error) throws Exception {
    Path in = HostileRun.sample();
    HostileRun.Result r =
        assertTimeoutPreemptively(
            Duration.ofSeconds(60),
            () -> HostileRun.run("--input=" + in, "--output=" + published, option));
    assertEquals(2, r.code(), r.console());
    assertEquals(
        List.of("error: bad command line: " + error + " (see --help)"),
        r.errorLines(),
        r.console());
    HostileRun.assertStillPublished(before, published);
  }

  /**
   * production.csv still being written when the run starts: the second half arrives once the run
   * has checked its inputs and started. The run must not publish the figures of half a file.
   */
  @Test
  void aFileAppendedToWhileTheRunReadsItFailsTheRun() throws Exception {
    Path in = HostileRun.copyOfSample(tmp.resolve("growing"));
    List<String> lines = sample("production.csv").lines().toList();
    int half = lines.size() / 2;
    Files.writeString(
        in.resolve("production.csv"), String.join("\n", lines.subList(0, half)) + "\n");
    String rest = String.join("\n", lines.subList(half, lines.size())) + "\n";
    Path runs = published.resolveSibling("." + published.getFileName() + ".runs");
    Set<Path> earlier = Set.copyOf(list(runs));
    Thread upstream =
        new Thread(
            () -> {
              try {
                // the run folder appears after the checks of the inputs, before the pipeline
                long deadline = System.nanoTime() + Duration.ofMinutes(10).toNanos();
                while (list(runs).stream().allMatch(earlier::contains)
                    && System.nanoTime() < deadline) {
                  Thread.sleep(5);
                }
                Files.writeString(in.resolve("production.csv"), rest, StandardOpenOption.APPEND);
              } catch (IOException | InterruptedException e) {
                throw new IllegalStateException(e);
              }
            });
    upstream.start();
    HostileRun.Result r = HostileRun.run(in, published);
    upstream.join();
    assertEquals(1, r.code(), r.console());
    assertEquals(
        List.of("error: production.csv changed while it was read; nothing was published"),
        r.errorLines(),
        r.console());
    HostileRun.assertStillPublished(before, published);
  }

  @Test
  void invalidBytesDeepInAFileAreNamedByLineAndColumn() throws Exception {
    Path in = HostileRun.copyOfSample(tmp.resolve("bad-bytes"));
    byte[] b = sample("production.csv").getBytes(StandardCharsets.UTF_8);
    // line 2357 is "E0015,2019,9,true,1570.87,...": the t of true is its column 14
    int at = 0;
    for (int line = 1; line < 2357; at++) {
      line += b[at] == '\n' ? 1 : 0;
    }
    assertEquals("E0015,2019,9,t", new String(b, at, 14, StandardCharsets.UTF_8));
    b[at + 13] = (byte) 0xff;
    Files.write(in.resolve("production.csv"), b);
    HostileRun.Result r = HostileRun.run(in, published);
    assertEquals(1, r.code(), r.console());
    assertEquals(
        List.of(
            "error: production.csv: line 2357, column 14: byte FF is not valid UTF-8 (a file saved"
                + " in a Chinese locale may be GB18030: try --charset=GB18030); nothing was"
                + " published"),
        r.errorLines(),
        r.console());
    HostileRun.assertStillPublished(before, published);
  }

  /**
   * Revenues at the largest amount a row may hold (just under 10^12 万元) in 92,400 rows of one year
   * and district: 92,400 x 99,999,999,999,999 cents = 9.24 x 10^18 cents, beyond a long (9.22 x
   * 10^18). The enterprises are in no sector of sectors.csv, so the cells that overflow are (2020,
   * ALL, 海曙区) and (2020, ALL, ALL); whichever is summed first is named.
   */
  @Test
  void aCellSumBeyondTheExactRangeNamesTheCellAndTheColumn() throws Exception {
    Path in = Files.createDirectories(tmp.resolve("overflow"));
    int enterprises = 7700;
    StringBuilder e = new StringBuilder("enterprise_id,name,district,industry_code\n");
    StringBuilder p =
        new StringBuilder(
            "enterprise_id,year,month,above_scale,output_value,value_added,revenue,employees\n");
    for (int i = 0; i < enterprises; i++) {
      String id = String.format("E%05d", i);
      e.append(id).append(",企业").append(i).append(",海曙区,3411\n");
      for (int m = 1; m <= 12; m++) {
        p.append(id).append(",2020,").append(m).append(",Y,1,1,999999999999.99,5\n");
      }
    }
    Files.writeString(in.resolve("enterprises.csv"), e);
    Files.writeString(in.resolve("production.csv"), p);
    Files.writeString(
        in.resolve("sectors.csv"),
        "sector_id,sector_name,match_type,match_value\nPHARMA,医药,INDUSTRY_PREFIX,27\n");
    HostileRun.Result r = HostileRun.run(in, published);
    assertEquals(1, r.code(), r.console());
    assertEquals(1, r.errorLines().size(), r.console());
    assertTrue(
        r.errorLines()
            .get(0)
            .matches(
                "error: the sum behind the column revenue in the cell year 2020, sector ALL,"
                    + " district (ALL|海曙区) exceeds the exact range \\(9\\.2 x 10\\^16 in 10,000"
                    + " yuan\\); check the input for absurd amounts; nothing was published"),
        r.console());
    HostileRun.assertStillPublished(before, published);
  }

  /**
   * What is valid by the contract but probably not meant runs to the end and is named: a file in
   * the wrong case, a target on a milestone kind no row has (a typo), region rows for a district
   * the run does not have. Each is a warning on the console, in the manifest and in the report; the
   * manifest's sha256 are those of the files' bytes.
   */
  @Test
  void warningsOnTheConsoleInTheManifestAndInTheReport() throws Exception {
    Path in = HostileRun.copyOfSample(tmp.resolve("warnings"));
    Files.move(in.resolve("rd.csv"), in.resolve("RD.csv"));
    Files.writeString(
        in.resolve("targets.csv"),
        sample("targets.csv").replace("milestones.SMART_FACTORY", "milestones.SMARTFACTORY"));
    Files.writeString(
        in.resolve("region.csv"),
        sample("region.csv") + "all,2020,12031800,101.3,57604.32\n全区,2020,12031800,101.3,0\n");
    Path out = tmp.resolve("warned");
    HostileRun.Result r = HostileRun.run(in, out);
    assertEquals(0, r.code(), r.console());
    String region =
        "' is neither ALL nor a district of enterprises.csv or investment.csv, so the row is not"
            + " used (the contract keeps such rows; if it means the whole region, write ALL)";
    List<String> warnings =
        List.of(
            "'RD.csv' in the input folder is not read: its name differs from rd.csv only by letter"
                + " case; rename it to rd.csv if it is meant as input",
            "targets.csv: line 8: milestones.SMARTFACTORY: no row of milestones.csv has the kind"
                + " SMARTFACTORY, so the target counts 0 (a typo? kinds in milestones.csv:"
                + " DIGITAL_WORKSHOP, IIOT_5G_DEMO, INDUSTRIAL_APP, SMART_FACTORY)",
            "region.csv: line 10: district 'all" + region,
            "region.csv: line 11: district '全区" + region);
    assertEquals(
        warnings.stream().map(w -> "warning: " + w).toList(),
        r.err().lines().filter(l -> l.startsWith("warning:")).toList(),
        r.console());
    assertEquals(List.of(), r.errorLines());

    JsonNode manifest = new ObjectMapper().readTree(out.resolve("_manifest.json").toFile());
    List<String> inManifest = new ArrayList<>();
    manifest.path("warnings").forEach(w -> inManifest.add(w.asText()));
    assertEquals(warnings, inManifest);
    String report = Files.readString(out.resolve("report.html"), StandardCharsets.UTF_8);
    for (String w : warnings) {
      String html = w.replace("&", "&amp;").replace("<", "&lt;").replace("'", "&#39;");
      assertTrue(report.contains("<li>" + html + "</li>"), "report.html shows: " + w);
    }
    // the hashes are of the bytes read, file by file
    for (JsonNode f : manifest.path("inputs")) {
      byte[] bytes = Files.readAllBytes(in.resolve(f.path("file").asText()));
      assertEquals(
          HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)),
          f.path("sha256").asText(),
          f.path("file").asText());
    }
  }

  static List<Path> list(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(dir)) {
      return s.toList();
    }
  }

  static void mkfifo(Path p) throws Exception {
    Process mk;
    try {
      mk = new ProcessBuilder("mkfifo", p.toString()).inheritIO().start();
    } catch (IOException e) {
      Assumptions.abort("mkfifo is not available: " + e.getMessage());
      return;
    }
    Assumptions.assumeTrue(mk.waitFor() == 0, "mkfifo failed");
  }

  static void deleteRecursively(Path p) throws IOException {
    try (Stream<Path> s = Files.walk(p)) {
      for (Path q : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(q);
      }
    }
  }
}
