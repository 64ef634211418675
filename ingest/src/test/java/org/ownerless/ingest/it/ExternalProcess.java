package org.ownerless.ingest.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A real client process (ffmpeg, gst-launch) whose output is kept for assertions and failure reports. */
final class ExternalProcess implements AutoCloseable {
  private final Process process;
  private final Path output;

  private ExternalProcess(Process process, Path output) {
    this.process = process;
    this.output = output;
  }

  static ExternalProcess start(List<String> command) throws IOException {
    Path output = Files.createTempFile("client-", ".log");
    Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
    return new ExternalProcess(p, output);
  }

  /** Waits for exit; returns the exit code, or -1 if it had to be killed after the timeout. */
  int waitFor(long seconds) throws InterruptedException {
    if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
      close();
      return -1;
    }
    return process.exitValue();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  String output() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(output unreadable: " + e.getMessage() + ")";
    }
  }

  /** Stops the client the way a user would (SIGTERM), then forcibly. */
  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    try {
      Files.deleteIfExists(output);
    } catch (IOException e) {
      // temp file
    }
  }
}
