package org.goalrollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code ./rollup} launcher hands the jar absolute {@code --input}, {@code --output} and {@code
 * --targets}, resolved in the folder it was started from (docs/cluster.md): run with a stand-in
 * {@code java} that prints what it was given, and a stand-in {@code mvn}.
 */
class LauncherPathsTest {
  static final Path LAUNCHER =
      RollupEndToEndTest.SAMPLE.getParent().getParent().resolve("rollup").toAbsolutePath();

  @Test
  void relativePathsReachTheJarAbsolute(@TempDir Path dir) throws Exception {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    for (String tool : List.of("java", "mvn")) {
      Path f = bin.resolve(tool);
      Files.writeString(f, "#!/bin/sh\nfor a in \"$@\"; do echo \"$a\"; done\n");
      Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
    Path cwd = Files.createDirectories(dir.resolve("work"));
    ProcessBuilder pb =
        new ProcessBuilder(
                "bash",
                LAUNCHER.toString(),
                "--runner=FlinkRunner",
                "--input=in/2020-12",
                "--output=out",
                "--targets=/etc/rollup/targets.csv",
                "--hdfsConfiguration=[]",
                "--year=2020")
            .directory(cwd.toFile())
            .redirectErrorStream(true);
    pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
    pb.environment().put("ROLLUP_JAVA_OPTS", "-Xmx1g");
    Process p = pb.start();
    p.getOutputStream().close();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    p.waitFor(60, TimeUnit.SECONDS);
    List<String> args = out.lines().dropWhile(a -> !a.startsWith("--runner")).toList();
    assertEquals(
        List.of(
            "--runner=FlinkRunner",
            "--input=" + cwd.toRealPath() + "/in/2020-12",
            "--output=" + cwd.toRealPath() + "/out",
            "--targets=/etc/rollup/targets.csv",
            "--hdfsConfiguration=[]",
            "--year=2020"),
        args,
        out);
  }
}
