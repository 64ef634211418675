package org.ownerless.app.testing;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * An `ownerless` command in a JVM of its own (same classpath as the tests), so a test can SIGKILL it
 * as a crash or power cut would, which an in-process server cannot show.
 */
final class AppProcess {
  private AppProcess() {}

  /** `ownerless ARGS...`, its output (stdout and stderr, not a terminal) going to {@code log}. */
  static Process start(List<String> args, Path log) throws IOException {
    List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "org.ownerless.app.Main"));
    cmd.addAll(args);
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /** SIGTERM (shutdown hooks run), SIGKILL if it has not exited 10 s later. */
  static void stop(Process process) throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor();
    }
  }
}
