package org.goalrollup;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The scheduling units under {@code deploy/}: systemd accepts them, and the command each unit runs
 * computes the period from the date it runs (docs/scheduling.md).
 */
class DeployUnitsTest {
  static final Path DEPLOY = RollupEndToEndTest.SAMPLE.getParent().getParent().resolve("deploy");

  record Ran(int code, String out, String err) {}

  static Ran exec(List<String> command, Map<String, String> env) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "finished: " + command);
    return new Ran(p.exitValue(), out, err);
  }

  static boolean onPath(String tool) {
    return Stream.of(System.getenv("PATH").split(":"))
        .anyMatch(d -> Files.isExecutable(Path.of(d, tool)));
  }

  @Test
  void systemdAcceptsEveryUnitWithoutAWarning() throws Exception {
    if (!onPath("systemd-analyze")) {
      Assumptions.abort("systemd-analyze is not installed here, so the units cannot be verified");
    }
    List<String> cmd = new ArrayList<>(List.of("systemd-analyze", "verify"));
    try (Stream<Path> s = Files.list(DEPLOY)) {
      s.map(Path::toString)
          .filter(f -> f.endsWith(".service") || f.endsWith(".timer"))
          .sorted()
          .forEach(cmd::add);
    }
    assertEquals(7, cmd.size(), "two services, two timers and the alert template: " + cmd);
    Ran r = exec(cmd, Map.of());
    assertEquals(0, r.code(), r.err());
    assertEquals("", r.out() + r.err(), "no warnings");
  }

  /**
   * The command line of a unit's ExecStart, with the unit's own ROLLUP_HOME set to this project.
   */
  static List<String> execStart(String unit) throws IOException {
    String line =
        Files.readAllLines(DEPLOY.resolve(unit)).stream()
            .filter(l -> l.startsWith("ExecStart="))
            .findFirst()
            .orElseThrow();
    String home = DEPLOY.getParent().toString();
    return List.of(
        line.substring("ExecStart=".length()).replace("${ROLLUP_HOME}", home).split(" "));
  }

  static Map<String, String> settings(String today) {
    return Map.of(
        "ROLLUP_HOME", "/opt/rollup",
        "ROLLUP_INPUT", "/srv/rollup/input",
        "ROLLUP_OUTPUT", "/srv/rollup/nightly",
        "ROLLUP_OFFICIAL", "/srv/rollup/official",
        "ROLLUP_OPTS", "--maxRejectRate=0.02 --failOnQuery",
        "ROLLUP_TODAY", today,
        "ROLLUP_DRY_RUN", "1");
  }

  /** The nightly run covers January to the last complete month: the month before today's. */
  @ParameterizedTest(name = "on {0}: --asOf={1}")
  @CsvSource({
    "2026-12-04, 2026-11",
    "2026-12-01, 2026-11",
    "2026-12-31, 2026-11",
    "2027-01-01, 2026-12",
    "2027-01-15, 2026-12",
    "2024-03-01, 2024-02",
    "2024-03-31, 2024-02",
    "2026-02-01, 2026-01"
  })
  void nightlyUnitRunsYearToDateUpToTheLastCompleteMonth(String today, String asOf)
      throws Exception {
    Ran r = exec(execStart("rollup-nightly.service"), settings(today));
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "/opt/rollup/rollup --input=/srv/rollup/input --output=/srv/rollup/nightly --asOf="
            + asOf
            + " --maxRejectRate=0.02 --failOnQuery\n",
        r.out());
  }

  @ParameterizedTest(name = "on {0}: --year={1}")
  @CsvSource({"2027-03-01, 2026", "2027-01-01, 2026", "2026-12-31, 2025"})
  void yearlyUnitRunsLastYearIntoItsOwnFolder(String today, String year) throws Exception {
    Ran r = exec(execStart("rollup-yearly.service"), settings(today));
    assertEquals(0, r.code(), r.err());
    assertEquals(
        "/opt/rollup/rollup --input=/srv/rollup/input --output=/srv/rollup/official/"
            + year
            + " --year="
            + year
            + " --maxRejectRate=0.02 --failOnQuery\n",
        r.out());
  }

  @Test
  void badSettingsExitTwoWithOneErrorLine() throws Exception {
    Ran r = exec(execStart("rollup-nightly.service"), Map.of("ROLLUP_TODAY", "2026-13-01"));
    assertEquals(2, r.code());
    assertEquals("error: ROLLUP_TODAY=2026-13-01 is not a date YYYY-MM-DD\n", r.err());
    Map<String, String> noInput = new java.util.HashMap<>(settings("2026-12-04"));
    noInput.remove("ROLLUP_INPUT");
    r = exec(execStart("rollup-nightly.service"), noInput);
    assertEquals(2, r.code());
    assertThat(r.err(), containsString("error: ROLLUP_INPUT is not set"));
  }

  @Test
  void cronRunsTheSameCommandsAsTheUnits() throws Exception {
    List<String> lines =
        Files.readAllLines(DEPLOY.resolve("rollup.cron")).stream()
            .filter(l -> !l.startsWith("#") && l.contains("rollup-run"))
            .toList();
    assertEquals(2, lines.size(), lines.toString());
    assertThat(lines.get(0), containsString("\"$ROLLUP_HOME/deploy/rollup-run\" nightly"));
    assertThat(lines.get(1), containsString("\"$ROLLUP_HOME/deploy/rollup-run\" yearly"));
    for (String l : lines) {
      assertTrue(!l.contains("%"), "cron turns % into a newline: " + l);
    }
  }

  /** A failed run reaches a person: the alert posts the run's error line to the webhook. */
  @Test
  void alertPostsTheErrorLineToTheWebhook(@TempDir Path dir) throws Exception {
    if (!onPath("curl") || !onPath("python3")) {
      Assumptions.abort("rollup-alert needs curl and python3, not installed here");
    }
    Path log = dir.resolve("nightly.log");
    Files.writeString(
        log,
        "rollup: reading /srv/rollup/input ...\n"
            + "error: production.csv changed while it was read; nothing was published\n");
    AtomicReference<String> body = new AtomicReference<>();
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          body.set(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(200, -1);
          ex.close();
        });
    server.start();
    try {
      String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
      Ran r =
          exec(
              List.of(
                  "bash", DEPLOY.resolve("rollup-alert").toString(), "rollup-nightly", "" + log),
              Map.of("ROLLUP_ALERT_WEBHOOK", url));
      assertEquals(0, r.code(), r.err());
    } finally {
      server.stop(0);
    }
    var json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(body.get());
    assertThat(
        json.get("text").asText(),
        containsString(
            "rollup-nightly: production.csv changed while it was read; nothing was published"));
  }
}
