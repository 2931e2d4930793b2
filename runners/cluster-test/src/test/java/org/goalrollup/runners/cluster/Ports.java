package org.goalrollup.runners.cluster;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** Free ports on the loopback address, and waiting for a daemon's HTTP status page. */
final class Ports {
  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Ports() {}

  /** A port nothing listens on now (the daemon given it binds it a moment later). */
  static int free() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  /**
   * Polls {@code http://localhost:port/path} until its body satisfies {@code ready}; fails after
   * {@code timeout} or as soon as {@code daemon} has died, with the end of its log.
   */
  static String await(
      String what,
      int port,
      String path,
      Predicate<String> ready,
      Process daemon,
      java.nio.file.Path log,
      Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    String last = "(no answer)";
    while (System.nanoTime() < deadline) {
      if (!daemon.isAlive()) {
        throw new AssertionError(
            what
                + " died at start (exit code "
                + daemon.exitValue()
                + "):\n"
                + Processes.tail(log));
      }
      try {
        HttpResponse<String> r =
            HTTP.send(
                HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .timeout(Duration.ofSeconds(10))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
        last = r.statusCode() + " " + r.body();
        if (r.statusCode() == 200 && ready.test(r.body())) {
          return r.body();
        }
      } catch (IOException e) {
        last = e.toString();
      }
      Thread.sleep(1000);
    }
    throw new AssertionError(
        what
            + " not ready after "
            + timeout
            + "; last answer: "
            + last
            + "\n"
            + Processes.tail(log));
  }
}
